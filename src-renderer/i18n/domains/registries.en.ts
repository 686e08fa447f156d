// English messages of the registries screens, and sentences for the error reasons its main code emits.
export const registriesEn = {
  messages: {},
  reasons: {},
} as const
