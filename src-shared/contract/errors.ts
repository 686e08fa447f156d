// Errors are values that cross the contract: a code for the UI to choose an action,
// a sentence for a person, and details (including an i18n `reason` key) for translation.
export const ERROR_CODES = ['ENGINE_UNREACHABLE', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT', 'PERMISSION_DENIED', 'CANCELLED', 'RATE_LIMITED', 'INTERNAL'] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export type ErrorDetails = Record<string, string | number | boolean | null | string[]>

export interface BerthErrorShape {
  code: ErrorCode
  message: string
  details?: ErrorDetails
}

export class BerthError extends Error implements BerthErrorShape {
  readonly code: ErrorCode
  readonly details?: ErrorDetails

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message)
    this.name = 'BerthError'
    this.code = code
    this.details = details
  }

  toJSON(): BerthErrorShape {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message }
  }
}

export function isErrorShape(value: unknown): value is BerthErrorShape {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string'
}

/** What a failed call rejected with, as the contract's error value: anything else is INTERNAL. */
export function toErrorShape(err: unknown): BerthErrorShape {
  return isErrorShape(err) ? err : { code: 'INTERNAL', message: String(err) }
}

/** Rebuilds a BerthError from its wire shape (renderer side). */
export function fromErrorShape(shape: BerthErrorShape): BerthError {
  return new BerthError(shape.code, shape.message, shape.details)
}
