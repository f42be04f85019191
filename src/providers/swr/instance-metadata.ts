import * as http from 'node:http'
import type {Mask} from '../../credential.js'
import {errorMessage, quote, redact, UserError} from '../../errors.js'
import {MAX_BODY_BYTES} from '../../http.js'
import {isoTime} from '../../time.js'
import type {Keys} from '../key-source.js'
import type {ObtainContext} from '../provider.js'

// The temporary keys of the agency attached to a Huawei Cloud ECS instance, read from the instance's metadata service,
// for a runner that is that instance ('instance-role'). Every rule of the exchange is the official Go SDK's:
// huaweicloud-sdk-go-v3 core/auth/internal/metadata_accessor.go (the requests and the token's life), with
// core/auth/base_credentials.go (the expiry) and core/auth/internal/iam_model.go (the answer's fields). Loaded on demand
// by the logins that use it: nothing here runs at import, and it logs through the function it is given.

/** The metadata service's address (metadata_accessor.go:34). */
export const METADATA_ENDPOINT = 'http://169.254.169.254'
/** Where a session token is asked for, with PUT (metadata_accessor.go:35, :86). */
export const TOKEN_PATH = '/meta-data/latest/api/token'
/** Where the agency's keys are read, with GET (metadata_accessor.go:36, :135). */
export const SECURITY_KEY_PATH = '/openstack/latest/securitykey'
/** The header that carries the session token on a read (metadata_accessor.go:37, :141). */
export const TOKEN_HEADER = 'X-Metadata-Token'
/** The header that asks for a token's lifetime (metadata_accessor.go:38, :91). */
export const TTL_HEADER = 'X-Metadata-Token-Ttl-Seconds'
/** The lifetime asked for, 6 h (metadata_accessor.go:40). */
export const TOKEN_TTL_SECONDS = 6 * 60 * 60
/** What the service says in a 401 when the instance has no agency (metadata_accessor.go:39). */
export const NO_AGENCY = 'Please configure Cloud Service Agency first'
/**
 * The answers to the token request that mean the instance has only plain mode: go on without a token
 * (metadata_accessor.go:114-119; 503 is the Go SDK's addition to the documented 404 and 405).
 */
export const PLAIN_MODE_STATUSES: readonly number[] = [404, 405, 503]

/** How long one request may take, in ms. */
export interface Deadlines {
  /** To connect: what makes a runner that is not an ECS instance fail fast, whatever its network does with the packets. */
  connectMs: number
  /** For the whole exchange, connecting included, until the last byte of the answer. */
  requestMs: number
}

/**
 * The Go SDK's one deadline, 3 s for each request as a whole, dial included (its http.Client{Timeout: 3s},
 * metadata_accessor.go:51), for both: a runner without the service fails within a few seconds, never hangs.
 */
export const DEFAULT_DEADLINES: Deadlines = {connectMs: 3_000, requestMs: 3_000}

export interface AgencyKeysOptions extends ObtainContext {
  /** The metadata service's base URL: METADATA_ENDPOINT unless a test gives its own. */
  endpoint?: URL
  deadlines?: Partial<Deadlines>
}

// The 'instance-role' input, by name: the module is not wired into the inputs yet (issue 17), and says which input
// brought the runner here in every message.
const INPUT = `'instance-role'`

/** An answer of the metadata service: only status and body matter (the SDK's SimpleResponse, metadata_accessor.go:56). */
interface Answer {
  status: number
  body: string
}

/** A request that got no usable answer; `connected` tells "nothing answers there" from "something answered badly". */
class NoAnswer extends Error {
  constructor(
    readonly connected: boolean,
    /** Why, as a parenthesis for the message: "connection refused", "no answer within 3 s". */
    readonly why: string
  ) {
    super(why)
    this.name = 'NoAnswer'
  }
}

// Network failures that say the address cannot be reached from this runner at all: no route to it.
const NO_ROUTE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL'])

function networkWhy(error: NodeJS.ErrnoException, connected: boolean): NoAnswer {
  const code = error.code
  if (code === 'ECONNREFUSED') return new NoAnswer(false, 'connection refused')
  if (code !== undefined && NO_ROUTE.has(code)) return new NoAnswer(false, `no route to it, ${code}`)
  if (code === 'ECONNRESET' || /socket hang up/i.test(error.message)) return new NoAnswer(connected, 'the connection was closed before an answer')
  return new NoAnswer(connected, code ?? 'the request failed')
}

/**
 * One request, straight to the service with node:http: never through a proxy (the service is link-local, only the
 * instance itself reaches it, and a proxy would read the keys), never following a redirect (the service has none: what
 * sends one is not the service), with a bounded answer, and torn down when a deadline passes. Throws NoAnswer.
 */
function send(url: URL, method: 'PUT' | 'GET', headers: Record<string, string>, deadlines: Deadlines): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    let connected = false
    let settled = false
    const timers: NodeJS.Timeout[] = []
    const settle = (error: NoAnswer | undefined, answer?: Answer): void => {
      if (settled) return
      settled = true
      for (const timer of timers) clearTimeout(timer)
      request.destroy()
      agent.destroy()
      if (error === undefined) resolve(answer as Answer)
      else reject(error)
    }
    // An agent of its own: the global one may honour HTTP_PROXY (NODE_USE_ENV_PROXY), and one connection per request
    // is all the SDK's single-shot reads need.
    const agent = new http.Agent({keepAlive: false})
    const request = http.request(url, {method, headers, agent}, response => {
      const status = response.statusCode ?? 0
      if (status >= 300 && status < 400) {
        settle(new NoAnswer(true, `a redirect, HTTP ${status}, which the metadata service never sends`))
        return
      }
      const oversized = new NoAnswer(true, `an answer of more than ${MAX_BODY_BYTES} bytes, which the metadata service never sends`)
      if (Number(response.headers['content-length']) > MAX_BODY_BYTES) {
        settle(oversized)
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_BODY_BYTES) settle(oversized)
        else chunks.push(chunk)
      })
      response.on('end', () => settle(undefined, {status, body: Buffer.concat(chunks).toString('utf8')}))
      response.on('error', error => settle(networkWhy(error, true)))
    })
    request.on('socket', socket => {
      if (!socket.connecting) connected = true
      else socket.once('connect', () => (connected = true))
    })
    request.on('error', error => settle(networkWhy(error, connected)))
    timers.push(
      setTimeout(() => {
        if (!connected) settle(new NoAnswer(false, `no connection within ${seconds(deadlines.connectMs)}`))
      }, deadlines.connectMs),
      setTimeout(() => settle(new NoAnswer(connected, `no answer within ${seconds(deadlines.requestMs)}`)), deadlines.requestMs)
    )
    request.end()
  })
}

const seconds = (ms: number): string => `${ms / 1000} s`

/** A token that can travel back in a header: visible ASCII only. */
const TOKEN_RE = /^[\x21-\x7e]+$/

/**
 * What a transport failure means for the user. Nothing connecting on the first request is the common case of a runner
 * that is not an ECS instance (or cannot reach the service), and is said so; anything later is the service misbehaving.
 */
function unreachable(host: string, what: string, error: unknown): UserError {
  // Anything but NoAnswer is a request Node would not even start: nothing was sent, so nothing answered.
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const failure = error instanceof NoAnswer ? error : new NoAnswer(false, typeof code === 'string' ? code : errorMessage(error))
  const advice =
    `Run the job on a Huawei Cloud ECS instance with an agency attached, and check that nothing (a firewall, a container's ` +
    `network, a security group) keeps the runner from http://${host}; or remove ${INPUT}.`
  if (!failure.connected) {
    return new UserError(
      `${INPUT}: nothing answers at ${host} (${failure.why}): this runner is not a Huawei Cloud ECS instance, or it is kept from the instance metadata service. ${advice}`
    )
  }
  return new UserError(`${INPUT}: the instance metadata service at ${host} gave no usable answer to ${what} (${failure.why}). ${advice}`)
}

/**
 * The agency's temporary keys, read from the ECS instance's metadata service as the Go SDK reads them
 * (MetadataAccessor.GetCredentials, metadata_accessor.go:125-173): a session token first (hardened mode), or none when
 * the instance has only plain mode; the keys; on a 401 that is not "no agency", a new token and one more read.
 *
 * Every secret (the session token, the key secret, the security token and the key ID, as keysIn treats them) is masked
 * the moment it is read. Each failure is a UserError that names 'instance-role', the address and what to check, and
 * never quotes the answer: it may hold the keys. `env` is not read: the Go SDK has no switch for this source.
 */
export async function agencyKeys(options: AgencyKeysOptions): Promise<Keys> {
  const {mask, log} = options
  const base = options.endpoint ?? new URL(METADATA_ENDPOINT)
  const host = base.host
  const deadlines = {...DEFAULT_DEADLINES, ...options.deadlines}
  const at = (path: string): URL => new URL(path, base)

  /** A session token; undefined for plain mode, which only the first request may choose (metadata_accessor.go:95-123). */
  const sessionToken = async (first: boolean): Promise<string | undefined> => {
    const what = `the request for a session token (PUT ${TOKEN_PATH})`
    let answer: Answer
    try {
      answer = await send(at(TOKEN_PATH), 'PUT', {[TTL_HEADER]: String(TOKEN_TTL_SECONDS)}, deadlines)
    } catch (error) {
      throw unreachable(host, what, error)
    }
    if (answer.status === 200) {
      // Trimmed, which the SDK does not do: a line break at the end would make Node refuse the header.
      const token = answer.body.trim()
      mask(token)
      if (!TOKEN_RE.test(token)) {
        throw new UserError(
          `${INPUT}: the instance metadata service at ${host} answered ${what} with a token that is not one (empty, or with characters a header cannot carry). Run the job again; if it persists, check what answers at http://${host}.`
        )
      }
      return token
    }
    if (first && PLAIN_MODE_STATUSES.includes(answer.status)) {
      log(`The instance metadata service at ${host} offers no session token (HTTP ${answer.status}): reading it in plain mode, as Huawei Cloud's SDK does.`)
      return undefined
    }
    const after = first ? '' : `, asked for again after it had refused the first one (HTTP 401)`
    throw new UserError(
      `${INPUT}: the instance metadata service at ${host} refused ${what} with HTTP ${answer.status}${after}. Run the job again; if it persists, check the instance's metadata service, and that nothing between the runner and http://${host} (a proxy, a firewall) answers in its place.`
    )
  }

  const what = `the request for the agency's keys (GET ${SECURITY_KEY_PATH})`
  const read = async (token: string | undefined): Promise<Answer> => {
    try {
      return await send(at(SECURITY_KEY_PATH), 'GET', token === undefined ? {} : {[TOKEN_HEADER]: token}, deadlines)
    } catch (error) {
      throw unreachable(host, what, error)
    }
  }
  const noAgency = (answer: Answer): boolean => answer.status === 401 && answer.body.includes(NO_AGENCY)

  let token = await sessionToken(true)
  let answer = await read(token)
  // A 401 that is not "no agency": the token went stale; the SDK asks for a new one and reads once more (:148-158).
  if (answer.status === 401 && !noAgency(answer)) {
    token = await sessionToken(false)
    answer = await read(token)
  }
  if (noAgency(answer)) {
    throw new UserError(
      `${INPUT}: this ECS instance has no agency (the metadata service at ${host} says "${NO_AGENCY}"). Create an agency for the ECS service ` +
        `(IAM console: Agencies, a cloud service agency for ECS) with SWR rights (swr::createLoginSecret, and pull or push on the organization; e.g. SWR Administrator), ` +
        `attach it to the instance (ECS console: the instance, Agency), then run the job again.`
    )
  }
  if (answer.status === 401) {
    throw new UserError(
      `${INPUT}: the instance metadata service at ${host} refused ${what} with HTTP 401 twice, with a new session token the second time. Run the job again; if it persists, check the instance's metadata service.`
    )
  }
  if (answer.status !== 200) {
    throw new UserError(
      `${INPUT}: the instance metadata service at ${host} answered ${what} with HTTP ${answer.status}. Check that the runner is a Huawei Cloud ECS instance with an agency attached, then run the job again.`
    )
  }
  const keys = keysOf(
    answer.body,
    mask,
    (problem: string) =>
      new UserError(
        `${INPUT}: the instance metadata service at ${host} answered ${what} ${problem}. Run the job again; if it persists, check what answers at http://${host}.`
      )
  )
  if (Date.parse(keys.expiresAt) <= Date.now()) {
    throw new UserError(
      `${INPUT}: the instance metadata service at ${host} answered with keys that had already expired: valid until ${keys.expiresAt}, and the runner's clock says ${new Date().toISOString()}. Check the runner's clock (NTP), then run the job again.`
    )
  }
  log(
    `Huawei Cloud ECS agency: the instance metadata service at ${host} issued temporary keys, valid until ${keys.expiresAt} (${token === undefined ? 'plain mode' : 'hardened mode, with a session token'})`
  )
  return keys
}

// The SDK's layout, 2006-01-02T15:04:05Z, with the fraction of a second that Go's parser takes after the seconds: a
// time with no zone, or another zone, is not one it reads.
const GO_LAYOUT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/

/**
 * The keys in the answer `{"credential": {"access", "secret", "securitytoken", "expires_at"}}` (iam_model.go:160-172),
 * each secret masked as it is read. The expiry is needed: the SDK fails without one it can parse (base_credentials.go:108,
 * layout 2006-01-02T15:04:05Z, which Go reads with any fraction of a second). `refused(problem)` makes the error.
 */
function keysOf(body: string, mask: Mask, refused: (problem: string) => UserError): Keys & {expiresAt: string} {
  let credential: unknown
  try {
    credential = (JSON.parse(body) as Record<string, unknown> | null)?.credential
  } catch {
    throw refused('with a body that is not JSON')
  }
  if (typeof credential !== 'object' || credential === null) throw refused('without "credential"')
  const fields = credential as Record<string, unknown>
  const secrets: string[] = []
  const secret = (name: string): string => {
    const value = fields[name]
    if (typeof value !== 'string' || value === '') throw refused(`without "credential.${name}"`)
    mask(value)
    secrets.push(value)
    return value
  }
  const accessKeySecret = secret('secret')
  const securityToken = secret('securitytoken')
  const accessKeyId = secret('access')
  const expiry = fields.expires_at
  if (typeof expiry !== 'string' || expiry === '') throw refused('without "credential.expires_at"')
  const expiresAt = GO_LAYOUT.test(expiry) ? isoTime(expiry) : undefined
  if (expiresAt === undefined) throw refused(`with a "credential.expires_at" that is not a UTC time (${quote(redact(expiry, secrets), 40)})`)
  return {accessKeyId, accessKeySecret, securityToken, expiresAt}
}
