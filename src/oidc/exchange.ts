import {ApiError, describe, shortValue, type ErrorDialect} from '../api-errors.js'
import type {Mask} from '../credential.js'
import {quote} from '../errors.js'
import type {ApiResponse} from '../http.js'
import type {Keys} from '../providers/key-source.js'
import type {TokenClaims} from '../providers/keyless.js'
import {isoTime} from '../time.js'

// What the clouds' token exchanges (providers/<name>/oidc.ts) share: reading the temporary keys from an answer, telling
// a refusal of the service from an answer of something else at 'sts-endpoint', and the token's subject for the
// messages that ask to compare it with a trust condition. Each reads the answer in the dialect of the cloud that calls
// it. Loaded with them only.

/** "<service> answered HTTP 200 (request ID x)": an answer named with its request ID, for the cloud's support. */
function answered(service: string, response: ApiResponse, dialect: ErrorDialect): string {
  const requestId = dialect.fields(response).requestId
  return `${service} answered HTTP ${response.status}${requestId === undefined ? '' : ` (request ID ${shortValue(requestId, [])})`}`
}

/** The object under `name` in a JSON answer (Alibaba's "Credentials", Huawei's "credentials"), or an ApiError. */
export function answerObject(service: string, response: ApiResponse, name: string, dialect: ErrorDialect): Record<string, unknown> {
  let value: unknown
  try {
    value = (JSON.parse(response.body) as Record<string, unknown>)[name]
  } catch {
    throw new ApiError(`${answered(service, response, dialect)} with a body that is not JSON. Run the job again; if it persists, check 'sts-endpoint'.`)
  }
  if (typeof value !== 'object' || value === null) {
    throw new ApiError(`${answered(service, response, dialect)} without "${name}". Run the job again; if it persists, check 'sts-endpoint'.`)
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

// What every key ID both clouds issue looks like: letters and digits (Alibaba's temporary ones begin "STS."), 16 to
// about 30 characters. The bounds are far outside that: only what cannot be a key ID is refused.
const KEY_ID_RE = /^[A-Za-z0-9.]+$/
const KEY_ID_MIN = 8
const KEY_ID_MAX = 128

/** Why a value from an answer is not a key ID, or undefined when it may be one. Never quotes it: it may be a secret. */
function notKeyId(value: string): string | undefined {
  if (!KEY_ID_RE.test(value)) return 'it holds characters other than letters, digits and dots'
  if (value.length < KEY_ID_MIN || value.length > KEY_ID_MAX) return `it is ${value.length} characters long`
  return undefined
}

/**
 * The keys in an answer's object (the one answerObject read from `response`), the secrets first and each masked the
 * moment it is read (the key ID too). A key ID that cannot be one is the service's fault, and said to be now: later,
 * the registry's API would refuse it as if the inputs were wrong, or a request would fail as if the network were.
 */
export function keysIn(service: string, response: ApiResponse, object: Record<string, unknown>, names: KeyFields, mask: Mask, dialect: ErrorDialect): Keys {
  const again = `Run the job again; if it persists, check 'sts-endpoint'.`
  const read = (name: string): string => {
    const value = object[name]
    if (typeof value !== 'string' || value === '') throw new ApiError(`${answered(service, response, dialect)} without "${name}". ${again}`)
    mask(value)
    return value
  }
  const accessKeySecret = read(names.secret)
  const securityToken = read(names.token)
  const accessKeyId = read(names.id)
  const why = notKeyId(accessKeyId)
  if (why !== undefined) {
    throw new ApiError(
      `${answered(service, response, dialect)} with a value of "${names.id}" that is not an access key ID (${why}; a key ID has ` +
        `${KEY_ID_MIN} to ${KEY_ID_MAX} letters, digits and dots). ${again}`
    )
  }
  const expiry = object[names.expiry]
  return {accessKeyId, accessKeySecret, securityToken, expiresAt: isoTime(typeof expiry === 'string' ? expiry : undefined)}
}

/**
 * The error for a refusal that is not the service's own, so that no advice reads it as one (a 404 from a wrong URL
 * is not "the provider does not exist"): a 404 or 405 without the service's error code or message (a web server's
 * page, a proxy's), or the gateway's "no such API here" in the cloud's dialect. Undefined when the answer is the
 * service's refusal.
 */
export function notTheService(service: string, endpoint: URL, response: ApiResponse, secrets: readonly string[], dialect: ErrorDialect): ApiError | undefined {
  const {status} = response
  const fields = dialect.fields(response)
  const noSuchApi = fields.code !== undefined && dialect.noSuchApi !== undefined && dialect.noSuchApi.test(fields.code)
  // Not found, or no such method: what a web server at a wrong URL says. Other refusals may come bare from the service.
  const foreign = (status === 404 || status === 405) && fields.code === undefined && fields.message === undefined
  if (!noSuchApi && !foreign) return undefined
  const what = noSuchApi ? `has no such API (${describe(status, fields, secrets, dialect)})` : `answered HTTP ${status} without an error code or message`
  return new ApiError(
    `${endpoint.origin} ${what}: that is not ${service} answering, so 'sts-endpoint' or a proxy is likely wrong. Check ` +
      `'sts-endpoint' (leave it out for the service's default), and the runner's proxy settings (HTTPS_PROXY, NO_PROXY).`
  )
}

/** The token's subject, quoted, for a message that asks to compare it with a condition (it is not secret). */
export function subjectOf(claims: TokenClaims): string {
  return claims.sub === undefined ? 'not known (the token has no sub claim)' : quote(claims.sub, 300)
}
