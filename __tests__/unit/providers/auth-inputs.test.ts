import {UserError} from '../../../src/errors.js'
import {
  checkAccessKeyId,
  checkAccessKeySecret,
  emptySecretError,
  parseDuration,
  parseLoginType
} from '../../../src/providers/auth-inputs.js'
import {userError as thrown} from '../../support/refusal.js'

// Distinctive enough that finding it (or a recognisable part of it) in a message cannot be chance.
const SK = 'Zq8v+S3cr3t/Value=9xK2mPq7Lw'

describe('emptySecretError', () => {
  it('names the input, explains the usual causes, and shows the secret to pass', () => {
    const error = emptySecretError('access-key-secret', 'HW_SK')
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(/^Input 'access-key-secret' is empty\. /)
    expect(error.message).toMatch(/forks/)
    expect(error.message).toMatch(/Dependabot/)
    expect(error.message).toContain("'secrets: inherit'")
    expect(error.message).toMatch(/'access-key-secret: \$\{\{ secrets\.HW_SK \}\}'\.$/)
  })

  it('appends the extra sentence at the very end', () => {
    expect(emptySecretError('username', 'ACR_USERNAME', ' With a password, the name too.').message).toMatch(
      /'username: \$\{\{ secrets\.ACR_USERNAME \}\}'\. With a password, the name too\.$/
    )
  })
})

describe('checkAccessKeyId', () => {
  it.each(['HPUAXMSFVQ4ZLDP8B2RW', 'LTAI5tQwErTyUiOpAsDfGh', 'STS.NUxYz0123456789AbCdEf', 'A', '0123'])('accepts %j as it is', ak => {
    expect(checkAccessKeyId(ak, 'HW_AK')).toBe(ak)
  })

  it('refuses an empty one with the empty-secret explanation and the extra sentence', () => {
    const message = thrown(() => checkAccessKeyId('', 'ALIYUN_AK', ' More.')).message
    expect(message).toMatch(/^Input 'access-key-id' is empty\. .*secrets\.ALIYUN_AK.* More\.$/)
  })

  it.each([
    ['the SK pasted as AK', SK],
    ['a hyphen', 'AK-123'],
    ['an inner space', 'AKID 123'],
    ['a non-ASCII letter', 'AKIDÉ123'],
    ['an underscore', 'AK_ID_123'],
    ['a trailing newline', 'AKID123\n']
  ])('refuses one with %s, suggesting a swap and never echoing it', (_name, value) => {
    const message = thrown(() => checkAccessKeyId(value, 'HW_AK')).message
    expect(message).toBe(
      "Input 'access-key-id' must contain only letters, digits and dots, and it contains other characters. " +
        'Pass the access key ID (AK), not the secret access key (SK): are the two inputs swapped?'
    )
  })
})

describe('checkAccessKeySecret', () => {
  it.each([SK, `a+b/c=d!e@f#g$h%i^j&k*l(m)n_o-p"q'r\`s\\t|u;v:w,x.y<z>?~é密`, 'x'])('accepts %j as it is', sk => {
    expect(checkAccessKeySecret(sk, 'HW_SK')).toBe(sk)
  })

  it('refuses an empty one with the empty-secret explanation and the extra sentence', () => {
    const message = thrown(() => checkAccessKeySecret('', 'ALIYUN_SK', ' More.')).message
    expect(message).toMatch(/^Input 'access-key-secret' is empty\. .*secrets\.ALIYUN_SK.* More\.$/)
  })

  it.each([
    ['a space', 'first-half second-half'],
    ['a tab', 'first-half\tsecond-half'],
    ['a line break', 'first-half\nsecond-half'],
    ['a non-breaking space', 'first-half\u00a0second-half'],
    ['a trailing non-breaking space (inputs.ts trims ASCII only)', 'first-half-second-half\u00a0']
  ])('refuses one with %s inside, never echoing it', (_name, value) => {
    const message = thrown(() => checkAccessKeySecret(value, 'HW_SK')).message
    expect(message).toMatch(/^Input 'access-key-secret' contains spaces or line breaks inside it\./)
    expect(message).not.toContain('first-half')
    expect(message).not.toContain('second-half')
  })
})

describe('parseLoginType', () => {
  it.each<[string, string | undefined]>([
    ['', undefined],
    ['long-term', 'long-term'],
    ['LONG-TERM', 'long-term'],
    ['Long-Term', 'long-term'],
    ['temporary', 'temporary'],
    ['Temporary', 'temporary'],
    ['TEMPORARY', 'temporary']
  ])('%j → %p', (value, expected) => expect(parseLoginType(value)).toBe(expected))

  it.each(['short', 'longterm', 'temp', 'long term', 'long_term', 'permanent'])('refuses %j, quoting it as given', value => {
    expect(thrown(() => parseLoginType(value)).message).toBe(`Input 'login-type' is '${value}'; use 'long-term' or 'temporary'.`)
  })
})

describe('parseDuration', () => {
  it.each<[string, number | undefined]>([
    ['', undefined],
    ['15m', 900],
    ['2h', 7200],
    ['24h', 86400],
    ['1h30m', 5400],
    ['900', 900],
    ['86400', 86400],
    ['930s', 930],
    ['1h0m0s', 3600],
    ['23h59m60s', 86400],
    ['16m30s', 990],
    ['2H', 7200],
    ['1H30M', 5400]
  ])('%j → %p seconds', (value, expected) => expect(parseDuration(value)).toBe(expected))

  it.each([
    ['14m', 'shorter than SWR allows'],
    ['899', 'shorter than SWR allows'],
    ['899s', 'shorter than SWR allows'],
    ['0', 'shorter than SWR allows'],
    ['24h1s', 'longer than SWR allows'],
    ['86401', 'longer than SWR allows'],
    ['25h', 'longer than SWR allows'],
    ['1d', 'not a duration'],
    ['-5m', 'not a duration'],
    ['abc', 'not a duration'],
    ['2 h', 'not a duration'],
    ['1.5h', 'not a duration'],
    ['15min', 'not a duration'],
    ['30m2h', 'not a duration'],
    ['h', 'not a duration'],
    ['PT2H', 'not a duration']
  ])('refuses %j: %s', (value, why) => {
    expect(thrown(() => parseDuration(value)).message).toBe(
      `Input 'duration' is '${value}': ${why}. Use a time like 15m, 2h or 24h (15 minutes to 24 hours).`
    )
  })
})
