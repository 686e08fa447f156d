// English messages of the files screens, and sentences for the error reasons its main code emits.
export const filesEn = {
  messages: {},
  reasons: {},
} as const
