import {errorMessage} from './errors.js'
import {DEFAULT_RETRY, retry, type RetryHooks, type RetryPolicy} from './retry.js'

// HTTP for the cloud APIs, through @actions/http-client (it honours HTTPS_PROXY and NO_PROXY as every action should).
// It is loaded on the first call only, from its file rather than by package name: tsconfig.json points the package
// name at a stub for the bundle's start-up path (see src/http-client-stub.ts), and users who never call an API never
// load it. ncc puts it, with undici, in a chunk of its own.
type HttpClientModule = typeof import('../node_modules/@actions/http-client/lib/index.js')
let httpClientModule: Promise<HttpClientModule> | undefined
const loadHttpClient = (): Promise<HttpClientModule> =>
  (httpClientModule ??= import('../node_modules/@actions/http-client/lib/index.js'))

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

/** Per try: long enough for a slow API, short enough that three tries of a hung connection stay well under a minute. */
export const REQUEST_TIMEOUT_MS = 10_000

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
        destroy = () => {
          response.message.destroy()
          client.dispose()
        }
        let body: string
        try {
          body = await response.readBody()
        } catch (error) {
          throw networkFailure(error, request.url)
        }
        return {status: response.message.statusCode ?? 0, headers: response.message.headers, body}
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
export async function sendWithRetry(
  build: () => ApiRequest,
  options: {policy?: RetryPolicy; timeoutMs?: number; hooks?: RetryHooks} = {}
): Promise<ApiResponse> {
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
