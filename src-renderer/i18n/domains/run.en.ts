// English messages of the run screens, and sentences for the error reasons its main code emits.
export const runEn = {
  messages: {},
  reasons: {},
} as const
