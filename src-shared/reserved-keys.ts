/**
 * Keys main refuses anywhere in a payload (transport/guard.ts): as object keys they can reach a
 * prototype instead of making an entry. Forms that turn typed `key=value` lines into an object
 * refuse them first, naming the line, instead of losing the entry or failing on sending.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])
