import {execFileSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as http from 'node:http'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import * as tls from 'node:tls'
import {EngineFailure} from '../../../../src/failure.js'
import {checkRegistry, parseChallenge, proxyFor, type RegistryCheck} from '../../../../src/engines/shared/registry-check.js'
import {closedPort, localServers, type Received, type Reply} from '../../../support/local-server.js'

const AUTH = `Basic ${Buffer.from('cn-north-4@AK:the-login-key').toString('base64')}`
const serve = localServers()
const noSleep = async (): Promise<void> => undefined

/** The registry's answers by path: /v2/ and /token. */
function registry(v2: Reply, tokenReply: Reply = {status: 404}): (request: Received) => Reply {
  return request => (request.url.startsWith('/token') ? tokenReply : v2)
}

async function start(script: (request: Received) => Reply): Promise<{url: string; received: Received[]}> {
  const server = await serve(() => ({status: 500}))
  server.script = request => script(request)
  return {url: `http://127.0.0.1:${server.port}`, received: server.received}
}

const check = (url: string, more: Partial<RegistryCheck> = {}): Promise<string | undefined> => checkRegistry({url, authorization: AUTH, sleep: noSleep, ...more})

async function failure(promise: Promise<unknown>): Promise<EngineFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(EngineFailure)
  return error as EngineFailure
}

describe('checkRegistry over plain HTTP', () => {
  it('accepts a 200 from /v2/, asked with the Authorization header hosts.toml will carry', async () => {
    const reg = await start(registry({status: 200, body: '{}'}))
    expect(await check(reg.url)).toBeUndefined()
    expect(reg.received).toHaveLength(1)
    expect(reg.received[0]).toMatchObject({method: 'GET', url: '/v2/'})
    expect(reg.received[0].headers.authorization).toBe(AUTH)
  })

  it.each<[string, Reply, string, RegExp]>([
    ['a 401 with a Basic challenge', {status: 401, headers: {'www-authenticate': 'Basic realm="r"'}}, 'unauthorized', /rejected the credentials\.$/],
    ['a 401 without a challenge', {status: 401}, 'unauthorized', /rejected the credentials\.$/],
    ['a 403', {status: 403}, 'denied', /denied the login\.$/],
    ['a 404', {status: 404}, 'other', /does not answer as a container registry does: check 'registry'\.$/],
    [
      'a redirect elsewhere',
      {status: 302, headers: {location: 'http://elsewhere.example/v2/'}},
      'other',
      /redirect to http:\/\/elsewhere\.example where a registry answers itself/
    ]
  ])('fails on %s', async (_name, reply, kind, statement) => {
    const reg = await start(registry(reply))
    const error = await failure(check(reg.url))
    expect(error.kind).toBe(kind)
    expect(error.statement).toMatch(statement)
    expect(error.statement).toContain(`127.0.0.1:${new URL(reg.url).port}`)
    expect(error.detail).toMatch(/^registry check: GET http:\/\/127\.0\.0\.1:\d+\/v2\/: HTTP \d{3}$/)
    expect(error.message).not.toContain(AUTH.slice(6))
  })

  it('follows a Bearer challenge to the token service with the Basic credential, the service and no scope', async () => {
    let realm = ''
    const reg = await start(request =>
      request.url.startsWith('/token')
        ? {status: 200, body: JSON.stringify({token: 'a-token'})}
        : {status: 401, headers: {'www-authenticate': `Bearer realm="${realm}",service="registry.docker.io"`}}
    )
    realm = `${reg.url}/token`
    expect(await check(reg.url)).toBeUndefined()
    expect(reg.received.map(r => r.url)).toEqual(['/v2/', '/token?service=registry.docker.io'])
    expect(reg.received[1].headers.authorization).toBe(AUTH)
  })

  it.each<[string, Reply, string, RegExp]>([
    ['a 401', {status: 401}, 'unauthorized', /rejected the credentials/],
    ['a 403', {status: 403}, 'denied', /denied the login/],
    ['a 200 without a token', {status: 200, body: '{"nothing":1}'}, 'other', /token service of .* answered without a token/],
    ['a 200 that is not JSON', {status: 200, body: '<html>'}, 'other', /answered without a token/]
  ])('fails when the token service answers %s', async (_name, tokenReply, kind, statement) => {
    let realm = ''
    const reg = await start(request => (request.url.startsWith('/token') ? tokenReply : {status: 401, headers: {'www-authenticate': `Bearer realm="${realm}"`}}))
    realm = `${reg.url}/token`
    const error = await failure(check(reg.url))
    expect(error.kind).toBe(kind)
    expect(error.statement).toMatch(statement)
  })

  it('accepts access_token as well as token', async () => {
    let realm = ''
    const reg = await start(r =>
      r.url.startsWith('/token') ? {status: 200, body: '{"access_token":"x"}'} : {status: 401, headers: {'www-authenticate': `Bearer realm="${realm}"`}}
    )
    realm = `${reg.url}/token`
    expect(await check(reg.url)).toBeUndefined()
  })

  it.each(['', 'ftp://x/token', 'not a url'])('fails on a Bearer challenge whose realm is %j', async realm => {
    const reg = await start(registry({status: 401, headers: {'www-authenticate': `Bearer realm="${realm}"`}}))
    const error = await failure(check(reg.url))
    expect(error.statement).toMatch(/asks for a token from a token service it does not name properly/)
  })

  it('fails when the token service cannot be reached, naming it', async () => {
    const port = await closedPort()
    const reg = await start(registry({status: 401, headers: {'www-authenticate': `Bearer realm="http://127.0.0.1:${port}/token"`}}))
    const error = await failure(check(reg.url))
    expect(error.statement).toBe(`Nothing accepts connections at 127.0.0.1:${port}. Check 'registry' (host and port), and that the registry is up.`)
  })

  it('tries a server error again, and passes when the registry recovers', async () => {
    let n = 0
    const reg = await start(() => (++n < 3 ? {status: 503} : {status: 200}))
    expect(await check(reg.url)).toBeUndefined()
    expect(reg.received).toHaveLength(3)
  })

  it('gives up on server errors after three tries, as a transient failure', async () => {
    const reg = await start(() => ({status: 502}))
    const error = await failure(check(reg.url))
    expect(error).toMatchObject({kind: 'other', transient: true})
    expect(error.statement).toMatch(/server error or asked to slow down, over several tries/)
    expect(reg.received).toHaveLength(3)
  })

  it('waits 1 s, then 2 s, between its tries', async () => {
    const reg = await start(() => ({status: 503}))
    const waits: number[] = []
    await failure(check(reg.url, {sleep: async ms => void waits.push(ms)}))
    expect(waits).toEqual([1000, 2000])
  })

  it("starts no try that would not have a whole request's time before the check's deadline", async () => {
    const reg = await start(() => ({status: 503}))
    // 1 s of waiting would leave less than the 10 s a request may take within 10.5 s: one try only.
    await failure(check(reg.url, {totalMs: 10_500}))
    expect(reg.received).toHaveLength(1)
  })

  it('fails fast when nothing listens', async () => {
    const port = await closedPort()
    const error = await failure(check(`http://127.0.0.1:${port}`))
    expect(error.statement).toBe(`Nothing accepts connections at 127.0.0.1:${port}. Check 'registry' (host and port), and that the registry is up.`)
    expect(error.detail).toBe(`registry check: GET http://127.0.0.1:${port}/v2/: ECONNREFUSED`)
  })

  it('names a host that does not resolve', async () => {
    const error = await failure(check('https://registry.does-not-exist.invalid'))
    expect(error.kind).toBe('not-found')
    expect(error.statement).toBe('registry.does-not-exist.invalid cannot be resolved.')
  })

  it('gives up on a registry that never answers at the deadline, and the whole check is bounded', async () => {
    const reg = await start(() => 'hang')
    const started = Date.now()
    const error = await failure(check(reg.url, {requestMs: 300, totalMs: 2000}))
    expect(Date.now() - started).toBeLessThan(1500)
    expect(error.statement).toMatch(/did not answer\. Check 'registry', and the runner's network and proxy settings/)
    expect(error.detail).toMatch(/no answer within 0\.3 s$/)
  })

  it('only warns when the registry cannot be reached directly but a proxy would be used by containerd', async () => {
    const port = await closedPort()
    const warning = await check(`http://127.0.0.1:${port}`, {env: {HTTP_PROXY: 'http://proxy.example:3128'}})
    expect(warning).toMatch(/the credential was not checked .* does not go through the proxy in HTTP_PROXY/)
  })

  it('says a plain-HTTP registry reached as https:// needs http://, naming the input', async () => {
    const reg = await start(registry({status: 200}))
    const port = new URL(reg.url).port
    const error = await failure(check(`https://127.0.0.1:${port}`))
    expect(error.statement).toBe(`127.0.0.1:${port} speaks plain HTTP, but 'registry' asks containerd to use https://. Set 'registry: http://127.0.0.1:${port}'.`)
    // the credential never went over the wire: the only request that got through was the probe without it
    expect(reg.received.map(r => r.headers.authorization)).toEqual([undefined])
  })

  it('says a registry that redirects http:// to https:// needs https://', async () => {
    const reg = await start(registry({status: 301, headers: {location: 'https://127.0.0.1/v2/'}}))
    const error = await failure(check(reg.url))
    expect(error.statement).toMatch(/speaks HTTPS, but 'registry' asks containerd to use plain http:\/\/\. Set 'registry: https:\/\/127\.0\.0\.1:\d+'/)
  })
})

describe('checkRegistry over TLS', () => {
  let dir: string
  let cert: string
  let key: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-check-tls-'))
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
        '-addext',
        'subjectAltName=IP:127.0.0.1,IP:127.0.0.2',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem')
      ],
      {stdio: 'ignore'}
    )
    cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8')
    key = fs.readFileSync(path.join(dir, 'key.pem'), 'utf8')
  })
  afterAll(() => fs.rmSync(dir, {recursive: true, force: true}))

  const servers: net.Server[] = []
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise<void>(resolve => s.close(() => resolve()))
  })

  /**
   * A TLS registry on one port, as Go's servers are: a plain-HTTP request gets a 400 "Client sent an HTTP request to an
   * HTTPS server" when `goStyle`, or the connection is dropped (Node's way) when not.
   */
  async function tlsRegistry(
    answer: (req: http.IncomingMessage, res: http.ServerResponse) => void,
    goStyle = false,
    address = '127.0.0.1'
  ): Promise<{port: number; requests: http.IncomingMessage[]}> {
    const requests: http.IncomingMessage[] = []
    const inner = http.createServer((req, res) => {
      requests.push(req)
      answer(req, res)
    })
    const outer = net.createServer(socket => {
      socket.on('error', () => undefined)
      socket.once('data', first => {
        if (first[0] !== 0x16 && goStyle) {
          socket.end('HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n')
          return
        }
        socket.pause()
        socket.unshift(first)
        const secure = new tls.TLSSocket(socket, {isServer: true, key, cert})
        secure.on('error', () => socket.destroy())
        inner.emit('connection', secure)
      })
    })
    servers.push(outer)
    await new Promise<void>(resolve => outer.listen(0, address, resolve))
    return {port: (outer.address() as net.AddressInfo).port, requests}
  }

  it('checks the credential when the CA hosts.toml names is trusted', async () => {
    const reg = await tlsRegistry((_req, res) => res.writeHead(200).end('{}'))
    expect(await check(`https://127.0.0.1:${reg.port}`, {extraCa: [cert]})).toBeUndefined()
    expect(reg.requests[0].headers.authorization).toBe(AUTH)
  })

  it('fails on a rejected credential over TLS', async () => {
    const reg = await tlsRegistry((_req, res) => res.writeHead(401, {'www-authenticate': 'Basic realm="x"'}).end())
    expect((await failure(check(`https://127.0.0.1:${reg.port}`, {extraCa: [cert]}))).kind).toBe('unauthorized')
  })

  it.each([false, true])('only warns, and sends no credential, when Node does not trust the certificate (skip_verify %s)', async skipVerify => {
    const reg = await tlsRegistry((_req, res) => res.writeHead(401).end())
    const warning = await check(`https://127.0.0.1:${reg.port}`, {skipVerify})
    expect(warning).toMatch(
      /the credential was not checked before containerd was given it: Node does not trust the registry's TLS certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/
    )
    expect(warning).toMatch(skipVerify ? /hosts\.toml sets skip_verify/ : /containerd may trust it/)
    expect(reg.requests).toEqual([])
  })

  it.each([false, true])('says a TLS registry reached as http:// needs https:// (Go-style 400: %s)', async goStyle => {
    const reg = await tlsRegistry((_req, res) => res.writeHead(200).end(), goStyle)
    const error = await failure(check(`http://127.0.0.1:${reg.port}`))
    expect(error.statement).toBe(
      `127.0.0.1:${reg.port} speaks HTTPS, but 'registry' asks containerd to use plain http://. Set 'registry: https://127.0.0.1:${reg.port}' (or leave the scheme out: https is the default).`
    )
    expect(reg.requests).toEqual([])
  })

  it('follows a Bearer challenge to an https:// token service on another host, with the credential (ACR, SWR)', async () => {
    const tokenService = await tlsRegistry((_req, res) => res.writeHead(200).end('{"token":"t"}'), false, '127.0.0.2')
    const reg = await tlsRegistry((_req, res) => res.writeHead(401, {'www-authenticate': `Bearer realm="https://127.0.0.2:${tokenService.port}/token",service="r"`}).end())
    expect(await check(`https://127.0.0.1:${reg.port}`, {extraCa: [cert]})).toBeUndefined()
    expect(tokenService.requests.map(r => r.url)).toEqual(['/token?service=r'])
    expect(tokenService.requests[0].headers.authorization).toBe(AUTH)
  })

  it('only warns, and sends nothing, when a registry reached over https:// names a plain-HTTP token service', async () => {
    const tokenService = await start(() => ({status: 200, body: '{"token":"t"}'}))
    const reg = await tlsRegistry((_req, res) => res.writeHead(401, {'www-authenticate': `Bearer realm="${tokenService.url}/token"`}).end())
    expect(await check(`https://127.0.0.1:${reg.port}`, {extraCa: [cert]})).toBe(
      `127.0.0.1:${reg.port}: the credential was not checked before containerd was given it: the registry answers over ` +
        `https://, but its token service ${tokenService.url} is plain HTTP, and this check does not send a credential ` +
        `over plain HTTP. containerd would send it there when it pulls: have the registry name an https:// token service.`
    )
    expect(tokenService.received).toEqual([])
    expect(reg.requests).toHaveLength(1)
  })

  it('only warns when the token service has a certificate Node does not trust', async () => {
    const tokenService = await tlsRegistry((_req, res) => res.writeHead(200).end('{"token":"t"}'))
    const reg = await start(registry({status: 401, headers: {'www-authenticate': `Bearer realm="https://127.0.0.1:${tokenService.port}/token"`}}))
    expect(await check(reg.url)).toMatch(/Node does not trust the TLS certificate of its token service 127\.0\.0\.1:\d+/)
    expect(tokenService.requests).toEqual([])
  })
})

describe('parseChallenge', () => {
  it.each<[string | undefined, ReturnType<typeof parseChallenge>]>([
    [
      'Bearer realm="https://auth.example/token",service="registry",scope="repository:x:pull"',
      {scheme: 'bearer', params: {realm: 'https://auth.example/token', service: 'registry', scope: 'repository:x:pull'}}
    ],
    ['Basic realm="Registry Realm"', {scheme: 'basic', params: {realm: 'Registry Realm'}}],
    ['bearer Realm=https://a/t, service=s', {scheme: 'bearer', params: {realm: 'https://a/t', service: 's'}}],
    ['Bearer realm="a\\"b"', {scheme: 'bearer', params: {realm: 'a"b'}}],
    ['', undefined],
    [undefined, undefined]
  ])('%j', (value, parsed) => expect(parseChallenge(value)).toEqual(parsed))
})

describe('proxyFor', () => {
  const url = new URL('https://swr.cn-north-4.myhuaweicloud.com/v2/')
  it.each<[NodeJS.ProcessEnv, string | undefined]>([
    [{}, undefined],
    [{HTTPS_PROXY: 'http://p:3128'}, 'HTTPS_PROXY'],
    [{https_proxy: 'http://p:3128'}, 'https_proxy'],
    [{HTTP_PROXY: 'http://p:3128'}, 'HTTP_PROXY'],
    [{HTTPS_PROXY: 'http://p', NO_PROXY: '*'}, undefined],
    [{HTTPS_PROXY: 'http://p', NO_PROXY: '.myhuaweicloud.com'}, undefined],
    [{HTTPS_PROXY: 'http://p', no_proxy: 'localhost, *.myhuaweicloud.com'}, undefined],
    [{HTTPS_PROXY: 'http://p', NO_PROXY: 'swr.cn-north-4.myhuaweicloud.com:443'}, undefined],
    [{HTTPS_PROXY: 'http://p', NO_PROXY: 'huaweicloud.com'}, 'HTTPS_PROXY']
  ])('%j → %s', (env, name) => expect(proxyFor(url, env)).toBe(name))

  it('ignores HTTPS_PROXY for http://', () => {
    expect(proxyFor(new URL('http://127.0.0.1:5000/v2/'), {HTTPS_PROXY: 'http://p'})).toBeUndefined()
  })
})
