import {UserError} from './errors.js'

/**
 * The kinds of failure an engine can meet when it logs in. The engine says which kind it saw and what that means for
 * the engine; what to do about the credential (which input, which console page) is the provider's to say.
 */
export type FailureKind =
  /** The registry rejected the user name or password. */
  | 'unauthorized'
  /** The registry refused an account it knows (permissions, a frozen account). */
  | 'denied'
  /** The registry blocks the account for a while (too many requests or failed logins). */
  | 'blocked'
  /** The registry's host name does not resolve. */
  | 'not-found'
  /** The registry's certificate is not trusted or not valid. */
  | 'tls'
  /** Anything else: the network, the registry's health, the engine itself. Providers have nothing to add. */
  | 'other'

/** A login that an engine could not make. `transient`: another try soon may work. */
export class EngineFailure extends UserError {
  constructor(
    readonly kind: FailureKind,
    /** What happened, for the engine: names the registry, and what to do about the engine itself, if anything. */
    readonly statement: string,
    /** The engine's own words (secret-free), shown after the statement and any advice; '' when there are none. */
    readonly detail: string,
    readonly transient = false
  ) {
    super(composeFailure(statement, undefined, detail))
    this.name = 'EngineFailure'
  }

  /** The message with the provider's advice in it, for the log. */
  withAdvice(advice: string | undefined): string {
    return composeFailure(this.statement, advice, this.detail)
  }
}

function composeFailure(statement: string, advice: string | undefined, detail: string): string {
  return [statement, advice].filter(Boolean).join(' ') + (detail ? ` (${detail})` : '')
}
