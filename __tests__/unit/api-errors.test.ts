import {
  adviceText,
  ApiError,
  cleanMessage,
  describe as describeError,
  fieldText,
  jsonBody,
  refuseExpired,
  secretVariants,
  shortValue,
  type ErrorDialect
} from '../../src/api-errors.js'
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

// A service of no cloud, that echoes what it was sent after "echo of request" or, unlabelled, as "signed-header:value".
const ECHOING: ErrorDialect = {fields: () => ({}), echoLabel: /,?\s*echo of request/i, echoUnlabelled: /\bsigned-header:(?=\S)/i}
// A service that echoes nothing.
const PLAIN: ErrorDialect = {fields: () => ({})}

describe('the parts a dialect reads an answer with', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a string', 'APIGW.0301', 'APIGW.0301'],
    ['a number (some codes are)', 401, '401'],
    ['an empty string, as absent', '', undefined],
    ['an object, as absent', {code: 'x'}, undefined],
    ['nothing', undefined, undefined]
  ])('fieldText takes %s', (_name, value, expected) => expect(fieldText(value)).toBe(expected))

  it.each([
    ['plain text', 'Bad Gateway'],
    ['HTML', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['empty', ''],
    ['truncated JSON', '{"error_code":"APIGW.0301","error_']
  ])('jsonBody is undefined for a body that is not JSON (%s)', (_name, body) => {
    expect(jsonBody(response(body))).toBeUndefined()
  })

  it('jsonBody parses a JSON body', () => expect(jsonBody(response('[{"a":1}]'))).toEqual([{a: 1}]))
})

describe('cleanMessage', () => {
  it('is undefined for undefined', () => expect(cleanMessage(undefined, ['s'], ECHOING)).toBeUndefined())

  it('keeps a short one-line message as it is', () => {
    expect(cleanMessage('Specified access key is not found.', [], ECHOING)).toBe('Specified access key is not found.')
  })

  it("cuts at the dialect's labelled echo of the request, and with it the headers and security token it holds", () => {
    const token = 'STS-TOKEN-abcdefghijklmnop'
    const clean = cleanMessage(`signature wrong, echo of request: POST\n/x\nsigned-header:${token}`, [], ECHOING)
    expect(clean).toBe('signature wrong')
    expect(clean).not.toContain(token)
  })

  it('cuts nothing for a dialect that names no echo', () => {
    expect(cleanMessage('signature wrong, echo of request: POST', [], PLAIN)).toBe('signature wrong, echo of request: POST')
  })

  it('folds line breaks, tabs and runs of spaces into single spaces, and trims', () => {
    expect(cleanMessage('  line one\n\tline   two\r\nline three  ', [], ECHOING)).toBe('line one line two line three')
  })

  it('caps the length at 300 characters, ending in an ellipsis', () => {
    const clean = cleanMessage('x'.repeat(100_000), [], ECHOING) as string
    expect(clean).toHaveLength(300)
    expect(clean).toBe(`${'x'.repeat(299)}…`)
    expect(cleanMessage('y'.repeat(300), [], ECHOING)).toBe('y'.repeat(300))
    expect(cleanMessage('z'.repeat(301), [], ECHOING)).toBe(`${'z'.repeat(299)}…`)
  })

  it('replaces every given secret with ***', () => {
    expect(cleanMessage('token tok123 and key sk456 and tok123 again', ['tok123', 'sk456'], ECHOING)).toBe('token *** and key *** and *** again')
  })

  it('ignores empty secrets', () => expect(cleanMessage('abc', [''], ECHOING)).toBe('abc'))

  it.each<[string, (secret: string) => string]>([
    ['raw', s => s],
    ['percent-encoded once (as in an echoed canonical query)', s => percentEncode(s)],
    ['percent-encoded twice (as in an echoed string to sign)', s => percentEncode(percentEncode(s))],
    ['encoded by encodeURIComponent', s => encodeURIComponent(s)]
  ])('takes a secret out when it appears %s', (_name, form) => {
    const token = "CAIS+tok/en=='(x)!"
    expect(cleanMessage(`bad token ${form(token)} here`, [token], ECHOING)).toBe('bad token *** here')
  })

  it('leaves no part of a secret that straddles the length cap', () => {
    const secret = 'SECRET0123456789abcdef'
    const clean = cleanMessage(`${'x'.repeat(290)}${secret}${'y'.repeat(50)}`, [secret], ECHOING) as string
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
    expect(describeError(401, {code: 'APIGW.0301', message: 'Incorrect IAM authentication information', requestId: 'r-1'}, [], ECHOING)).toBe(
      'APIGW.0301: Incorrect IAM authentication information (HTTP 401, request ID r-1)'
    )
  })

  it('leaves out what is missing', () => {
    expect(describeError(403, {code: 'Forbidden.RAM'}, [], ECHOING)).toBe('Forbidden.RAM (HTTP 403)')
    expect(describeError(500, {message: 'internal'}, [], ECHOING)).toBe('internal (HTTP 500)')
    expect(describeError(404, {requestId: 'r-2'}, [], ECHOING)).toBe('no error details (HTTP 404, request ID r-2)')
    expect(describeError(502, {}, [], ECHOING)).toBe('no error details (HTTP 502)')
  })

  it('cuts an over-long code and request ID to 100 characters, on one line, without secrets', () => {
    const text = describeError(400, {code: `C${'c'.repeat(100_000)}`, message: 'm', requestId: `tok-9\n${'r'.repeat(100_000)}`}, ['tok-9'], ECHOING)
    expect(text).toBe(`C${'c'.repeat(98)}…: m (HTTP 400, request ID *** ${'r'.repeat(95)}…)`)
  })

  it('cleans the message: cut, folded and redacted', () => {
    expect(describeError(401, {code: 'C', message: 'bad\n  sig for tok-9, echo of request:GET\n/x/'}, ['tok-9'], ECHOING)).toBe('C: bad sig for *** (HTTP 401)')
  })
})

describe("adviceText: the words advice may match are the service's own, never an echo of the request", () => {
  it.each<[string, string, string]>([
    ['a labelled echo', 'AK invalid, echo of request: POST signed-header:x', 'AK invalid'],
    ["the request's own lines, without a label", 'AK invalid\nPOST\n/x\nsigned-header:x', 'AK invalid'],
    ['an echoed signed header on the same line', 'AK invalid; signed-header:x', 'AK invalid;'],
    ['a header named in prose (no value after the colon) is kept', 'signed-header is too early', 'signed-header is too early'],
    ['a message of one line, kept whole', 'The agency does not exist.', 'The agency does not exist.'],
    ['nothing', '', '']
  ])('%s', (_name, message, expected) => {
    expect(adviceText(message, [], ECHOING)).toBe(expected)
  })

  it("ends at the next line even for a dialect that names no echo: a service's own words are one line", () => {
    expect(adviceText('AK invalid, echo of request: POST\nsigned-header:x', [], PLAIN)).toBe('AK invalid, echo of request: POST')
  })

  it('takes the secrets out first, raw or percent-encoded: a token may hold any word', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.audience-provider-duration.c2ln'
    expect(adviceText(`agency not found for ${jwt}`, [jwt], ECHOING)).toBe('agency not found for ***')
    expect(adviceText(`agency not found for ${encodeURIComponent(jwt)}`, [jwt], ECHOING)).toBe('agency not found for ***')
  })

  it('is empty for no message', () => expect(adviceText(undefined, [], ECHOING)).toBe(''))
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
  ])("refuses %s, naming who issued it, both times, and the runner's clock to check", (_name, expiresAt) => {
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
