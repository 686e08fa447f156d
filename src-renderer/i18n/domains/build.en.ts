// English messages of the build screens, and sentences for the error reasons its main code emits.
export const buildEn = {
  messages: {},
  reasons: {},
} as const
