import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { renderRegistries, staleFiles, type GeneratedFile } from '../../scripts/gen-registries'

// The generated lists (scripts/gen-registries.ts) against the real tree, and the conventions that
// find their entries, on small made-up trees.
describe('the generated registries', () => {
  it('match the contract, main and feature files (else run `npm run registries`)', async () => {
    const { files } = await renderRegistries()
    for (const file of staleFiles(files)) expect.fail(`${file.path} is out of date: run \`npm run registries\``)
    expect(files.map((f) => f.path)).toEqual(['src-shared/contract/domains.generated.ts', 'src-main/domain-modules.generated.ts', 'src-renderer/app/i18n/feature-messages.generated.ts'])
  }, 60_000)
})

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const WIDGETS = {
  'src-shared/contract/widgets.ts': "export const widgetRequests = { 'widgets:list': request<string[]>()(noParams) }\n",
  'src-shared/contract/common.ts': 'export const noParams = 1\n',
  'src-main/engine/widgets/channels.ts': "export const widgetsDomain = defineDomain({\n  name: 'widgets',\n  create: () => ({ channels }),\n})\n",
  'src-renderer/features/widgets/i18n/en.ts': "export const gadgetsEn = { messages: { nav: 'Widgets' }, reasons: {} } as const\n",
}

async function render(files: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'berth-registries-'))
  for (const path of ['src-shared/contract', 'src-main', 'src-renderer/features']) mkdirSync(join(dir, path), { recursive: true })
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  const { files: generated, warnings } = await renderRegistries(dir)
  const text = (path: string) => (generated.find((f) => f.path === path) as GeneratedFile).text
  return {
    contract: text('src-shared/contract/domains.generated.ts'),
    main: text('src-main/domain-modules.generated.ts'),
    messages: text('src-renderer/app/i18n/feature-messages.generated.ts'),
    warnings,
  }
}

describe('the registries conventions', () => {
  it('take a contract file that exports …Requests or …Topics as the domain it is named for, and leave other contract files out', async () => {
    const { contract, warnings } = await render(WIDGETS)
    expect(contract).toContain("export * from './widgets'")
    expect(contract).toContain('widgets: { requests: widgetRequests, topics: {} }')
    expect(contract).not.toContain('common')
    expect(warnings).toEqual([])
  })

  it("list each `<domain>Domain = defineDomain(…)` of main under its domain's name", async () => {
    const { main } = await render(WIDGETS)
    expect(main).toContain("import { widgetsDomain } from './engine/widgets/channels'")
    expect(main).toContain('widgets: widgetsDomain')
  })

  it('type each feature’s English messages under the namespace its `<namespace>En` export names', async () => {
    const { messages } = await render(WIDGETS)
    expect(messages).toContain("import type { gadgetsEn } from '../../features/widgets/i18n/en'")
    expect(messages).toContain('gadgets: typeof gadgetsEn')
  })

  it('warn about a contract domain that has no main module', async () => {
    const { warnings } = await render({ ...WIDGETS, 'src-main/engine/widgets/channels.ts': 'export const widgets = 1\n' })
    expect(warnings).toEqual(['the contract domain widgets has no main module (export const widgetsDomain = defineDomain(…))'])
  })

  it('refuse two main modules for one domain', async () => {
    await expect(render({ ...WIDGETS, 'src-main/hub/widgets.ts': "export const widgetsDomain = defineDomain({ name: 'widgets' })\n" })).rejects.toThrow('two main modules for the domain widgets')
  })
})
