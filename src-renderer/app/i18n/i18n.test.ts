import { baseCompile } from '@intlify/message-compiler'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { ko } from './ko'
import { i18n, loadLocale } from './index'

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv)
  }
  return out
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('messages', () => {
  const enLeaves = leaves(en)
  const koLeaves = leaves(ko)

  it('Korean has exactly the English keys', () => {
    expect([...koLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort())
  })

  it('Korean uses the same placeholders as English in every message', () => {
    for (const [key, text] of enLeaves) {
      expect({ key, names: [...new Set(placeholders(koLeaves.get(key) ?? ''))] }).toEqual({ key, names: [...new Set(placeholders(text))] })
    }
  })

  it('every message compiles (a stray @ or | is syntax in vue-i18n)', () => {
    for (const [key, text] of [...enLeaves, ...koLeaves]) {
      const errors: string[] = []
      baseCompile(text, { onError: (e) => errors.push(e.message) })
      expect({ key, errors }).toEqual({ key, errors: [] })
    }
  })

  it('no message is empty', () => {
    for (const [key, text] of [...enLeaves, ...koLeaves]) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false })
  })
})

describe('error reasons', () => {
  // Every reason main can put on an error needs a sentence in each language.
  const mainDir = join(__dirname, '../../../src-main')
  const sources = (readdirSync(mainDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  const reasons = new Set(sources.flatMap((f) => [...readFileSync(join(mainDir, f), 'utf8').matchAll(/reason: '([a-z_]+)'/g)].map((m) => m[1] as string)))

  it('finds the reasons main uses', () => {
    expect(reasons.has('engine_unreachable')).toBe(true)
  })

  it('has a translated sentence for every reason main uses', () => {
    const known = Object.keys(en.errors.reasons)
    expect([...reasons].filter((r) => !known.includes(r))).toEqual([])
  })
})

describe('loadLocale', () => {
  it('brings in the Korean messages on first use, so the start-up chunk needs only English', async () => {
    const t = (key: string) => i18n.global.t(key, {}, { locale: 'ko' })
    expect(t('app.nav.containers')).toBe(en.app.nav.containers)
    await loadLocale('ko')
    expect(t('app.nav.containers')).toBe(ko.app.nav.containers)
  })
})
