import type { z } from 'zod'

// A channel is declared once: its params schema (checked at runtime in main) and its
// result type (checked at compile time on both sides). `result` is a type carrier only.
export interface RequestDef<P extends z.ZodType, R> {
  params: P
  result: R
}

export interface TopicDef<P extends z.ZodType, M> {
  params: P
  message: M
}

export function request<R>() {
  return <P extends z.ZodType>(params: P): RequestDef<P, R> => ({ params, result: undefined as R })
}

export function topic<M>() {
  return <P extends z.ZodType>(params: P): TopicDef<P, M> => ({ params, message: undefined as M })
}
