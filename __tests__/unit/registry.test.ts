import {UserError} from '../../src/errors.js'
import {isRegistryHost, isRegistryPattern, parseRegistry, registryForRegion, registryUrl, type RegistryAddress} from '../../src/registry.js'
import {userError as rejection} from '../support/refusal.js'

describe('parseRegistry', () => {
  it.each<[string, RegistryAddress]>([
    ['swr.cn-north-4.myhuaweicloud.com', {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}],
    ['SWR.CN-North-4.MyHuaweiCloud.com', {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}],
    ['swr.cn-north-4.myhuaweicloud.com/', {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}],
    ['https://swr.cn-north-4.myhuaweicloud.com', {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}],
    ['https://swr.cn-north-4.myhuaweicloud.com/', {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}],
    ['HTTPS://Registry.Example.COM', {scheme: 'https', host: 'registry.example.com'}],
    ['http://127.0.0.1:5000', {scheme: 'http', host: '127.0.0.1:5000'}],
    ['http://127.0.0.1:5000/', {scheme: 'http', host: '127.0.0.1:5000'}],
    ['HTTP://localhost:5000', {scheme: 'http', host: 'localhost:5000'}],
    ['localhost', {scheme: 'https', host: 'localhost'}],
    ['registry.local:443', {scheme: 'https', host: 'registry.local:443'}],
    ['registry.local:08080', {scheme: 'https', host: 'registry.local:8080'}],
    ['registry.local:1', {scheme: 'https', host: 'registry.local:1'}],
    ['registry.local:65535', {scheme: 'https', host: 'registry.local:65535'}],
    ['  swr.ap-southeast-3.myhuaweicloud.com  ', {scheme: 'https', host: 'swr.ap-southeast-3.myhuaweicloud.com'}],
    ['swr.eu-west-101.myhuaweicloud.eu', {scheme: 'https', host: 'swr.eu-west-101.myhuaweicloud.eu'}],
    ['a-b.c1-2.d', {scheme: 'https', host: 'a-b.c1-2.d'}]
  ])('accepts %j', (value, expected) => {
    expect(parseRegistry(value)).toEqual(expected)
  })

  it.each([
    ['swr.cn-north-4.myhuaweicloud.com/my-org', /path is not allowed/],
    ['https://swr.cn-north-4.myhuaweicloud.com/v2/', /path is not allowed/],
    ['host//', /path is not allowed/],
    ['user:pass@swr.cn-north-4.myhuaweicloud.com', /user info is not allowed/],
    ['https://user@registry.example.com', /user info is not allowed/],
    ['swr.cn-north-4 .myhuaweicloud.com', /contains spaces/],
    ['swr.cn-north-4.myhuaweicloud.com\tx', /contains spaces/],
    ['ftp://registry.example.com', /scheme 'ftp' is not supported/],
    ['oci://registry.example.com', /scheme 'oci' is not supported/],
    ['registry.example.com:0', /port 0 is out of range/],
    ['registry.example.com:65536', /port 65536 is out of range/],
    ['registry.example.com:000080', /port 000080 is out of range/],
    ['registry.example.com:http', /at most one ":port"/],
    ['registry.example.com:', /at most one ":port"/],
    ['registry.example.com:5000:6000', /at most one ":port"/],
    ['[::1]:5000', /IPv6/],
    ['http://[fe80::1]', /IPv6/],
    ['::1', /at most one ":port"/],
    ['swr.{Region}.myhuaweicloud.com', /the only placeholder is \{region\}/],
    ['swr.{project}.example.com', /the only placeholder is \{region\}/],
    ['registry.example.com?x=1', /query or fragment/],
    ['registry.example.com#frag', /query or fragment/],
    ['under_score.example.com', /'under_score\.example\.com' is not a valid host name/],
    ['-leading.example.com', /not a valid host name/],
    ['trailing-.example.com', /not a valid host name/],
    ['double..dot.com', /not a valid host name/],
    ['.example.com', /not a valid host name/],
    [`${'a'.repeat(64)}.example.com`, /not a valid host name/],
    [Array.from({length: 64}, () => 'abc').join('.'), /not a valid host name/],
    ['', /is not a registry host \(there is no host\): ''\./],
    ['https://', /is not a registry host \(there is no host\): 'https:\/\/'\./]
  ])('rejects %j', (value, why) => {
    const error = rejection(() => parseRegistry(value))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(why)
    expect(error.message).toContain("Input 'registry'")
  })

  // Read as host and path, these would be refused as "a path is not allowed": the typo is named, with the fix.
  it.each<[string, string]>([
    ['http:/127.0.0.1:5000', "Input 'registry': 'http:/127.0.0.1:5000' has one slash after the scheme: write 'http://127.0.0.1:5000'."],
    [
      'https:/swr.cn-north-4.myhuaweicloud.com',
      "Input 'registry': 'https:/swr.cn-north-4.myhuaweicloud.com' has one slash after the scheme: write 'https://swr.cn-north-4.myhuaweicloud.com'."
    ],
    [
      'https:swr.cn-north-4.myhuaweicloud.com',
      "Input 'registry': 'https:swr.cn-north-4.myhuaweicloud.com' has no slash after the scheme: write 'https://swr.cn-north-4.myhuaweicloud.com'."
    ],
    ['http:///registry.local', "Input 'registry': 'http:///registry.local' has 3 slashes after the scheme: write 'http://registry.local'."],
    ['  HTTP:/registry.local  ', "Input 'registry': 'HTTP:/registry.local' has one slash after the scheme: write 'HTTP://registry.local'."]
  ])('names a scheme followed by other than two slashes: %j', (value, message) => {
    expect(rejection(() => parseRegistry(value)).message).toBe(message)
  })

  it("takes 'http:5000' for what it says, a host and a port, not for that typo", () => {
    expect(parseRegistry('http:5000')).toEqual({scheme: 'https', host: 'http:5000'})
  })

  it('names the input it was given and quotes the value', () => {
    const error = rejection(() => parseRegistry('ftp://x.example', 'mirror'))
    expect(error.message).toMatch(/^Input 'mirror' is not a registry host/)
    expect(error.message).toContain("'ftp://x.example'")
  })

  it('accepts a 63-character label, the DNS maximum', () => {
    const label = 'a'.repeat(63)
    expect(parseRegistry(`${label}.example.com`)).toEqual({scheme: 'https', host: `${label}.example.com`})
  })
})

describe('isRegistryPattern', () => {
  it.each([
    ['swr.{region}.myhuaweicloud.com', true],
    ['https://{region}.example.com:5000', true],
    ['swr.cn-north-4.myhuaweicloud.com', false],
    ['swr.{Region}.myhuaweicloud.com', false],
    ['swr.{REGION}.example.com', false]
  ])('%s → %s', (value, expected) => expect(isRegistryPattern(value)).toBe(expected))
})

describe('registryForRegion', () => {
  it.each<[string, string, RegistryAddress]>([
    ['swr.{region}.myhuaweicloud.com', 'cn-north-4', {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}],
    ['http://{region}.registry.local:5000/', 'ap-southeast-3', {scheme: 'http', host: 'ap-southeast-3.registry.local:5000'}],
    ['swr.{region}.{region}.example', 'eu-west-0', {scheme: 'https', host: 'swr.eu-west-0.eu-west-0.example'}],
    ['swr.cn-north-4.myhuaweicloud.com', 'ap-southeast-3', {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}]
  ])('%s in %s → %j', (pattern, region, expected) => {
    expect(registryForRegion(pattern, region)).toEqual(expected)
  })

  it('reports the expanded value when the result is invalid', () => {
    expect(() => registryForRegion('swr.{region}.example.com/org', 'cn-north-4')).toThrow(/'swr\.cn-north-4\.example\.com\/org'/)
  })

  it('rejects an unknown placeholder left after expansion', () => {
    expect(() => registryForRegion('swr.{Region}.example.com', 'cn-north-4')).toThrow(/the only placeholder is \{region\}/)
  })
})

describe('isRegistryHost', () => {
  it.each(['swr.cn-north-4.myhuaweicloud.com', '127.0.0.1:5000', 'registry.local:443'])('accepts %j', host => {
    expect(isRegistryHost(host)).toBe(true)
  })

  it.each(['', '..', 'SWR.example.com', 'https://swr.example.com', 'swr.example.com/org', 'swr.example.com:05000', '--password=x', ' swr.example.com'])(
    'rejects %j (not as parseRegistry writes a host)',
    host => {
      expect(isRegistryHost(host)).toBe(false)
    }
  )
})

describe('registryUrl', () => {
  it.each<[RegistryAddress, string]>([
    [{scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'}, 'https://swr.cn-north-4.myhuaweicloud.com'],
    [{scheme: 'http', host: '127.0.0.1:5000'}, 'http://127.0.0.1:5000']
  ])('%j → %s', (address, url) => expect(registryUrl(address)).toBe(url))

  it('round-trips through parseRegistry', () => {
    for (const value of ['http://Localhost:05000/', 'swr.cn-north-4.myhuaweicloud.com']) {
      const address = parseRegistry(value)
      expect(parseRegistry(registryUrl(address))).toEqual(address)
    }
  })
})
