// English messages of the hub screens, and sentences for the error reasons its main code emits.
export const hubEn = {
  messages: {},
  reasons: {},
} as const
