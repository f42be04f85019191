import {jest} from '@jest/globals'
import {execFileSync} from 'node:child_process'
import type {Credential} from '../../../../src/credential.js'
import type {FailureKind} from '../../../../src/failure.js'
import {UserError} from '../../../../src/errors.js'
import type {AuthInputs} from '../../../../src/providers/auth-inputs.js'
import {NO_AUTH_INPUTS as NONE} from '../../../support/fakes.js'
import type {ApiSource, ApiTarget, CredentialSource, LocalSource, ObtainContext} from '../../../../src/providers/provider.js'
import type {RegistryAddress} from '../../../../src/registry.js'
import {refusal as refusalOf} from '../../../support/refusal.js'
import type {Keys} from '../../../../src/providers/key-source.js'
import type {Federation} from '../../../../src/providers/keyless.js'
import {localServers} from '../../../support/local-server.js'

// The temporary login's code (./api.js) is replaced, and counted when loaded: the long-term login must never load it.
let apiLoaded = 0
const swrCredential = jest.fn<(target: ApiTarget, auth: unknown, context: ObtainContext) => Promise<Credential>>()
jest.unstable_mockModule('../../../../src/providers/swr/api.js', () => {
  apiLoaded++
  return {swrCredential}
})
// Keyless login's exchange (../../oidc/federate.js) is replaced too: it gets the Federation the inputs make, and answers
// with fake keys (see the keyless tests at the end).
const federate = jest.fn<(federation: Federation, region: string, context: ObtainContext) => Promise<Keys>>()
jest.unstable_mockModule('../../../../src/oidc/federate.js', () => ({federate}))
const {HUAWEI_KEYS} = await import('../../../../src/providers/key-shapes.js')
const {HUAWEI_DEFAULT_AUDIENCE, huaweiIamEndpoint, huaweiStsEndpoint, swr, swrApiEndpoint, swrDefaultRegistry} = await import('../../../../src/providers/swr/index.js')

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
    [
      'a username',
      {...KEYS, username: 'dev'},
      /^Inputs 'username' and 'password' are Alibaba Cloud Container Registry's fixed access password, and 'provider' is swr \(the default, Huawei Cloud SWR\): for ACR, add 'provider: acr'\. SWR logs in with 'access-key-id' and 'access-key-secret', or keylessly with 'oidc-provider'\.$/
    ],
    ['a password', {...KEYS, password: 'pw'}, /^Inputs 'username' and 'password' are Alibaba .*add 'provider: acr'/],
    ['username and password without a key pair', {...NONE, username: 'dev', password: 'pw'}, /^Inputs 'username' and 'password' are Alibaba .*add 'provider: acr'/],
    [
      'an instance ID',
      {...KEYS, instanceId: 'cri-abc'},
      /^Input 'instance-id' names an Alibaba Cloud Container Registry Enterprise Edition instance, and 'provider' is swr \(the default, Huawei Cloud SWR\): for ACR, add 'provider: acr'; for SWR, remove 'instance-id'\.$/
    ],
    ['an instance ID with a temporary login', {...TEMP, instanceId: 'cri-abc'}, /^Input 'instance-id' names an Alibaba .*add 'provider: acr'/],
    [
      'an Alibaba key pair',
      {...NONE, accessKeyId: 'LTAI5tQwErTyUiOpAsDfGh12', accessKeySecret: 'Yt7uI9oP0aSdFgHjKl1ZxCvBnM2q3W'},
      /^Inputs 'access-key-id' and 'access-key-secret' look like a key pair of Alibaba Cloud, not of Huawei Cloud: for Alibaba Cloud Container Registry, add 'provider: acr'\. The value was masked/
    ],
    [
      'an Alibaba STS key pair',
      {...NONE, accessKeyId: 'STS.NUxYz0123456789AbCdEf', accessKeySecret: 'Yt7uI9oP0aSdFgHjKl1ZxCvBnM2q3W', securityToken: TOKEN, loginType: 'temporary'},
      /look like a key pair of Alibaba Cloud.*add 'provider: acr'/
    ],
    ['no secret key', {...KEYS, accessKeySecret: ''}, /^Input 'access-key-secret' is empty\. .*'access-key-secret: \$\{\{ secrets\.HW_SK \}\}'\.$/],
    ['no key pair at all', NONE, /^No credential reached this job: 'access-key-id' and 'access-key-secret' are both empty\. .*secrets\.HW_AK.*secrets\.HW_SK/],
    ['no key ID', {...KEYS, accessKeyId: ''}, /^Input 'access-key-id' is empty\. .*'access-key-id: \$\{\{ secrets\.HW_AK \}\}'\.$/],
    [
      'the secret key as key ID',
      {...KEYS, accessKeyId: SK},
      /^Input 'access-key-id' does not look like an access key ID \(it contains characters other than letters, digits and dots\): pass the AK, not the SK\. The value was masked/
    ],
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
    [
      'a swapped pair',
      {...NONE, accessKeyId: REAL_SK, accessKeySecret: REAL_AK},
      /^Inputs 'access-key-id' and 'access-key-secret' look swapped: .*Huawei Cloud.*Put the AK \(20 upper-case letters and digits\) in 'access-key-id'/
    ],
    [
      'the SK in both',
      {...NONE, accessKeyId: REAL_SK, accessKeySecret: REAL_SK},
      /^Input 'access-key-id' does not look like an access key ID \(it has the shape of a secret access key of Huawei Cloud\): pass the AK, not the SK\./
    ],
    [
      'a lower-case AK (never a Huawei one)',
      {...NONE, accessKeyId: REAL_AK.toLowerCase(), accessKeySecret: REAL_SK},
      /\(Huawei Cloud AKs are 20 upper-case letters and digits\)/
    ],
    ['a swapped temporary pair', {...NONE, accessKeyId: REAL_SK, accessKeySecret: TEMP_AK, securityToken: TOKEN, loginType: 'temporary'}, /look swapped/]
  ])('refuses %s, masking the value first and never showing it', (_name, inputs, why) => {
    const message = refusal(inputs)
    expect(message).toMatch(why)
    expect(masked).toEqual([inputs.accessKeyId])
    expect(message).not.toContain(REAL_SK.slice(0, 8))
    expect(message).not.toContain(inputs.accessKeyId)
  })
})

// ---------------------------------------------------------------------------------------------------------------------
// Keyless login ('oidc-provider'): new IAM (v5: an OIDC provider URN and an agency) and classic IAM (v3: an identity
// provider's ID). The exchange itself is replaced (see federate above); what the source hands it, the Federation, is
// what these tests read.

const PROVIDER_URN = 'iam::0a1b2c3d4e5f6a7b:oidcProvider:github'
const AGENCY_URN = 'iam::0a1b2c3d4e5f6a7b:agency:swr-push'
const IDP = 'github-idp'
const V5: AuthInputs = {...NONE, oidcProvider: PROVIDER_URN, roleToAssume: AGENCY_URN}
const V3: AuthInputs = {...NONE, oidcProvider: IDP, audience: 'my-client-id'}
const CONTEXT: ObtainContext = {mask: () => undefined, log: () => undefined, env: {}}
const FEDERATED_KEYS: Keys = {
  accessKeyId: 'HSTAFEDERATED0123456',
  accessKeySecret: 'Fed3rat3dS3cr3tValue0123456789abcdefGHIJ',
  securityToken: 'gQpjbi1ub3J0aC00FederatedToken+Zx/Cv==',
  expiresAt: '2026-01-01T01:00:00.000Z'
}
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
const JWT_CLAIMS = {sub: 'repo:octo/app:ref:refs/heads/main', aud: 'sts.huaweicloud.com', iss: 'https://token.actions.githubusercontent.com'}
const JWT = `${b64url({alg: 'RS256', typ: 'JWT'})}.${b64url(JWT_CLAIMS)}.${Buffer.from('s1gnature-'.repeat(25)).toString('base64url')}`
const PROVIDER_URN_FORM = 'iam::<account ID>:oidcProvider:<name> (IAM console: Identity Providers, the OIDC provider)'
const AGENCY_URN_FORM = 'iam::<account ID>:agency:<name> (IAM console: Agencies, the agency)'
const KEYLESS_CLAUSE = "(keyless: the job's GitHub OIDC token)"

/** The Federation a keyless source hands the exchange, seen through the replaced federate.js. */
async function federationOf(inputs: AuthInputs, region = 'cn-north-4'): Promise<Federation> {
  const source = api(inputs)
  federate.mockClear()
  federate.mockResolvedValueOnce(FEDERATED_KEYS)
  await source.prepare?.([region], CONTEXT)
  expect(federate).toHaveBeenCalledTimes(1)
  return federate.mock.calls[0][0]
}

describe('keyless login: which inputs make one', () => {
  it.each<[string, AuthInputs, number]>([
    ['an OIDC provider URN and an agency URN (new IAM)', V5, 3600],
    ["new IAM with 'login-type: temporary'", {...V5, loginType: 'temporary'}, 3600],
    ['new IAM with an audience', {...V5, audience: 'my-client-id'}, 3600],
    ['new IAM with a session name of 128 characters', {...V5, roleSessionName: 's'.repeat(128)}, 3600],
    ['new IAM with the shortest duration', {...V5, duration: '15m'}, 900],
    ['new IAM with the longest duration (12 hours)', {...V5, duration: '12h'}, 43200],
    ['new IAM with an STS endpoint', {...V5, stsEndpoint: 'https://sts.{region}.myhuaweicloud.com'}, 3600],
    [
      'URNs of an account ID in upper case and names with dots',
      {...NONE, oidcProvider: 'iam::ABC123:oidcProvider:git.hub-1', roleToAssume: 'iam::ABC123:agency:a.b_c-d'},
      3600
    ]
  ])('%s: a temporary login, valid as the keys', (_name, inputs, seconds) => {
    expect(api(inputs).description).toBe(
      `SWR temporary login from the CreateSecret API, valid ${seconds} s, signed with temporary keys for agency ${inputs.roleToAssume} ${KEYLESS_CLAUSE}`
    )
    expect(masked).toEqual([])
  })

  it.each<[string, AuthInputs, number]>([
    ['an identity provider ID and its client ID (classic IAM)', V3, 3600],
    ['an identity provider ID of 64 characters', {...V3, oidcProvider: 'I'.repeat(64)}, 3600],
    ['classic IAM with the longest duration (24 hours)', {...V3, duration: '24h'}, 86400],
    ['classic IAM with an IAM endpoint', {...V3, stsEndpoint: 'https://iam.example.com'}, 3600]
  ])('%s: a temporary login, valid as the keys', (_name, inputs, seconds) => {
    expect(api(inputs).description).toBe(
      `SWR temporary login from the CreateSecret API, valid ${seconds} s, signed with temporary keys for the user that ` +
        `identity provider ${inputs.oidcProvider}'s mapping rules assign ${KEYLESS_CLAUSE}`
    )
  })
})

describe('keyless login: refusals', () => {
  const stored = (listed: string, other: string): string =>
    `Inputs 'oidc-provider' and ${listed} are both given: 'oidc-provider' logs in keylessly, with the job's GitHub OIDC ` +
    `token, and ${other} with a stored credential. Choose one: remove ${listed} for keyless login, or 'oidc-provider' ` +
    `(with 'role-to-assume') to use the stored credential.`
  const stray = (input: string): string =>
    `Input '${input}' is for keyless login, which 'oidc-provider' turns on, and 'oidc-provider' is empty. Set ` +
    `'oidc-provider' (see "Keyless login (OIDC)" in the README), or remove '${input}'.`
  const notProvider = (value: string, why = ''): string =>
    `Input 'oidc-provider' is '${value}'${why}. For SWR it is an IAM OIDC provider's URN, ${PROVIDER_URN_FORM}, with an ` +
    `agency in 'role-to-assume'; or a classic IAM identity provider's ID (letters, digits, - and _; IAM console: Identity Providers).`
  const sessionRule = 'Huawei Cloud IAM takes 2 to 128 characters, each a letter, a digit or one of . @ _ -'

  it.each<[string, AuthInputs, string]>([
    // New IAM (v5)
    [
      'an OIDC provider URN without role-to-assume',
      {...V5, roleToAssume: ''},
      `Input 'role-to-assume' is required with an IAM OIDC provider URN in 'oidc-provider': the URN of the agency whose ` +
        `trust policy lets this repository's token in, ${AGENCY_URN_FORM}.`
    ],
    [
      'a role-to-assume that is no URN',
      {...V5, roleToAssume: 'swr-push'},
      `Input 'role-to-assume' is 'swr-push'. With an OIDC provider URN it is an agency's URN: ${AGENCY_URN_FORM}.`
    ],
    [
      "the provider's URN in both",
      {...V5, roleToAssume: PROVIDER_URN},
      `Input 'role-to-assume' is '${PROVIDER_URN}', an OIDC provider's URN, which goes in 'oidc-provider'. With an OIDC provider URN it is an agency's URN: ${AGENCY_URN_FORM}.`
    ],
    [
      'an Alibaba role ARN in role-to-assume',
      {...V5, roleToAssume: 'acs:ram::123:role/push'},
      `Input 'role-to-assume' is 'acs:ram::123:role/push'. With an OIDC provider URN it is an agency's URN: ${AGENCY_URN_FORM}.`
    ],
    ['the two URNs swapped', {...V5, oidcProvider: AGENCY_URN, roleToAssume: PROVIDER_URN}, notProvider(AGENCY_URN, ", an IAM URN but not an OIDC provider's")],
    [
      'an Alibaba OIDC provider ARN',
      {...V5, oidcProvider: 'acs:ram::1234567890123456:oidc-provider/github'},
      notProvider('acs:ram::1234567890123456:oidc-provider/github', ", an Alibaba Cloud ARN: for ACR, set 'provider: acr'")
    ],
    [
      'a provider URN of another shape',
      {...V5, oidcProvider: 'iam::0a1b:oidc-provider:github'},
      notProvider('iam::0a1b:oidc-provider:github', ", an IAM URN but not an OIDC provider's")
    ],
    ['an identity provider ID with a space', {...V3, oidcProvider: 'github idp'}, notProvider('github idp')],
    ['an identity provider ID of 65 characters', {...V3, oidcProvider: 'I'.repeat(65)}, notProvider('I'.repeat(65))],
    [
      'a duration over 12 hours (new IAM)',
      {...V5, duration: '12h1s'},
      "Input 'duration' is '12h1s': longer than Huawei Cloud IAM (agency sessions) allows. Use a time like 15m, 2h or 12h (15 minutes to 12 hours)."
    ],
    [
      'a duration under 15 minutes (new IAM)',
      {...V5, duration: '899'},
      "Input 'duration' is '899': shorter than Huawei Cloud IAM (agency sessions) allows. Use a time like 15m, 2h or 12h (15 minutes to 12 hours)."
    ],
    ['a session name of 1 character', {...V5, roleSessionName: 'x'}, `Input 'role-session-name' is 'x': ${sessionRule}. Change it, or remove it for the default.`],
    [
      'a session name of 129 characters',
      {...V5, roleSessionName: 's'.repeat(129)},
      `Input 'role-session-name' is '${'s'.repeat(99)}…': ${sessionRule}. Change it, or remove it for the default.`
    ],
    [
      'a session name with a slash',
      {...V5, roleSessionName: 'octo/app'},
      `Input 'role-session-name' is 'octo/app': ${sessionRule} (not '/'). Change it, or remove it for the default.`
    ],
    [
      'a plain-HTTP STS endpoint (new IAM)',
      {...V5, stsEndpoint: 'http://sts.{region}.myhuaweicloud.com'},
      "Input 'sts-endpoint' is a plain http:// URL (http://sts.cn-north-4.myhuaweicloud.com): the job's OIDC token and the temporary keys would cross the network unencrypted. Use https://."
    ],
    // Classic IAM (v3)
    [
      'role-to-assume with an identity provider ID',
      {...V3, roleToAssume: AGENCY_URN},
      `Input 'role-to-assume' does not apply to a classic IAM identity provider ('oidc-provider' '${IDP}' is one, not an ` +
        `OIDC provider URN): its mapping rules decide which user group the token acts as. Remove 'role-to-assume', or give ` +
        `the OIDC provider's URN (${PROVIDER_URN_FORM}) to assume an agency.`
    ],
    [
      'an identity provider ID without an audience',
      {...V3, audience: ''},
      `Input 'audience' is required with a classic IAM identity provider ('oidc-provider' '${IDP}'): give its client ID ` +
        `(IAM console: Identity Providers, '${IDP}', Modify, Client ID). GitHub's token must carry it as its audience, and there is no safe default.`
    ],
    [
      'role-session-name with an identity provider ID',
      {...V3, roleSessionName: 'ci-build'},
      "Input 'role-session-name' does not apply to a classic IAM identity provider: the federated user's name comes from its mapping rules. Remove it."
    ],
    [
      'a duration over 24 hours (classic IAM)',
      {...V3, duration: '24h1s'},
      "Input 'duration' is '24h1s': longer than Huawei Cloud IAM allows. Use a time like 15m, 2h or 24h (15 minutes to 24 hours)."
    ],
    [
      'a plain-HTTP IAM endpoint (classic IAM)',
      {...V3, stsEndpoint: 'http://iam.myhuaweicloud.com'},
      "Input 'sts-endpoint' is a plain http:// URL (http://iam.myhuaweicloud.com): the job's OIDC token and the temporary keys would cross the network unencrypted. Use https://."
    ],
    // Both
    ['stored keys with oidc-provider', {...V5, accessKeyId: AK, accessKeySecret: SK}, stored("'access-key-id', 'access-key-secret'", 'the others')],
    ['a security token with oidc-provider', {...V3, securityToken: TOKEN}, stored("'security-token'", 'the other')],
    [
      'username and password with oidc-provider',
      {...V5, username: 'u', password: 'p'},
      "Inputs 'username' and 'password' are Alibaba Cloud Container Registry's fixed access password, and 'provider' is swr (the default, Huawei Cloud SWR): for ACR, add 'provider: acr'. SWR logs in with 'access-key-id' and 'access-key-secret', or keylessly with 'oidc-provider'."
    ],
    [
      'an instance ID with oidc-provider',
      {...V5, instanceId: 'cri-abc'},
      "Input 'instance-id' names an Alibaba Cloud Container Registry Enterprise Edition instance, and 'provider' is swr (the default, Huawei Cloud SWR): for ACR, add 'provider: acr'; for SWR, remove 'instance-id'."
    ],
    [
      "'login-type: long-term' with oidc-provider",
      {...V5, loginType: 'long-term'},
      "Keyless login ('oidc-provider') gives temporary keys, and a login made with them is temporary too: 'login-type: long-term' cannot be met. Remove 'login-type'."
    ],
    // Without oidc-provider
    ['role-to-assume without oidc-provider', {...KEYS, roleToAssume: AGENCY_URN}, stray('role-to-assume')],
    ['audience without oidc-provider', {...TEMP, audience: 'sts.huaweicloud.com'}, stray('audience')],
    ['role-session-name without oidc-provider', {...KEYS, roleSessionName: 'ci'}, stray('role-session-name')],
    ['sts-endpoint without oidc-provider', {...TEMP, stsEndpoint: 'https://sts.cn-north-4.myhuaweicloud.com'}, stray('sts-endpoint')],
    // Named before the missing key pair, and before the duration that needs 'login-type: temporary'.
    ['a keyless input alone', {...NONE, audience: 'sts.huaweicloud.com'}, stray('audience')],
    ['a stray input and a duration with the long-term key', {...KEYS, duration: '2h', stsEndpoint: 'https://x'}, stray('sts-endpoint')]
  ])('refuses %s', (_name, inputs, expected) => {
    const message = refusal(inputs)
    expect(message).toBe(expected)
    for (const secret of [SK, TOKEN]) expect(message).not.toContain(secret.slice(0, 10))
  })

  it('judges the URN first, then role-to-assume, then the duration, the session name and the endpoint (new IAM)', () => {
    const all = {...V5, roleToAssume: 'x', duration: 'x', roleSessionName: '!', stsEndpoint: 'x'}
    expect(refusal(all)).toMatch(/^Input 'role-to-assume' is 'x'/)
    expect(refusal({...all, roleToAssume: AGENCY_URN})).toMatch(/^Input 'duration' is 'x'/)
    expect(refusal({...all, roleToAssume: AGENCY_URN, duration: ''})).toMatch(/^Input 'role-session-name' is '!'/)
    expect(refusal({...all, roleToAssume: AGENCY_URN, duration: '', roleSessionName: ''})).toMatch(/^Input 'sts-endpoint' is not a URL/)
  })

  it('judges role-to-assume first, then the audience, the session name, the duration and the endpoint (classic IAM)', () => {
    const all = {...V3, roleToAssume: AGENCY_URN, audience: '', roleSessionName: 'n', duration: 'x', stsEndpoint: 'x'}
    expect(refusal(all)).toMatch(/^Input 'role-to-assume' does not apply/)
    expect(refusal({...all, roleToAssume: ''})).toMatch(/^Input 'audience' is required/)
    expect(refusal({...all, roleToAssume: '', audience: 'a'})).toMatch(/^Input 'role-session-name' does not apply/)
    expect(refusal({...all, roleToAssume: '', audience: 'a', roleSessionName: ''})).toMatch(/^Input 'duration' is 'x'/)
    expect(refusal({...all, roleToAssume: '', audience: 'a', roleSessionName: '', duration: ''})).toMatch(/^Input 'sts-endpoint' is not a URL/)
  })

  it('never shows a secret given with oidc-provider, and masks nothing for it', () => {
    const message = refusal({...V5, accessKeySecret: SK})
    expect(message).not.toContain(SK.slice(0, 8))
    expect(message).toContain("'access-key-secret'")
    expect(masked).toEqual([])
  })
})

describe('keyless login: default STS and IAM endpoints', () => {
  it.each([
    ['cn-north-4', 'https://sts.cn-north-4.myhuaweicloud.com'],
    ['cn-south-1', 'https://sts.cn-south-1.myhuaweicloud.com'],
    ['cn-east-3', 'https://sts.cn-east-3.myhuaweicloud.com'],
    ['cn-southwest-2', 'https://sts.cn-southwest-2.myhuaweicloud.com'],
    ['ap-southeast-1', 'https://sts.ap-southeast-1.myhuaweicloud.com'],
    ['ap-southeast-3', 'https://sts.ap-southeast-3.myhuaweicloud.com'],
    ['sa-brazil-1', 'https://sts.sa-brazil-1.myhuaweicloud.com'],
    ['tr-west-1', 'https://sts.tr-west-1.myhuaweicloud.com'],
    // Dublin is served from Huawei Cloud Europe's own domain.
    ['eu-west-101', 'https://sts.eu-west-101.myhuaweicloud.eu'],
    // A region without an STS endpoint of its own asks the nearest listed one: cn-north-4 for China, else ap-southeast-1.
    ['cn-north-1', 'https://sts.cn-north-4.myhuaweicloud.com'],
    ['cn-east-2', 'https://sts.cn-north-4.myhuaweicloud.com'],
    ['cn-north-11', 'https://sts.cn-north-4.myhuaweicloud.com'],
    ['eu-west-0', 'https://sts.ap-southeast-1.myhuaweicloud.com'],
    ['me-east-1', 'https://sts.ap-southeast-1.myhuaweicloud.com'],
    ['tr-central-201', 'https://sts.ap-southeast-1.myhuaweicloud.com']
  ])('new IAM, %s → %s', (region, endpoint) => {
    expect(huaweiStsEndpoint(region)).toBe(endpoint)
  })

  it.each([
    ['cn-north-4', 'https://iam.myhuaweicloud.com'],
    ['ap-southeast-3', 'https://iam.myhuaweicloud.com'],
    ['eu-west-101', 'https://iam.myhuaweicloud.eu']
  ])('classic IAM, %s → %s', (region, endpoint) => {
    expect(huaweiIamEndpoint(region)).toBe(endpoint)
  })
})

describe('keyless login: the federation the inputs make', () => {
  it('new IAM: AssumeAgencyWithOIDC for the agency, audience sts.huaweicloud.com, an hour, the regional STS endpoint', async () => {
    const federation = await federationOf(V5, 'cn-east-3')
    expect(HUAWEI_DEFAULT_AUDIENCE).toBe('sts.huaweicloud.com')
    expect(federation).toMatchObject({
      service: 'Huawei Cloud IAM STS AssumeAgencyWithOIDC',
      identity: `agency ${AGENCY_URN}`,
      audience: 'sts.huaweicloud.com',
      durationSeconds: 3600,
      session: {given: undefined, rules: {service: 'Huawei Cloud IAM', maxLength: 128}},
      endpointInput: ''
    })
    expect(federation.defaultEndpoint('cn-east-3')).toBe('https://sts.cn-east-3.myhuaweicloud.com')
    expect(federation.defaultEndpoint('cn-east-2')).toBe('https://sts.cn-north-4.myhuaweicloud.com')
    expect(federation.defaultEndpoint('eu-west-101')).toBe('https://sts.eu-west-101.myhuaweicloud.eu')
    expect(federate.mock.calls[0][1]).toBe('cn-east-3')
  })

  it('new IAM: takes the audience, duration, session name and endpoint given', async () => {
    const federation = await federationOf({...V5, audience: 'my-client', duration: '90m', roleSessionName: 'deploy.prod', stsEndpoint: 'https://sts.{region}.example.com'})
    expect(federation).toMatchObject({audience: 'my-client', durationSeconds: 5400, session: {given: 'deploy.prod'}, endpointInput: 'https://sts.{region}.example.com'})
  })

  it('classic IAM: the federation of the identity provider, the audience given, no session name, the global IAM endpoint', async () => {
    const federation = await federationOf({...V3, duration: '20h'})
    expect(federation).toMatchObject({
      service: `Huawei Cloud IAM federation (identity provider ${IDP})`,
      identity: `the user that identity provider ${IDP}'s mapping rules assign`,
      audience: 'my-client-id',
      durationSeconds: 72000,
      endpointInput: ''
    })
    expect(federation.session).toBeUndefined()
    expect(federation.defaultEndpoint('cn-north-4')).toBe('https://iam.myhuaweicloud.com')
    expect(federation.defaultEndpoint('eu-west-101')).toBe('https://iam.myhuaweicloud.eu')
  })

  describe('its exchange, against a local IAM', () => {
    const serve = localServers()
    const exchange = (federation: Federation, endpoint: URL): Promise<Keys> =>
      federation.exchange({
        jwt: JWT,
        claims: JWT_CLAIMS,
        audience: federation.audience,
        endpoint,
        sessionName: federation.session === undefined ? '' : 'github-octo-app-1-1',
        durationSeconds: federation.durationSeconds,
        mask: () => undefined,
        hooks: {sleep: async () => undefined}
      })

    it("new IAM: sends the token and the inputs' URNs to AssumeAgencyWithOIDC (./oidc.js), and returns its keys", async () => {
      const local = await serve(() => ({
        status: 200,
        body: JSON.stringify({
          credentials: {access_key_id: 'HSTAV5FEDERATEDKEY01', secret_access_key: 'sk-v5', security_token: 'tok-v5', expiration: '2026-01-01T01:00:00.000000Z'}
        })
      }))
      const keys = await exchange(await federationOf({...V5, duration: '30m'}), local.url)
      expect(keys).toEqual({accessKeyId: 'HSTAV5FEDERATEDKEY01', accessKeySecret: 'sk-v5', securityToken: 'tok-v5', expiresAt: '2026-01-01T01:00:00.000Z'})
      expect(local.received.map(r => r.url)).toEqual(['/v5/agencies/assume-with-oidc'])
      expect(JSON.parse(local.received[0].body)).toEqual({
        provider_urn: PROVIDER_URN,
        agency_urn: AGENCY_URN,
        agency_session_name: 'github-octo-app-1-1',
        id_token: JWT,
        duration_seconds: 1800
      })
    })

    it('classic IAM: asks for the identity provider’s token, then for keys (./oidc.js), and returns them', async () => {
      const local = await serve(n =>
        n === 1
          ? {status: 201, headers: {'X-Subject-Token': 'iam-token-0123456789'}, body: '{}'}
          : {
              status: 201,
              body: JSON.stringify({credential: {access: 'HSTAV3FEDERATEDKEY01', secret: 'sk-v3', securitytoken: 'tok-v3', expires_at: '2026-01-01T02:00:00.000000Z'}})
            }
      )
      const keys = await exchange(await federationOf(V3), local.url)
      expect(keys).toEqual({accessKeyId: 'HSTAV3FEDERATEDKEY01', accessKeySecret: 'sk-v3', securityToken: 'tok-v3', expiresAt: '2026-01-01T02:00:00.000Z'})
      expect(local.received.map(r => r.url)).toEqual([`/v3/OS-FEDERATION/identity_providers/${IDP}/protocols/oidc/auth`, '/v3.0/OS-CREDENTIAL/securitytokens'])
      expect(local.received[0].headers.authorization).toBe(`Bearer ${JWT}`)
      expect(local.received[1].headers['x-auth-token']).toBe('iam-token-0123456789')
    })
  })
})

describe('keyless login: the source', () => {
  const target = (source: ApiSource, region = 'cn-north-4'): ApiTarget => ({
    kind: 'api',
    provider: 'swr',
    region,
    registry: REGISTRY,
    source,
    endpoint: new URL(`https://swr-api.${region}.myhuaweicloud.com`)
  })
  const login = (expiresAt?: string): Credential => ({
    region: 'cn-north-4',
    registry: REGISTRY,
    username: 'cn-north-4@HSTAFEDERATED0123456',
    password: 'swr-login',
    ...(expiresAt === undefined ? {} : {expiresAt})
  })

  beforeEach(() => {
    federate.mockReset()
    swrCredential.mockReset()
  })

  it('has a prepare that does the exchange once, before any login, with the first region', async () => {
    const source = api(V5)
    federate.mockResolvedValue(FEDERATED_KEYS)
    await expect(source.prepare?.(['ap-southeast-3', 'cn-north-4'], CONTEXT)).resolves.toBeUndefined()
    expect(federate).toHaveBeenCalledTimes(1)
    expect(federate.mock.calls[0][1]).toBe('ap-southeast-3')
    expect(federate.mock.calls[0][2]).toBe(CONTEXT)
    expect(swrCredential).not.toHaveBeenCalled()
  })

  it("obtains a login from ./api.js with the federated keys and the keys' validity, for every region, with one exchange", async () => {
    const source = api({...V5, duration: '2h'})
    federate.mockResolvedValue(FEDERATED_KEYS)
    swrCredential.mockResolvedValue(login('2026-01-01T00:30:00.000Z'))
    const first = target(source, 'cn-north-4')
    await source.prepare?.(['cn-north-4', 'ap-southeast-1'], CONTEXT)
    await source.obtain(first, CONTEXT)
    await source.obtain(target(source, 'ap-southeast-1'), CONTEXT)
    expect(federate).toHaveBeenCalledTimes(1)
    expect(swrCredential).toHaveBeenCalledTimes(2)
    const [givenTarget, auth, context] = swrCredential.mock.calls[0]
    expect(givenTarget).toBe(first)
    expect(auth).toMatchObject({
      accessKeyId: FEDERATED_KEYS.accessKeyId,
      accessKeySecret: FEDERATED_KEYS.accessKeySecret,
      securityToken: FEDERATED_KEYS.securityToken,
      durationSeconds: 7200,
      // For the API's advice: the federation, not key inputs, is where the keys came from.
      federation: {service: 'Huawei Cloud IAM STS AssumeAgencyWithOIDC', identity: `agency ${AGENCY_URN}`, durationSeconds: 7200}
    })
    expect(context).toBe(CONTEXT)
  })

  it.each<[FailureKind, RegExp | undefined]>([
    ['unauthorized', /^The SWR API issued this login for 'region' moments ago: check that 'registry' is that region's SWR registry\.$/],
    [
      'denied',
      /^agency iam::0a1b2c3d4e5f6a7b:agency:swr-push \(keyless login\) may lack SWR permissions, or the account be frozen or in arrears\. Check its SWR permissions in IAM/
    ],
    ['blocked', /^SWR lifts the block after about 30 minutes/],
    ['not-found', /^Check 'region' \(and 'registry' if set\)/],
    // Said of a deleted AK/SK: keys issued for this run are none.
    ['tls', undefined],
    ['other', undefined]
  ])('advises on an engine failure (%s) by the agency, never by an AK/SK or a key input', (kind, expected) => {
    const advice = api(V5).advice(kind)
    if (expected === undefined) expect(advice).toBeUndefined()
    else expect(advice).toMatch(expected)
    expect(advice ?? '').not.toMatch(/AK\/SK|'access-key-id'|'access-key-secret'|'security-token'/)
  })

  it('asks SWR for a login of the default hour when no duration is given', async () => {
    const source = api(V3)
    federate.mockResolvedValue(FEDERATED_KEYS)
    swrCredential.mockResolvedValue(login())
    await source.obtain(target(source), CONTEXT)
    expect(swrCredential.mock.calls[0][1]).toMatchObject({durationSeconds: 3600})
  })

  it("bounds the login's expiry by the keys' when they end first", async () => {
    const source = api(V5)
    federate.mockResolvedValue(FEDERATED_KEYS)
    swrCredential.mockResolvedValue(login('2026-01-01T05:00:00.000Z'))
    await expect(source.obtain(target(source), CONTEXT)).resolves.toEqual(login(FEDERATED_KEYS.expiresAt))
  })

  it('gives a login without an expiry that of its keys', async () => {
    const source = api(V5)
    federate.mockResolvedValue(FEDERATED_KEYS)
    swrCredential.mockResolvedValue(login())
    expect((await source.obtain(target(source), CONTEXT)).expiresAt).toBe(FEDERATED_KEYS.expiresAt)
  })

  it('returns the very credential when the login ends first, or the keys have no known end', async () => {
    const source = api(V5)
    const credential = login('2026-01-01T00:30:00.000Z')
    federate.mockResolvedValue({...FEDERATED_KEYS, expiresAt: undefined})
    swrCredential.mockResolvedValue(credential)
    await expect(source.obtain(target(source), CONTEXT)).resolves.toBe(credential)
  })

  it("passes the exchange's refusal on, and asks ./api.js for nothing", async () => {
    const source = api(V5)
    federate.mockRejectedValue(new UserError('Huawei Cloud IAM STS AssumeAgencyWithOIDC refused'))
    await expect(source.prepare?.(['cn-north-4'], CONTEXT)).rejects.toThrow('AssumeAgencyWithOIDC refused')
    await expect(source.obtain(target(source), CONTEXT)).rejects.toThrow('AssumeAgencyWithOIDC refused')
    expect(federate).toHaveBeenCalledTimes(1)
    expect(swrCredential).not.toHaveBeenCalled()
  })

  it('a stored key pair has no prepare (nothing to do before the logins)', () => {
    expect(api(TEMP).prepare).toBeUndefined()
  })
})

describe("keyless login: a bad 'sts-endpoint' is answered with an example of the provider's own", () => {
  // Not Alibaba's STS, which an SWR user has no use for.
  it.each<[string, AuthInputs, string]>([
    ['new IAM', {...V5, stsEndpoint: 'sts.cn-north-4.myhuaweicloud.com'}, 'https://sts.cn-north-4.myhuaweicloud.com'],
    ['classic IAM', {...V3, stsEndpoint: 'iam.myhuaweicloud.com'}, 'https://iam.myhuaweicloud.com']
  ])('%s', (_name, inputs, example) => {
    expect(refusal(inputs)).toBe(`Input 'sts-endpoint' is not a URL: '${inputs.stsEndpoint}'. Expected https://host[:port], e.g. ${example}.`)
  })
})
