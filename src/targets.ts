import {quote, UserError} from './errors.js'
import type {CredentialSource, ProviderName, Target} from './providers/provider.js'
import {isRegistryPattern, registryForRegion, type RegistryAddress} from './registry.js'
import {regionTooLong, SAMPLE_REGION, serviceUrl, type UrlInput} from './service-url.js'

// From the regions and the `registry` and `api-endpoint` inputs to one self-contained target per region: where to log
// in, and (for a credential from an API) where to ask for it.

/** Whether `pattern` with `region` put in is a valid registry. */
function parses(pattern: string, region: string): boolean {
  try {
    registryForRegion(pattern, region)
    return true
  } catch {
    return false
  }
}

/**
 * The registry of a region: `pattern` with the region put in (`pattern` is the source's default when `fromInput` is
 * false). A host that is invalid only because of the region is blamed on 'region', not on a 'registry' the user may
 * never have set.
 */
function registryOf(pattern: string, region: string, fromInput: boolean): RegistryAddress {
  try {
    return registryForRegion(pattern, region)
  } catch (error) {
    // The source's default, or a pattern that works with a region of ordinary length: the region is at fault.
    if (error instanceof UserError && (!fromInput || parses(pattern, SAMPLE_REGION))) {
      throw regionTooLong(region, 'registry host', pattern.split('{region}').join(region))
    }
    throw error
  }
}

function registries(value: string, regions: readonly string[], source: CredentialSource): {region: string; registry: RegistryAddress}[] {
  if (value === '') return regions.map(region => ({region, registry: registryOf(source.defaultRegistry(region), region, false)}))
  if (regions.length > 1 && !isRegistryPattern(value)) {
    throw new UserError(
      `Input 'registry' is one host, ${quote(value, 200)}, but 'region' lists ${regions.length} regions. ` +
        `Put '{region}' where the region goes, e.g. 'swr.{region}.example.com', or leave 'registry' out to use the default for each region.`
    )
  }
  // Distinct regions give distinct hosts: parseRegistry rejects '{region}' anywhere but in the host (path, port, user
  // info, scheme), and region IDs are lower case, as hosts are made.
  return regions.map(region => ({region, registry: registryOf(value, region, true)}))
}

const API_ENDPOINT: UrlInput = {input: 'api-endpoint', host: 'API endpoint host', example: 'https://swr-api.cn-north-4.myhuaweicloud.com'}

/** The API base URL for a region: the 'api-endpoint' input (with {region} expanded) or the source's default. */
function endpoint(value: string, region: string, source: {defaultEndpoint(region: string): string}): URL {
  return serviceUrl(API_ENDPOINT, value, region, region => source.defaultEndpoint(region))
}

/**
 * One target per region, in order. `registry` and `apiEndpoint` are the trimmed inputs ('' when not given). Throws
 * UserError naming the input when they do not fit the regions or the credential source.
 */
export function buildTargets(provider: ProviderName, source: CredentialSource, regions: readonly string[], registry: string, apiEndpoint: string): Target[] {
  source.checkRegions?.(regions)
  const addresses = registries(registry, regions, source)
  for (const {registry: address} of addresses) source.checkRegistry?.(address)
  switch (source.kind) {
    case 'local':
      if (apiEndpoint !== '') {
        throw new UserError(`Input 'api-endpoint' is only used when the action calls a cloud API, and this login (${source.description}) ` + `needs none. Remove it.`)
      }
      return addresses.map(({region, registry: address}) => ({kind: 'local', provider, region, registry: address, source}))
    case 'api':
      return addresses.map(({region, registry: address}) => ({
        kind: 'api',
        provider,
        region,
        registry: address,
        source,
        endpoint: endpoint(apiEndpoint, region, source)
      }))
  }
}
