import { createPinia, setActivePinia } from 'pinia'
import { expect } from 'vitest'
import { useEngineStore } from '../stores/engine'
import { gate, liveMain, resetLiveMain, sendPatches, settle, status } from './live-main'

// What every test of a live-list store does with the scripted main of live-main.ts. It imports
// the engine store, so a test imports this file only after mocking the API client with liveApi
// (the mock itself loads live-main.ts, which imports no store).

/** A fresh Pinia, main answering `list`, and the engine store started; connected unless told otherwise. */
export async function startLiveEngine(list: unknown[], { connected = true } = {}): Promise<void> {
  setActivePinia(createPinia())
  resetLiveMain(list)
  await useEngineStore().start()
  if (connected) liveMain.onStatus?.(status('connected'))
}

/** Acquires while main holds back its acceptance of the changes subscription; nothing may be listed until it accepts. */
export async function acquireOnceSubscribed(acquire: () => Promise<void>): Promise<void> {
  const accepted = gate()
  liveMain.subscribeGate = accepted.promise
  const acquired = acquire()
  await settle()
  expect(liveMain.listCalls).toBe(0)
  accepted.open()
  await acquired
}

/** Acquires while main holds the first list back and sends these patches meanwhile. */
export async function acquireWithPatchesDuringList(acquire: () => Promise<void>, ...patches: Array<{ key: string; row: unknown }>): Promise<void> {
  const listed = gate()
  liveMain.listGate = listed.promise
  const acquired = acquire()
  await settle()
  sendPatches(...patches)
  listed.open()
  await acquired
}

/** The engine goes away (the store must drop its rows). */
export const engineGone = () => liveMain.onStatus?.(status('disconnected'))

/** The engine comes back, now listing these rows. */
export async function engineBackWith(list: unknown[]): Promise<void> {
  liveMain.list = list
  liveMain.onStatus?.(status('connected'))
  await settle()
}
