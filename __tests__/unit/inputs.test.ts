import {jest} from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {UserError} from '../../src/errors.js'
import {getInputs, parseList, type Inputs, type ParsedInputs} from '../../src/inputs.js'
import type {AuthInputs} from '../../src/providers/auth-inputs.js'
import type {ApiSource, CredentialSource, LocalSource, Provider, ProviderName} from '../../src/providers/provider.js'
import {NO_AUTH_INPUTS} from '../support/fakes.js'
import {refusal} from '../support/refusal.js'

const HW_AK = 'HPUAXMSFVQ4ZLDP8B2RW'
// Distinctive enough that finding any of them (or a recognisable part) in a message cannot be chance.
const HW_SK = 'Zq8v+S3cr3t/Value=9xK2mPq7Lw'
const ALI_AK = 'LTAI5tQwErTyUiOpAsDfGh'
const ALI_SK = 'Yt7/uI9+oP0aSdFgHjKl1ZxCvBnM2q'
const TOKEN = 'CAIS+SecurityToken/Xy12Zw34==Vb56'
const PASSWORD = 'Acr-Fixed-Pa55word!#7'
const SECRETS = [HW_SK, ALI_SK, TOKEN, PASSWORD]

const ENV: NodeJS.ProcessEnv = {RUNNER_TEMP: '/runner/_temp'}

type Values = Record<string, string>
const SWR: Values = {'access-key-id': HW_AK, 'access-key-secret': HW_SK, region: 'cn-north-4'}
const SWR_TEMP: Values = {...SWR, 'login-type': 'temporary'}
const ACR_KEYS: Values = {provider: 'acr', 'access-key-id': ALI_AK, 'access-key-secret': ALI_SK, region: 'cn-hangzhou'}
const ACR_ENTERPRISE: Values = {...ACR_KEYS, 'instance-id': 'cri-0123456789abcdef', registry: 'myinst-registry.cn-hangzhou.cr.aliyuncs.com'}
const ACR_PASSWORD: Values = {provider: 'acr', username: 'dev@example.com', password: PASSWORD, region: 'cn-shanghai'}

/** An InputReader over `values`; like core.getInput, an input not given reads as ''. */
function reader(values: Values): (name: string) => string {
  return name => values[name] ?? ''
}

function parse(values: Values, env: NodeJS.ProcessEnv = ENV, providers?: Record<ProviderName, Provider>): ParsedInputs {
  return getInputs(reader(values), () => undefined, env, providers)
}

function inputs(values: Values, env: NodeJS.ProcessEnv = ENV): Inputs {
  return parse(values, env).inputs
}

function failure(values: Values, env: NodeJS.ProcessEnv = ENV, providers?: Record<ProviderName, Provider>): string {
  return refusal(() => parse(values, env, providers))
}

function expectNoSecret(message: string): void {
  for (const secret of SECRETS) {
    expect(message).not.toContain(secret.slice(0, 10))
    expect(message).not.toContain(secret.slice(-10))
  }
}

// A provider that inputs.ts has never heard of: a new provider needs an entry in the table and nothing in inputs.ts.
function fakeLocal(): LocalSource {
  return {
    kind: 'local',
    description: 'zeta password',
    defaultRegistry: region => `zeta.${region}.example.net`,
    obtain: () => {
      throw new Error('not called')
    },
    advice: () => undefined
  }
}

function fakeApi(): ApiSource {
  return {
    kind: 'api',
    description: 'zeta token',
    defaultRegistry: region => `zeta.${region}.example.net`,
    defaultEndpoint: region => `https://api.${region}.example.net`,
    obtain: () => Promise.reject(new Error('not called')),
    advice: () => undefined
  }
}

function fakeTable(
  source: CredentialSource | (() => never) = fakeLocal(),
  accepts: readonly (keyof AuthInputs)[] = Object.keys(NO_AUTH_INPUTS) as (keyof AuthInputs)[]
): {
  providers: Record<ProviderName, Provider>
  credentialSource: jest.Mock<(inputs: AuthInputs) => CredentialSource>
} {
  const credentialSource = jest.fn<(inputs: AuthInputs) => CredentialSource>(() => (typeof source === 'function' ? source() : source))
  const regions = {cloud: 'Zeta Cloud', choose: "set 'provider: zeta'", known: ['zz-north-1'], domains: ['example.net']}
  const zeta = {name: 'zeta', regions, accepts, credentialSource} as unknown as Provider
  return {providers: {zeta} as unknown as Record<ProviderName, Provider>, credentialSource}
}

describe('parseList', () => {
  it.each<[string, string[]]>([
    ['a', ['a']],
    ['a,b', ['a', 'b']],
    ['a\nb', ['a', 'b']],
    [' a , b ,\n c \r\n', ['a', 'b', 'c']],
    ['\ta\t,b', ['a', 'b']],
    ['b,a,b,a', ['b', 'a']],
    [',,\n\n ,', []],
    ['', []],
    ['a b', ['a b']],
    ['a;b', ['a;b']]
  ])('%j → %j', (value, expected) => expect(parseList(value)).toEqual(expected))
})

describe('a minimal set of inputs', () => {
  it('gives the SWR long-term login in one region with every default', () => {
    const {inputs: result, warnings} = parse({...SWR, provider: '', engine: '', logout: '', 'hosts-dir': ''})
    expect(result.source).toMatchObject({kind: 'local', description: 'SWR long-term login key, derived from the access key pair (no API call)'})
    expect(result).toEqual({
      provider: 'swr',
      source: result.source,
      targets: [{kind: 'local', provider: 'swr', region: 'cn-north-4', registry: {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}, source: result.source}],
      engines: 'auto',
      hostsDir: undefined,
      dockerConfigDir: {kind: 'default'},
      logout: true
    })
    expect(warnings).toEqual([])
  })
})

describe('provider, through the providers table', () => {
  it.each([
    ['', 'swr'],
    ['swr', 'swr'],
    ['SWR', 'swr'],
    [' swr\n', 'swr'],
    ['acr', 'acr'],
    ['ACR', 'acr'],
    [' acr\n', 'acr']
  ])('%j → %s', (provider, expected) => {
    const values = expected === 'acr' ? {...ACR_KEYS, provider} : {...SWR, provider}
    expect(inputs(values).provider).toBe(expected)
  })

  it.each(['foo', 'aws', 'huawei', 'swr,acr', 'ac r', 'constructor', 'toString', '__proto__'])('refuses %j, listing the table', provider => {
    expect(failure({...SWR, provider})).toBe(`Input 'provider' is '${provider}', which is not supported. Use one of: swr, acr.`)
  })

  it('takes any provider in an injected table: its name, its source, targets from its defaults', () => {
    const {providers, credentialSource} = fakeTable()
    const {inputs: result} = parse({provider: 'Zeta', region: 'xx-east-1, xx-west-2'}, ENV, providers)
    expect(result.provider).toBe('zeta')
    expect(result.source).toBe(credentialSource.mock.results[0].value)
    expect(result.targets.map(t => [t.kind, t.provider, t.region, t.registry.host])).toEqual([
      ['local', 'zeta', 'xx-east-1', 'zeta.xx-east-1.example.net'],
      ['local', 'zeta', 'xx-west-2', 'zeta.xx-west-2.example.net']
    ])
  })

  it("an injected API source gets its endpoints, and 'provider' refuses the names of the real table", () => {
    const {providers} = fakeTable(fakeApi())
    expect(parse({provider: 'zeta', region: 'xx-east-1'}, ENV, providers).inputs.targets).toMatchObject([
      {kind: 'api', provider: 'zeta', endpoint: new URL('https://api.xx-east-1.example.net')}
    ])
    expect(failure({provider: 'swr', region: 'xx-east-1'}, ENV, providers)).toBe("Input 'provider' is 'swr', which is not supported. Use one of: zeta.")
  })

  it('the provider gets every auth input, trimmed, and nothing else', () => {
    const {providers, credentialSource} = fakeTable()
    const values: Values = {
      provider: 'zeta',
      region: 'xx-east-1',
      'access-key-id': ' ak\n',
      'access-key-secret': `\t${HW_SK}\r\n`,
      'security-token': `  ${TOKEN} `,
      username: ' user\n',
      password: `\n\n${PASSWORD}\n`,
      'login-type': ' Temporary ',
      duration: ' 2h\n',
      'instance-id': ' cri-abc\n',
      'oidc-provider': ' acs:ram::1:oidc-provider/gh\n',
      'role-to-assume': '\tacs:ram::1:role/push ',
      audience: ' sts.example.com\n',
      'role-session-name': ' s1 ',
      'sts-endpoint': ' https://sts.example.com\n',
      registry: ' not.for.the.provider ',
      engine: 'docker'
    }
    parse(values, ENV, providers)
    expect(credentialSource.mock.calls).toEqual([
      [
        {
          accessKeyId: 'ak',
          accessKeySecret: HW_SK,
          securityToken: TOKEN,
          username: 'user',
          password: PASSWORD,
          loginType: 'Temporary',
          duration: '2h',
          instanceId: 'cri-abc',
          oidcProvider: 'acs:ram::1:oidc-provider/gh',
          roleToAssume: 'acs:ram::1:role/push',
          audience: 'sts.example.com',
          roleSessionName: 's1',
          stsEndpoint: 'https://sts.example.com'
        },
        expect.any(Function)
      ]
    ])
  })

  it.each<[string, string, string]>([
    ['a trailing newline', `${HW_SK}\n`, HW_SK],
    ['CRLF', `${HW_SK}\r\n`, HW_SK],
    ['spaces and tabs around', ` \t${HW_SK} \t`, HW_SK],
    ['newlines around', `\n\n${HW_SK}\n`, HW_SK],
    ['every non-whitespace character kept', `a+b/c=d!e@f#g$h%i^j&k*l(m)n_o-p"q'r\`s\\t|u;v:w,x.y<z>?~é密`, `a+b/c=d!e@f#g$h%i^j&k*l(m)n_o-p"q'r\`s\\t|u;v:w,x.y<z>?~é密`],
    ['a non-breaking space kept (only ASCII whitespace is trimmed)', `${HW_SK}\u00a0`, `${HW_SK}\u00a0`],
    ['inner whitespace kept', ` first half second half\n`, 'first half second half']
  ])('trims a secret: %s', (_name, value, expected) => {
    const {providers, credentialSource} = fakeTable()
    parse({provider: 'zeta', region: 'xx-east-1', 'access-key-secret': value}, ENV, providers)
    expect(credentialSource.mock.calls[0][0].accessKeySecret).toBe(expected)
  })

  it.each<[keyof AuthInputs, string]>([
    ['instanceId', 'instance-id'],
    ['duration', 'duration'],
    ['username', 'username']
  ])('an auth input the provider does not read (%s) is refused for it, naming the input', (_key, name) => {
    const {providers} = fakeTable(fakeLocal(), ['accessKeyId', 'accessKeySecret'])
    expect(failure({provider: 'zeta', region: 'xx-east-1', [name]: 'x'}, ENV, providers)).toBe(`Input '${name}' does not apply to provider zeta. Remove it.`)
    // the same input, empty, is no refusal
    expect(() => parse({provider: 'zeta', region: 'xx-east-1', [name]: ' '}, ENV, providers)).not.toThrow()
  })

  it('a refusal from the provider reaches the caller as it is', () => {
    const {providers} = fakeTable(() => {
      throw new UserError("Input 'instance-id' is not for zeta.")
    })
    expect(failure({provider: 'zeta', region: 'xx-east-1'}, ENV, providers)).toBe("Input 'instance-id' is not for zeta.")
  })
})

describe('the real providers, end to end', () => {
  it.each<[string, Values, string, string[], string[]]>([
    ['SWR long-term', SWR, 'SWR long-term login key, derived from the access key pair (no API call)', ['https://swr.cn-north-4.myhuaweicloud.com'], []],
    [
      'SWR long-term with a blank security token (none)',
      {...SWR, 'security-token': ' \n'},
      'SWR long-term login key, derived from the access key pair (no API call)',
      ['https://swr.cn-north-4.myhuaweicloud.com'],
      []
    ],
    [
      'SWR temporary',
      SWR_TEMP,
      'SWR temporary login from the CreateSecret API',
      ['https://swr.cn-north-4.myhuaweicloud.com'],
      ['https://swr-api.cn-north-4.myhuaweicloud.com/']
    ],
    [
      'SWR temporary with a token and a duration, in two regions (one endpoint each, in order; .eu for eu-west-101)',
      {...SWR_TEMP, 'security-token': TOKEN, duration: '2h', region: 'ap-southeast-3, eu-west-101'},
      'SWR temporary login from the CreateSecret API, valid 7200 s',
      ['https://swr.ap-southeast-3.myhuaweicloud.com', 'https://swr.eu-west-101.myhuaweicloud.eu'],
      ['https://swr-api.ap-southeast-3.myhuaweicloud.com/', 'https://swr-api.eu-west-101.myhuaweicloud.eu/']
    ],
    ['ACR Personal Edition token', ACR_KEYS, 'ACR Personal Edition temporary token', ['https://registry.cn-hangzhou.aliyuncs.com'], ['https://cr.cn-hangzhou.aliyuncs.com/']],
    [
      'ACR Enterprise Edition token',
      ACR_ENTERPRISE,
      'ACR Enterprise Edition temporary token for cri-0123456789abcdef',
      ['https://myinst-registry.cn-hangzhou.cr.aliyuncs.com'],
      ['https://cr.cn-hangzhou.aliyuncs.com/']
    ],
    [
      'ACR token from the VPC endpoint',
      {...ACR_KEYS, 'api-endpoint': 'https://cr-vpc.{region}.aliyuncs.com'},
      'ACR Personal Edition temporary token',
      ['https://registry.cn-hangzhou.aliyuncs.com'],
      ['https://cr-vpc.cn-hangzhou.aliyuncs.com/']
    ],
    ['ACR fixed password', ACR_PASSWORD, 'ACR fixed access password', ['https://registry.cn-shanghai.aliyuncs.com'], []],
    [
      'ACR fixed password for an Enterprise Edition domain (no instance ID needed)',
      {...ACR_PASSWORD, registry: 'myinst-registry.cn-shanghai.cr.aliyuncs.com'},
      'ACR fixed access password',
      ['https://myinst-registry.cn-shanghai.cr.aliyuncs.com'],
      []
    ]
  ])('%s', (_name, values, description, registries, endpoints) => {
    const result = inputs(values)
    expect(result.source.description).toBe(description)
    expect(result.targets.map(t => `${t.registry.scheme}://${t.registry.host}`)).toEqual(registries)
    expect(result.targets.flatMap(t => (t.kind === 'api' ? [t.endpoint.href] : []))).toEqual(endpoints)
    for (const target of result.targets) expect(target.source).toBe(result.source)
  })

  it.each<[string, string, Values]>([
    ['access-key-secret', 'HW_SK', SWR],
    ['access-key-id', 'HW_AK', SWR],
    ['access-key-secret', 'ALIYUN_SK', ACR_KEYS],
    ['password', 'ACR_PASSWORD', ACR_PASSWORD]
  ])('a blank %s is an empty secret (%s)', (input, example, values) => {
    for (const blank of ['', '  ', '\n', ' \r\n\t ']) {
      const message = failure({...values, [input]: blank})
      expect(message).toMatch(new RegExp(`^Input '${input}' is empty\\. `))
      expect(message).toContain(`\${{ secrets.${example} }}`)
    }
  })

  it.each<[string, Values, RegExp]>([
    [
      'instance-id in two regions',
      {...ACR_ENTERPRISE, region: 'cn-hangzhou, cn-beijing', registry: 'myinst-registry.{region}.cr.aliyuncs.com'},
      /^Input 'instance-id' names one instance/
    ],
    ['Enterprise Edition without a registry', {...ACR_ENTERPRISE, registry: ' \n'}, /^Input 'registry' is required with 'instance-id'/],
    ['Enterprise Edition domain without instance-id', {...ACR_KEYS, registry: 'myinst-registry.cn-hangzhou.cr.aliyuncs.com'}, /^Input 'registry' \(myinst-registry/],
    ['api-endpoint with the SWR long-term login', {...SWR, 'api-endpoint': 'https://swr-api.example.com'}, /^Input 'api-endpoint' is only used when/],
    ['api-endpoint with the ACR fixed password', {...ACR_PASSWORD, 'api-endpoint': 'https://cr.example.com'}, /^Input 'api-endpoint' is only used when/]
  ])("the provider's checks of regions and registries apply: %s", (_name, values, why) => {
    expect(failure(values)).toMatch(why)
  })
})

describe('region', () => {
  it.each<[string, string[]]>([
    ['cn-north-4', ['cn-north-4']],
    [' cn-north-4 \n', ['cn-north-4']],
    ['cn-north-4,ap-southeast-3', ['cn-north-4', 'ap-southeast-3']],
    ['cn-north-4, ap-southeast-3', ['cn-north-4', 'ap-southeast-3']],
    ['cn-north-4\nap-southeast-3\n', ['cn-north-4', 'ap-southeast-3']],
    ['ap-southeast-3,\ncn-north-4\r\n, eu-west-101', ['ap-southeast-3', 'cn-north-4', 'eu-west-101']],
    ['cn-north-4, ap-southeast-3, cn-north-4', ['cn-north-4', 'ap-southeast-3']],
    ['tr-central-201', ['tr-central-201']],
    ['my-kualalumpur-1', ['my-kualalumpur-1']],
    ['cn-north-11', ['cn-north-11']],
    ['eu-de', ['eu-de']]
  ])('%j → %j, one target each, in order', (region, expected) => {
    expect(inputs({...SWR, region}).targets.map(t => t.region)).toEqual(expected)
  })

  it.each([
    ['', /^Input 'region' is required: give one or more region IDs/],
    [' \n , ', /^Input 'region' is required/],
    ['CN-NORTH-4', /^Input 'region' has 'CN-NORTH-4', which is not a region ID\. Region IDs are lower case\. Expected/],
    ['cn-North-4', /^Input 'region' has 'cn-North-4'.*Region IDs are lower case/],
    ['cn', /^Input 'region' has 'cn', which is not a region ID\. Expected lower-case words joined by hyphens/],
    ['c-north-4', /'c-north-4', which is not a region ID/],
    ['4cn-north', /'4cn-north', which is not a region ID/],
    ['cn-north-4-', /'cn-north-4-', which is not a region ID/],
    ['cn--north-4', /'cn--north-4', which is not a region ID/],
    ['cn_north_4', /'cn_north_4', which is not a region ID/],
    ['cn-north-4 ap-southeast-3', /'cn-north-4 ap-southeast-3', which is not a region ID/],
    ['cn-north-4;ap-southeast-3', /'cn-north-4;ap-southeast-3', which is not a region ID/],
    ['swr.cn-north-4.myhuaweicloud.com', /which is not a region ID/],
    ['cn-north-4, Bad', /'Bad', which is not a region ID/]
  ])('refuses %j', (region, why) => {
    expect(failure({...SWR, region})).toMatch(why)
  })

  it('does not hint at lower case for a region that is already lower case', () => {
    expect(failure({...SWR, region: 'cn'})).not.toMatch(/lower case\./)
  })
})

describe('registry and api-endpoint', () => {
  it.each<[string, string, string[]]>([
    ['swr.{region}.example.com', 'cn-north-4, ap-southeast-3', ['https://swr.cn-north-4.example.com', 'https://swr.ap-southeast-3.example.com']],
    [' https://Registry.Example.com/ \n', 'cn-north-4', ['https://registry.example.com']],
    ['http://127.0.0.1:5000', 'cn-north-4', ['http://127.0.0.1:5000']]
  ])('registry %j with region %j (trimmed, expanded)', (registry, region, expected) => {
    expect(inputs({...SWR, registry, region}).targets.map(t => `${t.registry.scheme}://${t.registry.host}`)).toEqual(expected)
  })

  it('refuses one registry host for several regions', () => {
    expect(failure({...SWR, registry: 'swr.example.com', region: 'cn-north-4, ap-southeast-3'})).toMatch(
      /^Input 'registry' is one host, 'swr\.example\.com', but 'region' lists 2 regions\..*'swr\.\{region\}\.example\.com'/
    )
  })

  it('takes an api-endpoint of 2048 characters, and refuses a longer one without quoting it (it may hold user info)', () => {
    const of = (n: number, base = 'https://gw.example.com/'): string => base + 'p'.repeat(n - base.length)
    expect(inputs({...SWR_TEMP, 'api-endpoint': of(2048)}).targets).toMatchObject([{kind: 'api', endpoint: new URL(of(2048))}])
    const message = failure({...SWR_TEMP, 'api-endpoint': of(2049, `https://u:${PASSWORD}@gw.example.com/`)})
    expect(message).toBe(
      "Input 'api-endpoint' is 2049 characters long, and a service's base URL (https://host[:port][/path]) has at most 2048 " + 'here. Check its value in the workflow.'
    )
  })

  it('trims api-endpoint', () => {
    expect(inputs({...SWR_TEMP, 'api-endpoint': '  https://GW.Example.com/{region} \n'}).targets).toMatchObject([
      {kind: 'api', endpoint: new URL('https://gw.example.com/cn-north-4')}
    ])
  })
})

describe('engine', () => {
  it.each<[string, Inputs['engines']]>([
    ['', 'auto'],
    ['auto', 'auto'],
    [' AUTO \n', 'auto'],
    ['docker', ['docker']],
    ['containerd', ['containerd']],
    ['docker,containerd', ['docker', 'containerd']],
    ['containerd, docker', ['containerd', 'docker']],
    ['Docker\nContainerd\n', ['docker', 'containerd']],
    ['docker, docker', ['docker']],
    ['docker-config', ['docker-config']],
    ['Docker-Config, containerd', ['docker-config', 'containerd']],
    ['podman', ['podman']],
    ['Podman, docker', ['podman', 'docker']],
    ['auto, auto', 'auto']
  ])('%j → %j', (engine, expected) => {
    expect(inputs({...SWR, engine}).engines).toEqual(expected)
  })

  it.each([
    ['kaniko', "Input 'engine' has 'kaniko', which is not supported. Use 'auto', or a comma-separated list of: docker, containerd, docker-config, podman."],
    ['docker, Kaniko', "Input 'engine' has 'kaniko', which is not supported. Use 'auto', or a comma-separated list of: docker, containerd, docker-config, podman."],
    ['cri-o', "Input 'engine' has 'cri-o', which is not supported. Use 'auto', or a comma-separated list of: docker, containerd, docker-config, podman."],
    [' auto, docker\n', "Input 'engine' is 'auto, docker': 'auto' stands alone. Either use 'auto', or list the engines: docker, containerd, docker-config, podman."],
    ['containerd\nauto', "Input 'engine' is 'containerd\\nauto': 'auto' stands alone. Either use 'auto', or list the engines: docker, containerd, docker-config, podman."]
  ])('refuses %j', (engine, message) => {
    expect(failure({...SWR, engine})).toBe(message)
  })

  it.each(['docker, docker-config', 'docker-config\ncontainerd\ndocker'])('refuses docker and docker-config together: %j', engine => {
    expect(failure({...SWR, engine})).toBe(
      "Input 'engine' has both docker and docker-config, which write the same login into the same Docker config file. " +
        'Use docker where a docker CLI is on PATH, docker-config where there is none.'
    )
  })
})

describe('logout', () => {
  it.each([
    ['', true],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    [' true\n', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['\tfalse ', false]
  ])('%j → %s', (logout, expected) => {
    expect(inputs({...SWR, logout}).logout).toBe(expected)
  })

  it.each(['yes', 'no', '1', '0', 'on', 'tRuE', 'fAlse'])('refuses %j', logout => {
    expect(failure({...SWR, logout})).toBe(`Input 'logout' is '${logout}'; use 'true' or 'false'.`)
  })
})

describe('hosts-dir', () => {
  it.each<NodeJS.ProcessEnv>([{RUNNER_TEMP: '/home/runner/work/_temp'}, {}])('is left to placesFor when not given (%j)', env => {
    expect(inputs(SWR, env).hostsDir).toBeUndefined()
  })

  it.each([
    ['/etc/containerd/certs.d', '/etc/containerd/certs.d'],
    [' /etc/containerd/certs.d/ \n', '/etc/containerd/certs.d'],
    ['/a/b/../c', '/a/c'],
    ['~', os.homedir()],
    ['~/certs.d', path.join(os.homedir(), 'certs.d')],
    ['~/a/../b', path.join(os.homedir(), 'b')],
    ['certs.d', path.join(process.cwd(), 'certs.d')],
    ['./x/y', path.join(process.cwd(), 'x', 'y')],
    ['~other/x', path.join(process.cwd(), '~other', 'x')]
  ])('%j → %s (absolute)', (value, expected) => {
    const dir = inputs({...SWR, 'hosts-dir': value}).hostsDir
    expect(dir).toBe(expected)
    expect(path.isAbsolute(dir ?? '')).toBe(true)
  })

  it('takes a path of 4096 characters (PATH_MAX), and refuses a longer one, naming the input', () => {
    const of = (n: number): string => `/${'d'.repeat(n - 1)}`
    expect(inputs({...SWR, 'hosts-dir': of(4096)}).hostsDir).toBe(of(4096))
    expect(failure({...SWR, 'hosts-dir': of(4097)})).toBe(
      `Input 'hosts-dir' is a path of 4097 characters ('/${'d'.repeat(98)}…', made absolute), and a path has at most 4096 ` + `(PATH_MAX). Use a shorter directory path.`
    )
  })

  it('judges the length of the absolute path: a relative one grows by the working directory, and ".." shrinks one', () => {
    const relative = 'd'.repeat(4096 - process.cwd().length)
    expect(failure({...SWR, 'hosts-dir': relative})).toMatch(/^Input 'hosts-dir' is a path of 4097 characters/)
    expect(inputs({...SWR, 'hosts-dir': `/x/${'d'.repeat(5000)}/../..`}).hostsDir).toBe('/')
  })
})

describe('docker-config-dir', () => {
  it.each<[string, unknown]>([
    ['', {kind: 'default'}],
    [' \n', {kind: 'default'}],
    ['isolated', {kind: 'isolated'}],
    [' isolated\n', {kind: 'isolated'}],
    ['/runner/docker', {kind: 'path', dir: '/runner/docker'}],
    ['/a/b/../c/', {kind: 'path', dir: '/a/c'}],
    ['~/.docker-ci', {kind: 'path', dir: path.join(os.homedir(), '.docker-ci')}],
    ['docker', {kind: 'path', dir: path.join(process.cwd(), 'docker')}],
    ['./isolated', {kind: 'path', dir: path.join(process.cwd(), 'isolated')}]
  ])('%j → %j', (value, expected) => {
    expect(inputs({...SWR, 'docker-config-dir': value}).dockerConfigDir).toEqual(expected)
  })

  it.each(['Isolated', 'ISOLATED'])('%j: refused, saying how to write either meaning', value => {
    expect(failure({...SWR, 'docker-config-dir': value})).toBe(
      `Input 'docker-config-dir' is '${value}': write 'isolated' in lower case for a directory of the job's own, or ` + `'./${value}' for a directory of that name.`
    )
  })

  it('takes a path of 4096 characters (PATH_MAX), and refuses a longer one, naming the input', () => {
    const of = (n: number): string => `/${'d'.repeat(n - 1)}`
    expect(inputs({...SWR, 'docker-config-dir': of(4096)}).dockerConfigDir).toEqual({kind: 'path', dir: of(4096)})
    expect(failure({...SWR, 'docker-config-dir': of(4097)})).toMatch(
      /^Input 'docker-config-dir' is a path of 4097 characters \('\/d+…', made absolute\), and a path has at most 4096 \(PATH_MAX\)\./
    )
  })

  it('refuses a control character, naming what it should be', () => {
    expect(failure({...SWR, 'docker-config-dir': '/tmp/\x1b[2Jdocker'})).toMatch(
      /^Input 'docker-config-dir' contains a control character \(U\+001B\) at character 6, and 'isolated' or a directory path never does/
    )
  })
})

describe('warnings', () => {
  const WORKSPACE = '/home/runner/work/repo/repo'

  it.each(['hosts-dir', 'docker-config-dir'])('%s through a symlink into the workspace is inside it (real paths are compared)', input => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'inputs-workspace-'))
    try {
      const workspace = path.join(root, 'workspace')
      fs.mkdirSync(path.join(workspace, 'creds'), {recursive: true})
      fs.symlinkSync(path.join(workspace, 'creds'), path.join(root, 'link'))
      const {warnings} = parse({...SWR, [input]: path.join(root, 'link', 'new')}, {...ENV, GITHUB_WORKSPACE: workspace})
      expect(warnings).toEqual([expect.stringContaining('inside the workspace')])
    } finally {
      fs.rmSync(root, {recursive: true, force: true})
    }
  })

  it("hints at a mistyped region, and at a 'registry' of another region, from the provider's own knowledge", () => {
    expect(parse({...SWR, region: 'cn-north4'}).warnings).toEqual([expect.stringMatching(/^Input 'region' has 'cn-north4', .*did you mean 'cn-north-4'\?/)])
    expect(parse({...SWR, region: 'ap-southeast-3', registry: 'swr.cn-north-4.myhuaweicloud.com'}).warnings).toEqual([
      expect.stringMatching(/^Input 'registry' \(swr\.cn-north-4\.myhuaweicloud\.com\) is the registry of region cn-north-4, but 'region' is ap-southeast-3/)
    ])
  })

  it.each([
    ['inside the workspace', `${WORKSPACE}/.docker`],
    ['the workspace itself', WORKSPACE]
  ])('a docker-config-dir %s is worth a warning, not an error', (_name, dir) => {
    const {warnings} = parse({...SWR, 'docker-config-dir': dir}, {...ENV, GITHUB_WORKSPACE: WORKSPACE})
    expect(warnings).toEqual([
      `'docker-config-dir' is '${dir}', inside the workspace: the Docker config there holds the logins, and can end up in ` +
        `images, caches and artifacts. Prefer 'isolated' (a directory under RUNNER_TEMP).`
    ])
  })

  it.each<[string, string]>([
    ['isolated', 'isolated'],
    ['the default', ''],
    ['a sibling whose name starts like the workspace', `${WORKSPACE}-docker`],
    ['under RUNNER_TEMP', '/runner/_temp/docker']
  ])('a docker-config-dir %s is not worth one', (_name, dir) => {
    expect(parse({...SWR, 'docker-config-dir': dir}, {...ENV, GITHUB_WORKSPACE: WORKSPACE}).warnings).toEqual([])
  })

  it.each([
    ['inside the workspace', `${WORKSPACE}/certs.d`],
    ['the workspace itself', WORKSPACE],
    ['inside it, reached through ..', `${WORKSPACE}/../repo/x`]
  ])('hosts-dir %s is worth a warning, not an error', (_name, hostsDir) => {
    const {inputs: result, warnings} = parse({...SWR, 'hosts-dir': hostsDir}, {...ENV, GITHUB_WORKSPACE: WORKSPACE})
    expect(warnings).toEqual([
      `'hosts-dir' is '${result.hostsDir}', inside the workspace: credential files there can end up in images, caches ` +
        `and artifacts. Prefer a directory under RUNNER_TEMP (the default) or /etc/containerd/certs.d.`
    ])
  })

  it('a relative hosts-dir, resolved in a working directory inside the workspace, is worth one too', () => {
    const {inputs: result, warnings} = parse({...SWR, 'hosts-dir': 'certs.d'}, {...ENV, GITHUB_WORKSPACE: path.dirname(process.cwd())})
    expect(result.hostsDir).toBe(path.join(process.cwd(), 'certs.d'))
    expect(warnings).toHaveLength(1)
  })

  it('a workspace given with a trailing slash is the same workspace', () => {
    expect(parse({...SWR, 'hosts-dir': `${WORKSPACE}/x`}, {...ENV, GITHUB_WORKSPACE: `${WORKSPACE}/`}).warnings).toHaveLength(1)
  })

  it.each<[string, string, NodeJS.ProcessEnv]>([
    ['the default', '', {...ENV, GITHUB_WORKSPACE: WORKSPACE}],
    ['a sibling whose name starts like the workspace', `${WORKSPACE}-certs`, {...ENV, GITHUB_WORKSPACE: WORKSPACE}],
    ['the parent of the workspace', path.dirname(WORKSPACE), {...ENV, GITHUB_WORKSPACE: WORKSPACE}],
    ['/etc/containerd/certs.d', '/etc/containerd/certs.d', {...ENV, GITHUB_WORKSPACE: WORKSPACE}],
    ['anywhere, when there is no workspace', `${WORKSPACE}/certs.d`, ENV],
    ['anywhere, when the workspace is empty', `${WORKSPACE}/certs.d`, {...ENV, GITHUB_WORKSPACE: ''}]
  ])('hosts-dir %s is not worth one', (_name, hostsDir, env) => {
    expect(parse({...SWR, 'hosts-dir': hostsDir}, env).warnings).toEqual([])
  })

  it.each([
    ['http://swr-api.example.com', 'http://swr-api.example.com'],
    ['http://10.0.0.5:8080/swr', 'http://10.0.0.5:8080'],
    ['http://{region}.gw.example.com', 'http://cn-north-4.gw.example.com']
  ])('a plain-HTTP api-endpoint off loopback (%j) is worth a warning naming its origin', (endpoint, origin) => {
    expect(parse({...SWR_TEMP, 'api-endpoint': endpoint}).warnings).toEqual([
      `'api-endpoint' ${origin} is plain HTTP: the key pair's signature, the security token and the credential that ` +
        `comes back cross the network unencrypted. Use https://.`
    ])
  })

  it('warns once about plain HTTP however many regions use it', () => {
    expect(parse({...SWR_TEMP, region: 'cn-north-4, ap-southeast-3', 'api-endpoint': 'http://gw.example.com'}).warnings).toHaveLength(1)
  })

  it.each(['https://swr-api.example.com', 'http://127.0.0.1:8080', 'http://127.8.9.10', 'http://localhost:9000', 'http://LOCALHOST', 'http://[::1]:8080'])(
    'api-endpoint %j is not worth one (encrypted, or loopback)',
    endpoint => {
      expect(parse({...SWR_TEMP, 'api-endpoint': endpoint}).warnings).toEqual([])
    }
  )

  it('a host name that merely starts with 127. is not loopback, and plain HTTP to it is worth a warning', () => {
    // src/inputs.ts tests the host name with /^127\./, which a DNS name such as 127.example.com also matches.
    expect(parse({...SWR_TEMP, 'api-endpoint': 'http://127.example.com'}).warnings).toHaveLength(1)
  })

  it('gives both warnings together', () => {
    const {warnings} = parse({...SWR_TEMP, 'api-endpoint': 'http://gw.example.com', 'hosts-dir': `${WORKSPACE}/c`}, {...ENV, GITHUB_WORKSPACE: WORKSPACE})
    expect(warnings.map(w => w.slice(0, 14))).toEqual(["'hosts-dir' is", "'api-endpoint'"])
  })
})

describe('refusals name the input and never show a secret', () => {
  const BAD: [string, Values][] = [
    ['provider', {...SWR, 'security-token': TOKEN, password: PASSWORD, provider: 'foo'}],
    ['access-key-id', {...SWR, 'access-key-id': ''}],
    ['access-key-id', {...SWR, 'access-key-id': HW_SK}],
    ['access-key-id', {...ACR_KEYS, 'access-key-id': ALI_SK}],
    ['access-key-secret', {...SWR, 'access-key-secret': ''}],
    ['access-key-secret', {...SWR, 'access-key-secret': `${HW_SK} ${HW_SK}`}],
    ['security-token', {...SWR, 'security-token': TOKEN}],
    ['security-token', {...ACR_PASSWORD, 'security-token': TOKEN}],
    ['password', {...SWR, password: PASSWORD}],
    ['password', {...ACR_PASSWORD, password: ''}],
    ['username', {...ACR_PASSWORD, username: ''}],
    ['login-type', {...ACR_PASSWORD, 'login-type': 'temporary'}],
    ['login-type', {...SWR, 'login-type': 'short'}],
    ['duration', {...SWR_TEMP, 'security-token': TOKEN, duration: 'abc'}],
    ['instance-id', {...ACR_ENTERPRISE, 'instance-id': 'CRI-ABC'}],
    ['region', {...SWR, region: ''}],
    ['region', {...SWR, region: 'CN-NORTH-4'}],
    ['registry', {...SWR, registry: 'swr.example.com/org'}],
    ['registry', {...SWR, registry: 'u:p@swr.example.com'}],
    ['registry', {...SWR, registry: 'swr.example.com', region: 'cn-north-4,cn-north-1'}],
    ['registry', {...ACR_ENTERPRISE, registry: '', 'security-token': TOKEN}],
    ['api-endpoint', {...ACR_KEYS, 'security-token': TOKEN, 'api-endpoint': 'ftp://x'}],
    ['api-endpoint', {...SWR, 'api-endpoint': 'https://swr-api.example.com'}],
    ['api-endpoint', {...SWR_TEMP, 'api-endpoint': `https://u:${PASSWORD}@gw.example.com/${'p'.repeat(3000)}`}],
    ['hosts-dir', {...SWR, 'hosts-dir': `/${'d'.repeat(5000)}`}],
    ['engine', {...SWR, engine: 'kaniko'}],
    ['logout', {...ACR_PASSWORD, logout: 'yes'}]
  ]

  it.each(BAD)("names '%s'", (input, values) => {
    expect(failure(values)).toMatch(new RegExp(`'${input}['\\s:]`))
  })

  it.each(BAD)('a bad %s does not show a secret', (_input, values) => {
    expectNoSecret(failure(values))
  })

  it('judges provider, then the auth inputs, region, registry, api-endpoint, engine, hosts-dir, logout; the first bad one is reported', () => {
    expect(failure({...SWR, 'access-key-secret': '', provider: 'foo', region: 'X'})).toMatch(/^Input 'provider'/)
    expect(failure({...SWR, 'access-key-secret': '', region: 'X', logout: 'yes'})).toMatch(/^Input 'access-key-secret'/)
    expect(failure({...SWR, 'login-type': 'bad', region: 'X', logout: 'maybe'})).toMatch(/^Input 'login-type'/)
    expect(failure({...SWR, region: 'X', registry: 'ftp://x', logout: 'yes'})).toMatch(/^Input 'region'/)
    expect(failure({...SWR_TEMP, registry: 'ftp://x', 'api-endpoint': 'ftp://x'})).toMatch(/^Input 'registry'/)
    expect(failure({...SWR_TEMP, 'api-endpoint': 'ftp://x', engine: 'kaniko'})).toMatch(/^Input 'api-endpoint'/)
    expect(failure({...SWR, engine: 'kaniko', logout: 'yes'})).toMatch(/^Input 'engine'/)
  })
})

describe('line breaks and control characters', () => {
  // What a workflow's value would need to put commands into the log: a line break, then a command.
  const INJECTED = '\n::warning::pwned\n::stop-commands::x'

  it.each<[string, Values]>([
    ['provider', {...SWR, provider: `swr${INJECTED}`}],
    ['access-key-id', {...SWR, 'access-key-id': `${HW_AK}${INJECTED}`}],
    ['login-type', {...SWR, 'login-type': `temporary${INJECTED}`}],
    ['duration', {...SWR_TEMP, duration: `2h${INJECTED}`}],
    ['instance-id', {...ACR_ENTERPRISE, 'instance-id': `cri-abc${INJECTED}`}],
    ['username', {...ACR_PASSWORD, username: `dev${INJECTED}`}],
    ['registry', {...SWR, registry: `r.example.com${INJECTED}`}],
    ['api-endpoint', {...SWR_TEMP, 'api-endpoint': `https://api.example.com${INJECTED}`}],
    ['hosts-dir', {...SWR, 'hosts-dir': `/tmp/certs.d${INJECTED}`}],
    ['docker-config-dir', {...SWR, 'docker-config-dir': `/tmp/docker${INJECTED}`}],
    ['logout', {...SWR, logout: `true${INJECTED}`}]
  ])('refuses a line break in %s, naming it, never showing the value', (input, values) => {
    const message = failure(values)
    expect(message).toBe(
      `Input '${input}' contains a line break (\\n) at character ${values[input].indexOf('\n') + 1}, and ` +
        `${message.split(', and ')[1].split(' never does')[0]} never does. Check its value in the workflow (a '|' block or a secret with a line break in it, say).`
    )
    expect(message).not.toContain('pwned')
    expect(message).not.toContain('::')
  })

  it.each<[string, string, string]>([
    ['a carriage return', 'a\rb', 'a carriage return (\\r) at character 2'],
    ['a tab', 'a\tb', 'a tab (\\t) at character 2'],
    ['ESC', 'a\x1b[1Ab', 'a control character (U+001B) at character 2'],
    ['NUL', 'a\0b', 'a control character (U+0000) at character 2'],
    ['DEL', 'a\x7fb', 'a control character (U+007F) at character 2'],
    ['a C1 control (CSI)', 'a\u009bb', 'a control character (U+009B) at character 2'],
    ['a line separator', 'a\u2028b', 'a control character (U+2028) at character 2'],
    ['a paragraph separator', 'a\u2029b', 'a control character (U+2029) at character 2']
  ])('refuses %s in hosts-dir', (_name, inner, what) => {
    // '/tmp/' comes first: the character is the 7th.
    expect(
      failure({...SWR, 'hosts-dir': `/tmp/${inner}`}).startsWith(`Input 'hosts-dir' contains ${what.replace('character 2', 'character 7')}, and a directory path never does.`)
    ).toBe(true)
  })

  it('takes line breaks around a one-line value (trimmed), and other Unicode inside a path', () => {
    expect(inputs({...SWR, 'hosts-dir': '\n/tmp/répertoire/密\r\n'}).hostsDir).toBe('/tmp/répertoire/密')
  })

  it('masks an access-key-id with a line break in it (likely the whole pair), before refusing it', () => {
    const masked: string[] = []
    const value = `${HW_AK}\n${HW_SK}`
    expect(refusal(() => getInputs(reader({...SWR, 'access-key-id': value}), secret => void masked.push(secret), ENV))).toMatch(
      /^Input 'access-key-id' contains a line break/
    )
    expect(masked).toContain(value)
  })

  it.each<[string, Values, RegExp]>([
    ['region', {...SWR, region: 'cn-north-4\n\tap-southeast-3\r\n'}, /./],
    ['engine', {...SWR, engine: 'docker\r\ncontainerd\n'}, /./]
  ])('takes line breaks between the items of %s', (_input, values) => {
    expect(() => inputs(values)).not.toThrow()
  })

  it.each<[string, Values, RegExp]>([
    [
      'region',
      {...SWR, region: 'cn-north-4\nap-south\x1b[2Jeast-3'},
      /^Input 'region' contains a control character \(U\+001B\) at character 9 of one of its items, and a region ID never does/
    ],
    ['region', {...SWR, region: 'cn-north-4\rap-southeast-3'}, /^Input 'region' contains a carriage return \(\\r\) at character 11 of one of its items/],
    [
      'engine',
      {...SWR, engine: 'docker\n\x07containerd'},
      /^Input 'engine' contains a control character \(U\+0007\) at character 1 of one of its items, and an engine name never does/
    ]
  ])('refuses a control character inside an item of %s', (_input, values, why) => {
    expect(failure(values)).toMatch(why)
  })

  it('checks every one-line input before reading the provider', () => {
    expect(failure({...SWR, provider: 'nope', 'hosts-dir': '/x\ny'})).toMatch(/^Input 'hosts-dir' contains a line break/)
  })
})

describe('long values', () => {
  it('blames an over-long region on region, not on a registry never set', () => {
    const region = `cn-${'north'.repeat(14)}-4`
    expect(region.length).toBeGreaterThan(63)
    const message = failure({...SWR, region})
    expect(message).toMatch(/^Input 'region' has an item of 75 characters, 'cn-northnorth[a-z]*-4', which is not a region ID: a region ID is short .* at most 63 characters/)
    expect(message).not.toContain("'registry'")
  })

  it('takes a region of 63 characters (the longest host label)', () => {
    const region = `cn-${'a'.repeat(58)}-4`
    expect(region).toHaveLength(63)
    expect(inputs({...SWR, region}).targets[0].registry.host).toBe(`swr.${region}.myhuaweicloud.com`)
  })

  it.each<[string, Values]>([
    ['provider', {...SWR, provider: 'x'.repeat(100_000)}],
    ['engine', {...SWR, engine: 'x'.repeat(100_000)}],
    ['logout', {...SWR, logout: 'x'.repeat(100_000)}],
    ['region', {...SWR, region: 'X'.repeat(100_000)}],
    ['login-type', {...SWR, 'login-type': 'x'.repeat(100_000)}],
    ['duration', {...SWR, duration: 'x'.repeat(100_000)}],
    ['registry', {...SWR, registry: 'x'.repeat(100_000)}],
    ['instance-id', {...ACR_ENTERPRISE, 'instance-id': 'x'.repeat(100_000)}]
  ])('quotes a 100 KB %s cut short', (input, values) => {
    const message = failure(values)
    expect(message).toMatch(new RegExp(`'${input}'`))
    expect(message.length).toBeLessThan(700)
  })
})

describe('masking the secret inputs', () => {
  /** Runs getInputs and returns the reads and masks in order, and the error if any. */
  function run(values: Values, providers?: Record<ProviderName, Provider>): {events: string[]; error?: unknown} {
    const events: string[] = []
    const read = reader(values)
    try {
      getInputs(
        name => {
          events.push(`read ${name}`)
          return read(name)
        },
        secret => events.push(`mask ${secret}`),
        ENV,
        providers
      )
      return {events}
    } catch (error) {
      return {events, error}
    }
  }
  const SECRET_READS = ['read access-key-secret', 'read security-token', 'read password']

  it('reads the three secrets first and masks each, trimmed, in order, before reading any other input', () => {
    const {events, error} = run({...ACR_KEYS, 'access-key-secret': ` ${ALI_SK}\n`, 'security-token': `${TOKEN}\r\n`})
    expect(error).toBeUndefined()
    expect(events.slice(0, 6)).toEqual([...SECRET_READS, `mask ${ALI_SK}`, `mask ${TOKEN}`, 'read provider'])
    expect(events.filter(e => e.startsWith('mask '))).toEqual([`mask ${ALI_SK}`, `mask ${TOKEN}`])
  })

  it('masks the password before reading any other input', () => {
    const {events, error} = run({...ACR_PASSWORD, password: `\t${PASSWORD}\n`})
    expect(error).toBeUndefined()
    expect(events.slice(0, 5)).toEqual([...SECRET_READS, `mask ${PASSWORD}`, 'read provider'])
    expect(events.filter(e => e.startsWith('mask '))).toEqual([`mask ${PASSWORD}`])
  })

  it('never masks an empty secret', () => {
    const {events} = run({...SWR, 'security-token': ' \n', password: ''})
    expect(events.filter(e => e.startsWith('mask '))).toEqual([`mask ${HW_SK}`])
  })

  it.each<[string, Values, string[], string[]?]>([
    ['provider', {...SWR, 'security-token': TOKEN, password: PASSWORD, provider: 'foo'}, [HW_SK, TOKEN, PASSWORD]],
    ['security-token (without temporary)', {...SWR, 'security-token': TOKEN}, [HW_SK, TOKEN]],
    ['password (with swr)', {...SWR, password: PASSWORD}, [HW_SK, PASSWORD]],
    ['username (empty, with a password)', {...ACR_PASSWORD, username: ''}, [PASSWORD]],
    ['access key pair and password', {...ACR_PASSWORD, 'access-key-id': ALI_AK, 'access-key-secret': ALI_SK}, [ALI_SK, PASSWORD]],
    ['login-type', {...ACR_PASSWORD, 'security-token': TOKEN, 'login-type': 'temporary'}, [TOKEN, PASSWORD]],
    ['access-key-secret (has a space)', {...ACR_KEYS, 'access-key-secret': 'first half second half', 'security-token': TOKEN}, ['first half second half', TOKEN]],
    // Not like an AK: masked too, by the provider, once it has seen it.
    ['access-key-id', {...SWR, 'access-key-id': 'not-an-ak'}, [HW_SK], ['not-an-ak']],
    ['duration', {...SWR_TEMP, 'security-token': TOKEN, duration: 'abc'}, [HW_SK, TOKEN]],
    ['region', {...SWR, region: 'BAD'}, [HW_SK]],
    ['registry', {...SWR, registry: 'ftp://x'}, [HW_SK]],
    ['registry (Enterprise without one)', {...ACR_ENTERPRISE, registry: '', 'security-token': TOKEN}, [ALI_SK, TOKEN]],
    ['api-endpoint', {...ACR_KEYS, 'security-token': TOKEN, 'api-endpoint': 'ftp://x'}, [ALI_SK, TOKEN]],
    ['engine', {...SWR, engine: 'kaniko'}, [HW_SK]],
    ['logout', {...SWR, logout: 'yes'}, [HW_SK]]
  ])('has masked every non-empty secret, before any other input is read, when %s is bad', (_input, values, masked, later = []) => {
    const {events, error} = run(values)
    expect(error).toBeInstanceOf(UserError)
    expect(events.slice(0, 4 + masked.length)).toEqual([...SECRET_READS, ...masked.map(s => `mask ${s}`), 'read provider'])
    expect(events.filter(e => e.startsWith('mask '))).toEqual([...masked, ...later].map(s => `mask ${s}`))
    for (const secret of masked) expect((error as UserError).message).not.toContain(secret)
  })

  it('has masked them before a provider reads anything, whatever the provider', () => {
    let maskedWhenAsked: string[] = []
    const events: string[] = []
    const {providers} = fakeTable(() => {
      maskedWhenAsked = events.filter(e => e.startsWith('mask '))
      throw new UserError('zeta refuses')
    })
    const values: Values = {provider: 'zeta', region: 'xx-east-1', 'access-key-secret': HW_SK, 'security-token': TOKEN, password: PASSWORD}
    expect(() => getInputs(reader(values), secret => events.push(`mask ${secret}`), ENV, providers)).toThrow('zeta refuses')
    expect(maskedWhenAsked).toEqual([`mask ${HW_SK}`, `mask ${TOKEN}`, `mask ${PASSWORD}`])
  })
})

describe('a secret input too short to be what it holds', () => {
  // Masked, a one-letter secret would blank that letter everywhere in the log: it is refused, and never shown.
  it.each<[string, Values, string, string]>([
    [
      'an SK of 1 character',
      {...SWR, 'access-key-secret': 'x'},
      'x',
      "Input 'access-key-secret' is 1 character long, too short for a secret access key (Alibaba Cloud's have 30 characters, Huawei Cloud's 40)."
    ],
    [
      'an SK of 15 characters',
      {...ACR_KEYS, 'access-key-secret': 'Yt7uI9oP0aSdFgH'},
      'Yt7uI9oP0aSdFgH',
      "Input 'access-key-secret' is 15 characters long, too short for a secret access key"
    ],
    [
      'a security token of 3 characters',
      {...SWR_TEMP, 'security-token': 'tok'},
      'tok',
      "Input 'security-token' is 3 characters long, too short for an STS security token (they have hundreds of characters)."
    ],
    [
      'a password of 2 characters',
      {...ACR_PASSWORD, password: 'pw'},
      'pw',
      "Input 'password' is 2 characters long, too short for ACR's fixed access password (it has 8 to 32 characters)."
    ],
    ['a password of 7 characters, trimmed', {...ACR_PASSWORD, password: ' 1234567\n'}, '1234567', "Input 'password' is 7 characters long"],
    [
      'before the region, the registry and the engines are read',
      {...SWR, 'access-key-secret': 'xy', region: 'BAD', registry: 'ftp://x', engine: 'kaniko'},
      'xy',
      "Input 'access-key-secret' is 2 characters long"
    ]
  ])('%s is refused, naming the input', (_name, values, secret, start) => {
    const message = failure(values)
    expect(message.startsWith(start)).toBe(true)
    expect(message).toMatch(/Check the secret the workflow passes in it: it holds a placeholder, a value cut short or another secret\.$/)
    expect(message).not.toContain(`'${secret}'`)
  })

  it('comes after the provider has said which inputs apply: a short token without a temporary login is refused for that', () => {
    expect(failure({...SWR, 'security-token': 'x'})).toMatch(/^Input 'security-token' needs 'login-type: temporary'/)
  })

  it.each<[string, Values]>([
    ['an SK of 16 characters', {...SWR, 'access-key-secret': 'Zq8vS3cr3tValue9'}],
    ['a security token of 16 characters', {...SWR_TEMP, 'security-token': 'CAISSecurityTok1'}],
    ['a password of 8 characters', {...ACR_PASSWORD, password: 'Pa55word'}]
  ])('%s is taken', (_name, values) => {
    expect(() => inputs(values)).not.toThrow()
  })
})
