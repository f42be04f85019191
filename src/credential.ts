import type {RegistryAddress} from './registry.js'
import {rememberSecret} from './secrets.js'

// The types that both sides of the action share: the providers produce credentials, the engines consume them. Nothing
// here knows a vendor or an engine.

/** An access key pair, as both clouds' signers take it; `securityToken` marks a temporary (STS) pair. */
export interface KeyPair {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

/** What an engine needs to log in to a registry, and all it is told: where, who, and the password (a secret). */
export interface LoginCredential {
  registry: RegistryAddress
  username: string
  password: string
}

/** A login a cloud API handed out: who, the password, and until when it works (ISO 8601, when known). */
export interface TemporaryLogin {
  username: string
  password: string
  expiresAt?: string
}

/** The credential for one target: the engine's part, plus the region it is for and when it stops working. */
export interface Credential extends LoginCredential {
  region: string
  /** ISO 8601; absent for credentials that do not expire (SWR long-term key, ACR fixed password). */
  expiresAt?: string
}

/** Registers a secret with the runner, so that it is masked in every later line of the log. */
export type Mask = (secret: string) => void

/** Every form in which a credential can show up in a log: the password, `user:password`, and its base64. */
export function secretForms(credential: Pick<LoginCredential, 'username' | 'password'>): string[] {
  const userPass = `${credential.username}:${credential.password}`
  return [credential.password, userPass, Buffer.from(userPass, 'utf8').toString('base64')]
}

/**
 * The shortest value registered as a mask. The runner replaces every occurrence of a mask in the log, so a one-letter
 * secret would blank that letter everywhere (and the action's own log likewise). No credential is that short: the
 * secret inputs are refused when they are (inputs.ts), and the runner masks secrets as GitHub stores them anyway.
 */
export const MIN_MASK = 4

/**
 * A masking function that registers each value once (the runner needs no repeats, and the log stays short), and
 * remembers it for the action's own log (log.ts), which also takes out fragments of it: the runner masks whole values
 * only. Values shorter than MIN_MASK are not registered.
 */
export function maskOnce(mask: Mask): Mask {
  const masked = new Set<string>()
  return secret => {
    if (secret.length < MIN_MASK || masked.has(secret)) return
    masked.add(secret)
    rememberSecret(secret)
    mask(secret)
  }
}

/** Masks every secret form of a credential. */
export function maskCredential(credential: Pick<LoginCredential, 'username' | 'password'>, mask: Mask): void {
  for (const form of secretForms(credential)) mask(form)
}
