import {errorMessage} from './errors.js'
import {DEFAULT_RETRY, retry, type RetryHooks, type RetryPolicy} from './retry.js'

// HTTP for the cloud APIs, through @actions/http-client (it honours HTTPS_PROXY and NO_PROXY as every action should).
// It is loaded on the first call only, from its file rather than by package name: tsconfig.json points the package
// name at a stub for the bundle's start-up path (see src/http-client-stub.ts), and users who never call an API never
// load it. ncc puts it, with undici, in a chunk of its own.
type HttpClientModule = typeof import('../node_modules/@actions/http-client/lib/index.js')
let httpClientModule: Promise<HttpClientModule> | undefined
const loadHttpClient = (): Promise<HttpClientModule> => (httpClientModule ??= import('../node_modules/@actions/http-client/lib/index.js'))

export interface ApiRequest {
  method: 'GET' | 'POST'
  url: URL
  headers: Record<string, string>
  body?: string
}

export interface ApiResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request that got no usable answer: no connection, a reset, a timeout, or a 5xx/429 after the last try. */
export class ApiTransportError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    /** How long the server asked us to wait (Retry-After), in ms. */
    readonly retryAfterMs?: number
  ) {
    super(message)
    this.name = 'ApiTransportError'
  }
}

/** A 5xx or 429 answer, thrown to make retry() try again; carries the answer so the last one can be reported. */
export class RetryableStatusError extends ApiTransportError {
  constructor(readonly response: ApiResponse) {
    super(`HTTP ${response.status}`, true, retryAfterMs(header(response, 'retry-after')))
    this.name = 'RetryableStatusError'
  }
}

/**
 * An answer that is not the API's own: a redirect (this client never follows one: the signed request would go to a
 * host it was not meant for), or a body past MAX_BODY_BYTES. Never retried: the same endpoint gives the same answer.
 */
export class UnusableAnswerError extends Error {
  constructor(
    /** The host that answered, for a message of its own. */
    readonly host: string,
    /** What it did, as a clause: "redirected to https://… (HTTP 302)". */
    readonly what: string
  ) {
    super(`${host} ${what}`)
    this.name = 'UnusableAnswerError'
  }
}

/**
 * Per try, the deadline of the whole exchange: connecting (through a proxy too), waiting, and reading the body. Long
 * enough for a slow API; short enough that three tries of a hung connection, with the waits between them (at most
 * DEFAULT_RETRY's 8 s each, whatever Retry-After asks), end within about 45 s.
 */
export const REQUEST_TIMEOUT_MS = 10_000

/**
 * The largest answer read. The cloud APIs answer with a few hundred bytes (a login, or an error); what sends more is
 * not the API (a proxy's or a portal's page, a file server behind a wrong 'api-endpoint'), and must not fill memory.
 */
export const MAX_BODY_BYTES = 1024 * 1024

/** "1 MiB" for the messages. */
const MAX_BODY_TEXT = `${MAX_BODY_BYTES / (1024 * 1024)} MiB`

// Network failures worth another try; anything else (a name that does not resolve, a bad certificate) will not change.
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH'])

/** Describes a network failure without echoing the request (its URL can carry signed parameters). */
function networkFailure(error: unknown, url: URL): ApiTransportError {
  const code = (error as NodeJS.ErrnoException)?.code
  const where = url.host
  if (code === 'ENOTFOUND') return new ApiTransportError(`${where} cannot be resolved (ENOTFOUND)`, false)
  if (code && TRANSIENT_CODES.has(code)) return new ApiTransportError(`${where}: ${code}`, true)
  if (code && /CERT|SSL|TLS/.test(code)) return new ApiTransportError(`${where}: TLS certificate problem (${code})`, false)
  // A handshake that fails outright: https to a plain-HTTP port, or a proxy that is not speaking TLS.
  if (code === 'EPROTO') return new ApiTransportError(`${where}: the TLS handshake failed (EPROTO): is it an https:// endpoint?`, false)
  const message = errorMessage(error)
  if (/socket hang up|timeout/i.test(message)) return new ApiTransportError(`${where}: ${/timeout/i.test(message) ? 'timed out' : 'connection closed'}`, true)
  return new ApiTransportError(`${where}: ${code ?? 'request failed'}`, false)
}

/**
 * What a redirect did, as a clause after the host that sent it: "redirected to https://other.example.com (HTTP 302)".
 * It names where it points by origin only (the rest of a Location can be our own signed query sent back), never more
 * than 100 characters, and says so when that is the same host.
 */
export function redirected(status: number, location: string | undefined, from: URL): string {
  if (location === undefined || location.trim() === '') return `answered HTTP ${status}, a redirect that says nowhere (no Location header)`
  let to: URL
  try {
    to = new URL(location, from)
  } catch {
    return `answered HTTP ${status}, a redirect to a Location that is not a URL`
  }
  if (to.origin === 'null') return `redirected to a ${to.protocol.slice(0, 20)} URL (HTTP ${status})`
  if (to.origin === from.origin) return `redirected to another path of its own (HTTP ${status})`
  return `redirected to ${to.origin.length > 100 ? `${to.origin.slice(0, 99)}…` : to.origin} (HTTP ${status})`
}

/** A body as text, or undefined when it runs past `cap` bytes (then the rest is not read: the stream is destroyed). */
async function readCapped(body: AsyncIterable<Buffer> & {destroy(): void}, cap: number): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > cap) {
      body.destroy()
      return undefined
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** One try, with a deadline on the whole exchange (connecting, waiting, and reading the body). */
async function sendOnce(request: ApiRequest, timeoutMs: number): Promise<ApiResponse> {
  const {HttpClient} = await loadHttpClient()
  const client = new HttpClient('cloud-registry-login', [], {socketTimeout: timeoutMs, allowRetries: false, allowRedirects: false, keepAlive: false})
  let timer: NodeJS.Timeout | undefined
  // Tears the connection down when the deadline passes, whatever phase it is in: the client's own socket timeout only
  // starts once a connection is made, and a connect that is never answered would otherwise keep the process alive
  // for minutes after the step has reported its failure.
  let destroy = (): void => client.dispose()
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      destroy()
      reject(new ApiTransportError(`${request.url.host}: no answer within ${timeoutMs / 1000} s`, true))
    }, timeoutMs)
  })
  try {
    return await Promise.race([
      (async () => {
        let response
        try {
          // An explicit length, rather than Node's chunked encoding for a POST, which some gateways refuse.
          const length = request.method === 'POST' ? {'content-length': String(Buffer.byteLength(request.body ?? '', 'utf8'))} : {}
          response = await client.request(request.method, request.url.toString(), request.body ?? null, {...request.headers, ...length})
        } catch (error) {
          throw networkFailure(error, request.url)
        }
        const {message} = response
        destroy = () => {
          message.destroy()
          client.dispose()
        }
        const status = message.statusCode ?? 0
        const host = request.url.host
        if (status >= 300 && status < 400) {
          message.destroy()
          const location = message.headers.location
          throw new UnusableAnswerError(host, redirected(status, location, request.url))
        }
        const oversized = (): UnusableAnswerError => new UnusableAnswerError(host, `sent an oversized answer (more than ${MAX_BODY_TEXT}; reading stopped there)`)
        // Refused before reading when the server says how big it is; counted as it arrives when it does not.
        if (Number(message.headers['content-length']) > MAX_BODY_BYTES) {
          message.destroy()
          throw oversized()
        }
        let body: string | undefined
        try {
          body = await readCapped(message, MAX_BODY_BYTES)
        } catch (error) {
          throw networkFailure(error, request.url)
        }
        if (body === undefined) throw oversized()
        return {status, headers: message.headers, body}
      })(),
      deadline
    ])
  } finally {
    clearTimeout(timer)
    client.dispose()
  }
}

/** Retry-After in ms: delay-seconds or an HTTP date; undefined when absent or not understood. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** Whether a status is worth another try: server errors and "slow down". Never 4xx: credentials do not heal. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429
}

/**
 * Sends a request built afresh for each try (signatures carry the time and a nonce, so a retry must be re-signed),
 * retrying network failures, 5xx and 429 with backoff. Returns the last response, whatever its status: the caller
 * reads the API's error from it. Throws ApiTransportError when no answer came.
 */
export async function sendWithRetry(build: () => ApiRequest, options: {policy?: RetryPolicy; timeoutMs?: number; hooks?: RetryHooks} = {}): Promise<ApiResponse> {
  try {
    return await retry(
      async () => {
        const response = await sendOnce(build(), options.timeoutMs ?? REQUEST_TIMEOUT_MS)
        if (isTransientStatus(response.status)) throw new RetryableStatusError(response)
        return response
      },
      error => error instanceof ApiTransportError && error.transient,
      options.policy ?? DEFAULT_RETRY,
      // A 429 or 503 may say when to come back; the wait is still capped by the policy, so a job never stalls on it.
      {minDelay: error => (error instanceof ApiTransportError ? error.retryAfterMs : undefined), ...options.hooks}
    )
  } catch (error) {
    // Out of tries on a 5xx/429: hand back that answer, so its error body is reported.
    if (error instanceof RetryableStatusError) return error.response
    throw error
  }
}

/** A response header as one string (case-insensitive name). */
export function header(response: ApiResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
