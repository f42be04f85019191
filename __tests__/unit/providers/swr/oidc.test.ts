import {ApiError} from '../../../../src/api-errors.js'
import type {ExchangeRequest, TokenClaims} from '../../../../src/providers/keyless.js'
import {agencyHint, assumeAgencyWithOidc, federatedKeysV3, federationHint, HUAWEI_V3, HUAWEI_V5, type RefusalContext} from '../../../../src/providers/swr/oidc.js'
import {localServers, maskRecorder, type LocalServer, type Reply} from '../../../support/local-server.js'

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
const CLAIMS: TokenClaims = {sub: 'repo:octo/app:ref:refs/heads/main', aud: 'sts.huaweicloud.com', iss: 'https://token.actions.githubusercontent.com'}
const JWT = `${b64url({alg: 'RS256', typ: 'JWT', kid: 'k1'})}.${b64url(CLAIMS)}.${Buffer.from('s1gnature-'.repeat(25)).toString('base64url')}`
const PROVIDER_URN = 'iam::0a1b2c3d4e5f:oidcProvider:github'
const AGENCY_URN = 'iam::0a1b2c3d4e5f:agency:swr-push'
const FEDERATION = {providerUrn: PROVIDER_URN, agencyUrn: AGENCY_URN}
const IDP = 'github-idp'
const V3_SERVICE = `${HUAWEI_V3} (identity provider '${IDP}')`
// Classic IAM's unscoped token: long, and a credential of its own.
const IAM_TOKEN = `MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXXX${'Qw3rTy'.repeat(20)}`
const AK = 'HSTAQWERTYUIOPASDFGH'
const SK = 'Tmp5ecretAccessKey0123456789abcdefGHIJKL'
const TOKEN = 'gQpjbi1ub3J0aC00SecurityToken+Zx/Cv=='
const NO_WAIT = {sleep: async () => undefined}
const CONTEXT: RefusalContext = {audience: 'sts.huaweicloud.com', claims: CLAIMS, durationSeconds: 3600}

/** Every run of 8 characters of `secret` that `text` holds. */
function fragments(text: string, secret: string): string[] {
  const found: string[] = []
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) found.push(secret.slice(i, i + 8))
  return found
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({status, headers, body: JSON.stringify(body)})

describe('agencyHint (new IAM, v5)', () => {
  it.each<[number, string, RegExp]>([
    [
      400,
      'The audience of the id_token is invalid.',
      /^The token's audience, 'sts\.huaweicloud\.com' \(input 'audience'\), is not the provider's client IDs \(IAM console: Identity Providers, the OIDC provider\): set 'audience' to it, or add it to the provider\.$/
    ],
    [400, 'aud claim mismatch', /^The token's audience/],
    [400, 'client_id not registered', /^The token's audience/],
    [401, 'The id_token has expired.', /^The token had expired when IAM checked it: check the runner's clock \(NTP\), then run the job again\.$/],
    [400, 'issuer mismatch', /^The provider's issuer URL must be the token's issuer, 'https:\/\/token\.actions\.githubusercontent\.com': correct it in the IAM console\.$/],
    [400, 'iss is invalid', /^The provider's issuer URL must be/],
    [
      400,
      'Verify signature failed.',
      /^IAM could not verify the token's signature with the provider's signing keys\. IAM does not fetch GitHub's keys itself: paste the current ones \(https:\/\/token\.actions\.githubusercontent\.com\/\.well-known\/jwks\)/
    ],
    [400, 'No matching JWKS key.', /^IAM could not verify the token's signature/],
    [400, 'Unknown kid', /^IAM could not verify the token's signature/],
    [429, '', /^IAM is limiting this account's requests: wait a minute, then run the job again\.$/],
    [400, 'Too many requests.', /^IAM is limiting/],
    [400, 'Flow control triggered.', /^IAM is limiting/],
    [
      400,
      'duration_seconds is greater than max session duration.',
      /^'duration' \(3600 s\) is longer than the agency allows: lower 'duration', or raise the agency's maximum session duration \(IAM console: Agencies, the agency; up to 12 hours\)\.$/
    ],
    [400, 'agency_session_name is invalid.', /^Check 'role-session-name': 2 to 128 letters, digits and \. @ _ - \(or remove it for the default\)\.$/],
    [
      404,
      'The OIDC provider does not exist.',
      /^There is no such OIDC provider: check 'oidc-provider', 'iam::0a1b2c3d4e5f:oidcProvider:github' \(IAM console: Identity Providers, its URN\)\.$/
    ],
    [400, 'provider not found', /^There is no such OIDC provider/],
    [404, 'The agency does not exist.', /^There is no such agency: check 'role-to-assume', 'iam::0a1b2c3d4e5f:agency:swr-push' \(IAM console: Agencies, its URN\)\.$/],
    [404, '', /^Check 'oidc-provider' and 'role-to-assume': one of them names nothing in the account\.$/],
    [
      403,
      'Access denied by the trust policy.',
      /^The trust policy of agency 'iam::0a1b2c3d4e5f:agency:swr-push' does not let this token assume it \(action sts:agencies:assumeWithOIDC\)\. The token's subject \(sub\) is 'repo:octo\/app:ref:refs\/heads\/main': compare it .* its audience condition with 'sts\.huaweicloud\.com'; check that the policy names the provider in 'oidc-provider'\.$/
    ],
    [403, '', /^The trust policy of agency/],
    [400, 'Not allowed to assume.', /^The trust policy of agency/],
    [400, 'no permission', /^The trust policy of agency/],
    [500, 'internal error', /^Huawei Cloud IAM kept failing over several tries; run the job again later\.$/],
    [502, '', /^Huawei Cloud IAM kept failing/],
    [400, 'bad request', /^Check 'oidc-provider', 'role-to-assume' and 'audience'\.$/],
    // Whatever the case the cloud writes it in.
    [400, 'ID TOKEN EXPIRED', /^The token had expired/]
  ])('HTTP %i, %j', (status, message, expected) => {
    expect(agencyHint(status, message, FEDERATION, CONTEXT)).toMatch(expected)
  })

  it("says so when the token has no subject, and names the token's own issuer", () => {
    expect(agencyHint(403, '', FEDERATION, {...CONTEXT, claims: {}})).toContain("The token's subject (sub) is not known (the token has no sub claim): compare")
    expect(agencyHint(400, 'issuer', FEDERATION, {...CONTEXT, claims: {iss: 'https://token.actions.githubusercontent.com/octo'}})).toContain(
      "the token's issuer, 'https://token.actions.githubusercontent.com/octo':"
    )
    expect(agencyHint(400, 'issuer', FEDERATION, {...CONTEXT, claims: {}})).toContain("the token's issuer, 'https://token.actions.githubusercontent.com':")
  })

  it('names the duration asked for', () => {
    expect(agencyHint(400, 'duration', FEDERATION, {...CONTEXT, durationSeconds: 43200})).toMatch(/^'duration' \(43200 s\)/)
  })
})

describe('federationHint (classic IAM, v3)', () => {
  it.each<[number, string, 'token' | 'keys', RegExp]>([
    [
      400,
      'audience not match',
      'token',
      /^The token's audience, 'sts\.huaweicloud\.com' \(input 'audience'\), is not the provider's client ID \(IAM console: Identity Providers, 'github-idp', Modify\): set 'audience' to it, or add it to the provider\.$/
    ],
    [401, 'The token is expired.', 'token', /^The token had expired when IAM checked it/],
    [401, 'Invalid issuer.', 'token', /^The provider's issuer URL must be the token's issuer/],
    [401, 'signature verification failed', 'token', /^IAM could not verify the token's signature/],
    [429, '', 'token', /^IAM is limiting this account's requests: wait a minute, then run the job again\.$/],
    [400, 'Too many requests', 'keys', /^IAM is limiting/],
    [
      404,
      'Could not find Identity Provider: github-idp.',
      'token',
      /^There is no identity provider 'github-idp' with the OpenID Connect protocol: check 'oidc-provider' \(IAM console: Identity Providers; its protocol must be OpenID Connect, its access type programmatic\)\.$/
    ],
    [
      401,
      'The request you have made requires authentication.',
      'token',
      /^IAM did not let this token in\. Either the identity provider's mapping rules map it to no user group \(the token's subject, sub, is 'repo:octo\/app:ref:refs\/heads\/main': compare it with the rules' conditions\), or the provider does not accept the token: its client ID must be 'audience' \('sts\.huaweicloud\.com'\), its issuer URL the token's issuer, and its signing keys GitHub's current ones \(IAM does not fetch them itself\)\.$/
    ],
    [403, 'Forbidden', 'token', /^IAM did not let this token in\./],
    [400, 'duration_seconds is invalid', 'keys', /^'duration' \(3600 s\) is outside what IAM gives: 15 minutes to 24 hours\.$/],
    [
      401,
      'The token has expired.',
      'keys',
      /^IAM refused temporary keys for the federated user: check that the user group the mapping rules assign may have them \(and is not disabled\)\.$/
    ],
    [403, '', 'keys', /^IAM refused temporary keys for the federated user/],
    // The advice about the JWT is for the step that sends it, and a 404 at the second step is no missing provider.
    [404, '', 'keys', /^Check 'oidc-provider' and 'audience'\.$/],
    [400, 'audience', 'keys', /^Check 'oidc-provider' and 'audience'\.$/],
    [500, '', 'token', /^Huawei Cloud IAM kept failing over several tries; run the job again later\.$/],
    [503, '', 'keys', /^Huawei Cloud IAM kept failing/],
    [400, 'bad request', 'token', /^Check 'oidc-provider' and 'audience'\.$/]
  ])('HTTP %i, %j, at the %s step', (status, message, step, expected) => {
    expect(federationHint(status, message, IDP, step, CONTEXT)).toMatch(expected)
  })
})

describe('against a local server', () => {
  const serve = localServers()

  function request(local: LocalServer, more: Partial<ExchangeRequest> = {}): ExchangeRequest {
    return {
      jwt: JWT,
      claims: CLAIMS,
      audience: 'sts.huaweicloud.com',
      endpoint: local.url,
      sessionName: 'github-octo-app-9876543210-1',
      durationSeconds: 3600,
      mask: () => undefined,
      hooks: NO_WAIT,
      ...more
    }
  }

  /** The call's error: an ApiError in which no part of the JWT or the IAM token shows. */
  async function apiError(pending: Promise<unknown>): Promise<ApiError> {
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    const message = (error as ApiError).message
    expect(fragments(message, JWT)).toEqual([])
    expect(fragments(message, IAM_TOKEN)).toEqual([])
    return error as ApiError
  }

  describe('assumeAgencyWithOidc', () => {
    const CREDENTIALS = {access_key_id: AK, secret_access_key: SK, security_token: TOKEN, expiration: '2026-01-01T01:00:00.123456Z'}
    const good = (credentials: unknown = CREDENTIALS): Reply => json(200, {credentials, assumed_agency: {agency_urn: AGENCY_URN}})

    it('sends a POST to /v5/agencies/assume-with-oidc with the names, the token, the session and the duration in JSON', async () => {
      const local = await serve(() => good())
      await assumeAgencyWithOidc(FEDERATION, request(local))
      expect(local.received).toHaveLength(1)
      const [sent] = local.received
      expect(sent.method).toBe('POST')
      expect(sent.url).toBe('/v5/agencies/assume-with-oidc')
      expect(sent.headers['content-type']).toBe('application/json;charset=UTF-8')
      expect(JSON.parse(sent.body)).toEqual({
        provider_urn: PROVIDER_URN,
        agency_urn: AGENCY_URN,
        agency_session_name: 'github-octo-app-9876543210-1',
        id_token: JWT,
        duration_seconds: 3600
      })
    })

    it('is anonymous: no Authorization, no X-Auth-Token, no signature, and the JWT in the body only', async () => {
      const local = await serve(() => good())
      await assumeAgencyWithOidc(FEDERATION, request(local))
      const [sent] = local.received
      expect(sent.headers.authorization).toBeUndefined()
      expect(Object.keys(sent.headers).filter(name => /^x-(auth|security|sdk)/.test(name))).toEqual([])
      expect(fragments(sent.url, JWT)).toEqual([])
      expect(fragments(JSON.stringify(sent.headers), JWT)).toEqual([])
    })

    it('keeps the path of an endpoint behind a gateway', async () => {
      const local = await serve(() => good())
      await assumeAgencyWithOidc(FEDERATION, request(local, {endpoint: new URL('/iam-gw//', local.url)}))
      expect(local.received[0].url).toBe('/iam-gw/v5/agencies/assume-with-oidc')
    })

    it('returns the keys and their expiry, having masked each as it was read', async () => {
      const local = await serve(() => good())
      const rec = maskRecorder()
      const keys = await assumeAgencyWithOidc(FEDERATION, request(local, {mask: rec.mask}))
      rec.done()
      expect(keys).toEqual({accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN, expiresAt: '2026-01-01T01:00:00.123Z'})
      expect(rec.masked).toEqual([SK, TOKEN, AK])
      expect(rec.late).toEqual([])
    })

    it.each<[string, unknown, string | undefined]>([
      ['nine fractional digits', '2026-01-01T01:00:00.123456789Z', '2026-01-01T01:00:00.123Z'],
      ['no fractional digits', '2026-01-01T01:00:00Z', '2026-01-01T01:00:00.000Z'],
      ['no zone (UTC)', '2026-01-01T01:00:00.5', '2026-01-01T01:00:00.500Z'],
      ['a zone offset', '2026-01-01T09:00:00+08:00', '2026-01-01T01:00:00.000Z'],
      ['no expiration', undefined, undefined],
      ['an expiration that is not a time', 'later', undefined]
    ])('reads an expiration with %s', async (_name, expiration, expected) => {
      const local = await serve(() => good({...CREDENTIALS, expiration}))
      expect((await assumeAgencyWithOidc(FEDERATION, request(local))).expiresAt).toBe(expected)
    })

    it('accepts HTTP 201 too', async () => {
      const local = await serve(() => ({...(good() as {status: number; body: string}), status: 201}))
      await expect(assumeAgencyWithOidc(FEDERATION, request(local))).resolves.toMatchObject({accessKeyId: AK})
    })

    it('reports a refusal with code, message, request ID and what to do, without trying again', async () => {
      const local = await serve(() => json(403, {error_code: 'IAM.0016', error_msg: 'Access denied by the trust policy.', request_id: 'rq-5'}))
      const error = await apiError(assumeAgencyWithOidc(FEDERATION, request(local)))
      expect(error.message).toBe(
        `${HUAWEI_V5} refused: IAM.0016: Access denied by the trust policy. (HTTP 403, request ID rq-5). ` +
          agencyHint(403, 'Access denied by the trust policy.', FEDERATION, CONTEXT)
      )
      expect(local.received).toHaveLength(1)
    })

    it('reads an error in the v3 shape too', async () => {
      const local = await serve(() => json(404, {error: {code: 'IAM.1000', message: 'The agency does not exist.'}}))
      const error = await apiError(assumeAgencyWithOidc(FEDERATION, request(local)))
      expect(error.message).toMatch(/^Huawei Cloud IAM STS AssumeAgencyWithOIDC refused: IAM\.1000: The agency does not exist\. \(HTTP 404\)\. There is no such agency/)
    })

    it.each<[string, Reply, RegExp]>([
      [
        "a web server's 404 page",
        {status: 404, body: '<html>Not Found</html>'},
        /^http:\/\/127\.0\.0\.1:\d+ answered HTTP 404 without an error code or message: that is not Huawei Cloud IAM STS AssumeAgencyWithOIDC answering, so 'sts-endpoint' or a proxy is likely wrong\./
      ],
      [
        "another API's gateway (APIGW.0101)",
        json(404, {error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in an environment'}),
        /^http:\/\/127\.0\.0\.1:\d+ has no such API \(APIGW\.0101: The API does not exist/
      ]
    ])("says an answer from something other than IAM at 'sts-endpoint' is that (%s), not a missing provider or agency", async (_name, reply, expected) => {
      const local = await serve(() => reply)
      const error = await apiError(assumeAgencyWithOidc(FEDERATION, request(local)))
      expect(error.message).toMatch(expected)
      expect(error.message).not.toMatch(/names nothing|no such (agency|OIDC provider)/)
    })

    it("reads advice from IAM's own words, not from an echo of the request that names the duration", async () => {
      const echoed = `Access denied.\n${JSON.stringify({provider_urn: PROVIDER_URN, agency_urn: AGENCY_URN, duration_seconds: 3600})}`
      const local = await serve(() => json(403, {error_code: 'IAM.0016', error_msg: echoed}))
      const error = await apiError(assumeAgencyWithOidc(FEDERATION, request(local)))
      expect(error.message).toMatch(/The trust policy of agency/)
      expect(error.message).not.toMatch(/'duration' \(3600 s\) is longer/)
    })

    it('blames IAM, with its request ID, for a key ID that is not one', async () => {
      const local = await serve(() => ({...(good({...CREDENTIALS, access_key_id: 'AK'}) as {status: number; body: string}), headers: {'x-request-id': 'rq-7'}}))
      const error = await apiError(assumeAgencyWithOidc(FEDERATION, request(local)))
      expect(error.message).toMatch(
        /^Huawei Cloud IAM STS AssumeAgencyWithOIDC answered HTTP 200 \(request ID rq-7\) with a value of "access_key_id" that is not an access key ID \(it is 2 characters long;/
      )
    })

    it('tries a server error again, then reports the last answer', async () => {
      const local = await serve(n => json(503, {error_code: 'IAM.0001', error_msg: `busy ${n}`}))
      const error = await apiError(assumeAgencyWithOidc(FEDERATION, request(local)))
      expect(local.received).toHaveLength(3)
      expect(error.message).toBe(`${HUAWEI_V5} refused: IAM.0001: busy 3 (HTTP 503). Huawei Cloud IAM kept failing over several tries; run the job again later.`)
    })

    it.each<[string, string]>([
      ['whole', `Invalid id_token: ${JWT}`],
      ['in half', `Invalid id_token: ${JWT.slice(0, 90)}`],
      ['its signature only', `bad signature ${JWT.split('.')[2]}`],
      ['in its request ID', 'x']
    ])('never shows the JWT, even when IAM echoes it (%s)', async (name, message) => {
      const local = await serve(() => json(400, {error_code: 'IAM.0100', error_msg: message, request_id: name.includes('request') ? JWT : 'r'}))
      const error = await apiError(assumeAgencyWithOidc(FEDERATION, request(local)))
      expect(error.message).toMatch(/^Huawei Cloud IAM STS AssumeAgencyWithOIDC refused: IAM\.0100: /)
    })

    it('reads the advice from the message with the JWT taken out (a token that happens to hold "aud" is no audience problem)', async () => {
      // The JWT's own text is no advice: with it removed, the message is about the agency.
      const sneaky = `${JWT.split('.')[0]}audience.x`
      const local = await serve(() => json(404, {error_code: 'IAM.1000', error_msg: `agency not found for ${sneaky}`}))
      const error = await apiError(assumeAgencyWithOidc(FEDERATION, request(local, {jwt: sneaky})))
      expect(error.message).toMatch(/There is no such agency/)
    })

    it.each<[string, Reply, string]>([
      [
        'a body that is not JSON',
        {status: 200, body: 'OK'},
        `${HUAWEI_V5} answered HTTP 200 with a body that is not JSON. Run the job again; if it persists, check 'sts-endpoint'.`
      ],
      ['no "credentials"', json(200, {credential: {}}), `${HUAWEI_V5} answered HTTP 200 without "credentials". Run the job again; if it persists, check 'sts-endpoint'.`],
      ['"credentials" null', good(null), `${HUAWEI_V5} answered HTTP 200 without "credentials". Run the job again; if it persists, check 'sts-endpoint'.`],
      [
        'no secret_access_key',
        good({...CREDENTIALS, secret_access_key: undefined}),
        `${HUAWEI_V5} answered HTTP 200 without "secret_access_key". Run the job again; if it persists, check 'sts-endpoint'.`
      ],
      [
        'an empty security_token',
        good({...CREDENTIALS, security_token: ''}),
        `${HUAWEI_V5} answered HTTP 200 without "security_token". Run the job again; if it persists, check 'sts-endpoint'.`
      ],
      [
        'an access_key_id that is not a string',
        good({...CREDENTIALS, access_key_id: 42}),
        `${HUAWEI_V5} answered HTTP 200 without "access_key_id". Run the job again; if it persists, check 'sts-endpoint'.`
      ]
    ])('refuses an answer with %s', async (_name, reply, expected) => {
      const local = await serve(() => reply)
      const error = await apiError(assumeAgencyWithOidc(FEDERATION, request(local)))
      expect(error.message).toBe(expected)
    })
  })

  describe('federatedKeysV3', () => {
    const CREDENTIAL = {access: AK, secret: SK, securitytoken: TOKEN, expires_at: '2026-01-01T01:00:00.000000Z'}
    const tokenAnswer = (headers: Record<string, string> = {'X-Subject-Token': IAM_TOKEN}): Reply =>
      json(201, {token: {methods: ['mapped'], user: {name: 'FederationUser'}}}, headers)
    const keysAnswer = (credential: unknown = CREDENTIAL): Reply => json(201, {credential})
    /** The IAM: the token at the first request, the keys at the second. */
    const twoSteps =
      (first: Reply = tokenAnswer(), second: Reply = keysAnswer()) =>
      (n: number): Reply =>
        n === 1 ? first : second

    it("first asks for the identity provider's token with the JWT as a bearer token and an empty JSON body", async () => {
      const local = await serve(twoSteps())
      await federatedKeysV3(IDP, request(local))
      expect(local.received).toHaveLength(2)
      const [first] = local.received
      expect(first.method).toBe('POST')
      expect(first.url).toBe('/v3/OS-FEDERATION/identity_providers/github-idp/protocols/oidc/auth')
      expect(first.headers.authorization).toBe(`Bearer ${JWT}`)
      expect(first.headers['content-type']).toBe('application/json;charset=UTF-8')
      expect(first.body).toBe('{}')
      expect(fragments(first.url, JWT)).toEqual([])
    })

    it('then asks for keys with the IAM token as X-Auth-Token and the duration, sending the JWT no more', async () => {
      const local = await serve(twoSteps())
      await federatedKeysV3(IDP, request(local, {durationSeconds: 86400}))
      const [, second] = local.received
      expect(second.method).toBe('POST')
      expect(second.url).toBe('/v3.0/OS-CREDENTIAL/securitytokens')
      expect(second.headers['x-auth-token']).toBe(IAM_TOKEN)
      expect(second.headers.authorization).toBeUndefined()
      expect(JSON.parse(second.body)).toEqual({auth: {identity: {methods: ['token'], token: {duration_seconds: 86400}}}})
      expect(fragments(JSON.stringify(second), JWT)).toEqual([])
    })

    it('escapes the identity provider in the path', async () => {
      const local = await serve(twoSteps())
      await federatedKeysV3('idp/../x y', request(local))
      expect(local.received[0].url).toBe('/v3/OS-FEDERATION/identity_providers/idp%2F..%2Fx%20y/protocols/oidc/auth')
    })

    it('keeps the path of an endpoint behind a gateway, for both calls', async () => {
      const local = await serve(twoSteps())
      await federatedKeysV3(IDP, request(local, {endpoint: new URL('/iam/', local.url)}))
      expect(local.received.map(r => r.url)).toEqual(['/iam/v3/OS-FEDERATION/identity_providers/github-idp/protocols/oidc/auth', '/iam/v3.0/OS-CREDENTIAL/securitytokens'])
    })

    it('masks the IAM token before it is used, then each key as it is read, all before it returns', async () => {
      const rec = maskRecorder()
      let maskedAtSecond: string[] = []
      const local = await serve(n => {
        if (n === 2) maskedAtSecond = [...rec.masked]
        return twoSteps()(n)
      })
      const keys = await federatedKeysV3(IDP, request(local, {mask: rec.mask}))
      rec.done()
      expect(keys).toEqual({accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN, expiresAt: '2026-01-01T01:00:00.000Z'})
      expect(maskedAtSecond).toEqual([IAM_TOKEN])
      expect(rec.masked).toEqual([IAM_TOKEN, SK, TOKEN, AK])
      expect(rec.late).toEqual([])
    })

    it('accepts HTTP 200 at both steps', async () => {
      const local = await serve(twoSteps({...(tokenAnswer() as {status: number}), status: 200} as Reply, {...(keysAnswer() as {status: number}), status: 200} as Reply))
      await expect(federatedKeysV3(IDP, request(local))).resolves.toMatchObject({accessKeyId: AK})
    })

    it.each<[string, Record<string, string>]>([
      ['no X-Subject-Token header', {}],
      ['an empty X-Subject-Token header', {'X-Subject-Token': ''}]
    ])('refuses a token answer with %s, and asks for no keys', async (_name, headers) => {
      const local = await serve(twoSteps(tokenAnswer(headers)))
      const error = await apiError(federatedKeysV3(IDP, request(local)))
      expect(error.message).toBe(`${V3_SERVICE} answered HTTP 201 without an X-Subject-Token header. Run the job again; if it persists, check 'sts-endpoint'.`)
      expect(local.received).toHaveLength(1)
    })

    it('reports a refusal of the token in the v3 error shape, with what to do, and asks for no keys', async () => {
      const local = await serve(() =>
        json(401, {error: {code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized'}}, {'X-Request-Id': 'rq-v3'})
      )
      const error = await apiError(federatedKeysV3(IDP, request(local)))
      expect(error.message).toBe(
        `${V3_SERVICE} refused the token: 401: The request you have made requires authentication. (HTTP 401, request ID rq-v3). ` +
          federationHint(401, 'The request you have made requires authentication.', IDP, 'token', CONTEXT)
      )
      expect(local.received).toHaveLength(1)
    })

    it('reports a missing identity provider', async () => {
      const local = await serve(() => json(404, {error: {code: 404, message: 'Could not find Identity Provider: github-idp.', title: 'Not Found'}}))
      const error = await apiError(federatedKeysV3(IDP, request(local)))
      expect(error.message).toMatch(
        /^Huawei Cloud IAM federation \(identity provider 'github-idp'\) refused the token: 404: Could not find Identity Provider: github-idp\. \(HTTP 404\)\. There is no identity provider 'github-idp'/
      )
    })

    it('reports a refusal of the keys, with what to do', async () => {
      const local = await serve(twoSteps(tokenAnswer(), json(400, {error: {code: '400', message: 'duration_seconds is invalid.'}})))
      const error = await apiError(federatedKeysV3(IDP, request(local, {durationSeconds: 900})))
      expect(error.message).toBe(
        `${V3_SERVICE} refused temporary keys: 400: duration_seconds is invalid. (HTTP 400). 'duration' (900 s) is outside what IAM gives: 15 minutes to 24 hours.`
      )
    })

    it('reports a v5-style error body at either step', async () => {
      const local = await serve(twoSteps(tokenAnswer(), json(403, {error_code: 'IAM.0002', error_msg: 'Forbidden.', request_id: 'r9'})))
      const error = await apiError(federatedKeysV3(IDP, request(local)))
      expect(error.message).toMatch(
        /^Huawei Cloud IAM federation \(identity provider 'github-idp'\) refused temporary keys: IAM\.0002: Forbidden\. \(HTTP 403, request ID r9\)\. IAM refused temporary keys for the federated user/
      )
    })

    it.each<[string, unknown, RegExp]>([
      ['a message without a code', {error: {message: 'Could not find Identity Provider.'}}, /refused the token: Could not find Identity Provider\. \(HTTP 404\)\./],
      ['a code without a message', {error: {code: 'IAM.404'}}, /refused the token: IAM\.404 \(HTTP 404\)\./],
      // No error code or message with a 404: not IAM's answer, but a wrong URL's, which names nothing in the account.
      [
        'an error that is not an object',
        {error: 'not_found'},
        /^http:\/\/127\.0\.0\.1:\d+ answered HTTP 404 without an error code or message: that is not Huawei Cloud IAM federation \(identity provider 'github-idp'\) answering/
      ]
    ])('reads a v3 error body with %s', async (_name, body, expected) => {
      const local = await serve(() => json(404, body))
      expect((await apiError(federatedKeysV3(IDP, request(local)))).message).toMatch(expected)
    })

    it('reports an error body it cannot read as having no details', async () => {
      const local = await serve(() => ({status: 401, body: '<html>Unauthorized</html>'}))
      const error = await apiError(federatedKeysV3(IDP, request(local)))
      expect(error.message).toMatch(
        /^Huawei Cloud IAM federation \(identity provider 'github-idp'\) refused the token: no error details \(HTTP 401\)\. IAM did not let this token in\./
      )
    })

    it('tries a server error again at each step', async () => {
      const local = await serve(n => (n === 1 || n === 3 ? json(503, {}) : n === 2 ? tokenAnswer() : keysAnswer()))
      await expect(federatedKeysV3(IDP, request(local))).resolves.toMatchObject({accessKeyId: AK})
      expect(local.received.map(r => r.url.split('/')[1])).toEqual(['v3', 'v3', 'v3.0', 'v3.0'])
    })

    it.each<[string, string]>([
      ['the JWT', `Bad token ${JWT}`],
      ['half the JWT', `Bad token ${JWT.slice(JWT.length / 2)}`]
    ])('never shows %s echoed at the first step', async (_name, message) => {
      const local = await serve(() => json(401, {error: {code: 401, message}}))
      const error = await apiError(federatedKeysV3(IDP, request(local)))
      expect(error.message).toMatch(/refused the token: 401: Bad token \*\*\* \(HTTP 401\)\./)
    })

    it.each<[string, string]>([
      ['the IAM token', `X-Auth-Token ${IAM_TOKEN} is invalid`],
      ['a piece of the IAM token', `token ${IAM_TOKEN.slice(20, 60)} is invalid`],
      ['the JWT', `federated from ${JWT}`]
    ])('never shows %s echoed at the second step', async (_name, message) => {
      const local = await serve(twoSteps(tokenAnswer(), json(401, {error: {code: 401, message}})))
      const error = await apiError(federatedKeysV3(IDP, request(local)))
      expect(error.message).toMatch(/refused temporary keys: 401: .*\*\*\*/)
    })

    it.each<[string, Reply, string]>([
      [
        'a body that is not JSON',
        {status: 201, body: 'created'},
        `${V3_SERVICE} answered HTTP 201 with a body that is not JSON. Run the job again; if it persists, check 'sts-endpoint'.`
      ],
      [
        'no "credential"',
        json(201, {credentials: CREDENTIAL}),
        `${V3_SERVICE} answered HTTP 201 without "credential". Run the job again; if it persists, check 'sts-endpoint'.`
      ],
      [
        'no secret',
        keysAnswer({...CREDENTIAL, secret: undefined}),
        `${V3_SERVICE} answered HTTP 201 without "secret". Run the job again; if it persists, check 'sts-endpoint'.`
      ],
      [
        'no securitytoken',
        keysAnswer({...CREDENTIAL, securitytoken: ''}),
        `${V3_SERVICE} answered HTTP 201 without "securitytoken". Run the job again; if it persists, check 'sts-endpoint'.`
      ],
      ['no access', keysAnswer({...CREDENTIAL, access: null}), `${V3_SERVICE} answered HTTP 201 without "access". Run the job again; if it persists, check 'sts-endpoint'.`]
    ])('refuses a keys answer with %s', async (_name, second, expected) => {
      const local = await serve(twoSteps(tokenAnswer(), second))
      const error = await apiError(federatedKeysV3(IDP, request(local)))
      expect(error.message).toBe(expected)
    })
  })
})
