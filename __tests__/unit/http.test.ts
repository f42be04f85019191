import {jest} from '@jest/globals'
import {execFileSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import * as net from 'node:net'
import type {AddressInfo} from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import {ApiTransportError, header, isTransientStatus, MAX_BODY_BYTES, redirected, retryAfterMs, sendWithRetry, UnusableAnswerError, type ApiRequest} from '../../src/http.js'
import {huaweiHeaders} from '../../src/providers/swr/signer.js'
import type {RetryPolicy} from '../../src/retry.js'
import {closedPort, localServers} from '../support/local-server.js'
import {huaweiSdkAuthorization} from '../support/sdk-oracles.js'

// Tiny delays: the policy is what is under test, not the clock.
const FAST: RetryPolicy = {attempts: 3, baseDelayMs: 1, maxDelayMs: 2}

const serve = localServers()

/** A build() that numbers its requests (header x-try), as a signer would stamp a fresh date and nonce. */
function builder(url: URL, method: 'GET' | 'POST' = 'GET', body?: string): {build: () => ApiRequest; calls: () => number} {
  let calls = 0
  return {
    calls: () => calls,
    build: () => {
      calls++
      return {method, url, headers: {'x-try': String(calls), 'content-type': 'application/json'}, body}
    }
  }
}

describe('isTransientStatus', () => {
  it.each([500, 502, 503, 504, 599, 429])('%i is transient', status => expect(isTransientStatus(status)).toBe(true))
  it.each([200, 201, 301, 400, 401, 403, 404, 409, 428, 499])('%i is not', status => expect(isTransientStatus(status)).toBe(false))
})

describe('header', () => {
  const response = {status: 200, body: '', headers: {'x-swr-expireat': '2026-01-01T00:00:00Z', 'set-cookie': ['a=1', 'b=2']}}
  it('looks the name up in lower case', () => expect(header(response, 'X-Swr-Expireat')).toBe('2026-01-01T00:00:00Z'))
  it('gives the first of several values', () => expect(header(response, 'Set-Cookie')).toBe('a=1'))
  it('is undefined for a missing header', () => expect(header(response, 'x-request-id')).toBeUndefined())
})

describe('sendWithRetry against a local server', () => {
  it('sends the method, path, query, headers and body it is given, and returns status, headers and body', async () => {
    const local = await serve(() => ({status: 201, headers: {'x-request-id': 'req-1'}, body: '{"ok":true}'}))
    const url = new URL('/v2/manage/utils/secret?projectname=cn-north-4&duration_seconds=900', local.url)
    const {build, calls} = builder(url, 'POST', '{"a":1}')
    const response = await sendWithRetry(build, {policy: FAST})
    expect(response.status).toBe(201)
    expect(response.body).toBe('{"ok":true}')
    expect(header(response, 'X-Request-Id')).toBe('req-1')
    expect(calls()).toBe(1)
    expect(local.received).toHaveLength(1)
    expect(local.received[0]).toMatchObject({
      method: 'POST',
      url: '/v2/manage/utils/secret?projectname=cn-north-4&duration_seconds=900',
      body: '{"a":1}'
    })
    expect(local.received[0].headers).toMatchObject({'x-try': '1', 'content-type': 'application/json'})
  })

  it.each([500, 502, 503, 504, 429])('retries HTTP %i, and returns the success that follows', async status => {
    const local = await serve(n => (n < 3 ? {status, body: `{"try":${n}}`} : {status: 200, body: '{"try":3}'}))
    const {build, calls} = builder(local.url)
    const response = await sendWithRetry(build, {policy: FAST})
    expect(response).toMatchObject({status: 200, body: '{"try":3}'})
    expect(calls()).toBe(3)
    expect(local.received.map(r => r.headers['x-try'])).toEqual(['1', '2', '3'])
  })

  it.each([400, 401, 403, 404])('does not retry HTTP %i: one try, and its answer is returned', async status => {
    const local = await serve(n => ({status, body: `{"try":${n}}`}))
    const {build, calls} = builder(local.url)
    const retries: number[] = []
    const response = await sendWithRetry(build, {policy: FAST, hooks: {onRetry: attempt => void retries.push(attempt)}})
    expect(response).toMatchObject({status, body: '{"try":1}'})
    expect(calls()).toBe(1)
    expect(local.received).toHaveLength(1)
    expect(retries).toEqual([])
  })

  it.each([503, 500, 429])('tries 3 times by default on HTTP %i, then returns the last answer', async status => {
    const local = await serve(n => ({status, headers: {'x-request-id': `req-${n}`}, body: `{"try":${n}}`}))
    const {build, calls} = builder(local.url)
    const sleeps: number[] = []
    // The default policy, with its waits recorded instead of slept.
    const response = await sendWithRetry(build, {hooks: {sleep: async ms => void sleeps.push(ms), random: () => 0}})
    expect(response.status).toBe(status)
    expect(response.body).toBe('{"try":3}')
    expect(header(response, 'x-request-id')).toBe('req-3')
    expect(calls()).toBe(3)
    expect(local.received).toHaveLength(3)
    // DEFAULT_RETRY: 1 s then 2 s, halved by random() = 0 (equal jitter).
    expect(sleeps).toEqual([500, 1000])
  })

  it('honours the attempts of the policy', async () => {
    const local = await serve(() => ({status: 502, body: ''}))
    const {build, calls} = builder(local.url)
    const response = await sendWithRetry(build, {policy: {...FAST, attempts: 5}})
    expect(response.status).toBe(502)
    expect(calls()).toBe(5)
    expect(local.received).toHaveLength(5)
  })

  it('stops retrying at the first answer that is not transient', async () => {
    const local = await serve(n => (n === 1 ? {status: 503, body: ''} : {status: 401, body: '{"try":2}'}))
    const {build, calls} = builder(local.url)
    const response = await sendWithRetry(build, {policy: FAST})
    expect(response).toMatchObject({status: 401, body: '{"try":2}'})
    expect(calls()).toBe(2)
  })

  it('calls onRetry with the attempt and an ApiTransportError naming the status', async () => {
    const local = await serve(n => (n < 3 ? {status: 503, body: ''} : {status: 200, body: ''}))
    const {build} = builder(local.url)
    const calls: [number, string, boolean][] = []
    await sendWithRetry(build, {
      policy: FAST,
      hooks: {onRetry: (attempt, _delay, error) => void calls.push([attempt, (error as ApiTransportError).message, (error as ApiTransportError).transient])}
    })
    expect(calls).toEqual([
      [1, 'HTTP 503', true],
      [2, 'HTTP 503', true]
    ])
  })

  it('calls build() afresh for each try (a retry is re-signed)', async () => {
    const local = await serve(n => (n < 3 ? {status: 500, body: ''} : {status: 200, body: ''}))
    const url = local.url
    const stamps: string[] = []
    let n = 0
    await sendWithRetry(
      () => {
        n++
        const stamp = `sig-${n}`
        stamps.push(stamp)
        return {method: 'GET', url, headers: {authorization: stamp}}
      },
      {policy: FAST}
    )
    expect(stamps).toEqual(['sig-1', 'sig-2', 'sig-3'])
    expect(local.received.map(r => r.headers.authorization)).toEqual(['sig-1', 'sig-2', 'sig-3'])
  })

  it('retries a refused connection, then throws a transient ApiTransportError naming the host only', async () => {
    const port = await closedPort()
    const url = new URL(`http://127.0.0.1:${port}/tokens?Signature=SECRET-SIG`)
    const {build, calls} = builder(url)
    const retried: unknown[] = []
    const error = await sendWithRetry(build, {policy: FAST, hooks: {onRetry: (_a, _d, e) => void retried.push(e)}}).catch(e => e)
    expect(error).toBeInstanceOf(ApiTransportError)
    expect(error.message).toBe(`127.0.0.1:${port}: ECONNREFUSED`)
    expect(error.transient).toBe(true)
    expect(error.message).not.toContain('SECRET-SIG')
    expect(calls()).toBe(3)
    expect(retried).toHaveLength(2)
    for (const e of retried) expect(e).toBeInstanceOf(ApiTransportError)
  })

  it('cuts off a server that accepts and never answers after timeoutMs, and retries it', async () => {
    const local = await serve(() => 'hang')
    const {build, calls} = builder(new URL('/tokens?Signature=SECRET-SIG', local.url))
    const started = process.hrtime.bigint()
    const error = await sendWithRetry(build, {policy: FAST, timeoutMs: 200}).catch(e => e)
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6
    expect(error).toBeInstanceOf(ApiTransportError)
    expect(error.transient).toBe(true)
    expect(error.message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${local.port}: (no answer within 0\\.2 s|timed out)$`))
    expect(error.message).not.toContain('SECRET-SIG')
    expect(calls()).toBe(3)
    expect(local.received).toHaveLength(3)
    // Three tries of 200 ms each, not the 10 s default (nor a hang).
    expect(elapsedMs).toBeLessThan(5000)
  })

  it('cuts off an answer whose body never ends (the deadline covers reading the body), and retries it', async () => {
    const local = await serve(n => (n < 3 ? 'headers-only' : {status: 200, body: '{"auths":{}}'}))
    const {build, calls} = builder(local.url)
    const response = await sendWithRetry(build, {policy: FAST, timeoutMs: 200})
    expect(response).toMatchObject({status: 200, body: '{"auths":{}}'})
    expect(calls()).toBe(3)
  })

  it('recovers when a hung try is followed by an answer', async () => {
    const local = await serve(n => (n === 1 ? 'hang' : {status: 200, body: 'fine'}))
    const {build, calls} = builder(local.url)
    const response = await sendWithRetry(build, {policy: FAST, timeoutMs: 200})
    expect(response).toMatchObject({status: 200, body: 'fine'})
    expect(calls()).toBe(2)
  })

  it('throws the transport error, not an earlier 5xx answer, when the last try gets no answer', async () => {
    const local = await serve(n => (n === 1 ? {status: 503, body: 'busy'} : 'hang'))
    const {build} = builder(local.url)
    const error = await sendWithRetry(build, {policy: {...FAST, attempts: 2}, timeoutMs: 200}).catch(e => e)
    expect(error).toBeInstanceOf(ApiTransportError)
    expect(error.message).not.toBe('HTTP 503')
  })
})

describe('redirected: what a redirect did, named after the host that sent it', () => {
  const FROM = new URL('https://swr-api.cn-north-4.myhuaweicloud.com/v2/manage/utils/secret?projectname=cn-north-4&Signature=SECRET-SIG')
  it.each<[string, string | undefined, string]>([
    [
      'to another host: its origin only, no path or query',
      'https://login.example.com:8443/sso?next=/x&token=SECRET-SIG',
      'redirected to https://login.example.com:8443 (HTTP 302)'
    ],
    ['to a plain-HTTP URL', 'http://swr-api.example.com/v2', 'redirected to http://swr-api.example.com (HTTP 302)'],
    ['to the same host over another scheme', 'http://swr-api.cn-north-4.myhuaweicloud.com/v2', 'redirected to http://swr-api.cn-north-4.myhuaweicloud.com (HTTP 302)'],
    ['to a relative URL: the same host', '/v2/elsewhere?Signature=SECRET-SIG', 'redirected to another path of its own (HTTP 302)'],
    ['no Location', undefined, 'answered HTTP 302, a redirect that says nowhere (no Location header)'],
    ['a blank Location', '  ', 'answered HTTP 302, a redirect that says nowhere (no Location header)'],
    ['a Location that is not a URL', 'http://[not-a-host', 'answered HTTP 302, a redirect to a Location that is not a URL'],
    ['a URL without an origin', 'data:text/plain,SECRET-SIG', 'redirected to a data: URL (HTTP 302)'],
    ['an over-long origin, cut', `https://${'a'.repeat(60)}.${'b'.repeat(60)}.example.com/`, `redirected to https://${'a'.repeat(60)}.${'b'.repeat(30)}… (HTTP 302)`]
  ])('%s', (_name, location, expected) => {
    expect(redirected(302, location, FROM)).toBe(expected)
    expect(redirected(302, location, FROM)).not.toContain('SECRET-SIG')
  })
})

describe("answers that are not the API's own", () => {
  it.each([301, 302, 303, 307, 308])('HTTP %i: a redirect, not followed, not retried, named with where it points (origin only)', async status => {
    const local = await serve(() => ({status, headers: {location: 'https://portal.example.com/login?return=SECRET-SIG'}, body: '<html>moved</html>'}))
    const {build, calls} = builder(new URL('/v2/x?Signature=SECRET-SIG', local.url), 'POST', '{}')
    const error = await sendWithRetry(build, {policy: FAST}).catch(e => e)
    expect(error).toBeInstanceOf(UnusableAnswerError)
    expect(error.message).toBe(`127.0.0.1:${local.port} redirected to https://portal.example.com (HTTP ${status})`)
    expect(error.host).toBe(`127.0.0.1:${local.port}`)
    expect(error.what).toBe(`redirected to https://portal.example.com (HTTP ${status})`)
    expect(calls()).toBe(1)
    expect(local.received).toHaveLength(1)
  })

  it("HTTP 304 without a Location: still not the API's answer", async () => {
    const local = await serve(() => ({status: 304}))
    const error = await sendWithRetry(builder(local.url).build, {policy: FAST}).catch(e => e)
    expect(error).toBeInstanceOf(UnusableAnswerError)
    expect(error.what).toBe('answered HTTP 304, a redirect that says nowhere (no Location header)')
  })

  const OVERSIZED = `sent an oversized answer (more than 1 MiB; reading stopped there)`

  it.each<[string, Record<string, string>]>([
    // Refused from the header, before any of the body is read.
    ['with a Content-Length', {'content-length': String(MAX_BODY_BYTES + 1)}],
    // Without one, the size is counted as the body arrives.
    ['chunked', {'transfer-encoding': 'chunked'}]
  ])('a body over 1 MiB, %s: stops reading and says so, without retrying', async (_name, headers) => {
    const local = await serve(() => ({status: 200, headers, body: 'x'.repeat(MAX_BODY_BYTES + 1)}))
    const {build, calls} = builder(local.url)
    const error = await sendWithRetry(build, {policy: FAST}).catch(e => e)
    expect(error).toBeInstanceOf(UnusableAnswerError)
    expect(error.message).toBe(`127.0.0.1:${local.port} ${OVERSIZED}`)
    expect(calls()).toBe(1)
  })

  it('an oversized error answer is reported the same way (the status does not matter)', async () => {
    const local = await serve(() => ({status: 403, headers: {'transfer-encoding': 'chunked'}, body: '{"error_msg":"' + 'y'.repeat(2 * MAX_BODY_BYTES) + '"}'}))
    const error = await sendWithRetry(builder(local.url).build, {policy: FAST}).catch(e => e)
    expect(error).toBeInstanceOf(UnusableAnswerError)
    expect(error.what).toBe(OVERSIZED)
  })

  it('a body of exactly 1 MiB is read whole, in UTF-8', async () => {
    const body = `"é${'z'.repeat(MAX_BODY_BYTES - 4)}"`
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES)
    const local = await serve(() => ({status: 200, headers: {'transfer-encoding': 'chunked'}, body}))
    const response = await sendWithRetry(builder(local.url).build, {policy: FAST})
    expect(response.body).toBe(body)
  })
})

describe('Retry-After', () => {
  it.each([
    ['seconds', '3', 3000],
    ['seconds with blanks', ' 2 ', 2000],
    ['an HTTP date 5 s ahead', new Date(Date.UTC(2026, 0, 1, 0, 0, 5)).toUTCString(), 5000],
    ['an HTTP date in the past', new Date(Date.UTC(2025, 0, 1)).toUTCString(), 0],
    ['nothing', undefined, undefined],
    ['garbage', 'soon', undefined]
  ])('retryAfterMs: %s', (_name, value, expected) => {
    expect(retryAfterMs(value, Date.UTC(2026, 0, 1))).toBe(expected)
  })

  it('waits as long as a 429 asks, within the policy cap', async () => {
    const local = await serve(n => (n === 1 ? {status: 429, headers: {'retry-after': '4'}, body: '{}'} : {status: 200, body: '{"ok":1}'}))
    const {build} = builder(local.url)
    const sleeps: number[] = []
    const response = await sendWithRetry(build, {hooks: {sleep: async ms => void sleeps.push(ms), random: () => 0}})
    expect(response.status).toBe(200)
    // DEFAULT_RETRY's first backoff is 500 ms with random() = 0; the server asked for 4 s (under the 8 s cap).
    expect(sleeps).toEqual([4000])
  })

  it('never waits longer than the policy allows, whatever the server asks', async () => {
    const local = await serve(n => (n === 1 ? {status: 503, headers: {'retry-after': '3600'}, body: '{}'} : {status: 200, body: '{}'}))
    const {build} = builder(local.url)
    const sleeps: number[] = []
    await sendWithRetry(build, {hooks: {sleep: async ms => void sleeps.push(ms), random: () => 0}})
    expect(sleeps).toEqual([8000])
  })
})

describe('requests that fail before an answer, for real', () => {
  it('reports https to a plain-HTTP port (a failed TLS handshake) at once, without retrying', async () => {
    const local = await serve(() => ({status: 200, body: '{}'}))
    const {build, calls} = builder(new URL(`https://127.0.0.1:${local.port}/`))
    const error = await sendWithRetry(build, {policy: FAST}).catch(e => e)
    expect(error).toBeInstanceOf(ApiTransportError)
    expect(error).toMatchObject({message: `127.0.0.1:${local.port}: the TLS handshake failed (EPROTO): is it an https:// endpoint?`, transient: false})
    expect(calls()).toBe(1)
    expect(local.received).toEqual([])
  })

  it('names a certificate the runner does not trust as a TLS problem, without retrying', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-test-tls-'))
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem')
        ],
        {stdio: 'ignore'}
      )
      let answered = 0
      const server = https.createServer({key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem'))}, (_req, res) => {
        answered++
        res.end('{}')
      })
      await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
      try {
        const port = (server.address() as AddressInfo).port
        const {build, calls} = builder(new URL(`https://127.0.0.1:${port}/`))
        const error = await sendWithRetry(build, {policy: FAST}).catch(e => e)
        expect(error).toBeInstanceOf(ApiTransportError)
        expect(error).toMatchObject({message: `127.0.0.1:${port}: TLS certificate problem (DEPTH_ZERO_SELF_SIGNED_CERT)`, transient: false})
        expect(calls()).toBe(1)
        expect(answered).toBe(0)
      } finally {
        await new Promise<void>(resolve => server.close(() => resolve()))
      }
    } finally {
      fs.rmSync(dir, {recursive: true, force: true})
    }
  })

  it('reports a request Node refuses to send (a line break in a header) by its code only, without retrying', async () => {
    const local = await serve(() => ({status: 200, body: '{}'}))
    let calls = 0
    const error = await sendWithRetry(() => (calls++, {method: 'GET', url: local.url, headers: {'x-token': 'SECRET\nINJECTED'}}), {policy: FAST}).catch(e => e)
    expect(error).toBeInstanceOf(ApiTransportError)
    expect(error).toMatchObject({message: `127.0.0.1:${local.port}: ERR_INVALID_CHAR`, transient: false})
    expect(calls).toBe(1)
    expect(local.received).toEqual([])
  })
})

// The API calls go through the proxy the runner's environment names, as @actions/http-client does for every action,
// and the request arrives as signed: the host it was signed for is the API's, not the proxy's.
describe('through a proxy (HTTP_PROXY)', () => {
  const AK = 'PROXYTESTAK000000001'
  const SK = 'proxyTestSecretKey0123456789abcdefghijkl'
  // A name only the proxy can reach: the client never resolves it (not loopback, so not bypassed either).
  const API_HOST = 'swr-api.cn-north-4.crl-proxy-test.example'
  const NAMES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY']
  const saved = Object.fromEntries(NAMES.map(name => [name, process.env[name]]))
  let api: http.Server
  let proxy: http.Server
  const tunnels: string[] = []
  const received: {host?: string; verified: boolean}[] = []

  beforeAll(async () => {
    api = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
      const names = /SignedHeaders=([^,]+)/.exec(String(req.headers.authorization))?.[1].split(';') ?? []
      const headers = Object.fromEntries(names.map(n => [n, String(req.headers[n] ?? '')]))
      const expected = huaweiSdkAuthorization({method: req.method ?? '', url, headers, body: '', accessKeyId: AK, accessKeySecret: SK})
      received.push({host: req.headers.host, verified: expected === req.headers.authorization})
      res.writeHead(200, {'content-type': 'application/json'})
      res.end('{"through":"proxy"}')
    })
    await new Promise<void>(resolve => api.listen(0, '127.0.0.1', resolve))
    const apiPort = (api.address() as AddressInfo).port

    // A CONNECT proxy that sends every tunnel to the fake API, whatever name it was asked for.
    proxy = http.createServer((_req, res) => {
      res.writeHead(405)
      res.end()
    })
    proxy.on('connect', (req, client: net.Socket, head) => {
      tunnels.push(String(req.url))
      const upstream = net.connect(apiPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
    for (const name of NAMES) delete process.env[name]
    process.env.http_proxy = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    await new Promise<void>(resolve => proxy.close(() => resolve()))
    await new Promise<void>(resolve => api.close(() => resolve()))
  })

  it('reaches the API with a CONNECT tunnel, and the request arrives signed for the API host', async () => {
    const url = new URL(`http://${API_HOST}:8080/v2/manage/utils/secret?projectname=cn-north-4`)
    const response = await sendWithRetry(
      () => ({method: 'POST', url, headers: huaweiHeaders({method: 'POST', url}, {accessKeyId: AK, accessKeySecret: SK}, new Date()), body: ''}),
      {policy: FAST}
    )
    expect(response).toMatchObject({status: 200, body: '{"through":"proxy"}'})
    expect(tunnels).toEqual([`${API_HOST}:8080`])
    expect(received).toEqual([{host: `${API_HOST}:8080`, verified: true}])
  })
})

// Last in the file: it resets the module registry, so that http.ts loads the replaced client.
describe('how a failure of the HTTP client is reported (the client replaced)', () => {
  // What the replaced client does: fail the request, or answer with a body that fails to read.
  const behaviour: {fail?: unknown; failBody?: unknown} = {}
  let mocked: typeof import('../../src/http.js')

  beforeAll(async () => {
    jest.resetModules()
    jest.unstable_mockModule('../../node_modules/@actions/http-client/lib/index.js', () => ({
      HttpClient: class {
        async request(): Promise<unknown> {
          if ('fail' in behaviour) throw behaviour.fail
          return {
            message: {
              statusCode: 200,
              headers: {},
              destroy: () => undefined,
              // The body as http.ts reads it: a stream that fails part way.
              [Symbol.asyncIterator]: async function* () {
                yield Buffer.from('{"au')
                throw behaviour.failBody
              }
            }
          }
        }
        dispose(): void {}
      }
    }))
    mocked = await import('../../src/http.js')
  })

  const withCode = (code: string, message = `failed: ${code}`): Error => Object.assign(new Error(message), {code})
  const url = new URL('https://swr-api.cn-north-4.myhuaweicloud.com/v2/x?Signature=SECRET-SIG')
  const HOST = 'swr-api.cn-north-4.myhuaweicloud.com'

  it.each<[string, unknown, string, boolean]>([
    ['a name that does not resolve', withCode('ENOTFOUND'), `${HOST} cannot be resolved (ENOTFOUND)`, false],
    ['a DNS server that does not answer', withCode('EAI_AGAIN'), `${HOST}: EAI_AGAIN`, true],
    ['a reset', withCode('ECONNRESET'), `${HOST}: ECONNRESET`, true],
    ['a refused connection', withCode('ECONNREFUSED'), `${HOST}: ECONNREFUSED`, true],
    ['a connect timeout', withCode('ETIMEDOUT'), `${HOST}: ETIMEDOUT`, true],
    ['an unreachable network', withCode('ENETUNREACH'), `${HOST}: ENETUNREACH`, true],
    ['an expired certificate', withCode('CERT_HAS_EXPIRED'), `${HOST}: TLS certificate problem (CERT_HAS_EXPIRED)`, false],
    ['a certificate for another name', withCode('ERR_TLS_CERT_ALTNAME_INVALID'), `${HOST}: TLS certificate problem (ERR_TLS_CERT_ALTNAME_INVALID)`, false],
    ['an SSL error', withCode('ERR_SSL_WRONG_VERSION_NUMBER'), `${HOST}: TLS certificate problem (ERR_SSL_WRONG_VERSION_NUMBER)`, false],
    // The client's own socket timeout: a message that holds the path (and with it the signed query), no code.
    ["the client's timeout", new Error('Request timeout: /v2/x?Signature=SECRET-SIG'), `${HOST}: timed out`, true],
    ['a hang-up without a code', new Error('socket hang up'), `${HOST}: connection closed`, true],
    ['an unknown code', withCode('EWHATEVER'), `${HOST}: EWHATEVER`, false],
    ['an Error without a code', new Error('something at /v2/x?Signature=SECRET-SIG'), `${HOST}: request failed`, false],
    ['a rejection that is not an Error', 'a string', `${HOST}: request failed`, false],
    ['a rejection with undefined', undefined, `${HOST}: request failed`, false]
  ])('%s', async (_name, thrown, message, transient) => {
    behaviour.fail = thrown
    let tries = 0
    const error = await mocked.sendWithRetry(() => (tries++, {method: 'GET', url, headers: {}}), {policy: FAST}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(mocked.ApiTransportError)
    // The whole message is given above; this says why the signed query must never be in it.
    expect(error).toMatchObject({message, transient})
    expect((error as Error).message).not.toContain('SECRET-SIG')
    expect(tries).toBe(transient ? FAST.attempts : 1)
  })

  it('reports a body that fails to read the same way', async () => {
    delete behaviour.fail
    behaviour.failBody = withCode('ECONNRESET', 'aborted')
    const error = await mocked.sendWithRetry(() => ({method: 'GET', url, headers: {}}), {policy: {...FAST, attempts: 1}}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(mocked.ApiTransportError)
    expect(error).toMatchObject({message: `${HOST}: ECONNRESET`, transient: true})
  })
})
