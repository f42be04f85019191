import * as http from 'node:http'
import * as https from 'node:https'
import * as tls from 'node:tls'
import {EngineFailure} from '../../failure.js'
import {retry, type RetryPolicy} from '../../retry.js'

// One look at a registry before containerd is given a credential for it, with the scheme and the Authorization header
// the hosts.toml will carry (and before the docker-config engine writes one into the Docker config: there is no docker
// there to prove it, so the same look does; its messages name the clients of that file instead, see CheckWording). docker ignores the scheme of 'registry', and a hosts.toml is only read when something
// pulls, so without this a wrong scheme or a rejected credential would show only in a later step (ctr's "server gave
// HTTP response to HTTPS client", or a 401), long after main reported success.
//
// The registry API's own handshake (distribution's spec, "API Version Check" and token authentication):
//   GET /v2/ with Basic credentials → 200: accepted; 401 with a Basic challenge: rejected;
//   401 with a Bearer challenge → GET <realm>?service=<service> with the same Basic credentials → 200 with a token:
//   accepted; 401/403: rejected.
// Where Node cannot see what containerd sees (a certificate it does not trust, but containerd may: a `ca` in
// hosts.toml, skip_verify, a CA in containerd's own environment; a proxy Node does not use), the check says so and the
// login goes on. Node's http/https only: it costs nothing to jobs that use neither engine (loaded on demand).

export interface RegistryCheck {
  /** `<scheme>://<host[:port]>`, exactly as hosts.toml names the registry. */
  url: string
  /** The Authorization header hosts.toml will carry (Basic). */
  authorization: string
  /** PEM certificates containerd would trust for this host besides the system's (the `ca` files hosts.toml names). */
  extraCa?: string[]
  /** hosts.toml turns certificate checks off for this host (skip_verify). */
  skipVerify?: boolean
  /** Proxy variables, as the job has them: a check that cannot reach the registry directly warns when one applies. */
  env?: NodeJS.ProcessEnv
  /** Per request, in ms. */
  requestMs?: number
  /** For the whole check, every request and retry included, in ms. */
  totalMs?: number
  sleep?: (ms: number) => Promise<void>
  /** How messages name who gets the credential: containerd's words when not given. */
  wording?: CheckWording
}

/** The words of the check's messages that depend on who is given the credential (containerd, the Docker config). */
export interface CheckWording {
  /** After "the credential was not checked before": "containerd was given it". */
  given: string
  /** Before "https://" or "plain http://", after "speaks HTTPS, but": "'registry' asks containerd to use". */
  asks: string
  /** After "this check does not go through the proxy in HTTPS_PROXY,": "as containerd may". */
  proxy: string
  /** A sentence's start, on a plain-HTTP token service: "containerd would send it there when it pulls". */
  sends: string
  /** After "Node does not trust the registry's TLS certificate (<code>), and": why the client may, and what to do. */
  untrusted(skipVerify: boolean): string
}

export const CONTAINERD_WORDING: CheckWording = {
  given: 'containerd was given it',
  asks: "'registry' asks containerd to use",
  proxy: 'as containerd may',
  sends: 'containerd would send it there when it pulls',
  untrusted: skipVerify =>
    `${skipVerify ? 'hosts.toml sets skip_verify for it' : "containerd may trust it (a 'ca' in hosts.toml, or a CA in containerd's own system store)"}. ` +
    `If pulls fail with an x509 error, name its CA in hosts.toml ('ca').`
}

/** Three tries at most, 1 s then 2 s apart. */
const CHECK_RETRY: RetryPolicy = {attempts: 3, baseDelayMs: 1000, maxDelayMs: 2000}
const REQUEST_MS = 10_000
const TOTAL_MS = 30_000
/** Enough for any /v2/ answer and a token; a body beyond it is cut (only a token's presence is looked at). */
const BODY_CAP = 256 * 1024
const USER_AGENT = 'cloud-registry-login (registry check)'

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** A request that got no HTTP answer, with the error code Node gave (or TIMEOUT). */
class NoAnswer extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

/**
 * The certificate authorities for a second try, after Node's own store did not trust a registry: its own, the system's
 * where Node can read them (Node 24), and the extras. Slow (reading and parsing several hundred certificates takes
 * over 100 ms), so only made when a certificate was not trusted, once.
 */
function trustedCa(extra: readonly string[]): string[] | undefined {
  // Node 23.10 and later; the types of the Node the tests run on may not know it yet.
  const get = (tls as {getCACertificates?: (type: 'default' | 'system') => string[]}).getCACertificates
  if (extra.length === 0 && get === undefined) return undefined
  const own = get === undefined ? [...tls.rootCertificates] : [...get('default'), ...get('system')]
  return [...own, ...extra]
}

interface Transport {
  /** The wider list of CAs for a second try (see trustedCa), made on first use. */
  wideCa: () => string[] | undefined
  requestMs: number
  deadline: number
}

/**
 * One GET, no redirects followed, with a deadline on the whole exchange. Over https, Node's own store first (free);
 * a certificate it does not trust gets one more try with the system's and the extra CAs. Either way, nothing is sent
 * before the certificate is verified.
 */
async function get(url: URL, headers: Record<string, string>, transport: Transport): Promise<Answer> {
  try {
    return await getOnce(url, headers, transport)
  } catch (error) {
    if (url.protocol !== 'https:' || !(error instanceof NoAnswer) || !CERTIFICATE.test(error.code)) throw error
    const ca = transport.wideCa()
    if (ca === undefined) throw error
    return getOnce(url, headers, transport, ca)
  }
}

function getOnce(url: URL, headers: Record<string, string>, transport: Transport, ca?: string[]): Promise<Answer> {
  const ms = Math.max(1, Math.min(transport.requestMs, transport.deadline - Date.now()))
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = {method: 'GET', headers: {'user-agent': USER_AGENT, ...headers}, agent: false}
    if (url.protocol === 'https:' && ca) options.ca = ca
    const request = (url.protocol === 'https:' ? https : http).request(url, options, response => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        if (size < BODY_CAP) chunks.push(chunk)
        size += chunk.length
        if (size >= BODY_CAP) response.destroy()
      })
      const done = (): void => {
        clearTimeout(timer)
        resolve({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8').slice(0, BODY_CAP)})
      }
      response.on('end', done)
      response.on('close', done)
      response.on('error', done)
    })
    const timer = setTimeout(() => request.destroy(new NoAnswer('TIMEOUT', `no answer within ${Math.round(ms / 100) / 10} s`)), ms)
    request.on('error', error => {
      clearTimeout(timer)
      reject(error instanceof NoAnswer ? error : new NoAnswer((error as NodeJS.ErrnoException).code ?? 'ERROR', error.message))
    })
    request.end()
  })
}

/** Whether a TLS handshake succeeds at `host:port`: proof that a server speaks TLS. Sends nothing but the handshake. */
function speaksTls(url: URL, transport: Transport): Promise<boolean> {
  const ms = Math.max(1, Math.min(transport.requestMs, transport.deadline - Date.now()))
  return new Promise(resolve => {
    const socket = tls.connect({
      host: url.hostname,
      port: Number(url.port || 443),
      servername: /^[\d.]+$/.test(url.hostname) ? undefined : url.hostname,
      // Only the handshake is looked at, and nothing is sent after it: whose certificate it is does not matter here.
      rejectUnauthorized: false
    })
    const end = (result: boolean): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const timer = setTimeout(() => end(false), ms)
    socket.on('secureConnect', () => end(true))
    socket.on('error', () => end(false))
  })
}

/** Whether `url`'s server answers plain HTTP (asked without credentials). */
async function speaksHttp(url: URL, transport: Transport): Promise<boolean> {
  const plain = new URL(url)
  plain.protocol = 'http:'
  if (!url.port) plain.port = '443'
  try {
    await get(plain, {}, transport)
    return true
  } catch {
    return false
  }
}

/** The parameters of a WWW-Authenticate challenge, its scheme lower-cased. */
export function parseChallenge(value: string | undefined): {scheme: string; params: Record<string, string>} | undefined {
  const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(value ?? '')
  if (!m) return undefined
  const params: Record<string, string> = {}
  const [, scheme = '', rest = ''] = m
  for (const [, name = '', quoted, bare = ''] of rest.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g))
    params[name.toLowerCase()] = (quoted ?? bare).replace(/\\(.)/g, '$1')
  return {scheme: scheme.toLowerCase(), params}
}

const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|ISSUER|HOSTNAME/
const WRONG_VERSION = /EPROTO|WRONG_VERSION|PACKET_LENGTH|HTTP_REQUEST|record layer failure/i
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']

/** The proxy variable that would apply to `url`, if any (NO_PROXY taken into account as most tools read it). */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  const names = url.protocol === 'https:' ? PROXY_VARS : PROXY_VARS.slice(2)
  const name = names.find(n => env[n])
  if (!name) return undefined
  const host = url.hostname.toLowerCase()
  const skip = (env.NO_PROXY ?? env.no_proxy ?? '').split(/[\s,]+/).filter(Boolean)
  const bypassed = skip.some(entry => {
    const bare = entry
      .toLowerCase()
      .replace(/:\d+$/, '')
      .replace(/^\*?\./, '.')
    return bare === '*' || host === bare.replace(/^\./, '') || (bare.startsWith('.') && host.endsWith(bare))
  })
  return bypassed ? undefined : name
}

/**
 * Checks the registry at `check.url` with `check.authorization`. Returns a warning when it could not see what
 * containerd would (the login then goes on), undefined when the registry accepted the credential; throws EngineFailure
 * for a wrong scheme, a rejected credential, or a registry that cannot be reached.
 */
export async function checkRegistry(check: RegistryCheck): Promise<string | undefined> {
  const requestMs = check.requestMs ?? REQUEST_MS
  const deadline = Date.now() + (check.totalMs ?? TOTAL_MS)
  let wide: {ca: string[] | undefined} | undefined
  const transport: Transport = {wideCa: () => (wide ??= {ca: trustedCa(check.extraCa ?? [])}).ca, requestMs, deadline}
  return retry(
    () => checkOnce(check, transport),
    // A blip (a reset, a 5xx, "slow down") gets another try while the whole check has time left; nothing else does.
    error => error instanceof EngineFailure && error.transient,
    CHECK_RETRY,
    // No jitter: the check is one request per job, not a crowd to spread out. A try needs a whole request's time.
    {sleep: check.sleep, random: () => 1, deadline, minTryMs: requestMs}
  )
}

async function checkOnce(check: RegistryCheck, transport: Transport): Promise<string | undefined> {
  const words = check.wording ?? CONTAINERD_WORDING
  const base = new URL(check.url)
  const host = base.host
  const v2 = new URL('/v2/', base)
  const https_ = base.protocol === 'https:'
  const wrongScheme = (use: 'http' | 'https'): EngineFailure =>
    new EngineFailure(
      'other',
      use === 'http'
        ? `${host} speaks plain HTTP, but ${words.asks} https://. Set 'registry: http://${host}'.`
        : `${host} speaks HTTPS, but ${words.asks} plain http://. Set 'registry: https://${host}' ` + `(or leave the scheme out: https is the default).`,
      `registry check: GET ${v2.href}`
    )

  let answer: Answer
  try {
    answer = await get(v2, {authorization: check.authorization}, transport)
  } catch (error) {
    const {code, message} = error as NoAnswer
    if (https_ && CERTIFICATE.test(code)) {
      return (
        `${host}: the credential was not checked before ${words.given}: Node does not trust the registry's ` +
        `TLS certificate (${code}), and ${words.untrusted(check.skipVerify === true)}`
      )
    }
    if (https_ && WRONG_VERSION.test(`${code} ${message}`) && (await speaksHttp(v2, transport))) throw wrongScheme('http')
    // http:// to a TLS port drops the connection; http:// without a port (80) to a registry on 443 finds nothing there.
    const tlsPort = /ECONNRESET|HPE_|socket hang up/i.test(`${code} ${message}`) || (code === 'ECONNREFUSED' && base.port === '')
    if (!https_ && tlsPort && (await speaksTls(v2, transport))) throw wrongScheme('https')
    const proxy = proxyFor(v2, check.env ?? {})
    if (proxy) {
      return (
        `${host}: the credential was not checked before ${words.given}: the registry could not be reached ` +
        `directly (${code === 'TIMEOUT' ? message : code}), and this check does not go through the proxy in ${proxy}, ` +
        `${words.proxy}.`
      )
    }
    throw unreachable(host, code, message, v2)
  }

  if (!https_ && (isHttpsRedirect(answer) || (answer.status === 400 && /https|tls|ssl/i.test(answer.body)))) {
    if (isHttpsRedirect(answer) || (await speaksTls(v2, transport))) throw wrongScheme('https')
  }
  return judge(host, answer, `GET ${v2.href}`, async challenge => token(host, https_, challenge, check.authorization, transport, words))
}

function isHttpsRedirect(answer: Answer): boolean {
  return answer.status >= 300 && answer.status < 400 && /^https:/i.test(answer.headers.location ?? '')
}

/** What an answer of the registry (or its token service) says about the credential. */
async function judge(
  host: string,
  answer: Answer,
  asked: string,
  onBearer?: (challenge: Record<string, string>) => Promise<string | undefined>
): Promise<string | undefined> {
  const detail = `registry check: ${asked}: HTTP ${answer.status}`
  const status = answer.status
  if (status >= 200 && status < 300) return undefined
  if (status === 401) {
    const challenge = parseChallenge(headerOf(answer, 'www-authenticate'))
    if (onBearer && challenge?.scheme === 'bearer') return onBearer(challenge.params)
    throw new EngineFailure('unauthorized', `${host} rejected the credentials.`, detail)
  }
  if (status === 403) throw new EngineFailure('denied', `${host} denied the login.`, detail)
  if (status === 429 || status >= 500) {
    throw new EngineFailure(
      'other',
      `${host} answered with a server error or asked to slow down, over several tries. Run the job again later, and ` +
        `check the registry's service status if it keeps failing.`,
      detail,
      true
    )
  }
  if (status >= 300 && status < 400) {
    const to = originOf(headerOf(answer, 'location'))
    throw new EngineFailure('other', `${host} answered with a redirect${to ? ` to ${to}` : ''} where a registry answers itself: check 'registry'.`, detail)
  }
  throw new EngineFailure('other', `${host} does not answer as a container registry does: check 'registry'.`, detail)
}

/**
 * The Bearer token step: the realm, asked with the Basic credential for a token (no scope: only the login is tried).
 * The realm may be on another host (ACR, SWR and Docker Hub keep their token services apart), but it is not asked over
 * plain HTTP when the registry was reached over https: the credential would cross the network readable, on the word
 * of an answer anyone on the path could have written. `overHttps`: how the registry itself was reached.
 */
async function token(
  host: string,
  overHttps: boolean,
  challenge: Record<string, string>,
  authorization: string,
  transport: Transport,
  words: CheckWording
): Promise<string | undefined> {
  let realm: URL
  try {
    realm = new URL(challenge.realm ?? '')
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') throw new Error('not http')
  } catch {
    throw new EngineFailure('other', `${host} asks for a token from a token service it does not name properly.`, 'registry check: a Bearer challenge without a usable realm')
  }
  if (overHttps && realm.protocol === 'http:') {
    return (
      `${host}: the credential was not checked before ${words.given}: the registry answers over https://, but ` +
      `its token service ${realm.origin} is plain HTTP, and this check does not send a credential over plain HTTP. ` +
      `${words.sends}: have the registry name an https:// token service.`
    )
  }
  if (challenge.service !== undefined) realm.searchParams.set('service', challenge.service)
  let answer: Answer
  try {
    answer = await get(realm, {authorization}, transport)
  } catch (error) {
    const {code, message} = error as NoAnswer
    if (realm.protocol === 'https:' && CERTIFICATE.test(code)) {
      return `${host}: the credential was not checked before ${words.given}: Node does not trust the TLS certificate of its token service ${realm.host} (${code}).`
    }
    throw unreachable(realm.host, code, message, realm, `the token service of ${host}`)
  }
  const where = `GET ${realm.origin}${realm.pathname}`
  const verdict = await judge(host, answer, where)
  if (verdict !== undefined) return verdict
  let granted = false
  try {
    const body = JSON.parse(answer.body) as {token?: unknown; access_token?: unknown}
    granted = [body.token, body.access_token].some(t => typeof t === 'string' && t !== '')
  } catch {
    // not JSON: no token
  }
  if (!granted) throw new EngineFailure('other', `The token service of ${host} answered without a token.`, `registry check: ${where}: HTTP ${answer.status}`)
  return undefined
}

function unreachable(host: string, code: string, message: string, url: URL, what = host): EngineFailure {
  const detail = `registry check: GET ${url.origin}${url.pathname}: ${code === 'TIMEOUT' ? message : code}`
  if (code === 'ENOTFOUND') return new EngineFailure('not-found', `${what === host ? host : what} cannot be resolved.`, detail)
  if (code === 'ECONNREFUSED') {
    return new EngineFailure('other', `Nothing accepts connections at ${url.host}. Check 'registry' (host and port), and that the registry is up.`, detail)
  }
  if (code === 'TIMEOUT') {
    return new EngineFailure('other', `${url.host} did not answer. Check 'registry', and the runner's network and proxy settings (HTTPS_PROXY, NO_PROXY).`, detail)
  }
  const transient = /ECONNRESET|EPIPE|EAI_AGAIN|ECONNABORTED|socket hang up/i.test(`${code} ${message}`)
  return new EngineFailure('other', `Could not reach ${what} at ${url.host}. Check 'registry', and the runner's network.`, detail, transient)
}

function headerOf(answer: Answer, name: string): string | undefined {
  const value = answer.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function originOf(location: string | undefined): string | undefined {
  try {
    return location ? new URL(location).origin : undefined
  } catch {
    return undefined
  }
}
