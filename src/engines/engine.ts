import type {LoginCredential} from '../credential.js'
import type {LockOptions} from '../lock.js'
import type {EnginePlace, Places} from '../places.js'
import type {RetryPolicy} from '../retry.js'

// The other axis of growth: where a credential goes. An engine logs in with a neutral credential, returns a record of
// exactly what it changed, undoes such a record, and recognises its own records when post reads them back. It knows
// nothing of providers: it reports the kind of a failure (see failure.ts) and the provider says what to do about it.

/** The values of the `engine` input. Adding one here makes the compiler ask for its entry in ENGINES (./index.ts). */
export type EngineName = 'docker' | 'containerd' | 'docker-config' | 'podman'

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
  /** The action's environment; an engine takes out what its tools must not see before running them (see engines/docker/). */
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
  readonly place: EnginePlace
  /** What `engine: auto` looks for on PATH, for the message when nothing is found. */
  readonly tools: readonly string[]
  /**
   * How its logins come off by hand, for post's message when it cannot act (no saved state, a place another user
   * controls): "'docker logout <registry>'". Each engine says it of itself, so that post names no engine.
   */
  readonly removal: string
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
