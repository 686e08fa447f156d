// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { HubTag } from '../../../src-shared/contract/hub'
import { commonEn } from '../../shared/i18n/en'
import { hubEn } from './i18n/en'
import HubTagsTable from './HubTagsTable.vue'

// Tag names are the repository owner's to choose: one named like an inherited property must get
// the default platform like any other tag, not whatever every object inherits under that name.
const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: { ...commonEn, hub: hubEn.messages } } })

const tag = (name: string): HubTag => ({
  name,
  fullSize: 1,
  lastUpdated: null,
  digest: 'sha256:index00000000',
  images: [
    { os: 'linux', architecture: 'amd64', variant: null, digest: 'sha256:amd64amd64amd64', size: 1000, lastPushed: null },
    { os: 'linux', architecture: 'arm64', variant: null, digest: 'sha256:arm64arm64arm64', size: 2000, lastPushed: null },
  ],
})

function render(tags: HubTag[]) {
  return mount(HubTagsTable, { props: { tags, reference: (t: string) => `app:${t}`, enginePlatform: 'linux/arm64', now: Date.now() }, global: { plugins: [i18n] } })
}

describe('HubTagsTable', () => {
  it.each(['constructor', '__proto__', 'toString', 'latest'])('a tag named %s shows and pulls the engine’s platform until another is chosen', async (name) => {
    const w = render([tag(name)])
    expect(w.find('td.digest').text()).toBe('arm64arm64ar')
    expect((w.find('select').element as HTMLSelectElement).value).toBe('linux/arm64')
    await w.find(`button[aria-label="${hubEn.messages.pullRef.replace('{ref}', `app:${name}`)}"]`).trigger('click')
    expect(w.emitted('pull')).toEqual([[`app:${name}`, 'linux/arm64']])

    await w.find('select').setValue('linux/amd64')
    expect(w.find('td.digest').text()).toBe('amd64amd64am')
    await w.find(`button[aria-label="${hubEn.messages.pullRef.replace('{ref}', `app:${name}`)}"]`).trigger('click')
    expect(w.emitted('pull')?.[1]).toEqual([`app:${name}`, 'linux/amd64'])
  })
})
