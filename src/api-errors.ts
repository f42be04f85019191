import {percentEncode} from './percent-encode.js'
import {cut, redact, UserError} from './errors.js'
import {header, type ApiResponse} from './http.js'

/** A cloud API said no (or said something we cannot use). The message is for the log: it says what to do. */
export class ApiError extends UserError {
  constructor(message: string) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The error fields of a cloud API answer, whichever of the vendors' spellings it uses. */
export interface ApiErrorFields {
  code?: string
  message?: string
  requestId?: string
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined)

/**
 * Reads code, message and request ID from an error body. Huawei's gateway answers {error_code, error_msg,
 * request_id}; SWR itself {errors: [{errorCode, errorMessage}]} or a bare array of those; Huawei's classic IAM (v3)
 * {error: {code, message}}; Alibaba {Code, Message, RequestId} or, from some ROA APIs, {code, message, requestId}.
 * The request ID headers take precedence.
 */
export function errorFields(response: ApiResponse): ApiErrorFields {
  let body: unknown
  try {
    body = JSON.parse(response.body)
  } catch {
    body = undefined
  }
  const first = Array.isArray(body) ? body[0] : body
  const obj = (typeof first === 'object' && first !== null ? first : {}) as Record<string, unknown>
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  const nested = Array.isArray(obj.errors) && isObject(obj.errors[0]) ? obj.errors[0] : isObject(obj.error) ? obj.error : {}
  return {
    code:
      str(obj.error_code) ?? str(obj.errorCode) ?? str(obj.Code) ?? str(obj.code) ?? str(nested.errorCode) ?? str(nested.error_code) ??
      str(nested.code),
    message:
      str(obj.error_msg) ?? str(obj.errorMessage) ?? str(obj.Message) ?? str(obj.message) ?? str(obj.errorMsg) ??
      str(nested.errorMessage) ?? str(nested.error_msg) ?? str(nested.message),
    requestId:
      header(response, 'x-request-id') ?? header(response, 'x-acs-request-id') ?? str(obj.request_id) ?? str(obj.RequestId) ??
      str(obj.requestId)
  }
}

/** A secret as it appears raw, and percent-encoded once and twice (as it does in an echoed string to sign). */
export function secretVariants(secrets: readonly string[]): string[] {
  return secrets.flatMap(s => [s, percentEncode(s), percentEncode(percentEncode(s)), encodeURIComponent(s)])
}

/** A value from an answer, for a message: the given secrets taken out, on one line, at most `max` characters. */
export function shortValue(value: string, secrets: readonly string[], max = 100): string {
  return cut(redact(value, secretVariants(secrets)).replace(/\s+/g, ' ').trim(), max)
}

// Where a labelled echo of the signed request starts in an error message: Huawei's gateway sends back the canonical
// request it computed ("…, canonicalRequest:POST\n/v2/…\nx-security-token:…"), Alibaba the string to sign ("… server
// string to sign is:POST&%2F&…SecurityToken%3D…"); both hold the security token, and every header name signed.
const ECHO_LABEL = /,?\s*(?:canonical[ _-]?request|(?:server )?string[ _-]?to[ _-]?sign)/i

// Where an echo without its label starts: the next line (a canonical request or an ROA string to sign is one part per
// line, the cloud's own words are one line), a signed header as it stands in one ("x-sdk-date:2026…",
// "x-security-token:…", "x-acs-…:…", no space after the colon), or an RPC string to sign ("POST&%2F&").
const ECHO_UNLABELLED = /[\r\n]|\bx-(?:sdk|security|acs)[\w-]*:(?=\S)|\b(?:GET|POST)&%2F/i

/**
 * The cloud's message, cut down for a log line: one line, at most 300 characters, and never past an echo of the
 * signed request (Huawei's gateway sends back the canonical request it computed, Alibaba's the string to sign, both
 * with the security token in them), with the given secrets, raw or percent-encoded, taken out in any case.
 */
export function cleanMessage(message: string | undefined, secrets: readonly string[]): string | undefined {
  if (message === undefined) return undefined
  // Redacted first: a secret cut in two by the length cap would no longer be found whole.
  const text = (redact(message, secretVariants(secrets)).split(ECHO_LABEL)[0] ?? '').replace(/\s+/g, ' ').trim()
  return cut(text, 300)
}

/**
 * The words of an error message that advice may match: the cloud's own, before any echo of the request, labelled or
 * not, with the given secrets taken out. An echo names every header and field sent ("x-security-token", "x-sdk-date",
 * "OIDCProviderArn"), and a secret may hold any word, so advice that read them would blame the token, the clock or the
 * provider for what the message said of the key ID.
 */
export function adviceText(message: string | undefined, secrets: readonly string[]): string {
  return (redact(message ?? '', secretVariants(secrets)).split(ECHO_LABEL)[0] ?? '').split(ECHO_UNLABELLED)[0]?.trim() ?? ''
}

/**
 * "API said: CODE: message (HTTP 401, request ID x)". The code and request ID are cut too (a code is a word and an ID
 * about 40 characters; anything longer is not what it claims to be) and kept to one line.
 */
export function describe(status: number, fields: ApiErrorFields, secrets: readonly string[]): string {
  const short = (value: string | undefined): string | undefined => (value === undefined ? undefined : shortValue(value, secrets))
  const said = [short(fields.code), cleanMessage(fields.message, secrets)].filter(Boolean).join(': ') || 'no error details'
  const requestId = short(fields.requestId)
  const extra = [`HTTP ${status}`, requestId ? `request ID ${requestId}` : undefined].filter(Boolean).join(', ')
  return `${said} (${extra})`
}

/** What refuseExpired names: who issued what, until when, and what was asked for. */
export interface Issued {
  /** Who answered with what: "SWR CreateSecret in cn-north-4 answered with a login". */
  what: string
  /** ISO 8601, as read from the answer; undefined when it gave none (then nothing is refused). */
  expiresAt: string | undefined
  /** The validity asked for ('duration'), when one was. */
  durationSeconds?: number
  requestId?: string
}

/**
 * Refuses a login or key pair that had expired when it arrived: it would fail at its first use, and the log would
 * call it valid until a time already past. The runner's clock is the likely cause: every signed call would fail
 * against a clock that far off. Throws ApiError.
 */
export function refuseExpired({what, expiresAt, durationSeconds, requestId}: Issued, now: number = Date.now()): void {
  if (expiresAt === undefined || Date.parse(expiresAt) > now) return
  const id = requestId === undefined ? '' : ` (request ID ${shortValue(requestId, [])})`
  const duration = durationSeconds === undefined ? '' : `, and 'duration' (${durationSeconds} s asked for)`
  throw new ApiError(
    `${what} that had already expired on arrival: valid until ${expiresAt}, and the runner's clock says ` +
      `${new Date(now).toISOString()}${id}. Check the runner's clock (NTP), which is likely ahead of the cloud's${duration}; ` +
      `then run the job again.`
  )
}
