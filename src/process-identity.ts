import * as os from 'node:os'
import {readSmallFile} from './read-file.js'

// Telling whether a process that wrote a record (a lock's holder, a login laid in a ledger) can still be alive. A pid
// alone is not enough: pids are reused, and a record can outlive a reboot. On Linux a process is named by its pid, its
// start time (in clock ticks since boot, /proc/<pid>/stat) and the boot it ran in (/proc/sys/kernel/random/boot_id);
// elsewhere by its pid, with an age limit as the last word.

/** Who wrote a record: the machine, the process and, where the platform says, when it started and in which boot. */
export interface ProcessIdentity {
  host: string
  pid: number
  /** The process's start time, clock ticks since boot (Linux). */
  start?: string
  /** The boot the process ran in (Linux). */
  boot?: string
}

/** What /proc says about a process's start (field 22 of /proc/<pid>/stat), or undefined where it cannot tell. */
function startOf(pid: number): string | undefined {
  try {
    const stat = readSmallFile(`/proc/${pid}/stat`, 4096).toString('utf8')
    // The command name (field 2) is in parentheses and may hold spaces and ')': the fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const start = fields[19]
    return start !== undefined && /^\d+$/.test(start) ? start : undefined
  } catch {
    return undefined
  }
}

let bootCache: string | null | undefined
function bootId(): string | undefined {
  if (bootCache === undefined) {
    try {
      bootCache = readSmallFile('/proc/sys/kernel/random/boot_id', 256).toString('utf8').trim() || null
    } catch {
      bootCache = null
    }
  }
  return bootCache ?? undefined
}

/** The identity of process `pid` on this machine (this process by default). */
export function identityOf(pid: number = process.pid): ProcessIdentity {
  const start = startOf(pid)
  const boot = bootId()
  return {host: os.hostname(), pid, ...(start !== undefined ? {start} : {}), ...(boot !== undefined ? {boot} : {})}
}

/** Whether a value read back from a file is a ProcessIdentity as identityOf makes it. */
export function isProcessIdentity(value: unknown): value is ProcessIdentity {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.host === 'string' &&
    v.host.length <= 255 &&
    Number.isSafeInteger(v.pid) &&
    (v.pid as number) > 0 &&
    (v.start === undefined || (typeof v.start === 'string' && /^\d{1,20}$/.test(v.start))) &&
    (v.boot === undefined || (typeof v.boot === 'string' && /^[0-9a-f-]{1,64}$/.test(v.boot)))
  )
}

/**
 * Whether the process can still be running: false when it is gone (no such pid, another boot, or a pid now used by a
 * process that started at another time); true when it is there; undefined when this machine cannot tell (another
 * host's process).
 */
export function isRunning(id: ProcessIdentity): boolean | undefined {
  if (id.host !== os.hostname()) return undefined
  const boot = bootId()
  if (id.boot !== undefined && boot !== undefined && id.boot !== boot) return false
  try {
    process.kill(id.pid, 0)
  } catch (error) {
    // EPERM: it exists, as another user's.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  if (id.start === undefined) return true
  const start = startOf(id.pid)
  // A start time that cannot be read now (/proc mounted with hidepid) says nothing either way.
  return start === undefined ? undefined : start === id.start
}
