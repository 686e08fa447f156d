// English messages of the disk screens, and sentences for the error reasons its main code emits.
export const diskEn = {
  messages: {},
  reasons: {},
} as const
