import {acrCredential, acrEnterpriseToken, acrHint, acrPersonalToken, type AcrTokenRequest} from '../../../../src/providers/acr/api.js'
import {ApiError} from '../../../../src/api-errors.js'
import type {KeysFederation} from '../../../../src/providers/key-source.js'
import type {ApiTarget} from '../../../../src/providers/provider.js'
import {fakeApiSource} from '../../../support/fakes.js'
import {localServers, LocalServer, maskRecorder, type Received, type Reply} from '../../../support/local-server.js'
import {alibabaSdkRoaAuthorization, alibabaSdkRpcSignature} from '../../../support/sdk-oracles.js'

const AK = 'LTAI5tQwErTyUiOpAsDfGh'
const STS_AK = 'STS.NUxYz0123456789AbCdEf'
const SK = 'Yt7/uI9+oP0aSdFgHjKl1ZxCvBnM2q'
const TOKEN = 'CAIS+token/STS==Zm9vYmFy0123456789'
const ACR_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.acr-temporary-token.signature-part'
const TEMP_USER = 'cr_temp_user'
const EXPIRE_MS = 2082758400000 // 2036-01-01T00:00:00Z
const INSTANCE = 'cri-0123456789abcdef'
const NO_WAIT = {sleep: async () => undefined}
const noMask = (): void => undefined

describe('acrHint', () => {
  it.each([
    [400, 'InvalidAccessKeyId.NotFound', /access key ID does not exist or is disabled: check 'access-key-id'/],
    [401, 'InvalidAccessKeyId.Inactive', /access key ID does not exist or is disabled/],
    [400, 'SignatureDoesNotMatch', /signature does not match: 'access-key-secret' is wrong/],
    [400, 'IncompleteSignature', /without parts of its signature: a proxy .* may strip headers/],
    [400, 'InvalidTimeStamp.Expired', /clock is more than 15 minutes off/],
    [400, 'InvalidSecurityToken.Expired', /STS token is missing, expired or not this key pair's/],
    [400, 'InvalidSecurityToken.MismatchWithAccessKey', /STS token/],
    [400, 'MissingSecurityToken', /STS token/],
    [403, 'Forbidden.RAM', /lacks the RAM permission cr:GetAuthorizationToken/],
    [400, 'NoPermission', /cr:GetAuthorizationToken/],
    [400, 'NoPrivilege', /cr:GetAuthorizationToken/],
    [403, '', /cr:GetAuthorizationToken/],
    [400, 'USER_NOT_EXIST', /never been set up in Container Registry: sign in to the ACR console once/],
    [404, 'INSTANCE_NOT_EXIST', /instance was not found in this region: check 'instance-id' and 'region'/],
    [400, 'InvalidInstanceId.NotFound', /check 'instance-id' and 'region'/],
    [404, '', /no such API at this endpoint: check 'region' and 'api-endpoint'/],
    [500, '', /ACR API kept failing over several tries/],
    [503, 'ServiceUnavailable', /kept failing/],
    [429, 'Throttling', /kept failing/],
    [400, 'Whatever', /^Check 'region', 'api-endpoint' and the key pair\.$/]
  ])('HTTP %i, %j', (status, code, hint) => expect(acrHint(status, code)).toMatch(hint))

  it('works without a code', () => expect(acrHint(404)).toMatch(/no such API/))
})

describe('acrHint for keys from a federation (keyless login): the federation, never a key input', () => {
  const FEDERATION: KeysFederation = {service: 'Alibaba Cloud STS AssumeRoleWithOIDC', identity: 'RAM role acs:ram::123:role/push', durationSeconds: 3600}
  const KEY_INPUTS = /'access-key-id'|'access-key-secret'|'security-token'|key pair/
  const REFUSED =
    "ACR did not accept the temporary keys (for 3600 s, 'duration') that Alibaba Cloud STS AssumeRoleWithOIDC issued for RAM " +
    "role acs:ram::123:role/push. Check the runner's clock (NTP); if 'sts-endpoint' is set, check that it is Alibaba Cloud " +
    'STS; then run the job again.'
  it.each<[number, string, string | RegExp]>([
    [400, 'InvalidAccessKeyId.NotFound', REFUSED],
    [400, 'SignatureDoesNotMatch', REFUSED],
    [400, 'InvalidSecurityToken.Expired', REFUSED],
    [400, 'MissingSecurityToken', REFUSED],
    [400, 'InvalidTimeStamp.Expired', /^The runner's clock is more than 15 minutes off/],
    [
      403,
      'Forbidden.RAM',
      'The keys act as RAM role acs:ram::123:role/push, which lacks the RAM permission cr:GetAuthorizationToken (e.g. AliyunContainerRegistryReadOnlyAccess).'
    ],
    [404, 'INSTANCE_NOT_EXIST', /^The instance was not found in this region/],
    [400, 'Whatever', "Check 'region' and 'api-endpoint'."]
  ])('HTTP %i, %j', (status, code, hint) => {
    const advice = acrHint(status, code, FEDERATION)
    if (typeof hint === 'string') expect(advice).toBe(hint)
    else expect(advice).toMatch(hint)
    expect(advice).not.toMatch(KEY_INPUTS)
  })
})

describe('the token APIs against a local server', () => {
  const serve = localServers()

  function request(local: LocalServer, more: Partial<AcrTokenRequest> = {}): AcrTokenRequest {
    return {endpoint: local.url, region: 'cn-hangzhou', accessKeyId: AK, accessKeySecret: SK, ...more}
  }

  /** Waits for the call and returns its error, which must be an ApiError free of every secret. */
  async function apiError(pending: Promise<unknown>): Promise<ApiError> {
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    const message = (error as ApiError).message
    for (const secret of [SK, TOKEN, ACR_TOKEN]) expect(message).not.toContain(secret)
    return error as ApiError
  }

  describe('Personal Edition (ROA GET /tokens)', () => {
    const good = (data: Record<string, unknown> = {authorizationToken: ACR_TOKEN, tempUserName: TEMP_USER, expireDate: EXPIRE_MS}): Reply => ({
      status: 200,
      headers: {'x-acs-request-id': 'req-p'},
      body: JSON.stringify({data})
    })

    /** Checks the Authorization header with pop-core's ROA signer, at the date and nonce the request carried. */
    async function popCoreAuthorization(sent: Received, creds: {accessKeyId: string; accessKeySecret: string; securityToken?: string}): Promise<string> {
      return alibabaSdkRoaAuthorization({
        endpoint: 'https://cr.cn-hangzhou.aliyuncs.com',
        version: '2016-06-07',
        method: 'GET',
        path: '/tokens',
        query: {},
        ...creds,
        at: new Date(String(sent.headers.date)),
        nonce: String(sent.headers['x-acs-signature-nonce'])
      })
    }

    it('returns the user name, token and expiry, having masked the token first', async () => {
      const local = await serve(() => good())
      const rec = maskRecorder()
      const login = await acrPersonalToken(request(local), rec.mask)
      rec.done()
      expect(login).toEqual({username: TEMP_USER, password: ACR_TOKEN, expiresAt: '2036-01-01T00:00:00.000Z'})
      expect(rec.masked).toEqual([ACR_TOKEN])
      expect(rec.late).toEqual([])
    })

    it('sends a GET /tokens with the ROA headers, signed so that pop-core agrees', async () => {
      const local = await serve(() => good())
      await acrPersonalToken(request(local), () => undefined)
      expect(local.received).toHaveLength(1)
      const [sent] = local.received
      expect(sent.method).toBe('GET')
      expect(sent.url).toBe('/tokens')
      expect(sent.body).toBe('')
      expect(sent.headers).toMatchObject({
        accept: 'application/json',
        'x-acs-version': '2016-06-07',
        'x-acs-signature-method': 'HMAC-SHA1',
        'x-acs-signature-version': '1.0'
      })
      expect(sent.headers['x-acs-security-token']).toBeUndefined()
      expect(String(sent.headers.date)).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/)
      expect(sent.headers['x-acs-signature-nonce']).toMatch(/^[0-9a-f-]{36}$/)
      expect(sent.headers.authorization).toMatch(new RegExp(`^acs ${AK}:[A-Za-z0-9+/]{27}=$`))
      expect(sent.headers.authorization).toBe(await popCoreAuthorization(sent, {accessKeyId: AK, accessKeySecret: SK}))
      // The check can fail: not with another secret.
      expect(sent.headers.authorization).not.toBe(await popCoreAuthorization(sent, {accessKeyId: AK, accessKeySecret: `${SK}x`}))
    })

    it('sends and signs the STS token (x-acs-security-token) with an STS key ID', async () => {
      const local = await serve(() => good())
      await acrPersonalToken(request(local, {accessKeyId: STS_AK, securityToken: TOKEN}), () => undefined)
      const [sent] = local.received
      expect(sent.headers['x-acs-security-token']).toBe(TOKEN)
      expect(sent.headers['x-acs-accesskey-id']).toBe(STS_AK)
      expect(sent.headers.authorization).toMatch(/^acs STS\.NUxYz0123456789AbCdEf:/)
      expect(sent.headers.authorization).toBe(await popCoreAuthorization(sent, {accessKeyId: STS_AK, accessKeySecret: SK, securityToken: TOKEN}))
    })

    it('appends /tokens to an endpoint given with a trailing slash', async () => {
      const local = await serve(() => good())
      await acrPersonalToken(request(local, {endpoint: new URL(`http://127.0.0.1:${local.port}/`)}), () => undefined)
      expect(local.received[0].url).toBe('/tokens')
    })

    it.each<[string, unknown, string | undefined]>([
      ['a number', EXPIRE_MS, '2036-01-01T00:00:00.000Z'],
      ['a numeric string', String(EXPIRE_MS), '2036-01-01T00:00:00.000Z'],
      ['missing', undefined, undefined],
      ['zero', 0, undefined],
      ['not a number', 'soon', undefined]
    ])('expireDate as %s → %j', async (_name, expireDate, expected) => {
      const local = await serve(() => good({authorizationToken: ACR_TOKEN, tempUserName: TEMP_USER, expireDate}))
      const login = await acrPersonalToken(request(local), () => undefined)
      expect(login.expiresAt).toBe(expected)
    })

    it('refuses a token that had expired when it arrived (expireDate in the past), naming ACR and the clock', async () => {
      const local = await serve(() => good({authorizationToken: ACR_TOKEN, tempUserName: TEMP_USER, expireDate: Date.parse('2020-01-01T00:00:00Z')}))
      const error = await apiError(acrPersonalToken(request(local), noMask))
      expect(error.message).toMatch(
        /^ACR GetAuthorizationToken \(Personal Edition\) in cn-hangzhou answered with a token that had already expired on arrival: valid until 2020-01-01T00:00:00\.000Z, and the runner's clock says \S+ \(request ID req-p\)\. Check the runner's clock \(NTP\)/
      )
    })

    it('reports an unknown access key with code, message, request ID and hint, without retrying', async () => {
      const local = await serve(() => ({
        status: 400,
        headers: {'x-acs-request-id': 'req-hdr'},
        body: JSON.stringify({code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.', requestId: 'req-body'})
      }))
      const error = await apiError(acrPersonalToken(request(local), noMask, NO_WAIT))
      expect(error.message).toBe(
        'ACR GetAuthorizationToken (Personal Edition) in cn-hangzhou failed: InvalidAccessKeyId.NotFound: Specified access key is not found. ' +
          "(HTTP 400, request ID req-hdr). The access key ID does not exist or is disabled: check 'access-key-id'."
      )
      expect(local.received).toHaveLength(1)
    })

    it('reports a 401 signature mismatch, without retrying', async () => {
      const local = await serve(() => ({status: 401, body: JSON.stringify({Code: 'SignatureDoesNotMatch', Message: 'Signature mismatch', RequestId: 'r-401'})}))
      const error = await apiError(acrPersonalToken(request(local), noMask, NO_WAIT))
      expect(error.message).toBe(
        'ACR GetAuthorizationToken (Personal Edition) in cn-hangzhou failed: SignatureDoesNotMatch: Signature mismatch (HTTP 401, request ID r-401). ' +
          "The signature does not match: 'access-key-secret' is wrong."
      )
      expect(local.received).toHaveLength(1)
    })

    it('reports a 403 with the permission hint, without retrying', async () => {
      const local = await serve(() => ({status: 403, body: JSON.stringify({Code: 'Forbidden.RAM', Message: 'User not authorized to operate on the specified resource.'})}))
      const error = await apiError(acrPersonalToken(request(local), noMask, NO_WAIT))
      expect(error.message).toMatch(/failed: Forbidden\.RAM: User not authorized to operate on the specified resource\. \(HTTP 403\)\. /)
      expect(error.message).toMatch(/cr:GetAuthorizationToken/)
      expect(local.received).toHaveLength(1)
    })

    it('reports a 404 without a body', async () => {
      const local = await serve(() => ({status: 404, body: ''}))
      const error = await apiError(acrPersonalToken(request(local), noMask, NO_WAIT))
      expect(error.message).toBe(
        "ACR GetAuthorizationToken (Personal Edition) in cn-hangzhou failed: no error details (HTTP 404). There is no such API at this endpoint: check 'region' and 'api-endpoint'."
      )
    })

    it('reports a user that was never set up in ACR', async () => {
      const local = await serve(() => ({status: 400, body: JSON.stringify({code: 'USER_NOT_EXIST', message: 'user not exist'})}))
      expect((await apiError(acrPersonalToken(request(local), noMask, NO_WAIT))).message).toMatch(
        /USER_NOT_EXIST: user not exist \(HTTP 400\)\. This user has never been set up/
      )
    })

    it('retries a 500 three times, re-signing each try, then reports it', async () => {
      const local = await serve(() => ({status: 500, body: JSON.stringify({Code: 'InternalError', Message: 'oops'})}))
      const error = await apiError(acrPersonalToken(request(local), noMask, NO_WAIT))
      expect(error.message).toMatch(/failed: InternalError: oops \(HTTP 500\)\. The ACR API kept failing over several tries/)
      expect(local.received).toHaveLength(3)
      const nonces = local.received.map(r => r.headers['x-acs-signature-nonce'])
      expect(new Set(nonces).size).toBe(3)
      for (const sent of local.received) {
        expect(sent.headers.authorization).toBe(await popCoreAuthorization(sent, {accessKeyId: AK, accessKeySecret: SK}))
      }
    })

    it('never puts the secret or the STS token in an error message, even when the API echoes them', async () => {
      const local = await serve(() => ({status: 400, body: JSON.stringify({Code: 'X', Message: `secret ${SK} token ${TOKEN}`})}))
      const error = await apiError(acrPersonalToken(request(local, {securityToken: TOKEN}), noMask, NO_WAIT))
      expect(error.message).toContain('X: secret *** token *** (HTTP 400)')
    })

    it.each([
      ['not JSON', 'Bad Gateway', /answered HTTP 200 with a body that is not a JSON object\. Run again; if it persists, check 'api-endpoint'\./],
      ['a JSON array', '[{"data":{}}]', /not a JSON object/],
      ['JSON null', 'null', /not a JSON object/],
      ['no data', '{}', /answered without a user name and token\. Check 'region', 'instance-id' and 'api-endpoint'\./],
      ['no token', JSON.stringify({data: {tempUserName: TEMP_USER, expireDate: EXPIRE_MS}}), /answered without a user name and token/],
      ['no user name', JSON.stringify({data: {authorizationToken: ACR_TOKEN, expireDate: EXPIRE_MS}}), /answered without a user name and token/],
      ['an empty token', JSON.stringify({data: {authorizationToken: '', tempUserName: TEMP_USER}}), /answered without a user name and token/],
      ['a numeric token', JSON.stringify({data: {authorizationToken: 42, tempUserName: TEMP_USER}}), /answered without a user name and token/]
    ])('refuses an answer with %s', async (_name, body, why) => {
      const local = await serve(() => ({status: 200, body}))
      const error = await apiError(acrPersonalToken(request(local), noMask, NO_WAIT))
      expect(error.message).toMatch(/^ACR GetAuthorizationToken \(Personal Edition\) in cn-hangzhou answered /)
      expect(error.message).toMatch(why)
    })
  })

  describe('Enterprise Edition (RPC GetAuthorizationToken)', () => {
    const good = (body: Record<string, unknown> = {}): Reply => ({
      status: 200,
      body: JSON.stringify({
        AuthorizationToken: ACR_TOKEN,
        TempUsername: TEMP_USER,
        ExpireTime: EXPIRE_MS,
        IsSuccess: true,
        Code: 'success',
        RequestId: 'req-e',
        ...body
      })
    })

    /** The Signature pop-core's RPC client computes for the parameters a request carried. */
    async function popCoreSignature(params: URLSearchParams, creds: {accessKeyId: string; accessKeySecret: string; securityToken?: string}): Promise<string> {
      return alibabaSdkRpcSignature({
        endpoint: 'https://cr.cn-hangzhou.aliyuncs.com',
        version: '2018-12-01',
        action: 'GetAuthorizationToken',
        params: {InstanceId: String(params.get('InstanceId'))},
        method: 'POST',
        ...creds,
        at: new Date(String(params.get('Timestamp'))),
        nonce: String(params.get('SignatureNonce'))
      })
    }

    it('returns the user name, token and expiry, having masked the token first', async () => {
      const local = await serve(() => good())
      const rec = maskRecorder()
      const login = await acrEnterpriseToken(request(local), INSTANCE, rec.mask)
      rec.done()
      expect(login).toEqual({username: TEMP_USER, password: ACR_TOKEN, expiresAt: '2036-01-01T00:00:00.000Z'})
      expect(rec.masked).toEqual([ACR_TOKEN])
      expect(rec.late).toEqual([])
    })

    it('sends a POST with a form body (nothing in the URL), signed so that pop-core agrees', async () => {
      const local = await serve(() => good())
      await acrEnterpriseToken(request(local), INSTANCE, () => undefined)
      expect(local.received).toHaveLength(1)
      const [sent] = local.received
      expect(sent.method).toBe('POST')
      expect(sent.url).toBe('/')
      expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded')
      const params = new URLSearchParams(sent.body)
      expect(Object.fromEntries([...params].filter(([name]) => !['SignatureNonce', 'Timestamp', 'Signature'].includes(name)))).toEqual({
        AccessKeyId: AK,
        Action: 'GetAuthorizationToken',
        Format: 'JSON',
        InstanceId: INSTANCE,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        Version: '2018-12-01'
      })
      expect(params.get('Timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(params.get('SignatureNonce')).toMatch(/^[0-9a-f-]{36}$/)
      expect(params.has('SecurityToken')).toBe(false)
      expect(params.get('Signature')).toBe(await popCoreSignature(params, {accessKeyId: AK, accessKeySecret: SK}))
      expect(params.get('Signature')).not.toBe(await popCoreSignature(params, {accessKeyId: AK, accessKeySecret: `${SK}x`}))
    })

    it('sends and signs SecurityToken in the body with an STS key ID', async () => {
      const local = await serve(() => good())
      await acrEnterpriseToken(request(local, {accessKeyId: STS_AK, securityToken: TOKEN}), INSTANCE, () => undefined)
      const [sent] = local.received
      expect(sent.url).not.toContain('SecurityToken')
      const params = new URLSearchParams(sent.body)
      expect(params.get('SecurityToken')).toBe(TOKEN)
      expect(params.get('AccessKeyId')).toBe(STS_AK)
      expect(params.get('Signature')).toBe(await popCoreSignature(params, {accessKeyId: STS_AK, accessKeySecret: SK, securityToken: TOKEN}))
    })

    it('refuses IsSuccess: false on an HTTP 200, with the code, request ID and hint', async () => {
      const local = await serve(() => ({
        status: 200,
        body: JSON.stringify({IsSuccess: false, Code: 'INSTANCE_NOT_EXIST', Message: 'instance not exist', RequestId: 'req-f'})
      }))
      const rec = maskRecorder()
      const error = await acrEnterpriseToken(request(local), INSTANCE, rec.mask, NO_WAIT).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ApiError)
      expect((error as ApiError).message).toBe(
        `ACR GetAuthorizationToken (Enterprise Edition, ${INSTANCE}) in cn-hangzhou answered IsSuccess: false: ` +
          'INSTANCE_NOT_EXIST: instance not exist (HTTP 200, request ID req-f). ' +
          "The instance was not found in this region: check 'instance-id' and 'region'."
      )
      expect(rec.masked).toEqual([])
      expect(local.received).toHaveLength(1)
    })

    it('refuses IsSuccess: false even when a token came with it', async () => {
      const local = await serve(() => good({IsSuccess: false, Code: 'NoPermission'}))
      const error = await apiError(acrEnterpriseToken(request(local), INSTANCE, noMask, NO_WAIT))
      expect(error.message).toMatch(/answered IsSuccess: false: NoPermission \(HTTP 200, request ID req-e\)\. .*cr:GetAuthorizationToken/)
    })

    it('refuses an answer without IsSuccess', async () => {
      const local = await serve(() => good({IsSuccess: undefined}))
      expect((await apiError(acrEnterpriseToken(request(local), INSTANCE, noMask, NO_WAIT))).message).toMatch(/answered IsSuccess: undefined: /)
    })

    it('refuses IsSuccess given as the string "true"', async () => {
      const local = await serve(() => good({IsSuccess: 'true'}))
      expect((await apiError(acrEnterpriseToken(request(local), INSTANCE, noMask, NO_WAIT))).message).toMatch(/answered IsSuccess: true: /)
    })

    it('reports a 403, without retrying', async () => {
      const local = await serve(() => ({status: 403, body: JSON.stringify({Code: 'Forbidden.RAM', Message: 'not authorized', RequestId: 'r-403'})}))
      const error = await apiError(acrEnterpriseToken(request(local), INSTANCE, noMask, NO_WAIT))
      expect(error.message).toBe(
        `ACR GetAuthorizationToken (Enterprise Edition, ${INSTANCE}) in cn-hangzhou failed: Forbidden.RAM: not authorized (HTTP 403, request ID r-403). ` +
          "The key pair's user lacks the RAM permission cr:GetAuthorizationToken (e.g. AliyunContainerRegistryReadOnlyAccess)."
      )
      expect(local.received).toHaveLength(1)
    })

    it('reports a wrong instance ID (404)', async () => {
      const local = await serve(() => ({status: 404, body: JSON.stringify({Code: 'InvalidInstanceId.NotFound', Message: 'no such instance'})}))
      const error = await apiError(acrEnterpriseToken(request(local), INSTANCE, noMask, NO_WAIT))
      expect(error.message).toMatch(/failed: InvalidInstanceId\.NotFound: no such instance \(HTTP 404\)\. The instance was not found/)
    })

    it('retries a 503 three times, re-signing each try, then reports it', async () => {
      const local = await serve(() => ({status: 503, body: JSON.stringify({Code: 'ServiceUnavailable', Message: 'busy'})}))
      const error = await apiError(acrEnterpriseToken(request(local), INSTANCE, noMask, NO_WAIT))
      expect(error.message).toMatch(/failed: ServiceUnavailable: busy \(HTTP 503\)\. The ACR API kept failing/)
      expect(local.received).toHaveLength(3)
      for (const sent of local.received) {
        const params = new URLSearchParams(sent.body)
        expect(params.get('Signature')).toBe(await popCoreSignature(params, {accessKeyId: AK, accessKeySecret: SK}))
      }
      expect(new Set(local.received.map(r => new URLSearchParams(r.body).get('SignatureNonce'))).size).toBe(3)
    })

    it('succeeds when a 429 is followed by an answer', async () => {
      const local = await serve(n => (n === 1 ? {status: 429, body: '{"Code":"Throttling"}'} : good()))
      await expect(acrEnterpriseToken(request(local), INSTANCE, () => undefined, NO_WAIT)).resolves.toMatchObject({password: ACR_TOKEN})
      expect(local.received).toHaveLength(2)
    })

    it.each([
      ['not JSON', '<html>oops</html>', /answered HTTP 200 with a body that is not a JSON object/],
      ['truncated JSON', '{"AuthorizationToken":"abc', /not a JSON object/],
      ['no token', JSON.stringify({TempUsername: TEMP_USER, IsSuccess: true}), /answered without a user name and token/],
      ['no user name', JSON.stringify({AuthorizationToken: ACR_TOKEN, IsSuccess: true}), /answered without a user name and token/]
    ])('refuses an answer with %s', async (_name, body, why) => {
      const local = await serve(() => ({status: 200, body}))
      const error = await apiError(acrEnterpriseToken(request(local), INSTANCE, noMask, NO_WAIT))
      expect(error.message).toMatch(new RegExp(`^ACR GetAuthorizationToken \\(Enterprise Edition, ${INSTANCE}\\) in cn-hangzhou answered `))
      expect(error.message).toMatch(why)
    })
  })
})

describe('acrCredential', () => {
  const serve = localServers()
  const REGISTRY = {scheme: 'https' as const, host: 'registry.cn-hangzhou.aliyuncs.com'}
  const target = (endpoint: URL): ApiTarget => ({kind: 'api', provider: 'acr', region: 'cn-hangzhou', registry: REGISTRY, source: fakeApiSource(), endpoint})
  const personalAnswer = (token: string): Reply => ({
    status: 200,
    body: JSON.stringify({data: {authorizationToken: token, tempUserName: TEMP_USER, expireDate: EXPIRE_MS}})
  })
  const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

  it('without an instance: the Personal Edition token, with the token, user:token and its base64 masked before it returns', async () => {
    const local = await serve(() => personalAnswer(ACR_TOKEN))
    const rec = maskRecorder()
    const logged: string[] = []
    const credential = await acrCredential(target(local.url), {accessKeyId: AK, accessKeySecret: SK}, {mask: rec.mask, log: line => void logged.push(line), env: {}})
    rec.done()
    expect(credential).toEqual({region: 'cn-hangzhou', registry: REGISTRY, username: TEMP_USER, password: ACR_TOKEN, expiresAt: '2036-01-01T00:00:00.000Z'})
    expect(rec.masked).toEqual([ACR_TOKEN, ACR_TOKEN, `${TEMP_USER}:${ACR_TOKEN}`, b64(`${TEMP_USER}:${ACR_TOKEN}`)])
    expect(rec.late).toEqual([])
    expect(logged).toEqual([])
    expect(local.received.map(r => `${r.method} ${r.url}`)).toEqual(['GET /tokens'])
  })

  it('words the advice for keys from a federation (keyless login) by the federation, not by key inputs', async () => {
    const local = await serve(() => ({status: 400, body: JSON.stringify({code: 'InvalidSecurityToken.Expired', message: 'expired', requestId: 'r'})}))
    const federation: KeysFederation = {service: 'Alibaba Cloud STS AssumeRoleWithOIDC', identity: 'RAM role acs:ram::123:role/push', durationSeconds: 900}
    const error = await acrCredential(
      target(local.url),
      {accessKeyId: STS_AK, accessKeySecret: SK, securityToken: TOKEN, federation},
      {
        mask: noMask,
        log: () => undefined,
        env: {}
      }
    ).catch((e: unknown) => e)
    expect((error as ApiError).message).toMatch(/\(HTTP 400, request ID r\)\. ACR did not accept the temporary keys \(for 900 s, 'duration'\) that Alibaba Cloud STS/)
    expect((error as ApiError).message).not.toMatch(/'security-token'/)
  })

  it('with an instance: the Enterprise Edition token for that instance, signed with the STS token given', async () => {
    const local = await serve(() => ({
      status: 200,
      body: JSON.stringify({AuthorizationToken: ACR_TOKEN, TempUsername: TEMP_USER, ExpireTime: EXPIRE_MS, IsSuccess: true})
    }))
    const rec = maskRecorder()
    const credential = await acrCredential(
      target(local.url),
      {accessKeyId: STS_AK, accessKeySecret: SK, securityToken: TOKEN, instanceId: INSTANCE},
      {mask: rec.mask, log: () => undefined, env: {}}
    )
    rec.done()
    expect(credential).toMatchObject({region: 'cn-hangzhou', registry: REGISTRY, username: TEMP_USER, password: ACR_TOKEN})
    expect(rec.masked).toEqual([ACR_TOKEN, ACR_TOKEN, `${TEMP_USER}:${ACR_TOKEN}`, b64(`${TEMP_USER}:${ACR_TOKEN}`)])
    expect(rec.late).toEqual([])
    const [sent] = local.received
    expect(`${sent.method} ${sent.url}`).toBe('POST /')
    const params = new URLSearchParams(sent.body)
    expect([params.get('Action'), params.get('InstanceId'), params.get('AccessKeyId'), params.get('SecurityToken')]).toEqual([
      'GetAuthorizationToken',
      INSTANCE,
      STS_AK,
      TOKEN
    ])
  })

  it('passes an API error through as it is', async () => {
    const local = await serve(() => ({status: 403, body: JSON.stringify({Code: 'Forbidden.RAM', Message: 'denied'})}))
    const error = await acrCredential(target(local.url), {accessKeyId: AK, accessKeySecret: SK, instanceId: 'cri-abc'}, {mask: noMask, log: () => undefined, env: {}}).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(/^ACR GetAuthorizationToken \(Enterprise Edition, cri-abc\) in cn-hangzhou failed: Forbidden\.RAM: denied \(HTTP 403\)/)
  })

  it('logs each retry with the region, the try and the wait, and nothing of the answer (one real wait of 0.5-1 s)', async () => {
    const local = await serve(n => (n === 1 ? {status: 503, body: JSON.stringify({Message: `busy ${SK}`})} : personalAnswer('acr-token-2')))
    const logged: string[] = []
    const credential = await acrCredential(target(local.url), {accessKeyId: AK, accessKeySecret: SK}, {mask: noMask, log: line => void logged.push(line), env: {}})
    expect(credential.password).toBe('acr-token-2')
    expect(local.received).toHaveLength(2)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(/^cn-hangzhou: API call try 1 failed \(HTTP 503\); trying again in (0\.[5-9]|1\.0) s$/)
  })

  it.each<[string, Reply, string]>([
    [
      'a redirect (origin only, never the signed query)',
      {status: 302, headers: {location: 'https://signin.aliyun.com/login.htm?callback=SECRET-CALLBACK'}},
      'redirected to https://signin.aliyun.com (HTTP 302)'
    ],
    [
      'an oversized answer',
      {status: 200, headers: {'transfer-encoding': 'chunked'}, body: 'x'.repeat(2 * 1024 * 1024)},
      'sent an oversized answer (more than 1 MiB; reading stopped there)'
    ]
  ])('reports %s as what it is, once, naming the ACR API, the region and the endpoint', async (_name, reply, what) => {
    const local = await serve(() => reply)
    const logged: string[] = []
    const error = await acrCredential(target(local.url), {accessKeyId: AK, accessKeySecret: SK}, {mask: noMask, log: line => void logged.push(line), env: {}}).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe(
      `The ACR API for cn-hangzhou (127.0.0.1:${local.port}) ${what}: 'api-endpoint' (http://127.0.0.1:${local.port}) or a proxy is likely wrong. ` +
        `Check 'api-endpoint' and 'region', and the runner's proxy settings (HTTPS_PROXY, NO_PROXY).`
    )
    expect(local.received).toHaveLength(1)
    expect(logged).toEqual([])
  })

  it('cuts an over-long IsSuccess and error code in the message', async () => {
    const local = await serve(() => ({status: 200, body: JSON.stringify({IsSuccess: `no ${'n'.repeat(100_000)}`, Code: 'E'.repeat(100_000)})}))
    const error = await acrCredential(target(local.url), {accessKeyId: AK, accessKeySecret: SK, instanceId: INSTANCE}, {mask: noMask, log: () => undefined, env: {}}).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    const message = (error as ApiError).message
    expect(message).toContain(`answered IsSuccess: no ${'n'.repeat(36)}…: ${'E'.repeat(99)}… (HTTP 200)`)
    expect(message.length).toBeLessThan(600)
  })

  it('turns "no answer" into an ApiError naming the ACR API', async () => {
    const local = await serve(() => ({status: 200, body: '{}'}))
    const error = await acrCredential(
      target(new URL(`https://127.0.0.1:${local.port}/`)),
      {accessKeyId: AK, accessKeySecret: SK},
      {mask: noMask, log: () => undefined, env: {}}
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(new RegExp(`^The ACR API gave no answer for cn-hangzhou \\(127\\.0\\.0\\.1:${local.port}: `))
  })
})
