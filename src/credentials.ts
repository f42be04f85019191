import type {Auth} from './inputs.js'
import type {RegistryAddress} from './registry.js'
import {swrLoginKey, swrUsername} from './swr.js'

/** What one registry login needs: where, who, the password (a secret), and until when it works. */
export interface Credential {
  region: string
  registry: RegistryAddress
  username: string
  password: string
  /** ISO 8601; absent for credentials that do not expire (SWR long-term key, ACR fixed password). */
  expiresAt?: string
}

/** Every form in which a credential can show up in a log: the password, `user:password`, and its base64. */
export function secretForms(credential: Pick<Credential, 'username' | 'password'>): string[] {
  const userPass = `${credential.username}:${credential.password}`
  return [credential.password, userPass, Buffer.from(userPass, 'utf8').toString('base64')]
}

/** A masking function that registers each value once (the runner needs no repeats, and the log stays short). */
export function maskOnce(mask: (secret: string) => void): (secret: string) => void {
  const masked = new Set<string>()
  return secret => {
    if (secret === '' || masked.has(secret)) return
    masked.add(secret)
    mask(secret)
  }
}

/** Masks every secret form of a credential. */
export function maskCredential(credential: Pick<Credential, 'username' | 'password'>, mask: (secret: string) => void): void {
  for (const form of secretForms(credential)) mask(form)
}

/**
 * The credential for a region when no API call is needed: the SWR long-term login key, derived from the key pair, or
 * ACR's fixed access password. Undefined for the kinds that come from an API. `mask` receives every secret form
 * before the credential is returned (the SWR key the moment it is derived).
 */
export function localCredential(
  auth: Auth,
  region: string,
  registry: RegistryAddress,
  mask: (secret: string) => void
): Credential | undefined {
  let credential: Credential
  if (auth.kind === 'swr-long-term') {
    const key = swrLoginKey(auth.accessKeyId, auth.accessKeySecret)
    mask(key)
    credential = {region, registry, username: swrUsername(region, auth.accessKeyId), password: key}
  } else if (auth.kind === 'acr-password') {
    credential = {region, registry, username: auth.username, password: auth.password}
  } else {
    return undefined
  }
  maskCredential(credential, mask)
  return credential
}
