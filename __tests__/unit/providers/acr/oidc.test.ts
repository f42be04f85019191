import {ApiError} from '../../../../src/api-errors.js'
import {ALIBABA_STS, alibabaOidcHint, assumeRoleBody, assumeRoleUrl, assumeRoleWithOidc, type RefusalContext} from '../../../../src/providers/acr/oidc.js'
import type {ExchangeRequest, TokenClaims} from '../../../../src/providers/keyless.js'
import {localServers, maskRecorder, type LocalServer, type Reply} from '../../../support/local-server.js'

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
const CLAIMS: TokenClaims = {sub: 'repo:octo/app:ref:refs/heads/main', aud: 'sts.aliyuncs.com', iss: 'https://token.actions.githubusercontent.com'}
const JWT = `${b64url({alg: 'RS256', typ: 'JWT', kid: 'k1'})}.${b64url(CLAIMS)}.${Buffer.from('s1gnature-'.repeat(25)).toString('base64url')}`
const PROVIDER = 'acs:ram::1234567890123456:oidc-provider/github'
const ROLE = 'acs:ram::1234567890123456:role/push'
const FEDERATION = {oidcProviderArn: PROVIDER, roleArn: ROLE}
const AK = 'STS.NUxYz0123456789AbCdEf'
const SK = 'Fed3rat3dS3cr3tValue0123456789'
const TOKEN = 'CAIS+FederatedSecurityToken/Qw12Er34=='
const NO_WAIT = {sleep: async () => undefined}
const CONTEXT: RefusalContext = {...FEDERATION, audience: 'sts.aliyuncs.com', claims: CLAIMS, durationSeconds: 3600}

/** Every run of 8 characters of the JWT (the redaction's fragment length) that `text` holds. */
function jwtFragments(text: string): string[] {
  const found: string[] = []
  for (let i = 0; i + 8 <= JWT.length; i++) if (text.includes(JWT.slice(i, i + 8))) found.push(JWT.slice(i, i + 8))
  return found
}

describe('assumeRoleUrl', () => {
  const NOW = new Date('2026-01-02T03:04:05.678Z')

  it.each([
    ['https://sts.aliyuncs.com', 'https://sts.aliyuncs.com/'],
    ['https://sts.aliyuncs.com/', 'https://sts.aliyuncs.com/'],
    ['https://sts-vpc.cn-shanghai.aliyuncs.com', 'https://sts-vpc.cn-shanghai.aliyuncs.com/'],
    ['https://gw.example.com/sts', 'https://gw.example.com/sts/'],
    ['https://gw.example.com/sts//', 'https://gw.example.com/sts/']
  ])('%s: the call in the query, at the base path', (endpoint, base) => {
    expect(assumeRoleUrl(new URL(endpoint), NOW).href).toBe(`${base}?Version=2015-04-01&Action=AssumeRoleWithOIDC&Format=JSON&Timestamp=2026-01-02T03%3A04%3A05Z`)
  })

  it('gives the time as YYYY-MM-DDTHH:MM:SSZ, without milliseconds', () => {
    const url = assumeRoleUrl(new URL('https://sts.aliyuncs.com'), new Date('2030-12-31T23:59:59.999Z'))
    expect(url.searchParams.get('Timestamp')).toBe('2030-12-31T23:59:59Z')
    expect(url.searchParams.get('Timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  })

  it('carries nothing but the call and the time: no token, no signature', () => {
    expect([...assumeRoleUrl(new URL('https://sts.aliyuncs.com'), NOW).searchParams.keys()]).toEqual(['Version', 'Action', 'Format', 'Timestamp'])
  })
})

describe('assumeRoleBody', () => {
  it('is a form of the provider, the role, the token, the session name and the duration', () => {
    const body = assumeRoleBody(FEDERATION, {jwt: JWT, sessionName: 'github-octo-app-1-1', durationSeconds: 900})
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      OIDCProviderArn: PROVIDER,
      RoleArn: ROLE,
      OIDCToken: JWT,
      RoleSessionName: 'github-octo-app-1-1',
      DurationSeconds: '900'
    })
  })

  it('encodes the values as a form does', () => {
    const body = assumeRoleBody({oidcProviderArn: 'acs:ram::1:oidc-provider/a&b', roleArn: 'acs:ram::1:role/r=1'}, {jwt: 'a.b.c', sessionName: 'x@y', durationSeconds: 3600})
    expect(body).toBe(
      'OIDCProviderArn=acs%3Aram%3A%3A1%3Aoidc-provider%2Fa%26b&RoleArn=acs%3Aram%3A%3A1%3Arole%2Fr%3D1&OIDCToken=a.b.c&RoleSessionName=x%40y&DurationSeconds=3600'
    )
  })
})

describe('alibabaOidcHint', () => {
  it.each<[number, string, string, RegExp]>([
    [
      400,
      'AuthenticationFail.OIDCToken.AudienceNotMatch',
      'The audience of the OIDCToken does not match.',
      /^The OIDC provider does not list the token's audience, 'sts\.aliyuncs\.com' \(input 'audience'\), among its client IDs\. Add it to the provider's Client IDs/
    ],
    [400, 'AuthenticationFail.OIDCToken.Expired', '', /^The token had expired when Alibaba Cloud checked it: check the runner's clock \(NTP\), then run the job again\.$/],
    [
      400,
      'AuthenticationFail.OIDCToken.IssuerNotMatch',
      '',
      /^The OIDC provider's issuer URL is not the token's issuer, 'https:\/\/token\.actions\.githubusercontent\.com': set the provider's Issuer URL to it/
    ],
    [
      400,
      'AuthenticationFail.OIDCToken.InvalidSignature',
      '',
      /^Alibaba Cloud could not verify the token's signature with the OIDC provider's settings: check its issuer URL .*fingerprint/
    ],
    [400, 'AuthenticationFail.OIDCToken.PublicKeyFingerprintMismatch', '', /^Alibaba Cloud could not verify the token's signature/],
    [400, 'AuthenticationFail.OIDCToken.IssuerConfigurationBroken', '', /^Alibaba Cloud could not verify the token's signature/],
    [400, 'AuthenticationFail.OIDCToken.HttpsUrlInvalid', '', /^Alibaba Cloud could not verify the token's signature/],
    [
      400,
      'AuthenticationFail.OIDCToken.Invalid',
      'The OIDCToken is invalid.',
      /^Alibaba Cloud did not accept the token as a JWT: run the job again; if it persists, report it\.$/
    ],
    [
      403,
      'AuthenticationFail.NoPermission',
      'No such OIDC Provider registered.',
      /^There is no such OIDC provider: check 'oidc-provider', the provider's ARN \(acs:ram::<account ID>:oidc-provider\/<name>; RAM console: Integrations, SSO, OIDC\)\.$/
    ],
    [
      403,
      'AuthenticationFail.NoPermission',
      'You are not authorized to do this action. You should be authorized by RAM.',
      new RegExp(
        `^The trust policy of role '${ROLE}' does not let this token assume it\\. The token's subject \\(sub\\) is ` +
          `'repo:octo/app:ref:refs/heads/main': compare it with the policy's oidc:sub condition .*oidc:aud condition with ` +
          `'sts\\.aliyuncs\\.com' .*Federated principal is the provider in 'oidc-provider'\\.$`
      )
    ],
    [403, 'NoPermission', 'You are not authorized.', /^The trust policy of role .* The token's subject \(sub\) is 'repo:octo\/app:ref:refs\/heads\/main'/],
    [404, 'EntityNotExist.Role', 'The specified Role not exists.', /^There is no such RAM role: check 'role-to-assume', the role's ARN/],
    [404, 'EntityNotExist.OIDCProvider', '', /^Check 'oidc-provider' and 'role-to-assume': one of them names nothing in the account\.$/],
    [
      400,
      'InvalidParameter.DurationSeconds',
      'The Min/Max value of DurationSeconds is 15min/1hr.',
      /^'duration' \(3600 s\) is longer than the role's maximum session duration: lower 'duration', or raise the role's Maximum Session Duration \(RAM console: the role; up to 12 hours\)\.$/
    ],
    [400, 'InvalidParameter.RoleSessionName', '', /^Check 'role-session-name': 2 to 64 letters, digits and \. @ _ - \(or remove it for the default\)\.$/],
    [
      400,
      'InvalidParameter.OIDCProviderArn',
      '',
      /^Check 'oidc-provider' and 'role-to-assume' \(ARNs: acs:ram::<account ID>:oidc-provider\/<name>, acs:ram::<account ID>:role\/<name>\)\.$/
    ],
    [400, 'InvalidParameter', '', /^Check 'oidc-provider' and 'role-to-assume' \(ARNs:/],
    [
      400,
      'Throttling.User',
      'Request was denied due to user flow control.',
      /^Alibaba Cloud STS is limiting this account's requests: wait a minute, then run the job again\.$/
    ],
    [429, '', '', /^Alibaba Cloud STS is limiting this account's requests/],
    [500, 'InternalError', '', /^Alibaba Cloud STS kept failing over several tries; run the job again later\.$/],
    [503, '', '', /^Alibaba Cloud STS kept failing/],
    [400, 'Whatever.Unknown', 'something', /^Check 'oidc-provider', 'role-to-assume' and 'audience'\.$/],
    [400, '', '', /^Check 'oidc-provider', 'role-to-assume' and 'audience'\.$/],
    // The cloud's codes are matched whatever their case.
    [400, 'AUTHENTICATIONFAIL.OIDCTOKEN.EXPIRED', '', /^The token had expired/]
  ])('HTTP %i, %s, %j', (status, code, message, expected) => {
    expect(alibabaOidcHint(status, code, message, CONTEXT)).toMatch(expected)
  })

  it("names the token's own issuer when it has one", () => {
    const context = {...CONTEXT, claims: {...CLAIMS, iss: 'https://token.actions.githubusercontent.com/octo-enterprise'}}
    expect(alibabaOidcHint(400, 'AuthenticationFail.OIDCToken.IssuerNotMatch', '', context)).toContain(
      "the token's issuer, 'https://token.actions.githubusercontent.com/octo-enterprise': set"
    )
  })

  it("names GitHub's issuer for a token without an iss claim", () => {
    expect(alibabaOidcHint(400, 'AuthenticationFail.OIDCToken.IssuerNotMatch', '', {...CONTEXT, claims: {}})).toContain(
      "the token's issuer, 'https://token.actions.githubusercontent.com': set"
    )
  })

  it('says the subject is not known for a token without one', () => {
    expect(alibabaOidcHint(403, 'AuthenticationFail.NoPermission', 'denied', {...CONTEXT, claims: {}})).toContain(
      "The token's subject (sub) is not known (the token has no sub claim): compare"
    )
  })

  it('names the audience asked for, and the duration asked for', () => {
    const context = {...CONTEXT, audience: 'my-client-id', durationSeconds: 43200}
    expect(alibabaOidcHint(400, 'AuthenticationFail.OIDCToken.AudienceNotMatch', '', context)).toContain("audience, 'my-client-id' (input 'audience')")
    expect(alibabaOidcHint(400, 'InvalidParameter.DurationSeconds', '', context)).toMatch(/^'duration' \(43200 s\)/)
  })
})

describe('assumeRoleWithOidc against a local server', () => {
  const serve = localServers()
  const CREDENTIALS = {AccessKeyId: AK, AccessKeySecret: SK, SecurityToken: TOKEN, Expiration: '2026-01-01T01:00:00Z'}
  const good = (credentials: unknown = CREDENTIALS): Reply => ({
    status: 200,
    body: JSON.stringify({RequestId: 'req-1', AssumedRoleUser: {Arn: `${ROLE}/s`}, Credentials: credentials})
  })

  function request(local: LocalServer, more: Partial<ExchangeRequest> = {}): ExchangeRequest {
    return {
      jwt: JWT,
      claims: CLAIMS,
      audience: 'sts.aliyuncs.com',
      endpoint: local.url,
      sessionName: 'github-octo-app-9876543210-1',
      durationSeconds: 3600,
      mask: () => undefined,
      hooks: NO_WAIT,
      ...more
    }
  }

  /** The call's error: an ApiError in which no part of the JWT shows. */
  async function apiError(pending: Promise<unknown>): Promise<ApiError> {
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    const message = (error as ApiError).message
    expect(jwtFragments(message)).toEqual([])
    return error as ApiError
  }

  const refusal = (status: number, body: object): Reply => ({status, body: JSON.stringify(body)})

  it('sends a POST with the call in the query and the rest in a form body', async () => {
    const local = await serve(() => good())
    const before = Date.now()
    await assumeRoleWithOidc(FEDERATION, request(local))
    expect(local.received).toHaveLength(1)
    const [sent] = local.received
    expect(sent.method).toBe('POST')
    const url = new URL(sent.url, local.url)
    expect(url.pathname).toBe('/')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      Version: '2015-04-01',
      Action: 'AssumeRoleWithOIDC',
      Format: 'JSON',
      Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    })
    // The time is now (to the second): the SDKs send it, and STS may check it.
    expect(Math.abs(Date.parse(url.searchParams.get('Timestamp') as string) - before)).toBeLessThan(5000)
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(sent.headers.accept).toBe('application/json')
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({
      OIDCProviderArn: PROVIDER,
      RoleArn: ROLE,
      OIDCToken: JWT,
      RoleSessionName: 'github-octo-app-9876543210-1',
      DurationSeconds: '3600'
    })
  })

  it('is anonymous: no Authorization, no signature, no access key ID anywhere', async () => {
    const local = await serve(() => good())
    await assumeRoleWithOidc(FEDERATION, request(local))
    const [sent] = local.received
    expect(sent.headers.authorization).toBeUndefined()
    expect(Object.keys(sent.headers).filter(name => /^x-acs-|signature|security-token/i.test(name))).toEqual([])
    for (const text of [sent.url, sent.body]) {
      expect(text).not.toMatch(/Signature|AccessKeyId|SecurityToken/i)
    }
  })

  it('sends the JWT in the body only, never in the URL or a header', async () => {
    const local = await serve(() => good())
    await assumeRoleWithOidc(FEDERATION, request(local))
    const [sent] = local.received
    expect(jwtFragments(sent.url)).toEqual([])
    expect(jwtFragments(JSON.stringify(sent.headers))).toEqual([])
    expect(sent.body).toContain(`OIDCToken=${JWT}`)
  })

  it('keeps the path of an endpoint behind a gateway', async () => {
    const local = await serve(() => good())
    await assumeRoleWithOidc(FEDERATION, request(local, {endpoint: new URL('/sts-gw', local.url)}))
    expect(local.received[0].url).toMatch(/^\/sts-gw\/\?Version=2015-04-01&/)
  })

  it('returns the keys and their expiry, having masked each secret (and the key ID) as it was read', async () => {
    const local = await serve(() => good())
    const rec = maskRecorder()
    const keys = await assumeRoleWithOidc(FEDERATION, request(local, {mask: rec.mask}))
    rec.done()
    expect(keys).toEqual({accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN, expiresAt: '2026-01-01T01:00:00.000Z'})
    expect(rec.masked).toEqual([SK, TOKEN, AK])
    expect(rec.late).toEqual([])
  })

  it.each<[string, unknown, string | undefined]>([
    ['no Expiration', undefined, undefined],
    ['an Expiration that is not a time', 'tomorrow', undefined],
    ['an Expiration that is not a string', 1767229200, undefined],
    ['an Expiration with milliseconds', '2026-01-01T01:00:00.123Z', '2026-01-01T01:00:00.123Z'],
    ['an Expiration without a zone (UTC)', '2026-01-01T01:00:00', '2026-01-01T01:00:00.000Z']
  ])('reads %s', async (_name, Expiration, expected) => {
    const local = await serve(() => good({...CREDENTIALS, Expiration}))
    expect((await assumeRoleWithOidc(FEDERATION, request(local))).expiresAt).toBe(expected)
  })

  it('reports a refusal with code, message, request ID and what to do, without trying again', async () => {
    const local = await serve(() =>
      refusal(400, {Code: 'AuthenticationFail.OIDCToken.AudienceNotMatch', Message: 'The audience of the OIDCToken does not match.', RequestId: 'A1B2-C3'})
    )
    const error = await apiError(assumeRoleWithOidc(FEDERATION, request(local)))
    expect(error.message).toBe(
      `${ALIBABA_STS} refused: AuthenticationFail.OIDCToken.AudienceNotMatch: The audience of the OIDCToken does not match. ` +
        `(HTTP 400, request ID A1B2-C3). ${alibabaOidcHint(400, 'AuthenticationFail.OIDCToken.AudienceNotMatch', '', CONTEXT)}`
    )
    expect(local.received).toHaveLength(1)
  })

  it('prefers the request ID header to the body', async () => {
    const local = await serve(() => ({status: 404, headers: {'x-acs-request-id': 'HDR-9'}, body: JSON.stringify({Code: 'EntityNotExist.Role', RequestId: 'BODY-1'})}))
    const error = await apiError(assumeRoleWithOidc(FEDERATION, request(local)))
    expect(error.message).toMatch(/^Alibaba Cloud STS AssumeRoleWithOIDC refused: EntityNotExist\.Role \(HTTP 404, request ID HDR-9\)\. There is no such RAM role/)
  })

  it.each<[string, number, object, RegExp]>([
    [
      'a missing provider (NoPermission, its own message)',
      403,
      {Code: 'AuthenticationFail.NoPermission', Message: 'No such OIDC Provider registered.'},
      /There is no such OIDC provider: check 'oidc-provider'/
    ],
    [
      'a trust policy that refuses',
      403,
      {Code: 'AuthenticationFail.NoPermission', Message: 'You are not authorized to do this action.'},
      /does not let this token assume it\. The token's subject \(sub\) is 'repo:octo\/app:ref:refs\/heads\/main'/
    ],
    ['a duration past the role', 400, {Code: 'InvalidParameter.DurationSeconds', Message: 'too long'}, /^.*'duration' \(3600 s\) is longer than the role's maximum/],
    ['a bad session name', 400, {Code: 'InvalidParameter.RoleSessionName', Message: 'bad'}, /Check 'role-session-name'/]
  ])('maps %s to what to do', async (_name, status, body, hint) => {
    const local = await serve(() => refusal(status, body))
    expect((await apiError(assumeRoleWithOidc(FEDERATION, request(local)))).message).toMatch(hint)
  })

  it("reads advice from STS's own words, not from an echo of the request that names the provider", async () => {
    // The echo holds OIDCProviderArn whatever the error: read, it would turn a trust policy's refusal into "no such provider".
    const echo = `You are not authorized to do this action. server string to sign is:POST&%2F&OIDCProviderArn%3D${encodeURIComponent(encodeURIComponent(PROVIDER))}`
    const local = await serve(() => refusal(403, {Code: 'AuthenticationFail.NoPermission', Message: echo, RequestId: 'r-1'}))
    const error = await apiError(assumeRoleWithOidc(FEDERATION, request(local)))
    expect(error.message).toMatch(/does not let this token assume it/)
    expect(error.message).not.toMatch(/no such OIDC provider/)
  })

  it.each<[string, Reply, RegExp]>([
    [
      "a web server's 404 page",
      {status: 404, body: '<html>Not Found</html>'},
      /^http:\/\/127\.0\.0\.1:\d+ answered HTTP 404 without an error code or message: that is not Alibaba Cloud STS AssumeRoleWithOIDC answering, so 'sts-endpoint' or a proxy is likely wrong\./
    ],
    [
      'another Alibaba API (InvalidAction.NotFound)',
      refusal(404, {Code: 'InvalidAction.NotFound', Message: 'Specified api is not found.', RequestId: 'p-1'}),
      /^http:\/\/127\.0\.0\.1:\d+ has no such API \(InvalidAction\.NotFound: Specified api is not found\. \(HTTP 404, request ID p-1\)\): that is not Alibaba Cloud STS/
    ]
  ])("says an answer from something other than STS at 'sts-endpoint' is that (%s), not a missing role or provider", async (_name, reply, expected) => {
    const local = await serve(() => reply)
    const error = await apiError(assumeRoleWithOidc(FEDERATION, request(local)))
    expect(error.message).toMatch(expected)
    expect(error.message).not.toMatch(/names nothing|no such (RAM role|OIDC provider)/)
  })

  it('blames STS, with its request ID, for a key ID that is not one', async () => {
    const local = await serve(() => good({...CREDENTIALS, AccessKeyId: 'STS.<br>'}))
    const error = await apiError(assumeRoleWithOidc(FEDERATION, request(local)))
    expect(error.message).toBe(
      `${ALIBABA_STS} answered HTTP 200 (request ID req-1) with a value of "AccessKeyId" that is not an access key ID (it holds ` +
        `characters other than letters, digits and dots; a key ID has 8 to 128 letters, digits and dots). Run the job again; if it persists, check 'sts-endpoint'.`
    )
  })

  it('tries a server error again, then reports the last answer', async () => {
    const local = await serve(n => refusal(500, {Code: 'InternalError', Message: `try ${n}`, RequestId: `r-${n}`}))
    const retried: number[] = []
    const error = await apiError(assumeRoleWithOidc(FEDERATION, request(local, {hooks: {...NO_WAIT, onRetry: attempt => void retried.push(attempt)}})))
    expect(local.received).toHaveLength(3)
    expect(retried).toEqual([1, 2])
    expect(error.message).toBe(
      `${ALIBABA_STS} refused: InternalError: try 3 (HTTP 500, request ID r-3). Alibaba Cloud STS kept failing over several tries; run the job again later.`
    )
    // Each try sends the token again, in the body.
    for (const sent of local.received) expect(new URLSearchParams(sent.body).get('OIDCToken')).toBe(JWT)
  })

  it('answers after a throttled try', async () => {
    const local = await serve(n => (n === 1 ? refusal(429, {Code: 'Throttling.User'}) : good()))
    await expect(assumeRoleWithOidc(FEDERATION, request(local))).resolves.toMatchObject({accessKeyId: AK})
    expect(local.received).toHaveLength(2)
  })

  it.each<[string, string]>([
    ['whole', `The OIDCToken ${JWT} is invalid.`],
    ['percent-encoded', `OIDCToken=${encodeURIComponent(JWT)} invalid`],
    ['in half', `Token ${JWT.slice(0, Math.floor(JWT.length / 2))}`],
    ['its signature only', `Bad signature ${JWT.split('.')[2]}`],
    ['its payload only', `Claims ${JWT.split('.')[1]} not accepted`],
    ['a short run', `near ${JWT.slice(40, 52)}.`],
    ['after 290 other characters, where the message is cut', `${'x'.repeat(290)} ${JWT}`]
  ])('never shows the JWT, even when STS echoes it in Message (%s)', async (_name, echoed) => {
    const local = await serve(() => refusal(400, {Code: 'AuthenticationFail.OIDCToken.Invalid', Message: echoed, RequestId: JWT.slice(10, 40)}))
    const error = await apiError(assumeRoleWithOidc(FEDERATION, request(local)))
    expect(error.message).toMatch(/^Alibaba Cloud STS AssumeRoleWithOIDC refused: AuthenticationFail\.OIDCToken\.Invalid: .*\*\*\*/)
    expect(error.message).not.toContain(JWT)
  })

  it('never shows the JWT echoed in Code', async () => {
    const local = await serve(() => refusal(400, {Code: JWT, Message: 'x'}))
    await apiError(assumeRoleWithOidc(FEDERATION, request(local)))
  })

  it.each<[string, Reply, string]>([
    [
      'a body that is not JSON',
      {status: 200, body: '<html>portal</html>'},
      `${ALIBABA_STS} answered HTTP 200 with a body that is not JSON. Run the job again; if it persists, check 'sts-endpoint'.`
    ],
    [
      'no Credentials',
      {status: 200, body: JSON.stringify({RequestId: 'r'})},
      `${ALIBABA_STS} answered HTTP 200 (request ID r) without "Credentials". Run the job again; if it persists, check 'sts-endpoint'.`
    ],
    [
      'Credentials that are null',
      good(null),
      `${ALIBABA_STS} answered HTTP 200 (request ID req-1) without "Credentials". Run the job again; if it persists, check 'sts-endpoint'.`
    ],
    [
      'Credentials that are a string',
      good('AK:SK'),
      `${ALIBABA_STS} answered HTTP 200 (request ID req-1) without "Credentials". Run the job again; if it persists, check 'sts-endpoint'.`
    ],
    [
      'no AccessKeySecret',
      good({...CREDENTIALS, AccessKeySecret: undefined}),
      `${ALIBABA_STS} answered HTTP 200 (request ID req-1) without "AccessKeySecret". Run the job again; if it persists, check 'sts-endpoint'.`
    ],
    [
      'an empty SecurityToken',
      good({...CREDENTIALS, SecurityToken: ''}),
      `${ALIBABA_STS} answered HTTP 200 (request ID req-1) without "SecurityToken". Run the job again; if it persists, check 'sts-endpoint'.`
    ],
    [
      'an AccessKeyId that is not a string',
      good({...CREDENTIALS, AccessKeyId: 12345}),
      `${ALIBABA_STS} answered HTTP 200 (request ID req-1) without "AccessKeyId". Run the job again; if it persists, check 'sts-endpoint'.`
    ]
  ])('refuses an answer with %s', async (_name, reply, expected) => {
    const local = await serve(() => reply)
    const error = await apiError(assumeRoleWithOidc(FEDERATION, request(local)))
    expect(error.message).toBe(expected)
    for (const secret of [SK, TOKEN]) expect(error.message).not.toContain(secret)
  })

  it('masks the secrets it read before refusing an answer that lacks the key ID', async () => {
    const local = await serve(() => good({...CREDENTIALS, AccessKeyId: ''}))
    const rec = maskRecorder()
    await apiError(assumeRoleWithOidc(FEDERATION, request(local, {mask: rec.mask})))
    expect(rec.masked).toEqual([SK, TOKEN])
  })

  it('leaves a request that got no answer to the caller (callApi names the endpoint)', async () => {
    const local = await serve(() => ({status: 302, headers: {location: 'https://login.example.com/'}}))
    const error = await assumeRoleWithOidc(FEDERATION, request(local)).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(ApiError)
    expect((error as Error).name).toBe('UnusableAnswerError')
  })
})
