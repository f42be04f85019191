// The inputs of the cloud API logins (issue 3): provider acr, login-type, security-token, duration, instance-id,
// username, password, api-endpoint. The long-term SWR inputs are covered in inputs.test.ts.
import {UserError} from '../../src/errors.js'
import {getInputs, parseDuration, type Inputs} from '../../src/inputs.js'

const HW_AK = 'HPUAXMSFVQ4ZLDP8B2RW'
// Distinctive enough that finding any of them in a message cannot be chance.
const HW_SK = 'Zq8v+S3cr3t/Value=9xK2mPq7Lw'
const ALI_AK = 'LTAI5tQwErTyUiOpAsDfGh'
const ALI_SK = 'Yt7/uI9+oP0aSdFgHjKl1ZxCvBnM2q'
const TOKEN = 'CAIS+SecurityToken/Xy12Zw34==Vb56'
const PASSWORD = 'Acr-Fixed-Pa55word!#7'
const SECRETS = [HW_SK, ALI_SK, TOKEN, PASSWORD]

const ENV = {RUNNER_TEMP: '/runner/_temp'}

const SWR: Record<string, string> = {'access-key-id': HW_AK, 'access-key-secret': HW_SK, region: 'cn-north-4'}
const SWR_TEMP: Record<string, string> = {...SWR, 'login-type': 'temporary'}
const ACR_KEYS: Record<string, string> = {provider: 'acr', 'access-key-id': ALI_AK, 'access-key-secret': ALI_SK, region: 'cn-hangzhou'}
const ACR_ENTERPRISE: Record<string, string> = {
  ...ACR_KEYS,
  'instance-id': 'cri-0123456789abcdef',
  registry: 'myinst-registry.cn-hangzhou.cr.aliyuncs.com'
}
const ACR_PASSWORD: Record<string, string> = {provider: 'acr', username: 'dev@example.com', password: PASSWORD, region: 'cn-shanghai'}

function reader(values: Record<string, string>): (name: string) => string {
  return name => values[name] ?? ''
}

function inputs(values: Record<string, string>): Inputs {
  return getInputs(reader(values), () => undefined, ENV)
}

/** What the cloud inputs decide, with URLs as strings. */
function summary(values: Record<string, string>): {provider: string; auth: Inputs['auth']; registries: string[]; apiEndpoints: string[]} {
  const result = inputs(values)
  return {
    provider: result.provider,
    auth: result.auth,
    registries: result.registries.map(r => `${r.scheme}://${r.host}`),
    apiEndpoints: result.apiEndpoints.map(url => url.href)
  }
}

function failure(values: Record<string, string>): UserError {
  try {
    inputs(values)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  throw new Error(`expected getInputs to fail for ${JSON.stringify(values)}`)
}

function expectNoSecret(message: string): void {
  for (const secret of SECRETS) {
    expect(message).not.toContain(secret)
    expect(message).not.toContain(secret.slice(0, 10))
    expect(message).not.toContain(secret.slice(-10))
  }
}

describe('getInputs: cloud API logins, good values', () => {
  it.each<[string, Record<string, string>, ReturnType<typeof summary>]>([
    [
      'SWR long-term (the default login type)',
      SWR,
      {
        provider: 'swr',
        auth: {kind: 'swr-long-term', accessKeyId: HW_AK, accessKeySecret: HW_SK},
        registries: ['https://swr.cn-north-4.myhuaweicloud.com'],
        apiEndpoints: []
      }
    ],
    [
      'SWR long-term, said explicitly',
      {...SWR, 'login-type': 'long-term'},
      {
        provider: 'swr',
        auth: {kind: 'swr-long-term', accessKeyId: HW_AK, accessKeySecret: HW_SK},
        registries: ['https://swr.cn-north-4.myhuaweicloud.com'],
        apiEndpoints: []
      }
    ],
    [
      'SWR temporary',
      SWR_TEMP,
      {
        provider: 'swr',
        auth: {kind: 'swr-temporary', accessKeyId: HW_AK, accessKeySecret: HW_SK},
        registries: ['https://swr.cn-north-4.myhuaweicloud.com'],
        apiEndpoints: ['https://swr-api.cn-north-4.myhuaweicloud.com/']
      }
    ],
    [
      'SWR temporary with a security token and a duration',
      {...SWR_TEMP, 'security-token': TOKEN, duration: '2h'},
      {
        provider: 'swr',
        auth: {kind: 'swr-temporary', accessKeyId: HW_AK, accessKeySecret: HW_SK, securityToken: TOKEN, durationSeconds: 7200},
        registries: ['https://swr.cn-north-4.myhuaweicloud.com'],
        apiEndpoints: ['https://swr-api.cn-north-4.myhuaweicloud.com/']
      }
    ],
    [
      'SWR temporary in eu-west-101 (Huawei Cloud Europe domain for the API too)',
      {...SWR_TEMP, region: 'eu-west-101'},
      {
        provider: 'swr',
        auth: {kind: 'swr-temporary', accessKeyId: HW_AK, accessKeySecret: HW_SK},
        registries: ['https://swr.eu-west-101.myhuaweicloud.eu'],
        apiEndpoints: ['https://swr-api.eu-west-101.myhuaweicloud.eu/']
      }
    ],
    [
      'SWR temporary in two regions: one endpoint each, in order',
      {...SWR_TEMP, region: 'ap-southeast-3, eu-west-101'},
      {
        provider: 'swr',
        auth: {kind: 'swr-temporary', accessKeyId: HW_AK, accessKeySecret: HW_SK},
        registries: ['https://swr.ap-southeast-3.myhuaweicloud.com', 'https://swr.eu-west-101.myhuaweicloud.eu'],
        apiEndpoints: ['https://swr-api.ap-southeast-3.myhuaweicloud.com/', 'https://swr-api.eu-west-101.myhuaweicloud.eu/']
      }
    ],
    [
      'ACR Personal Edition token from a key pair',
      ACR_KEYS,
      {
        provider: 'acr',
        auth: {kind: 'acr-token', accessKeyId: ALI_AK, accessKeySecret: ALI_SK},
        registries: ['https://registry.cn-hangzhou.aliyuncs.com'],
        apiEndpoints: ['https://cr.cn-hangzhou.aliyuncs.com/']
      }
    ],
    [
      "ACR with 'login-type: temporary' (what a key pair gives anyway)",
      {...ACR_KEYS, 'login-type': 'temporary'},
      {
        provider: 'acr',
        auth: {kind: 'acr-token', accessKeyId: ALI_AK, accessKeySecret: ALI_SK},
        registries: ['https://registry.cn-hangzhou.aliyuncs.com'],
        apiEndpoints: ['https://cr.cn-hangzhou.aliyuncs.com/']
      }
    ],
    [
      'ACR with an STS key pair (STS.… key ID) and its token',
      {...ACR_KEYS, 'access-key-id': 'STS.NUxYz0123456789AbCdEf', 'security-token': TOKEN},
      {
        provider: 'acr',
        auth: {kind: 'acr-token', accessKeyId: 'STS.NUxYz0123456789AbCdEf', accessKeySecret: ALI_SK, securityToken: TOKEN},
        registries: ['https://registry.cn-hangzhou.aliyuncs.com'],
        apiEndpoints: ['https://cr.cn-hangzhou.aliyuncs.com/']
      }
    ],
    [
      'ACR Enterprise Edition: instance ID and its registry',
      ACR_ENTERPRISE,
      {
        provider: 'acr',
        auth: {kind: 'acr-token', accessKeyId: ALI_AK, accessKeySecret: ALI_SK, instanceId: 'cri-0123456789abcdef'},
        registries: ['https://myinst-registry.cn-hangzhou.cr.aliyuncs.com'],
        apiEndpoints: ['https://cr.cn-hangzhou.aliyuncs.com/']
      }
    ],
    [
      'ACR fixed password: no API endpoint',
      ACR_PASSWORD,
      {
        provider: 'acr',
        auth: {kind: 'acr-password', username: 'dev@example.com', password: PASSWORD},
        registries: ['https://registry.cn-shanghai.aliyuncs.com'],
        apiEndpoints: []
      }
    ],
    [
      "ACR fixed password with 'login-type: long-term'",
      {...ACR_PASSWORD, 'login-type': 'long-term'},
      {
        provider: 'acr',
        auth: {kind: 'acr-password', username: 'dev@example.com', password: PASSWORD},
        registries: ['https://registry.cn-shanghai.aliyuncs.com'],
        apiEndpoints: []
      }
    ],
    [
      'ACR fixed password for a new Personal Edition instance host',
      {...ACR_PASSWORD, registry: 'crpi-abc123.cn-shanghai.personal.cr.aliyuncs.com'},
      {
        provider: 'acr',
        auth: {kind: 'acr-password', username: 'dev@example.com', password: PASSWORD},
        registries: ['https://crpi-abc123.cn-shanghai.personal.cr.aliyuncs.com'],
        apiEndpoints: []
      }
    ],
    [
      'ACR fixed password for an Enterprise Edition registry (no instance ID needed)',
      {...ACR_PASSWORD, registry: 'myinst-registry.cn-shanghai.cr.aliyuncs.com'},
      {
        provider: 'acr',
        auth: {kind: 'acr-password', username: 'dev@example.com', password: PASSWORD},
        registries: ['https://myinst-registry.cn-shanghai.cr.aliyuncs.com'],
        apiEndpoints: []
      }
    ],
    [
      'ACR fixed password: username and password are trimmed',
      {...ACR_PASSWORD, username: '  dev@example.com\n', password: `\t${PASSWORD}\r\n`},
      {
        provider: 'acr',
        auth: {kind: 'acr-password', username: 'dev@example.com', password: PASSWORD},
        registries: ['https://registry.cn-shanghai.aliyuncs.com'],
        apiEndpoints: []
      }
    ]
  ])('%s', (_name, values, expected) => {
    expect(summary(values)).toEqual(expected)
  })

  it.each([
    ['', 'swr-long-term'],
    ['long-term', 'swr-long-term'],
    ['LONG-TERM', 'swr-long-term'],
    [' long-term\n', 'swr-long-term'],
    ['temporary', 'swr-temporary'],
    ['Temporary', 'swr-temporary'],
    [' TEMPORARY \r\n', 'swr-temporary']
  ])('login-type %j → %s', (loginType, kind) => {
    expect(inputs({...SWR, 'login-type': loginType}).auth.kind).toBe(kind)
  })

  it('trims the security token', () => {
    expect(inputs({...SWR_TEMP, 'security-token': `  ${TOKEN}\n`}).auth).toMatchObject({securityToken: TOKEN})
  })

  it('takes an empty security token as none', () => {
    expect(inputs({...SWR, 'security-token': ' \n'}).auth).toEqual({kind: 'swr-long-term', accessKeyId: HW_AK, accessKeySecret: HW_SK})
  })

  it.each(['cri-abc', 'cri-0123456789abcdef', ' cri-xyz789\n'])('instance-id %j', instanceId => {
    expect(inputs({...ACR_ENTERPRISE, 'instance-id': instanceId}).auth).toMatchObject({instanceId: instanceId.trim()})
  })

  describe('api-endpoint', () => {
    it.each<[string, Record<string, string>, string, string[]]>([
      ['SWR, {region} in the host', SWR_TEMP, 'https://swr-api.{region}.myhuaweicloud.com', ['https://swr-api.cn-north-4.myhuaweicloud.com/']],
      [
        'SWR, {region} in the host, two regions',
        {...SWR_TEMP, region: 'cn-north-4, ap-southeast-3'},
        'https://swr-api.{region}.example.com/',
        ['https://swr-api.cn-north-4.example.com/', 'https://swr-api.ap-southeast-3.example.com/']
      ],
      [
        'SWR, one endpoint for two regions',
        {...SWR_TEMP, region: 'cn-north-4, ap-southeast-3'},
        'https://swr-gw.example.com',
        ['https://swr-gw.example.com/', 'https://swr-gw.example.com/']
      ],
      ['SWR, {region} in the path', SWR_TEMP, 'https://gw.example.com/{region}/swr', ['https://gw.example.com/cn-north-4/swr']],
      ['plain http, with a port', SWR_TEMP, 'http://127.0.0.1:8080', ['http://127.0.0.1:8080/']],
      ['a trailing slash', SWR_TEMP, 'http://127.0.0.1:8080/', ['http://127.0.0.1:8080/']],
      ['a path prefix with a trailing slash', SWR_TEMP, 'https://gw.example.com/swr/', ['https://gw.example.com/swr/']],
      ['spaces and a line break around, upper-case host', SWR_TEMP, '  https://GW.Example.com \n', ['https://gw.example.com/']],
      ['ACR VPC endpoint', ACR_KEYS, 'https://cr-vpc.{region}.aliyuncs.com', ['https://cr-vpc.cn-hangzhou.aliyuncs.com/']],
      ['ACR Enterprise, local fake', ACR_ENTERPRISE, 'http://localhost:9000', ['http://localhost:9000/']]
    ])('%s: %j', (_name, values, endpoint, expected) => {
      expect(inputs({...values, 'api-endpoint': endpoint}).apiEndpoints.map(url => url.href)).toEqual(expected)
    })
  })
})

describe('parseDuration', () => {
  it.each<[string, number | undefined]>([
    ['15m', 900],
    ['2h', 7200],
    ['24h', 86400],
    ['1h30m', 5400],
    ['900', 900],
    ['86400', 86400],
    ['930s', 930],
    ['1h0m0s', 3600],
    ['23h59m60s', 86400],
    ['2H', 7200],
    [' 45m\n', 2700],
    ['', undefined],
    [' \n', undefined]
  ])('%j → %p', (value, expected) => expect(parseDuration(value)).toBe(expected))

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
  ])('%j is refused: %s', (value, why) => {
    expect(() => parseDuration(value)).toThrow(UserError)
    expect(() => parseDuration(value)).toThrow(
      `Input 'duration' is '${value}': ${why}. Use a time like 15m, 2h or 24h (15 minutes to 24 hours).`
    )
  })

  it('quotes the trimmed value', () => {
    expect(() => parseDuration(' 1d \n')).toThrow("Input 'duration' is '1d': not a duration.")
  })

  it.each([
    ['15m', 900],
    ['24h', 86400],
    ['1h30m', 5400]
  ])('getInputs passes duration %j on as %i seconds', (duration, seconds) => {
    expect(inputs({...SWR_TEMP, duration}).auth).toMatchObject({kind: 'swr-temporary', durationSeconds: seconds})
  })
})

describe('getInputs: cloud API logins, bad values', () => {
  const BAD: [string, string, Record<string, string>, RegExp][] = [
    // login-type
    ['login-type', 'an unknown value', {...SWR, 'login-type': 'short'}, /^Input 'login-type' is 'short'; use 'long-term' or 'temporary'\.$/],
    ['login-type', 'a near miss', {...SWR, 'login-type': 'longterm'}, /^Input 'login-type' is 'longterm'/],
    ['login-type', 'an abbreviation', {...SWR, 'login-type': 'temp'}, /^Input 'login-type' is 'temp'/],
    ['login-type', 'a space inside', {...SWR, 'login-type': 'long term'}, /^Input 'login-type' is 'long term'/],
    ['login-type', 'long-term with acr and a key pair', {...ACR_KEYS, 'login-type': 'long-term'}, /^ACR gives only temporary tokens for an access key pair/],
    [
      'login-type',
      'temporary with acr username/password',
      {...ACR_PASSWORD, 'login-type': 'temporary'},
      /^'login-type: temporary' needs an access key pair; 'username' and 'password' give the fixed access password/
    ],
    // security-token
    ['security-token', 'with swr long-term (default)', {...SWR, 'security-token': TOKEN}, /^Input 'security-token' needs 'login-type: temporary' with provider swr/],
    ['security-token', 'with swr long-term (explicit)', {...SWR, 'login-type': 'long-term', 'security-token': TOKEN}, /needs 'login-type: temporary'/],
    ['security-token', 'with acr username/password', {...ACR_PASSWORD, 'security-token': TOKEN}, /^Input 'security-token' goes with an access key pair/],
    // duration
    ['duration', 'with swr long-term', {...SWR, duration: '2h'}, /^Input 'duration' applies to 'login-type: temporary'/],
    ['duration', 'with acr', {...ACR_KEYS, duration: '2h'}, /^Input 'duration' applies to provider swr/],
    ['duration', 'with acr username/password', {...ACR_PASSWORD, duration: '2h'}, /^Input 'duration' applies to provider swr/],
    ['duration', 'too short', {...SWR_TEMP, duration: '14m'}, /^Input 'duration' is '14m': shorter than SWR allows/],
    ['duration', 'too long', {...SWR_TEMP, duration: '24h1s'}, /^Input 'duration' is '24h1s': longer than SWR allows/],
    ['duration', 'in days', {...SWR_TEMP, duration: '1d'}, /^Input 'duration' is '1d': not a duration/],
    ['duration', 'negative', {...SWR_TEMP, duration: '-5m'}, /^Input 'duration' is '-5m': not a duration/],
    ['duration', 'a word', {...SWR_TEMP, duration: 'abc'}, /^Input 'duration' is 'abc': not a duration/],
    ['duration', 'a space inside', {...SWR_TEMP, duration: '2 h'}, /^Input 'duration' is '2 h': not a duration/],
    // instance-id
    ['instance-id', 'with swr', {...SWR, 'instance-id': 'cri-abc'}, /^Input 'instance-id' is for provider acr/],
    [
      'instance-id',
      'with two regions',
      {...ACR_ENTERPRISE, region: 'cn-hangzhou, cn-beijing', registry: 'myinst-registry.{region}.cr.aliyuncs.com'},
      /^Input 'instance-id' names one instance, which lives in one region, but 'region' lists 2/
    ],
    [
      'registry',
      'an Enterprise Edition domain without instance-id',
      {...ACR_KEYS, registry: 'myinst-registry.cn-hangzhou.cr.aliyuncs.com'},
      /^Input 'registry' \(myinst-registry\.cn-hangzhou\.cr\.aliyuncs\.com\) is an ACR Enterprise Edition domain.*'instance-id'/
    ],
    ['instance-id', 'with swr temporary', {...SWR_TEMP, 'instance-id': 'cri-abc'}, /^Input 'instance-id' is for provider acr/],
    ['instance-id', 'with acr username/password', {...ACR_PASSWORD, 'instance-id': 'cri-abc'}, /^Input 'instance-id' is for requesting a temporary token/],
    ['instance-id', 'in upper case', {...ACR_ENTERPRISE, 'instance-id': 'CRI-ABC'}, /^Input 'instance-id' is 'CRI-ABC', which is not an ACR Enterprise Edition instance ID/],
    ['instance-id', 'with an underscore', {...ACR_ENTERPRISE, 'instance-id': 'cri_abc'}, /'cri_abc', which is not/],
    ['instance-id', 'without the cri- prefix', {...ACR_ENTERPRISE, 'instance-id': 'i-0123abc'}, /'i-0123abc', which is not/],
    ['instance-id', 'the prefix alone', {...ACR_ENTERPRISE, 'instance-id': 'cri-'}, /'cri-', which is not/],
    ['instance-id', 'the registry domain', {...ACR_ENTERPRISE, 'instance-id': 'myinst-registry.cn-hangzhou.cr.aliyuncs.com'}, /which is not an ACR/],
    // registry
    [
      'registry',
      'missing for ACR Enterprise Edition',
      {...ACR_ENTERPRISE, registry: ''},
      /^Input 'registry' is required with 'instance-id' \(ACR Enterprise Edition\): give the instance's domain, e\.g\. myinstance-registry\.cn-hangzhou\.cr\.aliyuncs\.com/
    ],
    ['registry', 'blank for ACR Enterprise Edition', {...ACR_ENTERPRISE, registry: ' \n'}, /^Input 'registry' is required with 'instance-id'/],
    // username, password
    ['username', 'with swr', {...SWR, username: 'dev'}, /^Inputs 'username' and 'password' are for provider acr/],
    ['password', 'with swr', {...SWR, password: PASSWORD}, /^Inputs 'username' and 'password' are for provider acr/],
    [
      'password',
      'empty, with a username',
      {...ACR_PASSWORD, password: ''},
      /^Input 'password' is empty\. GitHub passes empty secrets .*'password: \$\{\{ secrets\.ACR_PASSWORD \}\}'/
    ],
    ['password', 'blank, with a username', {...ACR_PASSWORD, password: ' \r\n'}, /^Input 'password' is empty\./],
    [
      'username',
      'empty, with a password',
      {...ACR_PASSWORD, username: ''},
      /^Input 'username' is empty\. .*'username: \$\{\{ secrets\.ACR_USERNAME \}\}'\. With 'password', ACR needs the login name too\.$/
    ],
    [
      'username',
      'and password with a key pair as well',
      {...ACR_PASSWORD, 'access-key-id': ALI_AK, 'access-key-secret': ALI_SK},
      /^Give either 'access-key-id' and 'access-key-secret' \(for a temporary token\) or 'username' and 'password' \(the fixed access password\), not both\.$/
    ],
    ['access-key-id', 'given with username and password', {...ACR_PASSWORD, 'access-key-id': ALI_AK}, /^Give either 'access-key-id' and 'access-key-secret'.*not both/],
    ['access-key-secret', 'given with username and password', {...ACR_PASSWORD, 'access-key-secret': ALI_SK}, /^Give either .*not both/],
    // access key pair with acr
    [
      'access-key-secret',
      'missing with acr, and no username/password either',
      {provider: 'acr', region: 'cn-hangzhou'},
      /^Input 'access-key-secret' is empty\. .*secrets\.ALIYUN_SK.* With provider acr, give either 'access-key-id' and 'access-key-secret' \(temporary token\) or 'username' and 'password' \(fixed password\)\.$/
    ],
    ['access-key-id', 'missing with acr', {...ACR_KEYS, 'access-key-id': ''}, /^Input 'access-key-id' is empty\. .*secrets\.ALIYUN_AK/],
    ['access-key-id', 'with a hyphen, with acr', {...ACR_KEYS, 'access-key-id': 'LTAI-5tQw'}, /^Input 'access-key-id' must contain only letters, digits and dots/],
    ['access-key-id', 'the secret pasted as the key ID, with acr', {...ACR_KEYS, 'access-key-id': ALI_SK}, /are the two inputs swapped\?/],
    ['access-key-secret', 'with a space, with acr', {...ACR_KEYS, 'access-key-secret': `${ALI_SK} ${ALI_SK}`}, /^Input 'access-key-secret' contains spaces/],
    // api-endpoint
    ['api-endpoint', 'with swr long-term', {...SWR, 'api-endpoint': 'https://swr-api.example.com'}, /^Input 'api-endpoint' is only used when the action calls a cloud API/],
    ['api-endpoint', 'with acr username/password', {...ACR_PASSWORD, 'api-endpoint': 'https://cr.example.com'}, /this login needs none\. Remove it\.$/],
    ['api-endpoint', 'with a query', {...SWR_TEMP, 'api-endpoint': 'https://swr-api.example.com/?x=1'}, /^Input 'api-endpoint' must be an https:\/\/ \(or http:\/\/\) URL without user info, query or fragment: 'https:\/\/swr-api\.example\.com\/\?x=1'\.$/],
    ['api-endpoint', 'with user info', {...SWR_TEMP, 'api-endpoint': 'https://user@swr-api.example.com'}, /without user info, query or fragment/],
    ['api-endpoint', 'with a user and password', {...ACR_KEYS, 'api-endpoint': 'https://u:p@cr.example.com'}, /without user info, query or fragment/],
    ['api-endpoint', 'with a fragment', {...SWR_TEMP, 'api-endpoint': 'https://swr-api.example.com/#x'}, /without user info, query or fragment/],
    ['api-endpoint', 'ftp', {...SWR_TEMP, 'api-endpoint': 'ftp://swr-api.example.com'}, /must be an https:\/\/ \(or http:\/\/\) URL/],
    ['api-endpoint', 'file', {...ACR_KEYS, 'api-endpoint': 'file:///etc/passwd'}, /must be an https:\/\/ \(or http:\/\/\) URL/],
    ['api-endpoint', 'no scheme', {...SWR_TEMP, 'api-endpoint': 'swr-api.example.com'}, /^Input 'api-endpoint' is not a URL: 'swr-api\.example\.com'\. Expected https:\/\/host\[:port\]/],
    ['api-endpoint', 'a port out of range', {...SWR_TEMP, 'api-endpoint': 'https://swr-api.example.com:99999'}, /^Input 'api-endpoint' is not a URL/],
    ['api-endpoint', 'spaces inside', {...SWR_TEMP, 'api-endpoint': 'https://swr api.example.com'}, /^Input 'api-endpoint' is not a URL/],
    ['api-endpoint', 'an unknown placeholder in the host', {...SWR_TEMP, 'api-endpoint': 'https://swr-api.{zone}.example.com'}, /^Input 'api-endpoint' has a placeholder other than \{region\}: 'https:\/\/swr-api\.\{zone\}\.example\.com'\.$/],
    ['api-endpoint', '{Region} in the host', {...ACR_KEYS, 'api-endpoint': 'https://cr.{Region}.aliyuncs.com'}, /has a placeholder other than \{region\}/]
  ]

  it.each(BAD)("names '%s' in quotes: %s", (input, _name, values, why) => {
    const message = failure(values).message
    expect(message).toMatch(why)
    expect(message).toContain(`'${input}`)
    expect(message).toMatch(new RegExp(`'${input}['\\s:]`))
  })

  it.each(BAD)('no message for a bad %s (%s) contains a secret', (_input, _name, values) => {
    expectNoSecret(failure(values).message)
  })

  it('refuses an unknown placeholder in the path of api-endpoint', () => {
    expect(failure({...SWR_TEMP, 'api-endpoint': 'https://gw.example.com/{zone}/'}).message).toMatch(
      /^Input 'api-endpoint' has a placeholder other than \{region\}/
    )
  })

  it('never falls back to Docker Hub (or any guess) for ACR Enterprise Edition', () => {
    const message = failure({...ACR_ENTERPRISE, registry: ''}).message
    expect(message).not.toMatch(/docker\.io|registry-1\.docker|hub\.docker/)
  })

  it('checks the new inputs before region, registry and the rest', () => {
    expect(failure({...SWR, 'login-type': 'bad', region: 'X', logout: 'maybe'}).message).toMatch(/^Input 'login-type'/)
    expect(failure({...SWR_TEMP, duration: '1d', region: 'X'}).message).toMatch(/^Input 'duration'/)
    expect(failure({...ACR_KEYS, 'instance-id': 'bad', region: 'X'}).message).toMatch(/^Input 'instance-id'/)
    // api-endpoint comes after region and registry.
    expect(failure({...SWR_TEMP, region: 'X', 'api-endpoint': 'ftp://x'}).message).toMatch(/^Input 'region'/)
    expect(failure({...SWR_TEMP, 'api-endpoint': 'ftp://x', engine: 'podman'}).message).toMatch(/^Input 'api-endpoint'/)
  })
})

describe('getInputs: masking the secret inputs', () => {
  /** Runs getInputs and returns the reads and masks in order, and the error if any. */
  function run(values: Record<string, string>): {events: string[]; error?: unknown} {
    const events: string[] = []
    const read = reader(values)
    try {
      getInputs(
        name => {
          events.push(`read ${name}`)
          return read(name)
        },
        secret => events.push(`mask ${secret}`),
        ENV
      )
      return {events}
    } catch (error) {
      return {events, error}
    }
  }
  const SECRET_READS = ['read access-key-secret', 'read security-token', 'read password']

  it('reads the three secrets first and masks each trimmed, in order, before reading any other input', () => {
    const {events, error} = run({...ACR_KEYS, 'access-key-secret': ` ${ALI_SK}\n`, 'security-token': `${TOKEN}\r\n`})
    expect(error).toBeUndefined()
    expect(events.slice(0, 5)).toEqual([...SECRET_READS, `mask ${ALI_SK}`, `mask ${TOKEN}`])
    expect(events[5]).toBe('read provider')
    expect(events.filter(e => e.startsWith('mask '))).toEqual([`mask ${ALI_SK}`, `mask ${TOKEN}`])
  })

  it('masks the password before reading any other input', () => {
    const {events, error} = run({...ACR_PASSWORD, password: `\t${PASSWORD}\n`})
    expect(error).toBeUndefined()
    expect(events.slice(0, 4)).toEqual([...SECRET_READS, `mask ${PASSWORD}`])
    expect(events.filter(e => e.startsWith('mask '))).toEqual([`mask ${PASSWORD}`])
  })

  it('never masks an empty secret', () => {
    const {events} = run({...SWR, 'security-token': ' \n', password: ''})
    expect(events.filter(e => e.startsWith('mask '))).toEqual([`mask ${HW_SK}`])
  })

  it.each<[string, Record<string, string>, string[]]>([
    ['provider', {...SWR, 'security-token': TOKEN, password: PASSWORD, provider: 'foo'}, [HW_SK, TOKEN, PASSWORD]],
    ['security-token (without temporary)', {...SWR, 'security-token': TOKEN}, [HW_SK, TOKEN]],
    ['password (with swr)', {...SWR, password: PASSWORD}, [HW_SK, PASSWORD]],
    ['username (empty, with a password)', {...ACR_PASSWORD, username: ''}, [PASSWORD]],
    ['access key pair and password', {...ACR_PASSWORD, 'access-key-id': ALI_AK, 'access-key-secret': ALI_SK}, [ALI_SK, PASSWORD]],
    ['login-type', {...ACR_PASSWORD, 'security-token': TOKEN, 'login-type': 'temporary'}, [TOKEN, PASSWORD]],
    ['access-key-secret (has a space)', {...ACR_KEYS, 'access-key-secret': 'first half', 'security-token': TOKEN}, ['first half', TOKEN]],
    ['duration', {...SWR_TEMP, 'security-token': TOKEN, duration: 'abc'}, [HW_SK, TOKEN]],
    ['api-endpoint', {...ACR_KEYS, 'security-token': TOKEN, 'api-endpoint': 'ftp://x'}, [ALI_SK, TOKEN]],
    ['registry (Enterprise without one)', {...ACR_ENTERPRISE, registry: '', 'security-token': TOKEN}, [ALI_SK, TOKEN]]
  ])('has masked every non-empty secret, before any error, when %s is bad', (_input, values, masked) => {
    const {events, error} = run(values)
    expect(error).toBeInstanceOf(UserError)
    expect(events.slice(0, 3 + masked.length)).toEqual([...SECRET_READS, ...masked.map(s => `mask ${s}`)])
    expect(events.filter(e => e.startsWith('mask '))).toEqual(masked.map(s => `mask ${s}`))
    for (const secret of masked) expect((error as UserError).message).not.toContain(secret)
  })
})
