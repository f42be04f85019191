import * as os from 'node:os'
import * as path from 'node:path'
import {UserError} from '../../src/errors.js'
import {getInputs, parseList, type Inputs} from '../../src/inputs.js'

const AK = 'HPUAXMSFVQ4ZLDP8B2RW'
// Distinctive enough that finding it in a message cannot be chance.
const SK = 'Zq8v+S3cr3t/Value=9xK2mPq7Lw'

const GOOD: Record<string, string> = {
  provider: 'swr',
  'access-key-id': AK,
  'access-key-secret': SK,
  region: 'cn-north-4',
  registry: '',
  engine: 'auto',
  'hosts-dir': '',
  logout: 'true'
}

const ENV = {RUNNER_TEMP: '/runner/_temp'}

/** An InputReader over GOOD with some values replaced; like core.getInput, a missing input reads as ''. */
function reader(overrides: Record<string, string> = {}): (name: string) => string {
  const values = {...GOOD, ...overrides}
  return name => values[name] ?? ''
}

function inputs(overrides: Record<string, string> = {}, env: NodeJS.ProcessEnv = ENV): Inputs {
  return getInputs(reader(overrides), () => undefined, env)
}

function failure(overrides: Record<string, string>, env: NodeJS.ProcessEnv = ENV): UserError {
  try {
    inputs(overrides, env)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  throw new Error(`expected getInputs to fail for ${JSON.stringify(overrides)}`)
}

describe('parseList', () => {
  it.each([
    ['a', ['a']],
    ['a,b', ['a', 'b']],
    ['a\nb', ['a', 'b']],
    [' a , b ,\n c \r\n', ['a', 'b', 'c']],
    ['b,a,b,a', ['b', 'a']],
    [',,\n\n ,', []],
    ['', []]
  ])('%j → %j', (value, expected) => expect(parseList(value)).toEqual(expected))
})

describe('getInputs: good values', () => {
  it('reads a minimal set of inputs', () => {
    expect(inputs({provider: '', engine: '', logout: ''})).toEqual({
      provider: 'swr',
      auth: {kind: 'swr-long-term', accessKeyId: AK, accessKeySecret: SK},
      regions: ['cn-north-4'],
      registries: [{scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}],
      apiEndpoints: [],
      engines: 'auto',
      hostsDir: path.join('/runner/_temp', 'containerd', 'certs.d'),
      logout: true
    })
  })

  it.each([
    ['trailing newline', `${SK}\n`],
    ['CRLF', `${SK}\r\n`],
    ['spaces and tabs around', ` \t${SK} \t`],
    ['newlines around', `\n\n${SK}\n`]
  ])('trims the secret key: %s', (_name, value) => {
    expect(inputs({'access-key-secret': value}).auth).toMatchObject({accessKeySecret: SK})
  })

  it('trims the access key ID', () => {
    expect(inputs({'access-key-id': `  ${AK}\n`}).auth).toMatchObject({accessKeyId: AK})
  })

  it('keeps every non-whitespace character of the secret key as it is', () => {
    const sk = `a+b/c=d!e@f#g$h%i^j&k*l(m)n_o-p"q'r\`s\\t|u;v:w,x.y<z>?~é密`
    expect(inputs({'access-key-secret': sk}).auth).toMatchObject({accessKeySecret: sk})
  })

  it.each([
    ['cn-north-4', ['cn-north-4']],
    [' cn-north-4 \n', ['cn-north-4']],
    ['cn-north-4,ap-southeast-3', ['cn-north-4', 'ap-southeast-3']],
    ['cn-north-4, ap-southeast-3', ['cn-north-4', 'ap-southeast-3']],
    ['cn-north-4\nap-southeast-3\n', ['cn-north-4', 'ap-southeast-3']],
    ['ap-southeast-3,\ncn-north-4\r\n, eu-west-101', ['ap-southeast-3', 'cn-north-4', 'eu-west-101']],
    ['cn-north-4, ap-southeast-3, cn-north-4', ['cn-north-4', 'ap-southeast-3']],
    ['tr-central-201', ['tr-central-201']],
    ['my-kualalumpur-1', ['my-kualalumpur-1']],
    ['cn-north-11', ['cn-north-11']]
  ])('region %j → %j', (value, expected) => {
    const result = inputs({region: value})
    expect(result.regions).toEqual(expected)
    expect(result.registries.map(r => r.host)).toEqual(
      expected.map(r => (r === 'eu-west-101' ? 'swr.eu-west-101.myhuaweicloud.eu' : `swr.${r}.myhuaweicloud.com`))
    )
  })

  it('uses the Huawei Cloud Europe domain for eu-west-101', () => {
    expect(inputs({region: 'eu-west-101'}).registries).toEqual([{scheme: 'https', host: 'swr.eu-west-101.myhuaweicloud.eu'}])
  })

  it.each([
    ['swr.{region}.example.com', 'cn-north-4, ap-southeast-3', [
      {scheme: 'https', host: 'swr.cn-north-4.example.com'},
      {scheme: 'https', host: 'swr.ap-southeast-3.example.com'}
    ]],
    ['http://{region}.registry.local:5000/', 'cn-north-4\nap-southeast-3', [
      {scheme: 'http', host: 'cn-north-4.registry.local:5000'},
      {scheme: 'http', host: 'ap-southeast-3.registry.local:5000'}
    ]],
    ['swr.{region}.otc.t-systems.com', 'eu-de', [{scheme: 'https', host: 'swr.eu-de.otc.t-systems.com'}]],
    [' https://Registry.Example.com/ \n', 'cn-north-4', [{scheme: 'https', host: 'registry.example.com'}]],
    ['http://127.0.0.1:5000', 'cn-north-4', [{scheme: 'http', host: '127.0.0.1:5000'}]]
  ])('registry %j with region %j', (registry, region, expected) => {
    expect(inputs({registry, region}).registries).toEqual(expected)
  })

  it.each<[string, Inputs['engines']]>([
    ['', 'auto'],
    ['auto', 'auto'],
    [' AUTO \n', 'auto'],
    ['docker', ['docker']],
    ['containerd', ['containerd']],
    ['docker,containerd', ['docker', 'containerd']],
    ['containerd, docker', ['containerd', 'docker']],
    ['Docker\nContainerd\n', ['docker', 'containerd']],
    ['docker, docker', ['docker']]
  ])('engine %j → %j', (engine, expected) => {
    expect(inputs({engine}).engines).toEqual(expected)
  })

  it.each([
    ['', true],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    [' true\n', true],
    ['false', false],
    ['False', false],
    ['FALSE', false]
  ])('logout %j → %s', (logout, expected) => {
    expect(inputs({logout}).logout).toBe(expected)
  })

  it.each(['', 'SWR', ' swr\n'])('provider %j → swr', provider => {
    expect(inputs({provider}).provider).toBe('swr')
  })

  describe('hosts-dir', () => {
    it('defaults to $RUNNER_TEMP/containerd/certs.d', () => {
      expect(inputs({'hosts-dir': ''}, {RUNNER_TEMP: '/home/runner/work/_temp'}).hostsDir).toBe(
        '/home/runner/work/_temp/containerd/certs.d'
      )
    })

    it.each([{}, {RUNNER_TEMP: ''}])('falls back to the OS temp dir without RUNNER_TEMP (%j)', env => {
      expect(inputs({'hosts-dir': ''}, env).hostsDir).toBe(path.join(os.tmpdir(), 'containerd', 'certs.d'))
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
    ])('%j → %s', (value, expected) => {
      const dir = inputs({'hosts-dir': value}).hostsDir
      expect(dir).toBe(expected)
      expect(path.isAbsolute(dir)).toBe(true)
    })
  })
})

describe('getInputs: bad values', () => {
  it.each([
    ['access-key-id', 'HW_AK'],
    ['access-key-secret', 'HW_SK']
  ])('empty %s explains the usual causes', (input, example) => {
    for (const value of ['', '  ', '\n', ' \r\n\t ']) {
      const message = failure({[input]: value}).message
      expect(message).toContain(`Input '${input}' is empty`)
      expect(message).toMatch(/forks/)
      expect(message).toMatch(/Dependabot/)
      expect(message).toContain("'secrets: inherit'")
      expect(message).toContain(`\${{ secrets.${example} }}`)
    }
  })

  it.each([
    ['the SK pasted as AK', SK],
    ['a hyphen', 'AK-123'],
    ['an inner space', 'AKID 123'],
    ['a non-ASCII letter', 'AKIDÉ123'],
    ['an underscore', 'AK_ID_123']
  ])('an access key ID with %s is rejected without echoing it', (_name, value) => {
    const message = failure({'access-key-id': value}).message
    expect(message).toContain("Input 'access-key-id' must contain only letters, digits and dots")
    expect(message).toMatch(/swapped/)
    expect(message).not.toContain(value)
  })

  it.each([
    ['a space', 'first-half second-half'],
    ['a tab', 'first-half\tsecond-half'],
    ['a line break', 'first-half\nsecond-half'],
    ['a non-breaking space', 'first-half\u00a0second-half'],
    ['a trailing non-breaking space (not trimmed: not ASCII)', 'first-half-second-half\u00a0']
  ])('a secret key with %s inside is rejected without echoing it', (_name, value) => {
    const message = failure({'access-key-secret': value}).message
    expect(message).toContain("Input 'access-key-secret' contains spaces or line breaks")
    expect(message).not.toContain('first-half')
    expect(message).not.toContain('second-half')
  })

  it.each([
    ['', /Input 'region' is required/],
    [' \n , ', /Input 'region' is required/],
    ['CN-NORTH-4', /Input 'region' has 'CN-NORTH-4', which is not a region ID\. Region IDs are lower case\./],
    ['cn-North-4', /'cn-North-4'.*Region IDs are lower case/],
    ['cn', /Input 'region' has 'cn', which is not a region ID\. Expected/],
    ['c-north-4', /'c-north-4', which is not a region ID/],
    ['4cn-north', /'4cn-north', which is not a region ID/],
    ['cn-north-4-', /'cn-north-4-', which is not a region ID/],
    ['cn--north-4', /'cn--north-4', which is not a region ID/],
    ['cn_north_4', /'cn_north_4', which is not a region ID/],
    ['cn-north-4 ap-southeast-3', /'cn-north-4 ap-southeast-3', which is not a region ID/],
    ['cn-north-4;ap-southeast-3', /'cn-north-4;ap-southeast-3', which is not a region ID/],
    ['swr.cn-north-4.myhuaweicloud.com', /which is not a region ID/],
    ['cn-north-4, Bad', /'Bad', which is not a region ID/]
  ])('region %j', (region, why) => {
    const message = failure({region}).message
    expect(message).toMatch(why)
    expect(message).toContain("'region'")
  })

  it('does not hint at lower case for a region that is already lower case', () => {
    expect(failure({region: 'cn'}).message).not.toMatch(/lower case\./)
  })

  it.each([
    ['swr.cn-north-4.myhuaweicloud.com/org', 'cn-north-4', /path is not allowed/],
    ['user:pw@swr.cn-north-4.myhuaweicloud.com', 'cn-north-4', /user info is not allowed/],
    ['swr.cn-north-4 .myhuaweicloud.com', 'cn-north-4', /contains spaces/],
    ['ftp://swr.cn-north-4.myhuaweicloud.com', 'cn-north-4', /scheme 'ftp' is not supported/],
    ['swr.example.com:99999', 'cn-north-4', /port 99999 is out of range/],
    ['swr.example.com:0', 'cn-north-4', /port 0 is out of range/],
    ['[::1]:5000', 'cn-north-4', /IPv6/],
    ['swr.{Region}.example.com', 'cn-north-4', /the only placeholder is \{region\}/],
    ['swr.{region}.example.com/{region}', 'cn-north-4', /path is not allowed/],
    ['swr.example.com', 'cn-north-4, ap-southeast-3', /is one host, 'swr\.example\.com', but 'region' lists 2 regions/],
    ['swr.{Region}.example.com', 'cn-north-4\nap-southeast-3', /is one host.*lists 2 regions/]
  ])('registry %j with region %j', (registry, region, why) => {
    const message = failure({registry, region}).message
    expect(message).toMatch(why)
    expect(message).toContain("Input 'registry'")
  })

  it('the several-regions message shows how to write a pattern', () => {
    expect(failure({registry: 'swr.example.com', region: 'cn-north-4,cn-north-1'}).message).toContain(
      "'swr.{region}.example.com'"
    )
  })

  it('a pattern that gives the same host for two regions cannot get past the registry checks', () => {
    // {region} outside the host name is the only way to get one host for two regions, and every such place (path,
    // port, user info, query, scheme) is rejected, so distinct regions always give distinct hosts.
    for (const registry of ['swr.example.com/{region}', 'swr.example.com:{region}', '{region}@swr.example.com', '{region}://swr.example.com']) {
      const message = failure({registry, region: 'cn-north-4, ap-southeast-3'}).message
      expect(message).toContain("Input 'registry'")
      expect(message).not.toContain(SK)
    }
  })

  it.each([
    ['podman', /Input 'engine' has 'podman', which is not supported/],
    ['docker, podman', /'podman'/],
    ['auto, docker', /Input 'engine' is 'auto, docker': 'auto' stands alone/],
    ['cri-o', /'cri-o'/]
  ])('engine %j', (engine, why) => {
    expect(failure({engine}).message).toMatch(why)
  })

  it("mixing 'auto' with an engine is explained, not called unsupported", () => {
    const message = failure({engine: 'auto, docker'}).message
    expect(message).toContain("'engine'")
    expect(message).not.toMatch(/'auto', which is not supported/)
  })

  it.each(['yes', 'no', '1', '0', 'on', 'tRuE'])('logout %j', logout => {
    expect(failure({logout}).message).toBe(`Input 'logout' is '${logout}'; use 'true' or 'false'.`)
  })

  it.each(['foo', 'aws', 'huawei', 'swr,acr', 'ac r'])('provider %j', provider => {
    expect(failure({provider}).message).toBe(`Input 'provider' is '${provider}', which is not supported. Use one of: swr, acr.`)
  })

  it.each(['acr', 'ACR', ' acr\n'])('provider %j is supported (acr)', provider => {
    expect(inputs({provider}).provider).toBe('acr')
  })

  const BAD: [string, Record<string, string>][] = [
    ['provider', {provider: 'foo'}],
    ['access-key-id', {'access-key-id': ''}],
    ['access-key-id', {'access-key-id': SK}],
    ['access-key-secret', {'access-key-secret': ''}],
    ['access-key-secret', {'access-key-secret': `${SK} ${SK}`}],
    ['region', {region: ''}],
    ['region', {region: 'CN-NORTH-4'}],
    ['region', {region: 'x'}],
    ['registry', {registry: 'swr.example.com/org'}],
    ['registry', {registry: 'u:p@swr.example.com'}],
    ['registry', {registry: 'ftp://swr.example.com'}],
    ['registry', {registry: 'swr.example.com:70000'}],
    ['registry', {registry: '[::1]'}],
    ['registry', {registry: 'swr.{Region}.example.com'}],
    ['registry', {registry: 'swr.example.com', region: 'cn-north-4,cn-north-1'}],
    ['engine', {engine: 'podman'}],
    ['logout', {logout: 'yes'}]
  ]

  it.each(BAD)("the message names '%s' in quotes", (input, overrides) => {
    expect(failure(overrides).message).toContain(`'${input}'`)
  })

  it.each(BAD)('no message for a bad %s contains the secret key', (_input, overrides) => {
    const message = failure(overrides).message
    expect(message).not.toContain(SK)
    // nor a recognisable part of it
    expect(message).not.toContain(SK.slice(0, 12))
    expect(message).not.toContain(SK.slice(-12))
  })

  it('checks the inputs in a fixed order: provider, then the credential inputs, then the rest; the first bad one is reported', () => {
    // The secrets are read (and masked) before everything, but judged with the other credential inputs, after provider.
    expect(failure({'access-key-secret': '', provider: 'foo', region: 'X'}).message).toMatch(/^Input 'provider'/)
    expect(failure({'access-key-secret': '', region: 'X', logout: 'yes'}).message).toMatch(/^Input 'access-key-secret'/)
    expect(failure({'access-key-secret': '', 'access-key-id': '', region: 'X'}).message).toMatch(/^Input 'access-key-secret'/)
    expect(failure({provider: 'foo', region: 'X', logout: 'yes'}).message).toMatch(/^Input 'provider'/)
    expect(failure({region: 'X', logout: 'yes'}).message).toMatch(/^Input 'region'/)
  })
})

describe('getInputs: masking the secret key', () => {
  /** Runs getInputs and returns what was masked, and when: before or after which inputs were read. */
  function run(overrides: Record<string, string>): {events: string[]; error?: unknown} {
    const events: string[] = []
    const read = reader(overrides)
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

  it('reads the secret inputs first and masks the trimmed secret key before any other input is read', () => {
    const {events, error} = run({'access-key-secret': `  ${SK}\r\n`})
    expect(error).toBeUndefined()
    expect(events.slice(0, 4)).toEqual(['read access-key-secret', 'read security-token', 'read password', `mask ${SK}`])
    expect(events.filter(e => e.startsWith('mask '))).toEqual([`mask ${SK}`])
  })

  it.each([
    ['provider', {provider: 'foo'}],
    ['access-key-id', {'access-key-id': 'not-an-ak'}],
    ['region', {region: 'BAD'}],
    ['registry', {registry: 'ftp://x'}],
    ['logout', {logout: 'yes'}]
  ])('has masked it already when %s is bad', (_input, overrides) => {
    const {events, error} = run(overrides)
    expect(error).toBeInstanceOf(UserError)
    expect(events).toContain(`mask ${SK}`)
    // Before the first input that could be reported is even read.
    expect(events.indexOf(`mask ${SK}`)).toBeLessThan(events.indexOf('read provider'))
    expect(events.indexOf('read provider')).toBeGreaterThan(0)
  })

  it('masks the secret key even when it is then rejected, before judging it (its message does not contain it either)', () => {
    const {events, error} = run({'access-key-secret': ' two words\n'})
    expect(error).toBeInstanceOf(UserError)
    expect(events.slice(0, 4)).toEqual(['read access-key-secret', 'read security-token', 'read password', 'mask two words'])
    expect((error as UserError).message).toMatch(/^Input 'access-key-secret' contains spaces/)
    expect((error as UserError).message).not.toContain('two words')
  })
})
