import {percentEncode} from '../../src/percent-encode.js'
import {forgetSecrets, MIN_FRAGMENT, redactRemembered, redactSecrets, rememberSecret} from '../../src/secrets.js'

// Made-up secrets of the shapes the action handles: an SK, a security token with base64 punctuation, a hex login key.
const SK = 'Wq3rT8yUi0pAs2dFg4hJk6lZx8cVb0nMq2wE4rT6'
const TOKEN = 'CAIS+SecurityToken/Xy12Zw34==Vb56Qq90Rr'
const KEY = '6a1f3c9e0b7d4a2f8e5c1b9d3a7f0e2c4b6d8a0f1e3c5b7d9a2f4e6c8b0d1a3f'

beforeEach(() => forgetSecrets())

describe('redactSecrets', () => {
  it.each<[string, string, string[], string]>([
    ['a whole secret', `key ${SK} end`, [SK], 'key *** end'],
    ['every occurrence', `${SK},${SK}`, [SK], '***,***'],
    ['a prefix of MIN_FRAGMENT characters', `echo ${TOKEN.slice(0, MIN_FRAGMENT)}!`, [TOKEN], 'echo ***!'],
    ['a suffix', `…${TOKEN.slice(-12)}`, [TOKEN], '…***'],
    ['a middle part', `x=${KEY.slice(20, 41)};`, [KEY], 'x=***;'],
    ['one character fewer than MIN_FRAGMENT stays', `echo ${TOKEN.slice(0, MIN_FRAGMENT - 1)}!`, [TOKEN], `echo ${TOKEN.slice(0, MIN_FRAGMENT - 1)}!`],
    ['fragments of two secrets side by side, as one run', `${SK.slice(0, 10)}${KEY.slice(5, 20)} end`, [SK, KEY], '*** end'],
    ['a short secret, whole only', 'pw is abc, abcd', ['abc'], 'pw is ***, ***d'],
    ['nothing to do', 'plain text', [SK], 'plain text'],
    ['no secrets', `${SK}`, [], SK],
    ['an empty secret is no secret', 'text', [''], 'text']
  ])('%s', (_name, text, secrets, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected)
  })

  it("replaces user:password whole, but only the password's fragments: the user name in front is public", () => {
    const user = 'cn-north-4@HPUAXMSFVQ4ZLDP8B2RW'
    const secrets = [KEY, `${user}:${KEY}`]
    expect(redactSecrets(`as ${user}:${KEY}`, secrets)).toBe('as ***')
    expect(redactSecrets(`✓ swr.cn-north-4.example as ${user}`, secrets)).toBe(`✓ swr.cn-north-4.example as ${user}`)
    expect(redactSecrets(`${user}:${KEY.slice(0, 9)}`, secrets)).toBe(`${user}:***`)
  })

  it("replaces a JSON document holding secrets whole, but only the secrets' fragments: its hosts are public", () => {
    const auth = Buffer.from(`user:${KEY}`).toString('base64')
    const doc = JSON.stringify({auths: {'swr.cn-north-4.myhuaweicloud.com': {auth}}})
    const secrets = [auth, doc]
    expect(redactSecrets(`doc ${doc}`, secrets)).toBe('doc ***')
    expect(redactSecrets('✗ swr.cn-east-3.myhuaweicloud.com: refused', secrets)).toBe('✗ swr.cn-east-3.myhuaweicloud.com: refused')
    expect(redactSecrets(`"auth":"${auth.slice(4, 16)}`, secrets)).toBe('"auth":"***')
    // Without the secret inside it known, the document's own fragments are taken out.
    expect(redactSecrets('✗ swr.cn-east-3.myhuaweicloud.com: refused', [doc])).toBe('✗ swr.cn-east-3***: refused')
  })

  it('also for the percent-encoded forms of user:password', () => {
    const user = 'cn-north-4@AK'
    const secrets = [KEY, percentEncode(KEY), `${user}:${KEY}`, percentEncode(`${user}:${KEY}`)]
    expect(redactSecrets('region cn-north-4 and cn-north-4%40AK', secrets)).toBe('region cn-north-4 and cn-north-4%40AK')
  })
})

describe('the remembered secrets', () => {
  it('are none at first', () => {
    expect(redactRemembered(`a ${SK}`)).toBe(`a ${SK}`)
  })

  it('are redacted whole, in fragments, and percent-encoded once and twice', () => {
    rememberSecret(TOKEN)
    rememberSecret('')
    expect(redactRemembered(`t=${TOKEN} p=${TOKEN.slice(3, 15)}`)).toBe('t=*** p=***')
    expect(redactRemembered(`s=${percentEncode(percentEncode(TOKEN))}`)).toBe('s=***')
  })

  it('a JSON document of secrets leaves its hosts alone, in every remembered form', () => {
    const auth = Buffer.from(`user:${KEY}`).toString('base64')
    rememberSecret(auth)
    rememberSecret(JSON.stringify({auths: {'registry.cn-north-4.example': {auth}}}))
    expect(redactRemembered('✗ registry.eu-west-101.example: refused')).toBe('✗ registry.eu-west-101.example: refused')
    expect(redactRemembered(`auth ${auth.slice(2, 12)}`)).toBe('auth ***')
  })

  it('take in a secret remembered later', () => {
    rememberSecret(SK)
    expect(redactRemembered(KEY)).toBe(KEY)
    rememberSecret(KEY)
    expect(redactRemembered(`${KEY} ${SK}`)).toBe('*** ***')
  })

  it('are forgotten by forgetSecrets', () => {
    rememberSecret(SK)
    forgetSecrets()
    expect(redactRemembered(SK)).toBe(SK)
  })
})
