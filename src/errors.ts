import {inspect} from 'node:util'
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
