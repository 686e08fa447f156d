import { z } from 'zod'

// Container ids and names share this alphabet; anything else (paths, spaces, control
// characters) never reaches the engine.
export const objectRef = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must be a container id or name')

export const noParams = z.strictObject({}).optional()
