import * as fs from 'node:fs'
import * as path from 'node:path'
import {UserError} from './errors.js'

// Who controls a place the action writes to. On a shared self-hosted runner another user may have made, or may be
// able to change, a directory on the way to a place (a hosts directory, a Docker config directory, an auth file), a
// file in it, or a symlink there: whatever the action then writes, as its own user (root, often), would go where that
// user chose, and whatever it reads back (a ledger that says which bytes, mode and owner to restore) would be theirs.
// So before the first write, and again before post acts, every component of the path is checked, from the root down,
// without following a link it has not checked: each directory, symlink and the file itself must belong to the action's
// user, to root, or to the runner's own user (the owner of RUNNER_TEMP: in a job container the job runs as root on
// directories the runner's user owns), and no directory may be writable by anyone else. The one exception is a sticky
// directory of root's (/tmp) as a parent: there others may make entries, but not rename or remove ours.
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
    readonly owner?: number
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

function ownerName(uid: number): string {
  try {
    // /etc/passwd is root's: a plain read, bounded by what a passwd file can be.
    const line = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find(l => l.split(':')[2] === String(uid))
    return line ? `uid ${uid} (${line.split(':')[0]})` : `uid ${uid}`
  } catch {
    return `uid ${uid}`
  }
}

function modeText(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(3, '0')
}

/**
 * Checks who controls `target` and every directory above it, following symlinks only once checked; returns the real
 * path it names (symlinks resolved; the part that does not exist yet kept as it is, to be created by the action under
 * a directory that passed). Throws PlaceRefused. On Windows (no owners to compare) it only resolves the path.
 */
export function checkPlace(target: string, kind: PlaceKind, trusted: Trusted | undefined = trustedUsers()): string {
  const place = path.resolve(target)
  if (!trusted) return place
  const refuse = (component: string, reason: string, owner?: number): PlaceRefused => new PlaceRefused(place, component, reason, owner)
  let parts = place.split(path.sep).filter(Boolean)
  let real = path.parse(place).root
  for (let hops = 0; parts.length > 0; ) {
    const [name, ...rest] = parts
    const at = path.join(real, name)
    const last = rest.length === 0
    let st: fs.Stats
    try {
      st = fs.lstatSync(at)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // The rest does not exist yet: the action makes it, as its own, in a directory that passed.
      if (code === 'ENOENT') return path.join(at, ...rest)
      throw refuse(at, `cannot be examined (${code ?? (error as Error).message})`)
    }
    if (!trusted.owners.has(st.uid)) {
      const what = st.isSymbolicLink() ? 'is a symbolic link of' : st.isDirectory() ? 'is a directory of' : 'belongs to'
      throw refuse(at, `${what} ${ownerName(st.uid)}, another user, who could point it (or what it holds) elsewhere`, st.uid)
    }
    if (st.isSymbolicLink()) {
      if (++hops > 40) throw refuse(at, 'has too many levels of symbolic links')
      // Followed only now that its owner is known; what it points to is checked from the root down, like the rest.
      const resolved = path.resolve(real, fs.readlinkSync(at))
      parts = [...resolved.split(path.sep).filter(Boolean), ...rest]
      real = path.parse(resolved).root
      continue
    }
    if (st.isDirectory()) {
      if (last && kind === 'file') throw refuse(at, 'is a directory, not a file')
      const othersWrite = (st.mode & 0o002) !== 0
      // Group-writable is another user's way in unless the group is the owner's own private one.
      const groupWrite = (st.mode & 0o020) !== 0 && !(st.uid === trusted.uid && st.gid === trusted.gid)
      const stickyRoot = (st.mode & 0o1000) !== 0 && st.uid === 0
      if ((othersWrite || groupWrite) && (last || !stickyRoot)) {
        throw refuse(at, `may be written to by other users (mode ${modeText(st.mode)}): they could replace what the action writes there`)
      }
      real = at
      parts = rest
      continue
    }
    if (!last) throw refuse(at, 'is not a directory')
    if (kind === 'dir') throw refuse(at, 'is not a directory')
    if (!st.isFile()) throw refuse(at, 'is not a regular file')
    if ((st.mode & 0o022) !== 0 && !(st.uid === trusted.uid && st.gid === trusted.gid && (st.mode & 0o002) === 0)) {
      throw refuse(at, `may be written to by other users (mode ${modeText(st.mode)}): they could change it between the main and the post step`)
    }
    return at
  }
  return real
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
    throw new UserError(
      `${what}: ${error.message}. Nothing was written there: on a shared runner the action writes credentials only ` +
        `where no other user can change them. Use a place of this user's own (a directory only it can write to), or ` +
        `have the runner's administrator fix that owner or mode.`
    )
  }
}
