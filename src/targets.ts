import {UserError} from './errors.js'
import type {CredentialSource, ProviderName, Target} from './providers/provider.js'
import {isRegistryPattern, registryForRegion, type RegistryAddress} from './registry.js'

// From the regions and the `registry` and `api-endpoint` inputs to one self-contained target per region: where to log
// in, and (for a credential from an API) where to ask for it.

function registries(value: string, regions: readonly string[], source: CredentialSource): RegistryAddress[] {
  if (value === '') return regions.map(region => registryForRegion(source.defaultRegistry(region), region))
  if (regions.length > 1 && !isRegistryPattern(value)) {
    throw new UserError(
      `Input 'registry' is one host, '${value}', but 'region' lists ${regions.length} regions. ` +
        `Put '{region}' where the region goes, e.g. 'swr.{region}.example.com', or leave 'registry' out to use the default for each region.`
    )
  }
  // Distinct regions give distinct hosts: parseRegistry rejects '{region}' anywhere but in the host (path, port, user
  // info, scheme), and region IDs are lower case, as hosts are made.
  return regions.map(region => registryForRegion(value, region))
}

/** The API base URL for a region: the input (with {region} expanded) or the source's default. */
function endpoint(value: string, region: string, source: {defaultEndpoint(region: string): string}): URL {
  const text = value === '' ? source.defaultEndpoint(region) : value.split('{region}').join(region)
  // Checked before parsing: a URL turns braces in a path into %7B and %7D.
  if (/[{}]/.test(text)) throw new UserError(`Input 'api-endpoint' has a placeholder other than {region}: '${value}'.`)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UserError(`Input 'api-endpoint' is not a URL: '${value}'. Expected https://host[:port], e.g. https://swr-api.cn-north-4.myhuaweicloud.com.`)
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw new UserError(`Input 'api-endpoint' must be an https:// (or http://) URL without user info, query or fragment: '${value}'.`)
  }
  return url
}

/**
 * One target per region, in order. `registry` and `apiEndpoint` are the trimmed inputs ('' when not given). Throws
 * UserError naming the input when they do not fit the regions or the credential source.
 */
export function buildTargets(
  provider: ProviderName,
  source: CredentialSource,
  regions: readonly string[],
  registry: string,
  apiEndpoint: string
): Target[] {
  source.checkRegions?.(regions)
  const addresses = registries(registry, regions, source)
  for (const address of addresses) source.checkRegistry?.(address)
  switch (source.kind) {
    case 'local':
      if (apiEndpoint !== '') {
        throw new UserError(
          `Input 'api-endpoint' is only used when the action calls a cloud API, and this login (${source.description}) ` +
            `needs none. Remove it.`
        )
      }
      return regions.map((region, i) => ({kind: 'local', provider, region, registry: addresses[i], source}))
    case 'api':
      return regions.map((region, i) => ({
        kind: 'api',
        provider,
        region,
        registry: addresses[i],
        source,
        endpoint: endpoint(apiEndpoint, region, source)
      }))
  }
}
