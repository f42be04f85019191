import {randomBytes} from 'node:crypto'
import * as os from 'node:os'
import type {LoginCredential} from '../credential.js'
import type {LockOptions} from '../lock.js'
import {UserError} from '../errors.js'
import {pathFor} from '../platform.js'
import type {RetryPolicy} from '../retry.js'
import {containerdEngine} from './containerd.js'
import {dockerConfigDir, dockerEngine} from './docker.js'
import {dockerConfigEngine} from './docker-config-engine.js'
import {authFilePath, podmanEngine} from './podman.js'

// The other axis of growth: where a credential goes. An engine logs in with a neutral credential, returns a record of
// exactly what it changed, undoes such a record, and recognises its own records when post reads them back. It knows
// nothing of providers: it reports the kind of a failure (see failure.ts) and the provider says what to do about it.

/** The values of the `engine` input. Adding one here makes the compiler ask for its entry in ENGINES. */
export type EngineName = 'docker' | 'containerd' | 'docker-config' | 'podman'

/** The places main fixes for the engines and saves for post: an engine's records stay within them. */
export interface Places {
  /** containerd's hosts directory (absolute): one <host>/hosts.toml per registry. */
  hostsDir: string
  /** The Docker config directory main logged in to; post logs out of the same one. */
  dockerConfig: string
  /** The auth file of podman, buildah and skopeo (absolute); its ledger lives in its directory. */
  authFile: string
  /** Where an engine keeps what lives only for the main step (docker's private login directories): RUNNER_TEMP. */
  tempDir: string
}

// Every place by name, for the check of saved state: a Record, so that a place added to Places must be added here too.
const PLACES: Record<keyof Places, true> = {hostsDir: true, dockerConfig: true, authFile: true, tempDir: true}
export const PLACE_NAMES = Object.keys(PLACES) as (keyof Places)[]

/**
 * The places for this run: the hosts directory asked for (undefined: the default), the Docker config, podman's auth
 * file, and the temporary directory.
 */
export function placesFor(hostsDir: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Places {
  const p = pathFor(platform)
  // Absolute, so that post, whatever its working directory, checks records against the same places.
  return {
    hostsDir: p.resolve(hostsDir ?? defaultHostsDir(env, platform)),
    dockerConfig: p.resolve(dockerConfigDir(env, platform)),
    authFile: p.resolve(authFilePath(env, platform)),
    tempDir: p.resolve(env.RUNNER_TEMP || os.tmpdir())
  }
}

/**
 * The hosts directory when 'hosts-dir' is not set: under RUNNER_TEMP (the job's own, emptied by the runner), outside
 * the workspace on purpose (credential files there end up in images and artifacts). Without RUNNER_TEMP (a runner
 * emulator, a container) a directory of this run's own under the system's temp directory: never a shared, predictable
 * path such as /tmp/containerd/certs.d, where another user could have planted a directory for us to merge into. Its
 * name cannot be guessed; the containerd engine creates it (0700) only when it writes there, and post removes it once
 * it has emptied it.
 */
export function defaultHostsDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const p = pathFor(platform)
  if (env.RUNNER_TEMP) return p.join(env.RUNNER_TEMP, 'containerd', 'certs.d')
  return p.join(os.tmpdir(), `cloud-registry-login-${randomBytes(12).toString('hex')}`, 'certs.d')
}

/** What an engine is given when it is made. */
export interface EngineContext {
  places: Places
  /**
   * This run of the action (main and its post share it): the id of its logins in the shared ledgers of the places
   * (see ledger.ts), by which post knows which logins are its own.
   */
  run: string
  /** The absolute path of a tool on PATH, or '' when there is none. */
  which: (tool: string) => Promise<string>
  /** The action's environment; an engine takes out what its tools must not see before running them (see docker.ts). */
  env: NodeJS.ProcessEnv
  log: (line: string) => void
  warn: (line: string) => void
  retryPolicy?: RetryPolicy
  /** How the places' locks are waited for: post gives every lock one shared deadline (its whole wait stays short). */
  lock?: LockOptions
}

/**
 * Where an engine notes a change before it makes it, so that a process that dies half-way still leaves post a true
 * account; and takes the note back when the change did not happen after all.
 */
export interface Journal<R> {
  add(record: R): void
  drop(record: R): void
}

export interface Engine<R = unknown> {
  readonly name: EngineName
  /**
   * The place its records live in. Post undoes a record only where main wrote: the place must be post's own for this
   * job, or hold proof (its ledger) that this run wrote there.
   */
  readonly place: Exclude<keyof Places, 'tempDir'>
  /** What `engine: auto` looks for on PATH, for the message when nothing is found. */
  readonly tools: readonly string[]
  /** The tools on PATH that show the engine is in use here; `engine: auto` picks the engines that find any. */
  detect(): Promise<string[]>
  /**
   * For an engine `engine: auto` picks by what is missing rather than by a tool found (docker-config, where there is no
   * docker CLI): why it is picked here, for the log; undefined when it is not. Optional.
   */
  autoReason?(): Promise<string | undefined>
  /**
   * Why the engine cannot work here, to follow "asks for <engine>, but": what is missing, what to do; undefined when it
   * can. Asked only of the engines in use, so an engine named in 'engine' looks for no more than it needs.
   */
  unusable(): Promise<string | undefined>
  /**
   * Why the other engines in use already do this one's work (podman, whose auth file is the Docker config when
   * DOCKER_CONFIG is set, beside docker): it then stays out, so that two engines never lay one login twice on one file.
   * Undefined when they do not. Optional.
   */
  coveredBy?(others: readonly Engine[]): string | undefined
  /** A line for the log about where the engine writes, when that is worth saying. */
  describe?(): string
  /** The action outputs this engine sets (containerd: hosts-dir), given whether it logged in anywhere; '' when not. */
  outputs?(used: boolean): Record<string, string>
  /**
   * Starts, ahead of `login`, whatever this engine checks before it changes anything (containerd asks the registry),
   * so that it overlaps the logins of the engines before it. Changes nothing; `login` awaits what it started (and
   * reports its failure). Optional.
   */
  prepare?(credential: LoginCredential): void
  /**
   * Logs in to one registry; notes the record in `journal` before changing anything. On failure it leaves nothing of
   * its own behind and throws (EngineFailure for the registry's answers, with the kind of failure).
   */
  login(credential: LoginCredential, journal: Journal<R>): Promise<{record: R; summary: string}>
  /**
   * Checks, before the first write and again before post acts, that nobody but this user (or root, or the runner's
   * user) controls the engine's place (trust.ts): throws UserError naming the input, the path and its owner. Optional:
   * an engine that writes nowhere of its own needs none.
   */
  checkPlace?(): void
  /**
   * Whether the place still holds exactly what the record wrote: proof, without the ledger (lost or damaged), that main
   * wrote there, so that post may take exactly that off. Optional: without it, such a place is left alone.
   */
  holds?(record: R): Promise<boolean>
  /** Undoes a record; returns what was done, for the log ("docker logged out"). */
  undo(record: R): Promise<string>
  /**
   * What removes the record's credential by hand, for post's message when it could not, to follow "The credential":
   * where it remains and the command ("remains in …: remove it with 'docker logout <host>'", a helper's erase, a file).
   */
  byHand?(record: R): string
  /**
   * Lets a record's change stay for good (`logout: false`): whatever bookkeeping it shares with other jobs forgets it,
   * so no later job's post takes it off or puts it back. Changes nothing in place. Optional.
   */
  release?(record: R): Promise<void>
  /** Whether a record read back from state is one of this engine's: its shape, and only the places it may touch. */
  owns(record: unknown): record is R
  /** The registry a record is for, and what it stands for ("the docker login"), for the log. */
  label(record: R): {host: string; thing: string}
}

/**
 * A record post will not act on (it names a helper the config does not, say): thrown by undo. Post then says so, and
 * gives no by-hand command, since what the record names is not to be trusted.
 */
export class RecordRefused extends Error {}

export type EngineFactory = (context: EngineContext) => Engine

/** Every engine, by the name the `engine` input uses, in the order a registry's logins run. */
export const ENGINES: Record<EngineName, EngineFactory> = {
  docker: dockerEngine,
  containerd: containerdEngine,
  'docker-config': dockerConfigEngine,
  podman: podmanEngine
}

export const ENGINE_NAMES = Object.keys(ENGINES) as EngineName[]

/** The engines to use, and one line for the log on how they were chosen. */
export interface EngineChoice {
  engines: Engine[]
  reason: string
}

/** Resolves the `engine` input against what is on PATH. Throws UserError when an engine asked for cannot work here. */
export async function chooseEngines(requested: readonly EngineName[] | 'auto', engines: Record<EngineName, Engine>): Promise<EngineChoice> {
  if (requested !== 'auto') {
    const names = ENGINE_NAMES.filter(name => requested.includes(name))
    const reasons = await Promise.all(names.map(name => engines[name].unusable()))
    const at = reasons.findIndex(reason => reason !== undefined)
    if (at >= 0) throw new UserError(`Input 'engine' asks for ${names[at]}, but ${reasons[at]}`)
    return withoutCovered(names.map(name => engines[name]), `as set by 'engine'`)
  }
  const [found, picked] = await Promise.all([
    Promise.all(ENGINE_NAMES.map(name => engines[name].detect())),
    Promise.all(ENGINE_NAMES.map(name => engines[name].autoReason?.()))
  ])
  const detected = ENGINE_NAMES.filter((_, i) => found[i].length > 0 || picked[i] !== undefined)
  const reasons = await Promise.all(detected.map(name => engines[name].unusable()))
  const chosen = detected.filter((_, i) => reasons[i] === undefined)
  if (chosen.length === 0) {
    const looked = ENGINE_NAMES.filter(name => engines[name].tools.length > 0)
      .map(name => `${name}: ${engines[name].tools.join(', ')}`)
      .join('; ')
    throw new UserError(
      `Input 'engine' is 'auto', and none of the tools it looks for is on PATH (${looked}). ` +
        `Install one, or set 'engine' to ${ENGINE_NAMES.slice(0, -1).join(', ')} or ${ENGINE_NAMES[ENGINE_NAMES.length - 1]} explicitly.`
    )
  }
  const tools = chosen.flatMap(name => found[ENGINE_NAMES.indexOf(name)])
  const why = [
    ...(tools.length > 0 ? [`found ${tools.join(', ')} on PATH`] : []),
    ...chosen.flatMap(name => picked[ENGINE_NAMES.indexOf(name)] ?? [])
  ]
  return withoutCovered(chosen.map(name => engines[name]), `auto: ${why.join('; ')}`)
}

/** The engines chosen, less those the others already cover (each with its reason added to the log line). */
function withoutCovered(chosen: readonly Engine[], reason: string): EngineChoice {
  const kept: Engine[] = []
  const left: string[] = []
  for (const engine of chosen) {
    const covered = engine.coveredBy?.(chosen.filter(other => other !== engine && !left.includes(other.name)))
    if (covered === undefined) kept.push(engine)
    else left.push(`${engine.name} left out: ${covered}`)
  }
  return {engines: kept, reason: [reason, ...left].join('; ')}
}
