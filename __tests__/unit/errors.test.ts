import {cut, errorMessage, MAX_QUOTED, quote, redact, UserError} from '../../src/errors.js'

describe('UserError', () => {
  it('is an Error named UserError with the message as given', () => {
    const error = new UserError("Input 'region' is required")
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('UserError')
    expect(error.message).toBe("Input 'region' is required")
  })
})

describe('errorMessage', () => {
  class CustomError extends Error {}

  it.each<[string, unknown, string]>([
    ['an Error', new Error('boom'), 'boom'],
    ['a UserError', new UserError('bad input'), 'bad input'],
    ['an Error subclass', new CustomError('custom'), 'custom'],
    ['a string', 'rejected with a string', 'rejected with a string'],
    ['an empty string', '', ''],
    ['a plain object, as JSON (not "[object Object]")', {code: 'E42', detail: 'x'}, '{"code":"E42","detail":"x"}'],
    ['an array', ['a', 1], '["a",1]'],
    ['a number', 42, '42'],
    ['a boolean', false, 'false'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
    ['a bigint', 10n, '10']
  ])('%s', (_name, value, expected) => {
    expect(errorMessage(value)).toBe(expected)
  })

  it.each<[string, () => object, string]>([
    [
      'a circular object',
      () => {
        const circular: Record<string, unknown> = {code: 'ECIRCULAR'}
        circular.self = circular
        return circular
      },
      'ECIRCULAR'
    ],
    ['an object holding a BigInt', () => ({code: 'EBIG', n: 10n}), 'EBIG'],
    // JSON.stringify gives undefined for an object whose toJSON returns undefined.
    ['an object whose JSON is undefined', () => ({toJSON: () => undefined}), '[object Object]']
  ])('says something about %s without throwing', (_name, make, expected) => {
    expect(errorMessage(make())).toContain(expected)
  })
})

describe('redact', () => {
  it.each<[string, string, string[], string]>([
    ['one secret', 'login with s3cr3t failed', ['s3cr3t'], 'login with *** failed'],
    ['every occurrence', 'a s3 b s3 c', ['s3'], 'a *** b *** c'],
    ['several secrets', 'key K1 and user U1:K1', ['K1', 'U1:K1'], 'key *** and user ***'],
    ['longest first: a secret containing another is replaced whole', 'user:pass', ['pass', 'user:pass'], '***'],
    ['regex characters taken literally', 'pw a+b*c(d) end', ['a+b*c(d)'], 'pw *** end'],
    ['dollar patterns taken literally', 'x $& y', ['$&'], 'x *** y'],
    ['empty secrets ignored', 'nothing to hide', ['', ''], 'nothing to hide'],
    ['no secrets', 'plain', [], 'plain'],
    ['absent secret', 'plain text', ['zzz'], 'plain text'],
    ['non-ASCII', 'clé: 密钥', ['密钥'], 'clé: ***'],
    ['a fragment of 8 characters or more (a partial echo)', 'token CAIS+abcdefgh… expired', ['CAIS+abcdefghijklmnop'], 'token ***… expired'],
    ['a user:password form: the password part, never the user', 'u@x:pw123456 and u@x', ['pw123456', 'u@x:pw123456'], '*** and u@x']
  ])('%s', (_name, text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected)
  })

  it("does not reorder the caller's array", () => {
    const secrets = ['a', 'abc', 'ab']
    redact('abc', secrets)
    expect(secrets).toEqual(['a', 'abc', 'ab'])
  })
})

describe('quote', () => {
  it.each<[string, string, string]>([
    ['a plain value', 'cn-north-4', "'cn-north-4'"],
    ['line breaks, as escapes', 'a\n::warning::b\r\n', "'a\\n::warning::b\\r\\n'"],
    ['ESC and a C1 character', '\x1b[2J\u009b', "'\\x1b[2J\\x9b'"],
    ['a zero-width joiner', 'a\u200db', "'a\\u200db'"],
    ['non-ASCII letters kept', 'ré/密', "'ré/密'"]
  ])('shows %s', (_name, value, expected) => {
    expect(quote(value)).toBe(expected)
  })

  it('cuts a long value to MAX_QUOTED characters, with an ellipsis', () => {
    const shown = quote('x'.repeat(100_000))
    expect(shown).toBe(`'${'x'.repeat(MAX_QUOTED - 1)}…'`)
    expect(quote('x'.repeat(MAX_QUOTED))).toBe(`'${'x'.repeat(MAX_QUOTED)}'`)
  })
})

describe('cut', () => {
  it.each([
    ['shorter than the limit', 'abc', 5, 'abc'],
    ['exactly the limit', 'abcde', 5, 'abcde'],
    ['one over', 'abcdef', 5, 'abcd…'],
    ['far over', 'x'.repeat(100_000), 10, `${'x'.repeat(9)}…`],
    ['empty', '', 5, '']
  ])('%s', (_name, text, max, expected) => {
    expect(cut(text, max)).toBe(expected)
    expect(cut(text, max).length).toBeLessThanOrEqual(max)
  })
})
