// English messages of the volumes screens, and sentences for the error reasons its main code emits.
export const volumesEn = {
  messages: {},
  reasons: {},
} as const
