import { onBeforeUnmount, ref } from 'vue'
import type { VolumeProgress } from '../../../src-shared/contract/volumes'
import { progressToken } from './volume-form'
import { followVolumeProgress } from './volumes-service'

/**
 * Follows one transfer's progress (`volumes:progress`): `begin()` subscribes under a fresh
 * token before the transfer is asked for, and returns the token to pass along; `end()` (or
 * leaving the screen) drops the subscription.
 */
export function useVolumeProgress() {
  const progress = ref<VolumeProgress | null>(null)
  let off: (() => void) | null = null

  async function begin(): Promise<string> {
    end()
    const token = progressToken()
    progress.value = { bytes: 0, expected: null, done: false }
    off = await followVolumeProgress(token, (p) => {
      progress.value = p
      if (p.done) end()
    })
    return token
  }

  function end(): void {
    off?.()
    off = null
  }

  onBeforeUnmount(end)
  return { progress, begin, end }
}
