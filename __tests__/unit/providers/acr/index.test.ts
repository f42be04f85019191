import {jest} from '@jest/globals'
import type {Credential} from '../../../../src/credential.js'
import type {FailureKind} from '../../../../src/engines/failure.js'
import {UserError} from '../../../../src/errors.js'
import type {AuthInputs} from '../../../../src/providers/auth-inputs.js'
import {NO_AUTH_INPUTS as NONE} from '../../../support/fakes.js'
import type {ApiSource, ApiTarget, LocalSource, ObtainContext} from '../../../../src/providers/provider.js'
import type {RegistryAddress} from '../../../../src/registry.js'
import {refusal} from '../../../support/refusal.js'

// The token's code (./api.js) is replaced, and counted when loaded: the fixed password must never load it.
let apiLoaded = 0
const acrCredential = jest.fn<(target: ApiTarget, auth: unknown, context: ObtainContext) => Promise<Credential>>()
jest.unstable_mockModule('../../../../src/providers/acr/api.js', () => {
  apiLoaded++
  return {acrCredential}
})
const {acr, acrApiEndpoint, acrDefaultRegistry, ALIBABA_KEYS} = await import('../../../../src/providers/acr/index.js')

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
    ['a duration with a key pair', {...KEYS, duration: '2h'}, /^Input 'duration' applies to provider swr, and to keyless login \('oidc-provider'\); ACR decides its tokens' lifetime \(1 hour, or the STS token's\)\. Remove it\.$/],
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
    ['a security token with username/password', {...FIXED, securityToken: TOKEN}, /^Input 'security-token' goes with an access key pair, not with 'username' and 'password'\. Remove it\.$/],
    [
      'an instance ID with username/password',
      {...FIXED, instanceId: INSTANCE},
      /^Input 'instance-id' is for requesting a temporary token; with 'username' and 'password', give the instance's domain in 'registry' instead\.$/
    ],
    [
      'nothing at all',
      NONE,
      /^Input 'access-key-secret' is empty\. .*secrets\.ALIYUN_SK.* With provider acr, give either 'access-key-id' and 'access-key-secret' \(temporary token\) or 'username' and 'password' \(fixed password\)\.$/
    ],
    ['a key ID alone', {...NONE, accessKeyId: AK}, /^Input 'access-key-secret' is empty\. .*secrets\.ALIYUN_SK/],
    ['a secret key alone', {...NONE, accessKeySecret: SK}, /^Input 'access-key-id' is empty\. .*secrets\.ALIYUN_AK.* With provider acr, give either/],
    ['a key ID with a hyphen', {...KEYS, accessKeyId: 'LTAI-5tQw'}, /^Input 'access-key-id' does not look like an access key ID \(it contains characters other than letters, digits and dots\)/],
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

  it.each([
    'myinst-registry.cn-hangzhou.cr.aliyuncs.com',
    'myinst-registry-vpc.cn-hangzhou.cr.aliyuncs.com',
    'myinst-registry.cn-hangzhou.cr.aliyuncs.com:443'
  ])('a Personal Edition token refuses the Enterprise Edition domain %s, asking for instance-id', host => {
    const message = refusal(() => api(KEYS).checkRegistry?.({scheme: 'https', host}))
    expect(message).toMatch(new RegExp(`^Input 'registry' \\(${host.replace(/\./g, '\\.')}\\) is an ACR Enterprise Edition domain`))
    expect(message).toContain("'instance-id' (cri-…, console: Instances)")
  })

  it.each(['registry.cn-hangzhou.aliyuncs.com', 'crpi-abc123.cn-shanghai.personal.cr.aliyuncs.com', 'registry.example.com'])(
    'a Personal Edition token takes %s',
    host => expect(() => api(KEYS).checkRegistry?.({scheme: 'https', host})).not.toThrow()
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
