import {ApiError, type ErrorDialect} from '../../../src/api-errors.js'
import type {ApiResponse} from '../../../src/http.js'
import {keysIn, notTheService, type KeyFields} from '../../../src/oidc/exchange.js'
import {ALIBABA_ERRORS} from '../../../src/providers/acr/errors.js'
import {HUAWEI_ERRORS} from '../../../src/providers/swr/errors.js'

const SERVICE = 'Alibaba Cloud STS AssumeRoleWithOIDC'
const NAMES: KeyFields = {id: 'AccessKeyId', secret: 'AccessKeySecret', token: 'SecurityToken', expiry: 'Expiration'}
const AK = 'STS.NUxYz0123456789AbCdEf'
const SK = 'Fed3rat3dS3cr3tValue0123456789'
const TOKEN = 'CAIS+fed/SecurityToken0123456789=='
const CREDENTIALS = {AccessKeyId: AK, AccessKeySecret: SK, SecurityToken: TOKEN, Expiration: '2036-01-01T01:00:00Z'}
const ENDPOINT = new URL('https://sts.example.com')

const answer = (status = 200, body: unknown = {RequestId: 'req-1', Credentials: CREDENTIALS}, headers: ApiResponse['headers'] = {}): ApiResponse => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body)
})

/** keysIn's error, which must be an ApiError that shows none of the values read. */
function refusal(object: Record<string, unknown>, masked: string[] = []): string {
  let thrown: unknown
  try {
    keysIn(SERVICE, answer(), object, NAMES, secret => void masked.push(secret), ALIBABA_ERRORS)
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(ApiError)
  const message = (thrown as ApiError).message
  for (const value of Object.values(object)) if (typeof value === 'string' && value.length > 3) expect(message).not.toContain(value)
  return message
}

describe('keysIn', () => {
  it('reads the keys and their expiry, masking the secrets first and the key ID too', () => {
    const masked: string[] = []
    expect(keysIn(SERVICE, answer(), CREDENTIALS, NAMES, secret => void masked.push(secret), ALIBABA_ERRORS)).toEqual({
      accessKeyId: AK,
      accessKeySecret: SK,
      securityToken: TOKEN,
      expiresAt: '2036-01-01T01:00:00.000Z'
    })
    expect(masked).toEqual([SK, TOKEN, AK])
  })

  it.each<[string, string]>([
    ['Huawei-shaped (20 upper-case letters and digits)', 'HSTAW9QX3ZK7PLM2VB8R'],
    ["Alibaba's temporary (STS. and more)", 'STS.NUgYrLnoC37mZZCNnAbez2BS6'],
    ['of 8 characters', 'ABCD1234'],
    ['of 128 characters', 'A'.repeat(128)]
  ])('takes a key ID %s', (_name, id) => {
    expect(keysIn(SERVICE, answer(), {...CREDENTIALS, AccessKeyId: id}, NAMES, () => undefined, ALIBABA_ERRORS).accessKeyId).toBe(id)
  })

  // Blamed on the service now, with its request ID: later the registry's API would call it a wrong input, and a
  // header with a line break in it would fail as if the network had.
  it.each<[string, string, string]>([
    ['a space', 'STS.NUxYz 0123456789', 'it holds characters other than letters, digits and dots'],
    ['a line break', 'STS.NUxYz0123\n456789', 'it holds characters other than letters, digits and dots'],
    ['markup', '<html>error</html>', 'it holds characters other than letters, digits and dots'],
    ['too few characters', 'AK1', 'it is 3 characters long'],
    ['an absurd length', 'A'.repeat(129), 'it is 129 characters long']
  ])('refuses a key ID with %s, naming the service and its request ID, never the value', (_name, id, why) => {
    const masked: string[] = []
    expect(refusal({...CREDENTIALS, AccessKeyId: id}, masked)).toBe(
      `${SERVICE} answered HTTP 200 (request ID req-1) with a value of "AccessKeyId" that is not an access key ID (${why}; a ` +
        `key ID has 8 to 128 letters, digits and dots). Run the job again; if it persists, check 'sts-endpoint'.`
    )
    // Masked before it was judged: it may be a secret in the wrong place.
    expect(masked).toEqual([SK, TOKEN, id])
  })

  it.each<[string, unknown]>([
    ['empty', ''],
    ['missing', undefined],
    ['not a string', 12345]
  ])('refuses a key ID that is %s, naming the service and its request ID', (_name, id) => {
    expect(refusal({...CREDENTIALS, AccessKeyId: id})).toBe(
      `${SERVICE} answered HTTP 200 (request ID req-1) without "AccessKeyId". Run the job again; if it persists, check 'sts-endpoint'.`
    )
  })

  it("takes the request ID where the cloud's dialect says (Huawei: the X-Request-Id header)", () => {
    let message = ''
    try {
      keysIn(SERVICE, answer(201, {credential: {}}, {'x-request-id': 'hw-9'}), {...CREDENTIALS, AccessKeyId: '??'}, NAMES, () => undefined, HUAWEI_ERRORS)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/^Alibaba Cloud STS AssumeRoleWithOIDC answered HTTP 201 \(request ID hw-9\) with a value of "AccessKeyId"/)
  })
})

describe("notTheService: an answer that is not the service's refusal is not read as one", () => {
  const TAIL =
    `: that is not ${SERVICE} answering, so 'sts-endpoint' or a proxy is likely wrong. Check 'sts-endpoint' (leave it out ` +
    `for the service's default), and the runner's proxy settings (HTTPS_PROXY, NO_PROXY).`

  it.each<[string, ApiResponse, string, ErrorDialect]>([
    ["a web server's 404 page", answer(404, '<html>Not Found</html>'), `https://sts.example.com answered HTTP 404 without an error code or message${TAIL}`, ALIBABA_ERRORS],
    ['an empty 404', answer(404, ''), `https://sts.example.com answered HTTP 404 without an error code or message${TAIL}`, ALIBABA_ERRORS],
    [
      'a 404 in JSON of another shape',
      answer(404, {error: 'not_found'}),
      `https://sts.example.com answered HTTP 404 without an error code or message${TAIL}`,
      ALIBABA_ERRORS
    ],
    [
      'a 405 (no such method here)',
      answer(405, '<html>Method Not Allowed</html>'),
      `https://sts.example.com answered HTTP 405 without an error code or message${TAIL}`,
      ALIBABA_ERRORS
    ],
    [
      "Huawei's gateway: no such API here",
      answer(404, {error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in an environment', request_id: 'g-1'}),
      `https://sts.example.com has no such API (APIGW.0101: The API does not exist or has not been published in an environment (HTTP 404, request ID g-1))${TAIL}`,
      HUAWEI_ERRORS
    ],
    [
      "Alibaba's POP: no such API here",
      answer(404, {Code: 'InvalidAction.NotFound', Message: 'Specified api is not found, please check your url and method.', RequestId: 'p-1'}),
      `https://sts.example.com has no such API (InvalidAction.NotFound: Specified api is not found, please check your url and method. (HTTP 404, request ID p-1))${TAIL}`,
      ALIBABA_ERRORS
    ]
  ])('%s: the endpoint is blamed', (_name, response, message, dialect) => {
    expect(notTheService(SERVICE, ENDPOINT, response, [], dialect)).toEqual(new ApiError(message))
  })

  it.each<[string, ApiResponse, ErrorDialect]>([
    ["the service's own 404 (names the missing thing)", answer(404, {Code: 'EntityNotExist.Role', Message: 'The role not exists.'}), ALIBABA_ERRORS],
    ["the service's 403", answer(403, {error_code: 'IAM.0002', error_msg: 'Forbidden.'}), HUAWEI_ERRORS],
    ['a bare 401 (the service may send no body)', answer(401, '<html>Unauthorized</html>'), ALIBABA_ERRORS],
    ['a bare 500', answer(500, ''), ALIBABA_ERRORS],
    ['a bare 429', answer(429, ''), ALIBABA_ERRORS]
  ])("%s: left to the service's advice", (_name, response, dialect) => {
    expect(notTheService(SERVICE, ENDPOINT, response, [], dialect)).toBeUndefined()
  })

  it('takes a gateway\'s code as "no such API here" only in the dialect of the cloud that calls', () => {
    const gatewayless: ErrorDialect = {fields: ALIBABA_ERRORS.fields}
    const response = answer(404, {Code: 'InvalidAction.NotFound', Message: 'Specified api is not found.'})
    expect(notTheService(SERVICE, ENDPOINT, response, [], gatewayless)).toBeUndefined()
  })

  it('never shows a secret the answer echoes', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvIn0.c2lnbmF0dXJl'
    const error = notTheService(SERVICE, ENDPOINT, answer(404, {error_code: 'APIGW.0101', error_msg: `no api for ${jwt}`}), [jwt], HUAWEI_ERRORS)
    expect(error?.message).not.toContain(jwt)
  })
})
