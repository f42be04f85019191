import {ApiError} from '../../../../src/api-errors.js'
import type {ApiTarget} from '../../../../src/providers/provider.js'
import {createSecretUrl, swrCredential, swrHint, swrTemporaryLogin, type SwrTemporaryRequest} from '../../../../src/providers/swr/api.js'
import type {KeysFederation} from '../../../../src/providers/key-source.js'
import {fakeApiSource} from '../../../support/fakes.js'
import {localServers, LocalServer, maskRecorder, type Received, type Reply} from '../../../support/local-server.js'
import {huaweiSdkAuthorization} from '../../../support/sdk-oracles.js'

const AK = 'HPUAXMSFVQ4ZLDP8B2RW'
const SK = 'Zq8v+S3cr3t/Value=9xK2mPq7Lw'
const TOKEN = 'STS-tok/en+9yQ2wErTyUiOp=='
const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const TEMP_USER = 'cn-north-4@TEMPAKQWERTY12345'
const TEMP_PASSWORD = 'b7c1f0e9d8a7654321fedcba0123456789abcdef'
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')
const AUTH = b64(`${TEMP_USER}:${TEMP_PASSWORD}`)
const NO_WAIT = {sleep: async () => undefined}

/** A CreateSecret answer: a docker config with `auths`, and the headers SWR sends with it. */
const good = (auths: Record<string, unknown> = {[HOST]: {auth: AUTH}}, headers: Record<string, string> = {}): Reply => ({
  status: 200,
  headers: {
    'x-swr-dockerlogin': `docker login -u ${TEMP_USER} -p ${TEMP_PASSWORD} ${HOST}`,
    'x-swr-expireat': '2036-07-23T08:46:07.811000Z',
    ...headers
  },
  body: JSON.stringify({auths})
})

describe('createSecretUrl', () => {
  it.each([
    ['https://swr-api.cn-north-4.myhuaweicloud.com', undefined, 'https://swr-api.cn-north-4.myhuaweicloud.com/v2/manage/utils/secret?projectname=cn-north-4'],
    ['https://swr-api.cn-north-4.myhuaweicloud.com/', undefined, 'https://swr-api.cn-north-4.myhuaweicloud.com/v2/manage/utils/secret?projectname=cn-north-4'],
    ['https://swr-api.cn-north-4.myhuaweicloud.com', 900, 'https://swr-api.cn-north-4.myhuaweicloud.com/v2/manage/utils/secret?projectname=cn-north-4&duration_seconds=900'],
    ['https://gw.example.com/swr', 86400, 'https://gw.example.com/swr/v2/manage/utils/secret?projectname=cn-north-4&duration_seconds=86400'],
    ['https://gw.example.com/swr/', undefined, 'https://gw.example.com/swr/v2/manage/utils/secret?projectname=cn-north-4'],
    ['https://gw.example.com/swr//', undefined, 'https://gw.example.com/swr/v2/manage/utils/secret?projectname=cn-north-4'],
    ['http://127.0.0.1:8080', 7200, 'http://127.0.0.1:8080/v2/manage/utils/secret?projectname=cn-north-4&duration_seconds=7200']
  ])('%s with duration %p', (endpoint, durationSeconds, expected) => {
    expect(createSecretUrl({endpoint: new URL(endpoint), region: 'cn-north-4', durationSeconds}).href).toBe(expected)
  })

  it('puts the region in projectname, escaped', () => {
    const url = createSecretUrl({endpoint: new URL('https://swr-api.eu-west-101.myhuaweicloud.eu'), region: 'eu-west-101'})
    expect(url.href).toBe('https://swr-api.eu-west-101.myhuaweicloud.eu/v2/manage/utils/secret?projectname=eu-west-101')
    expect(url.searchParams.get('projectname')).toBe('eu-west-101')
  })
})

describe('swrHint', () => {
  it.each([
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: AK access failed, ak not exist', /access key ID does not exist: check 'access-key-id'/],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: x-sdk-date is too early or too late', /clock is more than 15 minutes off/],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: request expired', /clock is more than 15 minutes off/],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: Signature expired', /clock is more than 15 minutes off/],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: decrypt token fail', /security token is expired or does not belong/],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: the key reach the limit', /locked after too many failed requests/],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: account locked', /locked after too many failed requests/],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail', /signature does not match: 'access-key-secret' is wrong/],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information', /^Authentication failed: check 'access-key-id', 'access-key-secret'/],
    [401, '', '', /^Authentication failed/],
    // The gateway's code decides even when the status does not say 401.
    [400, 'APIGW.0301', 'whatever', /^Authentication failed/],
    [400, 'APIG.0301', 'whatever', /^Authentication failed/],
    [403, 'SVCSTG.SWR.4030001', 'no permission', /lacks the SWR permission to create a login secret \(swr::createLoginSecret/],
    [403, '', '', /lacks the SWR permission/],
    [400, 'SVCSTG.SWR.4030001', 'no permission', /lacks the SWR permission/],
    [404, '', '', /no such API at this endpoint: check 'region' and 'api-endpoint'/],
    [500, '', '', /kept failing over several tries; run the job again later/],
    [503, '', '', /kept failing/],
    [429, '', '', /kept failing/],
    [400, 'SVCSTG.SWR.4001001', 'bad request', /^Check 'region', 'api-endpoint' and the key pair\.$/]
  ])('HTTP %i, %j, %j', (status, code, message, hint) => {
    expect(swrHint(status, code, message)).toMatch(hint)
  })

  it('works without code and message', () => expect(swrHint(404)).toMatch(/no such API/))
})

describe('swrHint for keys from a federation (keyless login): the federation, never a key input', () => {
  const FEDERATION: KeysFederation = {service: 'Huawei Cloud IAM STS AssumeAgencyWithOIDC', identity: 'agency iam::0a1b:agency:push', durationSeconds: 3600}
  const KEY_INPUTS = /'access-key-id'|'access-key-secret'|'security-token'|key pair/
  const REFUSED =
    "SWR did not accept the temporary keys (for 3600 s, 'duration') that Huawei Cloud IAM STS AssumeAgencyWithOIDC issued for " +
    "agency iam::0a1b:agency:push. If 'sts-endpoint' is set, check that it is the IAM of the site 'region' is in (Huawei " +
    "Cloud Europe, eu-west-101, has accounts of its own); check the runner's clock (NTP); then run the job again."
  it.each<[number, string, string, string | RegExp]>([
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: AK access failed, ak not exist', REFUSED],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail', REFUSED],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: decrypt token fail', REFUSED],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: the key reach the limit', REFUSED],
    [401, '', '', REFUSED],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: Signature expired', /^The runner's clock is more than 15 minutes off/],
    [
      403,
      'SVCSTG.SWR.4030001',
      'no permission',
      'The keys act as agency iam::0a1b:agency:push, which lacks the SWR permission to create a login secret (swr::createLoginSecret, e.g. in SWR Administrator).'
    ],
    [404, '', '', /^There is no such API at this endpoint/],
    [500, '', '', /^The SWR API kept failing/],
    [400, 'SVCSTG.SWR.4001001', 'bad request', "Check 'region' and 'api-endpoint'."]
  ])('HTTP %i, %j, %j', (status, code, message, hint) => {
    const advice = swrHint(status, code, message, FEDERATION)
    if (typeof hint === 'string') expect(advice).toBe(hint)
    else expect(advice).toMatch(hint)
    expect(advice).not.toMatch(KEY_INPUTS)
  })
})

/** Checks a request's Authorization header with the official Huawei SDK's signer, over the headers it says it signed. */
function huaweiSdkVerifies(received: Received, base: URL, accessKeySecret = SK): boolean {
  const authorization = String(received.headers.authorization)
  const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization)
  if (!m) return false
  const headers: Record<string, string> = {}
  for (const name of m[2].split(';')) headers[name] = String(received.headers[name])
  const sdk = huaweiSdkAuthorization({
    method: received.method,
    url: new URL(received.url, base),
    headers,
    body: received.body,
    accessKeyId: m[1],
    accessKeySecret
  })
  return sdk === authorization
}

describe('swrTemporaryLogin against a local server', () => {
  const serve = localServers()

  function request(local: LocalServer, more: Partial<SwrTemporaryRequest> = {}): SwrTemporaryRequest {
    return {endpoint: local.url, region: 'cn-north-4', registryHost: HOST, accessKeyId: AK, accessKeySecret: SK, ...more}
  }

  /** Runs the call and returns its error, which must be an ApiError free of every secret. */
  async function apiError(req: SwrTemporaryRequest, mask: (s: string) => void = () => undefined): Promise<ApiError> {
    const error = await swrTemporaryLogin(req, mask, NO_WAIT).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    const message = (error as ApiError).message
    for (const secret of [SK, TOKEN, TEMP_PASSWORD, AUTH]) expect(message).not.toContain(secret)
    return error as ApiError
  }

  it('returns the decoded user and password and the expiry, having masked every form of them first', async () => {
    const local = await serve(() => good())
    const rec = maskRecorder()
    const login = await swrTemporaryLogin(request(local), rec.mask)
    rec.done()
    expect(login).toEqual({username: TEMP_USER, password: TEMP_PASSWORD, expiresAt: '2036-07-23T08:46:07.811Z'})
    expect(rec.masked).toEqual([AUTH, TEMP_PASSWORD, `${TEMP_USER}:${TEMP_PASSWORD}`])
    expect(rec.late).toEqual([])
  })

  it('sends a POST to /v2/manage/utils/secret?projectname=<region>, signed so that the Huawei SDK agrees', async () => {
    const local = await serve(() => good())
    await swrTemporaryLogin(request(local), () => undefined)
    expect(local.received).toHaveLength(1)
    const [sent] = local.received
    expect(sent.method).toBe('POST')
    expect(sent.url).toBe('/v2/manage/utils/secret?projectname=cn-north-4')
    expect(sent.body).toBe('')
    expect(sent.headers['content-type']).toBe('application/json')
    expect(sent.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/)
    expect(sent.headers['x-security-token']).toBeUndefined()
    expect(sent.headers.authorization).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$`))
    expect(huaweiSdkVerifies(sent, local.url)).toBe(true)
    // The check can fail: not with another secret key.
    expect(huaweiSdkVerifies(sent, local.url, `${SK}x`)).toBe(false)
  })

  it('sends and signs X-Security-Token for a temporary key pair, and asks for the duration', async () => {
    const local = await serve(() => good())
    await swrTemporaryLogin(request(local, {securityToken: TOKEN, durationSeconds: 7200}), () => undefined)
    const [sent] = local.received
    expect(sent.url).toBe('/v2/manage/utils/secret?projectname=cn-north-4&duration_seconds=7200')
    expect(sent.headers['x-security-token']).toBe(TOKEN)
    expect(sent.headers.authorization).toContain('SignedHeaders=content-type;host;x-sdk-date;x-security-token,')
    expect(huaweiSdkVerifies(sent, local.url)).toBe(true)
  })

  it('keeps the path of an endpoint behind a gateway, and signs it', async () => {
    const local = await serve(() => good())
    await swrTemporaryLogin(request(local, {endpoint: new URL('/swr-gw/', local.url)}), () => undefined)
    const [sent] = local.received
    expect(sent.url).toBe('/swr-gw/v2/manage/utils/secret?projectname=cn-north-4')
    expect(huaweiSdkVerifies(sent, local.url)).toBe(true)
  })

  it('accepts HTTP 201 too', async () => {
    const local = await serve(() => ({...(good() as {status: number; body: string}), status: 201}))
    await expect(swrTemporaryLogin(request(local), () => undefined)).resolves.toMatchObject({username: TEMP_USER, password: TEMP_PASSWORD})
  })

  it('picks the entry of the registry host from a multi-entry answer', async () => {
    const other = b64('other-user:other-password')
    const local = await serve(() => good({'swr.ap-southeast-3.myhuaweicloud.com': {auth: other}, [HOST]: {auth: AUTH}, 'swr.x': {auth: other}}))
    const rec = maskRecorder()
    const login = await swrTemporaryLogin(request(local), rec.mask)
    expect(login).toMatchObject({username: TEMP_USER, password: TEMP_PASSWORD})
    expect(rec.masked).not.toContain(other)
  })

  it('takes the only entry even when its host differs (the API names its own host)', async () => {
    const local = await serve(() => good({'swr.internal.example': {auth: AUTH}}))
    await expect(swrTemporaryLogin(request(local), () => undefined)).resolves.toMatchObject({username: TEMP_USER, password: TEMP_PASSWORD})
  })

  it('refuses a multi-entry answer without the registry host', async () => {
    const local = await serve(() => good({'swr.a.example': {auth: AUTH}, 'swr.b.example': {auth: AUTH}}))
    const error = await apiError(request(local))
    expect(error.message).toBe(`SWR CreateSecret in cn-north-4 answered without a credential (2 entries in "auths"). Check 'region' and 'api-endpoint'.`)
  })

  it('leaves expiresAt out when the header is missing and no duration was asked for', async () => {
    const local = await serve(() => ({status: 200, body: JSON.stringify({auths: {[HOST]: {auth: AUTH}}})}))
    const login = await swrTemporaryLogin(request(local), () => undefined)
    expect(login.expiresAt).toBeUndefined()
  })

  it('leaves expiresAt out when the header is not a time', async () => {
    const local = await serve(() => good(undefined, {'x-swr-expireat': 'soon'}))
    expect((await swrTemporaryLogin(request(local), () => undefined)).expiresAt).toBeUndefined()
  })

  it('falls back to now + the duration asked for when the header is missing', async () => {
    const local = await serve(() => ({status: 200, body: JSON.stringify({auths: {[HOST]: {auth: AUTH}}})}))
    const before = Date.now()
    const login = await swrTemporaryLogin(request(local, {durationSeconds: 3600}), () => undefined)
    const after = Date.now()
    const at = Date.parse(login.expiresAt as string)
    expect(at).toBeGreaterThanOrEqual(before + 3600_000)
    expect(at).toBeLessThanOrEqual(after + 3600_000)
  })

  it('prefers the header to the duration asked for', async () => {
    const local = await serve(() => good())
    const login = await swrTemporaryLogin(request(local, {durationSeconds: 900}), () => undefined)
    expect(login.expiresAt).toBe('2036-07-23T08:46:07.811Z')
  })

  it('reports a 401 from the gateway with code, message, request ID and a hint, without retrying', async () => {
    const local = await serve(() => ({
      status: 401,
      headers: {'x-request-id': 'req-401'},
      body: JSON.stringify({error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', request_id: 'body-id'})
    }))
    const error = await apiError(request(local))
    expect(error.message).toBe(
      'SWR CreateSecret in cn-north-4 failed: APIGW.0301: Incorrect IAM authentication information: verify aksk signature fail ' +
        "(HTTP 401, request ID req-401). The signature does not match: 'access-key-secret' is wrong " +
        "(or, with a temporary key pair, 'security-token' is not its token)."
    )
    expect(local.received).toHaveLength(1)
  })

  // The gateway echoes the canonical request it computed: headers, date and security token included.
  const echoed = (token: string): string =>
    'Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:POST\n/v2/manage/utils/secret/\n' +
    'projectname=cn-north-4\ncontent-type:application/json\nhost:127.0.0.1\nx-sdk-date:20260101T000000Z\n' +
    `x-security-token:${token}\n\ncontent-type;host;x-sdk-date;x-security-token\ne3b0c44298fc1c149afbf4c8996fb924`

  it("cuts the gateway's echoed canonical request (and the security token in it) out of the message", async () => {
    const local = await serve(() => ({status: 401, body: JSON.stringify({error_code: 'APIGW.0301', error_msg: echoed(TOKEN), request_id: 'r-1'})}))
    const error = await apiError(request(local, {securityToken: TOKEN}))
    expect(error.message).toContain('APIGW.0301: Incorrect IAM authentication information: verify aksk signature fail (HTTP 401, request ID r-1).')
    expect(error.message).not.toContain('canonicalRequest')
    expect(error.message).not.toContain('x-security-token')
  })

  it('hints at a wrong secret key, not at the clock, when the gateway echoes its canonical request', async () => {
    // The echoed canonical request holds "x-sdk-date:" (and "x-security-token:"): the hint must read only the message
    // before it, or a wrong SK is reported as a clock problem.
    const local = await serve(() => ({status: 401, body: JSON.stringify({error_code: 'APIGW.0301', error_msg: echoed(TOKEN)})}))
    const error = await apiError(request(local, {securityToken: TOKEN}))
    expect(error.message).toContain("The signature does not match: 'access-key-secret' is wrong")
    expect(error.message).not.toMatch(/clock/)
  })

  // The gateway's echo need not be labelled: its lines, or a signed header, name the token and the date whatever the error.
  it.each<[string, string]>([
    [
      'its lines after the message',
      `Incorrect IAM authentication information: AK invalid\nPOST\n/v2/manage/utils/secret/\nx-sdk-date:20260101T000000Z\nx-security-token:${TOKEN}`
    ],
    ['a signed header on the same line', `Incorrect IAM authentication information: AK invalid, x-security-token:${TOKEN}`],
    ['a labelled canonical request', `Incorrect IAM authentication information: AK invalid, canonicalRequest:POST\nx-sdk-date:20260101T000000Z`]
  ])('reads advice from the message, not from the echoed request (%s): no clock or token advice for a bad key', async (_name, message) => {
    const local = await serve(() => ({status: 401, body: JSON.stringify({error_code: 'APIGW.0301', error_msg: message})}))
    const error = await apiError(request(local, {securityToken: TOKEN}))
    expect(error.message).toMatch(/\. Authentication failed: check 'access-key-id', 'access-key-secret' and, for a temporary key pair, 'security-token'\.$/)
    expect(error.message).not.toMatch(/clock|security token is expired/)
  })

  it('refuses a login that had expired when it arrived (X-Swr-Expireat in the past), naming SWR and the clock', async () => {
    const local = await serve(() => good(undefined, {'x-swr-expireat': '2020-07-23T08:46:07.811000Z', 'x-request-id': 'req-old'}))
    const error = await apiError(request(local, {durationSeconds: 3600}))
    expect(error.message).toMatch(
      /^SWR CreateSecret in cn-north-4 answered with a login \(X-Swr-Expireat\) that had already expired on arrival: valid until 2020-07-23T08:46:07\.811Z, and the runner's clock says \S+ \(request ID req-old\)\. Check the runner's clock \(NTP\), which is likely ahead of the cloud's, and 'duration' \(3600 s asked for\); then run the job again\.$/
    )
  })

  it('reports a 403 with the permission hint, without retrying', async () => {
    const local = await serve(() => ({
      status: 403,
      body: JSON.stringify({errors: [{errorCode: 'SVCSTG.SWR.4030001', errorMessage: 'No permission to create a login secret'}]})
    }))
    const error = await apiError(request(local))
    expect(error.message).toBe(
      'SWR CreateSecret in cn-north-4 failed: SVCSTG.SWR.4030001: No permission to create a login secret (HTTP 403). ' +
        "The key pair's user lacks the SWR permission to create a login secret (swr::createLoginSecret, e.g. in SWR Administrator)."
    )
    expect(local.received).toHaveLength(1)
  })

  it('reports a 404 with a non-JSON body', async () => {
    const local = await serve(() => ({status: 404, headers: {'content-type': 'text/html'}, body: '<html>Not Found</html>'}))
    const error = await apiError(request(local))
    expect(error.message).toBe(
      "SWR CreateSecret in cn-north-4 failed: no error details (HTTP 404). There is no such API at this endpoint: check 'region' and 'api-endpoint'."
    )
  })

  it('retries a 503 three times, then reports it', async () => {
    const local = await serve(() => ({status: 503, body: JSON.stringify({error_code: 'APIGW.0308', error_msg: 'The request is throttled'})}))
    const error = await apiError(request(local))
    expect(error.message).toBe(
      'SWR CreateSecret in cn-north-4 failed: APIGW.0308: The request is throttled (HTTP 503). ' + 'The SWR API kept failing over several tries; run the job again later.'
    )
    expect(local.received).toHaveLength(3)
    // Each try is signed afresh: three requests, three valid signatures.
    for (const sent of local.received) expect(huaweiSdkVerifies(sent, local.url)).toBe(true)
  })

  it('succeeds when a 503 is followed by an answer', async () => {
    const local = await serve(n => (n === 1 ? {status: 503, body: ''} : good()))
    await expect(swrTemporaryLogin(request(local), () => undefined, NO_WAIT)).resolves.toMatchObject({password: TEMP_PASSWORD})
    expect(local.received).toHaveLength(2)
  })

  it('never puts the secret key or the security token in an error message, even when the API echoes them', async () => {
    const local = await serve(() => ({status: 400, body: JSON.stringify({error_code: 'X', error_msg: `bad key ${SK} or token ${TOKEN}`})}))
    const error = await apiError(request(local, {securityToken: TOKEN}))
    expect(error.message).toContain('X: bad key *** or token *** (HTTP 400)')
  })

  it.each([
    ['not JSON', 'Bad Gateway', /answered HTTP 200 with a body that is not JSON\. Run again; if it persists, check 'api-endpoint'\./],
    ['truncated JSON', '{"auths":{"swr.cn-north-4', /with a body that is not JSON/],
    ['no auths', '{}', /answered without a credential \(0 entries in "auths"\)/],
    ['auths null', '{"auths":null}', /answered without a credential \(0 entries in "auths"\)/],
    ['JSON null', 'null', /with a body that is not JSON/],
    ['a JSON array', '[]', /answered without a credential \(0 entries in "auths"\)/],
    ['an entry without auth', JSON.stringify({auths: {[HOST]: {}}}), /answered without a credential \(1 entries in "auths"\)/],
    ['an empty auth', JSON.stringify({auths: {[HOST]: {auth: ''}}}), /answered without a credential/],
    ['a numeric auth', JSON.stringify({auths: {[HOST]: {auth: 42}}}), /answered without a credential/],
    ['auth without a colon', JSON.stringify({auths: {[HOST]: {auth: b64('nocolonhere')}}}), /credential that is not "user:password" in base64/],
    ['auth with an empty user', JSON.stringify({auths: {[HOST]: {auth: b64(':password')}}}), /not "user:password"/],
    ['auth with an empty password', JSON.stringify({auths: {[HOST]: {auth: b64('user:')}}}), /not "user:password"/]
  ])('refuses an answer with %s', async (_name, body, why) => {
    const local = await serve(() => ({status: 200, body}))
    const error = await swrTemporaryLogin(request(local), () => undefined, NO_WAIT).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(/^SWR CreateSecret in cn-north-4 answered /)
    expect((error as ApiError).message).toMatch(why)
    expect(local.received).toHaveLength(1)
  })

  it('masks a received auth even when it then turns out unusable', async () => {
    const bad = b64('nocolonhere')
    const local = await serve(() => ({status: 200, body: JSON.stringify({auths: {[HOST]: {auth: bad}}})}))
    const rec = maskRecorder()
    await swrTemporaryLogin(request(local), rec.mask).catch(() => undefined)
    expect(rec.masked).toEqual([bad])
  })

  it('keeps a colon inside the password', async () => {
    const local = await serve(() => good({[HOST]: {auth: b64('user:pa:ss')}}))
    await expect(swrTemporaryLogin(request(local), () => undefined)).resolves.toMatchObject({username: 'user', password: 'pa:ss'})
  })
})

describe('swrCredential', () => {
  const serve = localServers()

  const target = (endpoint: URL): ApiTarget => ({
    kind: 'api',
    provider: 'swr',
    region: 'cn-north-4',
    registry: {scheme: 'https', host: HOST},
    source: fakeApiSource(),
    endpoint
  })

  it("gives the credential for the target's region and registry, every secret form masked before it returns", async () => {
    const local = await serve(() => ({
      status: 200,
      headers: {'x-swr-expireat': '2036-07-23T08:46:07.811Z'},
      body: JSON.stringify({auths: {[HOST]: {auth: AUTH}}})
    }))
    const rec = maskRecorder()
    const logged: string[] = []
    const credential = await swrCredential(
      target(local.url),
      {accessKeyId: AK, accessKeySecret: SK, durationSeconds: 3600},
      {
        mask: rec.mask,
        log: line => void logged.push(line),
        env: {}
      }
    )
    rec.done()
    expect(credential).toEqual({
      region: 'cn-north-4',
      registry: {scheme: 'https', host: HOST},
      username: TEMP_USER,
      password: TEMP_PASSWORD,
      expiresAt: '2036-07-23T08:46:07.811Z'
    })
    expect(new Set(rec.masked)).toEqual(new Set([AUTH, TEMP_PASSWORD, `${TEMP_USER}:${TEMP_PASSWORD}`]))
    expect(rec.late).toEqual([])
    expect(logged).toEqual([])
    expect(local.received.map(r => r.url)).toEqual(['/v2/manage/utils/secret?projectname=cn-north-4&duration_seconds=3600'])
  })

  it('signs with the key pair and the security token it is given', async () => {
    const local = await serve(() => good())
    await swrCredential(target(local.url), {accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN}, {mask: () => undefined, log: () => undefined, env: {}})
    const [sent] = local.received
    expect(sent.headers['x-security-token']).toBe(TOKEN)
    expect(huaweiSdkVerifies(sent, local.url)).toBe(true)
  })

  it('words the advice for keys from a federation (keyless login) by the federation, not by key inputs', async () => {
    const local = await serve(() => ({status: 403, body: JSON.stringify({error_code: 'SVCSTG.SWR.4030001', error_msg: 'denied'})}))
    const federation: KeysFederation = {service: 'Huawei Cloud IAM STS AssumeAgencyWithOIDC', identity: 'agency iam::0a1b:agency:push', durationSeconds: 900}
    const error = await swrCredential(
      target(local.url),
      {accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN, federation},
      {
        mask: () => undefined,
        log: () => undefined,
        env: {}
      }
    ).catch((e: unknown) => e)
    expect((error as ApiError).message).toMatch(/\(HTTP 403\)\. The keys act as agency iam::0a1b:agency:push, which lacks the SWR permission/)
  })

  it('passes an API error through as it is', async () => {
    const local = await serve(() => ({status: 403, body: JSON.stringify({error_code: 'SVCSTG.SWR.4030001', error_msg: 'denied'})}))
    const error = await swrCredential(target(local.url), {accessKeyId: AK, accessKeySecret: SK}, {mask: () => undefined, log: () => undefined, env: {}}).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(/^SWR CreateSecret in cn-north-4 failed: SVCSTG\.SWR\.4030001: denied \(HTTP 403\)/)
  })

  it.each<[string, Reply, string]>([
    [
      'a redirect (origin only, never the signed query)',
      {status: 301, headers: {location: 'https://auth.huaweicloud.com/authui/login?service=SECRET-SERVICE'}},
      'redirected to https://auth.huaweicloud.com (HTTP 301)'
    ],
    [
      'an oversized answer',
      {status: 200, body: JSON.stringify({auths: {[HOST]: {auth: AUTH}}, padding: 'p'.repeat(1024 * 1024)})},
      'sent an oversized answer (more than 1 MiB; reading stopped there)'
    ]
  ])('reports %s as what it is, once, naming the SWR API, the region and the endpoint', async (_name, reply, what) => {
    const local = await serve(() => reply)
    const rec = maskRecorder()
    const logged: string[] = []
    const error = await swrCredential(target(local.url), {accessKeyId: AK, accessKeySecret: SK}, {mask: rec.mask, log: line => void logged.push(line), env: {}}).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe(
      `The SWR API for cn-north-4 (127.0.0.1:${local.port}) ${what}: 'api-endpoint' (http://127.0.0.1:${local.port}) or a proxy is likely wrong. ` +
        `Check 'api-endpoint' and 'region', and the runner's proxy settings (HTTPS_PROXY, NO_PROXY).`
    )
    expect(local.received).toHaveLength(1)
    expect(logged).toEqual([])
    // Nothing of an answer that was not read is taken for a credential.
    expect(rec.masked).toEqual([])
  })

  it('turns "no answer" into an ApiError naming the SWR API, the region and the endpoint', async () => {
    // https to a plain-HTTP server: the TLS handshake fails at once, and that is not worth another try.
    const local = await serve(() => ({status: 200, body: '{}'}))
    const endpoint = new URL(`https://127.0.0.1:${local.port}/`)
    const logged: string[] = []
    const error = await swrCredential(target(endpoint), {accessKeyId: AK, accessKeySecret: SK}, {mask: () => undefined, log: line => void logged.push(line), env: {}}).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    const message = (error as ApiError).message
    expect(message).toMatch(new RegExp(`^The SWR API gave no answer for cn-north-4 \\(127\\.0\\.0\\.1:${local.port}: .+\\)\\. Check `))
    expect(message).toContain(`Check 'region' and 'api-endpoint' (https://127.0.0.1:${local.port}), and the runner's network and proxy (HTTPS_PROXY, NO_PROXY).`)
    expect(local.received).toEqual([])
    expect(logged).toEqual([])
  })
})
