import {jest} from '@jest/globals'
import type {Credential} from '../../../../src/credential.js'
import type {FailureKind} from '../../../../src/failure.js'
import {UserError} from '../../../../src/errors.js'
import type {AuthInputs} from '../../../../src/providers/auth-inputs.js'
import {NO_AUTH_INPUTS as NONE} from '../../../support/fakes.js'
import type {ApiSource, ApiTarget, LocalSource, ObtainContext} from '../../../../src/providers/provider.js'
import type {RegistryAddress} from '../../../../src/registry.js'
import {refusal} from '../../../support/refusal.js'
import type {Keys} from '../../../../src/providers/key-source.js'
import type {Federation} from '../../../../src/providers/keyless.js'
import {localServers} from '../../../support/local-server.js'

// The token's code (./api.js) is replaced, and counted when loaded: the fixed password must never load it.
let apiLoaded = 0
const acrCredential = jest.fn<(target: ApiTarget, auth: unknown, context: ObtainContext) => Promise<Credential>>()
jest.unstable_mockModule('../../../../src/providers/acr/api.js', () => {
  apiLoaded++
  return {acrCredential}
})
// Keyless login's exchange (../../oidc/federate.js) is replaced too: it gets the Federation the inputs make, and answers
// with fake keys (see the keyless tests at the end).
const federate = jest.fn<(federation: Federation, region: string, context: ObtainContext) => Promise<Keys>>()
jest.unstable_mockModule('../../../../src/oidc/federate.js', () => ({federate}))
const {ALIBABA_KEYS} = await import('../../../../src/providers/key-shapes.js')
const {acr, acrApiEndpoint, acrDefaultRegistry} = await import('../../../../src/providers/acr/index.js')

const AK = 'LTAI5tQwErTyUiOpAsDfGh'
// Distinctive enough that finding any of them (or a recognisable part) in a message cannot be chance.
const SK = 'Yt7/uI9+oP0aSdFgHjKl1ZxCvBnM2q'
const TOKEN = 'CAIS+SecurityToken/Xy12Zw34==Vb56'
const PASSWORD = 'Acr-Fixed-Pa55word!#7'
const INSTANCE = 'cri-0123456789abcdef'

const KEYS: AuthInputs = {...NONE, accessKeyId: AK, accessKeySecret: SK}
/** What the sources were given to mask with; emptied before each test. */
const masked: string[] = []
const MASK = (secret: string): void => void masked.push(secret)
beforeEach(() => void masked.splice(0))
const ENTERPRISE: AuthInputs = {...KEYS, instanceId: INSTANCE}
const FIXED: AuthInputs = {...NONE, username: 'dev@example.com', password: PASSWORD}

const PERSONAL_REGISTRY: RegistryAddress = {scheme: 'https', host: 'registry.cn-hangzhou.aliyuncs.com'}
const EE_REGISTRY: RegistryAddress = {scheme: 'https', host: 'myinst-registry.cn-hangzhou.cr.aliyuncs.com'}
const CONTEXT: ObtainContext = {mask: () => undefined, log: () => undefined, env: {}}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

function local(inputs: AuthInputs): LocalSource {
  const source = acr.credentialSource(inputs, MASK)
  expect(source.kind).toBe('local')
  return source as LocalSource
}

function api(inputs: AuthInputs): ApiSource {
  const source = acr.credentialSource(inputs, MASK)
  expect(source.kind).toBe('api')
  return source as ApiSource
}

function apiTarget(source: ApiSource, registry = PERSONAL_REGISTRY): ApiTarget {
  return {kind: 'api', provider: 'acr', region: 'cn-hangzhou', registry, source, endpoint: new URL('https://cr.cn-hangzhou.aliyuncs.com')}
}

/** The auth that a token source hands to acrCredential, seen through the replaced api.js. */
async function tokenAuth(source: ApiSource): Promise<unknown> {
  acrCredential.mockClear()
  acrCredential.mockResolvedValueOnce({region: 'r', registry: PERSONAL_REGISTRY, username: 'u', password: 'p'})
  await source.obtain(apiTarget(source), CONTEXT)
  return acrCredential.mock.calls[0][1]
}

// First in the file: the other tests load the API code.
describe('loading the API code', () => {
  it('happens on the first token, not for the fixed password nor when the sources are made', async () => {
    const fixed = local(FIXED)
    const token = api(KEYS)
    fixed.obtain({kind: 'local', provider: 'acr', region: 'cn-hangzhou', registry: PERSONAL_REGISTRY, source: fixed}, CONTEXT)
    expect(apiLoaded).toBe(0)
    await tokenAuth(token)
    expect(apiLoaded).toBe(1)
  })
})

describe('acr provider', () => {
  it("is named 'acr'", () => expect(acr.name).toBe('acr'))
})

describe('default registry and API endpoint per region', () => {
  it.each([
    ['cn-hangzhou', 'registry.cn-hangzhou.aliyuncs.com', 'https://cr.cn-hangzhou.aliyuncs.com'],
    ['cn-shanghai', 'registry.cn-shanghai.aliyuncs.com', 'https://cr.cn-shanghai.aliyuncs.com'],
    ['ap-southeast-1', 'registry.ap-southeast-1.aliyuncs.com', 'https://cr.ap-southeast-1.aliyuncs.com']
  ])('%s → %s, %s', (region, registry, endpoint) => {
    expect(acrDefaultRegistry(region)).toBe(registry)
    expect(acrApiEndpoint(region)).toBe(endpoint)
  })

  it('the Personal Edition token and the fixed password default to the Personal Edition registry', () => {
    expect(api(KEYS).defaultRegistry('cn-beijing')).toBe('registry.cn-beijing.aliyuncs.com')
    expect(local(FIXED).defaultRegistry('cn-beijing')).toBe('registry.cn-beijing.aliyuncs.com')
  })

  it('both token sources default to the regional API endpoint', () => {
    expect(api(KEYS).defaultEndpoint('cn-beijing')).toBe('https://cr.cn-beijing.aliyuncs.com')
    expect(api(ENTERPRISE).defaultEndpoint('cn-beijing')).toBe('https://cr.cn-beijing.aliyuncs.com')
  })

  it('an Enterprise Edition token has no default registry, and never guesses one (nor Docker Hub)', () => {
    const message = refusal(() => api(ENTERPRISE).defaultRegistry('cn-hangzhou'))
    expect(message).toMatch(
      /^Input 'registry' is required with 'instance-id' \(ACR Enterprise Edition\): give the instance's domain, e\.g\. myinstance-registry\.cn-hangzhou\.cr\.aliyuncs\.com/
    )
    expect(message).not.toMatch(/docker\.io|registry-1\.docker|hub\.docker/)
  })
})

describe('auth inputs: which login', () => {
  it.each<[string, AuthInputs, object]>([
    ['a key pair', KEYS, {accessKeyId: AK, accessKeySecret: SK, securityToken: undefined, instanceId: undefined}],
    ["a key pair with 'login-type: temporary'", {...KEYS, loginType: 'TEMPORARY'}, {accessKeyId: AK, accessKeySecret: SK, securityToken: undefined, instanceId: undefined}],
    [
      'an STS key pair (STS.… key ID) with its token',
      {...KEYS, accessKeyId: 'STS.NUxYz0123456789AbCdEf', securityToken: TOKEN},
      {accessKeyId: 'STS.NUxYz0123456789AbCdEf', accessKeySecret: SK, securityToken: TOKEN, instanceId: undefined}
    ]
  ])('%s gives a Personal Edition token from the API', async (_name, inputs, auth) => {
    const source = api(inputs)
    expect(source.description).toBe('ACR Personal Edition temporary token')
    expect(await tokenAuth(source)).toEqual(auth)
  })

  it('a key pair and an instance ID give an Enterprise Edition token for that instance', async () => {
    const source = api({...ENTERPRISE, securityToken: TOKEN})
    expect(source.description).toBe(`ACR Enterprise Edition temporary token for ${INSTANCE}`)
    expect(await tokenAuth(source)).toEqual({accessKeyId: AK, accessKeySecret: SK, securityToken: TOKEN, instanceId: INSTANCE})
  })

  it.each<[string, AuthInputs]>([
    ['username and password', FIXED],
    ["username and password with 'login-type: long-term'", {...FIXED, loginType: 'long-term'}]
  ])('%s give the fixed access password, used as is', (_name, inputs) => {
    const source = local(inputs)
    expect(source.description).toBe('ACR fixed access password')
    expect(source.obtain({kind: 'local', provider: 'acr', region: 'cn-shanghai', registry: PERSONAL_REGISTRY, source}, CONTEXT)).toMatchObject({
      username: 'dev@example.com',
      password: PASSWORD
    })
  })

  it.each(['cri-abc', 'cri-0123456789abcdef', 'cri-9'])('instance-id %j is an instance ID', instanceId => {
    expect(api({...KEYS, instanceId}).description).toBe(`ACR Enterprise Edition temporary token for ${instanceId}`)
  })

  it.each(['CRI-ABC', 'cri_abc', 'i-0123abc', 'cri-', 'cri-abc-def', 'myinst-registry.cn-hangzhou.cr.aliyuncs.com'])(
    'instance-id %j is refused, whatever the rest',
    instanceId => {
      const expected =
        `Input 'instance-id' is '${instanceId}', which is not an ACR Enterprise Edition instance ID. It looks like ` +
        `cri-xxxxxxxxxxxxxxxx (console: Container Registry, Instances).`
      expect(refusal(() => acr.credentialSource({...KEYS, instanceId}, MASK))).toBe(expected)
      expect(refusal(() => acr.credentialSource({...FIXED, instanceId}, MASK))).toBe(expected)
    }
  )
})

describe('auth inputs: refusals', () => {
  it.each<[string, AuthInputs, RegExp]>([
    ['an unknown login type', {...KEYS, loginType: 'temp'}, /^Input 'login-type' is 'temp'; use 'long-term' or 'temporary'\.$/],
    ['a bad duration', {...KEYS, duration: 'abc'}, /^Input 'duration' is 'abc': not a duration\./],
    [
      'a duration with a key pair',
      {...KEYS, duration: '2h'},
      /^Input 'duration' applies to provider swr, and to keyless login \('oidc-provider'\); ACR decides its tokens' lifetime \(1 hour, or the STS token's\)\. Remove it\.$/
    ],
    ['a duration with username and password', {...FIXED, duration: '2h'}, /^Input 'duration' applies to provider swr/],
    [
      'a key pair and username/password',
      {...FIXED, accessKeyId: AK, accessKeySecret: SK},
      /^Give either 'access-key-id' and 'access-key-secret' \(for a temporary token\) or 'username' and 'password' \(the fixed access password\), not both\.$/
    ],
    ['a key ID with username/password', {...FIXED, accessKeyId: AK}, /^Give either .* not both\.$/],
    ['a secret key with username/password', {...FIXED, accessKeySecret: SK}, /^Give either .* not both\.$/],
    ['a key ID with a username alone', {...NONE, username: 'dev', accessKeyId: AK}, /^Give either .* not both\.$/],
    ['a username without a password', {...FIXED, password: ''}, /^Input 'password' is empty\. .*'password: \$\{\{ secrets\.ACR_PASSWORD \}\}'\.$/],
    [
      'a password without a username',
      {...FIXED, username: ''},
      /^Input 'username' is empty\. .*'username: \$\{\{ secrets\.ACR_USERNAME \}\}'\. With 'password', ACR needs the login name too\.$/
    ],
    [
      "a username with ':' (user:password pasted in)",
      {...FIXED, username: 'dev:hunter2'},
      /^Input 'username' contains ':', which no registry login name can hold \(the login is sent as user:password\)\. Give the ACR login name alone; the password goes in 'password'\.$/
    ],
    [
      "'login-type: temporary' with username/password",
      {...FIXED, loginType: 'temporary'},
      /^'login-type: temporary' needs an access key pair; 'username' and 'password' give the fixed access password\. Remove 'login-type' or use the key pair\.$/
    ],
    [
      'a security token with username/password',
      {...FIXED, securityToken: TOKEN},
      /^Input 'security-token' goes with an access key pair, not with 'username' and 'password'\. Remove it\.$/
    ],
    [
      'an instance ID with username/password',
      {...FIXED, instanceId: INSTANCE},
      /^Input 'instance-id' is for requesting a temporary token; with 'username' and 'password', give the instance's domain in 'registry' instead\.$/
    ],
    [
      'nothing at all',
      NONE,
      /^No credential reached this job: .*secrets\.ALIYUN_AK.*secrets\.ALIYUN_SK.* With provider acr, give either 'access-key-id' and 'access-key-secret' \(temporary token\) or 'username' and 'password' \(fixed password\)\.$/
    ],
    [
      'a Huawei key pair',
      {...NONE, accessKeyId: 'HPUAXMSFVQ4ZLDP8B2RW', accessKeySecret: 'Wq3rT8yUi0pAs2dFg4hJk6lZx8cVb0nMq2wE4rT6'},
      /^Inputs 'access-key-id' and 'access-key-secret' look like a key pair of Huawei Cloud, not of Alibaba Cloud: for Huawei Cloud SWR, set 'provider: swr' \(or leave 'provider' out\)\. The value was masked in the log and not used\.$/
    ],
    ['a key ID alone', {...NONE, accessKeyId: AK}, /^Input 'access-key-secret' is empty\. .*secrets\.ALIYUN_SK/],
    ['a secret key alone', {...NONE, accessKeySecret: SK}, /^Input 'access-key-id' is empty\. .*secrets\.ALIYUN_AK.* With provider acr, give either/],
    [
      'a key ID with a hyphen',
      {...KEYS, accessKeyId: 'LTAI-5tQw'},
      /^Input 'access-key-id' does not look like an access key ID \(it contains characters other than letters, digits and dots\)/
    ],
    ['the secret key as key ID', {...KEYS, accessKeyId: SK}, /pass the AK, not the SK\. The value was masked in the log and not used\.$/],
    ['a secret key with a space inside', {...KEYS, accessKeySecret: `${SK} ${SK}`}, /^Input 'access-key-secret' contains spaces or line breaks/],
    [
      "'login-type: long-term' with a key pair",
      {...KEYS, loginType: 'long-term'},
      /^ACR gives only temporary tokens for an access key pair, so 'login-type: long-term' cannot be met\. .*'username' and 'password'.*remove 'login-type'\.$/
    ]
  ])('refuses %s', (_name, inputs, why) => {
    const message = refusal(() => acr.credentialSource(inputs, MASK))
    expect(message).toMatch(why)
    for (const secret of [SK, TOKEN, PASSWORD]) {
      expect(message).not.toContain(secret.slice(0, 10))
      expect(message).not.toContain(secret.slice(-10))
    }
  })

  it('judges login-type, duration and instance-id first, then the choice between key pair and password', () => {
    expect(refusal(() => acr.credentialSource({...FIXED, accessKeyId: AK, loginType: 'x', duration: 'x', instanceId: 'x'}, MASK))).toMatch(/^Input 'login-type'/)
    expect(refusal(() => acr.credentialSource({...FIXED, accessKeyId: AK, duration: 'x', instanceId: 'x'}, MASK))).toMatch(/^Input 'duration'/)
    expect(refusal(() => acr.credentialSource({...FIXED, accessKeyId: AK, instanceId: 'x'}, MASK))).toMatch(/^Input 'instance-id' is 'x'/)
    expect(refusal(() => acr.credentialSource({...FIXED, accessKeyId: AK, loginType: 'temporary'}, MASK))).toMatch(/^Give either/)
    expect(refusal(() => acr.credentialSource({...NONE, username: 'u', loginType: 'temporary'}, MASK))).toMatch(/^Input 'password' is empty/)
    expect(refusal(() => acr.credentialSource({...KEYS, accessKeySecret: '', accessKeyId: 'bad-ak'}, MASK))).toMatch(/^Input 'access-key-secret'/)
    expect(refusal(() => acr.credentialSource({...KEYS, accessKeyId: 'bad-ak', loginType: 'long-term'}, MASK))).toMatch(/^Input 'access-key-id'/)
  })
})

describe('regions and registry against the instance', () => {
  it('an Enterprise Edition instance lives in one region', () => {
    const source = api(ENTERPRISE)
    expect(() => source.checkRegions?.(['cn-hangzhou'])).not.toThrow()
    expect(refusal(() => source.checkRegions?.(['cn-hangzhou', 'cn-beijing']))).toBe(
      "Input 'instance-id' names one instance, which lives in one region, but 'region' lists 2. List its region only."
    )
  })

  it('a Personal Edition token may serve several regions', () => {
    expect(() => api(KEYS).checkRegions?.(['cn-hangzhou', 'cn-beijing', 'cn-shanghai'])).not.toThrow()
  })

  it.each(['myinst-registry.cn-hangzhou.cr.aliyuncs.com', 'myinst-registry-vpc.cn-hangzhou.cr.aliyuncs.com', 'myinst-registry.cn-hangzhou.cr.aliyuncs.com:443'])(
    'a Personal Edition token refuses the Enterprise Edition domain %s, asking for instance-id',
    host => {
      const message = refusal(() => api(KEYS).checkRegistry?.({scheme: 'https', host}))
      expect(message).toMatch(new RegExp(`^Input 'registry' \\(${host.replace(/\./g, '\\.')}\\) is an ACR Enterprise Edition domain`))
      expect(message).toContain("'instance-id' (cri-…, console: Instances)")
    }
  )

  it.each(['registry.cn-hangzhou.aliyuncs.com', 'crpi-abc123.cn-shanghai.personal.cr.aliyuncs.com', 'registry.example.com'])('a Personal Edition token takes %s', host =>
    expect(() => api(KEYS).checkRegistry?.({scheme: 'https', host})).not.toThrow()
  )

  it("an Enterprise Edition token takes its instance's domain", () => {
    expect(() => api(ENTERPRISE).checkRegistry?.(EE_REGISTRY)).not.toThrow()
  })

  it('the fixed password checks neither (it serves any edition, and any number of regions)', () => {
    const source = local(FIXED)
    expect(source.checkRegions).toBeUndefined()
    expect(source.checkRegistry).toBeUndefined()
  })
})

describe('fixed access password (local source)', () => {
  const source = local(FIXED)
  const registry: RegistryAddress = {scheme: 'https', host: 'registry.cn-shanghai.aliyuncs.com'}

  function obtain(mask: (secret: string) => void): Credential {
    return source.obtain({kind: 'local', provider: 'acr', region: 'cn-shanghai', registry, source}, {mask, log: () => undefined, env: {}})
  }

  it('is the username and password as given, for the region and registry, without an expiry', () => {
    const credential = obtain(() => undefined)
    expect(credential).toEqual({region: 'cn-shanghai', registry, username: 'dev@example.com', password: PASSWORD})
    expect(credential).not.toHaveProperty('expiresAt')
  })

  it('masks the password, user:password and its base64, in that order, all before it returns', () => {
    const masked: string[] = []
    let returned = false
    const late: string[] = []
    obtain(secret => {
      if (returned) late.push(secret)
      masked.push(secret)
    })
    returned = true
    expect(masked).toEqual([PASSWORD, `dev@example.com:${PASSWORD}`, b64(`dev@example.com:${PASSWORD}`)])
    expect(late).toEqual([])
  })

  it('returns nothing when a mask throws', () => {
    expect(() =>
      obtain(() => {
        throw new Error('cannot mask')
      })
    ).toThrow('cannot mask')
  })
})

describe('temporary token (API source)', () => {
  it('hands ./api.js the target, the auth and the context, and returns its credential', async () => {
    const source = api(ENTERPRISE)
    const target = apiTarget(source, EE_REGISTRY)
    const credential: Credential = {region: 'cn-hangzhou', registry: EE_REGISTRY, username: 'cr_temp_user', password: 'tok', expiresAt: '2026-01-01T00:00:00.000Z'}
    acrCredential.mockClear()
    acrCredential.mockResolvedValueOnce(credential)
    await expect(source.obtain(target, CONTEXT)).resolves.toBe(credential)
    expect(acrCredential).toHaveBeenCalledTimes(1)
    expect(acrCredential).toHaveBeenCalledWith(target, {accessKeyId: AK, accessKeySecret: SK, securityToken: undefined, instanceId: INSTANCE}, CONTEXT)
  })

  it("passes the API's failure on", async () => {
    const source = api(KEYS)
    acrCredential.mockRejectedValueOnce(new UserError('The ACR API refused'))
    await expect(source.obtain(apiTarget(source), CONTEXT)).rejects.toThrow('The ACR API refused')
  })
})

describe('advice for an engine failure', () => {
  const SHARED: Omit<Record<FailureKind, RegExp | undefined>, 'unauthorized'> = {
    denied: /^The account may lack Container Registry permissions for this registry, or be overdue or suspended: check the RAM user's permissions/,
    blocked: /^Wait, then run the job again: retrying at once can make the block last longer\.$/,
    'not-found': /^Check 'region' \(and 'registry' if set\): the host is derived from them\.$/,
    tls: undefined,
    other: undefined
  }
  const SOURCES: [string, () => ApiSource | LocalSource, RegExp][] = [
    ['Personal Edition token', () => api(KEYS), /^The ACR API issued this token moments ago: check that 'registry' is the registry of 'region'\.$/],
    [
      'Enterprise Edition token',
      () => api(ENTERPRISE),
      /^The ACR API issued this token moments ago: check that 'registry' is the registry of 'region' and of the instance in 'instance-id'\.$/
    ],
    ['fixed password', () => local(FIXED), /^Check 'username' and 'password': the login name and the fixed access password set in the ACR console \(Access Credentials\);/]
  ]
  const CASES = SOURCES.flatMap(([name, make, unauthorized]) =>
    Object.entries({...SHARED, unauthorized} satisfies Record<FailureKind, RegExp | undefined>).map(
      ([kind, expected]) => [name, kind as FailureKind, make, expected] as const
    )
  )

  it.each(CASES)('%s, %s', (_name, kind, make, expected) => {
    const advice = make().advice(kind)
    if (expected === undefined) expect(advice).toBeUndefined()
    else expect(advice).toMatch(expected)
  })
})

describe('Alibaba key shapes', () => {
  // Real-shaped: AKs 'LTAI' and 20 (or, older, 12) letters and digits, or 'STS.' and more; SKs 30 letters and digits.
  const REAL_AK = 'LTAI5tQwErTyUiOpAsDfGh12'
  const OLD_AK = 'LTAI4FwqPxiAabcd'
  const STS_AK = 'STS.NUxYz0123456789AbCdEf'
  const REAL_SK = 'Yt7uI9oP0aSdFgHjKl1ZxCvBnM2q3W'

  it.each([REAL_AK, OLD_AK, STS_AK])('%s is an AK', value => {
    expect(ALIBABA_KEYS.isAccessKeyId(value)).toBe(true)
  })

  it.each([REAL_SK, 'HPUAXMSFVQ4ZLDP8B2RW', 'LTAI', 'STS.', 'ltai5tqwertyuiopasdfgh12'])('%s is no AK', value => {
    expect(ALIBABA_KEYS.isAccessKeyId(value)).toBe(false)
  })

  it.each<[string, boolean]>([
    [REAL_SK, true],
    [REAL_SK.toLowerCase(), false],
    [REAL_SK.slice(1), false],
    [`LTAI${REAL_SK.slice(4)}`, false]
  ])('%s has the shape of an SK: %s', (value, expected) => {
    expect(ALIBABA_KEYS.isAccessKeySecret(value)).toBe(expected)
  })

  it.each([REAL_AK, OLD_AK, STS_AK])('takes the AK %s with a real-shaped SK, masking nothing more', ak => {
    expect(acr.credentialSource({...NONE, accessKeyId: ak, accessKeySecret: REAL_SK}, MASK).kind).toBe('api')
    expect(masked).toEqual([])
  })

  it('takes an AK of a shape it does not know (it only goes into signed calls), but masks it', () => {
    expect(acr.credentialSource({...NONE, accessKeyId: 'E2E0123456789ABCDEF', accessKeySecret: REAL_SK}, MASK).kind).toBe('api')
    expect(masked).toEqual(['E2E0123456789ABCDEF'])
  })

  it.each<[string, AuthInputs, RegExp]>([
    ['a swapped pair', {...NONE, accessKeyId: REAL_SK, accessKeySecret: REAL_AK}, /^Inputs 'access-key-id' and 'access-key-secret' look swapped: .*Alibaba Cloud/],
    ['a swapped STS pair', {...NONE, accessKeyId: REAL_SK, accessKeySecret: STS_AK, securityToken: TOKEN}, /look swapped/],
    ['the SK in both', {...NONE, accessKeyId: REAL_SK, accessKeySecret: REAL_SK}, /\(it has the shape of a secret access key of Alibaba Cloud\): pass the AK, not the SK\./]
  ])('refuses %s, masking the value first and never showing it', (_name, inputs, why) => {
    const message = refusal(() => acr.credentialSource(inputs, MASK))
    expect(message).toMatch(why)
    expect(masked).toEqual([inputs.accessKeyId])
    expect(message).not.toContain(REAL_SK.slice(0, 8))
  })
})

// ---------------------------------------------------------------------------------------------------------------------
// Keyless login ('oidc-provider'): the inputs' rules, and the source they make. The exchange itself is replaced (see
// federate above); what the source hands it, the Federation, is what these tests read.

const PROVIDER_ARN = 'acs:ram::1234567890123456:oidc-provider/github'
const ROLE_ARN = 'acs:ram::1234567890123456:role/acr-push'
const KEYLESS: AuthInputs = {...NONE, oidcProvider: PROVIDER_ARN, roleToAssume: ROLE_ARN}
const FEDERATED_KEYS: Keys = {
  accessKeyId: 'STS.NUxFederated0123456789',
  accessKeySecret: 'Fed3rat3dS3cr3tValue0123456789',
  securityToken: 'CAIS+FederatedSecurityToken/Qw12Er34==',
  expiresAt: '2026-01-01T01:00:00.000Z'
}
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
const JWT_CLAIMS = {sub: 'repo:octo/app:ref:refs/heads/main', aud: 'sts.aliyuncs.com', iss: 'https://token.actions.githubusercontent.com'}
const JWT = `${b64url({alg: 'RS256', typ: 'JWT'})}.${b64url(JWT_CLAIMS)}.${Buffer.from('s1gnature-'.repeat(25)).toString('base64url')}`
const PROVIDER_ARN_FORM = 'acs:ram::<account ID>:oidc-provider/<name> (RAM console: Integrations, SSO, OIDC, the provider)'
const ROLE_ARN_FORM = 'acs:ram::<account ID>:role/<name> (RAM console: Identities, Roles, the role)'

/** The Federation a keyless source hands the exchange, seen through the replaced federate.js. */
async function federationOf(inputs: AuthInputs): Promise<Federation> {
  const source = api(inputs)
  federate.mockClear()
  federate.mockResolvedValueOnce(FEDERATED_KEYS)
  await source.prepare?.(['cn-hangzhou'], CONTEXT)
  expect(federate).toHaveBeenCalledTimes(1)
  return federate.mock.calls[0][0]
}

describe('keyless login: which inputs make one', () => {
  it.each<[string, AuthInputs]>([
    ['the provider and role ARNs', KEYLESS],
    ["'login-type: temporary'", {...KEYLESS, loginType: 'temporary'}],
    ['an audience', {...KEYLESS, audience: 'my-client-id'}],
    ['a session name of 2 characters', {...KEYLESS, roleSessionName: 'ab'}],
    ['a session name of 64 characters', {...KEYLESS, roleSessionName: 'a'.repeat(64)}],
    ['the shortest duration (15 minutes)', {...KEYLESS, duration: '15m'}],
    ['the longest duration (12 hours)', {...KEYLESS, duration: '12h'}],
    ['an STS endpoint', {...KEYLESS, stsEndpoint: 'https://sts-vpc.{region}.aliyuncs.com'}],
    ['an STS endpoint on loopback over http', {...KEYLESS, stsEndpoint: 'http://127.0.0.1:8080'}],
    ['ARNs with a name of dots, hyphens and underscores', {...NONE, oidcProvider: 'acs:ram::1:oidc-provider/git.hub-x_y', roleToAssume: 'acs:ram::1:role/a.b-c_d'}]
  ])('%s', (_name, inputs) => {
    expect(api(inputs).description).toBe(
      `ACR Personal Edition temporary token, signed with temporary keys for RAM role ${inputs.roleToAssume} (keyless: the job's GitHub OIDC token)`
    )
    expect(masked).toEqual([])
  })

  it('an instance ID gives an Enterprise Edition token, with the keys of the role', () => {
    expect(api({...KEYLESS, instanceId: INSTANCE}).description).toBe(
      `ACR Enterprise Edition temporary token for ${INSTANCE}, signed with temporary keys for RAM role ${ROLE_ARN} (keyless: the job's GitHub OIDC token)`
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

  it.each<[string, AuthInputs, string]>([
    [
      'an oidc-provider that is no ARN',
      {...KEYLESS, oidcProvider: 'github'},
      `Input 'oidc-provider' is 'github'. For provider acr it is the RAM OIDC provider's ARN: ${PROVIDER_ARN_FORM}.`
    ],
    [
      'a Huawei Cloud OIDC provider URN',
      {...KEYLESS, oidcProvider: 'iam::0a1b2c3d:oidcProvider:github'},
      `Input 'oidc-provider' is 'iam::0a1b2c3d:oidcProvider:github', a Huawei Cloud IAM name: for SWR, set 'provider: swr' ` +
        `(or leave 'provider' out). For provider acr it is the RAM OIDC provider's ARN: ${PROVIDER_ARN_FORM}.`
    ],
    [
      "a role's ARN in oidc-provider (the two swapped)",
      {...KEYLESS, oidcProvider: ROLE_ARN, roleToAssume: PROVIDER_ARN},
      `Input 'oidc-provider' is '${ROLE_ARN}', a RAM role's ARN, which goes in 'role-to-assume'. For provider acr it is the RAM OIDC provider's ARN: ${PROVIDER_ARN_FORM}.`
    ],
    [
      "the provider's ARN in both",
      {...KEYLESS, roleToAssume: PROVIDER_ARN},
      `Input 'role-to-assume' is '${PROVIDER_ARN}', an OIDC provider's ARN, which goes in 'oidc-provider'. For provider acr it is a RAM role's ARN: ${ROLE_ARN_FORM}.`
    ],
    [
      'no role-to-assume',
      {...KEYLESS, roleToAssume: ''},
      `Input 'role-to-assume' is required with 'oidc-provider' for provider acr: the ARN of the RAM role whose trust policy ` +
        `lets this repository's token in, ${ROLE_ARN_FORM}.`
    ],
    [
      'a role-to-assume that is no ARN',
      {...KEYLESS, roleToAssume: 'acr-push'},
      `Input 'role-to-assume' is 'acr-push'. For provider acr it is a RAM role's ARN: ${ROLE_ARN_FORM}.`
    ],
    [
      'a Huawei agency URN in role-to-assume',
      {...KEYLESS, roleToAssume: 'iam::0a1b2c3d:agency:push'},
      `Input 'role-to-assume' is 'iam::0a1b2c3d:agency:push'. For provider acr it is a RAM role's ARN: ${ROLE_ARN_FORM}.`
    ],
    ['stored keys with oidc-provider', {...KEYLESS, accessKeyId: AK, accessKeySecret: SK}, stored("'access-key-id', 'access-key-secret'", 'the others')],
    ['an STS token with oidc-provider', {...KEYLESS, securityToken: TOKEN}, stored("'security-token'", 'the other')],
    ['the fixed password with oidc-provider', {...KEYLESS, username: 'dev@example.com', password: PASSWORD}, stored("'username', 'password'", 'the others')],
    [
      "'login-type: long-term'",
      {...KEYLESS, loginType: 'long-term'},
      "Keyless login ('oidc-provider') gives temporary keys, and a login made with them is temporary too: 'login-type: long-term' cannot be met. Remove 'login-type'."
    ],
    [
      'a duration under 15 minutes',
      {...KEYLESS, duration: '14m59s'},
      "Input 'duration' is '14m59s': shorter than Alibaba Cloud STS allows. Use a time like 15m, 2h or 12h (15 minutes to 12 hours)."
    ],
    [
      'a duration over 12 hours',
      {...KEYLESS, duration: '12h1s'},
      "Input 'duration' is '12h1s': longer than Alibaba Cloud STS allows. Use a time like 15m, 2h or 12h (15 minutes to 12 hours)."
    ],
    ['a duration that is none', {...KEYLESS, duration: '1d'}, "Input 'duration' is '1d': not a duration. Use a time like 15m, 2h or 12h (15 minutes to 12 hours)."],
    [
      'a session name of 1 character',
      {...KEYLESS, roleSessionName: 'a'},
      "Input 'role-session-name' is 'a': Alibaba Cloud STS takes 2 to 64 characters, each a letter, a digit or one of . @ _ -. Change it, or remove it for the default."
    ],
    [
      'a session name of 65 characters',
      {...KEYLESS, roleSessionName: 'a'.repeat(65)},
      `Input 'role-session-name' is '${'a'.repeat(65)}': Alibaba Cloud STS takes 2 to 64 characters, each a letter, a digit or one of . @ _ -. Change it, or remove it for the default.`
    ],
    [
      'a session name with a space',
      {...KEYLESS, roleSessionName: 'my build'},
      "Input 'role-session-name' is 'my build': Alibaba Cloud STS takes 2 to 64 characters, each a letter, a digit or one of . @ _ - (not ' '). Change it, or remove it for the default."
    ],
    [
      'a plain-HTTP STS endpoint',
      {...KEYLESS, stsEndpoint: 'http://sts.aliyuncs.com'},
      "Input 'sts-endpoint' is a plain http:// URL (http://sts.aliyuncs.com): the job's OIDC token and the temporary keys would cross the network unencrypted. Use https://."
    ],
    [
      'an STS endpoint that is no URL',
      {...KEYLESS, stsEndpoint: 'sts.aliyuncs.com'},
      "Input 'sts-endpoint' is not a URL: 'sts.aliyuncs.com'. Expected https://host[:port], e.g. https://sts.aliyuncs.com."
    ],
    ['role-to-assume without oidc-provider', {...KEYS, roleToAssume: ROLE_ARN}, stray('role-to-assume')],
    ['audience without oidc-provider', {...FIXED, audience: 'sts.aliyuncs.com'}, stray('audience')],
    ['role-session-name without oidc-provider', {...KEYS, roleSessionName: 'ci'}, stray('role-session-name')],
    ['sts-endpoint without oidc-provider', {...ENTERPRISE, stsEndpoint: 'https://sts.aliyuncs.com'}, stray('sts-endpoint')],
    // The stray input is named before the duration ACR refuses without keyless login.
    ['a stray input and a duration', {...KEYS, audience: 'a', duration: '2h'}, stray('audience')],
    ['keyless inputs alone, without oidc-provider', {...NONE, roleToAssume: ROLE_ARN, audience: 'a'}, stray('role-to-assume')]
  ])('refuses %s', (_name, inputs, expected) => {
    const message = refusal(() => acr.credentialSource(inputs, MASK))
    expect(message).toBe(expected)
    for (const secret of [SK, TOKEN, PASSWORD]) expect(message).not.toContain(secret.slice(0, 10))
  })

  it.each([
    ['an account ID that is not digits', 'acs:ram::octo:oidc-provider/github'],
    ['no name', 'acs:ram::123:oidc-provider/'],
    ['a path', 'acs:ram::123:oidc-provider/a/b'],
    ['a space', 'acs:ram::123:oidc-provider/git hub'],
    ['no account ID', 'acs:ram:::oidc-provider/github'],
    ['another service', 'acs:sts::123:oidc-provider/github'],
    ['an upper-case type', 'acs:ram::123:OIDC-provider/github'],
    ['a leading space', ` ${PROVIDER_ARN}`]
  ])('refuses an oidc-provider ARN with %s', (_name, oidcProvider) => {
    expect(refusal(() => acr.credentialSource({...KEYLESS, oidcProvider}, MASK))).toMatch(/^Input 'oidc-provider' is .*For provider acr it is the RAM OIDC provider's ARN/)
  })

  it.each([
    ['an account ID that is not digits', 'acs:ram::octo:role/push'],
    ['no name', 'acs:ram::123:role/'],
    ['a path', 'acs:ram::123:role/a/b'],
    ['a trailing newline', `${ROLE_ARN}\n`]
  ])('refuses a role-to-assume ARN with %s', (_name, roleToAssume) => {
    expect(refusal(() => acr.credentialSource({...KEYLESS, roleToAssume}, MASK))).toMatch(/^Input 'role-to-assume' is .*For provider acr it is a RAM role's ARN/)
  })

  it('quotes an input it refuses on one line, cut', () => {
    const message = refusal(() => acr.credentialSource({...KEYLESS, oidcProvider: `x\n${'y'.repeat(300)}`}, MASK))
    expect(message).not.toContain('\n')
    expect(message).toContain(`'x\\n${'y'.repeat(196)}…'`)
  })

  it('judges login-type, then instance-id, then stored credentials, then long-term, then the ARNs, then the rest', () => {
    const all = {...KEYLESS, loginType: 'long-term', instanceId: 'x', accessKeyId: AK, oidcProvider: 'x', duration: 'x', roleSessionName: 'x', stsEndpoint: 'x'}
    expect(refusal(() => acr.credentialSource({...all, loginType: 'bogus'}, MASK))).toMatch(/^Input 'login-type' is 'bogus'/)
    expect(refusal(() => acr.credentialSource(all, MASK))).toMatch(/^Input 'instance-id' is 'x'/)
    expect(refusal(() => acr.credentialSource({...all, instanceId: ''}, MASK))).toMatch(/^Inputs 'oidc-provider' and 'access-key-id' are both given/)
    expect(refusal(() => acr.credentialSource({...all, instanceId: '', accessKeyId: ''}, MASK))).toMatch(/^Keyless login \('oidc-provider'\) gives temporary keys/)
    const rest = {...all, instanceId: '', accessKeyId: '', loginType: ''}
    expect(refusal(() => acr.credentialSource(rest, MASK))).toMatch(/^Input 'oidc-provider' is 'x'/)
    expect(refusal(() => acr.credentialSource({...rest, oidcProvider: PROVIDER_ARN}, MASK))).toMatch(/^Input 'duration' is 'x'/)
    expect(refusal(() => acr.credentialSource({...rest, oidcProvider: PROVIDER_ARN, duration: ''}, MASK))).toMatch(/^Input 'role-session-name' is 'x'/)
    expect(refusal(() => acr.credentialSource({...rest, oidcProvider: PROVIDER_ARN, duration: '', roleSessionName: ''}, MASK))).toMatch(/^Input 'sts-endpoint' is not a URL/)
  })

  it('never shows a secret given with oidc-provider, and masks nothing for it', () => {
    const message = refusal(() => acr.credentialSource({...KEYLESS, accessKeySecret: SK}, MASK))
    expect(message).not.toContain(SK)
    expect(message).not.toContain(SK.slice(0, 8))
    expect(message).toContain("'access-key-secret'")
  })
})

describe('keyless login: the federation the inputs make', () => {
  it('asks Alibaba Cloud STS for the role, with the defaults: audience sts.aliyuncs.com, an hour, the central endpoint', async () => {
    const federation = await federationOf(KEYLESS)
    expect(federation).toMatchObject({
      service: 'Alibaba Cloud STS AssumeRoleWithOIDC',
      identity: `RAM role ${ROLE_ARN}`,
      audience: 'sts.aliyuncs.com',
      durationSeconds: 3600,
      session: {given: undefined, rules: {service: 'Alibaba Cloud STS', maxLength: 64}},
      endpointInput: ''
    })
    expect(federation.defaultEndpoint('cn-hangzhou')).toBe('https://sts.aliyuncs.com')
    expect(federation.defaultEndpoint('ap-southeast-1')).toBe('https://sts.aliyuncs.com')
    // The first region of the logins picks the endpoint.
    expect(federate.mock.calls[0][1]).toBe('cn-hangzhou')
  })

  it('takes the audience, duration, session name and STS endpoint given', async () => {
    const federation = await federationOf({
      ...KEYLESS,
      audience: 'my-client-id',
      duration: '2h30m',
      roleSessionName: 'deploy@prod',
      stsEndpoint: 'https://sts-vpc.{region}.aliyuncs.com'
    })
    expect(federation).toMatchObject({
      audience: 'my-client-id',
      durationSeconds: 9000,
      session: {given: 'deploy@prod'},
      endpointInput: 'https://sts-vpc.{region}.aliyuncs.com'
    })
  })

  it.each<[string, number]>([
    ['15m', 900],
    ['12h', 43200],
    ['43200', 43200]
  ])("takes a duration of %s within Alibaba Cloud STS's limits", async (duration, seconds) => {
    expect((await federationOf({...KEYLESS, duration})).durationSeconds).toBe(seconds)
  })

  describe('its exchange, against a local STS', () => {
    const serve = localServers()

    it("sends the token and the inputs' ARNs to AssumeRoleWithOIDC (./oidc.js), and returns its keys", async () => {
      const local = await serve(() => ({
        status: 200,
        body: JSON.stringify({
          Credentials: {AccessKeyId: 'STS.NUfederatedKeyId0123', AccessKeySecret: 'sk-from-sts', SecurityToken: 'tok-from-sts', Expiration: '2026-01-01T01:00:00Z'}
        })
      }))
      const federation = await federationOf({...KEYLESS, duration: '20m'})
      const keys = await federation.exchange({
        jwt: JWT,
        claims: JWT_CLAIMS,
        audience: federation.audience,
        endpoint: local.url,
        sessionName: 'github-octo-app-1-1',
        durationSeconds: federation.durationSeconds,
        mask: () => undefined,
        hooks: {sleep: async () => undefined}
      })
      expect(keys).toEqual({accessKeyId: 'STS.NUfederatedKeyId0123', accessKeySecret: 'sk-from-sts', securityToken: 'tok-from-sts', expiresAt: '2026-01-01T01:00:00.000Z'})
      expect(local.received).toHaveLength(1)
      expect(Object.fromEntries(new URLSearchParams(local.received[0].body))).toEqual({
        OIDCProviderArn: PROVIDER_ARN,
        RoleArn: ROLE_ARN,
        OIDCToken: JWT,
        RoleSessionName: 'github-octo-app-1-1',
        DurationSeconds: '1200'
      })
    })
  })
})

describe('keyless login: the source', () => {
  const tokenCredential = (expiresAt?: string): Credential => ({
    region: 'cn-hangzhou',
    registry: PERSONAL_REGISTRY,
    username: 'cr_temp_user',
    password: 'acr-token',
    ...(expiresAt === undefined ? {} : {expiresAt})
  })

  beforeEach(() => {
    federate.mockReset()
    acrCredential.mockReset()
  })

  it('has a prepare that does the exchange once, before any login, with the first region', async () => {
    const source = api(KEYLESS)
    federate.mockResolvedValue(FEDERATED_KEYS)
    await expect(source.prepare?.(['cn-beijing', 'cn-hangzhou'], CONTEXT)).resolves.toBeUndefined()
    expect(federate).toHaveBeenCalledTimes(1)
    expect(federate.mock.calls[0][1]).toBe('cn-beijing')
    expect(federate.mock.calls[0][2]).toBe(CONTEXT)
    expect(acrCredential).not.toHaveBeenCalled()
  })

  it('obtains a token from ./api.js with the federated keys (and the instance), and asks for them no more', async () => {
    const source = api({...KEYLESS, instanceId: INSTANCE})
    federate.mockResolvedValue(FEDERATED_KEYS)
    acrCredential.mockResolvedValue(tokenCredential('2026-01-01T00:30:00.000Z'))
    const target = apiTarget(source, EE_REGISTRY)
    await source.prepare?.(['cn-hangzhou'], CONTEXT)
    await source.obtain(target, CONTEXT)
    await source.obtain(target, CONTEXT)
    expect(federate).toHaveBeenCalledTimes(1)
    expect(acrCredential).toHaveBeenCalledTimes(2)
    const [givenTarget, auth, context] = acrCredential.mock.calls[0]
    expect(givenTarget).toBe(target)
    expect(auth).toMatchObject({
      accessKeyId: FEDERATED_KEYS.accessKeyId,
      accessKeySecret: FEDERATED_KEYS.accessKeySecret,
      securityToken: FEDERATED_KEYS.securityToken,
      instanceId: INSTANCE,
      // For the API's advice: the federation, not key inputs, is where the keys came from.
      federation: {service: 'Alibaba Cloud STS AssumeRoleWithOIDC', identity: `RAM role ${ROLE_ARN}`, durationSeconds: 3600}
    })
    expect(context).toBe(CONTEXT)
  })

  it.each<[FailureKind, RegExp | undefined]>([
    ['unauthorized', /^The ACR API issued this token moments ago: check that 'registry' is the registry of 'region'\.$/],
    ['denied', /check the RAM role acs:ram::1234567890123456:role\/acr-push's permissions and the account's status in the console\.$/],
    ['blocked', /^Wait, then run the job again/],
    ['not-found', /^Check 'region' \(and 'registry' if set\)/],
    ['tls', undefined],
    ['other', undefined]
  ])('advises on an engine failure (%s) by the role, never by a RAM user or a key input', (kind, expected) => {
    const advice = api(KEYLESS).advice(kind)
    if (expected === undefined) expect(advice).toBeUndefined()
    else expect(advice).toMatch(expected)
    expect(advice ?? '').not.toMatch(/RAM user|'access-key-id'|'access-key-secret'|'security-token'/)
  })

  it('obtains without a prepare too: the first login does the exchange, for its region', async () => {
    const source = api(KEYLESS)
    federate.mockResolvedValue(FEDERATED_KEYS)
    acrCredential.mockResolvedValue(tokenCredential())
    await source.obtain(apiTarget(source), CONTEXT)
    expect(federate).toHaveBeenCalledTimes(1)
    expect(federate.mock.calls[0][1]).toBe('cn-hangzhou')
  })

  it("bounds the token's expiry by the keys' when they end first", async () => {
    const source = api(KEYLESS)
    federate.mockResolvedValue(FEDERATED_KEYS)
    acrCredential.mockResolvedValue(tokenCredential('2026-01-01T02:00:00.000Z'))
    await expect(source.obtain(apiTarget(source), CONTEXT)).resolves.toEqual(tokenCredential(FEDERATED_KEYS.expiresAt))
  })

  it('gives a token without an expiry that of its keys', async () => {
    const source = api(KEYLESS)
    federate.mockResolvedValue(FEDERATED_KEYS)
    acrCredential.mockResolvedValue(tokenCredential())
    expect((await source.obtain(apiTarget(source), CONTEXT)).expiresAt).toBe(FEDERATED_KEYS.expiresAt)
  })

  it('returns the very credential when the token ends first', async () => {
    const source = api(KEYLESS)
    const credential = tokenCredential('2026-01-01T00:30:00.000Z')
    federate.mockResolvedValue(FEDERATED_KEYS)
    acrCredential.mockResolvedValue(credential)
    await expect(source.obtain(apiTarget(source), CONTEXT)).resolves.toBe(credential)
  })

  it("passes the exchange's refusal on, and asks ./api.js for nothing", async () => {
    const source = api(KEYLESS)
    federate.mockRejectedValue(new UserError('Alibaba Cloud STS AssumeRoleWithOIDC refused'))
    await expect(source.prepare?.(['cn-hangzhou'], CONTEXT)).rejects.toThrow('Alibaba Cloud STS AssumeRoleWithOIDC refused')
    await expect(source.obtain(apiTarget(source), CONTEXT)).rejects.toThrow('Alibaba Cloud STS AssumeRoleWithOIDC refused')
    expect(federate).toHaveBeenCalledTimes(1)
    expect(acrCredential).not.toHaveBeenCalled()
  })

  it('a stored key pair has no prepare (nothing to do before the logins)', () => {
    expect(api(KEYS).prepare).toBeUndefined()
  })

  it('keeps the rules of its edition: an Enterprise instance in one region, and a Personal token no Enterprise domain', () => {
    expect(refusal(() => api({...KEYLESS, instanceId: INSTANCE}).checkRegions?.(['cn-hangzhou', 'cn-beijing']))).toMatch(/^Input 'instance-id' names one instance/)
    expect(refusal(() => api(KEYLESS).checkRegistry?.(EE_REGISTRY))).toMatch(/is an ACR Enterprise Edition domain/)
  })
})
