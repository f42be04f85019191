import {nearestRegions, regionWarnings} from '../../src/region-hints.js'
import {acr} from '../../src/providers/acr/index.js'
import type {Provider, Target} from '../../src/providers/provider.js'
import {swr} from '../../src/providers/swr/index.js'

/** A target of this provider in a region, with its registry host (the provider's default unless given). */
function target(provider: Provider, region: string, host?: string): Target {
  const defaultHost = provider.name === 'swr' ? `swr.${region}.myhuaweicloud.com` : `registry.${region}.aliyuncs.com`
  return {kind: 'local', provider: provider.name, region, registry: {scheme: 'https', host: host ?? defaultHost}} as unknown as Target
}

describe('nearestRegions', () => {
  const known = ['cn-north-1', 'cn-north-4', 'cn-east-3', 'eu-west-0', 'eu-west-101', 'ap-southeast-3']

  it.each<[string, string[]]>([
    // The same without hyphens wins over anything nearer by edits.
    ['cn-north4', ['cn-north-4']],
    ['cnnorth-4', ['cn-north-4']],
    // A known region that extends it with digits (Dublin is eu-west-101, not eu-west-1).
    ['eu-west-1', ['eu-west-101']],
    // Else the nearest within two edits, all of those at the same distance (at most two).
    ['cn-north-5', ['cn-north-1', 'cn-north-4']],
    ['ap-southeest-3', ['ap-southeast-3']],
    ['cn-east-33', ['cn-east-3']],
    // Nothing near.
    ['sa-brazil-1', []],
    ['cn-hangzhou', []]
  ])('%s → %j', (region, expected) => {
    expect(nearestRegions(region, known)).toEqual(expected)
  })
})

describe('regionWarnings', () => {
  const warnings = (provider: Provider, targets: Target[], registry = ''): string[] => regionWarnings(provider, [provider === swr ? acr : swr], targets, registry)

  it('says nothing about known regions, or about regions of no known likeness (new ones appear all the time)', () => {
    expect(warnings(swr, [target(swr, 'cn-north-4'), target(swr, 'eu-west-101', 'swr.eu-west-101.myhuaweicloud.eu')])).toEqual([])
    expect(warnings(swr, [target(swr, 'tr-central-201')])).toEqual([])
    expect(warnings(acr, [target(acr, 'cn-hangzhou'), target(acr, 'eu-west-1')])).toEqual([])
  })

  it('suggests the region a missing hyphen was meant to be, and says the login goes on', () => {
    expect(warnings(swr, [target(swr, 'cn-north4')])).toEqual([
      "Input 'region' has 'cn-north4', which is not a region of Huawei Cloud SWR this action knows: did you mean " +
        "'cn-north-4'? The login goes on; if the registry cannot be found, this is why."
    ])
  })

  it("names Dublin for eu-west-1 with SWR, and says it is Alibaba's London region with provider acr", () => {
    expect(warnings(swr, [target(swr, 'eu-west-1')])).toEqual([
      "Input 'region' has 'eu-west-1', which is not a region of Huawei Cloud SWR this action knows: did you mean " +
        "'eu-west-101' (Dublin)? ('eu-west-1' is a region of Alibaba Cloud Container Registry: for it, add 'provider: acr'.) " +
        'The login goes on; if the registry cannot be found, this is why.'
    ])
  })

  it("says which provider to set for the other cloud's region, both ways", () => {
    expect(warnings(swr, [target(swr, 'cn-hangzhou')])[0]).toMatch(
      /^Input 'region' has 'cn-hangzhou', which is not a region of Huawei Cloud SWR this action knows: \('cn-hangzhou' is a region of Alibaba Cloud Container Registry: for it, add 'provider: acr'\.\)/
    )
    expect(warnings(acr, [target(acr, 'cn-north-4')])[0]).toMatch(
      /^Input 'region' has 'cn-north-4', which is not a region of Alibaba Cloud Container Registry this action knows: \('cn-north-4' is a region of Huawei Cloud SWR: for it, set 'provider: swr' \(or leave 'provider' out\)\.\)/
    )
  })

  it("says nothing about the region of a registry on another cloud's domain (a Huawei-based cloud, a private registry)", () => {
    expect(warnings(swr, [target(swr, 'eu-de', 'swr.eu-de.otc.t-systems.com')], 'swr.{region}.otc.t-systems.com')).toEqual([])
    expect(warnings(swr, [target(swr, 'cn-north4', '127.0.0.1:5000')], 'http://127.0.0.1:5000')).toEqual([])
  })

  it("warns when 'registry' names another region than 'region'", () => {
    const found = warnings(swr, [target(swr, 'ap-southeast-3', 'swr.cn-north-4.myhuaweicloud.com')], 'swr.cn-north-4.myhuaweicloud.com')
    expect(found).toEqual([
      "Input 'registry' (swr.cn-north-4.myhuaweicloud.com) is the registry of region cn-north-4, but 'region' is " +
        "ap-southeast-3: the login is made for 'region', and Huawei Cloud SWR in another region refuses it. Set 'region' " +
        "to cn-north-4, or leave 'registry' out to use the registry of ap-southeast-3."
    ])
    const personal = 'crpi-abc123.cn-shanghai.personal.cr.aliyuncs.com'
    expect(warnings(acr, [target(acr, 'cn-hangzhou', personal)], personal)[0]).toMatch(/is the registry of region cn-shanghai, but 'region' is cn-hangzhou/)
  })

  it("says nothing when 'registry' is the region's own, a {region} pattern, or names no region", () => {
    expect(warnings(swr, [target(swr, 'cn-north-4')], 'swr.cn-north-4.myhuaweicloud.com')).toEqual([])
    expect(warnings(swr, [target(swr, 'cn-north-4')], 'swr.{region}.myhuaweicloud.com')).toEqual([])
    const ee = 'myinstance-registry.cn-hangzhou.cr.aliyuncs.com'
    expect(warnings(acr, [target(acr, 'cn-hangzhou', ee)], ee)).toEqual([])
  })
})
