import {jest} from '@jest/globals'
import {ApiError} from '../../../src/api-errors.js'
import {UserError} from '../../../src/errors.js'
import {ApiTransportError, UnusableAnswerError} from '../../../src/http.js'
import {federate} from '../../../src/oidc/federate.js'
import {TOKEN_URL_VAR, TOKEN_VAR} from '../../../src/oidc/github-token.js'
import type {Keys} from '../../../src/providers/key-source.js'
import type {ExchangeRequest, Federation} from '../../../src/providers/keyless.js'
import type {ObtainContext} from '../../../src/providers/provider.js'
import {localServers, maskRecorder, type LocalServer} from '../../support/local-server.js'

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
const CLAIMS = {sub: 'repo:octo/app:ref:refs/heads/main', aud: 'sts.aliyuncs.com', iss: 'https://token.actions.githubusercontent.com'}
const JWT = `${b64url({alg: 'RS256', typ: 'JWT'})}.${b64url(CLAIMS)}.${Buffer.from('s1gnature-'.repeat(25)).toString('base64url')}`
const BEARER = 'eyRunnerRequestToken.Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0'
const ROLE = 'acs:ram::1234567890123456:role/push'
const AK = 'STS.NUxYz0123456789AbCdEf'
const SK = 'Fed3rat3dS3cr3tValue0123456789'
const TOKEN = 'CAIS+FederatedSecurityToken/Qw12Er34=='
const KEYS: Keys = {accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN, expiresAt: '2036-01-01T01:00:00.000Z'}
const RUN_ENV = {GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '9876543210', GITHUB_RUN_ATTEMPT: '3'}
const SESSION_RULES = {service: 'Alibaba Cloud STS', maxLength: 64}

const serve = localServers()

/** GitHub's token service, answering with JWT (or `jwt`). */
async function github(jwt = JWT): Promise<LocalServer> {
  return serve(() => ({status: 200, body: JSON.stringify({value: jwt})}))
}

/** A federation whose exchange records what it was given and answers `keys` (or throws what `keys` is). */
function fakeFederation(more: Partial<Federation> = {}, keys: Keys | Error = KEYS): Federation & {requests: ExchangeRequest[]} {
  const requests: ExchangeRequest[] = []
  return {
    service: 'Alibaba Cloud STS AssumeRoleWithOIDC',
    identity: `RAM role ${ROLE}`,
    audience: 'sts.aliyuncs.com',
    durationSeconds: 7200,
    session: {given: undefined, rules: SESSION_RULES},
    endpointInput: '',
    defaultEndpoint: region => `https://sts.${region}.example.com`,
    async exchange(request) {
      requests.push(request)
      if (keys instanceof Error) throw keys
      return keys
    },
    requests,
    ...more
  }
}

function context(local: LocalServer, more: Partial<ObtainContext> = {}): ObtainContext & {logged: string[]} {
  const logged: string[] = []
  return {
    mask: () => undefined,
    log: line => void logged.push(line),
    env: {[TOKEN_URL_VAR]: new URL('/idtoken?api-version=2.0', local.url).href, [TOKEN_VAR]: BEARER, ...RUN_ENV},
    logged,
    ...more
  }
}

/** The error federate throws. */
async function failure(pending: Promise<unknown>): Promise<unknown> {
  return pending.then(
    () => {
      throw new Error('expected a failure')
    },
    (e: unknown) => e
  )
}

describe('federate: what the exchange is given', () => {
  it("the job's token for the federation's audience, its claims, the duration, the mask, and retry hooks", async () => {
    const local = await github()
    const federation = fakeFederation()
    const ctx = context(local)
    await expect(federate(federation, 'cn-hangzhou', ctx)).resolves.toBe(KEYS)
    expect(new URL(local.received[0].url, local.url).searchParams.get('audience')).toBe('sts.aliyuncs.com')
    expect(federation.requests).toHaveLength(1)
    const [request] = federation.requests
    expect(request).toMatchObject({jwt: JWT, claims: CLAIMS, audience: 'sts.aliyuncs.com', durationSeconds: 7200})
    expect(request.mask).toBe(ctx.mask)
    expect(typeof request.hooks.onRetry).toBe('function')
  })

  it.each<[string, Federation['session'], string]>([
    ['the default session name when none is given', {given: undefined, rules: SESSION_RULES}, 'github-octo-app-9876543210-3'],
    ['the session name given', {given: 'deploy.prod', rules: SESSION_RULES}, 'deploy.prod'],
    ["'' for an exchange that takes none (classic IAM)", undefined, '']
  ])('%s', async (_name, session, expected) => {
    const federation = fakeFederation({session})
    await federate(federation, 'cn-hangzhou', context(await github()))
    expect(federation.requests[0].sessionName).toBe(expected)
  })

  it('the default session name follows its rules (a shorter maximum cuts the repository)', async () => {
    const federation = fakeFederation({session: {given: undefined, rules: {service: 'STS', maxLength: 24}}})
    await federate(federation, 'r', context(await github()))
    expect(federation.requests[0].sessionName).toBe('github-octo-9876543210-3')
  })

  it.each<[string, string, string]>([
    ["the federation's default for the region, when 'sts-endpoint' is not given", '', 'https://sts.ap-southeast-1.example.com/'],
    ["'sts-endpoint' as given", 'https://sts-vpc.cn-shanghai.aliyuncs.com', 'https://sts-vpc.cn-shanghai.aliyuncs.com/'],
    ["'sts-endpoint' with {region} put in", 'https://sts.{region}.aliyuncs.com/base', 'https://sts.ap-southeast-1.aliyuncs.com/base']
  ])('the endpoint: %s', async (_name, endpointInput, expected) => {
    const defaultEndpoint = jest.fn((region: string) => `https://sts.${region}.example.com`)
    const federation = fakeFederation({endpointInput, defaultEndpoint})
    await federate(federation, 'ap-southeast-1', context(await github()))
    expect(federation.requests[0].endpoint.href).toBe(expected)
    if (endpointInput === '') expect(defaultEndpoint).toHaveBeenCalledWith('ap-southeast-1')
  })
})

describe('federate: masking', () => {
  it('masks the request token, the JWT and every key, all before it returns', async () => {
    const rec = maskRecorder()
    await federate(fakeFederation(), 'cn-hangzhou', context(await github(), {mask: rec.mask}))
    rec.done()
    expect(rec.masked).toEqual([BEARER, JWT, AK, SK, TOKEN])
    expect(rec.late).toEqual([])
  })

  it('masks the keys of an answer without a security token', async () => {
    const rec = maskRecorder()
    await federate(fakeFederation({}, {accessKeyId: AK, accessKeySecret: SK}), 'cn-hangzhou', context(await github(), {mask: rec.mask}))
    // maskOnce (main's mask) skips an empty value; what counts is that both keys are masked.
    expect(rec.masked.filter(secret => secret !== '')).toEqual([BEARER, JWT, AK, SK])
  })

  it('masks the JWT before the exchange sees it', async () => {
    const rec = maskRecorder()
    let maskedBefore: string[] = []
    const federation = fakeFederation({
      exchange: async () => {
        maskedBefore = [...rec.masked]
        return KEYS
      }
    })
    await federate(federation, 'cn-hangzhou', context(await github(), {mask: rec.mask}))
    expect(maskedBefore).toEqual([BEARER, JWT])
  })
})

describe('federate: the log line', () => {
  it('names the service, the host, the identity, the expiry, the audience and the subject', async () => {
    const ctx = context(await github())
    await federate(fakeFederation(), 'cn-hangzhou', ctx)
    expect(ctx.logged).toEqual([
      `Keyless: Alibaba Cloud STS AssumeRoleWithOIDC (sts.cn-hangzhou.example.com) issued temporary keys for RAM role ${ROLE}, ` +
        `valid until 2036-01-01T01:00:00.000Z (GitHub OIDC token for audience 'sts.aliyuncs.com', subject 'repo:octo/app:ref:refs/heads/main')`
    ])
  })

  it('names the port of an endpoint that has one', async () => {
    const ctx = context(await github())
    await federate(fakeFederation({endpointInput: 'https://gw.example.com:8443/sts'}), 'r', ctx)
    expect(ctx.logged[0]).toMatch(/^Keyless: Alibaba Cloud STS AssumeRoleWithOIDC \(gw\.example\.com:8443\) issued/)
  })

  it('leaves out an expiry that is not known and a subject the token has not', async () => {
    const ctx = context(await github(`${b64url({alg: 'RS256'})}.${b64url({aud: 'x'})}.sig`))
    await federate(fakeFederation({}, {accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN}), 'cn-hangzhou', ctx)
    expect(ctx.logged).toEqual([
      `Keyless: Alibaba Cloud STS AssumeRoleWithOIDC (sts.cn-hangzhou.example.com) issued temporary keys for RAM role ${ROLE} ` +
        `(GitHub OIDC token for audience 'sts.aliyuncs.com')`
    ])
  })

  it('quotes the subject safely: one line, cut at 200 characters', async () => {
    const sub = `repo:octo/app:\n${'x'.repeat(300)}`
    const ctx = context(await github(`${b64url({alg: 'RS256'})}.${b64url({sub})}.sig`))
    await federate(fakeFederation(), 'cn-hangzhou', ctx)
    expect(ctx.logged[0]).toContain(`subject 'repo:octo/app:\\n${'x'.repeat(183)}…')`)
    expect(ctx.logged[0]).not.toContain('\n')
  })

  it('shows no secret: neither the tokens nor the keys', async () => {
    const ctx = context(await github())
    const federation = fakeFederation({
      async exchange(request) {
        // An exchange that retries logs through its hooks too.
        request.hooks.onRetry?.(1, 500, new ApiTransportError('HTTP 503', true))
        return KEYS
      }
    })
    await federate(federation, 'cn-hangzhou', ctx)
    expect(ctx.logged).toHaveLength(2)
    expect(ctx.logged[0]).toBe('Alibaba Cloud STS AssumeRoleWithOIDC: API call try 1 failed (HTTP 503); trying again in 0.5 s')
    for (const line of ctx.logged) for (const secret of [JWT, BEARER, SK, TOKEN]) expect(line).not.toContain(secret)
  })
})

describe('federate: failures', () => {
  it("turns an exchange that got no answer into an ApiError that names 'sts-endpoint' and the endpoint", async () => {
    const error = await failure(federate(fakeFederation({}, new ApiTransportError('sts.cn-hangzhou.example.com: ECONNRESET', true)), 'cn-hangzhou', context(await github())))
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe(
      'Alibaba Cloud STS AssumeRoleWithOIDC gave no answer (sts.cn-hangzhou.example.com: ECONNRESET, over several tries). ' +
        "Check 'sts-endpoint' (https://sts.cn-hangzhou.example.com), and the runner's network and proxy (HTTPS_PROXY, NO_PROXY)."
    )
  })

  it("turns an answer that is not the service's (a redirect) into an ApiError that blames 'sts-endpoint' or a proxy", async () => {
    const thrown = new UnusableAnswerError('sts.cn-hangzhou.example.com', 'redirected to https://portal.example.com (HTTP 302)')
    const error = await failure(federate(fakeFederation({}, thrown), 'cn-hangzhou', context(await github())))
    expect((error as ApiError).message).toBe(
      'Alibaba Cloud STS AssumeRoleWithOIDC (sts.cn-hangzhou.example.com) redirected to https://portal.example.com (HTTP 302): ' +
        "'sts-endpoint' (https://sts.cn-hangzhou.example.com) or a proxy is likely wrong. Check 'sts-endpoint', and the " +
        "runner's proxy settings (HTTPS_PROXY, NO_PROXY)."
    )
  })

  it("refuses keys that had expired when they arrived, naming the service, the runner's clock and 'duration', and logs no success", async () => {
    const ctx = context(await github())
    const error = await failure(federate(fakeFederation({}, {...KEYS, expiresAt: '2020-01-01T01:00:00.000Z'}), 'cn-hangzhou', ctx))
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(
      /^Alibaba Cloud STS AssumeRoleWithOIDC \(sts\.cn-hangzhou\.example\.com\) answered with temporary keys that had already expired on arrival: valid until 2020-01-01T01:00:00\.000Z, and the runner's clock says \S+\. Check the runner's clock \(NTP\), which is likely ahead of the cloud's, and 'duration' \(7200 s asked for\); then run the job again\.$/
    )
    expect(ctx.logged).toEqual([])
  })

  it("passes the exchange's ApiError (the cloud said no) through as it is, and logs no success", async () => {
    const refused = new ApiError('Alibaba Cloud STS AssumeRoleWithOIDC refused: ...')
    const ctx = context(await github())
    await expect(federate(fakeFederation({}, refused), 'cn-hangzhou', ctx)).rejects.toBe(refused)
    expect(ctx.logged).toEqual([])
  })

  it('refuses a plain-HTTP endpoint before asking GitHub for a token', async () => {
    const local = await github()
    const federation = fakeFederation({endpointInput: 'http://sts.{region}.aliyuncs.com'})
    const error = await failure(federate(federation, 'cn-hangzhou', context(local)))
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(/^Input 'sts-endpoint' is a plain http:\/\/ URL \(http:\/\/sts\.cn-hangzhou\.aliyuncs\.com\)/)
    expect(local.received).toEqual([])
    expect(federation.requests).toEqual([])
  })

  it('passes on that the job may not request a token, without calling the exchange', async () => {
    const local = await github()
    const federation = fakeFederation()
    const ctx = context(local, {env: {[TOKEN_URL_VAR]: new URL('/idtoken', local.url).href}})
    const error = await failure(federate(federation, 'cn-hangzhou', ctx))
    expect((error as UserError).message).toMatch(/\(ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set\)/)
    expect(federation.requests).toEqual([])
  })

  it("passes on GitHub's refusal, without calling the exchange", async () => {
    const local = await serve(() => ({status: 403, body: '{"message":"no"}'}))
    const federation = fakeFederation()
    const error = await failure(federate(federation, 'cn-hangzhou', context(local)))
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(/^GitHub's OIDC token service refused a token for audience 'sts\.aliyuncs\.com': no \(HTTP 403\)/)
    expect(federation.requests).toEqual([])
  })
})
