// English messages of the networks screens, and sentences for the error reasons its main code emits.
export const networksEn = {
  messages: {},
  reasons: {},
} as const
