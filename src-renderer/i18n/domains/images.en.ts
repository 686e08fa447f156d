// English messages of the images screens, and sentences for the error reasons its main code emits.
export const imagesEn = {
  messages: {},
  reasons: {},
} as const
