import {randomBytes} from 'node:crypto'
import * as fs from 'node:fs'
import {identityOf, isProcessIdentity, isRunning, type ProcessIdentity} from './process-identity.js'
import {FileRefused, readSmallFile} from './read-file.js'

// A lock between processes on one machine, for the read-modify-write of a file that other jobs share (a runner user's
// ~/.docker/config.json, a hosts directory such as /etc/containerd/certs.d). Node has no flock(2); a lock file made
// whole and then hard-linked into place is the portable form: link(2) fails when the name is taken, so whoever links it
// holds the lock, and the file is never seen empty or half-written. A holder that died (killed job, crashed runner)
// leaves its file behind, so a waiter takes over a lock whose process is gone. What a lock file says is data: a holder
// that cannot be (a start time in the future, an empty or unreadable file, something other than a regular file where
// the lock goes) is judged at once, never waited on for the whole limit.

export interface LockOptions {
  /** How long to wait for the lock before giving up, in ms. */
  waitMs?: number
  /** A lock held longer than this is taken to be left over from a process that can no longer release it, in ms. */
  staleMs?: number
  /**
   * A deadline (ms since the epoch) shared by several locks: the wait for this one ends then at the latest. Post gives
   * every lock it takes one deadline, so that its whole wait stays bounded however many places it visits.
   */
  deadline?: {at: number}
  sleep?: (ms: number) => Promise<void>
}

// The longest a holder can legitimately keep the lock: a push through a credential helper (get, store, get, each with
// a 10 s deadline) and a few file writes, under 45 s. So a lock is stale only after longer than that, and a waiter waits
// longer still: it takes over a dead holder's lock in time rather than fail the job.
const DEFAULTS = {waitMs: 90_000, staleMs: 75_000}
// How far in the future a holder's `since` may be (clocks of one machine agree; this is slack for a write in progress).
const FUTURE_SLACK_MS = 5_000
// A lock file is written whole before it is linked into place, so an empty or unreadable one is a leftover (a full
// disk, an older version of this action that wrote it after creating it). Younger than this, it may still be an older
// version's lock being written: waited on for this long, no more.
const YOUNG_MS = 2_000
const LOCK_MAX = 4096

/** What the lock file holds: who holds it, for the liveness check and for the message when waiting times out. */
interface Holder extends ProcessIdentity {
  since: number
  token: string
}

/** The lock cannot be had, and waiting will not change that: the file at the lock's path is not a lock. */
export class LockRefused extends Error {}

/** What is at the lock's path, read as data. */
type Found =
  | {kind: 'none'}
  | {kind: 'holder'; holder: Holder}
  /** A regular file that names no holder: empty, not JSON, or not one of ours. */
  | {kind: 'unreadable'; ageMs: number}
  /** Not a regular file: a directory, a FIFO, a device, a symlink. */
  | {kind: 'other'; what: string}

function look(file: string, now: number): Found {
  let text: string
  try {
    text = readSmallFile(file, {max: LOCK_MAX, noFollow: true}).toString('utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {kind: 'none'}
    if (error instanceof FileRefused) {
      // A regular file too big to be a lock is a leftover as much as an empty one.
      if (/larger than/.test(error.reason)) return {kind: 'unreadable', ageMs: ageOf(file, now)}
      return {kind: 'other', what: error.reason}
    }
    return {kind: 'other', what: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`}
  }
  try {
    const parsed = JSON.parse(text) as unknown
    if (isProcessIdentity(parsed)) {
      const {since, token} = parsed as Partial<Holder>
      if (typeof since === 'number' && typeof token === 'string') return {kind: 'holder', holder: parsed as Holder}
    }
  } catch {
    // not JSON: judged below like any file that names no holder
  }
  return {kind: 'unreadable', ageMs: ageOf(file, now)}
}

function ageOf(file: string, now: number): number {
  try {
    return now - fs.lstatSync(file).mtimeMs
  } catch {
    return 0
  }
}

/** Why a lock found at the path is to be taken over now, or undefined when its holder may still be working. */
function takeOverReason(found: Found, staleMs: number, now: number): string | undefined {
  switch (found.kind) {
    case 'none':
      return undefined
    case 'other':
      return `it ${found.what}`
    case 'unreadable':
      return found.ageMs >= YOUNG_MS ? 'it names no holder (empty, or not a lock of this action: a full disk, say)' : undefined
    case 'holder': {
      const {holder} = found
      if (holder.since > now + FUTURE_SLACK_MS) return `its holder's start time is in the future (${new Date(holder.since).toISOString()})`
      if (isRunning(holder) === false) return `its holder, process ${holder.pid}, is gone`
      if (now - holder.since > staleMs) return `it has been held for ${Math.round((now - holder.since) / 1000)} s, far longer than any holder needs`
      return undefined
    }
  }
}

/** Makes the lock file `file` with our holder record; false when another holder has it. */
function create(file: string, holder: Holder): boolean {
  const tmp = `${file}.${holder.token}.tmp`
  try {
    fs.writeFileSync(tmp, JSON.stringify(holder), {mode: 0o600, flag: 'wx'})
  } catch (error) {
    fs.rmSync(tmp, {force: true})
    throw new Error(`the lock ${file} could not be made (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  try {
    fs.linkSync(tmp, file)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    // A file system without hard links: the file made in place, exclusively, written at once.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createInPlace(file, holder)
    throw new Error(`the lock ${file} could not be made (${code ?? (error as Error).message})`)
  } finally {
    fs.rmSync(tmp, {force: true})
  }
}

function createInPlace(file: string, holder: Holder): boolean {
  let fd: number
  try {
    fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    fs.writeSync(fd, JSON.stringify(holder))
  } catch (error) {
    fs.closeSync(fd)
    fs.rmSync(file, {force: true})
    throw error
  }
  fs.closeSync(fd)
  return true
}

/** Takes away what is at the lock's path, as an entry (a link is unlinked, never followed); whether it could. */
function removeEntry(file: string): boolean {
  try {
    const st = fs.lstatSync(file)
    if (st.isDirectory())
      fs.rmdirSync(file) // only an empty one: never a directory that holds anything
    else fs.unlinkSync(file)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
  }
}

/**
 * Takes over the lock at `file` when it is still to be taken over: judged again under a second lock, since of two
 * waiters that judged the same file, the later one would otherwise remove the live lock the earlier one has taken
 * since. Throws LockRefused for a path that holds what cannot be removed (a directory with files in it).
 */
function takeOver(file: string, holder: Holder, staleMs: number): boolean {
  const guard = `${file}.takeover`
  if (!create(guard, holder)) {
    // Held for a few calls only; one left behind by a waiter that died in them goes by the same rules as a lock.
    if (takeOverReason(look(guard, Date.now()), staleMs, Date.now()) !== undefined) removeEntry(guard)
    return false
  }
  try {
    const reason = takeOverReason(look(file, Date.now()), staleMs, Date.now())
    if (reason === undefined) return false
    if (!removeEntry(file)) {
      throw new LockRefused(
        `${file} is not a lock this action can take over: ${reason}, and it cannot be removed. Remove it if no job is running on this machine, then run the job again.`
      )
    }
    return true
  } finally {
    fs.rmSync(guard, {force: true})
  }
}

/**
 * Runs `task` while holding the lock `file` (created beside what it protects). Waits for another holder to finish,
 * up to `waitMs` (and the shared deadline); throws an Error naming the file, who holds it and what to do when it cannot
 * get the lock.
 */
export async function withLock<T>(file: string, task: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const {waitMs, staleMs} = {...DEFAULTS, ...options}
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)))
  const token = randomBytes(8).toString('hex')
  const deadline = Math.min(Date.now() + waitMs, options.deadline?.at ?? Infinity)
  for (let attempt = 0; ; attempt++) {
    const now = Date.now()
    const holder: Holder = {...identityOf(), since: now, token}
    if (create(file, holder)) break
    if (takeOverReason(look(file, now), staleMs, now) !== undefined && takeOver(file, holder, staleMs)) continue
    if (now >= deadline) {
      const found = look(file, now)
      const who = found.kind === 'holder' ? ` (process ${found.holder.pid} on ${found.holder.host}, since ${new Date(found.holder.since).toISOString()})` : ''
      throw new Error(
        `another process has held the lock ${file} for too long${who}. If no other job is running on this machine, ` + `delete that file and run the job again.`
      )
    }
    // Short, growing, jittered waits: the work under the lock takes milliseconds.
    await sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random() / 2))
  }
  try {
    return await task()
  } finally {
    // Only our own file: if it was taken from us as stale, the new holder's stays.
    const found = look(file, Date.now())
    if (found.kind === 'holder' && found.holder.token === token) fs.rmSync(file, {force: true})
  }
}
