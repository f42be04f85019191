import {cut, quote, UserError} from './errors.js'
import type {CredentialSource, ProviderName, Target} from './providers/provider.js'
import {isRegistryPattern, registryForRegion, schemeTypo, type RegistryAddress} from './registry.js'

// From the regions and the `registry` and `api-endpoint` inputs to one self-contained target per region: where to log
// in, and (for a credential from an API) where to ask for it.

// A region of ordinary length, to tell whether a host made from a region fails because of the region or of the rest.
const SAMPLE_REGION = 'cn-north-4'

/**
 * The error for a region that makes a host invalid. Inputs check a region's shape (lower case words joined by
 * hyphens), not its length; a DNS name allows 63 characters between dots and 253 in all.
 */
function regionTooLong(region: string, what: string, host: string): UserError {
  return new UserError(
    `Input 'region' has ${quote(region, 80)}, which is too long to be part of a host name: the ${what} made from it ` +
      `would be ${quote(host, 120)}, and a host name allows at most 63 characters between dots (253 in all). Use a ` +
      `region ID from the cloud's list, e.g. '${SAMPLE_REGION}'.`
  )
}

/** Whether a host name's labels and length fit DNS. */
function fitsDns(host: string): boolean {
  return host.length <= 253 && host.split('.').every(label => label.length <= 63)
}

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

function registries(value: string, regions: readonly string[], source: CredentialSource): RegistryAddress[] {
  if (value === '') return regions.map(region => registryOf(source.defaultRegistry(region), region, false))
  if (regions.length > 1 && !isRegistryPattern(value)) {
    throw new UserError(
      `Input 'registry' is one host, ${quote(value, 200)}, but 'region' lists ${regions.length} regions. ` +
        `Put '{region}' where the region goes, e.g. 'swr.{region}.example.com', or leave 'registry' out to use the default for each region.`
    )
  }
  // Distinct regions give distinct hosts: parseRegistry rejects '{region}' anywhere but in the host (path, port, user
  // info, scheme), and region IDs are lower case, as hosts are made.
  return regions.map(region => registryOf(value, region, true))
}

/** An endpoint input for a message: cut, and without user info (it could hold a password). */
function shown(value: string): string {
  return cut(value.replace(/\/\/[^/?#]*@/, '//***@'), 200)
}

/** Whether a URL's host is this machine's loopback, where plain HTTP never crosses a network (a local proxy, a fake). */
export function isLoopbackHost(hostname: string): boolean {
  return /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])$/.test(hostname)
}

/** An input that names a service's base URL, for the messages about it. */
export interface UrlInput {
  /** Its name: 'api-endpoint'. */
  input: string
  /** What the host is, for a region too long to be part of one: 'API endpoint host'. */
  host: string
  /** A URL of the right form, for a value that is not a URL. */
  example: string
}

/**
 * The base URL of a service in a region: `value` (the input, with {region} expanded) or, when it is empty, `fallback`
 * for the region. Throws UserError naming the input.
 */
export function serviceUrl({input, host, example}: UrlInput, value: string, region: string, fallback: (region: string) => string): URL {
  // Before parsing: the URL parser would take 'https:/host' as https://host, and a typo deserves to be named.
  const typo = schemeTypo(input, value)
  if (typo !== undefined) throw typo
  const text = value === '' ? fallback(region) : value.split('{region}').join(region)
  // Checked before parsing: a URL turns braces in a path into %7B and %7D.
  if (/[{}]/.test(text)) throw new UserError(`Input '${input}' has a placeholder other than {region}: ${quote(shown(value), 200)}.`)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UserError(`Input '${input}' is not a URL: ${quote(shown(value), 200)}. Expected https://host[:port], e.g. ${example}.`)
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw new UserError(`Input '${input}' must be an https:// (or http://) URL without user info, query or fragment: ${quote(shown(value), 200)}.`)
  }
  // The URL parser takes names of any length; the lookup would then fail with a message about the network.
  if (!fitsDns(url.hostname)) {
    const withSample = value === '' ? '' : value.split('{region}').join(SAMPLE_REGION)
    if (value === '' || (withSample !== value && URL.canParse(withSample) && fitsDns(new URL(withSample).hostname))) {
      throw regionTooLong(region, host, url.hostname)
    }
    throw new UserError(
      `Input '${input}' has a host name that is too long: ${quote(url.hostname, 120)} (a host name allows at most 63 ` +
        `characters between dots, 253 in all).`
    )
  }
  return url
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
