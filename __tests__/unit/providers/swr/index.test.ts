import {jest} from '@jest/globals'
import {execFileSync} from 'node:child_process'
import type {Credential} from '../../../../src/credential.js'
import type {FailureKind} from '../../../../src/engines/failure.js'
import {UserError} from '../../../../src/errors.js'
import type {AuthInputs} from '../../../../src/providers/auth-inputs.js'
import {NO_AUTH_INPUTS as NONE} from '../../../support/fakes.js'
import type {ApiSource, ApiTarget, CredentialSource, LocalSource, ObtainContext} from '../../../../src/providers/provider.js'
import type {RegistryAddress} from '../../../../src/registry.js'
import {refusal as refusalOf} from '../../../support/refusal.js'

// The temporary login's code (./api.js) is replaced, and counted when loaded: the long-term login must never load it.
let apiLoaded = 0
const swrCredential = jest.fn<(target: ApiTarget, auth: unknown, context: ObtainContext) => Promise<Credential>>()
jest.unstable_mockModule('../../../../src/providers/swr/api.js', () => {
  apiLoaded++
  return {swrCredential}
})
const {HUAWEI_KEYS, swr, swrApiEndpoint, swrDefaultRegistry} = await import('../../../../src/providers/swr/index.js')

const AK = 'HPUAXMSFVQ4ZLDP8B2RW'
// Distinctive enough that finding it (or a recognisable part of it) in a message cannot be chance.
const SK = 'Zq8v+S3cr3t/Value=9xK2mPq7Lw'
const TOKEN = 'CAIS+SecurityToken/Xy12Zw34==Vb56'
// The login key of AK with the SK 'SecretKey', from openssl as the vendor documents it (key.test.ts checks the
// protocol notes' own vector): `printf HPUAXMSFVQ4ZLDP8B2RW | openssl dgst -sha256 -hmac SecretKey`.
const CHECK_KEY = execFileSync('openssl', ['dgst', '-sha256', '-hmac', 'SecretKey', '-r'], {input: AK, encoding: 'utf8'}).split(' ')[0]

const KEYS: AuthInputs = {...NONE, accessKeyId: AK, accessKeySecret: SK}
/** What the sources were given to mask with; emptied before each test. */
const masked: string[] = []
const MASK = (secret: string): void => void masked.push(secret)
beforeEach(() => void masked.splice(0))
const TEMP: AuthInputs = {...KEYS, loginType: 'temporary'}

const REGISTRY: RegistryAddress = {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

function local(inputs: AuthInputs): LocalSource {
  const source = swr.credentialSource(inputs, MASK)
  expect(source.kind).toBe('local')
  return source as LocalSource
}

function api(inputs: AuthInputs): ApiSource {
  const source = swr.credentialSource(inputs, MASK)
  expect(source.kind).toBe('api')
  return source as ApiSource
}

function refusal(inputs: AuthInputs): string {
  return refusalOf(() => swr.credentialSource(inputs, MASK))
}

/** The auth that a temporary source hands to swrCredential, seen through the replaced api.js. */
async function temporaryAuth(source: ApiSource): Promise<unknown> {
  swrCredential.mockClear()
  swrCredential.mockResolvedValueOnce({region: 'r', registry: REGISTRY, username: 'u', password: 'p'})
  const target: ApiTarget = {kind: 'api', provider: 'swr', region: 'cn-north-4', registry: REGISTRY, source, endpoint: new URL('https://x')}
  await source.obtain(target, {mask: () => undefined, log: () => undefined, env: {}})
  return swrCredential.mock.calls[0][1]
}

// First in the file: the other tests load the API code.
describe('loading the API code', () => {
  it('happens on the first temporary credential, not for the long-term key nor when the sources are made', async () => {
    const longTerm = local(KEYS)
    const temporary = api(TEMP)
    longTerm.obtain({kind: 'local', provider: 'swr', region: 'cn-north-4', registry: REGISTRY, source: longTerm}, {mask: () => undefined, log: () => undefined, env: {}})
    expect(apiLoaded).toBe(0)
    await temporaryAuth(temporary)
    expect(apiLoaded).toBe(1)
  })
})

describe('swr provider', () => {
  it("is named 'swr'", () => expect(swr.name).toBe('swr'))
})

describe('default registry and API endpoint per region', () => {
  it.each([
    ['cn-north-4', 'swr.cn-north-4.myhuaweicloud.com', 'https://swr-api.cn-north-4.myhuaweicloud.com'],
    ['ap-southeast-3', 'swr.ap-southeast-3.myhuaweicloud.com', 'https://swr-api.ap-southeast-3.myhuaweicloud.com'],
    ['cn-north-11', 'swr.cn-north-11.myhuaweicloud.com', 'https://swr-api.cn-north-11.myhuaweicloud.com'],
    ['eu-west-0', 'swr.eu-west-0.myhuaweicloud.com', 'https://swr-api.eu-west-0.myhuaweicloud.com'],
    ['tr-central-201', 'swr.tr-central-201.myhuaweicloud.com', 'https://swr-api.tr-central-201.myhuaweicloud.com'],
    ['eu-west-101', 'swr.eu-west-101.myhuaweicloud.eu', 'https://swr-api.eu-west-101.myhuaweicloud.eu']
  ])('%s → %s, %s', (region, registry, endpoint) => {
    expect(swrDefaultRegistry(region)).toBe(registry)
    expect(swrApiEndpoint(region)).toBe(endpoint)
  })

  it('both sources use them', () => {
    expect(local(KEYS).defaultRegistry('eu-west-101')).toBe('swr.eu-west-101.myhuaweicloud.eu')
    const temporary = api(TEMP)
    expect(temporary.defaultRegistry('eu-west-101')).toBe('swr.eu-west-101.myhuaweicloud.eu')
    expect(temporary.defaultEndpoint('eu-west-101')).toBe('https://swr-api.eu-west-101.myhuaweicloud.eu')
    expect(temporary.defaultEndpoint('cn-north-4')).toBe('https://swr-api.cn-north-4.myhuaweicloud.com')
  })

  it('neither source restricts regions or registries', () => {
    for (const source of [local(KEYS), api(TEMP)] as CredentialSource[]) {
      expect(source.checkRegions).toBeUndefined()
      expect(source.checkRegistry).toBeUndefined()
    }
  })
})

describe('auth inputs: which login', () => {
  it.each<[string, AuthInputs]>([
    ['a key pair (the default login type)', KEYS],
    ["'login-type: long-term'", {...KEYS, loginType: 'long-term'}],
    ["'login-type: LONG-TERM'", {...KEYS, loginType: 'LONG-TERM'}]
  ])('%s gives the long-term login key, made here', (_name, inputs) => {
    expect(local(inputs).description).toBe('SWR long-term login key, derived from the access key pair (no API call)')
  })

  it.each<[string, AuthInputs, object, string]>([
    [
      "'login-type: temporary'",
      TEMP,
      {accessKeyId: AK, accessKeySecret: SK, securityToken: undefined, durationSeconds: undefined},
      'SWR temporary login from the CreateSecret API'
    ],
    [
      "'login-type: Temporary' with a security token",
      {...KEYS, loginType: 'Temporary', securityToken: TOKEN},
      {accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN, durationSeconds: undefined},
      'SWR temporary login from the CreateSecret API'
    ],
    [
      "'login-type: temporary' with a duration",
      {...TEMP, duration: '2h'},
      {accessKeyId: AK, accessKeySecret: SK, securityToken: undefined, durationSeconds: 7200},
      'SWR temporary login from the CreateSecret API, valid 7200 s'
    ],
    [
      "'login-type: temporary' with a security token and a duration",
      {...TEMP, securityToken: TOKEN, duration: '1h30m'},
      {accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN, durationSeconds: 5400},
      'SWR temporary login from the CreateSecret API, valid 5400 s'
    ]
  ])('%s gives a temporary login from the API, with the auth it was given', async (_name, inputs, auth, description) => {
    const source = api(inputs)
    expect(source.description).toBe(description)
    expect(await temporaryAuth(source)).toEqual(auth)
  })
})

describe('auth inputs: refusals', () => {
  it.each<[string, AuthInputs, RegExp]>([
    ['an unknown login type', {...KEYS, loginType: 'short'}, /^Input 'login-type' is 'short'; use 'long-term' or 'temporary'\.$/],
    ['a bad duration', {...TEMP, duration: '1d'}, /^Input 'duration' is '1d': not a duration\./],
    ['a username', {...KEYS, username: 'dev'}, /^Inputs 'username' and 'password' are for provider acr \(its fixed access password\); SWR logs in with 'access-key-id' and 'access-key-secret', or keylessly with 'oidc-provider'\.$/],
    ['a password', {...KEYS, password: 'pw'}, /^Inputs 'username' and 'password' are for provider acr/],
    ['username and password without a key pair', {...NONE, username: 'dev', password: 'pw'}, /^Inputs 'username' and 'password' are for provider acr/],
    ['an instance ID', {...KEYS, instanceId: 'cri-abc'}, /^Input 'instance-id' is for provider acr \(an ACR Enterprise Edition instance\); remove it for SWR\.$/],
    ['an instance ID with a temporary login', {...TEMP, instanceId: 'cri-abc'}, /^Input 'instance-id' is for provider acr/],
    ['no secret key', {...KEYS, accessKeySecret: ''}, /^Input 'access-key-secret' is empty\. .*'access-key-secret: \$\{\{ secrets\.HW_SK \}\}'\.$/],
    ['no key pair at all', NONE, /^Input 'access-key-secret' is empty\./],
    ['no key ID', {...KEYS, accessKeyId: ''}, /^Input 'access-key-id' is empty\. .*'access-key-id: \$\{\{ secrets\.HW_AK \}\}'\.$/],
    ['the secret key as key ID', {...KEYS, accessKeyId: SK}, /^Input 'access-key-id' does not look like an access key ID \(it contains characters other than letters, digits and dots\): pass the AK, not the SK\. The value was masked/],
    ['a secret key with a space inside', {...KEYS, accessKeySecret: `${SK} ${SK}`}, /^Input 'access-key-secret' contains spaces or line breaks/],
    [
      'a security token with the long-term login (default)',
      {...KEYS, securityToken: TOKEN},
      /^Input 'security-token' needs 'login-type: temporary' with provider swr: a temporary key pair cannot give the long-term login key\. Add 'login-type: temporary'\.$/
    ],
    ["a security token with 'login-type: long-term'", {...KEYS, loginType: 'long-term', securityToken: TOKEN}, /^Input 'security-token' needs 'login-type: temporary'/],
    [
      'a duration with the long-term login',
      {...KEYS, duration: '2h'},
      /^Input 'duration' applies to 'login-type: temporary' \(the long-term key does not expire\)\. Add 'login-type: temporary' or remove 'duration'\.$/
    ]
  ])('refuses %s', (_name, inputs, why) => {
    const message = refusal(inputs)
    expect(message).toMatch(why)
    for (const secret of [SK, TOKEN]) {
      expect(message).not.toContain(secret.slice(0, 10))
      expect(message).not.toContain(secret.slice(-10))
    }
  })

  it('judges login-type and duration first, then username/password, instance-id, the secret key, the key ID', () => {
    expect(refusal({...NONE, loginType: 'bad', duration: 'bad', username: 'u'})).toMatch(/^Input 'login-type'/)
    expect(refusal({...NONE, duration: 'bad', username: 'u'})).toMatch(/^Input 'duration'/)
    expect(refusal({...NONE, username: 'u', instanceId: 'x'})).toMatch(/^Inputs 'username' and 'password'/)
    expect(refusal({...NONE, instanceId: 'x'})).toMatch(/^Input 'instance-id'/)
    expect(refusal({...NONE, accessKeyId: 'bad-ak'})).toMatch(/^Input 'access-key-secret'/)
    expect(refusal({...KEYS, accessKeyId: 'bad-ak', securityToken: TOKEN})).toMatch(/^Input 'access-key-id'/)
  })
})

describe('long-term login key (local source)', () => {
  const source = local({...NONE, accessKeyId: AK, accessKeySecret: 'SecretKey'})

  function obtain(region: string, registry: RegistryAddress, mask: (secret: string) => void = () => undefined): Credential {
    return source.obtain({kind: 'local', provider: 'swr', region, registry, source}, {mask, log: () => undefined, env: {}})
  }

  it('derives the key (HMAC-SHA256 of the AK keyed with the SK, hex) and the user <region>@<AK>, without an expiry', () => {
    const credential = obtain('cn-north-4', REGISTRY)
    expect(credential).toEqual({region: 'cn-north-4', registry: REGISTRY, username: `cn-north-4@${AK}`, password: CHECK_KEY})
    expect(credential).not.toHaveProperty('expiresAt')
  })

  it('gives each region its own user name and registry, the same key', () => {
    const eu: RegistryAddress = {scheme: 'https', host: 'swr.eu-west-101.myhuaweicloud.eu'}
    expect(obtain('eu-west-101', eu)).toEqual({region: 'eu-west-101', registry: eu, username: `eu-west-101@${AK}`, password: CHECK_KEY})
  })

  it('masks the key before anything else, then every secret form of the credential, all before it returns', () => {
    const masked: string[] = []
    let returned = false
    const late: string[] = []
    obtain('cn-north-4', REGISTRY, secret => {
      if (returned) late.push(secret)
      masked.push(secret)
    })
    returned = true
    expect(masked[0]).toBe(CHECK_KEY)
    expect(new Set(masked)).toEqual(new Set([CHECK_KEY, `cn-north-4@${AK}:${CHECK_KEY}`, b64(`cn-north-4@${AK}:${CHECK_KEY}`)]))
    expect(late).toEqual([])
  })

  it('never masks (or shows) the SK itself: getInputs masked it', () => {
    const masked: string[] = []
    obtain('cn-north-4', REGISTRY, secret => masked.push(secret))
    for (const secret of masked) expect(secret).not.toContain('SecretKey')
  })

  it('returns nothing when the first mask throws', () => {
    const mask = jest.fn(() => {
      throw new Error('cannot mask')
    })
    expect(() => obtain('cn-north-4', REGISTRY, mask)).toThrow('cannot mask')
    expect(mask).toHaveBeenCalledTimes(1)
    expect(mask).toHaveBeenCalledWith(CHECK_KEY)
  })
})

describe('temporary login (API source)', () => {
  it('hands ./api.js the target, the auth and the context, and returns its credential', async () => {
    const source = api({...TEMP, securityToken: TOKEN, duration: '15m'})
    const target: ApiTarget = {
      kind: 'api',
      provider: 'swr',
      region: 'cn-north-4',
      registry: REGISTRY,
      source,
      endpoint: new URL('https://swr-api.cn-north-4.myhuaweicloud.com')
    }
    const credential: Credential = {region: 'cn-north-4', registry: REGISTRY, username: 'cn-north-4@tmp', password: 'pw', expiresAt: '2026-01-01T00:00:00.000Z'}
    const context: ObtainContext = {mask: () => undefined, log: () => undefined, env: {}}
    swrCredential.mockClear()
    swrCredential.mockResolvedValueOnce(credential)
    await expect(source.obtain(target, context)).resolves.toBe(credential)
    expect(swrCredential).toHaveBeenCalledTimes(1)
    expect(swrCredential).toHaveBeenCalledWith(target, {accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN, durationSeconds: 900}, context)
  })

  it("passes the API's failure on", async () => {
    const source = api(TEMP)
    swrCredential.mockRejectedValueOnce(new UserError('The SWR API refused'))
    const target: ApiTarget = {kind: 'api', provider: 'swr', region: 'cn-north-4', registry: REGISTRY, source, endpoint: new URL('https://x')}
    await expect(source.obtain(target, {mask: () => undefined, log: () => undefined, env: {}})).rejects.toThrow('The SWR API refused')
  })
})

describe('advice for an engine failure', () => {
  const SHARED: Omit<Record<FailureKind, RegExp | undefined>, 'unauthorized'> = {
    denied: /^The account behind the AK\/SK may lack SWR permissions, or be frozen or in arrears\./,
    blocked: /^SWR lifts the block after about 30 minutes, and retrying now makes it last longer: wait, then run the job again\.$/,
    'not-found': /^Check 'region' \(and 'registry' if set\): the host is derived from them\.$/,
    tls: /^SWR has also answered this way for an AK\/SK that was deleted\.$/,
    other: undefined
  }
  const LONG_TERM: Record<FailureKind, RegExp | undefined> = {
    ...SHARED,
    unauthorized: /^Check that the AK\/SK pair is correct and has not been deleted or disabled, .*\(the user name is <region>@<AK>\)\.$/
  }
  const TEMPORARY: Record<FailureKind, RegExp | undefined> = {
    ...SHARED,
    unauthorized: /^The SWR API issued this login for 'region' moments ago: check that 'registry' is that region's SWR registry\.$/
  }

  it.each(Object.entries(LONG_TERM) as [FailureKind, RegExp | undefined][])('long-term, %s', (kind, expected) => {
    const advice = local(KEYS).advice(kind)
    if (expected === undefined) expect(advice).toBeUndefined()
    else expect(advice).toMatch(expected)
  })

  it.each(Object.entries(TEMPORARY) as [FailureKind, RegExp | undefined][])('temporary, %s', (kind, expected) => {
    const advice = api(TEMP).advice(kind)
    if (expected === undefined) expect(advice).toBeUndefined()
    else expect(advice).toMatch(expected)
  })
})

describe('Huawei key shapes', () => {
  // Real-shaped: AKs 20 upper-case letters and digits (long-term and temporary), SKs 40 letters and digits.
  const REAL_AK = 'HPUAXMSFVQ4ZLDP8B2RW'
  const TEMP_AK = 'HSTACRLE2ETEMPORARY0'
  const REAL_SK = 'Wq3rT8yUi0pAs2dFg4hJk6lZx8cVb0nMq2wE4rT6'

  it.each([REAL_AK, TEMP_AK, 'E2E0123456789ABCDEF', 'AK'])('%s is an AK', value => {
    expect(HUAWEI_KEYS.isAccessKeyId(value)).toBe(true)
  })

  it.each([REAL_SK, 'hpuaxmsfvq4zldp8b2rw', 'STS.NUxYz0123456789AbCdEf', 'LTAI5tQwErTyUiOpAsDfGh12', ''])('%s is no AK', value => {
    expect(HUAWEI_KEYS.isAccessKeyId(value)).toBe(false)
  })

  it.each<[string, boolean]>([
    [REAL_SK, true],
    [REAL_SK.toUpperCase(), false],
    [REAL_SK.slice(1), false],
    [REAL_AK, false]
  ])('%s has the shape of an SK: %s', (value, expected) => {
    expect(HUAWEI_KEYS.isAccessKeySecret(value)).toBe(expected)
  })

  it.each<[string, AuthInputs]>([
    ['a long-term pair', {...NONE, accessKeyId: REAL_AK, accessKeySecret: REAL_SK}],
    ['a temporary pair', {...NONE, accessKeyId: TEMP_AK, accessKeySecret: REAL_SK, securityToken: TOKEN, loginType: 'temporary'}]
  ])('takes %s of real shape, masking nothing more', (_name, inputs) => {
    expect(swr.credentialSource(inputs, MASK).kind).toBeDefined()
    expect(masked).toEqual([])
  })

  it.each<[string, AuthInputs, RegExp]>([
    ['a swapped pair', {...NONE, accessKeyId: REAL_SK, accessKeySecret: REAL_AK}, /^Inputs 'access-key-id' and 'access-key-secret' look swapped: .*Huawei Cloud.*Put the AK \(20 upper-case letters and digits\) in 'access-key-id'/],
    ['the SK in both', {...NONE, accessKeyId: REAL_SK, accessKeySecret: REAL_SK}, /^Input 'access-key-id' does not look like an access key ID \(it has the shape of a secret access key of Huawei Cloud\): pass the AK, not the SK\./],
    ['a lower-case AK (never a Huawei one)', {...NONE, accessKeyId: REAL_AK.toLowerCase(), accessKeySecret: REAL_SK}, /\(Huawei Cloud AKs are 20 upper-case letters and digits\)/],
    ['a swapped temporary pair', {...NONE, accessKeyId: REAL_SK, accessKeySecret: TEMP_AK, securityToken: TOKEN, loginType: 'temporary'}, /look swapped/]
  ])('refuses %s, masking the value first and never showing it', (_name, inputs, why) => {
    const message = refusal(inputs)
    expect(message).toMatch(why)
    expect(masked).toEqual([inputs.accessKeyId])
    expect(message).not.toContain(REAL_SK.slice(0, 8))
    expect(message).not.toContain(inputs.accessKeyId)
  })
})
