// End-to-end: credentials from signed API calls (SWR temporary login, ACR tokens) and ACR's fixed password, through
// the built action, against fake cloud APIs that check signatures with the official SDKs, and the real registry,
// dockerd and ctr. See fake-cloud.ts and harness.ts.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {percentEncode} from '../../src/percent-encode.js'
import {FakeCloud, type KeyPair} from './fake-cloud.js'
import {assertMasked, expectNothingLeft, expectOk, jobs, proveLoginThenLogout, testEnv} from './harness.js'

const env = testEnv()
const [ACR_PERSONAL_HOST, ACR_ENTERPRISE_HOST] = env.acrHosts
const INSTANCE = 'cri-crle2etestinstance'
const LONG_TERM: KeyPair = {accessKeyId: env.ak, accessKeySecret: env.sk}
// A long-term key pair of Alibaba's shape, for ACR: the action refuses a Huawei-shaped pair with provider acr.
const ALIBABA: KeyPair = {accessKeyId: 'LTAI5tCloudApiE2eKey0123', accessKeySecret: 'Qw3eR5tY7uI9oP1aS3dF5gH7jK9lZx'}
// A made-up temporary key pair, as STS (or OIDC) would hand out.
const STS: KeyPair = {
  accessKeyId: 'STS.NUcrlE2eTemporaryKey',
  accessKeySecret: 'stsSecretKeyForTheE2eTests0123456789',
  securityToken: 'CAIS+stsTokenForTheE2eTests/0123456789abcdefghijklmnopqrstuvwxyz=='
}
const STS_HUAWEI: KeyPair = {
  accessKeyId: 'HSTACRLE2ETEMPORARY0',
  accessKeySecret: 'huaweiTemporarySecretKey0123456789abcdefgh',
  securityToken: 'gQpjbi1ub3J0aC00huaweiSecurityTokenForE2e'
}

// Every secret of every test here, for the scan after each test.
const SECRETS = (): string[] => {
  const forms = (user: string, password: string): string[] => [password, `${user}:${password}`, Buffer.from(`${user}:${password}`).toString('base64')]
  // Tokens also as they appear in an echoed string to sign: percent-encoded once and twice.
  const encoded = (s: string): string[] => [s, percentEncode(s), percentEncode(percentEncode(s))]
  return [
    env.sk,
    ALIBABA.accessKeySecret,
    STS.accessKeySecret,
    ...encoded(STS.securityToken as string),
    STS_HUAWEI.accessKeySecret,
    ...encoded(STS_HUAWEI.securityToken as string),
    ...forms(env.swrTemp.user, env.swrTemp.password),
    ...forms(env.acrTemp.user, env.acrTemp.token),
    ...forms(env.acrFixed.user, env.acrFixed.password),
    `-p ${env.swrTemp.password}` // the X-Swr-Dockerlogin header's command
  ]
}
const newJob = jobs(env, SECRETS)

let clouds: FakeCloud[] = []
async function fakeCloud(swrRegistryHost: string, ...keyPairs: KeyPair[]): Promise<FakeCloud> {
  const cloud = new FakeCloud({
    swr: {registryHost: swrRegistryHost, user: env.swrTemp.user, password: env.swrTemp.password},
    acr: {user: env.acrTemp.user, token: env.acrTemp.token, instanceId: INSTANCE}
  })
  for (const keyPair of keyPairs) cloud.accept(keyPair)
  clouds.push(await cloud.start())
  return cloud
}
afterEach(async () => {
  for (const cloud of clouds) await cloud.stop()
  clouds = []
})

/** Near `expected` (ms since epoch), within a minute. */
function expectTimeNear(iso: string | undefined, expected: number): void {
  expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  expect(Math.abs(Date.parse(iso as string) - expected)).toBeLessThan(60_000)
}

describe('SWR temporary login (CreateSecret)', () => {
  it('with the long-term key pair and no duration: the API default, and the credential works until post', async () => {
    const cloud = await fakeCloud(env.httpRegistry, LONG_TERM)
    const job = newJob()
    const main = await job.main({
      'access-key-id': env.ak,
      'access-key-secret': env.sk,
      region: 'cn-north-4',
      'login-type': 'temporary',
      registry: `http://${env.httpRegistry}`,
      'api-endpoint': cloud.url
    })
    expectOk(main)
    expect(main.outputs.get('username')).toBe(env.swrTemp.user)
    expect(main.outputs.get('ctr-user')).toBe(`${env.swrTemp.user}:${env.swrTemp.password}`)
    expectTimeNear(main.outputs.get('expires-at'), Date.now() + 6 * 3600_000)
    expect(cloud.received).toHaveLength(1)
    expect(cloud.received[0]).toMatchObject({api: 'swr', method: 'POST', verdict: 'ok', query: {projectname: 'cn-north-4'}})
    expect(main.stdout).toMatch(/Credential: SWR temporary login from the CreateSecret API/)
    await proveLoginThenLogout(job, main)
    assertMasked(job, [env.sk, env.swrTemp.password, `${env.swrTemp.user}:${env.swrTemp.password}`])
  })

  it('with an STS key pair, its security token and a duration, on the default SWR host over TLS', async () => {
    const host = env.tlsHosts.get('cn-north-4') as string
    const cloud = await fakeCloud(host, STS_HUAWEI)
    const job = newJob()
    const main = await job.main({
      'access-key-id': STS_HUAWEI.accessKeyId,
      'access-key-secret': STS_HUAWEI.accessKeySecret,
      'security-token': STS_HUAWEI.securityToken as string,
      region: 'cn-north-4',
      'login-type': 'temporary',
      duration: '2h',
      'api-endpoint': cloud.url
    })
    expectOk(main)
    expect(main.outputs.get('registry')).toBe(host)
    expectTimeNear(main.outputs.get('expires-at'), Date.now() + 2 * 3600_000)
    expect(cloud.received[0]).toMatchObject({verdict: 'ok', query: {projectname: 'cn-north-4', duration_seconds: '7200'}})
    expect(cloud.received[0].headers['x-security-token']).toBe(STS_HUAWEI.securityToken)
    await proveLoginThenLogout(job, main)
    assertMasked(job, [STS_HUAWEI.accessKeySecret, STS_HUAWEI.securityToken as string, env.swrTemp.password])
  })
})

describe('ACR temporary tokens', () => {
  it('Personal Edition: GET /tokens (ROA), on the default registry host', async () => {
    const cloud = await fakeCloud('unused', ALIBABA)
    const job = newJob()
    const main = await job.main({
      provider: 'acr',
      'access-key-id': ALIBABA.accessKeyId,
      'access-key-secret': ALIBABA.accessKeySecret,
      region: 'cn-hangzhou',
      'api-endpoint': cloud.url
    })
    expectOk(main)
    expect(main.outputs.get('registry')).toBe(ACR_PERSONAL_HOST)
    expect(main.outputs.get('username')).toBe(env.acrTemp.user)
    expectTimeNear(main.outputs.get('expires-at'), Date.now() + 3600_000)
    expect(cloud.received).toHaveLength(1)
    expect(cloud.received[0]).toMatchObject({api: 'acr-personal', method: 'GET', verdict: 'ok'})
    await proveLoginThenLogout(job, main)
    assertMasked(job, [ALIBABA.accessKeySecret, env.acrTemp.token])
  })

  it('Personal Edition with an STS token: the token is sent in x-acs-security-token and signed', async () => {
    const cloud = await fakeCloud('unused', STS)
    const job = newJob()
    const main = await job.main({
      provider: 'acr',
      'access-key-id': STS.accessKeyId,
      'access-key-secret': STS.accessKeySecret,
      'security-token': STS.securityToken as string,
      region: 'cn-hangzhou',
      registry: `http://${env.httpRegistry}`,
      'api-endpoint': cloud.url
    })
    expectOk(main)
    expect(cloud.received[0]).toMatchObject({api: 'acr-personal', verdict: 'ok'})
    expect(cloud.received[0].headers['x-acs-security-token']).toBe(STS.securityToken)
    await proveLoginThenLogout(job, main)
  })

  it('Enterprise Edition with an STS token: GetAuthorizationToken (RPC, POST), on the instance domain', async () => {
    const cloud = await fakeCloud('unused', STS)
    const job = newJob()
    const main = await job.main({
      provider: 'acr',
      'access-key-id': STS.accessKeyId,
      'access-key-secret': STS.accessKeySecret,
      'security-token': STS.securityToken as string,
      region: 'cn-hangzhou',
      'instance-id': INSTANCE,
      registry: ACR_ENTERPRISE_HOST,
      'api-endpoint': cloud.url
    })
    expectOk(main)
    expect(main.outputs.get('registry')).toBe(ACR_ENTERPRISE_HOST)
    expect(cloud.received[0]).toMatchObject({
      api: 'acr-enterprise',
      method: 'POST',
      verdict: 'ok',
      query: {InstanceId: INSTANCE, SecurityToken: STS.securityToken}
    })
    // The signed parameters, the token among them, travel in the body, not in the URL.
    expect(cloud.received[0].path).toBe('/')
    await proveLoginThenLogout(job, main)
    assertMasked(job, [STS.accessKeySecret, STS.securityToken as string, env.acrTemp.token])
  })
})

describe('ACR fixed access password', () => {
  it('logs in with username and password, with no API call', async () => {
    const job = newJob()
    const main = await job.main({
      provider: 'acr',
      username: env.acrFixed.user,
      password: `${env.acrFixed.password}\n`,
      region: 'cn-hangzhou',
      registry: `http://${env.httpRegistry}`
    })
    expectOk(main)
    expect(main.outputs.get('expires-at')).toBe('')
    expect(main.stdout).toMatch(/Credential: ACR fixed access password/)
    await proveLoginThenLogout(job, main)
    assertMasked(job, [env.acrFixed.password])
  })
})

describe('when the API misbehaves', () => {
  const swrInputs = (cloud: FakeCloud): Record<string, string> => ({
    'access-key-id': env.ak,
    'access-key-secret': env.sk,
    region: 'cn-north-4',
    'login-type': 'temporary',
    registry: `http://${env.httpRegistry}`,
    'api-endpoint': cloud.url
  })

  it('503 twice, then an answer: retried, and the login works', async () => {
    const cloud = (await fakeCloud(env.httpRegistry, LONG_TERM)).misbehave('503', '503')
    const job = newJob()
    const main = await job.main(swrInputs(cloud))
    expect(cloud.received.map(r => r.acted ?? r.verdict)).toEqual(['503', '503', 'ok'])
    // Each try was signed, and right (the fake checks before it misbehaves).
    expect(cloud.received.map(r => r.verdict)).toEqual(['ok', 'ok', 'ok'])
    expect(main.stdout).toMatch(/cn-north-4: API call try 1 failed \(HTTP 503\); trying again in/)
    expect(main.stdout).toMatch(/cn-north-4: API call try 2 failed \(HTTP 503\); trying again in/)
    await proveLoginThenLogout(job, main)
  })

  it('401 from the gateway: not retried, and the error gives the code, the request ID and what to do, without the echoed canonical request', async () => {
    const cloud = (await fakeCloud(env.httpRegistry, STS_HUAWEI)).misbehave('401')
    const job = newJob()
    const main = await job.main({
      ...swrInputs(cloud),
      'access-key-id': STS_HUAWEI.accessKeyId,
      'access-key-secret': STS_HUAWEI.accessKeySecret,
      'security-token': STS_HUAWEI.securityToken as string
    })
    expect(main.code).toBe(1)
    expect(cloud.received).toHaveLength(1)
    expect(main.errors).toHaveLength(1)
    expect(main.errors[0]).toMatch(
      /^SWR CreateSecret in cn-north-4 failed: APIGW\.0301: Incorrect IAM authentication information: verify aksk signature fail \(HTTP 401, request ID req-1\)\. The signature does not match: 'access-key-secret' is wrong/
    )
    expect(main.errors[0]).not.toMatch(/canonicalRequest|x-security-token/i)
    await expectNothingLeft(job, main)
  })

  it('a wrong secret key: the fake (with the SDK) rejects the signature, and the message says which input to check', async () => {
    const cloud = await fakeCloud(env.httpRegistry, LONG_TERM)
    const job = newJob([`${env.sk}X`])
    const main = await job.main({...swrInputs(cloud), 'access-key-secret': `${env.sk}X`})
    expect(main.code).toBe(1)
    expect(cloud.received).toEqual([expect.objectContaining({verdict: 'verify aksk signature fail'})])
    expect(main.errors[0]).toMatch(/APIGW\.0301.*'access-key-secret' is wrong/)
    await expectNothingLeft(job, main)
  })

  it("a wrong secret with an STS token (ACR Enterprise): the API's echoed string to sign, token and all, stays out of the log", async () => {
    const cloud = await fakeCloud('unused', STS)
    const job = newJob([`${STS.accessKeySecret}X`])
    const main = await job.main({
      provider: 'acr',
      'access-key-id': STS.accessKeyId,
      'access-key-secret': `${STS.accessKeySecret}X`,
      'security-token': STS.securityToken as string,
      region: 'cn-hangzhou',
      'instance-id': INSTANCE,
      registry: `http://${env.httpRegistry}`,
      'api-endpoint': cloud.url
    })
    expect(main.code).toBe(1)
    expect(cloud.received).toEqual([expect.objectContaining({verdict: 'SignatureDoesNotMatch: the signature does not match'})])
    expect(main.errors[0]).toMatch(
      /SignatureDoesNotMatch: the signature does not match \(HTTP 400, request ID acs-1\)\. The signature does not match: 'access-key-secret' is wrong/
    )
    expect(main.errors[0]).not.toMatch(/string to sign|SecurityToken/i)
    await expectNothingLeft(job, main)
  })

  it('403 from ACR: not retried, and the error names the RAM permission', async () => {
    const cloud = (await fakeCloud('unused', ALIBABA)).misbehave('403')
    const job = newJob()
    const main = await job.main({
      provider: 'acr',
      'access-key-id': ALIBABA.accessKeyId,
      'access-key-secret': ALIBABA.accessKeySecret,
      region: 'cn-hangzhou',
      registry: `http://${env.httpRegistry}`,
      'api-endpoint': cloud.url
    })
    expect(main.code).toBe(1)
    expect(cloud.received).toHaveLength(1)
    expect(main.errors[0]).toMatch(/Forbidden\.RAM.*\(HTTP 403, request ID acs-1\)\..*cr:GetAuthorizationToken/)
    await expectNothingLeft(job, main)
  })

  it('a body that is not JSON: a clear error', async () => {
    const cloud = (await fakeCloud(env.httpRegistry, LONG_TERM)).misbehave('malformed')
    const job = newJob()
    const main = await job.main(swrInputs(cloud))
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(/SWR CreateSecret in cn-north-4 answered HTTP 200 with a body that is not JSON/)
    await expectNothingLeft(job, main)
  })

  it('IsSuccess: false on HTTP 200 (Enterprise Edition): a clear error naming instance-id', async () => {
    const cloud = (await fakeCloud('unused', ALIBABA)).misbehave('not-success')
    const job = newJob()
    const main = await job.main({
      provider: 'acr',
      'access-key-id': ALIBABA.accessKeyId,
      'access-key-secret': ALIBABA.accessKeySecret,
      region: 'cn-hangzhou',
      'instance-id': INSTANCE,
      registry: `http://${env.httpRegistry}`,
      'api-endpoint': cloud.url
    })
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(/IsSuccess: false: INSTANCE_NOT_EXIST.*check 'instance-id' and 'region'/)
    await expectNothingLeft(job, main)
  })

  it('a connection that never answers: cut off, retried, and failed with a clear error well under a minute', async () => {
    const cloud = (await fakeCloud(env.httpRegistry, LONG_TERM)).misbehave('hang', 'hang', 'hang')
    const job = newJob()
    const main = await job.main(swrInputs(cloud))
    expect(main.code).toBe(1)
    expect(main.seconds).toBeLessThan(45)
    expect(cloud.received).toHaveLength(3)
    expect(main.errors[0]).toMatch(
      /The SWR API gave no answer for cn-north-4 \(127\.0\.0\.1:\d+: no answer within 10 s, over several tries\)\. Check 'region' and 'api-endpoint'/
    )
    await expectNothingLeft(job, main)
  })
})

describe('inputs of the API logins', () => {
  it.each([
    [{'security-token': 'x'}, /Input 'security-token' needs 'login-type: temporary'/],
    [
      {provider: 'acr', 'access-key-id': ALIBABA.accessKeyId, 'access-key-secret': ALIBABA.accessKeySecret, 'instance-id': INSTANCE},
      /Input 'registry' is required with 'instance-id'/
    ],
    [{provider: 'acr', 'access-key-id': '', 'access-key-secret': '', username: 'u', password: ''}, /Input 'password' is empty/],
    [{provider: 'acr', 'access-key-id': ALIBABA.accessKeyId, 'access-key-secret': ALIBABA.accessKeySecret, 'login-type': 'long-term'}, /ACR gives only temporary tokens/],
    // The test env's key pair is Huawei's: with provider acr it is refused before any call, naming the provider to set.
    [
      {provider: 'acr', 'access-key-id': 'HPUAXMSFVQ4ZLDP8B2RW', 'access-key-secret': 'Wq3rT8yUi0pAs2dFg4hJk6lZx8cVb0nMq2wE4rT6'},
      /look like a key pair of Huawei Cloud, not of Alibaba Cloud: for Huawei Cloud SWR, set 'provider: swr'/
    ],
    [{'login-type': 'temporary', duration: '10m'}, /Input 'duration' is '10m': shorter than SWR allows/]
  ])('rejects %j before any call', async (override, message) => {
    const cloud = await fakeCloud(env.httpRegistry, LONG_TERM)
    const job = newJob()
    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: 'cn-hangzhou', 'api-endpoint': cloud.url, ...override})
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(message)
    expect(cloud.received).toEqual([])
    expect(fs.existsSync(path.join(job.runnerTemp, 'containerd'))).toBe(false)
  })
})
