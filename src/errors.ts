import {inspect} from 'node:util'
import {UNSAFE} from './limits.js'
import {redactSecrets} from './secrets.js'

/**
 * An error whose message is written for the person reading the job log: it names the input or the thing that
 * failed and says what to do. Anything else that reaches the top level is reported with its message as is.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

/** The message of anything thrown, including non-Error values (a rejected string, say), never "[object Object]". */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error !== 'object' || error === null) return String(error)
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    // Circular, or holds a BigInt: inspect copes with both.
    return inspect(error, {depth: 2, breakLength: Infinity})
  }
}

/**
 * Replaces every occurrence of each secret in `text`, and every fragment of one at least MIN_FRAGMENT characters long
 * (an API that echoes half a token, a message cut in the middle of a password), with "***". The runner masks registered
 * secrets in its log anyway, but only whole; this keeps them out of error messages and state even when the runner is
 * not the one printing.
 */
export function redact(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets)
}

/** The most characters of one external value quoted in a message; longer ones are cut, with "…". */
export const MAX_QUOTED = 100

const NAMED: Record<string, string> = {'\t': '\\t', '\n': '\\n', '\r': '\\r'}

/** A visible escape for one such character: \t, \n, \r, \x1b, \u200b. */
export function visible(char: string): string {
  const code = char.codePointAt(0) ?? 0
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
}

/**
 * An external value (an input, a path, a name) for a message: in single quotes, with every control and format
 * character, line breaks included, shown as an escape, and cut to MAX_QUOTED characters (a 100 KB input gives a
 * short message). Never for a secret.
 */
export function quote(value: string, max = MAX_QUOTED): string {
  return `'${cut(value.replace(UNSAFE, visible), max)}'`
}

/** `text` at most `max` characters long: cut, with an ellipsis, when it is longer. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
