import {adviceText, ApiError, cleanMessage, describe as describeError, errorFields, refuseExpired, secretVariants, shortValue} from '../../src/api-errors.js'
import {percentEncode} from '../../src/percent-encode.js'
import {UserError} from '../../src/errors.js'
import type {ApiResponse} from '../../src/http.js'

function response(body: string, headers: ApiResponse['headers'] = {}, status = 400): ApiResponse {
  return {status, headers, body}
}

describe('ApiError', () => {
  it('is a UserError named ApiError', () => {
    const error = new ApiError('x')
    expect(error).toBeInstanceOf(UserError)
    expect(error.name).toBe('ApiError')
    expect(error.message).toBe('x')
  })
})

describe('errorFields', () => {
  it.each<[string, string, {code?: string; message?: string; requestId?: string}]>([
    [
      "Huawei's API gateway",
      '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information","request_id":"hw-req-1"}',
      {code: 'APIGW.0301', message: 'Incorrect IAM authentication information', requestId: 'hw-req-1'}
    ],
    [
      'SWR {errors: [...]}',
      '{"errors":[{"errorCode":"SVCSTG.SWR.4001001","errorMessage":"Invalid projectname"},{"errorCode":"other","errorMessage":"second"}]}',
      {code: 'SVCSTG.SWR.4001001', message: 'Invalid projectname', requestId: undefined}
    ],
    [
      'SWR bare array',
      '[{"errorCode":"SVCSTG.SWR.4030001","errorMessage":"No permission"}]',
      {code: 'SVCSTG.SWR.4030001', message: 'No permission', requestId: undefined}
    ],
    [
      'SWR flat {errorCode, errorMessage}',
      '{"errorCode":"SVCSTG.SWR.4040001","errorMessage":"Not found"}',
      {code: 'SVCSTG.SWR.4040001', message: 'Not found', requestId: undefined}
    ],
    [
      "Huawei's classic IAM (v3) {error: {code, message}}, the code a number",
      '{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}',
      {code: '401', message: 'The request you have made requires authentication.', requestId: undefined}
    ],
    [
      'an error that is only a word, not an object, gives nothing of its own',
      '{"error":"invalid_grant"}',
      {code: undefined, message: undefined, requestId: undefined}
    ],
    [
      'SWR nested with the gateway spelling',
      '{"errors":[{"error_code":"E1","error_msg":"nested msg"}]}',
      {code: 'E1', message: 'nested msg', requestId: undefined}
    ],
    [
      'Alibaba RPC {Code, Message, RequestId}',
      '{"Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found.","RequestId":"ali-req-1","HostId":"cr.cn-hangzhou.aliyuncs.com"}',
      {code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.', requestId: 'ali-req-1'}
    ],
    [
      'Alibaba ROA {code, message, requestId}',
      '{"code":"USER_NOT_EXIST","message":"user not exist","requestId":"ali-req-2"}',
      {code: 'USER_NOT_EXIST', message: 'user not exist', requestId: 'ali-req-2'}
    ],
    ['a numeric code', '{"code":4001,"message":"bad"}', {code: '4001', message: 'bad', requestId: undefined}],
    ['empty strings count as absent', '{"Code":"","code":"real","Message":"","message":"m"}', {code: 'real', message: 'm', requestId: undefined}],
    ['errorMsg spelling', '{"errorMsg":"only this"}', {code: undefined, message: 'only this', requestId: undefined}]
  ])('%s', (_name, body, expected) => {
    expect(errorFields(response(body))).toEqual(expected)
  })

  it.each([
    ['plain text', 'Bad Gateway'],
    ['HTML', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['empty', ''],
    ['truncated JSON', '{"error_code":"APIGW.0301","error_'],
    ['a JSON string', '"oops"'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['an empty array', '[]'],
    ['errors not an array', '{"errors":"nope"}'],
    ['errors holding a string', '{"errors":["nope"]}']
  ])('a body that gives nothing (%s) gives no fields', (_name, body) => {
    expect(errorFields(response(body))).toEqual({code: undefined, message: undefined, requestId: undefined})
  })

  it('a body whose errors array holds null gives no fields instead of throwing', () => {
    expect(errorFields(response('{"errors":[null]}'))).toEqual({code: undefined, message: undefined, requestId: undefined})
  })

  it('takes the request ID from a non-JSON body only from the headers', () => {
    expect(errorFields(response('Service Unavailable', {'x-request-id': 'hdr-1'}))).toEqual({
      code: undefined,
      message: undefined,
      requestId: 'hdr-1'
    })
  })

  it('prefers the x-request-id header to the body', () => {
    const body = '{"error_code":"APIGW.0301","error_msg":"m","request_id":"from-body"}'
    expect(errorFields(response(body, {'x-request-id': 'from-header'})).requestId).toBe('from-header')
  })

  it('prefers the x-acs-request-id header to the body', () => {
    const body = '{"Code":"Forbidden.RAM","Message":"m","RequestId":"from-body"}'
    expect(errorFields(response(body, {'x-acs-request-id': 'from-acs-header'})).requestId).toBe('from-acs-header')
  })

  it('prefers x-request-id to x-acs-request-id', () => {
    expect(errorFields(response('{}', {'x-request-id': 'a', 'x-acs-request-id': 'b'})).requestId).toBe('a')
  })

  it('takes the first value of a repeated request ID header', () => {
    expect(errorFields(response('{}', {'x-request-id': ['first', 'second']})).requestId).toBe('first')
  })

  it('falls back to the body when the header is absent', () => {
    expect(errorFields(response('{"RequestId":"body-id"}', {'x-acs-request-id': undefined})).requestId).toBe('body-id')
  })
})

describe('cleanMessage', () => {
  it('is undefined for undefined', () => expect(cleanMessage(undefined, ['s'])).toBeUndefined())

  it('keeps a short one-line message as it is', () => {
    expect(cleanMessage('Specified access key is not found.', [])).toBe('Specified access key is not found.')
  })

  it("cuts at the gateway's echoed canonicalRequest, and with it the headers and security token it holds", () => {
    const token = 'STS-TOKEN-abcdefghijklmnop'
    const message =
      'Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:POST\n' +
      '/v2/manage/utils/secret/\nprojectname=cn-north-4\ncontent-type:application/json\nhost:swr-api.cn-north-4.myhuaweicloud.com\n' +
      `x-sdk-date:20260101T000000Z\nx-security-token:${token}\n\ncontent-type;host;x-sdk-date;x-security-token\ne3b0c442`
    const clean = cleanMessage(message, [])
    expect(clean).toBe('Incorrect IAM authentication information: verify aksk signature fail')
    expect(clean).not.toContain(token)
  })

  it.each([
    ['canonicalRequest:', 'a, canonicalRequest: GET'],
    ['CanonicalRequest (any case)', 'a  CANONICALREQUEST: GET'],
    ['no comma', 'a canonicalRequest GET']
  ])('cuts at %s', (_name, message) => expect(cleanMessage(message, [])).toBe('a'))

  it('folds line breaks, tabs and runs of spaces into single spaces, and trims', () => {
    expect(cleanMessage('  line one\n\tline   two\r\nline three  ', [])).toBe('line one line two line three')
  })

  it('caps the length at 300 characters, ending in an ellipsis', () => {
    const clean = cleanMessage('x'.repeat(100_000), []) as string
    expect(clean).toHaveLength(300)
    expect(clean).toBe(`${'x'.repeat(299)}…`)
    expect(cleanMessage('y'.repeat(300), [])).toBe('y'.repeat(300))
    expect(cleanMessage('z'.repeat(301), [])).toBe(`${'z'.repeat(299)}…`)
  })

  it('replaces every given secret with ***', () => {
    expect(cleanMessage('token tok123 and key sk456 and tok123 again', ['tok123', 'sk456'])).toBe('token *** and key *** and *** again')
  })

  it('ignores empty secrets', () => expect(cleanMessage('abc', [''])).toBe('abc'))

  it.each<[string, (secret: string) => string]>([
    ['raw', s => s],
    ['percent-encoded once (as in an echoed canonical query)', s => percentEncode(s)],
    ['percent-encoded twice (as in an echoed string to sign)', s => percentEncode(percentEncode(s))],
    ['encoded by encodeURIComponent', s => encodeURIComponent(s)]
  ])('takes a secret out when it appears %s', (_name, form) => {
    const token = "CAIS+tok/en=='(x)!"
    expect(cleanMessage(`bad token ${form(token)} here`, [token])).toBe('bad token *** here')
  })

  it('leaves no part of a secret that straddles the length cap', () => {
    const secret = 'SECRET0123456789abcdef'
    const clean = cleanMessage(`${'x'.repeat(290)}${secret}${'y'.repeat(50)}`, [secret]) as string
    expect(clean).not.toContain(secret.slice(0, 7))
  })
})

describe('shortValue', () => {
  it('takes secrets out, folds it onto one line and cuts it (100 characters by default)', () => {
    expect(shortValue(' a\n b\tSECRET-1 ', ['SECRET-1'])).toBe('a b ***')
    expect(shortValue('v'.repeat(5000), [])).toBe(`${'v'.repeat(99)}…`)
    expect(shortValue('v'.repeat(50), [], 20)).toBe(`${'v'.repeat(19)}…`)
  })
})

describe('secretVariants', () => {
  it('gives each secret raw, percent-encoded once and twice, and by encodeURIComponent', () => {
    expect(secretVariants(['a b!', 'c'])).toEqual(['a b!', 'a%20b%21', 'a%2520b%2521', 'a%20b!', 'c', 'c', 'c', 'c'])
  })
})

describe('describe', () => {
  it('gives code, message, status and request ID', () => {
    expect(describeError(401, {code: 'APIGW.0301', message: 'Incorrect IAM authentication information', requestId: 'r-1'}, [])).toBe(
      'APIGW.0301: Incorrect IAM authentication information (HTTP 401, request ID r-1)'
    )
  })

  it('leaves out what is missing', () => {
    expect(describeError(403, {code: 'Forbidden.RAM'}, [])).toBe('Forbidden.RAM (HTTP 403)')
    expect(describeError(500, {message: 'internal'}, [])).toBe('internal (HTTP 500)')
    expect(describeError(404, {requestId: 'r-2'}, [])).toBe('no error details (HTTP 404, request ID r-2)')
    expect(describeError(502, {}, [])).toBe('no error details (HTTP 502)')
  })

  it('cuts an over-long code and request ID to 100 characters, on one line, without secrets', () => {
    const text = describeError(400, {code: `C${'c'.repeat(100_000)}`, message: 'm', requestId: `tok-9\n${'r'.repeat(100_000)}`}, ['tok-9'])
    expect(text).toBe(`C${'c'.repeat(98)}…: m (HTTP 400, request ID *** ${'r'.repeat(95)}…)`)
  })

  it('cleans the message: cut, folded and redacted', () => {
    expect(describeError(401, {code: 'C', message: 'bad\n  sig for tok-9, canonicalRequest:GET\n/x/'}, ['tok-9'])).toBe(
      'C: bad sig for *** (HTTP 401)'
    )
  })
})

describe('adviceText: the words advice may match are the cloud\'s own, never an echo of the request', () => {
  const TOKEN = 'gQpjbi1ub3J0aC00SecurityToken+Zx/Cv=='
  const CANONICAL = `POST\n/v2/manage/utils/secret/\nprojectname=cn-north-4\nhost:swr-api.example.com\nx-sdk-date:20260101T000000Z\nx-security-token:${TOKEN}\n\ncontent-type;host;x-sdk-date;x-security-token\ne3b0c442`
  it.each<[string, string, string]>([
    ["Huawei's labelled canonical request", `Incorrect IAM authentication information: ak not found, canonicalRequest:${CANONICAL}`, 'Incorrect IAM authentication information: ak not found'],
    ['a canonical request labelled with spaces', `AK invalid. Canonical Request: ${CANONICAL}`, 'AK invalid.'],
    ["the request's own lines, without a label", `Incorrect IAM authentication information: AK invalid\n${CANONICAL}`, 'Incorrect IAM authentication information: AK invalid'],
    ['an echoed signed header on the same line', `AK invalid; x-security-token:${TOKEN}`, 'AK invalid;'],
    ["Alibaba's labelled string to sign", 'Specified access key is not found. server string to sign is:POST&%2F&AccessKeyId%3DLTAI%26SecurityToken%3Dx', 'Specified access key is not found.'],
    ['StringToSign in one word', 'Bad key. StringToSign: GET\napplication/json', 'Bad key.'],
    ["an RPC string to sign without a label", 'Not authorized POST&%2F&OIDCProviderArn%3Dacs%253Aram%253A%253A1%253Aoidc-provider%252Fgh', 'Not authorized'],
    ['a header named in prose (no value after the colon) is kept', 'x-sdk-date is too early or too late', 'x-sdk-date is too early or too late'],
    ['a message of one line, kept whole', 'The agency does not exist.', 'The agency does not exist.'],
    ['nothing', '', '']
  ])('%s', (_name, message, expected) => {
    expect(adviceText(message, [])).toBe(expected)
  })

  it('takes the secrets out first, raw or percent-encoded: a token may hold any word', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.audience-provider-duration.c2ln'
    expect(adviceText(`agency not found for ${jwt}`, [jwt])).toBe('agency not found for ***')
    expect(adviceText(`agency not found for ${encodeURIComponent(jwt)}`, [jwt])).toBe('agency not found for ***')
  })

  it('is empty for no message', () => expect(adviceText(undefined, [])).toBe(''))
})

describe('refuseExpired: what arrived already expired is an error, never a login "valid until" a time gone by', () => {
  const NOW = Date.parse('2030-06-01T12:00:00.000Z')

  it.each<[string, string | undefined]>([
    ['no expiry given', undefined],
    ['an expiry a second ahead', '2030-06-01T12:00:01.000Z'],
    ['an expiry hours ahead', '2030-06-01T18:00:00.000Z']
  ])('lets pass %s', (_name, expiresAt) => {
    expect(() => refuseExpired({what: 'X answered with a login', expiresAt}, NOW)).not.toThrow()
  })

  it.each<[string, string]>([
    ['an expiry at this very moment', '2030-06-01T12:00:00.000Z'],
    ['an expiry in the past', '2030-06-01T11:00:00.000Z']
  ])('refuses %s, naming who issued it, both times, and the runner\'s clock to check', (_name, expiresAt) => {
    expect(() => refuseExpired({what: 'SWR CreateSecret in cn-north-4 answered with a login (X-Swr-Expireat)', expiresAt, requestId: 'r-1'}, NOW)).toThrow(
      new ApiError(
        `SWR CreateSecret in cn-north-4 answered with a login (X-Swr-Expireat) that had already expired on arrival: valid until ${expiresAt}, ` +
          `and the runner's clock says 2030-06-01T12:00:00.000Z (request ID r-1). Check the runner's clock (NTP), which is likely ` +
          `ahead of the cloud's; then run the job again.`
      )
    )
  })

  it("names 'duration' when a validity was asked for", () => {
    expect(() => refuseExpired({what: 'STS answered with temporary keys', expiresAt: '2030-01-01T00:00:00.000Z', durationSeconds: 3600}, NOW)).toThrow(
      "Check the runner's clock (NTP), which is likely ahead of the cloud's, and 'duration' (3600 s asked for); then run the job again."
    )
  })

  it('throws an ApiError, which the step reports as it is', () => {
    expect(() => refuseExpired({what: 'X', expiresAt: '2000-01-01T00:00:00.000Z'}, NOW)).toThrow(ApiError)
  })
})
