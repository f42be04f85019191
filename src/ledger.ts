import * as fs from 'node:fs'
import * as path from 'node:path'
import {withLock, type LockOptions} from './lock.js'
import {identityOf, isProcessIdentity, isRunning, type ProcessIdentity} from './process-identity.js'
import {FileRefused, readSmallFile} from './read-file.js'
import {writeFileAtomic} from './write-file.js'

// Several jobs on one self-hosted runner share a place the engines write to: the runner user's Docker config, a hosts
// directory such as /etc/containerd/certs.d. Each run of the action that logs in to a registry there lays its login on
// top of whatever was there, and later takes it off again, in whatever order the jobs end. The ledger, a file kept in
// the place itself (so it outlives a step that empties RUNNER_TEMP), remembers for each slot (a registry) what was
// there before any run of the action ("base"), and the stack of logins the live runs laid on it, each with a digest.
// Every change happens under one lock per place, so two runs never interleave a read and a write.
//
// Taking a login off:
//   - ours is on top and the place still holds it: the next live login below comes back, or else the base;
//   - another run's login is above ours: nothing in the place changes (that login is newer), ours leaves the stack, so
//     that when the newer one goes, it is never our older login that comes back;
//   - the place holds something none of us wrote: it is left alone (only our own part is taken out, where the slot
//     knows how to find it);
//   - ours is on top over another live run's login whose value was not kept (a credential helper's): ours stays, as that
//     run's, for its post to take off, rather than log that job out half-way;
//   - the ledger has no trace of ours (the step ran twice, or the ledger is gone or damaged): the place is changed only
//     if it still holds exactly what we wrote, and that is neither what ours replaced nor a live run's login.
//
// What the ledger says is data from disk, never a command: a layer or base whose value does not have the shape of a
// value the slot holds, or whose digest is not that value's, is refused (with a warning) and never written back. And a
// layer whose run can no longer be alive (its job's process is gone: see process-identity.ts; or it is older than any
// job can be) is retired at the next push or pop on its slot: its value is never written back, the ledger forgets it,
// and what was under it comes back.

/** One place's value for one slot: how an engine reads, writes and fingerprints it. */
export interface Slot<V> {
  /** The value the place holds now; undefined when it holds none. */
  read(): Promise<V | undefined> | V | undefined
  /** Puts `value` in the place, or removes the slot's value when undefined. */
  write(value: V | undefined): Promise<void> | void
  /** A fingerprint of a value: what is compared to tell whose a value is. Must not reveal a secret. */
  digest(value: V): string
  /**
   * Whether values may be kept in the ledger file, to be put back later. False for values whose secret lives in a
   * credential helper: that secret must not land in a plain file. Then only digests are kept.
   */
  keepValues: boolean
  /**
   * The current value with only our own part taken out (a header among others), when someone changed the value after
   * we wrote it; null when our part is not in it. Without this, a changed value is left alone.
   */
  strip?(current: V, ours: V): V | undefined | null
  /** Whether a value read back from the ledger file has the shape of a value this slot holds. */
  isValue(value: unknown): value is V
  /** Why a value read back right after the write differs from it, when the place can say better than "replaced". */
  mismatch?: string
}

/**
 * What was in the slot when a login was laid on it: nothing, someone's login, another live run's login, or a value
 * equal to ours (then a value like ours found later may be that one, and is not ours alone to remove).
 */
export type Replaced = 'none' | 'login' | 'layer' | 'same'

/** What taking a login off did. */
export type Removal =
  | 'removed' // ours was on top; nothing was there before
  | 'restored' // ours was on top; what was there before came back
  | 'uncovered' // ours was on top; another live run's login below it came back
  | 'superseded' // a newer login is on top of ours: left in place, ours dropped from the stack
  | 'stripped' // the value was changed since: only our part was taken out
  | 'changed' // the value was changed since and holds nothing of ours: left alone
  | 'lost' // ours was on top and is removed, but what was there before was not kept (credential helper) and is gone
  | 'handed-over' // ours was on top over another live run's login whose value was not kept: left in place for that run
  | 'removed-untracked' // no ledger entry, but the place held exactly ours: removed; nothing could be put back
  | 'already' // no trace of ours anywhere: undone before

/** Who laid a layer, to tell later whether that job can still be running. */
interface Liveness {
  /** The job's own process: the parent of the action's process (the runner's worker, which lives as long as the job). */
  process?: ProcessIdentity
  /** When the layer was laid (ms since the epoch): the last word where the process cannot be checked. */
  at: number
  /** The runner and the job, for the messages. */
  runner?: string
  job?: string
}

interface Layer {
  id: string
  digest: string
  value?: unknown
  /** What the run that laid it wants to know when it takes it off (containerd: the directories it created). */
  note?: unknown
  live?: Liveness
}

interface Entry {
  /** What the place held before the first live layer: null for nothing; the value, or only its digest. */
  base: null | {digest: string; value?: unknown}
  layers: Layer[]
}

interface LedgerFile {
  version: 1
  slots: Record<string, Entry>
}

export const LEDGER_FILE = '.cloud-registry-login.json'
export const LOCK_FILE = '.cloud-registry-login.lock'
/** The most a ledger may hold: far above the few logins of the jobs a runner runs at once. */
const LEDGER_MAX = 4 * 1024 * 1024
/** No job runs longer than this (a self-hosted runner's limit is days): a layer older than it is a killed job's. */
export const LAYER_MAX_AGE_MS = 7 * 24 * 3600 * 1000
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/
const DIGEST_RE = /^[0-9a-f]{16,128}$/

/** The ledger file is there but is not one this action can read: damaged, or not ours. */
export class LedgerUnreadable extends Error {}

export interface LedgerOptions {
  lock?: LockOptions
  /** Where a refused layer or a retired run is reported. */
  warn?: (line: string) => void
  /** The job's environment: who lays a layer (RUNNER_NAME, GITHUB_RUN_ID, GITHUB_JOB). */
  env?: NodeJS.ProcessEnv
}

/** The ledger of one place (a directory). */
export class Ledger {
  readonly file: string
  readonly lockFile: string
  private readonly lockOptions: LockOptions
  private readonly warn: (line: string) => void
  private readonly env: NodeJS.ProcessEnv

  constructor(
    readonly dir: string,
    options: LedgerOptions = {}
  ) {
    this.file = path.join(dir, LEDGER_FILE)
    this.lockFile = path.join(dir, LOCK_FILE)
    this.lockOptions = options.lock ?? {}
    this.warn = options.warn ?? (() => undefined)
    this.env = options.env ?? process.env
  }

  /** Runs `task` under the place's lock (the directory must exist). */
  locked<T>(task: () => Promise<T> | T): Promise<T> {
    return withLock(this.lockFile, task, this.lockOptions)
  }

  /** Who lays a layer now: this job's process (the action's parent, which lives as long as the job), when, where. */
  private liveness(): Liveness {
    const {RUNNER_NAME, GITHUB_RUN_ID, GITHUB_JOB, GITHUB_RUN_ATTEMPT} = this.env
    // Under a job container the parent may be outside the container's view (pid 0, or init): then only age counts.
    const parent = process.ppid > 1 ? identityOf(process.ppid) : undefined
    return {
      ...(parent ? {process: parent} : {}),
      at: Date.now(),
      ...(RUNNER_NAME ? {runner: RUNNER_NAME.slice(0, 200)} : {}),
      ...(GITHUB_RUN_ID ? {job: `${GITHUB_RUN_ID}/${(GITHUB_JOB ?? '').slice(0, 100)}/${GITHUB_RUN_ATTEMPT ?? ''}`} : {})
    }
  }

  /** Whether the run that laid a layer can no longer be alive (a layer without a record of it counts as alive). */
  private isDead(layer: Layer, now: number): boolean {
    if (!layer.live) return false
    if (now - layer.live.at > LAYER_MAX_AGE_MS) return true
    return layer.live.process !== undefined && isRunning(layer.live.process) === false
  }

  /**
   * The slot's entry, cleared of what the ledger may not be trusted with: a layer or base whose value does not have the
   * slot's shape or whose digest is not the value's is refused (a base then loses its value: it can no longer come
   * back). Warns once per entry.
   */
  private checked<V>(key: string, entry: Entry | undefined, slot: Slot<V>): Entry | undefined {
    if (!entry) return entry
    const sound = (kept: {digest: string; value?: unknown}): boolean =>
      !('value' in kept) || (slot.keepValues && slot.isValue(kept.value) && slot.digest(kept.value) === kept.digest)
    const layers = entry.layers.filter(sound)
    const base = entry.base === null || sound(entry.base) ? entry.base : {digest: entry.base.digest}
    if (layers.length !== entry.layers.length || base !== entry.base) {
      this.warn(
        `${this.file}: an entry for ${key} holds a value that is not one this action writes (its shape or its digest does ` +
          `not match), so it was refused and will never be written back. If no job is running, delete that file.`
      )
    }
    return {base, layers}
  }

  /**
   * Retires the layers of `entry` whose runs can no longer be alive, in the slot in hand: their values are never written
   * back, and when one of them is on top and the place still holds it, what is under it comes back (the next live
   * layer's value, or the base). Returns what the place holds afterwards.
   */
  private async retire<V>(key: string, entry: Entry, slot: Slot<V>, current: V | undefined): Promise<V | undefined> {
    const now = Date.now()
    const dead = entry.layers.filter(layer => this.isDead(layer, now))
    if (dead.length === 0) return current
    const top = entry.layers[entry.layers.length - 1]
    const live = entry.layers.filter(layer => !dead.includes(layer))
    entry.layers = live
    const who = dead.map(layer => (layer.live?.job ? `job ${layer.live.job}${layer.live.runner ? ` on ${layer.live.runner}` : ''}` : `run ${layer.id}`))
    const currentDigest = current === undefined ? undefined : slot.digest(current)
    if (top === undefined || !dead.includes(top) || currentDigest !== top.digest) {
      this.warn(`${key}: retired the login of ${who.join(', ')}, which ended without its post step: it will never be written back.`)
      return current
    }
    // The place holds the login of a job that is gone: what was under it comes back now.
    const below = live[live.length - 1]
    const next = below ?? entry.base
    let after = current
    if (next === null) {
      await slot.write(undefined)
      after = undefined
    } else if ('value' in next) {
      await slot.write(next.value as V)
      after = next.value as V
    } else if (next.digest !== top.digest) {
      if (below) {
        // A live run below whose value was not kept (a credential helper's): the value stays, as that run's.
        below.digest = top.digest
      } else {
        await slot.write(undefined)
        after = undefined
      }
    }
    this.warn(
      `${key}: took off the login of ${who.join(', ')}, which ended without its post step, and put back what was under ` +
        `it${next === null || (!('value' in next) && !below) ? ' (nothing that could be put back)' : ''}.`
    )
    return after
  }

  /** Whether the ledger has a layer of run `id` (in any slot): proof that this run wrote to this place. */
  holds(id: string): boolean {
    const data = this.read()
    return Object.values(data.slots).some(entry => entry.layers.some(layer => layer.id === id))
  }

  /**
   * The note run `id` left with its layer on `key`, if the ledger still has it. Kept in the place itself rather than in
   * the saved state, it is what post may trust about what main did there: a changed state cannot change it.
   */
  noteOf(key: string, id: string): unknown {
    try {
      return this.read().slots[key]?.layers.find(layer => layer.id === id)?.note
    } catch {
      return undefined
    }
  }

  /**
   * Lays `value` on `key` for run `id`, under the lock: notes it in the ledger, writes it, and reads it back (a check
   * that nothing outside the lock, a plain `docker login` say, replaced it at the same moment). Returns what the slot
   * held before. On failure the place and the ledger are as they were.
   */
  async push<V>(key: string, id: string, slot: Slot<V>, value: V, note?: unknown): Promise<Replaced> {
    return this.locked(async () => {
      const data = this.read()
      this.dropDeadBelow(data, key)
      let current = await slot.read()
      let entry = this.checked(key, data.slots[key], slot)
      if (entry) current = await this.retire(key, entry, slot, current)
      const currentDigest = current === undefined ? undefined : slot.digest(current)
      const top = entry?.layers[entry.layers.length - 1]
      let replaced: Replaced
      if (entry && top && currentDigest === top.digest) {
        replaced = 'layer'
      } else {
        // Nothing of ours is live on top: what is there now is the base (stale layers of runs that never cleaned up go).
        entry = {base: current === undefined ? null : this.keep(slot, current), layers: []}
        replaced = current === undefined ? 'none' : 'login'
      }
      if (currentDigest === slot.digest(value)) replaced = 'same'
      entry.layers = entry.layers.filter(layer => layer.id !== id)
      entry.layers.push({id, ...this.keep(slot, value), ...(note === undefined ? {} : {note}), live: this.liveness()})
      data.slots[key] = entry
      const before = this.read()
      this.write(data)
      let written = false
      try {
        await slot.write(value)
        written = true
        const after = await slot.read()
        if (after === undefined || slot.digest(after) !== slot.digest(value)) {
          throw new Error(slot.mismatch ?? 'another program replaced it at the same moment (one that does not take our lock)')
        }
      } catch (error) {
        // Nothing of ours may stay without a note of it: if ours is in place after all (a read-back that failed, say),
        // what was there goes back, as far as that can still be done.
        if (written) await this.undoWrite(slot, value, current)
        this.write(before)
        throw error
      }
      return replaced
    })
  }

  /**
   * Takes run `id`'s login off `key`, under the lock. `digest` is the fingerprint of what the run wrote; `replaced` what
   * push said the slot held before it. With no trace of ours in the ledger, a value equal to ours is removed, unless
   * what ours replaced was equal to it too: then it may be that earlier login, put back by an earlier run of this post.
   */
  async pop<V>(key: string, id: string, slot: Slot<V>, digest: string, replaced: Replaced = 'none'): Promise<Removal> {
    return this.locked(async () => {
      let data: LedgerFile
      try {
        data = this.read()
      } catch (error) {
        if (!(error instanceof LedgerUnreadable)) throw error
        // Without the ledger, our own login still goes: the place is changed only when it holds exactly what we wrote.
        // Nothing can be put back, and the damaged file is left for whoever can tell what it was.
        this.warn(`${error.message}: it was left as it is, and nothing it noted can be put back.`)
        if ((await this.digestOf(slot)) !== digest || replaced === 'same') return 'already'
        await slot.write(undefined)
        return 'removed-untracked'
      }
      this.dropDeadBelow(data, key)
      let current = await slot.read()
      const entry = this.checked(key, data.slots[key], slot)
      if (entry) current = await this.retire(key, entry, slot, current)
      const at = entry ? entry.layers.findIndex(layer => layer.id === id) : -1
      const currentDigest = current === undefined ? undefined : slot.digest(current)
      const ours = entry?.layers[at]
      if (!entry || ours === undefined) {
        if (entry) {
          // What retiring changed is kept, whatever becomes of ours.
          if (entry.layers.length === 0) delete data.slots[key]
          else data.slots[key] = entry
          this.write(data)
        }
        // Equal to ours, but maybe not ours alone: the login ours replaced (put back by an earlier run of this post),
        // or another live run's login with the same credential, which its own post takes off.
        const live = entry?.layers.some(layer => layer.digest === currentDigest) ?? false
        if (currentDigest !== digest || replaced === 'same' || live) return 'already'
        await slot.write(undefined)
        return 'removed-untracked'
      }
      const isTop = at === entry.layers.length - 1
      entry.layers.splice(at, 1)
      let removal: Removal
      if (!isTop) {
        removal = 'superseded'
      } else if (currentDigest === ours.digest) {
        const below = entry.layers[entry.layers.length - 1]
        const next = below ?? entry.base
        if (next === null) {
          await slot.write(undefined)
          removal = 'removed'
        } else if ('value' in next) {
          await slot.write(next.value as V)
          removal = below ? 'uncovered' : 'restored'
        } else if (next.digest === ours.digest) {
          // What comes back is what is there (the same credential): nothing to write, even for a value not kept.
          removal = below ? 'uncovered' : 'restored'
        } else if (below) {
          // Another run is live below ours, and its value was not kept (a credential helper's): removing ours would
          // log that job out mid-way. Ours stays in place as that run's, for its post to take off.
          below.digest = ours.digest
          removal = 'handed-over'
        } else {
          await slot.write(undefined)
          removal = 'lost'
        }
      } else {
        const stripped = current !== undefined && slot.strip && 'value' in ours ? slot.strip(current, ours.value as V) : null
        if (stripped === null) {
          removal = 'changed'
        } else {
          await slot.write(stripped)
          removal = 'stripped'
        }
        // Someone else's value is in place now: it is the base for whoever comes next, and nobody's layer is on top.
        entry.layers = []
      }
      if (entry.layers.length === 0) delete data.slots[key]
      else data.slots[key] = entry
      this.write(data)
      return removal
    })
  }

  private async digestOf<V>(slot: Slot<V>): Promise<string | undefined> {
    const current = await slot.read()
    return current === undefined ? undefined : slot.digest(current)
  }

  /**
   * Drops, from every slot but `key` (whose place the caller holds and retires properly), the layers of runs that can
   * no longer be alive that are not on top: their values are nowhere in place, and must never come back. A dead run's
   * layer on top stays until its own slot is next touched, since only then can its place be put right.
   */
  private dropDeadBelow(data: LedgerFile, key: string): void {
    const now = Date.now()
    for (const [other, entry] of Object.entries(data.slots)) {
      if (other === key) continue
      const top = entry.layers[entry.layers.length - 1]
      entry.layers = entry.layers.filter(layer => layer === top || !this.isDead(layer, now))
    }
  }

  /**
   * Lets run `id`'s login on `key` stay for good (the `logout: false` input): its layer leaves the ledger, and so does
   * every layer below it when it is on top, since a login that stays is what is there from now on. Nothing in the place
   * changes. Without this, a login that stays would sit in the ledger forever, and be put back by later runs' posts.
   */
  async release(key: string, id: string): Promise<void> {
    return this.locked(() => {
      const data = this.read()
      const entry = data.slots[key]
      const at = entry ? entry.layers.findIndex(layer => layer.id === id) : -1
      if (!entry || at < 0) return
      if (at === entry.layers.length - 1) delete data.slots[key]
      else entry.layers.splice(at, 1)
      this.write(data)
    })
  }

  /** After a push that failed once its value was written: `previous` back in place, if ours is still there. */
  private async undoWrite<V>(slot: Slot<V>, value: V, previous: V | undefined): Promise<void> {
    try {
      // A place whose values are not kept (a credential helper) may hold ours even when it reads back something else:
      // what was handed to it goes, whatever it says.
      const now = slot.keepValues ? await slot.read() : value
      if (now !== undefined && slot.digest(now) === slot.digest(value)) await slot.write(previous)
    } catch {
      // The place cannot be read or written now: the error the caller throws says what failed.
    }
  }

  /** Whether the ledger notes any live login for `key` (another run's, maybe). */
  tracks(key: string): boolean {
    try {
      return (this.read().slots[key]?.layers.length ?? 0) > 0
    } catch (error) {
      // A damaged ledger notes nothing anyone can read; one that cannot be read now may note anything: assume someone's.
      return !(error instanceof LedgerUnreadable)
    }
  }

  private keep<V>(slot: Slot<V>, value: V): {digest: string; value?: unknown} {
    return slot.keepValues ? {digest: slot.digest(value), value} : {digest: slot.digest(value)}
  }

  /**
   * The ledger as it is on disk; empty when there is none. Read through the bounded reader (a FIFO, a device or a link
   * planted in its place is refused, never waited on or followed), and checked for shape: a file that is not ours is
   * LedgerUnreadable (never overwritten).
   */
  private read(): LedgerFile {
    let text: string
    try {
      text = readSmallFile(this.file, {max: LEDGER_MAX, noFollow: true}).toString('utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {version: 1, slots: {}}
      if (error instanceof FileRefused) throw new LedgerUnreadable(`${this.file} ${error.reason}, not a ledger of this action`)
      throw error
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: refused below like any other file that is not ours
    }
    if (!isLedgerFile(parsed)) {
      throw new LedgerUnreadable(`${this.file} is not a ledger this version of the action can read; delete it if no job is running`)
    }
    return parsed
  }

  /** Writes the ledger atomically (0600: it can hold the logins it keeps for putting back), or deletes it when empty. */
  private write(data: LedgerFile): void {
    if (Object.keys(data.slots).length === 0) {
      fs.rmSync(this.file, {force: true})
      return
    }
    writeFileAtomic(this.file, JSON.stringify(data), {mode: 0o600})
  }
}

function isKept(value: unknown): value is {digest: string; value?: unknown} {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return typeof v.digest === 'string' && DIGEST_RE.test(v.digest)
}

function isLiveness(value: unknown): value is Liveness {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.at === 'number' &&
    Number.isFinite(v.at) &&
    (v.process === undefined || isProcessIdentity(v.process)) &&
    (v.runner === undefined || (typeof v.runner === 'string' && v.runner.length <= 200)) &&
    (v.job === undefined || (typeof v.job === 'string' && v.job.length <= 200))
  )
}

/** Whether what a ledger file holds has the shape this version writes: values are checked by each slot (checked()). */
function isLedgerFile(value: unknown): value is LedgerFile {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<LedgerFile>
  if (v.version !== 1 || typeof v.slots !== 'object' || v.slots === null || Array.isArray(v.slots)) return false
  return Object.values(v.slots as Record<string, unknown>).every(entry => {
    if (typeof entry !== 'object' || entry === null) return false
    const e = entry as Partial<Entry>
    return (
      (e.base === null || isKept(e.base)) &&
      Array.isArray(e.layers) &&
      e.layers.every(
        layer =>
          isKept(layer) &&
          typeof (layer as Layer).id === 'string' &&
          ID_RE.test((layer as Layer).id) &&
          ((layer as Layer).live === undefined || isLiveness((layer as Layer).live))
      )
    )
  })
}
