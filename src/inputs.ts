import * as os from 'node:os'
import * as path from 'node:path'
import {acrApiEndpoint, acrDefaultRegistry} from './acr.js'
import {UserError} from './errors.js'
import {isRegistryPattern, registryForRegion, type RegistryAddress} from './registry.js'
import {swrApiEndpoint, swrDefaultRegistry} from './swr.js'

export type Provider = 'swr' | 'acr'
export type Engine = 'docker' | 'containerd'

/** How the credential is obtained: one case per provider and login type. */
export type Auth =
  /** SWR long-term login key, derived locally from the key pair (no API call). */
  | {kind: 'swr-long-term'; accessKeyId: string; accessKeySecret: string}
  /** SWR temporary login from the CreateSecret API. */
  | {kind: 'swr-temporary'; accessKeyId: string; accessKeySecret: string; securityToken?: string; durationSeconds?: number}
  /** ACR temporary token from the API: Personal Edition, or Enterprise Edition with an instance ID. */
  | {kind: 'acr-token'; accessKeyId: string; accessKeySecret: string; securityToken?: string; instanceId?: string}
  /** ACR fixed access password, set in the console. */
  | {kind: 'acr-password'; username: string; password: string}

/** Every input of the action, validated and typed. Nothing else in the action reads inputs. */
export interface Inputs {
  provider: Provider
  auth: Auth
  /** Region IDs in the order given, without duplicates; at least one. */
  regions: string[]
  /** One address per region, same order. */
  registries: RegistryAddress[]
  /** One cloud API base URL per region, same order; empty when the credential needs no API call. */
  apiEndpoints: URL[]
  /** 'auto' is resolved later, against what is on PATH. */
  engines: Engine[] | 'auto'
  /** Absolute path. */
  hostsDir: string
  logout: boolean
}

/** Reads an input by its action.yml name; `core.getInput` in the action, a table in tests. */
export type InputReader = (name: string) => string

const PROVIDERS: readonly Provider[] = ['swr', 'acr']
const ENGINES: readonly Engine[] = ['docker', 'containerd']
// Letters and digits; Alibaba's STS key IDs also have dots ("STS.NT…").
const AK_RE = /^[A-Za-z0-9.]+$/
// Shape, never a closed list: new regions (and sovereign ones such as tr-central-201) appear all the time.
const REGION_RE = /^[a-z]{2,}(?:-[a-z0-9]+)+$/
const INSTANCE_RE = /^cri-[a-z0-9]+$/
const DURATION_MIN_S = 15 * 60
const DURATION_MAX_S = 24 * 60 * 60

/**
 * Trims what people paste around values: spaces, tabs and line breaks (a secret copied with a trailing newline is the
 * usual case). Only ASCII whitespace, so that nothing a vendor could put inside a value is touched.
 */
function trimAscii(value: string): string {
  return value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
}

/** Splits a comma- or newline-separated list, trims each item, drops blanks and duplicates, keeps order. */
export function parseList(value: string): string[] {
  const items = value.split(/[,\n]/).map(trimAscii).filter(item => item.length > 0)
  return [...new Set(items)]
}

function emptySecretError(input: string, example: string, more = ''): UserError {
  return new UserError(
    `Input '${input}' is empty. GitHub passes empty secrets to pull requests from forks, to Dependabot runs, and to ` +
      `reusable workflows called without 'secrets: inherit' (or without that secret in 'secrets:'). ` +
      `Check that the secret exists and reaches this job, e.g. '${input}: \${{ secrets.${example} }}'.${more}`
  )
}

function parseProvider(value: string): Provider {
  const provider = (trimAscii(value) || 'swr').toLowerCase()
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new UserError(`Input 'provider' is '${trimAscii(value)}', which is not supported. Use one of: ${PROVIDERS.join(', ')}.`)
  }
  return provider as Provider
}

function checkAccessKeyId(ak: string, example: string, more = ''): string {
  if (ak === '') throw emptySecretError('access-key-id', example, more)
  // The value is never echoed: when AK and SK are swapped, this "AK" is the secret key.
  if (!AK_RE.test(ak)) {
    throw new UserError(
      `Input 'access-key-id' must contain only letters, digits and dots, and it contains other characters. ` +
        `Pass the access key ID (AK), not the secret access key (SK): are the two inputs swapped?`
    )
  }
  return ak
}

function checkAccessKeySecret(sk: string, example: string, more = ''): string {
  if (sk === '') throw emptySecretError('access-key-secret', example, more)
  if (/\s/.test(sk)) {
    throw new UserError(
      `Input 'access-key-secret' contains spaces or line breaks inside it. A secret access key has none: ` +
        `check that the secret holds only the SK.`
    )
  }
  return sk
}

function parseRegions(value: string): string[] {
  const regions = parseList(value)
  if (regions.length === 0) {
    throw new UserError(
      `Input 'region' is required: give one or more region IDs, e.g. 'cn-north-4' or 'cn-north-4, ap-southeast-3' ` +
        `(SWR), 'cn-hangzhou' (ACR).`
    )
  }
  for (const region of regions) {
    if (!REGION_RE.test(region)) {
      const hint = region !== region.toLowerCase() ? ' Region IDs are lower case.' : ''
      throw new UserError(
        `Input 'region' has '${region}', which is not a region ID.${hint} ` +
          `Expected lower-case words joined by hyphens, e.g. cn-north-4, eu-west-101, cn-hangzhou.`
      )
    }
  }
  return regions
}

function parseRegistries(value: string, regions: string[], provider: Provider, auth: Auth): RegistryAddress[] {
  const registry = trimAscii(value)
  if (registry === '') {
    if (auth.kind === 'acr-token' && auth.instanceId !== undefined) {
      // Never a guess (and never Docker Hub): an instance's domain cannot be derived from its ID.
      throw new UserError(
        `Input 'registry' is required with 'instance-id' (ACR Enterprise Edition): give the instance's domain, ` +
          `e.g. myinstance-registry.cn-hangzhou.cr.aliyuncs.com (console: the instance's Access Control page).`
      )
    }
    const host = provider === 'acr' ? acrDefaultRegistry : swrDefaultRegistry
    return regions.map(region => registryForRegion(host(region), region))
  }
  if (regions.length > 1 && !isRegistryPattern(registry)) {
    throw new UserError(
      `Input 'registry' is one host, '${registry}', but 'region' lists ${regions.length} regions. ` +
        `Put '{region}' where the region goes, e.g. 'swr.{region}.example.com', or leave 'registry' out to use the default for each region.`
    )
  }
  // Distinct regions give distinct hosts: parseRegistry rejects '{region}' anywhere but in the host (path, port, user
  // info, scheme), and region IDs are lower case, as hosts are made.
  return regions.map(region => registryForRegion(registry, region))
}

function parseEngines(value: string): Engine[] | 'auto' {
  const items = parseList(value.toLowerCase())
  if (items.length === 0 || (items.length === 1 && items[0] === 'auto')) return 'auto'
  if (items.includes('auto')) {
    throw new UserError(
      `Input 'engine' is '${trimAscii(value)}': 'auto' stands alone. Either use 'auto', or list the engines: ${ENGINES.join(', ')}.`
    )
  }
  for (const item of items) {
    if (!(ENGINES as readonly string[]).includes(item)) {
      throw new UserError(
        `Input 'engine' has '${item}', which is not supported. Use 'auto', or a comma-separated list of: ${ENGINES.join(', ')}.`
      )
    }
  }
  return items as Engine[]
}

function parseBoolean(input: string, value: string, fallback: boolean): boolean {
  const v = trimAscii(value)
  if (v === '') return fallback
  // The YAML 1.2 core schema booleans, as core.getBooleanInput accepts them.
  if (['true', 'True', 'TRUE'].includes(v)) return true
  if (['false', 'False', 'FALSE'].includes(v)) return false
  throw new UserError(`Input '${input}' is '${v}'; use 'true' or 'false'.`)
}

function parseHostsDir(value: string, env: NodeJS.ProcessEnv): string {
  const dir = trimAscii(value)
  if (dir !== '') {
    const expanded = dir === '~' || dir.startsWith('~/') ? path.join(os.homedir(), dir.slice(1)) : dir
    return path.resolve(expanded)
  }
  // Outside the workspace on purpose: credential files in the workspace end up in images and artifacts.
  return path.join(env.RUNNER_TEMP || os.tmpdir(), 'containerd', 'certs.d')
}

function parseLoginType(value: string): 'long-term' | 'temporary' | undefined {
  const v = trimAscii(value).toLowerCase()
  if (v === '') return undefined
  if (v === 'long-term' || v === 'temporary') return v
  throw new UserError(`Input 'login-type' is '${trimAscii(value)}'; use 'long-term' or 'temporary'.`)
}

/** `15m`, `2h`, `1h30m`, `90s`, or a plain number of seconds; between 15 minutes and 24 hours. */
export function parseDuration(value: string): number | undefined {
  const v = trimAscii(value).toLowerCase()
  if (v === '') return undefined
  const bad = (why: string): UserError =>
    new UserError(`Input 'duration' is '${trimAscii(value)}': ${why}. Use a time like 15m, 2h or 24h (15 minutes to 24 hours).`)
  let seconds: number
  if (/^\d+$/.test(v)) {
    seconds = Number(v)
  } else {
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(v)
    if (!m) throw bad('not a duration')
    seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)
  }
  if (seconds < DURATION_MIN_S) throw bad('shorter than SWR allows')
  if (seconds > DURATION_MAX_S) throw bad('longer than SWR allows')
  return seconds
}

function parseInstanceId(value: string): string | undefined {
  const v = trimAscii(value)
  if (v === '') return undefined
  if (!INSTANCE_RE.test(v)) {
    throw new UserError(
      `Input 'instance-id' is '${v}', which is not an ACR Enterprise Edition instance ID. It looks like cri-xxxxxxxxxxxxxxxx ` +
        `(console: Container Registry, Instances).`
    )
  }
  return v
}

function parseApiEndpoints(value: string, regions: string[], auth: Auth): URL[] {
  const raw = trimAscii(value)
  const callsApi = auth.kind === 'swr-temporary' || auth.kind === 'acr-token'
  if (!callsApi) {
    if (raw !== '') {
      throw new UserError(
        `Input 'api-endpoint' is only used when the action calls a cloud API ('login-type: temporary' with provider ` +
          `swr, or provider acr with an access key pair); this login needs none. Remove it.`
      )
    }
    return []
  }
  return regions.map(region => {
    const text = raw === '' ? (auth.kind === 'acr-token' ? acrApiEndpoint(region) : swrApiEndpoint(region)) : raw.split('{region}').join(region)
    // Checked before parsing: a URL turns braces in a path into %7B and %7D.
    if (/[{}]/.test(text)) throw new UserError(`Input 'api-endpoint' has a placeholder other than {region}: '${raw}'.`)
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw new UserError(`Input 'api-endpoint' is not a URL: '${raw}'. Expected https://host[:port], e.g. https://swr-api.cn-north-4.myhuaweicloud.com.`)
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
      throw new UserError(
        `Input 'api-endpoint' must be an https:// (or http://) URL without user info, query or fragment: '${raw}'.`
      )
    }
    return url
  })
}

/**
 * Works out how the credential is obtained, from the provider, the login type and which secrets are given, and
 * checks that every input given applies to it.
 */
function parseAuth(
  provider: Provider,
  values: {ak: string; sk: string; token: string; username: string; password: string; loginType: string; duration: string; instanceId: string}
): Auth {
  const loginType = parseLoginType(values.loginType)
  const durationSeconds = parseDuration(values.duration)
  const instanceId = parseInstanceId(values.instanceId)
  const securityToken = values.token === '' ? undefined : values.token
  const passwordGiven = values.username !== '' || values.password !== ''

  if (provider === 'swr') {
    if (passwordGiven) {
      throw new UserError(
        `Inputs 'username' and 'password' are for provider acr (its fixed access password); SWR logs in with ` +
          `'access-key-id' and 'access-key-secret'.`
      )
    }
    if (instanceId !== undefined) throw new UserError(`Input 'instance-id' is for provider acr (an ACR Enterprise Edition instance); remove it for SWR.`)
    const accessKeySecret = checkAccessKeySecret(values.sk, 'HW_SK')
    const accessKeyId = checkAccessKeyId(values.ak, 'HW_AK')
    if (loginType === 'temporary') return {kind: 'swr-temporary', accessKeyId, accessKeySecret, securityToken, durationSeconds}
    if (securityToken !== undefined) {
      throw new UserError(
        `Input 'security-token' needs 'login-type: temporary' with provider swr: a temporary key pair cannot give the ` +
          `long-term login key. Add 'login-type: temporary'.`
      )
    }
    if (durationSeconds !== undefined) {
      throw new UserError(`Input 'duration' applies to 'login-type: temporary' (the long-term key does not expire). Add 'login-type: temporary' or remove 'duration'.`)
    }
    return {kind: 'swr-long-term', accessKeyId, accessKeySecret}
  }

  if (durationSeconds !== undefined) {
    throw new UserError(`Input 'duration' applies to provider swr; ACR decides its tokens' lifetime (1 hour, or the STS token's). Remove it.`)
  }
  const keyPairGiven = values.ak !== '' || values.sk !== ''
  if (passwordGiven) {
    if (keyPairGiven) {
      throw new UserError(
        `Give either 'access-key-id' and 'access-key-secret' (for a temporary token) or 'username' and 'password' ` +
          `(the fixed access password), not both.`
      )
    }
    if (values.password === '') throw emptySecretError('password', 'ACR_PASSWORD')
    if (values.username === '') throw emptySecretError('username', 'ACR_USERNAME', ` With 'password', ACR needs the login name too.`)
    if (loginType === 'temporary') {
      throw new UserError(`'login-type: temporary' needs an access key pair; 'username' and 'password' give the fixed access password. Remove 'login-type' or use the key pair.`)
    }
    if (securityToken !== undefined) throw new UserError(`Input 'security-token' goes with an access key pair, not with 'username' and 'password'. Remove it.`)
    if (instanceId !== undefined) {
      throw new UserError(`Input 'instance-id' is for requesting a temporary token; with 'username' and 'password', give the instance's domain in 'registry' instead.`)
    }
    return {kind: 'acr-password', username: values.username, password: values.password}
  }
  const more = ` With provider acr, give either 'access-key-id' and 'access-key-secret' (temporary token) or 'username' and 'password' (fixed password).`
  const accessKeySecret = checkAccessKeySecret(values.sk, 'ALIYUN_SK', more)
  const accessKeyId = checkAccessKeyId(values.ak, 'ALIYUN_AK', more)
  if (loginType === 'long-term') {
    throw new UserError(
      `ACR gives only temporary tokens for an access key pair, so 'login-type: long-term' cannot be met. For a login that ` +
        `lasts, use the fixed access password ('username' and 'password'); otherwise remove 'login-type'.`
    )
  }
  return {kind: 'acr-token', accessKeyId, accessKeySecret, securityToken, instanceId}
}

/**
 * Reads, trims and validates every input before the action does anything, so that a bad value fails the step with a
 * message naming the input and no side effect has happened. `mask` receives every secret input (secret key, security
 * token, password) as soon as it is read, before anything about any input can be printed. Throws UserError.
 */
export function getInputs(read: InputReader, mask: (secret: string) => void, env: NodeJS.ProcessEnv = process.env): Inputs {
  // The secrets first, and masked at once: the runner masks a secret as stored, which may differ from the trimmed
  // value by a newline, and an error about a later input must not be printed before they are masked.
  const sk = trimAscii(read('access-key-secret'))
  const token = trimAscii(read('security-token'))
  const password = trimAscii(read('password'))
  for (const secret of [sk, token, password]) if (secret !== '') mask(secret)

  const provider = parseProvider(read('provider'))
  const auth = parseAuth(provider, {
    ak: trimAscii(read('access-key-id')),
    sk,
    token,
    username: trimAscii(read('username')),
    password,
    loginType: read('login-type'),
    duration: read('duration'),
    instanceId: read('instance-id')
  })
  const regions = parseRegions(read('region'))
  if (auth.kind === 'acr-token' && auth.instanceId !== undefined && regions.length > 1) {
    throw new UserError(`Input 'instance-id' names one instance, which lives in one region, but 'region' lists ${regions.length}. List its region only.`)
  }
  const registries = parseRegistries(read('registry'), regions, provider, auth)
  if (auth.kind === 'acr-token' && auth.instanceId === undefined) {
    const enterprise = registries.find(r => /-registry(?:-vpc)?\.[a-z0-9-]+\.cr\.aliyuncs\.com(?::\d+)?$/.test(r.host))
    if (enterprise) {
      throw new UserError(
        `Input 'registry' (${enterprise.host}) is an ACR Enterprise Edition domain, and an Enterprise token needs ` +
          `'instance-id' (cri-…, console: Instances). Without it the action would ask for a Personal Edition token, which that registry refuses.`
      )
    }
  }
  const apiEndpoints = parseApiEndpoints(read('api-endpoint'), regions, auth)
  const engines = parseEngines(read('engine'))
  const hostsDir = parseHostsDir(read('hosts-dir'), env)
  const logout = parseBoolean('logout', read('logout'), true)
  return {provider, auth, regions, registries, apiEndpoints, engines, hostsDir, logout}
}
