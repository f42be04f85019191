import * as fs from 'node:fs'
import * as path from 'node:path'
import {UserError} from './errors.js'
import {readSmallFile} from './read-file.js'

// Who controls a place the action writes to. On a shared self-hosted runner another user may have made, or may be
// able to change, a directory on the way to a place (a hosts directory, a Docker config directory, an auth file), a
// file in it, or a symlink there: whatever the action then writes, as its own user (root, often), would go where that
// user chose, and whatever it reads back (a ledger that says which bytes, mode and owner to restore) would be theirs.
// So before the first write, and again before post acts, every component of the path is checked, from the root down,
// without following a link it has not checked: each directory, symlink and the file itself must belong to the action's
// user, to root, or to the runner's own user (the owner of RUNNER_TEMP: in a job container the job runs as root on
// directories the runner's user owns), and no directory may be writable by anyone else (a group counts as someone else
// unless it is provably the owner's private one). The one exception is a sticky directory of root's (/tmp) as a parent:
// there others may make entries, but not rename or remove ours. A place that does not exist yet passes when the
// directory it goes in does; whoever makes it then checks again (another user may have made it first, in /tmp).
//
// Once the check passes, only those trusted users can change the path between the check and the use, so no openat()
// is needed against a swap: another user can no longer make one.

/** A place that another user controls: refused, with the component and the reason, before anything is written. */
export class PlaceRefused extends Error {
  constructor(
    /** The path as checked. */
    readonly place: string,
    /** The component at fault: the place itself, a directory above it, or a link on the way. */
    readonly component: string,
    /** Why, to follow the component's name: "belongs to uid 1001 (runner)". */
    readonly reason: string,
    /** The owner of the component, when that is the fault. */
    readonly owner?: number,
    /** Whether the fault is who controls it (another user) or only what it is (not a directory, a FIFO…). */
    readonly control = owner !== undefined
  ) {
    super(component === place ? `${place} ${reason}` : `${component}, on the way to ${place}, ${reason}`)
    this.name = 'PlaceRefused'
  }
}

/** The users whose files the action may write through: its own, root, and the runner's. */
export interface Trusted {
  uid: number
  gid: number
  owners: ReadonlySet<number>
}

/**
 * The trusted users in this process: the effective user, root, and the owner of RUNNER_TEMP (the runner's user: in a
 * job container, the job runs as root while the runner's directories belong to the runner's user on the host).
 * Undefined where there are no owners to compare (Windows).
 */
export function trustedUsers(env: NodeJS.ProcessEnv = process.env): Trusted | undefined {
  if (!process.geteuid || !process.getegid) return undefined
  const uid = process.geteuid()
  const owners = new Set([uid, 0])
  if (env.RUNNER_TEMP) {
    try {
      const st = fs.lstatSync(env.RUNNER_TEMP)
      // Only a directory whose own place is trusted: RUNNER_TEMP is the runner's word, but its owner must not be a
      // user who merely made a link there.
      if (st.isDirectory()) owners.add(st.uid)
    } catch {
      // not there yet: nothing to add
    }
  }
  return {uid, gid: process.getegid(), owners}
}

/** What the final component is expected to be. */
export type PlaceKind = 'dir' | 'file'

/** A line of /etc/passwd or /etc/group, split, for the few facts the checks need; [] when it cannot be read. */
function databaseLines(file: string): string[][] {
  try {
    // Root's files: read whole, but only as a regular file of a size such a file has.
    return readSmallFile(file, 16 * 1024 * 1024)
      .toString('utf8')
      .split('\n')
      .filter(line => line !== '' && !line.startsWith('#'))
      .map(line => line.split(':'))
  } catch {
    return []
  }
}

function ownerName(uid: number): string {
  const entry = databaseLines('/etc/passwd').find(fields => fields[2] === String(uid))
  return entry ? `uid ${uid} (${entry[0]})` : `uid ${uid}`
}

/**
 * Whether group `gid` is provably the private group of user `uid` (a user-private group, Debian's default): no other
 * user has it as primary group, and it lists no member but that user. A shared primary group (macOS's staff, SUSE's
 * users) is not; nor is any group when the databases cannot be read. Cached: they do not change during a step.
 */
const privateGroups = new Map<string, boolean>()
function isPrivateGroup(gid: number, uid: number): boolean {
  const key = `${gid}:${uid}`
  let known = privateGroups.get(key)
  if (known === undefined) {
    const users = databaseLines('/etc/passwd')
    const owner = users.find(fields => fields[2] === String(uid))?.[0]
    const others = users.filter(fields => fields[3] === String(gid) && fields[2] !== String(uid))
    const group = databaseLines('/etc/group').find(fields => fields[2] === String(gid))
    const members = (group?.[3] ?? '').split(',').filter(m => m !== '' && m !== owner)
    known = owner !== undefined && group !== undefined && others.length === 0 && members.length === 0
    privateGroups.set(key, known)
  }
  return known
}

function modeText(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(3, '0')
}

/**
 * Checks who controls `target` and every directory above it, from the root down, following symlinks only once checked
 * (and resolving `..` in their targets as the kernel does: against the directory reached, not the text); returns the
 * real path it names (links resolved; the part that does not exist yet kept as it is, to be created by the action under
 * a directory that passed). Throws PlaceRefused. On Windows (no owners to compare) it only resolves the path.
 */
export function checkPlace(target: string, kind: PlaceKind, trusted: Trusted | undefined = trustedUsers()): string {
  const place = path.resolve(target)
  if (!trusted) return place
  const refuse = (component: string, reason: string, owner?: number, control = owner !== undefined): PlaceRefused =>
    new PlaceRefused(place, component, reason, owner, control)
  const root = path.parse(place).root
  /** Refuses a directory (on the way, or the place itself when `final`) that another user could write to. */
  const checkDir = (at: string, st: fs.Stats, final: boolean): void => {
    const othersWrite = (st.mode & 0o002) !== 0
    // Group-writable is another user's way in unless the group is provably the owner's private one.
    const groupWrite = (st.mode & 0o020) !== 0 && !isPrivateGroup(st.gid, st.uid)
    const stickyRoot = (st.mode & 0o1000) !== 0 && st.uid === 0
    if ((othersWrite || groupWrite) && (final || !stickyRoot)) {
      throw refuse(at, `may be written to by other users (mode ${modeText(st.mode)}): they could replace what the action writes there`, undefined, true)
    }
  }
  const owned = (at: string, st: fs.Stats): void => {
    if (trusted.owners.has(st.uid)) return
    const what = st.isSymbolicLink() ? 'is a symbolic link of' : st.isDirectory() ? 'is a directory of' : 'belongs to'
    throw refuse(at, `${what} ${ownerName(st.uid)}, another user, who could point it (or what it holds) elsewhere`, st.uid)
  }
  const rootStat = fs.statSync(root)
  owned(root, rootStat)
  let parts = place.split(path.sep).filter(Boolean)
  let real = root
  let hops = 0
  for (let name = parts[0]; name !== undefined; name = parts[0]) {
    const rest = parts.slice(1)
    parts = rest
    if (name === '.') continue
    if (name === '..') {
      // `real` is fully resolved: its parent is the kernel's `..`.
      real = path.dirname(real)
      continue
    }
    const at = path.join(real, name)
    let st: fs.Stats
    try {
      st = fs.lstatSync(at)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // The rest does not exist yet: the action makes it, as its own, in a directory that passed.
      if (code === 'ENOENT') return path.join(at, ...rest.filter(p => p !== '.'))
      throw refuse(at, `cannot be examined (${code ?? (error as Error).message})`)
    }
    owned(at, st)
    if (st.isSymbolicLink()) {
      if (++hops > 40) throw refuse(at, 'has too many levels of symbolic links')
      // Followed only now that its owner is known; its target's components are walked like the rest, from the root
      // for an absolute target, from the link's directory for a relative one.
      const link = fs.readlinkSync(at)
      if (path.isAbsolute(link)) real = path.parse(link).root
      parts = [...link.split(path.sep).filter(Boolean), ...rest]
      continue
    }
    if (st.isDirectory()) {
      checkDir(at, st, false)
      real = at
      continue
    }
    if (rest.some(p => p !== '.')) throw refuse(at, 'is not a directory')
    real = at
    break
  }
  // What the path names in the end: the place itself, checked as what it must be.
  const st = fs.lstatSync(real)
  if (st.isDirectory()) {
    if (kind === 'file') throw refuse(real, 'is a directory, not a file')
    checkDir(real, st, true)
    return real
  }
  if (kind === 'dir') throw refuse(real, 'is not a directory')
  if (!st.isFile()) throw refuse(real, 'is not a regular file')
  const writable = (st.mode & 0o002) !== 0 || ((st.mode & 0o020) !== 0 && !isPrivateGroup(st.gid, st.uid))
  if (writable) throw refuse(real, `may be written to by other users (mode ${modeText(st.mode)}): they could change it between the main and the post step`, undefined, true)
  return real
}

/** A place refused for a step: what chose it (the input or setting), and why (the PlaceRefused). */
export class PlaceError extends UserError {
  constructor(
    readonly what: string,
    readonly refused: PlaceRefused
  ) {
    super(
      `${what}: ${refused.message}. Nothing was written there: on a shared runner the action writes credentials only ` +
        `where no other user can change them. Use a place of this user's own (a directory only it can write to), or ` +
        `have the runner's administrator fix that owner or mode.`
    )
    this.name = 'PlaceError'
  }
}

/**
 * Runs the check of a place for an engine or an input, turning a refusal into the message a user acts on: `what` names
 * the input or the setting that chose the place ("Input 'hosts-dir'", "The Docker config (DOCKER_CONFIG)").
 */
export function checkedPlace(what: string, target: string, kind: PlaceKind, trusted?: Trusted): string {
  try {
    return checkPlace(target, kind, trusted ?? trustedUsers())
  } catch (error) {
    if (!(error instanceof PlaceRefused)) throw error
    throw new PlaceError(what, error)
  }
}
