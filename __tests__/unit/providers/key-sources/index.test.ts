import type {AuthInputs} from '../../../../src/providers/auth-inputs.js'
import {githubOidc} from '../../../../src/providers/key-sources/github-oidc.js'
import {chooseKeySource, KEY_SOURCES, keySourceFor} from '../../../../src/providers/key-sources/index.js'
import {stored} from '../../../../src/providers/key-sources/stored.js'
import {NO_AUTH_INPUTS as NONE} from '../../../support/fakes.js'
import {refusal} from '../../../support/refusal.js'

const SK = 'Yt7/uI9+oP0aSdFgHjKl1ZxCvBnM2q'
const TOKEN = 'CAIS+SecurityToken/Xy12Zw34==Vb56'
const PASSWORD = 'Acr-Fixed-Pa55word!#7'
const ROLE = 'acs:ram::1234567890123456:role/push'
const PROVIDER = 'acs:ram::1234567890123456:oidc-provider/github'
const KEYLESS: AuthInputs = {...NONE, oidcProvider: PROVIDER, roleToAssume: ROLE}
const KEY_PAIR: AuthInputs = {...NONE, accessKeyId: 'LTAI5tQwErTyUiOpAsDfGh', accessKeySecret: SK}

describe('KEY_SOURCES', () => {
  it('lists keyless login and the stored keys, each under its own name, and no input turns on two of them', () => {
    expect(KEY_SOURCES).toEqual([githubOidc, stored])
    expect(new Set(KEY_SOURCES.map(source => source.name)).size).toBe(KEY_SOURCES.length)
    const inputs = KEY_SOURCES.flatMap(source => [...source.turnedOnBy, ...source.goesWith])
    expect(new Set(inputs).size).toBe(inputs.length)
  })
})

describe('keySourceFor', () => {
  it.each<[string, string, AuthInputs]>([
    ["'oidc-provider' given", 'github-oidc', {...NONE, oidcProvider: PROVIDER}],
    ['nothing given (the stored keys, whose checks then say none were)', 'stored', NONE],
    // The other keyless inputs do not turn it on: 'oidc-provider' alone does (the others are refused without it).
    ["every keyless input but 'oidc-provider'", 'stored', {...NONE, roleToAssume: ROLE, audience: 'a', roleSessionName: 'n', stsEndpoint: 'https://x'}],
    ['a stored key pair', 'stored', KEY_PAIR],
    // It refuses nothing: the mix is chooseKeySource's to refuse.
    ["a stored key pair and 'oidc-provider'", 'github-oidc', {...KEY_PAIR, oidcProvider: PROVIDER}]
  ])('%s: %s', (_name, expected, inputs) => {
    expect(keySourceFor(inputs).name).toBe(expected)
  })
})

describe('chooseKeySource', () => {
  it.each<[string, AuthInputs, string]>([
    ['the keyless inputs', KEYLESS, 'github-oidc'],
    [
      'every keyless input and the other auth inputs',
      {...KEYLESS, audience: 'a', roleSessionName: 's', stsEndpoint: 'https://x', duration: '1h', loginType: 'temporary', instanceId: 'cri-abc'},
      'github-oidc'
    ],
    ['a stored credential', {...KEY_PAIR, securityToken: TOKEN, username: 'u', password: PASSWORD}, 'stored'],
    ['no input at all', NONE, 'stored'],
    // 'duration' has a meaning of its own without keyless login (SWR's temporary login).
    ["'duration'", {...NONE, duration: '2h'}, 'stored'],
    ["'login-type' and 'instance-id'", {...NONE, loginType: 'temporary', instanceId: 'cri-abc'}, 'stored']
  ])('chooses for %s the source they turn on', (_name, inputs, expected) => {
    expect(chooseKeySource(inputs, undefined).name).toBe(expected)
  })

  it("lets 'login-type' through where the keys allow it: long-term with stored keys, temporary with keyless", () => {
    expect(chooseKeySource(KEY_PAIR, 'long-term')).toBe(stored)
    expect(chooseKeySource(KEYLESS, 'temporary')).toBe(githubOidc)
  })

  describe('refuses the inputs of two sources at once', () => {
    it.each<[string, Partial<AuthInputs>, string, string]>([
      ["'access-key-id'", {accessKeyId: 'LTAI5tQwErTyUiOpAsDfGh'}, "'access-key-id'", 'the other'],
      ["'access-key-secret'", {accessKeySecret: SK}, "'access-key-secret'", 'the other'],
      ["'security-token'", {securityToken: TOKEN}, "'security-token'", 'the other'],
      ["'username'", {username: 'dev@example.com'}, "'username'", 'the other'],
      ["'password'", {password: PASSWORD}, "'password'", 'the other'],
      ['a key pair', {accessKeyId: 'LTAI5tQwErTyUiOpAsDfGh', accessKeySecret: SK}, "'access-key-id', 'access-key-secret'", 'the others'],
      [
        'every stored input, listed in a fixed order',
        {password: PASSWORD, username: 'u', securityToken: TOKEN, accessKeySecret: SK, accessKeyId: 'AK'},
        "'access-key-id', 'access-key-secret', 'security-token', 'username', 'password'",
        'the others'
      ]
    ])("'oidc-provider' with %s, naming the inputs", (_name, given, listed, other) => {
      expect(refusal(() => chooseKeySource({...KEYLESS, ...given}, undefined))).toBe(
        `Inputs 'oidc-provider' and ${listed} are both given: 'oidc-provider' logs in keylessly, with the job's GitHub ` +
          `OIDC token, and ${other} with a stored credential. Choose one: remove ${listed} for keyless login, or ` +
          `'oidc-provider' (with 'role-to-assume') to use the stored credential.`
      )
    })

    it('never showing a value: a secret in access-key-secret, nor the others', () => {
      const message = refusal(() =>
        chooseKeySource(
          {...KEYLESS, accessKeyId: 'LTAI5tQwErTyUiOpAsDfGh', accessKeySecret: SK, securityToken: TOKEN, username: 'dev@example.com', password: PASSWORD},
          undefined
        )
      )
      for (const value of ['LTAI5tQwErTyUiOpAsDfGh', SK, TOKEN, 'dev@example.com', PASSWORD]) {
        expect(message).not.toContain(value)
        expect(message).not.toContain(value.slice(0, 8))
        expect(message).not.toContain(value.slice(-8))
      }
    })

    it("before 'login-type: long-term'", () => {
      expect(refusal(() => chooseKeySource({...KEYLESS, ...KEY_PAIR, oidcProvider: PROVIDER}, 'long-term'))).toMatch(/^Inputs 'oidc-provider' and /)
    })
  })

  describe('refuses an input that means nothing without the source it is for', () => {
    it.each<[keyof AuthInputs, string]>([
      ['roleToAssume', 'role-to-assume'],
      ['audience', 'audience'],
      ['roleSessionName', 'role-session-name'],
      ['stsEndpoint', 'sts-endpoint']
    ])("'%s' without 'oidc-provider', naming it", (name, input) => {
      expect(refusal(() => chooseKeySource({...KEY_PAIR, [name]: 'x'}, undefined))).toBe(
        `Input '${input}' is for keyless login, which 'oidc-provider' turns on, and 'oidc-provider' is empty. Set ` +
          `'oidc-provider' (see "Keyless login (OIDC)" in the README), or remove '${input}'.`
      )
    })

    it('naming the first, in the order role-to-assume, audience, role-session-name, sts-endpoint', () => {
      const all = {...NONE, roleToAssume: 'r', audience: 'a', roleSessionName: 's', stsEndpoint: 'e'}
      expect(refusal(() => chooseKeySource(all, undefined))).toMatch(/^Input 'role-to-assume' /)
      expect(refusal(() => chooseKeySource({...all, roleToAssume: ''}, undefined))).toMatch(/^Input 'audience' /)
      expect(refusal(() => chooseKeySource({...all, roleToAssume: '', audience: ''}, undefined))).toMatch(/^Input 'role-session-name' /)
    })
  })

  it("refuses 'login-type: long-term' with keys that are always temporary, in one wording for every provider", () => {
    expect(refusal(() => chooseKeySource(KEYLESS, 'long-term'))).toBe(
      "Keyless login ('oidc-provider') gives temporary keys, and a login made with them is temporary too: 'login-type: " + "long-term' cannot be met. Remove 'login-type'."
    )
  })
})
