import {adviceText, cleanMessage} from '../../../../src/api-errors.js'
import type {ApiResponse} from '../../../../src/http.js'
import {HUAWEI_ERRORS, huaweiErrorFields} from '../../../../src/providers/swr/errors.js'

function response(body: string, headers: ApiResponse['headers'] = {}, status = 400): ApiResponse {
  return {status, headers, body}
}

describe("huaweiErrorFields reads code, message and request ID from every shape Huawei's APIs answer with", () => {
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
    ['SWR bare array', '[{"errorCode":"SVCSTG.SWR.4030001","errorMessage":"No permission"}]', {code: 'SVCSTG.SWR.4030001', message: 'No permission', requestId: undefined}],
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
    ['an error that is only a word, not an object, gives nothing of its own', '{"error":"invalid_grant"}', {code: undefined, message: undefined, requestId: undefined}],
    ['SWR nested with the gateway spelling', '{"errors":[{"error_code":"E1","error_msg":"nested msg"}]}', {code: 'E1', message: 'nested msg', requestId: undefined}],
    ['a plain {code, message}, the code a number', '{"code":4001,"message":"bad"}', {code: '4001', message: 'bad', requestId: undefined}],
    ['empty strings count as absent', '{"error_code":"","code":"real","error_msg":"","message":"m"}', {code: 'real', message: 'm', requestId: undefined}],
    ['errorMsg spelling', '{"errorMsg":"only this"}', {code: undefined, message: 'only this', requestId: undefined}]
  ])('%s', (_name, body, expected) => {
    expect(huaweiErrorFields(response(body))).toEqual(expected)
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
    expect(huaweiErrorFields(response(body))).toEqual({code: undefined, message: undefined, requestId: undefined})
  })

  it('a body whose errors array holds null gives no fields instead of throwing', () => {
    expect(huaweiErrorFields(response('{"errors":[null]}'))).toEqual({code: undefined, message: undefined, requestId: undefined})
  })

  it('takes the request ID from a non-JSON body only from the X-Request-Id header', () => {
    expect(huaweiErrorFields(response('Service Unavailable', {'x-request-id': 'hdr-1'}))).toEqual({
      code: undefined,
      message: undefined,
      requestId: 'hdr-1'
    })
  })

  it('prefers the X-Request-Id header to the body', () => {
    const body = '{"error_code":"APIGW.0301","error_msg":"m","request_id":"from-body"}'
    expect(huaweiErrorFields(response(body, {'x-request-id': 'from-header'})).requestId).toBe('from-header')
  })

  it('takes the first value of a repeated request ID header', () => {
    expect(huaweiErrorFields(response('{}', {'x-request-id': ['first', 'second']})).requestId).toBe('first')
  })

  it('falls back to the body when the header is absent', () => {
    expect(huaweiErrorFields(response('{"request_id":"body-id"}', {'x-request-id': undefined})).requestId).toBe('body-id')
  })
})

describe("HUAWEI_ERRORS: a message is shown and advised on up to the canonical request Huawei's gateway echoes", () => {
  it("cuts a shown message at the gateway's echoed canonicalRequest, and with it the headers and security token it holds", () => {
    const token = 'STS-TOKEN-abcdefghijklmnop'
    const message =
      'Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:POST\n' +
      '/v2/manage/utils/secret/\nprojectname=cn-north-4\ncontent-type:application/json\nhost:swr-api.cn-north-4.myhuaweicloud.com\n' +
      `x-sdk-date:20260101T000000Z\nx-security-token:${token}\n\ncontent-type;host;x-sdk-date;x-security-token\ne3b0c442`
    const clean = cleanMessage(message, [], HUAWEI_ERRORS)
    expect(clean).toBe('Incorrect IAM authentication information: verify aksk signature fail')
    expect(clean).not.toContain(token)
  })

  it.each([
    ['canonicalRequest:', 'a, canonicalRequest: GET'],
    ['CanonicalRequest (any case)', 'a  CANONICALREQUEST: GET'],
    ['no comma', 'a canonicalRequest GET']
  ])('cuts a shown message at %s', (_name, message) => expect(cleanMessage(message, [], HUAWEI_ERRORS)).toBe('a'))

  const TOKEN = 'gQpjbi1ub3J0aC00SecurityToken+Zx/Cv=='
  const CANONICAL = `POST\n/v2/manage/utils/secret/\nprojectname=cn-north-4\nhost:swr-api.example.com\nx-sdk-date:20260101T000000Z\nx-security-token:${TOKEN}\n\ncontent-type;host;x-sdk-date;x-security-token\ne3b0c442`
  it.each<[string, string, string]>([
    [
      'the labelled canonical request',
      `Incorrect IAM authentication information: ak not found, canonicalRequest:${CANONICAL}`,
      'Incorrect IAM authentication information: ak not found'
    ],
    ['a canonical request labelled with spaces', `AK invalid. Canonical Request: ${CANONICAL}`, 'AK invalid.'],
    [
      "the request's own lines, without a label",
      `Incorrect IAM authentication information: AK invalid\n${CANONICAL}`,
      'Incorrect IAM authentication information: AK invalid'
    ],
    ['an echoed signed header on the same line', `AK invalid; x-security-token:${TOKEN}`, 'AK invalid;'],
    ['a header named in prose (no value after the colon) is kept', 'x-sdk-date is too early or too late', 'x-sdk-date is too early or too late']
  ])('advice reads the words before %s', (_name, message, expected) => {
    expect(adviceText(message, [], HUAWEI_ERRORS)).toBe(expected)
  })

  it.each(['APIGW.0101', 'APIG.0101', 'apigw.0101'])('takes %s as the gateway\'s "no such API here"', code => {
    expect(HUAWEI_ERRORS.noSuchApi?.test(code)).toBe(true)
  })

  it.each(['APIGW.0301', 'APIGW.01011', 'IAM.0101'])('takes %s as something else', code => {
    expect(HUAWEI_ERRORS.noSuchApi?.test(code)).toBe(false)
  })
})
