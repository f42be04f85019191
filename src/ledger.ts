import * as fs from 'node:fs'
import * as path from 'node:path'
import {withLock, type LockOptions} from './lock.js'
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
//   - the ledger has no trace of ours (the step ran twice, or the ledger is gone): the place is changed only if it
//     still holds exactly what we wrote, and that is neither what ours replaced nor a live run's login.

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

interface Layer {
  id: string
  digest: string
  value?: unknown
  /** What the run that laid it wants to know when it takes it off (containerd: the directories it created). */
  note?: unknown
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

/** The ledger of one place (a directory). */
export class Ledger {
  readonly file: string
  readonly lockFile: string

  constructor(
    readonly dir: string,
    private readonly lockOptions: LockOptions = {}
  ) {
    this.file = path.join(dir, LEDGER_FILE)
    this.lockFile = path.join(dir, LOCK_FILE)
  }

  /** Runs `task` under the place's lock (the directory must exist). */
  locked<T>(task: () => Promise<T> | T): Promise<T> {
    return withLock(this.lockFile, task, this.lockOptions)
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
      const current = await slot.read()
      const currentDigest = current === undefined ? undefined : slot.digest(current)
      let entry = data.slots[key]
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
      entry.layers.push({id, ...this.keep(slot, value), ...(note === undefined ? {} : {note})})
      data.slots[key] = entry
      const before = this.read()
      this.write(data)
      let written = false
      try {
        await slot.write(value)
        written = true
        const after = await slot.read()
        if (after === undefined || slot.digest(after) !== slot.digest(value)) {
          throw new Error('another program replaced it at the same moment (one that does not take our lock)')
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
      const data = this.read()
      const entry = data.slots[key]
      const at = entry ? entry.layers.findIndex(layer => layer.id === id) : -1
      const current = await slot.read()
      const currentDigest = current === undefined ? undefined : slot.digest(current)
      if (!entry || at < 0) {
        // Equal to ours, but maybe not ours alone: the login ours replaced (put back by an earlier run of this post),
        // or another live run's login with the same credential, which its own post takes off.
        const live = entry?.layers.some(layer => layer.digest === currentDigest) ?? false
        if (currentDigest !== digest || replaced === 'same' || live) return 'already'
        await slot.write(undefined)
        return 'removed-untracked'
      }
      const ours = entry.layers[at]
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
      this.write(data)
      return removal
    })
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
      const now = await slot.read()
      if (now !== undefined && slot.digest(now) === slot.digest(value)) await slot.write(previous)
    } catch {
      // The place cannot be read or written now: the error the caller throws says what failed.
    }
  }

  /** Whether the ledger notes any live login for `key` (another run's, maybe). */
  tracks(key: string): boolean {
    try {
      return (this.read().slots[key]?.layers.length ?? 0) > 0
    } catch {
      return true // cannot tell: assume someone's
    }
  }

  private keep<V>(slot: Slot<V>, value: V): {digest: string; value?: unknown} {
    return slot.keepValues ? {digest: slot.digest(value), value} : {digest: slot.digest(value)}
  }

  /** The ledger as it is on disk; empty when there is none. A file that is not ours is an error (never overwritten). */
  private read(): LedgerFile {
    let text: string
    try {
      text = fs.readFileSync(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {version: 1, slots: {}}
      throw error
    }
    let parsed: Partial<LedgerFile> | null = null
    try {
      parsed = JSON.parse(text) as Partial<LedgerFile> | null
    } catch {
      // not JSON: refused below like any other file that is not ours
    }
    if (parsed?.version !== 1 || typeof parsed.slots !== 'object' || parsed.slots === null) {
      throw new Error(`${this.file} is not a ledger this version of the action can read; delete it if no job is running`)
    }
    return parsed as LedgerFile
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
