// The ECS RAM role reader against a loopback fake of the instance metadata service (100.100.100.200 on an instance),
// and against @alicloud/credentials' ECSRAMRoleCredentialsProvider, the official SDK's reader of the same service,
// pointed at the same fake: both must send the same requests, in the same order.
import {createRequire} from 'node:module'
import * as net from 'node:net'
import {UserError} from '../../../../src/errors.js'
import {DEADLINE_MS, ecsRamRoleKeys, METADATA_ENDPOINT, type InstanceMetadataOptions} from '../../../../src/providers/acr/instance-metadata.js'
import {closedPort, LocalServer, maskRecorder, type Received, type Reply} from '../../../support/local-server.js'

const ROLES = '/latest/meta-data/ram/security-credentials/'
const ROLE = 'acr-push.runner-01'
const SESSION_TOKEN = 'AQAEAImdsSessionToken0123456789_abcdefXYZ=='
const AK = 'STS.NUxYz0123456789AbCdEf'
const SK = 'Inst4nceR0leS3cr3tValue0123456789'
const STS_TOKEN = 'CAIS+InstanceRoleSecurityToken/Qw12Er34=='
const CREDENTIALS = {
  AccessKeyId: AK,
  AccessKeySecret: SK,
  SecurityToken: STS_TOKEN,
  Expiration: '2099-01-01T01:00:00Z',
  LastUpdated: '2098-12-31T19:00:00Z',
  Code: 'Success'
}
const SECRETS = [SK, STS_TOKEN, AK, SESSION_TOKEN]

/** How the fake behaves: what the token request, the role list and the role's keys answer; which modes it allows. */
interface Service {
  token?: Reply
  /** The role attached (the role list's body); undefined: none (404). */
  attached?: string
  keys?: Reply
  /** Plain reads (no token) are refused with 403, as on an instance set to hardened mode only. */
  hardenedOnly?: boolean
  /** Reads with a token answer this (to make a hardened read fail while plain ones work). */
  withToken?: Reply
}

/** The metadata service as the SDK expects it: tokens at PUT /latest/api/token, reads with or without one. */
function metadataService(service: Service): (request: Received) => Reply {
  return request => {
    if (request.url === '/latest/api/token') return request.method === 'PUT' ? (service.token ?? {status: 200, body: SESSION_TOKEN}) : {status: 405}
    const token = request.headers['x-aliyun-ecs-metadata-token']
    if (token !== undefined && token !== SESSION_TOKEN) return {status: 401}
    if (token !== undefined && service.withToken !== undefined) return service.withToken
    if (token === undefined && service.hardenedOnly) return {status: 403}
    if (request.url === ROLES) return service.attached === undefined ? {status: 404, body: 'Not Found'} : {status: 200, body: service.attached}
    if (service.attached !== undefined && request.url === ROLES + service.attached) return service.keys ?? {status: 200, body: JSON.stringify(CREDENTIALS)}
    return {status: 404, body: 'Not Found'}
  }
}

const servers: LocalServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})
async function serve(service: Service): Promise<LocalServer> {
  const server = await LocalServer.start(metadataService(service))
  servers.push(server)
  return server
}

/** Our reader against `server`, short deadlines, the rest as given; the log's lines come back with the keys. */
async function ours(server: LocalServer | URL, more: Partial<InstanceMetadataOptions> = {}) {
  const lines: string[] = []
  const keys = await ecsRamRoleKeys({
    env: {},
    mask: () => undefined,
    log: line => lines.push(line),
    endpoint: server instanceof URL ? server : server.url,
    connectMs: 300,
    readMs: 300,
    ...more
  })
  return {keys, lines}
}

/** The message of the UserError our reader rejects with. */
async function refusal(server: LocalServer | URL, more: Partial<InstanceMetadataOptions> = {}): Promise<string> {
  const error = await ours(server, more).then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(UserError)
  const message = (error as Error).message
  expect(message).toMatch(/^'instance-role': /)
  for (const secret of SECRETS) expect(message).not.toContain(secret)
  return message
}

const line = (received: Received): string => `${received.method} ${received.url} ${received.headers['x-aliyun-ecs-metadata-token'] ?? '-'}`

describe('ecsRamRoleKeys: the defaults are the real service and the SDK deadlines', () => {
  it('asks http://100.100.100.200 with 1 s to connect and 1 s to read', () => {
    expect(METADATA_ENDPOINT.href).toBe('http://100.100.100.200/')
    expect(DEADLINE_MS).toBe(1000)
  })
})

describe('ecsRamRoleKeys: hardened mode (IMDSv2)', () => {
  it('gets a session token before each read and sends it with every read: token, role list, token, role', async () => {
    const server = await serve({attached: ROLE})
    const {keys} = await ours(server)
    expect(server.received.map(line)).toEqual(['PUT /latest/api/token -', `GET ${ROLES} ${SESSION_TOKEN}`, 'PUT /latest/api/token -', `GET ${ROLES}${ROLE} ${SESSION_TOKEN}`])
    expect(server.received[0].headers['x-aliyun-ecs-metadata-token-ttl-seconds']).toBe('21600')
    expect(keys).toEqual({accessKeyId: AK, accessKeySecret: SK, securityToken: STS_TOKEN, expiresAt: '2099-01-01T01:00:00.000Z'})
  })

  it('says in the log which role, from where, in which mode, until when, and no secret', async () => {
    const server = await serve({attached: ROLE})
    const {lines} = await ours(server)
    expect(lines).toEqual([expect.stringContaining(`RAM role '${ROLE}' (the role attached to this instance)`)])
    expect(lines[0]).toContain('hardened mode (IMDSv2), valid until 2099-01-01T01:00:00.000Z')
    for (const secret of SECRETS) expect(lines.join('\n')).not.toContain(secret)
  })

  it("reads a role named by the caller ('instance-role') without listing the roles", async () => {
    const server = await serve({attached: ROLE})
    const {lines} = await ours(server, {roleName: ROLE})
    expect(server.received.map(line)).toEqual(['PUT /latest/api/token -', `GET ${ROLES}${ROLE} ${SESSION_TOKEN}`])
    expect(lines[0]).toContain(`RAM role '${ROLE}' ('instance-role')`)
  })

  it('reads the role ALIBABA_CLOUD_ECS_METADATA names, as the SDK does, when the caller names none', async () => {
    const server = await serve({attached: ROLE})
    const {lines} = await ours(server, {env: {ALIBABA_CLOUD_ECS_METADATA: ROLE}})
    expect(server.received.map(r => r.url)).toEqual(['/latest/api/token', ROLES + ROLE])
    expect(lines[0]).toContain("ALIBABA_CLOUD_ECS_METADATA in the runner's environment")
  })

  it('prefers the role the caller names to ALIBABA_CLOUD_ECS_METADATA', async () => {
    const server = await serve({attached: ROLE})
    await ours(server, {roleName: ROLE, env: {ALIBABA_CLOUD_ECS_METADATA: 'other-role'}})
    expect(server.received.map(r => r.url)).toEqual(['/latest/api/token', ROLES + ROLE])
  })

  it('masks the session token, the key secret, the security token and the key ID, each before it returns', async () => {
    const server = await serve({attached: ROLE})
    const recorder = maskRecorder()
    await ours(server, {mask: recorder.mask})
    recorder.done()
    expect(recorder.masked).toEqual(expect.arrayContaining(SECRETS))
    expect(recorder.late).toEqual([])
  })

  it('masks the key secret before it reads the key ID, so that a bad answer after it cannot leave it unmasked', async () => {
    const server = await serve({attached: ROLE, keys: {status: 200, body: JSON.stringify({...CREDENTIALS, AccessKeyId: undefined})}})
    const recorder = maskRecorder()
    await refusal(server, {mask: recorder.mask, env: {ALIBABA_CLOUD_IMDSV1_DISABLED: 'true'}})
    expect(recorder.masked).toEqual(expect.arrayContaining([SK, STS_TOKEN]))
  })
})

describe('ecsRamRoleKeys: plain mode (IMDSv1), where the SDK falls back to it', () => {
  it.each([
    ['refuses tokens (HTTP 403)', {status: 403} as Reply],
    ['has no token API (HTTP 404)', {status: 404} as Reply],
    ['answers a token request with an empty token', {status: 200, body: ''} as Reply],
    ['does not answer a token request in time', 'hang' as Reply]
  ])('reads without a token when the service %s, and says so in the log', async (_what, token) => {
    const server = await serve({attached: ROLE, token})
    const {keys, lines} = await ours(server)
    expect(keys.accessKeyId).toBe(AK)
    const reads = server.received.filter(r => r.method === 'GET')
    expect(reads.map(line)).toEqual([`GET ${ROLES} -`, `GET ${ROLES}${ROLE} -`])
    expect(lines.at(-1)).toContain('plain mode (IMDSv1)')
    expect(lines[0]).toMatch(/^Instance metadata: no session token for hardened mode \(IMDSv2\) \(.+\); listing .* in plain mode/)
  })

  it('reads again without the token when a read with it fails, as the SDK does', async () => {
    const server = await serve({attached: ROLE, withToken: {status: 500}})
    const {keys, lines} = await ours(server)
    expect(keys.securityToken).toBe(STS_TOKEN)
    expect(server.received.map(line)).toEqual([
      'PUT /latest/api/token -',
      `GET ${ROLES} ${SESSION_TOKEN}`,
      `GET ${ROLES} -`,
      'PUT /latest/api/token -',
      `GET ${ROLES}${ROLE} ${SESSION_TOKEN}`,
      `GET ${ROLES}${ROLE} -`
    ])
    expect(lines[0]).toContain('in hardened mode (IMDSv2) failed (HTTP 500); again in plain mode (IMDSv1)')
  })

  it.each(['ALIBABA_CLOUD_IMDSV1_DISABLED', 'ALIBABA_CLOUD_IMDSV1_DISABLE'])(
    'never reads in plain mode when %s is true: a refused token ends it, with a message naming the variable',
    async name => {
      const server = await serve({attached: ROLE, token: {status: 403}})
      const message = await refusal(server, {env: {[name]: 'TRUE'}})
      expect(server.received.map(line)).toEqual(['PUT /latest/api/token -'])
      expect(message).toContain('refused hardened mode (IMDSv2): it answered HTTP 403 for a session token')
      expect(message).toContain(`${name} (true in the runner's environment) forbids plain mode (IMDSv1)`)
      expect(message).toContain(server.url.origin)
    }
  )

  it('with plain mode forbidden, an empty token is a refusal of hardened mode too', async () => {
    const server = await serve({attached: ROLE, token: {status: 200, body: ''}})
    expect(await refusal(server, {env: {ALIBABA_CLOUD_IMDSV1_DISABLED: 'true'}})).toContain('it answered with an empty session token')
  })

  it('with plain mode forbidden, a failed read with the token is not tried again without it', async () => {
    const server = await serve({attached: ROLE, withToken: {status: 500}})
    const message = await refusal(server, {env: {ALIBABA_CLOUD_IMDSV1_DISABLED: 'true'}})
    expect(server.received.map(line)).toEqual(['PUT /latest/api/token -', `GET ${ROLES} ${SESSION_TOKEN}`])
    expect(message).toContain('answered HTTP 500 listing')
    expect(message).toContain('(hardened mode)')
  })

  it('with plain mode forbidden and nothing answering, says that nothing answers (not that hardened mode was refused)', async () => {
    const port = await closedPort()
    expect(await refusal(new URL(`http://127.0.0.1:${port}/`), {env: {ALIBABA_CLOUD_IMDSV1_DISABLED: 'true'}})).toContain('nothing answers at')
  })

  it('reports the answer to the hardened read when both fail: an instance that allows hardened mode only refuses the plain one', async () => {
    const server = await serve({hardenedOnly: true})
    const message = await refusal(server)
    expect(message).toContain('no RAM role is attached to this ECS instance')
    expect(message).toContain('hardened mode')
  })
})

describe('ecsRamRoleKeys: each failure has a message of its own, naming the input, the address and what to check', () => {
  it('refuses at once, sending nothing, when ALIBABA_CLOUD_ECS_METADATA_DISABLED is true (a switch of the SDK)', async () => {
    const server = await serve({attached: ROLE})
    const message = await refusal(server, {env: {ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true'}})
    expect(server.received).toEqual([])
    expect(message).toContain('ALIBABA_CLOUD_ECS_METADATA_DISABLED is true')
    expect(message).toContain(server.url.origin)
  })

  it('says that nothing answers, and asks whether this is an ECS instance and about firewalls, when the connection fails', async () => {
    const port = await closedPort()
    const message = await refusal(new URL(`http://127.0.0.1:${port}/`))
    expect(message).toContain(`nothing answers at http://127.0.0.1:${port}, the ECS instance metadata service (the connection failed (ECONNREFUSED)`)
    expect(message).toContain('Is this runner an Alibaba Cloud ECS instance?')
    expect(message).toContain('firewall')
    expect(message).toContain(`port ${port}`)
  })

  it('gives up on a service that never answers, within its deadlines (it does not hang)', async () => {
    const server = await LocalServer.start(() => 'hang')
    servers.push(server)
    const message = await refusal(server, {connectMs: 100, readMs: 100})
    expect(message).toContain('did not answer (no answer within 100 ms of connecting')
    // The token's failure sends it to plain mode, whose read fails too: two requests, then the end.
    expect(server.received.map(r => r.method)).toEqual(['PUT', 'GET'])
  })

  it('says the service did not answer when it closes the connection without a word', async () => {
    const closer = net.createServer(socket => socket.on('data', () => socket.destroy()))
    await new Promise<void>(resolve => closer.listen(0, '127.0.0.1', resolve))
    try {
      const {port} = closer.address() as net.AddressInfo
      const message = await refusal(new URL(`http://127.0.0.1:${port}/`))
      expect(message).toMatch(/did not answer \(the connection closed \(ECONNRESET\)/)
    } finally {
      await new Promise<void>(resolve => closer.close(() => resolve()))
    }
  })

  it('says that nothing answers at an address no connection reaches (TEST-NET-1), within the connect deadline', async () => {
    // Dropped (the connect deadline ends it) or refused at once (no route): nothing answers, either way.
    expect(await refusal(new URL('http://192.0.2.1/'), {connectMs: 200})).toContain('nothing answers at http://192.0.2.1')
  })

  it('lets an error of the mask itself through as it is, not as a failure of the service', async () => {
    const server = await serve({attached: ROLE})
    const broken = new Error('mask broke')
    await expect(
      ours(server, {
        mask: () => {
          throw broken
        }
      })
    ).rejects.toBe(broken)
  })

  it('gives up on an answer whose body never ends', async () => {
    const server = await LocalServer.start(request => (request.method === 'PUT' ? {status: 404} : 'headers-only'))
    servers.push(server)
    expect(await refusal(server, {connectMs: 100, readMs: 100})).toContain('did not answer')
  })

  it.each([
    ['answers 404', {} as Service],
    ['answers an empty list', {attached: ''} as Service],
    ['answers a list of blanks', {attached: ' \n'} as Service]
  ])('says that no RAM role is attached, and how to attach one, when the role list %s', async (_what, service) => {
    const server = await serve(service)
    const message = await refusal(server)
    expect(message).toContain(`no RAM role is attached to this ECS instance: the ECS instance metadata service at ${server.url.origin} lists none`)
    expect(message).toContain('Attach/Detach RAM Role')
    expect(message).toContain('ecs.aliyuncs.com')
  })

  it.each([
    [{roleName: 'no-such-role'}, "the name comes from 'instance-role'", "set 'instance-role: auto'"],
    [{env: {ALIBABA_CLOUD_ECS_METADATA: 'no-such-role'}}, 'ALIBABA_CLOUD_ECS_METADATA', 'remove ALIBABA_CLOUD_ECS_METADATA']
  ] as [Partial<InstanceMetadataOptions>, string, string][])(
    'says that the role named does not exist on the instance, and where the name came from',
    async (more, source, advice) => {
      const server = await serve({attached: ROLE})
      const message = await refusal(server, more)
      expect(message).toContain("has no RAM role 'no-such-role' on this instance (HTTP 404")
      expect(message).toContain(source)
      expect(message).toContain(advice)
    }
  )

  it('says that the role went away when the role list names one whose keys are not there', async () => {
    const server = await LocalServer.start(request =>
      request.url === ROLES ? {status: 200, body: ROLE} : request.method === 'PUT' ? {status: 200, body: SESSION_TOKEN} : {status: 404}
    )
    servers.push(server)
    expect(await refusal(server)).toContain('was the role detached just now?')
  })

  it("says that the service had no keys for the role when the answer's Code is not Success, without echoing the answer", async () => {
    const server = await serve({attached: ROLE, keys: {status: 200, body: JSON.stringify({...CREDENTIALS, Code: 'Failed'})}})
    const message = await refusal(server)
    expect(message).toContain(`answered for RAM role '${ROLE}' with Code 'Failed', not 'Success'`)
    expect(message).toContain('trust policy')
  })

  it('treats an answer without a Code as not Success', async () => {
    const noCode = {...CREDENTIALS, Code: undefined}
    const server = await serve({attached: ROLE, keys: {status: 200, body: JSON.stringify(noCode)}})
    expect(await refusal(server)).toContain('with Code none')
  })

  it.each([
    ['a body that is not JSON', 'Not JSON at all', 'with a body that is not JSON'],
    ['JSON that is not an object', 'null', 'not a JSON object'],
    ['keys without the secret', JSON.stringify({...CREDENTIALS, AccessKeySecret: ''}), 'without "AccessKeySecret"'],
    ['keys without the security token', JSON.stringify({...CREDENTIALS, SecurityToken: 7}), 'without "SecurityToken"']
  ])('refuses %s, naming what is missing', async (_what, body, expected) => {
    const server = await serve({attached: ROLE, keys: {status: 200, body}})
    expect(await refusal(server)).toContain(expected)
  })

  it('refuses keys that had expired on arrival (the clock is likely wrong)', async () => {
    const server = await serve({attached: ROLE, keys: {status: 200, body: JSON.stringify({...CREDENTIALS, Expiration: '2001-01-01T00:00:00Z'})}})
    const error = await ours(server).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toContain("Check the runner's clock")
  })

  it('never follows a redirect: something else answers for the service', async () => {
    const server = await LocalServer.start(request =>
      request.method === 'PUT' ? {status: 404} : request.url === ROLES ? {status: 302, headers: {location: '/elsewhere'}} : {status: 200, body: 'x'}
    )
    servers.push(server)
    const message = await refusal(server)
    expect(message).toContain('answered HTTP 302, a redirect')
    expect(server.received.map(r => r.url)).not.toContain('/elsewhere')
  })

  it('stops reading an answer past 1 MiB', async () => {
    const server = await serve({attached: ROLE, keys: {status: 200, body: 'x'.repeat(1024 * 1024 + 1)}})
    expect(await refusal(server)).toContain('answered with more than 1048576 bytes')
  })

  it('says which HTTP status the service answered otherwise, and where to look', async () => {
    const server = await serve({attached: ROLE, keys: {status: 500}})
    const message = await refusal(server)
    expect(message).toContain(`answered HTTP 500 reading the keys of RAM role '${ROLE}'`)
    expect(message).toContain('Metadata Access Settings')
  })

  it.each([
    [{roleName: '../../user-data'}, "'instance-role'", "Use 'auto'"],
    [{env: {ALIBABA_CLOUD_ECS_METADATA: 'role/with/slashes'}}, 'ALIBABA_CLOUD_ECS_METADATA', 'letters, digits, dots and hyphens']
  ] as [Partial<InstanceMetadataOptions>, string, string][])('refuses a name that is not a RAM role name before any request', async (more, source, expected) => {
    const server = await serve({attached: ROLE})
    const message = await refusal(server, more)
    expect(server.received).toEqual([])
    expect(message).toContain(source)
    expect(message).toContain(expected)
  })

  it('refuses a role list that is not a role name, without quoting it', async () => {
    const server = await serve({attached: 'two roles\nor a page'})
    const message = await refusal(server)
    expect(message).toContain("with 19 characters that are not a RAM role's name")
    expect(message).not.toContain('a page')
  })
})

describe('ecsRamRoleKeys: expiry', () => {
  it.each([
    ['2099-01-01T01:00:00Z', '2099-01-01T01:00:00.000Z'],
    ['2099-01-01T01:00:00.123456Z', '2099-01-01T01:00:00.123Z'],
    ['2099-01-01T09:00:00+08:00', '2099-01-01T01:00:00.000Z'],
    ['not a time', undefined],
    [undefined, undefined]
  ])('reads Expiration %p as %p', async (expiration, expected) => {
    const server = await serve({attached: ROLE, keys: {status: 200, body: JSON.stringify({...CREDENTIALS, Expiration: expiration})}})
    const {keys, lines} = await ours(server)
    expect(keys.expiresAt).toBe(expected)
    expect(lines.at(-1)?.includes('valid until')).toBe(expected !== undefined)
  })
})

// --- The official SDK as the oracle ------------------------------------------------------------------------------
//
// @alicloud/credentials' ECSRAMRoleCredentialsProvider fixes the host (withHost('100.100.100.200') in each request it
// builds): there is no setting for it. The oracle wraps the provider's doRequest, the hook the SDK keeps "for mock",
// so that it changes the built request's host to the fake's, checked to be the real address before, and nothing else;
// the SDK's own doRequest (its URL builder and HTTP client, httpx) sends it. The SDK reads its switches from
// process.env, which the oracle sets for the call only.
const require = createRequire(import.meta.url)
interface SdkRequest {
  protocol: string
  host: string
}
interface SdkProviderBuilder {
  withRoleName(name: string): SdkProviderBuilder
  withDisableIMDSv1(disable: boolean): SdkProviderBuilder
  build(): {doRequest: (request: SdkRequest) => Promise<unknown>; getCredentials(): Promise<{accessKeyId: string; accessKeySecret: string; securityToken: string}>}
}
const credentialsRequire = createRequire(require.resolve('@alicloud/credentials'))
const {ECSRAMRoleCredentialsProvider} = credentialsRequire('./client') as {ECSRAMRoleCredentialsProvider: {builder(): SdkProviderBuilder}}
const {doRequest} = credentialsRequire('./providers/http') as {doRequest: (request: SdkRequest) => Promise<unknown>}
const SDK_SWITCHES = ['ALIBABA_CLOUD_ECS_METADATA', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'ALIBABA_CLOUD_IMDSV1_DISABLED']

async function sdk(server: LocalServer, options: {roleName?: string; disableIMDSv1?: boolean}): Promise<unknown> {
  const saved = SDK_SWITCHES.map(name => [name, process.env[name]] as const)
  for (const name of SDK_SWITCHES) delete process.env[name]
  try {
    let builder = ECSRAMRoleCredentialsProvider.builder().withDisableIMDSv1(options.disableIMDSv1 ?? false)
    if (options.roleName !== undefined) builder = builder.withRoleName(options.roleName)
    const provider = builder.build()
    provider.doRequest = async request => {
      if (request.protocol !== 'http' || request.host !== '100.100.100.200') throw new Error(`the SDK built a request for ${request.protocol}://${request.host}`)
      request.host = server.url.host
      return doRequest(request)
    }
    return await provider.getCredentials()
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value
  }
}

// Headers of the connection, not of the call (host follows from the URL, connection is each client's keep-alive
// choice, content-length from the empty body): never compared.
const NOT_THE_CALL = new Set(['host', 'connection', 'content-length'])
const wire = (received: Received[]) =>
  received.map(r => ({method: r.method, url: r.url, headers: Object.fromEntries(Object.entries(r.headers).filter(([name]) => !NOT_THE_CALL.has(name))), body: r.body}))

describe('ecsRamRoleKeys sends what @alicloud/credentials (ECSRAMRoleCredentialsProvider) sends, in the same order', () => {
  it.each([
    ['hardened mode, the role from the role list', {attached: ROLE}, {}],
    ['hardened mode, a role named', {attached: ROLE}, {roleName: ROLE}],
    ['plain mode: the token refused', {attached: ROLE, token: {status: 403}}, {}],
    ['plain mode: a read with the token failing', {attached: ROLE, withToken: {status: 500}}, {}],
    ['plain mode forbidden: the token refused', {attached: ROLE, token: {status: 403}}, {disableIMDSv1: true}],
    ['no role attached', {}, {}],
    ['the role named not there', {attached: ROLE}, {roleName: 'no-such-role'}]
  ] as [string, Service, {roleName?: string; disableIMDSv1?: boolean}][])('%s', async (_what, service, options) => {
    const sdkSide = await serve(service)
    const sdkOutcome = await sdk(sdkSide, options).then(
      (keys: unknown) => {
        const {accessKeyId, accessKeySecret, securityToken} = keys as {accessKeyId: string; accessKeySecret: string; securityToken: string}
        return {keys: {accessKeyId, accessKeySecret, securityToken}}
      },
      () => 'failed'
    )
    const ourSide = await serve(service)
    const env = options.disableIMDSv1 ? {ALIBABA_CLOUD_IMDSV1_DISABLED: 'true'} : {}
    const ourOutcome = await ours(ourSide, {roleName: options.roleName, env}).then(
      ({keys}) => ({keys: {accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret, securityToken: keys.securityToken}}),
      () => 'failed'
    )
    expect(sdkSide.received.length).toBeGreaterThan(0)
    expect(wire(ourSide.received)).toEqual(wire(sdkSide.received))
    expect(ourOutcome).toEqual(sdkOutcome)
  })

  it('the SDK sends no user-agent or other header of its own: the headers compared are all the call has', async () => {
    const server = await serve({attached: ROLE})
    await sdk(server, {})
    expect(server.received.flatMap(r => Object.keys(r.headers).filter(name => !NOT_THE_CALL.has(name)))).toEqual([
      'x-aliyun-ecs-metadata-token-ttl-seconds',
      'x-aliyun-ecs-metadata-token',
      'x-aliyun-ecs-metadata-token-ttl-seconds',
      'x-aliyun-ecs-metadata-token'
    ])
  })
})
