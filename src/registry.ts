import {quote, UserError} from './errors.js'

/** Where a registry is reached: the scheme containerd must use, and the host[:port] Docker and the outputs use. */
export interface RegistryAddress {
  scheme: 'https' | 'http'
  /** `host` or `host:port`, lower-cased, no scheme: the name in `docker login`, image references and hosts.toml dirs. */
  host: string
}

const REGION_PLACEHOLDER = '{region}'
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const HOST_RE = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`)

/** Whether a `registry` value is a pattern to be expanded once per region. */
export function isRegistryPattern(value: string): boolean {
  return value.includes(REGION_PLACEHOLDER)
}

/**
 * The error for an http:// or https:// value with other than two slashes after the scheme ('http:/host',
 * 'https:host', 'https:///host', 'https:\\host'), naming the typo and the fix; undefined for any other value. A URL
 * parser would guess the host silently, and the registry's check would call the rest a path. User info is not shown.
 */
export function schemeTypo(input: string, value: string): UserError | undefined {
  const m = /^(https?):([/\\]*)(.*)$/is.exec(value)
  if (!m || m[2] === '//') return undefined
  const [, scheme = '', slashes = '', rest = ''] = m
  // 'http:5000' is a host named http and a port, if anything: not this typo.
  if (slashes === '' && /^\d*$/.test(rest)) return undefined
  const what = slashes.includes('\\') ? 'a backslash' : slashes === '' ? 'no slash' : slashes === '/' ? 'one slash' : `${slashes.length} slashes`
  const hidden = rest.replace(/^[^/?#]*@/, '***@')
  return new UserError(`Input '${input}': ${quote(`${scheme}:${slashes}${hidden}`)} has ${what} after the scheme: write ${quote(`${scheme}://${hidden}`)}.`)
}

/**
 * Turns the `registry` input (for one region: `{region}` already replaced) into an address, or throws a UserError
 * that says what is wrong with it. Accepted: `host`, `host:port`, either with `https://` or `http://` in front and an
 * optional trailing slash. Rejected: paths (the organization belongs in the image name), user info (credentials come
 * from the action's credential inputs), spaces, other schemes, and anything that is not a DNS name or IPv4 address.
 */
export function parseRegistry(value: string, input = 'registry'): RegistryAddress {
  const bad = (why: string): UserError =>
    new UserError(
      `Input '${input}' is not a registry host (${why}): ${quote(value)}. ` +
        `Expected host or host:port, optionally with https:// or http:// in front, e.g. swr.cn-north-4.myhuaweicloud.com.`
    )

  let rest = value.trim()
  const typo = schemeTypo(input, rest)
  if (typo !== undefined) throw typo
  if (/\s/.test(rest)) throw bad('it contains spaces')
  let scheme: RegistryAddress['scheme'] = 'https'
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest)
  if (schemeMatch) {
    const [matched, given = ''] = schemeMatch
    const s = given.toLowerCase()
    if (s !== 'https' && s !== 'http') throw bad(`scheme ${quote(given)} is not supported, only https:// or http://`)
    scheme = s
    rest = rest.slice(matched.length)
  }
  if (rest.endsWith('/')) rest = rest.slice(0, -1)
  if (rest === '') throw bad('there is no host')
  if (rest.includes('@')) throw bad(`user info is not allowed: the credentials come from the action's credential inputs`)
  if (rest.includes('/')) {
    throw bad('a path is not allowed: put the organization in the image name, <registry>/<organization>/<image>')
  }
  if (/[?#]/.test(rest)) throw bad('a query or fragment is not allowed')
  if (rest.startsWith('[')) throw bad('IPv6 literal addresses are not supported: use a host name')
  // Patterns are expanded before they get here, so any brace left is a placeholder we do not know ({Region}, {project}).
  if (/[{}]/.test(rest)) throw bad(`the only placeholder is ${REGION_PLACEHOLDER}`)

  const hostPort = /^([^:]+)(?::(\d+))?$/.exec(rest)
  if (!hostPort) throw bad('expected at most one ":port"')
  const [, hostGiven = '', port] = hostPort
  const host = hostGiven.toLowerCase()
  if (host.length > 253 || !HOST_RE.test(host)) throw bad(`${quote(hostGiven)} is not a valid host name`)
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535 || port.length > 5)) {
    throw bad(`port ${port} is out of range`)
  }
  return {scheme, host: port === undefined ? host : `${host}:${Number(port)}`}
}

/** Expands `{region}` (every occurrence) and parses the result. */
export function registryForRegion(pattern: string, region: string): RegistryAddress {
  return parseRegistry(pattern.split(REGION_PLACEHOLDER).join(region))
}

/**
 * Whether `value` is a registry host exactly as parseRegistry writes it (lower case, no scheme, no path): what the
 * engines check a host read back from saved state against, before it names a file or goes on a command line.
 */
export function isRegistryHost(value: string): boolean {
  try {
    return parseRegistry(value).host === value
  } catch {
    return false
  }
}

/** The URL containerd uses for the registry: scheme, host, no trailing slash. */
export function registryUrl(address: RegistryAddress): string {
  return `${address.scheme}://${address.host}`
}
