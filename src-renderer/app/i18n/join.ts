/** A feature's messages file (features/<name>/i18n/en.ts, ko.ts): its screens' texts and its error reasons' sentences. */
interface FeatureFile {
  messages: object
  reasons: object
}

/** The shared messages (shared/i18n/en.ts, ko.ts); the error codes and common reasons are in `errors`. */
interface CommonFile {
  errors: { codes: object; reasons: object }
}

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never

/** The shared messages, each feature's under its namespace, and every feature's reasons in `errors.reasons`. */
export type Joined<C extends CommonFile, F extends { [N in keyof F]: FeatureFile }> = Omit<C, 'errors'> & { [N in keyof F]: F[N]['messages'] } & {
  errors: { codes: C['errors']['codes']; reasons: C['errors']['reasons'] & Intersection<F[keyof F]['reasons']> }
}

/**
 * The features' messages files by namespace, from import.meta.glob's modules: each exports one
 * `<namespace>En` (or `<namespace>Ko`), the name scripts/gen-registries.ts types them by.
 */
export function byNamespace<F>(modules: Record<string, unknown>, suffix: 'En' | 'Ko'): F {
  const out: Record<string, unknown> = {}
  for (const [path, module] of Object.entries(modules)) {
    const exports = module as Record<string, unknown>
    const names = Object.keys(exports).filter((name) => name.endsWith(suffix))
    if (names.length !== 1) throw new Error(`${path} must export one <namespace>${suffix} (found ${names.length})`)
    const name = names[0] as string
    out[name.slice(0, -suffix.length)] = exports[name]
  }
  return out as F
}

export function joinMessages<C extends CommonFile, F extends { [N in keyof F]: FeatureFile }>(common: C, features: F): Joined<C, F> {
  const byName = Object.entries(features) as [string, FeatureFile][]
  const taken = byName.find(([namespace]) => namespace in common)
  if (taken) throw new Error(`the message namespace ${taken[0]} is the shared messages' own`)
  return {
    ...common,
    ...Object.fromEntries(byName.map(([namespace, file]) => [namespace, file.messages])),
    errors: { codes: common.errors.codes, reasons: Object.assign({}, common.errors.reasons, ...byName.map(([, file]) => file.reasons)) },
  } as Joined<C, F>
}
