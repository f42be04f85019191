import {jest} from '@jest/globals'
import {UserError} from '../../src/errors.js'
import type {ApiSource, CredentialSource, LocalSource, Target} from '../../src/providers/provider.js'
import type {RegistryAddress} from '../../src/registry.js'
import {buildTargets} from '../../src/targets.js'
import {refusal} from '../support/refusal.js'

// buildTargets against fake credential sources: what it does with 'registry' and 'api-endpoint' does not depend on the
// provider, only on the source's kind, defaults and checks.

function localSource(extra: Partial<LocalSource> = {}): LocalSource {
  return {
    kind: 'local',
    description: 'fake local',
    defaultRegistry: region => `reg.${region}.example.com`,
    obtain: () => {
      throw new Error('not called')
    },
    advice: () => undefined,
    ...extra
  }
}

function apiSource(extra: Partial<ApiSource> = {}): ApiSource {
  return {
    kind: 'api',
    description: 'fake api',
    defaultRegistry: region => `reg.${region}.example.com`,
    defaultEndpoint: region => `https://api.${region}.example.com`,
    obtain: () => Promise.reject(new Error('not called')),
    advice: () => undefined,
    ...extra
  }
}

const TWO = ['cn-north-4', 'ap-southeast-3']

function hosts(targets: Target[]): string[] {
  return targets.map(t => `${t.registry.scheme}://${t.registry.host}`)
}

function endpoints(targets: Target[]): string[] {
  return targets.map(t => (t.kind === 'api' ? t.endpoint.href : 'none'))
}

describe('one target per region', () => {
  it('a local source gives local targets, in the order of the regions, each carrying the provider and the source', () => {
    const source = localSource()
    expect(buildTargets('swr', source, TWO, '', '')).toEqual([
      {kind: 'local', provider: 'swr', region: 'cn-north-4', registry: {scheme: 'https', host: 'reg.cn-north-4.example.com'}, source},
      {kind: 'local', provider: 'swr', region: 'ap-southeast-3', registry: {scheme: 'https', host: 'reg.ap-southeast-3.example.com'}, source}
    ])
  })

  it('an API source gives API targets, each with its endpoint', () => {
    const source = apiSource()
    expect(buildTargets('acr', source, TWO, '', '')).toEqual([
      {
        kind: 'api',
        provider: 'acr',
        region: 'cn-north-4',
        registry: {scheme: 'https', host: 'reg.cn-north-4.example.com'},
        source,
        endpoint: new URL('https://api.cn-north-4.example.com')
      },
      {
        kind: 'api',
        provider: 'acr',
        region: 'ap-southeast-3',
        registry: {scheme: 'https', host: 'reg.ap-southeast-3.example.com'},
        source,
        endpoint: new URL('https://api.ap-southeast-3.example.com')
      }
    ])
  })
})

describe('registry', () => {
  it("defaults to the source's registry for each region", () => {
    const defaultRegistry = jest.fn((region: string) => (region === 'eu-west-101' ? 'swr.eu-west-101.myhuaweicloud.eu' : `swr.${region}.myhuaweicloud.com`))
    const targets = buildTargets('swr', localSource({defaultRegistry}), ['cn-north-4', 'eu-west-101'], '', '')
    expect(hosts(targets)).toEqual(['https://swr.cn-north-4.myhuaweicloud.com', 'https://swr.eu-west-101.myhuaweicloud.eu'])
    expect(defaultRegistry.mock.calls).toEqual([['cn-north-4'], ['eu-west-101']])
  })

  it('passes on the UserError of a source without a default registry', () => {
    const source = apiSource({
      defaultRegistry: () => {
        throw new UserError("Input 'registry' is required here.")
      }
    })
    expect(refusal(() => buildTargets('acr', source, ['cn-hangzhou'], '', ''))).toBe("Input 'registry' is required here.")
  })

  it.each<[string, string[], string[]]>([
    ['swr.{region}.example.com', TWO, ['https://swr.cn-north-4.example.com', 'https://swr.ap-southeast-3.example.com']],
    ['http://{region}.registry.local:5000/', TWO, ['http://cn-north-4.registry.local:5000', 'http://ap-southeast-3.registry.local:5000']],
    ['{region}.{region}.example.com', TWO, ['https://cn-north-4.cn-north-4.example.com', 'https://ap-southeast-3.ap-southeast-3.example.com']],
    ['swr.{region}.otc.t-systems.com', ['eu-de'], ['https://swr.eu-de.otc.t-systems.com']],
    ['https://Registry.Example.com/', ['cn-north-4'], ['https://registry.example.com']],
    ['http://127.0.0.1:5000', ['cn-north-4'], ['http://127.0.0.1:5000']]
  ])('%j for %j', (registry, regions, expected) => {
    expect(hosts(buildTargets('swr', localSource(), regions, registry, ''))).toEqual(expected)
  })

  it('refuses one host for several regions, showing how to write a pattern', () => {
    expect(refusal(() => buildTargets('swr', localSource(), [...TWO, 'eu-west-101'], 'swr.example.com', ''))).toBe(
      "Input 'registry' is one host, 'swr.example.com', but 'region' lists 3 regions. Put '{region}' where the region " +
        "goes, e.g. 'swr.{region}.example.com', or leave 'registry' out to use the default for each region."
    )
  })

  it.each([
    ['swr.example.com/org', /a path is not allowed/],
    ['user:pw@swr.example.com', /user info is not allowed/],
    ['ftp://swr.example.com', /scheme 'ftp' is not supported/],
    ['swr.{Region}.example.com', /the only placeholder is \{region\}/]
  ])('passes on what is wrong with %j, naming the input', (registry, why) => {
    const message = refusal(() => buildTargets('swr', localSource(), ['cn-north-4'], registry, ''))
    expect(message).toMatch(/^Input 'registry' is not a registry host/)
    expect(message).toMatch(why)
  })

  it.each(['swr.example.com/{region}', 'swr.example.com:{region}', '{region}@swr.example.com', '{region}://swr.example.com', 'swr.example.com?{region}'])(
    'cannot give one host for two regions through a pattern: %j is refused',
    registry => {
      expect(refusal(() => buildTargets('swr', localSource(), TWO, registry, ''))).toMatch(/^Input 'registry'/)
    }
  )
})

describe('the source checks regions and registries', () => {
  it('checkRegions gets every region once, before any registry is worked out', () => {
    const calls: string[] = []
    const source = localSource({
      checkRegions: regions => void calls.push(`regions ${regions.join(' ')}`),
      defaultRegistry: region => {
        calls.push(`default ${region}`)
        return `reg.${region}.example.com`
      },
      checkRegistry: registry => void calls.push(`registry ${registry.host}`)
    })
    buildTargets('swr', source, TWO, '', '')
    expect(calls).toEqual([
      'regions cn-north-4 ap-southeast-3',
      'default cn-north-4',
      'default ap-southeast-3',
      'registry reg.cn-north-4.example.com',
      'registry reg.ap-southeast-3.example.com'
    ])
  })

  it('checkRegistry gets every address, also from the input', () => {
    const seen: RegistryAddress[] = []
    buildTargets('swr', apiSource({checkRegistry: registry => void seen.push(registry)}), TWO, 'http://r.{region}.example.com:81', '')
    expect(seen).toEqual([
      {scheme: 'http', host: 'r.cn-north-4.example.com:81'},
      {scheme: 'http', host: 'r.ap-southeast-3.example.com:81'}
    ])
  })

  it.each<[string, Partial<CredentialSource>]>([
    [
      'checkRegions',
      {
        checkRegions: () => {
          throw new UserError('one region only')
        }
      }
    ],
    [
      'checkRegistry',
      {
        checkRegistry: () => {
          throw new UserError('not that registry')
        }
      }
    ]
  ])("passes on the refusal of %s, before looking at 'api-endpoint'", (_name, check) => {
    expect(() => buildTargets('acr', apiSource(check as Partial<ApiSource>), TWO, '', 'ftp://bad')).toThrow(/^(one region only|not that registry)$/)
    expect(() => buildTargets('acr', localSource(check as Partial<LocalSource>), TWO, '', 'https://x')).toThrow(/^(one region only|not that registry)$/)
  })

  it('a refusal of the regions comes before a bad registry', () => {
    const source = localSource({
      checkRegions: () => {
        throw new UserError('one region only')
      }
    })
    expect(refusal(() => buildTargets('swr', source, TWO, 'swr.example.com', ''))).toBe('one region only')
  })
})

// Inputs check a region's shape, not its length: a long one makes the host made from it invalid, and that is the
// region's fault, not that of a 'registry' or 'api-endpoint' the user may never have set.
describe('a region too long for a host name', () => {
  const LONG = `cn-${'north'.repeat(13)}-4` // 70 characters, a valid shape
  const TOO_LONG = (host: string, what = 'registry host'): string =>
    `Input 'region' has '${LONG}', which is too long to be part of a host name: the ${what} made from it would be ` +
    `'${host}', and a host name allows at most 63 characters between dots (253 in all). Use a region ID from the ` +
    `cloud's list, e.g. 'cn-north-4'.`

  it('is blamed on region with the default registry (registry not set)', () => {
    expect(LONG).toHaveLength(70)
    expect(refusal(() => buildTargets('swr', localSource(), [LONG], '', ''))).toBe(TOO_LONG(`reg.${LONG}.example.com`))
  })

  it('is blamed on region with a registry pattern that fits an ordinary region', () => {
    expect(refusal(() => buildTargets('swr', localSource(), ['cn-north-4', LONG], 'swr.{region}.example.com', ''))).toBe(TOO_LONG(`swr.${LONG}.example.com`))
  })

  it('a pattern that is wrong with any region is still blamed on registry', () => {
    expect(refusal(() => buildTargets('swr', localSource(), [LONG], `swr.{region}.${'x'.repeat(64)}.com`, ''))).toMatch(/^Input 'registry' is not a registry host/)
  })

  it('is blamed on region with the default API endpoint', () => {
    // A registry that fits (ACR Enterprise Edition: the registry is given), and an endpoint made from the region.
    expect(refusal(() => buildTargets('acr', apiSource(), [LONG], 'my-instance.example.com', ''))).toBe(TOO_LONG(`api.${LONG}.example.com`, 'API endpoint host'))
  })

  it('is blamed on region with an api-endpoint pattern that fits an ordinary region', () => {
    expect(refusal(() => buildTargets('acr', apiSource(), [LONG], 'my-instance.example.com', 'https://cr.{region}.example.com'))).toBe(
      TOO_LONG(`cr.${LONG}.example.com`, 'API endpoint host')
    )
  })

  it('an api-endpoint with a label too long of its own is blamed on api-endpoint', () => {
    const host = `${'a'.repeat(64)}.example.com`
    expect(refusal(() => buildTargets('acr', apiSource(), ['cn-north-4'], '', `https://${host}/{region}`))).toBe(
      `Input 'api-endpoint' has a host name that is too long: '${host}' (a host name allows at most 63 characters between dots, 253 in all).`
    )
  })

  it('cuts a very long region and host in the message', () => {
    const huge = `cn-${'a'.repeat(100_000)}`
    const message = refusal(() => buildTargets('swr', localSource(), [huge], '', ''))
    expect(message).toContain(`Input 'region' has '${huge.slice(0, 79)}…', which is too long`)
    expect(message).toContain(`would be 'reg.${huge.slice(0, 115)}…'`)
    expect(message.length).toBeLessThan(500)
  })
})

describe('api-endpoint', () => {
  it('is refused for a local source, which calls no API', () => {
    const source = localSource()
    expect(refusal(() => buildTargets('swr', source, ['cn-north-4'], '', 'https://swr-api.example.com'))).toBe(
      `Input 'api-endpoint' is only used when the action calls a cloud API, and this login (${source.description}) needs none. Remove it.`
    )
  })

  it("defaults to the source's endpoint for each region", () => {
    const defaultEndpoint = jest.fn((region: string) => `https://swr-api.${region}.myhuaweicloud.com`)
    expect(endpoints(buildTargets('swr', apiSource({defaultEndpoint}), TWO, '', ''))).toEqual([
      'https://swr-api.cn-north-4.myhuaweicloud.com/',
      'https://swr-api.ap-southeast-3.myhuaweicloud.com/'
    ])
    expect(defaultEndpoint.mock.calls).toEqual([['cn-north-4'], ['ap-southeast-3']])
  })

  it.each<[string, string, string[], string[]]>([
    ['{region} in the host', 'https://swr-api.{region}.example.com', ['cn-north-4'], ['https://swr-api.cn-north-4.example.com/']],
    [
      '{region} in the host, two regions',
      'https://swr-api.{region}.example.com/',
      TWO,
      ['https://swr-api.cn-north-4.example.com/', 'https://swr-api.ap-southeast-3.example.com/']
    ],
    ['one endpoint for two regions', 'https://swr-gw.example.com', TWO, ['https://swr-gw.example.com/', 'https://swr-gw.example.com/']],
    ['{region} in the path', 'https://gw.example.com/{region}/swr', ['cn-north-4'], ['https://gw.example.com/cn-north-4/swr']],
    ['plain http with a port', 'http://127.0.0.1:8080', ['cn-north-4'], ['http://127.0.0.1:8080/']],
    ['a trailing slash', 'http://localhost:9000/', ['cn-north-4'], ['http://localhost:9000/']],
    ['a path prefix with a trailing slash', 'https://gw.example.com/swr/', ['cn-north-4'], ['https://gw.example.com/swr/']],
    ['an upper-case host', 'https://GW.Example.com', ['cn-north-4'], ['https://gw.example.com/']]
  ])('%s: %j', (_name, endpoint, regions, expected) => {
    expect(endpoints(buildTargets('swr', apiSource(), regions, '', endpoint))).toEqual(expected)
  })

  const WITHOUT = (value: string): string => `Input 'api-endpoint' must be an https:// (or http://) URL without user info, query or fragment: '${value}'.`
  const NOT_URL = (value: string): string => `Input 'api-endpoint' is not a URL: '${value}'. Expected https://host[:port], e.g. https://swr-api.cn-north-4.myhuaweicloud.com.`
  const PLACEHOLDER = (value: string): string => `Input 'api-endpoint' has a placeholder other than {region}: '${value}'.`

  it.each<[string, string, (value: string) => string]>([
    ['a query', 'https://swr-api.example.com/?x=1', WITHOUT],
    ['user info', 'https://user@swr-api.example.com', WITHOUT],
    ['a user and password', 'https://u:p@cr.example.com', WITHOUT],
    ['a fragment', 'https://swr-api.example.com/#x', WITHOUT],
    ['ftp', 'ftp://swr-api.example.com', WITHOUT],
    ['file', 'file:///etc/passwd', WITHOUT],
    ['no scheme', 'swr-api.example.com', NOT_URL],
    ['a port out of range', 'https://swr-api.example.com:99999', NOT_URL],
    ['a space inside', 'https://swr api.example.com', NOT_URL],
    ['an unknown placeholder in the host', 'https://swr-api.{zone}.example.com', PLACEHOLDER],
    ['an unknown placeholder in the path', 'https://gw.example.com/{zone}/', PLACEHOLDER],
    ['{Region}', 'https://cr.{Region}.aliyuncs.com', PLACEHOLDER],
    ['a lone brace', 'https://gw.example.com/{region', PLACEHOLDER]
  ])('refuses %s, quoting the input as given, less any user info', (_name, endpoint, message) => {
    expect(refusal(() => buildTargets('swr', apiSource(), ['cn-north-4'], '', endpoint))).toBe(message(endpoint.replace(/\/\/[^/]*@/, '//***@')))
  })

  // The URL parser would take each of these as https://swr-api.example.com: a typo is named, with the fix, not guessed at.
  it.each<[string, string, string]>([
    ['one slash', 'http:/swr-api.example.com', "Input 'api-endpoint': 'http:/swr-api.example.com' has one slash after the scheme: write 'http://swr-api.example.com'."],
    ['no slash', 'https:swr-api.example.com', "Input 'api-endpoint': 'https:swr-api.example.com' has no slash after the scheme: write 'https://swr-api.example.com'."],
    [
      'three slashes',
      'https:///swr-api.example.com',
      "Input 'api-endpoint': 'https:///swr-api.example.com' has 3 slashes after the scheme: write 'https://swr-api.example.com'."
    ],
    [
      'a backslash',
      'https:\\\\swr-api.example.com',
      "Input 'api-endpoint': 'https:\\\\swr-api.example.com' has a backslash after the scheme: write 'https://swr-api.example.com'."
    ],
    [
      'one slash, with {region}',
      'HTTPS:/swr-api.{region}.example.com',
      "Input 'api-endpoint': 'HTTPS:/swr-api.{region}.example.com' has one slash after the scheme: write 'HTTPS://swr-api.{region}.example.com'."
    ],
    [
      'one slash, with user info (not shown)',
      'https:/u:PASSWORD-1@swr-api.example.com',
      "Input 'api-endpoint': 'https:/***@swr-api.example.com' has one slash after the scheme: write 'https://***@swr-api.example.com'."
    ]
  ])('names a scheme followed by other than two slashes (%s), and the fix', (_name, endpoint, message) => {
    expect(refusal(() => buildTargets('swr', apiSource(), ['cn-north-4'], '', endpoint))).toBe(message)
  })

  it('never quotes a password in user info, and cuts a long input', () => {
    const message = refusal(() => buildTargets('swr', apiSource(), ['cn-north-4'], '', `https://user:PASSWORD-1@cr.example.com/${'p'.repeat(100_000)}`))
    expect(message).not.toContain('PASSWORD-1')
    expect(message).toContain(`'https://***@cr.example.com/${'p'.repeat(172)}…'`)
  })

  it('checks the default endpoint as it checks the input', () => {
    expect(refusal(() => buildTargets('swr', apiSource({defaultEndpoint: () => 'not a url'}), ['cn-north-4'], '', ''))).toMatch(/^Input 'api-endpoint' is not a URL/)
  })
})
