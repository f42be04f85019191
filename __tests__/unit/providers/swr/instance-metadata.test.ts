import {UserError} from '../../../../src/errors.js'
import {
  agencyKeys,
  DEFAULT_DEADLINES,
  METADATA_ENDPOINT,
  NO_AGENCY,
  SECURITY_KEY_PATH,
  TOKEN_HEADER,
  TOKEN_PATH,
  TOKEN_TTL_SECONDS,
  TTL_HEADER,
  type AgencyKeysOptions
} from '../../../../src/providers/swr/instance-metadata.js'
import {closedPort, LocalServer, maskRecorder, type Received, type Reply} from '../../../support/local-server.js'

// The oracle is the official Go SDK, read (npm's @huaweicloud/huaweicloud-sdk-core has no metadata provider):
// huaweicloud-sdk-go-v3 at 1cd70eb6f, core/auth/internal/metadata_accessor.go (MA below), core/auth/base_credentials.go
// (BC) and core/auth/internal/iam_model.go (IM). The fake below answers as the service does for that SDK.

const AK = 'HSTAQWERTYUIOPASDFGH'
const SK = 'Tmp5ecretAccessKey0123456789abcdefGHIJKL'
const SECURITY_TOKEN = 'gQpjbi1ub3J0aC00SecurityToken+Zx/Cv=='
const SESSION = 'AQAEAMetadataSessionToken0123456789'
const EXPIRES = '2099-12-07T10:00:00.000000Z'
const credential = (fields: Record<string, unknown> = {}): string =>
  JSON.stringify({credential: {access: AK, secret: SK, securitytoken: SECURITY_TOKEN, expires_at: EXPIRES, ...fields}})
const KEYS = {accessKeyId: AK, accessKeySecret: SK, securityToken: SECURITY_TOKEN, expiresAt: '2099-12-07T10:00:00.000Z'}
const ok = (body: string): Reply => ({status: 200, headers: {'content-type': 'text/plain'}, body})

/** The requests each part of the exchange is, by method and path. */
const isTokenRequest = (request: Received): boolean => request.method === 'PUT' && request.url === TOKEN_PATH
const isKeyRead = (request: Received): boolean => request.method === 'GET' && request.url === SECURITY_KEY_PATH

let servers: LocalServer[] = []
afterEach(async () => {
  for (const server of servers) await server.close()
  servers = []
})

/** A fake metadata service on loopback: `token` answers each PUT (its 1-based number), `keys` each GET. */
async function metadata(token: (n: number) => Reply, keys: (request: Received, n: number) => Reply): Promise<LocalServer> {
  let puts = 0
  let gets = 0
  const server = await LocalServer.start(request => {
    if (isTokenRequest(request)) return token(++puts)
    if (isKeyRead(request)) return keys(request, ++gets)
    return {status: 404, body: 'no such path'}
  })
  servers.push(server)
  return server
}

/** A service in hardened mode: tokens session-1, session-2…, and the keys only for the newest token. */
const hardened = (): Promise<LocalServer> =>
  metadata(
    n => ok(`${SESSION}-${n}`),
    request => (request.headers['x-metadata-token'] === undefined ? {status: 401, body: 'token required'} : ok(credential()))
  )

function options(server: LocalServer | URL, more: Partial<AgencyKeysOptions> = {}): AgencyKeysOptions & {lines: string[]; masked: string[]} {
  const lines: string[] = []
  const masked: string[] = []
  return {
    env: {},
    mask: secret => masked.push(secret),
    log: line => lines.push(line),
    endpoint: server instanceof URL ? server : server.url,
    deadlines: {connectMs: 1_000, requestMs: 1_000},
    lines,
    masked,
    ...more
  }
}

/** The UserError agencyKeys rejects with. */
async function failure(promise: Promise<unknown>): Promise<UserError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

/** Every secret of the answer must stay out of a message: the body may hold the keys. */
function expectNoSecret(message: string): void {
  for (const secret of [AK, SK, SECURITY_TOKEN, SESSION]) expect(message).not.toContain(secret)
}

describe('the requests, as the Go SDK makes them', () => {
  it('defaults to the SDK address and its 3 s deadline', () => {
    expect(METADATA_ENDPOINT).toBe('http://169.254.169.254') // MA:34
    expect(DEFAULT_DEADLINES).toEqual({connectMs: 3_000, requestMs: 3_000}) // MA:51, http.Client{Timeout: 3 * time.Second}
  })

  it.each<[string, (token: Received, read: Received) => unknown, unknown]>([
    ['the token request is a PUT (MA:86)', token => token.method, 'PUT'],
    ['to /meta-data/latest/api/token (MA:35, :85)', token => token.url, '/meta-data/latest/api/token'],
    ['asking for 21600 s, 6 h, in X-Metadata-Token-Ttl-Seconds (MA:38, :40, :91)', token => token.headers['x-metadata-token-ttl-seconds'], '21600'],
    ['with an empty body (MA:86, http.NoBody)', token => token.body, ''],
    ['the key read is a GET (MA:135)', (_, read) => read.method, 'GET'],
    ['of /openstack/latest/securitykey (MA:36, :134)', (_, read) => read.url, '/openstack/latest/securitykey'],
    ['with the token in X-Metadata-Token (MA:37, :141)', (_, read) => read.headers['x-metadata-token'], `${SESSION}-1`]
  ])('%s', async (_name, pick, expected) => {
    const server = await hardened()
    await agencyKeys(options(server))
    const [token, read] = server.received
    expect(server.received).toHaveLength(2)
    expect(pick(token as Received, read as Received)).toEqual(expected)
  })

  it('names the headers and the TTL as the SDK spells them', () => {
    expect([TOKEN_PATH, SECURITY_KEY_PATH, TOKEN_HEADER, TTL_HEADER, TOKEN_TTL_SECONDS]).toEqual([
      '/meta-data/latest/api/token', // MA:35
      '/openstack/latest/securitykey', // MA:36
      'X-Metadata-Token', // MA:37
      'X-Metadata-Token-Ttl-Seconds', // MA:38
      21600 // MA:40
    ])
  })

  it('goes straight to the service, never through a proxy (the keys would pass through it)', async () => {
    const server = await hardened()
    const saved = {HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy}
    process.env.HTTP_PROXY = process.env.http_proxy = `http://127.0.0.1:${await closedPort()}`
    try {
      await expect(agencyKeys(options(server))).resolves.toEqual(KEYS)
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })
})

describe('hardened mode', () => {
  it('returns the keys, the expiry in ISO 8601 with milliseconds, and logs the mode and until when', async () => {
    const server = await hardened()
    const given = options(server)
    await expect(agencyKeys(given)).resolves.toEqual(KEYS)
    expect(given.lines).toEqual([
      `Huawei Cloud ECS agency: the instance metadata service at ${server.url.host} issued temporary keys, valid until 2099-12-07T10:00:00.000Z (hardened mode, with a session token)`
    ])
  })

  it('masks the session token, the key secret, the security token and the key ID before it returns', async () => {
    const server = await hardened()
    const recorder = maskRecorder()
    const keys = agencyKeys({...options(server), mask: recorder.mask}).finally(recorder.done)
    await keys
    expect(recorder.masked).toEqual([`${SESSION}-1`, SK, SECURITY_TOKEN, AK])
    expect(recorder.late).toEqual([])
  })

  it('sends back a token with a line break at its end without it', async () => {
    const server = await metadata(
      () => ok(`${SESSION}\n`),
      () => ok(credential())
    )
    await agencyKeys(options(server))
    expect(server.received[1]?.headers['x-metadata-token']).toBe(SESSION)
  })

  it.each([
    ['empty', ''],
    ['with a space inside', 'two words']
  ])('refuses a token that is %s, which no header can carry', async (_name, body) => {
    const server = await metadata(
      () => ok(body),
      () => ok(credential())
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toBe(
      `'instance-role': the instance metadata service at ${server.url.host} answered the request for a session token (PUT /meta-data/latest/api/token) with a token that is not one (empty, or with characters a header cannot carry). Run the job again; if it persists, check what answers at http://${server.url.host}.`
    )
  })
})

describe('plain mode: an instance without session tokens', () => {
  // MA:114-119: 404, 405 and 503 to the first PUT mean "no tokens here"; the read goes without the header (MA:140).
  it.each([404, 405, 503])('on HTTP %i to the token request, reads the keys without a token, and says so', async status => {
    const server = await metadata(
      () => ({status, body: 'not here'}),
      () => ok(credential())
    )
    const given = options(server)
    await expect(agencyKeys(given)).resolves.toEqual(KEYS)
    expect(server.received.map(r => r.method)).toEqual(['PUT', 'GET'])
    expect(server.received[1]?.headers['x-metadata-token']).toBeUndefined()
    expect(given.lines).toEqual([
      `The instance metadata service at ${server.url.host} offers no session token (HTTP ${status}): reading it in plain mode, as Huawei Cloud's SDK does.`,
      expect.stringMatching(/\(plain mode\)$/)
    ])
  })

  it.each([400, 403, 500])('fails on any other refusal of the token request, HTTP %i (MA:120-121), without reading the keys', async status => {
    const server = await metadata(
      () => ({status, body: SESSION}),
      () => ok(credential())
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toBe(
      `'instance-role': the instance metadata service at ${server.url.host} refused the request for a session token (PUT /meta-data/latest/api/token) with HTTP ${status}. Run the job again; if it persists, check the instance's metadata service, and that nothing between the runner and http://${server.url.host} (a proxy, a firewall) answers in its place.`
    )
    expect(server.received).toHaveLength(1)
  })
})

describe('a 401 to the key read', () => {
  it('with "Please configure Cloud Service Agency first": no agency, said so, and not retried (MA:39, :148)', async () => {
    const server = await metadata(
      n => ok(`${SESSION}-${n}`),
      () => ({status: 401, body: JSON.stringify({error: NO_AGENCY})})
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toBe(
      `'instance-role': this ECS instance has no agency (the metadata service at ${server.url.host} says "Please configure Cloud Service Agency first"). ` +
        `Create an agency for the ECS service (IAM console: Agencies, a cloud service agency for ECS) with SWR rights (swr::createLoginSecret, and pull or push on the organization; e.g. SWR Administrator), ` +
        `attach it to the instance (ECS console: the instance, Agency), then run the job again.`
    )
    expect(server.received).toHaveLength(2)
  })

  it('otherwise: a stale token, so a new one and one more read with it (MA:148-158)', async () => {
    const server = await metadata(
      n => ok(`${SESSION}-${n}`),
      request => (request.headers['x-metadata-token'] === `${SESSION}-2` ? ok(credential()) : {status: 401, body: 'token expired'})
    )
    const recorder = maskRecorder()
    await expect(agencyKeys({...options(server), mask: recorder.mask}).finally(recorder.done)).resolves.toEqual(KEYS)
    expect(server.received.map(r => `${r.method} ${r.headers['x-metadata-token'] ?? ''}`)).toEqual(['PUT ', `GET ${SESSION}-1`, 'PUT ', `GET ${SESSION}-2`])
    expect(recorder.masked.slice(0, 2)).toEqual([`${SESSION}-1`, `${SESSION}-2`])
    expect(recorder.late).toEqual([])
  })

  it('in plain mode too: a token is asked for, and used', async () => {
    const server = await metadata(
      n => (n === 1 ? {status: 404, body: ''} : ok(`${SESSION}-${n}`)),
      request => (request.headers['x-metadata-token'] === undefined ? {status: 401, body: 'token required'} : ok(credential()))
    )
    await expect(agencyKeys(options(server))).resolves.toEqual(KEYS)
    expect(server.received[3]?.headers['x-metadata-token']).toBe(`${SESSION}-2`)
  })

  it('twice: fails, saying a new token was tried', async () => {
    const server = await metadata(
      n => ok(`${SESSION}-${n}`),
      () => ({status: 401, body: `bad token ${SESSION}`})
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toBe(
      `'instance-role': the instance metadata service at ${server.url.host} refused the request for the agency's keys (GET /openstack/latest/securitykey) with HTTP 401 twice, with a new session token the second time. Run the job again; if it persists, check the instance's metadata service.`
    )
    expect(server.received).toHaveLength(4)
  })

  it('then "no agency" on the second read: no agency', async () => {
    const server = await metadata(
      n => ok(`${SESSION}-${n}`),
      (_request, n) => ({status: 401, body: n === 1 ? 'stale' : NO_AGENCY})
    )
    expect((await failure(agencyKeys(options(server)))).message).toMatch(/^'instance-role': this ECS instance has no agency/)
  })

  it.each([404, 405, 503])('and no token to be had the second time (HTTP %i): fails (MA:114-116, returnErr)', async status => {
    const server = await metadata(
      n => (n === 1 ? ok(`${SESSION}-1`) : {status, body: ''}),
      () => ({status: 401, body: 'stale'})
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toBe(
      `'instance-role': the instance metadata service at ${server.url.host} refused the request for a session token (PUT /meta-data/latest/api/token) with HTTP ${status}, asked for again after it had refused the first one (HTTP 401). Run the job again; if it persists, check the instance's metadata service, and that nothing between the runner and http://${server.url.host} (a proxy, a firewall) answers in its place.`
    )
  })
})

describe('answers that hold no usable keys', () => {
  it.each<[string, Reply, string]>([
    [
      'any other refusal (MA:160-165)',
      {status: 404, body: credential()},
      `answered the request for the agency's keys (GET /openstack/latest/securitykey) with HTTP 404. Check that the runner is a Huawei Cloud ECS instance with an agency attached, then run the job again.`
    ],
    ['a 500', {status: 500, body: ''}, `answered the request for the agency's keys (GET /openstack/latest/securitykey) with HTTP 500. Check that`],
    [
      'a body that is not JSON',
      ok(`access=${AK}&secret=${SK}`),
      `answered the request for the agency's keys (GET /openstack/latest/securitykey) with a body that is not JSON. Run the job again; if it persists, check what answers at http://`
    ],
    ['JSON null', ok('null'), 'without "credential".'],
    ['no "credential" (IM:160-162)', ok(JSON.stringify({access: AK, secret: SK})), 'without "credential".'],
    ['no key ID (IM:167)', ok(credential({access: undefined})), 'without "credential.access".'],
    ['no secret (IM:169)', ok(credential({secret: ''})), 'without "credential.secret".'],
    ['no security token (IM:171)', ok(credential({securitytoken: 42})), 'without "credential.securitytoken".'],
    ['no expiry (IM:165; BC:108 fails on it)', ok(credential({expires_at: undefined})), 'without "credential.expires_at".']
  ])('%s: fails, never echoing the body', async (_name, reply, expected) => {
    const server = await metadata(
      () => ok(SESSION),
      () => reply
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toContain(`'instance-role': the instance metadata service at ${server.url.host} `)
    expect(error.message).toContain(expected)
    expectNoSecret(error.message)
  })

  it('masks what it has read before it finds a field missing', async () => {
    const server = await metadata(
      () => ok(SESSION),
      () => ok(credential({access: undefined}))
    )
    const given = options(server)
    await failure(agencyKeys(given))
    expect(given.masked).toEqual([SESSION, SK, SECURITY_TOKEN])
  })
})

describe('the expiry, read as the Go SDK reads it (BC:108, layout 2006-01-02T15:04:05Z)', () => {
  it.each([
    ['2099-12-07T10:00:00.000000Z', '2099-12-07T10:00:00.000Z'],
    ['2099-12-07T10:00:00Z', '2099-12-07T10:00:00.000Z'],
    ['2099-12-07T10:00:00.5Z', '2099-12-07T10:00:00.500Z'],
    ['2099-01-08T03:50:07.574000Z', '2099-01-08T03:50:07.574Z']
  ])('%s is %s', async (given, expected) => {
    const server = await metadata(
      () => ok(SESSION),
      () => ok(credential({expires_at: given}))
    )
    expect((await agencyKeys(options(server))).expiresAt).toBe(expected)
  })

  it.each([
    ['no zone', '2099-12-07T10:00:00'],
    ['another zone', '2099-12-07T10:00:00+08:00'],
    ['a date alone', '2099-12-07'],
    ['no such day', '2099-13-45T10:00:00Z'],
    ['words', 'tomorrow'],
    ['a number', 4102444800]
  ])('refuses %s', async (_name, given) => {
    const server = await metadata(
      () => ok(SESSION),
      () => ok(credential({expires_at: given}))
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toMatch(typeof given === 'number' ? /without "credential\.expires_at"\./ : /with a "credential\.expires_at" that is not a UTC time \('.*'\)\./)
  })

  it('quotes a bad expiry with any secret of the answer taken out', async () => {
    const server = await metadata(
      () => ok(SESSION),
      () => ok(credential({expires_at: `x${SK}`}))
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toContain(`that is not a UTC time ('x***')`)
    expectNoSecret(error.message)
  })

  it("refuses keys that had expired on arrival, naming the runner's clock", async () => {
    const server = await metadata(
      () => ok(SESSION),
      () => ok(credential({expires_at: '2020-01-08T03:50:07.574000Z'}))
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toMatch(
      /^'instance-role': the instance metadata service at .* answered with keys that had already expired: valid until 2020-01-08T03:50:07\.574Z, and the runner's clock says .*Z\. Check the runner's clock \(NTP\), then run the job again\.$/
    )
  })
})

describe('a runner where the service does not answer', () => {
  const advice = (host: string): string =>
    `Run the job on a Huawei Cloud ECS instance with an agency attached, and check that nothing (a firewall, a container's network, a security group) keeps the runner from http://${host}; or remove 'instance-role'.`

  it('nothing listening: not an ECS instance, or kept from the service', async () => {
    const endpoint = new URL(`http://127.0.0.1:${await closedPort()}`)
    const error = await failure(agencyKeys(options(endpoint)))
    expect(error.message).toBe(
      `'instance-role': nothing answers at ${endpoint.host} (connection refused): this runner is not a Huawei Cloud ECS instance, or it is kept from the instance metadata service. ${advice(endpoint.host)}`
    )
  })

  it('an address that nothing answers at fails within the connect deadline, whatever the network does with it', async () => {
    // TEST-NET-1: packets to it go nowhere (a timeout), have no route, or are refused (at once), as the network here decides.
    const endpoint = new URL('http://192.0.2.1')
    const error = await failure(agencyKeys(options(endpoint, {deadlines: {connectMs: 200, requestMs: 5_000}})))
    expect(error.message).toMatch(
      /^'instance-role': nothing answers at 192\.0\.2\.1 \((no connection within 0\.2 s|no route to it, E[A-Z]+|connection refused)\): this runner is not/
    )
  })

  it('a request Node cannot even start (an https:// address given by a test) is reported as nothing answering, not thrown raw', async () => {
    const error = await failure(agencyKeys(options(new URL('https://127.0.0.1:9'))))
    expect(error.message).toMatch(/^'instance-role': nothing answers at 127\.0\.0\.1:9 \(ERR_INVALID_PROTOCOL\): this runner is not/)
  })

  it('a token request that hangs: fails at the deadline', async () => {
    const server = await metadata(
      () => 'hang',
      () => ok(credential())
    )
    const error = await failure(agencyKeys(options(server, {deadlines: {requestMs: 200}})))
    expect(error.message).toBe(
      `'instance-role': the instance metadata service at ${server.url.host} gave no usable answer to the request for a session token (PUT /meta-data/latest/api/token) (no answer within 0.2 s). ${advice(server.url.host)}`
    )
  })

  it('a key read that hangs halfway through its body: fails at the deadline', async () => {
    const server = await metadata(
      () => ok(SESSION),
      () => 'headers-only'
    )
    const error = await failure(agencyKeys(options(server, {deadlines: {requestMs: 200}})))
    expect(error.message).toContain(`gave no usable answer to the request for the agency's keys (GET /openstack/latest/securitykey) (no answer within 0.2 s)`)
  })

  it('a redirect is not followed', async () => {
    const server = await metadata(
      () => ({status: 302, headers: {location: 'http://example.com/'}, body: ''}),
      () => ok(credential())
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toContain('(a redirect, HTTP 302, which the metadata service never sends)')
    expect(server.received).toHaveLength(1)
  })

  it.each([
    ['says it is', {'content-length': String(1024 * 1024 + 1)}],
    ['turns out to be', {}]
  ])('an answer that %s oversized is not read to its end', async (_name, headers) => {
    const server = await metadata(
      () => ok(SESSION),
      () => ({status: 200, headers, body: 'x'.repeat(1024 * 1024 + 1)})
    )
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toContain('(an answer of more than 1048576 bytes, which the metadata service never sends)')
  })

  it('a connection closed without an answer', async () => {
    const server = await metadata(
      () => ok(SESSION),
      () => 'hang'
    )
    server.script = request => {
      if (isKeyRead(request)) setImmediate(() => void server.close())
      return isTokenRequest(request) ? ok(SESSION) : 'hang'
    }
    const error = await failure(agencyKeys(options(server)))
    expect(error.message).toContain('(the connection was closed before an answer)')
  })
})
