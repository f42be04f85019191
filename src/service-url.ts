import {cut, quote, UserError} from './errors.js'
import {schemeTypo} from './registry.js'

// A service's base URL from an input that may hold '{region}' ('api-endpoint', 'sts-endpoint') or from the cloud's
// default for the region, and the checks that every host made from a region shares.

// A region of ordinary length, to tell whether a host made from a region fails because of the region or of the rest.
export const SAMPLE_REGION = 'cn-north-4'

/**
 * The error for a region that makes a host invalid. Inputs check a region's shape (lower case words joined by
 * hyphens), not its length; a DNS name allows 63 characters between dots and 253 in all.
 */
export function regionTooLong(region: string, what: string, host: string): UserError {
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
      `Input '${input}' has a host name that is too long: ${quote(url.hostname, 120)} (a host name allows at most 63 ` + `characters between dots, 253 in all).`
    )
  }
  return url
}
