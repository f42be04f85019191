// End-to-end: keyless login. The built action asks a fake GitHub token service for the job's OIDC token, exchanges it
// with a fake of the cloud's token service (Alibaba STS, Huawei IAM v5 or v3, each checking the JWT as the cloud would),
// and signs the SWR or ACR API call with the temporary keys it got; the fake cloud APIs accept only those keys with their
// token, and hand out logins the real registry accepts. Then docker and ctr use the login, and after post they cannot.
// See fake-oidc.ts, fake-cloud.ts and harness.ts.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {percentEncode} from '../../src/percent-encode.js'
import {FakeCloud} from './fake-cloud.js'
import {FakeGitHubOidc, FakeSts, type Trust} from './fake-oidc.js'
import {assertMasked, expectOk, jobs, proveLoginThenLogout, testEnv, type Job, type StepResult} from './harness.js'

const env = testEnv()
const [ACR_PERSONAL_HOST, ACR_ENTERPRISE_HOST] = env.acrHosts
const INSTANCE = 'cri-crlkeylesse2etest'
const SWR_HOST = env.tlsHosts.get('cn-north-4') as string

const ALIBABA = {providerArn: 'acs:ram::1234567890123456:oidc-provider/github', roleArn: 'acs:ram::1234567890123456:role/github-push'}
const HUAWEI = {providerUrn: 'iam::0123456789abcdef:oidcProvider:github', agencyUrn: 'iam::0123456789abcdef:agency:github-push', idp: 'github-actions'}
// The temporary keys the fake token services hand out; the fake cloud APIs accept nothing else. Random-looking, as real
// ones are: the log's redaction takes out any 8 characters of a secret, and a made-up key with a word or a run of
// digits in it would blank that word or number wherever the log says it.
const ALIBABA_KEYS = {
  accessKeyId: 'STS.NUgYrLnoC37mZZCNnAbez2BS6',
  accessKeySecret: 'Hf4kQx9Zp2LmWv7RtYb3NcJd8sGa1E',
  securityToken: 'CAIS8gF1q6Ft5B2yfSjIr5bkKc/Hv+Qw3Zp7Lm9Xn2Vd4Rt6Yb8Nj0Ks1Ga3Hf5Jd7=='
}
const HUAWEI_KEYS = {
  accessKeyId: 'HSTAW9QX3ZK7PLM2VB8R',
  accessKeySecret: 'qL7vN2xK9pR4tW8zY3mB6cF1hJ5dS0gA2eU7iO4k',
  securityToken: 'gQpjbi1ub3J0aC00hW9sK2pL7xN4vR8tY1mB5cF3jD6gS0aE2uI7oQ4zX9wV'
}
const SUBJECT = 'repo:octo-org/app:ref:refs/heads/main'
const V3_CLIENT_ID = 'github-client-id-of-the-idp'
const TRUST: Trust = {clientIds: ['sts.aliyuncs.com', 'sts.huaweicloud.com', V3_CLIENT_ID], subjects: [SUBJECT]}
// The run, as the runner describes it: the default session name is built from it.
const RUN = {GITHUB_REPOSITORY: 'octo-org/app', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '2'}

// Every secret any test here has seen: the keys, the logins, and the tokens the fakes issued (JWTs, the runner's
// request token, v3's IAM tokens), raw and as they would appear in an echoed request. Scanned for after each test.
const seen: {github: FakeGitHubOidc; sts: FakeSts}[] = []
const issued = (): string[] => seen.flatMap(({github, sts}) => [github.requestToken, ...github.issued, ...sts.iamTokens])
const SECRETS = (): string[] => {
  const forms = (user: string, password: string): string[] => [password, `${user}:${password}`, Buffer.from(`${user}:${password}`).toString('base64')]
  const encoded = (s: string): string[] => [s, percentEncode(s), percentEncode(percentEncode(s))]
  return [
    ...[ALIBABA_KEYS, HUAWEI_KEYS].flatMap(k => [k.accessKeyId, k.accessKeySecret, ...encoded(k.securityToken)]),
    ...forms(env.swrTemp.user, env.swrTemp.password),
    ...forms(env.acrTemp.user, env.acrTemp.token),
    ...issued().flatMap(encoded)
  ]
}
const newJob = jobs(env, SECRETS)

let running: {stop(): Promise<void>}[] = []
afterEach(async () => {
  for (const server of running) await server.stop()
  running = []
})

/** The fakes of one test: GitHub's token service (its token has `subject`), the token exchanges, and the cloud APIs. */
async function fakes(subject = SUBJECT): Promise<{github: FakeGitHubOidc; sts: FakeSts; cloud: FakeCloud}> {
  const github = await new FakeGitHubOidc(subject).start()
  const sts = await new FakeSts(github, {trust: TRUST, keys: {...ALIBABA_KEYS}, alibaba: ALIBABA, huawei: HUAWEI}).start()
  const cloud = await new FakeCloud({
    swr: {registryHost: SWR_HOST, user: env.swrTemp.user, password: env.swrTemp.password},
    acr: {user: env.acrTemp.user, token: env.acrTemp.token, instanceId: INSTANCE}
  })
    .accept(ALIBABA_KEYS)
    .accept(HUAWEI_KEYS)
    .start()
  running.push(github, sts, cloud)
  // Read by the scan after the test: the tokens are issued during it.
  seen.push({github, sts})
  return {github, sts, cloud}
}

/** The fakes, with the token exchanges handing out Huawei's keys. */
async function huaweiFakes(subject = SUBJECT): ReturnType<typeof fakes> {
  const all = await fakes(subject)
  Object.assign(all.sts.config.keys, HUAWEI_KEYS)
  return all
}

/** Runs main as a job with `permissions: id-token: write` would: the runner's token variables and the run's IDs. */
function mainWithToken(job: Job, github: FakeGitHubOidc, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<StepResult> {
  return job.main(inputs, {...github.env(), ...RUN, ...extraEnv})
}

/** Near `expected` (ms since epoch), within a minute. */
function expectTimeNear(iso: string | undefined, expected: number): void {
  expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  expect(Math.abs(Date.parse(iso as string) - expected)).toBeLessThan(60_000)
}

/** A keyless step that failed before anything was written: no login anywhere, and post has nothing to undo. */
async function expectNoLogin(job: Job, main: StepResult, cloud: FakeCloud): Promise<void> {
  expect(main.code).toBe(1)
  expect(cloud.received).toEqual([])
  expect(job.dockerAuths()).toEqual({})
  expect(fs.existsSync(path.join(job.runnerTemp, 'containerd'))).toBe(false)
  expectOk(await job.post(main))
  expect(job.runnerTempFiles()).toEqual([])
}

describe('ACR: Alibaba Cloud STS AssumeRoleWithOIDC', () => {
  const inputs = (sts: FakeSts, cloud: FakeCloud): Record<string, string> => ({
    provider: 'acr',
    region: 'cn-hangzhou',
    'oidc-provider': ALIBABA.providerArn,
    'role-to-assume': ALIBABA.roleArn,
    'sts-endpoint': sts.url,
    'api-endpoint': cloud.url
  })

  it('exchanges the token anonymously, signs the token request with the keys it got, and docker and ctr use the login until post', async () => {
    const {github, sts, cloud} = await fakes()
    const job = newJob()
    const main = await mainWithToken(job, github, inputs(sts, cloud))
    expectOk(main)
    // GitHub was asked once, with the runner's bearer token, for the default audience.
    expect(github.received).toEqual([{audience: 'sts.aliyuncs.com', apiVersion: '2.0', bearerOk: true, status: 200}])
    // STS got the token in the form body, never in the URL, with no signature nor key ID anywhere.
    expect(sts.received).toHaveLength(1)
    const [exchange] = sts.received
    expect(exchange).toMatchObject({api: 'alibaba', method: 'POST', path: '/', forbidden: [], verdict: 'ok'})
    expect(exchange.query).toEqual({
      Version: '2015-04-01',
      Action: 'AssumeRoleWithOIDC',
      Format: 'JSON',
      Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    })
    expect(exchange.params).toEqual({
      OIDCProviderArn: ALIBABA.providerArn,
      RoleArn: ALIBABA.roleArn,
      OIDCToken: github.issued[0],
      RoleSessionName: 'github-octo-org-app-4242-2',
      DurationSeconds: '3600'
    })
    expect(exchange.headers['content-type']).toBe('application/x-www-form-urlencoded')
    // The ACR token request was signed with the temporary keys, and carried their token.
    expect(cloud.received).toEqual([expect.objectContaining({api: 'acr-personal', verdict: 'ok'})])
    expect(cloud.received[0].headers['x-acs-security-token']).toBe(ALIBABA_KEYS.securityToken)
    expect(main.outputs.get('registry')).toBe(ACR_PERSONAL_HOST)
    expect(main.outputs.get('username')).toBe(env.acrTemp.user)
    expectTimeNear(main.outputs.get('expires-at'), Date.now() + 3600_000)
    expect(main.stdout).toContain(
      `Keyless: Alibaba Cloud STS AssumeRoleWithOIDC (${new URL(sts.url).host}) issued temporary keys for RAM role ${ALIBABA.roleArn}, valid until `
    )
    expect(main.stdout).toContain(`(GitHub OIDC token for audience 'sts.aliyuncs.com', subject '${SUBJECT}')`)
    expect(main.stdout).toMatch(/Credential: ACR Personal Edition temporary token, signed with temporary keys for RAM role .* \(keyless: the job's GitHub OIDC token\)/)
    await proveLoginThenLogout(job, main)
    assertMasked(job, [github.issued[0], github.requestToken, ALIBABA_KEYS.accessKeyId, ALIBABA_KEYS.accessKeySecret, ALIBABA_KEYS.securityToken, env.acrTemp.token])
  })

  it('Enterprise Edition: the instance token (RPC, POST) is signed with the temporary keys and carries their token', async () => {
    const {github, sts, cloud} = await fakes()
    const job = newJob()
    const main = await mainWithToken(job, github, {...inputs(sts, cloud), 'instance-id': INSTANCE, registry: ACR_ENTERPRISE_HOST})
    expectOk(main)
    expect(sts.received.map(r => [r.api, r.verdict])).toEqual([['alibaba', 'ok']])
    expect(cloud.received).toEqual([
      expect.objectContaining({api: 'acr-enterprise', verdict: 'ok', query: expect.objectContaining({InstanceId: INSTANCE, SecurityToken: ALIBABA_KEYS.securityToken})})
    ])
    expect(main.outputs.get('registry')).toBe(ACR_ENTERPRISE_HOST)
    await proveLoginThenLogout(job, main)
  })

  it('a wrong audience: STS refuses, and the message names the audience asked for and where the client IDs are set', async () => {
    const {github, sts, cloud} = await fakes()
    const job = newJob()
    const main = await mainWithToken(job, github, {...inputs(sts, cloud), audience: 'not-a-client-id'})
    expect(github.received.map(r => r.audience)).toEqual(['not-a-client-id'])
    expect(sts.received.map(r => r.verdict)).toEqual(['AuthenticationFail.OIDCToken.AudienceNotMatch'])
    expect(main.errors).toEqual([
      expect.stringMatching(
        /^Alibaba Cloud STS AssumeRoleWithOIDC refused: AuthenticationFail\.OIDCToken\.AudienceNotMatch: Invalid audience\. \(HTTP 401, request ID sts-1\)\. The OIDC provider does not list the token's audience, 'not-a-client-id' \(input 'audience'\), among its client IDs\./
      )
    ])
    await expectNoLogin(job, main, cloud)
  })

  it("a trust policy that does not let this run in: the message shows the token's subject to compare with the policy", async () => {
    const pullRequest = 'repo:octo-org/app:pull_request'
    const {github, sts, cloud} = await fakes(pullRequest)
    const job = newJob()
    const main = await mainWithToken(job, github, inputs(sts, cloud))
    expect(sts.received.map(r => r.verdict)).toEqual(['AuthenticationFail.NoPermission'])
    expect(main.errors[0]).toMatch(
      /^Alibaba Cloud STS AssumeRoleWithOIDC refused: AuthenticationFail\.NoPermission: There is no permission\. \(HTTP 401, request ID sts-1\)\./
    )
    expect(main.errors[0]).toContain(`The trust policy of role '${ALIBABA.roleArn}' does not let this token assume it. The token's subject (sub) is '${pullRequest}'`)
    await expectNoLogin(job, main, cloud)
  })

  it('503 twice, then an answer: retried, and the login works', async () => {
    const {github, sts, cloud} = await fakes()
    sts.misbehave('503', '503')
    const job = newJob()
    const main = await mainWithToken(job, github, inputs(sts, cloud))
    expectOk(main)
    expect(sts.received.map(r => r.acted ?? r.verdict)).toEqual(['503', '503', 'ok'])
    // Each try carried the same token the fresh way: no signature to redo, but nothing of one either.
    expect(sts.received.map(r => r.forbidden)).toEqual([[], [], []])
    expect(github.received).toHaveLength(1)
    expect(main.stdout).toMatch(/Alibaba Cloud STS AssumeRoleWithOIDC: API call try 1 failed \(HTTP 503\); trying again in/)
    expect(main.stdout).toMatch(/Alibaba Cloud STS AssumeRoleWithOIDC: API call try 2 failed \(HTTP 503\); trying again in/)
    await proveLoginThenLogout(job, main)
  })

  it('an STS that never answers: cut off, retried, and failed with a clear error well under a minute', async () => {
    const {github, sts, cloud} = await fakes()
    sts.misbehave('hang', 'hang', 'hang')
    const job = newJob()
    const main = await mainWithToken(job, github, inputs(sts, cloud))
    expect(main.seconds).toBeLessThan(45)
    expect(sts.received).toHaveLength(3)
    expect(main.errors).toEqual([
      `Alibaba Cloud STS AssumeRoleWithOIDC gave no answer (${new URL(sts.url).host}: no answer within 10 s, over several tries). ` +
        `Check 'sts-endpoint' (${sts.url}), and the runner's network and proxy (HTTPS_PROXY, NO_PROXY).`
    ])
    await expectNoLogin(job, main, cloud)
  })
})

describe('SWR: Huawei Cloud IAM v5 AssumeAgencyWithOIDC', () => {
  const inputs = (sts: FakeSts, cloud: FakeCloud): Record<string, string> => ({
    region: 'cn-north-4',
    'oidc-provider': HUAWEI.providerUrn,
    'role-to-assume': HUAWEI.agencyUrn,
    'sts-endpoint': sts.url,
    'api-endpoint': cloud.url
  })

  it('exchanges the token, asks SWR for a temporary login signed with the keys and their token, and the login works until post', async () => {
    const {github, sts, cloud} = await huaweiFakes()
    const job = newJob()
    const main = await mainWithToken(job, github, {...inputs(sts, cloud), duration: '2h', 'role-session-name': 'release@octo-org'})
    expectOk(main)
    expect(github.received).toEqual([{audience: 'sts.huaweicloud.com', apiVersion: '2.0', bearerOk: true, status: 200}])
    expect(sts.received).toHaveLength(1)
    expect(sts.received[0]).toMatchObject({api: 'huawei-v5', method: 'POST', forbidden: [], verdict: 'ok'})
    expect(sts.received[0].params).toEqual({
      provider_urn: HUAWEI.providerUrn,
      agency_urn: HUAWEI.agencyUrn,
      agency_session_name: 'release@octo-org',
      id_token: github.issued[0],
      duration_seconds: 7200
    })
    // One validity for both: the keys' and the login's.
    expect(cloud.received).toEqual([expect.objectContaining({api: 'swr', verdict: 'ok', query: {projectname: 'cn-north-4', duration_seconds: '7200'}})])
    expect(cloud.received[0].headers['x-security-token']).toBe(HUAWEI_KEYS.securityToken)
    expect(main.outputs.get('registry')).toBe(SWR_HOST)
    expectTimeNear(main.outputs.get('expires-at'), Date.now() + 2 * 3600_000)
    expect(main.stdout).toMatch(/Credential: SWR temporary login from the CreateSecret API, valid 7200 s, signed with temporary keys for agency iam::/)
    await proveLoginThenLogout(job, main)
    assertMasked(job, [github.issued[0], HUAWEI_KEYS.accessKeyId, HUAWEI_KEYS.accessKeySecret, HUAWEI_KEYS.securityToken, env.swrTemp.password])
  })

  it('several regions: the token is exchanged once, and each region gets its own login with those keys', async () => {
    const {github, sts, cloud} = await huaweiFakes()
    const job = newJob()
    const main = await mainWithToken(job, github, {...inputs(sts, cloud), region: 'cn-north-4, ap-southeast-3'})
    expectOk(main)
    expect(github.received).toHaveLength(1)
    expect(sts.received).toHaveLength(1)
    expect(cloud.received.map(r => [r.verdict, r.query.projectname, r.query.duration_seconds]).sort()).toEqual([
      ['ok', 'ap-southeast-3', '3600'],
      ['ok', 'cn-north-4', '3600']
    ])
    expect(JSON.parse(main.outputs.get('registries') as string)).toEqual([SWR_HOST, env.tlsHosts.get('ap-southeast-3')])
    expectTimeNear(main.outputs.get('expires-at'), Date.now() + 3600_000)
    expectOk(await job.post(main))
    expect(job.dockerAuths()).toEqual({})
  })

  it("a trust policy that does not let this run in: 403, not retried, and the message shows the token's subject", async () => {
    const environment = 'repo:octo-org/app:environment:staging'
    const {github, sts, cloud} = await huaweiFakes(environment)
    const job = newJob()
    const main = await mainWithToken(job, github, inputs(sts, cloud))
    expect(sts.received.map(r => r.verdict)).toEqual(['STS.0403'])
    expect(main.errors[0]).toMatch(
      /^Huawei Cloud IAM STS AssumeAgencyWithOIDC refused: STS\.0403: The trust policy of the agency does not allow this request\. \(HTTP 403, request ID v5-1\)\./
    )
    expect(main.errors[0]).toContain(`The token's subject (sub) is '${environment}'`)
    await expectNoLogin(job, main, cloud)
  })

  it('a wrong audience: the message names the audience asked for', async () => {
    const {github, sts, cloud} = await huaweiFakes()
    const job = newJob()
    const main = await mainWithToken(job, github, {...inputs(sts, cloud), audience: 'sts.example.com'})
    expect(sts.received.map(r => r.verdict)).toEqual(['STS.0211'])
    expect(main.errors[0]).toContain(`The token's audience, 'sts.example.com' (input 'audience'), is not the provider's client IDs`)
    await expectNoLogin(job, main, cloud)
  })
})

describe('SWR: Huawei Cloud IAM v3 federation (classic identity provider)', () => {
  const inputs = (sts: FakeSts, cloud: FakeCloud): Record<string, string> => ({
    region: 'cn-north-4',
    'oidc-provider': HUAWEI.idp,
    audience: V3_CLIENT_ID,
    'sts-endpoint': sts.url,
    'api-endpoint': cloud.url
  })

  it('gets an unscoped token, then temporary keys with it, and logs in with them', async () => {
    const {github, sts, cloud} = await huaweiFakes()
    const job = newJob()
    const main = await mainWithToken(job, github, inputs(sts, cloud))
    expectOk(main)
    expect(github.received.map(r => r.audience)).toEqual([V3_CLIENT_ID])
    expect(sts.received.map(r => [r.api, r.verdict])).toEqual([
      ['huawei-v3-token', 'ok'],
      ['huawei-v3-keys', 'ok']
    ])
    const [token, keys] = sts.received
    expect(token.path).toBe(`/v3/OS-FEDERATION/identity_providers/${HUAWEI.idp}/protocols/oidc/auth`)
    expect(token.headers.authorization).toBe(`Bearer ${github.issued[0]}`)
    expect(keys.headers['x-auth-token']).toBe(sts.iamTokens[0])
    expect(keys.params).toEqual({auth: {identity: {methods: ['token'], token: {duration_seconds: 3600}}}})
    expect(cloud.received).toEqual([expect.objectContaining({api: 'swr', verdict: 'ok', query: {projectname: 'cn-north-4', duration_seconds: '3600'}})])
    await proveLoginThenLogout(job, main)
    assertMasked(job, [github.issued[0], sts.iamTokens[0], HUAWEI_KEYS.accessKeySecret, HUAWEI_KEYS.securityToken])
  })

  it('a token the mapping does not let in: the message shows its subject and what else to check', async () => {
    const tag = 'repo:octo-org/app:ref:refs/tags/v1'
    const {github, sts, cloud} = await huaweiFakes(tag)
    const job = newJob()
    const main = await mainWithToken(job, github, inputs(sts, cloud))
    expect(sts.received.map(r => r.verdict)).toEqual(['1101'])
    expect(main.errors[0]).toMatch(
      /^Huawei Cloud IAM federation \(identity provider 'github-actions'\) refused the token: 1101: The request you have made requires authentication\. \(HTTP 401\)\. IAM did not let this token in\./
    )
    expect(main.errors[0]).toContain(`sub, is '${tag}'`)
    await expectNoLogin(job, main, cloud)
  })
})

describe('a job that may not request a token', () => {
  it.each([
    ['neither variable (no id-token: write)', {}, 'ACTIONS_ID_TOKEN_REQUEST_URL'],
    ['the URL without the request token', {ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token?api-version=2.0'}, 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']
  ])('%s: fails before any call, saying which permission to grant, and where', async (_name, tokenEnv, missing) => {
    const {github, sts, cloud} = await fakes()
    const job = newJob()
    const main = await job.main(
      {provider: 'acr', region: 'cn-hangzhou', 'oidc-provider': ALIBABA.providerArn, 'role-to-assume': ALIBABA.roleArn, 'sts-endpoint': sts.url, 'api-endpoint': cloud.url},
      {...RUN, ...tokenEnv}
    )
    expect(main.errors).toEqual([
      `Keyless login ('oidc-provider') needs the job's GitHub OIDC token, and this job cannot request one (${missing} is not set). ` +
        `Give the job 'permissions: id-token: write' (and 'contents: read' if it checks out code: naming one permission sets every ` +
        `other to none). In a reusable workflow, the calling job must grant 'id-token: write' too. Pull requests from forks never ` +
        `get an OIDC token: log in on push there, or skip the login for them.`
    ])
    expect(github.received).toEqual([])
    expect(sts.received).toEqual([])
    await expectNoLogin(job, main, cloud)
  })
})
