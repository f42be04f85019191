import {randomBytes} from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'

// A lock between processes on one machine, for the read-modify-write of a file that other jobs share (a runner user's
// ~/.docker/config.json, a hosts directory such as /etc/containerd/certs.d). Node has no flock(2); a lock file created
// with O_EXCL is the portable form: whoever creates it holds the lock, and removes it when done. A holder that died
// (killed job, crashed runner) leaves its file behind, so a waiter takes over a lock whose process is gone, or one held
// for far longer than any holder needs (the work done under it is a few file operations and, at most, one credential
// helper call with its own deadline).

export interface LockOptions {
  /** How long to wait for the lock before giving up, in ms. */
  waitMs?: number
  /** A lock held longer than this is taken to be left over from a process that can no longer release it, in ms. */
  staleMs?: number
  sleep?: (ms: number) => Promise<void>
}

// The longest a holder can legitimately keep the lock: a push through a credential helper (get, store, get, each with
// a 10 s deadline) and a few file writes, under 45 s. So a lock is stale only after longer than that, and a waiter waits
// longer still: it takes over a dead holder's lock in time rather than fail the job.
const DEFAULTS = {waitMs: 90_000, staleMs: 75_000}

/** What the lock file holds: who holds it, for the stale check and for the message when waiting times out. */
interface Holder {
  pid: number
  host: string
  since: number
  token: string
}

function readHolder(file: string): Holder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>
    if (typeof parsed.pid === 'number' && typeof parsed.since === 'number' && typeof parsed.host === 'string') return parsed as Holder
  } catch {
    // gone, being written, or not ours: treated as held until it is old enough
  }
  return undefined
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether a lock file was left by a holder that can no longer release it. */
function isStale(file: string, staleMs: number, now: number): boolean {
  const holder = readHolder(file)
  if (holder) return (holder.host === os.hostname() && !isAlive(holder.pid)) || now - holder.since > staleMs
  try {
    return now - fs.statSync(file).mtimeMs > staleMs
  } catch {
    return false
  }
}

/** Creates the lock file `file` with our holder record; false when it exists already. */
function create(file: string, token: string): boolean {
  let fd: number
  try {
    fd = fs.openSync(file, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    fs.writeSync(fd, JSON.stringify({pid: process.pid, host: os.hostname(), since: Date.now(), token}))
  } finally {
    fs.closeSync(fd)
  }
  return true
}

/**
 * Removes the stale lock file `file`; whether it did. The check is made again under a second lock: of two waiters that
 * found the same file stale, the later one would otherwise remove the live lock the earlier one has taken since.
 */
function removeStale(file: string, staleMs: number, token: string): boolean {
  const guard = `${file}.takeover`
  if (!create(guard, token)) {
    // Held for a few calls only; one left behind by a waiter that died in them goes by the same rules as a lock.
    if (isStale(guard, staleMs, Date.now())) fs.rmSync(guard, {force: true})
    return false
  }
  try {
    if (!isStale(file, staleMs, Date.now())) return false
    fs.rmSync(file, {force: true})
    return true
  } catch {
    // Not ours to remove (another user's, a read-only place): wait, and in the end say which file it is.
    return false
  } finally {
    fs.rmSync(guard, {force: true})
  }
}

/**
 * Runs `task` while holding the lock `file` (created beside what it protects). Waits for another holder to finish,
 * up to `waitMs`; throws an Error naming the file and what to do when it cannot get the lock.
 */
export async function withLock<T>(file: string, task: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const {waitMs, staleMs} = {...DEFAULTS, ...options}
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)))
  const token = randomBytes(8).toString('hex')
  const deadline = Date.now() + waitMs
  for (let attempt = 0; ; attempt++) {
    const now = Date.now()
    if (create(file, token)) break
    if (isStale(file, staleMs, now) && removeStale(file, staleMs, token)) continue
    if (now >= deadline) {
      const holder = readHolder(file)
      const who = holder ? ` (process ${holder.pid} on ${holder.host}, since ${new Date(holder.since).toISOString()})` : ''
      throw new Error(
        `another process has held the lock ${file} for too long${who}. If no other job is running on this machine, ` +
          `delete that file and run the job again.`
      )
    }
    // Short, growing, jittered waits: the work under the lock takes milliseconds.
    await sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random() / 2))
  }
  try {
    return await task()
  } finally {
    // Only our own file: if it was taken from us as stale, the new holder's stays.
    if (readHolder(file)?.token === token) fs.rmSync(file, {force: true})
  }
}
