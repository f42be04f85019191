import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {type Mask} from './credential.js'
import type {DockerConfigDirChoice} from './config-dir/index.js'
import type {EngineName} from './engines/engine.js'
import {ENGINE_NAMES} from './engines/index.js'
import {quote, UserError} from './errors.js'
import {INPUT} from './names.js'
import {CONTROL, PATH_MAX} from './limits.js'
import type {AuthInputs} from './providers/auth-inputs.js'
import {DEFAULT_PROVIDER, PROVIDERS} from './providers/index.js'
import type {CredentialSource, Provider, ProviderName, Target} from './providers/provider.js'
import {regionWarnings} from './region-hints.js'
import {isLoopbackHost} from './service-url.js'
import {buildTargets} from './targets.js'

/** Every input of the action, validated and typed. Nothing else in the action reads inputs. */
export interface Inputs {
  provider: ProviderName
  /** How credentials are obtained, as the provider read it from its auth inputs. */
  source: CredentialSource
  /** One per region, in the order given, without duplicates; at least one. */
  targets: Target[]
  /** 'auto' is resolved later, against what is on PATH. */
  engines: EngineName[] | 'auto'
  /** Absolute path; undefined when not given (the default is placesFor's to choose). */
  hostsDir: string | undefined
  /** Which Docker config directory the logins go to (config-dir/ sets it up). */
  dockerConfigDir: DockerConfigDirChoice
  logout: boolean
}

/** The inputs, and what about them deserves a warning (they work, but are unwise). */
export interface ParsedInputs {
  inputs: Inputs
  warnings: string[]
}

/** Reads an input by its action.yml name; `core.getInput` in the action, a table in tests. */
export type InputReader = (name: string) => string

// Shape, never a closed list: new regions (and sovereign ones such as tr-central-201) appear all the time.
const REGION_RE = /^[a-z]{2,}(?:-[a-z0-9]+)+$/
// A region is one label of its registry's host name (swr.<region>.…), and a DNS label has at most 63 characters.
const REGION_MAX = 63

// Far above any real API base URL (a scheme, a host of at most 253 characters, a port, a short path), and short enough
// that every request and message built from it stays small.
const URL_MAX = 2048

/**
 * The inputs that name one thing (a path, a host, a user, a URL, an ID, a word) and so can never hold a line break or
 * a control character, and what each names, for the error. Such a value is refused before anything is printed about
 * it: a line break in it would otherwise put lines of its choosing (workflow commands among them) into the log.
 * 'region' and 'engine' are lists, whose items may be separated by line breaks: their items are checked instead.
 * The secret inputs are not listed: they are never printed, and each provider checks its own.
 */
const ONE_LINE: Partial<Record<keyof typeof INPUT, string>> = {
  provider: 'a provider name',
  accessKeyId: 'an access key ID',
  loginType: 'a login type',
  duration: 'a duration',
  instanceId: 'an instance ID',
  username: 'a user name',
  oidcProvider: 'an OIDC provider',
  roleToAssume: 'a role or agency',
  audience: 'an audience',
  roleSessionName: 'a session name',
  stsEndpoint: 'a URL',
  registry: 'a registry address',
  apiEndpoint: 'a URL',
  hostsDir: 'a directory path',
  dockerConfigDir: "'isolated' or a directory path",
  logout: "'true' or 'false'"
}

/**
 * The secret inputs, with the fewest characters each can hold and what it holds, for the error. Far below any real
 * value: a shorter one is a placeholder or the wrong secret, and masking it would blank its characters everywhere in
 * the log (see MIN_MASK).
 */
const SECRET_MIN = {
  accessKeySecret: {min: 16, holds: "a secret access key (Alibaba Cloud's have 30 characters, Huawei Cloud's 40)"},
  securityToken: {min: 16, holds: 'an STS security token (they have hundreds of characters)'},
  password: {min: 8, holds: "ACR's fixed access password (it has 8 to 32 characters)"}
} as const

/**
 * Trims what people paste around values: spaces, tabs and line breaks (a secret copied with a trailing newline is the
 * usual case). Only ASCII whitespace, so that nothing a vendor could put inside a value is touched.
 */
function trimAscii(value: string): string {
  return value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
}

function describeControl(char: string): string {
  if (char === '\n') return 'a line break (\\n)'
  if (char === '\r') return 'a carriage return (\\r)'
  if (char === '\t') return 'a tab (\\t)'
  return `a control character (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`
}

/** Refuses a value with a control character in it, naming the input and the character, never showing the value. */
function refuseControl(input: string, value: string, what: string, item = false): void {
  const found = CONTROL.exec(value)
  if (!found) return
  throw new UserError(
    `Input '${input}' contains ${describeControl(found[0])} at character ${found.index + 1}${item ? ' of one of its items' : ''}, ` +
      `and ${what} never does. Check its value in the workflow (a '|' block or a secret with a line break in it, say).`
  )
}

/** Splits a comma- or newline-separated list, trims each item, drops blanks and duplicates, keeps order. */
export function parseList(value: string): string[] {
  const items = value
    .split(/[,\n]/)
    .map(trimAscii)
    .filter(item => item.length > 0)
  return [...new Set(items)]
}

function parseProvider(value: string, providers: Record<ProviderName, Provider>): Provider {
  const name = (value || DEFAULT_PROVIDER).toLowerCase()
  if (!Object.hasOwn(providers, name)) {
    throw new UserError(`Input 'provider' is ${quote(value)}, which is not supported. Use one of: ${Object.keys(providers).join(', ')}.`)
  }
  return providers[name as ProviderName]
}

function parseRegions(value: string): string[] {
  const regions = parseList(value)
  if (regions.length === 0) {
    throw new UserError(`Input 'region' is required: give one or more region IDs, e.g. 'cn-north-4' or 'cn-north-4, ap-southeast-3' ` + `(SWR), 'cn-hangzhou' (ACR).`)
  }
  for (const region of regions) {
    refuseControl(INPUT.region, region, 'a region ID', true)
    if (region.length > REGION_MAX) {
      throw new UserError(
        `Input 'region' has an item of ${region.length} characters, ${quote(region)}, which is not a region ID: a region ` +
          `ID is short (cn-north-4, ap-southeast-3) and at most ${REGION_MAX} characters, as it is part of the registry's host name.`
      )
    }
    if (!REGION_RE.test(region)) {
      const hint = region !== region.toLowerCase() ? ' Region IDs are lower case.' : ''
      throw new UserError(
        `Input 'region' has ${quote(region)}, which is not a region ID.${hint} ` + `Expected lower-case words joined by hyphens, e.g. cn-north-4, eu-west-101, cn-hangzhou.`
      )
    }
  }
  return regions
}

function parseEngines(value: string): EngineName[] | 'auto' {
  const items = parseList(value.toLowerCase())
  for (const item of items) refuseControl(INPUT.engine, item, 'an engine name', true)
  if (items.length === 0 || (items.length === 1 && items[0] === 'auto')) return 'auto'
  if (items.includes('auto')) {
    throw new UserError(`Input 'engine' is ${quote(trimAscii(value))}: 'auto' stands alone. Either use 'auto', or list the engines: ${ENGINE_NAMES.join(', ')}.`)
  }
  for (const item of items) {
    if (!(ENGINE_NAMES as readonly string[]).includes(item)) {
      throw new UserError(`Input 'engine' has ${quote(item)}, which is not supported. Use 'auto', or a comma-separated list of: ${ENGINE_NAMES.join(', ')}.`)
    }
  }
  if (items.includes('docker') && items.includes('docker-config')) {
    // Both would write the same login into the same file: one proves it with docker, the other without.
    throw new UserError(
      `Input 'engine' has both docker and docker-config, which write the same login into the same Docker config file. ` +
        `Use docker where a docker CLI is on PATH, docker-config where there is none.`
    )
  }
  return items as EngineName[]
}

function parseBoolean(input: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  // The YAML 1.2 core schema booleans, as core.getBooleanInput accepts them.
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UserError(`Input '${input}' is ${quote(value)}; use 'true' or 'false'.`)
}

/** An absolute path; undefined for the default, which placesFor decides (it may be a private directory to create). */
function parseHostsDir(dir: string): string | undefined {
  return dir === '' ? undefined : absoluteDir(INPUT.hostsDir, dir)
}

/** 'isolated', a directory path (made absolute), or the default (empty). */
function parseDockerConfigDir(value: string): DockerConfigDirChoice {
  if (value === '') return {kind: 'default'}
  if (value === 'isolated') return {kind: 'isolated'}
  if (value.toLowerCase() === 'isolated') {
    throw new UserError(
      `Input '${INPUT.dockerConfigDir}' is ${quote(value)}: write 'isolated' in lower case for a directory of the job's ` +
        `own, or './${value}' for a directory of that name.`
    )
  }
  return {kind: 'path', dir: absoluteDir(INPUT.dockerConfigDir, value)}
}

/** A directory input made absolute (~ is the home directory; relative to the working directory), of at most PATH_MAX. */
function absoluteDir(input: string, dir: string): string {
  const expanded = dir === '~' || dir.startsWith('~/') ? path.join(os.homedir(), dir.slice(1)) : dir
  const resolved = path.resolve(expanded)
  if (resolved.length > PATH_MAX) {
    throw new UserError(
      `Input '${input}' is a path of ${resolved.length} characters (${quote(resolved)}, made absolute), and a path has at ` +
        `most ${PATH_MAX} (PATH_MAX). Use a shorter directory path.`
    )
  }
  return resolved
}

/** A URL input ('api-endpoint', 'sts-endpoint'), refused when longer than any URL it could be; never quoted (it may hold user info). */
function checkUrlLength(input: string, value: string): string {
  if (value.length > URL_MAX) {
    throw new UserError(
      `Input '${input}' is ${value.length} characters long, and a service's base URL (https://host[:port][/path]) has at ` +
        `most ${URL_MAX} here. Check its value in the workflow.`
    )
  }
  return value
}

/** `dir` with every link followed, as far as it exists; the part that does not exist yet appended as it is. */
function realPath(dir: string): string {
  const rest: string[] = []
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      return path.join(fs.realpathSync(at), ...rest)
    } catch {
      if (path.dirname(at) === at) return dir
      rest.unshift(path.basename(at))
    }
  }
}

/** What is legal but unwise: credential files in the workspace, a signed API call over plain HTTP. */
function warningsFor(inputs: Inputs, env: NodeJS.ProcessEnv): string[] {
  const warnings: string[] = []
  const workspace = env.GITHUB_WORKSPACE
  // Real paths, not strings: a link into the workspace (or a workspace reached through a link) counts as inside it.
  const inWorkspace = (dir: string | undefined): dir is string =>
    workspace !== undefined && workspace !== '' && dir !== undefined && (realPath(dir) + path.sep).startsWith(realPath(path.resolve(workspace)) + path.sep)
  if (inWorkspace(inputs.hostsDir)) {
    warnings.push(
      `'hosts-dir' is ${quote(inputs.hostsDir)}, inside the workspace: credential files there can end up in images, caches ` +
        `and artifacts. Prefer a directory under RUNNER_TEMP (the default) or /etc/containerd/certs.d.`
    )
  }
  const configDir = inputs.dockerConfigDir.kind === 'path' ? inputs.dockerConfigDir.dir : undefined
  if (inWorkspace(configDir)) {
    warnings.push(
      `'${INPUT.dockerConfigDir}' is ${quote(configDir)}, inside the workspace: the Docker config there holds the logins, ` +
        `and can end up in images, caches and artifacts. Prefer 'isolated' (a directory under RUNNER_TEMP).`
    )
  }
  const plain = inputs.targets.find(t => t.kind === 'api' && t.endpoint.protocol === 'http:' && !isLoopbackHost(t.endpoint.hostname))
  if (plain?.kind === 'api') {
    warnings.push(
      `'api-endpoint' ${plain.endpoint.origin} is plain HTTP: the key pair's signature, the security token and the ` +
        `credential that comes back cross the network unencrypted. Use https://.`
    )
  }
  return warnings
}

/**
 * Reads, trims and validates every input before the action does anything, so that a bad value fails the step with a
 * message naming the input and no side effect has happened. `mask` receives every secret input (secret key, security
 * token, password) as soon as it is read, before anything about any input can be printed. The provider named by
 * 'provider' reads the auth inputs. Throws UserError.
 */
export function getInputs(read: InputReader, mask: Mask, env: NodeJS.ProcessEnv = process.env, providers: Record<ProviderName, Provider> = PROVIDERS): ParsedInputs {
  const input = (name: string): string => trimAscii(read(name))
  // The secrets first, and masked at once: the runner masks a secret as stored, which may differ from the trimmed
  // value by a newline, and an error about a later input must not be printed before they are masked.
  const accessKeySecret = input(INPUT.accessKeySecret)
  const securityToken = input(INPUT.securityToken)
  const password = input(INPUT.password)
  for (const secret of [accessKeySecret, securityToken, password]) if (secret !== '') mask(secret)
  // Then every one-line input, before any of them is used or printed.
  for (const [key, what] of Object.entries(ONE_LINE) as [keyof typeof INPUT, string][]) {
    const value = input(INPUT[key])
    // An access key ID with a line break in it is likely the whole key pair pasted in: masked, and never shown.
    if (key === 'accessKeyId' && CONTROL.test(value)) mask(value)
    refuseControl(INPUT[key], value, what)
  }

  const provider = parseProvider(input(INPUT.provider), providers)
  const auth: AuthInputs = {
    accessKeyId: input(INPUT.accessKeyId),
    accessKeySecret,
    securityToken,
    username: input(INPUT.username),
    password,
    loginType: input(INPUT.loginType),
    duration: input(INPUT.duration),
    instanceId: input(INPUT.instanceId),
    oidcProvider: input(INPUT.oidcProvider),
    roleToAssume: input(INPUT.roleToAssume),
    audience: input(INPUT.audience),
    roleSessionName: input(INPUT.roleSessionName),
    stsEndpoint: checkUrlLength(INPUT.stsEndpoint, input(INPUT.stsEndpoint))
  }
  const source = provider.credentialSource(auth, mask)
  const ignored = (Object.keys(auth) as (keyof AuthInputs)[]).find(name => auth[name] !== '' && !provider.accepts.includes(name))
  if (ignored !== undefined) throw new UserError(`Input '${INPUT[ignored]}' does not apply to provider ${provider.name}. Remove it.`)
  // A secret implausibly short for what it holds is refused, and never shown, once the provider has said which inputs
  // apply and how they go together (an empty one is the provider's to explain).
  const secrets = {accessKeySecret, securityToken, password}
  for (const key of Object.keys(SECRET_MIN) as (keyof typeof SECRET_MIN)[]) {
    const {min, holds} = SECRET_MIN[key]
    const {length} = secrets[key]
    if (length > 0 && length < min) {
      throw new UserError(
        `Input '${INPUT[key]}' is ${length} character${length === 1 ? '' : 's'} long, too short for ${holds}. Check the ` +
          `secret the workflow passes in it: it holds a placeholder, a value cut short or another secret.`
      )
    }
  }
  const regions = parseRegions(read(INPUT.region))
  const registry = input(INPUT.registry)
  const targets = buildTargets(provider.name, source, regions, registry, checkUrlLength(INPUT.apiEndpoint, input(INPUT.apiEndpoint)))
  const inputs: Inputs = {
    provider: provider.name,
    source,
    targets,
    engines: parseEngines(read(INPUT.engine)),
    hostsDir: parseHostsDir(input(INPUT.hostsDir)),
    dockerConfigDir: parseDockerConfigDir(input(INPUT.dockerConfigDir)),
    logout: parseBoolean(INPUT.logout, input(INPUT.logout), true)
  }
  const others = Object.values(providers).filter(other => other !== provider)
  return {inputs, warnings: [...regionWarnings(provider, others, targets, registry), ...warningsFor(inputs, env)]}
}
