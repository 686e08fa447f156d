import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

// The rules in .dependency-cruiser.cjs, run by `npm test` on the real tree, are proved here on
// small made-up trees: each forbidden arrow is caught, and a tree in the right shape passes.
const ROOT = resolve(__dirname, '../..')
const CONFIG = join(ROOT, '.dependency-cruiser.cjs')
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
const run = promisify(execFile)

const IN_SHAPE: Record<string, string> = {
  'src-shared/contract/volumes.ts': 'export interface VolumeRow { name: string }\n',
  'src-main/streams/registry.ts': 'export const open = 1\n',
  'src-main/engine/volumes/service.ts':
    "import type { VolumeRow } from '../../../src-shared/contract/volumes'\nimport { open } from '../../streams/registry'\nexport const rows: VolumeRow[] = [{ name: String(open) }]\n",
  'src-main/transport/router.ts': "import { rows } from '../engine/volumes/service'\nexport const routed = rows\n",
  'src-main/window/main-window.ts': "import { routed } from '../transport/router'\nexport const shown = routed\n",
  'src-renderer/api/index.ts': 'export const api = () => 1\n',
  'src-renderer/shared/ui/format.ts': 'export const format = (n: number) => String(n)\n',
  'src-renderer/features/volumes/volumes-store.ts': "import { api } from '../../api'\nimport { format } from '../../shared/ui/format'\nexport const store = format(api())\n",
  'src-renderer/features/volumes/index.ts': "export { store } from './volumes-store'\n",
  'src-renderer/features/containers/containers-store.ts': "import { store } from '../volumes'\nexport const mounts = store\n",
}

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function violations(files: Record<string, string>): Promise<string[]> {
  dir = mkdtempSync(join(tmpdir(), 'berth-layers-'))
  const all = { ...files, 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }) }
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  const roots = ['src-shared', 'src-main', 'src-renderer'].filter((r) => Object.keys(files).some((f) => f.startsWith(`${r}/`)))
  // depcruise exits non-zero when it finds violations; the JSON on stdout is the answer either way.
  const out = await run(process.execPath, [DEPCRUISE, ...roots, '--config', CONFIG, '--output-type', 'json'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).catch((err: { stdout?: string }) => ({
    stdout: err.stdout ?? '',
  }))
  const result = JSON.parse(out.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } }
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
}

describe('the layer rules', () => {
  it('pass a tree in the agreed shape', async () => {
    expect(await violations(IN_SHAPE)).toEqual([])
  }, 60_000)

  it('catch an engine module that imports the transport (an arrow pointing up)', async () => {
    const found = await violations({ ...IN_SHAPE, 'src-main/engine/volumes/service.ts': "import { routed } from '../../transport/router'\nexport const rows = routed\n" })
    expect(found).toContain('domains-know-no-carrier: src-main/engine/volumes/service.ts → src-main/transport/router.ts')
  }, 60_000)

  it('catch a feature that reaches into another past its public entry', async () => {
    const found = await violations({ ...IN_SHAPE, 'src-renderer/features/containers/containers-store.ts': "import { store } from '../volumes/volumes-store'\nexport const mounts = store\n" })
    expect(found).toContain('feature-through-its-entry: src-renderer/features/containers/containers-store.ts → src-renderer/features/volumes/volumes-store.ts')
  }, 60_000)

  it('catch an import cycle, even one made of type-only imports', async () => {
    const found = await violations({
      ...IN_SHAPE,
      'src-main/engine/a.ts': "import type { B } from './b'\nexport interface A { b?: B }\n",
      'src-main/engine/b.ts': "import type { A } from './a'\nexport interface B { a?: A }\n",
    })
    expect(found.filter((v) => v.startsWith('no-cycle:'))).not.toEqual([])
  }, 60_000)

  it('catch a view that calls the API client itself, and shared code that imports main', async () => {
    const found = await violations({
      ...IN_SHAPE,
      'src-renderer/features/volumes/VolumesView.vue': '<script setup lang="ts">\nimport { api } from \'../../api\'\nconst n = api()\n</script>\n<template><p>{{ n }}</p></template>\n',
      'src-shared/contract/leak.ts': "import { rows } from '../../src-main/engine/volumes/service'\nexport const leaked = rows\n",
    })
    expect(found).toContain('views-call-no-api: src-renderer/features/volumes/VolumesView.vue → src-renderer/api/index.ts')
    expect(found).toContain('shared-imports-nothing-of-ours: src-shared/contract/leak.ts → src-main/engine/volumes/service.ts')
  }, 60_000)
})
