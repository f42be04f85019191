import {UserError} from '../../../src/errors.js'
import {checkAccessKeySecret, checkKeyPair, emptySecretError, noCredentialError, parseDuration, parseLoginType} from '../../../src/providers/auth-inputs.js'
import type {KeyShapes} from '../../../src/providers/key-shapes.js'
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

// A vendor of our own: AKs are 'AK' and digits, SKs are 'sk' and digits; its provider refuses other AKs or not.
const SHAPES: KeyShapes = {
  vendor: 'Example Cloud',
  akLooks: "'AK' and digits",
  useWith: "set 'provider: example'",
  isAccessKeyId: value => /^AK\d+$/.test(value),
  isAccessKeySecret: value => /^sk\d+$/.test(value),
  distinctiveAk: true,
  refuseUnlike: false
}
// Another vendor: AKs 'OT' and digits, SKs 'ot' and digits.
const OTHER: KeyShapes = {
  vendor: 'Other Cloud',
  akLooks: "'OT' and digits",
  useWith: "for Other Cloud, set 'provider: other'",
  isAccessKeyId: value => /^OT\d+$/.test(value),
  isAccessKeySecret: value => /^ot\d+$/.test(value),
  distinctiveAk: true,
  refuseUnlike: false
}
const EXAMPLES = {ak: 'EX_AK', sk: 'EX_SK'}

/** checkKeyPair with these inputs and shapes: what it returned or the message it threw, and what it masked. */
function check(accessKeyId: string, accessKeySecret: string, shapes: KeyShapes = SHAPES): {result?: unknown; message?: string; masked: string[]} {
  const masked: string[] = []
  try {
    return {result: checkKeyPair({accessKeyId, accessKeySecret}, {shapes, others: [OTHER], examples: EXAMPLES, more: ' More.'}, secret => masked.push(secret)), masked}
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return {message: (error as UserError).message, masked}
  }
}

describe('checkKeyPair', () => {
  it('takes an AK of the shape as it is, and masks nothing (the SK was masked when read)', () => {
    expect(check('AK123', 'sk456')).toEqual({result: {accessKeyId: 'AK123', accessKeySecret: 'sk456'}, masked: []})
  })

  it('with a lenient provider, takes an AK of another shape, but masks it: it may be a secret', () => {
    expect(check('Other.Key9', 'sk456')).toEqual({result: {accessKeyId: 'Other.Key9', accessKeySecret: 'sk456'}, masked: ['Other.Key9']})
  })

  it.each<[string, string, string, RegExp]>([
    [
      'swapped',
      'sk456',
      'AK123',
      /^Inputs 'access-key-id' and 'access-key-secret' look swapped: 'access-key-id' has the shape of a secret access key \(SK\) of Example Cloud and 'access-key-secret' that of an access key ID \(AK\)\. Put the AK \('AK' and digits\) in 'access-key-id' and the SK in 'access-key-secret'\. The value was masked in the log and not used\.$/
    ],
    [
      'an SK as the AK',
      'sk456',
      'sk789',
      /^Input 'access-key-id' does not look like an access key ID \(it has the shape of a secret access key of Example Cloud\): pass the AK, not the SK\. The value was masked/
    ],
    [
      'characters an AK never has',
      'AK-1 2',
      'sk789',
      /^Input 'access-key-id' does not look like an access key ID \(it contains characters other than letters, digits and dots\): pass the AK/
    ],
    [
      'such characters, with an AK as the SK',
      'a/b',
      'AK123',
      /\(it contains characters other than letters, digits and dots\) and 'access-key-secret' looks like an AK: are the two inputs swapped\? The value was masked/
    ]
  ])('refuses %s, masks the value first, and never shows it', (_name, ak, sk, why) => {
    const {message, masked} = check(ak, sk)
    expect(message).toMatch(why)
    expect(masked).toEqual([ak])
    expect(message).not.toContain(ak)
    expect(message).not.toContain(sk)
  })

  it('with a strict provider, refuses any AK not of the shape, saying what one looks like', () => {
    const strict = {...SHAPES, refuseUnlike: true}
    expect(check('Other9', 'sk456', strict)).toMatchObject({
      message:
        "Input 'access-key-id' does not look like an access key ID (Example Cloud AKs are 'AK' and digits): pass the AK, not the SK. The value was masked in the log and not used.",
      masked: ['Other9']
    })
    expect(check('Other9', 'AK1', strict).message).toMatch(/and 'access-key-secret' looks like an AK: are the two inputs swapped\?/)
  })

  it("refuses another vendor's key pair, naming that vendor and the provider to set, masking the AK first", () => {
    const {message, masked} = check('OT123', 'ot456')
    expect(message).toBe(
      "Inputs 'access-key-id' and 'access-key-secret' look like a key pair of Other Cloud, not of Example Cloud: for Other " +
        "Cloud, set 'provider: other'. The value was masked in the log and not used."
    )
    expect(masked).toEqual(['OT123'])
  })

  it('says no credential reached the job when both inputs are empty, with the causes and the examples', () => {
    expect(check('', '').message).toBe(noCredentialError(EXAMPLES, ' More.').message)
  })

  it('checks the SK first, then an empty AK, with the examples and the extra sentence', () => {
    expect(check('AK1', '').message).toMatch(/^Input 'access-key-secret' is empty\. .*secrets\.EX_SK.* More\.$/)
    expect(check('', 'sk1').message).toMatch(/^Input 'access-key-id' is empty\. .*secrets\.EX_AK.* More\.$/)
    expect(check('', 'two words').message).toMatch(/^Input 'access-key-secret' contains spaces/)
  })
})

describe('noCredentialError', () => {
  const message = noCredentialError(EXAMPLES, ' More.').message

  it('says that nothing reached the job, naming both inputs', () => {
    expect(message).toMatch(/^No credential reached this job: 'access-key-id' and 'access-key-secret' are both empty\. /)
  })

  it('lists the causes most likely first: a missing secret, a fork or Dependabot, a reusable workflow without secrets', () => {
    const at = (text: string): number => message.indexOf(text)
    expect(at('(1) no secret of that name exists')).toBeGreaterThan(0)
    expect(at('(2) the run is a pull request from a fork, or a Dependabot run')).toBeGreaterThan(at('(1)'))
    expect(at("(3) this is a reusable workflow whose caller passed neither 'secrets: inherit'")).toBeGreaterThan(at('(2)'))
  })

  it('shows secret names GitHub allows, the keyless alternative, and the extra sentence last', () => {
    expect(message).toContain("Secret names hold only letters, digits and '_'")
    expect(message).toContain("'access-key-id: ${{ secrets.EX_AK }}' and 'access-key-secret: ${{ secrets.EX_SK }}'")
    expect(message).toMatch(/keyless login with 'oidc-provider'\. More\.$/)
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
    expect(thrown(() => parseDuration(value)).message).toBe(`Input 'duration' is '${value}': ${why}. Use a time like 15m, 2h or 24h (15 minutes to 24 hours).`)
  })
})
