import {ApiError} from '../api-errors.js'
import type {Mask} from '../credential.js'
import {quote} from '../errors.js'
import type {ApiResponse} from '../http.js'
import type {Keys} from '../providers/key-source.js'
import type {TokenClaims} from '../providers/keyless.js'
import {isoTime} from '../time.js'

// What the clouds' token exchanges (providers/<name>/oidc.ts) share: reading the temporary keys from an answer, and
// the token's subject for the messages that ask to compare it with a trust condition. Loaded with them only.

/** The object under `name` in a JSON answer (Alibaba's "Credentials", Huawei's "credentials"), or an ApiError. */
export function answerObject(service: string, response: ApiResponse, name: string): Record<string, unknown> {
  let value: unknown
  try {
    value = (JSON.parse(response.body) as Record<string, unknown>)[name]
  } catch {
    throw new ApiError(`${service} answered HTTP ${response.status} with a body that is not JSON. Run the job again; if it persists, check 'sts-endpoint'.`)
  }
  if (typeof value !== 'object' || value === null) {
    throw new ApiError(`${service} answered HTTP ${response.status} without "${name}". Run the job again; if it persists, check 'sts-endpoint'.`)
  }
  return value as Record<string, unknown>
}

/** Where each part of the keys is in an answer's object, by the cloud's names. */
export interface KeyFields {
  id: string
  secret: string
  token: string
  expiry: string
}

/** The keys in an answer's object, the secrets first and each masked the moment it is read (the key ID too). */
export function keysIn(service: string, object: Record<string, unknown>, names: KeyFields, mask: Mask): Keys {
  const read = (name: string): string => {
    const value = object[name]
    if (typeof value !== 'string' || value === '') throw new ApiError(`${service} answered without "${name}". Run the job again; if it persists, check 'sts-endpoint'.`)
    mask(value)
    return value
  }
  const accessKeySecret = read(names.secret)
  const securityToken = read(names.token)
  const accessKeyId = read(names.id)
  const expiry = object[names.expiry]
  return {accessKeyId, accessKeySecret, securityToken, expiresAt: isoTime(typeof expiry === 'string' ? expiry : undefined)}
}

/** The token's subject, quoted, for a message that asks to compare it with a condition (it is not secret). */
export function subjectOf(claims: TokenClaims): string {
  return claims.sub === undefined ? 'not known (the token has no sub claim)' : quote(claims.sub, 300)
}
