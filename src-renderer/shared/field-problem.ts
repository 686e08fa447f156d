/**
 * What is wrong with a form field: an i18n key under the form's `invalid` messages and, for
 * lists, the 1-based line.
 */
export interface FieldProblem {
  key: string
  line?: number
  /** An image reference mistake: its reason (errors.reasons.*) and the specifics for the sentence. */
  reason?: string
  params?: Record<string, string | number>
}
