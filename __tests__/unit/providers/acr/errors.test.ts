import {adviceText, cleanMessage} from '../../../../src/api-errors.js'
import type {ApiResponse} from '../../../../src/http.js'
import {ALIBABA_ERRORS, alibabaErrorFields} from '../../../../src/providers/acr/errors.js'

function response(body: string, headers: ApiResponse['headers'] = {}, status = 400): ApiResponse {
  return {status, headers, body}
}

describe("alibabaErrorFields reads code, message and request ID from both shapes Alibaba's APIs answer with", () => {
  it.each<[string, string, {code?: string; message?: string; requestId?: string}]>([
    [
      'RPC {Code, Message, RequestId}',
      '{"Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found.","RequestId":"ali-req-1","HostId":"cr.cn-hangzhou.aliyuncs.com"}',
      {code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.', requestId: 'ali-req-1'}
    ],
    [
      'ROA {code, message, requestId}',
      '{"code":"USER_NOT_EXIST","message":"user not exist","requestId":"ali-req-2"}',
      {code: 'USER_NOT_EXIST', message: 'user not exist', requestId: 'ali-req-2'}
    ],
    ['a numeric code', '{"code":4001,"message":"bad"}', {code: '4001', message: 'bad', requestId: undefined}],
    ['empty strings count as absent', '{"Code":"","code":"real","Message":"","message":"m"}', {code: 'real', message: 'm', requestId: undefined}]
  ])('%s', (_name, body, expected) => {
    expect(alibabaErrorFields(response(body))).toEqual(expected)
  })

  it.each([
    ['plain text', 'Bad Gateway'],
    ['empty', ''],
    ['a JSON string', '"oops"'],
    ['JSON null', 'null'],
    ['an array', '[{"Code":"X"}]']
  ])('a body that gives nothing (%s) gives no fields', (_name, body) => {
    expect(alibabaErrorFields(response(body))).toEqual({code: undefined, message: undefined, requestId: undefined})
  })

  it('prefers the x-acs-request-id header to the body', () => {
    const body = '{"Code":"Forbidden.RAM","Message":"m","RequestId":"from-body"}'
    expect(alibabaErrorFields(response(body, {'x-acs-request-id': 'from-acs-header'})).requestId).toBe('from-acs-header')
  })

  it('falls back to the body when the header is absent', () => {
    expect(alibabaErrorFields(response('{"RequestId":"body-id"}', {'x-acs-request-id': undefined})).requestId).toBe('body-id')
  })
})

describe('ALIBABA_ERRORS: a message is shown and advised on up to the string to sign Alibaba echoes', () => {
  it('cuts a shown message at the echoed string to sign, and with it the security token it holds', () => {
    const message = 'Specified signature is not matched. server string to sign is:POST&%2F&AccessKeyId%3DLTAI%26SecurityToken%3DCAIS-tok'
    const clean = cleanMessage(message, [], ALIBABA_ERRORS)
    expect(clean).toBe('Specified signature is not matched.')
  })

  it.each<[string, string, string]>([
    [
      'the labelled string to sign',
      'Specified access key is not found. server string to sign is:POST&%2F&AccessKeyId%3DLTAI%26SecurityToken%3Dx',
      'Specified access key is not found.'
    ],
    ['StringToSign in one word', 'Bad key. StringToSign: GET\napplication/json', 'Bad key.'],
    ['an RPC string to sign without a label', 'Not authorized POST&%2F&OIDCProviderArn%3Dacs%253Aram%253A%253A1%253Aoidc-provider%252Fgh', 'Not authorized'],
    ['an echoed signed header on the same line', 'Bad token; x-acs-security-token:CAIS-tok', 'Bad token;'],
    ['a header named in prose (no value after the colon) is kept', 'x-acs-date is too early or too late', 'x-acs-date is too early or too late']
  ])('advice reads the words before %s', (_name, message, expected) => {
    expect(adviceText(message, [], ALIBABA_ERRORS)).toBe(expected)
  })

  it.each(['InvalidAction.NotFound', 'InvalidApi.NotFound', 'invalidaction.notfound'])('takes %s as the gateway\'s "no such API here"', code => {
    expect(ALIBABA_ERRORS.noSuchApi?.test(code)).toBe(true)
  })

  it.each(['EntityNotExist.Role', 'InvalidAction.NotFoundX', 'InvalidAccessKeyId.NotFound'])('takes %s as something else', code => {
    expect(ALIBABA_ERRORS.noSuchApi?.test(code)).toBe(false)
  })
})
