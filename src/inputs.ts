import * as os from 'node:os'
import * as path from 'node:path'
import {UserError} from './errors.js'
import {isRegistryPattern, registryForRegion, type RegistryAddress} from './registry.js'
import {swrDefaultRegistry} from './swr.js'

export type Provider = 'swr'
export type Engine = 'docker' | 'containerd'

/** Every input of the action, validated and typed. Nothing else in the action reads inputs. */
export interface Inputs {
  provider: Provider
  accessKeyId: string
  accessKeySecret: string
  /** Region IDs in the order given, without duplicates; at least one. */
  regions: string[]
  /** One address per region, same order. */
  registries: RegistryAddress[]
  /** 'auto' is resolved later, against what is on PATH. */
  engines: Engine[] | 'auto'
  /** Absolute path. */
  hostsDir: string
  logout: boolean
}

/** Reads an input by its action.yml name; `core.getInput` in the action, a table in tests. */
export type InputReader = (name: string) => string

const PROVIDERS: readonly Provider[] = ['swr']
const ENGINES: readonly Engine[] = ['docker', 'containerd']
const AK_RE = /^[A-Za-z0-9]+$/
// Shape, never a closed list: new regions (and sovereign ones such as tr-central-201) appear all the time.
const REGION_RE = /^[a-z]{2,}(?:-[a-z0-9]+)+$/

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

function emptySecretError(input: string, example: string): UserError {
  return new UserError(
    `Input '${input}' is empty. GitHub passes empty secrets to pull requests from forks, to Dependabot runs, and to ` +
      `reusable workflows called without 'secrets: inherit' (or without that secret in 'secrets:'). ` +
      `Check that the secret exists and reaches this job, e.g. '${input}: \${{ secrets.${example} }}'.`
  )
}

function parseProvider(value: string): Provider {
  const provider = (trimAscii(value) || 'swr').toLowerCase()
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new UserError(`Input 'provider' is '${trimAscii(value)}', which is not supported. Use one of: ${PROVIDERS.join(', ')}.`)
  }
  return provider as Provider
}

function parseAccessKeyId(value: string): string {
  const ak = trimAscii(value)
  if (ak === '') throw emptySecretError('access-key-id', 'HW_AK')
  // The value is never echoed: when AK and SK are swapped, this "AK" is the secret key.
  if (!AK_RE.test(ak)) {
    throw new UserError(
      `Input 'access-key-id' must contain only letters and digits, and it contains other characters. ` +
        `Pass the access key ID (AK), not the secret access key (SK): are the two inputs swapped?`
    )
  }
  return ak
}

function parseAccessKeySecret(value: string): string {
  const sk = trimAscii(value)
  if (sk === '') throw emptySecretError('access-key-secret', 'HW_SK')
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
    throw new UserError(`Input 'region' is required: give one or more SWR region IDs, e.g. 'cn-north-4' or 'cn-north-4, ap-southeast-3'.`)
  }
  for (const region of regions) {
    if (!REGION_RE.test(region)) {
      const hint = region !== region.toLowerCase() ? ' Region IDs are lower case.' : ''
      throw new UserError(
        `Input 'region' has '${region}', which is not a region ID.${hint} ` +
          `Expected lower-case words joined by hyphens, e.g. cn-north-4, ap-southeast-3, eu-west-101.`
      )
    }
  }
  return regions
}

function parseRegistries(value: string, regions: string[]): RegistryAddress[] {
  const registry = trimAscii(value)
  if (registry === '') {
    return regions.map(region => registryForRegion(swrDefaultRegistry(region), region))
  }
  if (regions.length > 1 && !isRegistryPattern(registry)) {
    throw new UserError(
      `Input 'registry' is one host, '${registry}', but 'region' lists ${regions.length} regions. ` +
        `Put '{region}' where the region goes, e.g. 'swr.{region}.example.com', or leave 'registry' out to use the SWR default for each region.`
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

/**
 * Reads, trims and validates every input before the action does anything, so that a bad value fails the step with a
 * message naming the input and no side effect has happened. `mask` receives the secret key as soon as it is read.
 * Throws UserError.
 */
export function getInputs(read: InputReader, mask: (secret: string) => void, env: NodeJS.ProcessEnv = process.env): Inputs {
  // The secret first, and masked at once: the runner masks the secret as stored, which may differ from the trimmed
  // value by a newline, and an error about a later input must not be printed before the secret is masked.
  const accessKeySecret = parseAccessKeySecret(read('access-key-secret'))
  mask(accessKeySecret)
  const provider = parseProvider(read('provider'))
  const accessKeyId = parseAccessKeyId(read('access-key-id'))
  const regions = parseRegions(read('region'))
  const registries = parseRegistries(read('registry'), regions)
  const engines = parseEngines(read('engine'))
  const hostsDir = parseHostsDir(read('hosts-dir'), env)
  const logout = parseBoolean('logout', read('logout'), true)
  return {provider, accessKeyId, accessKeySecret, regions, registries, engines, hostsDir, logout}
}
