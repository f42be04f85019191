import {percentEncode} from './percent-encode.js'
import {cut, redact, UserError} from './errors.js'
import type {ApiResponse} from './http.js'

/** A cloud API said no (or said something we cannot use). The message is for the log: it says what to do. */
export class ApiError extends UserError {
  constructor(message: string) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The error fields of an API answer: code, message and request ID, wherever the service puts them. */
export interface ApiErrorFields {
  code?: string
  message?: string
  requestId?: string
}

/**
 * How one service words its errors. Each provider defines its cloud's (providers/<name>/errors.ts) and hands it to the
 * shared code with every answer it reads, so that this module, api-call.ts and oidc/exchange.ts know no vendor.
 */
export interface ErrorDialect {
  /** Code, message and request ID of an error answer, from wherever this service puts them. */
  fields(response: ApiResponse): ApiErrorFields
  /**
   * Where a labelled echo of the signed request starts in a message ("…, canonicalRequest:POST…"), for a service that
   * sends one back: it holds the security token and every header signed. The cloud's own words end there.
   */
  echoLabel?: RegExp
  /** Where an echo without its label starts on the message's first line: a signed header as it stands in one. */
  echoUnlabelled?: RegExp
  /** A gateway's code for "no such API at this address", for a service behind one. */
  noSuchApi?: RegExp
}

/** A field of an error answer as text: a non-empty string, or a number (some codes are); undefined otherwise. */
export const fieldText = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined)

/** Whether a value is a JSON object (not an array, not null). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** An answer's body as JSON, or undefined when it is not JSON (a proxy's page, an empty body). */
export function jsonBody(response: ApiResponse): unknown {
  try {
    return JSON.parse(response.body)
  } catch {
    return undefined
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

// Where an echo of the request starts whatever the service: the next line (a canonical request or a string to sign is
// one part per line, a cloud's own words are one line).
const NEXT_LINE = /[\r\n]/

/** The text before the first match of `pattern`, or all of it. */
const before = (text: string, pattern: RegExp | undefined): string => (pattern === undefined ? text : (text.split(pattern)[0] ?? ''))

/**
 * The service's message, cut down for a log line: one line, at most 300 characters, and never past the dialect's
 * labelled echo of the signed request (which holds the security token), with the given secrets, raw or percent-encoded,
 * taken out in any case.
 */
export function cleanMessage(message: string | undefined, secrets: readonly string[], dialect: ErrorDialect): string | undefined {
  if (message === undefined) return undefined
  // Redacted first: a secret cut in two by the length cap would no longer be found whole.
  const text = before(redact(message, secretVariants(secrets)), dialect.echoLabel)
    .replace(/\s+/g, ' ')
    .trim()
  return cut(text, 300)
}

/**
 * The words of an error message that advice may match: the service's own, before any echo of the request, labelled
 * or not, with the given secrets taken out. An echo names every header and field sent ("x-security-token",
 * "x-sdk-date", "OIDCProviderArn"), and a secret may hold any word, so advice that read them would blame the token,
 * the clock or the provider for what the message said of the key ID.
 */
export function adviceText(message: string | undefined, secrets: readonly string[], dialect: ErrorDialect): string {
  const own = before(redact(message ?? '', secretVariants(secrets)), dialect.echoLabel)
  return before(before(own, NEXT_LINE), dialect.echoUnlabelled).trim()
}

/**
 * "API said: CODE: message (HTTP 401, request ID x)". The code and request ID are cut too (a code is a word and an ID
 * about 40 characters; anything longer is not what it claims to be) and kept to one line.
 */
export function describe(status: number, fields: ApiErrorFields, secrets: readonly string[], dialect: ErrorDialect): string {
  const short = (value: string | undefined): string | undefined => (value === undefined ? undefined : shortValue(value, secrets))
  const said = [short(fields.code), cleanMessage(fields.message, secrets, dialect)].filter(Boolean).join(': ') || 'no error details'
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
