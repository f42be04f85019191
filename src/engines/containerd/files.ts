import * as fs from 'node:fs'
import * as path from 'node:path'
import {PATH_MAX} from '../../limits.js'
import {readSmallFile, SMALL_FILE_MAX} from '../../read-file.js'
import {trustedUsers} from '../../trust.js'
import {writeFileAtomic, type Owner} from '../../write-file.js'
import {sha256, type HostsRecord} from './record.js'

// The containerd engine's file work in the hosts directory: a hosts.toml read and written whole (bytes, mode, owner),
// the directories made on the way to <hosts-dir>/<host> and removed again when empty, and the paths the ledger's note
// keeps for post. No TOML here: what a hosts.toml says is ./hosts-toml.ts, loaded only when needed.

/** A hosts.toml as the ledger keeps it: its bytes (base64), mode and owner, so that it comes back exactly. */
export interface HostsFile {
  data: string
  mode: number
  uid: number
  gid: number
}

/** A kept file's bytes. */
export const bytesOf = (value: HostsFile): Buffer => Buffer.from(value.data, 'base64')
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0

/** Whether a value read back from the ledger is a HostsFile as readHostsFile makes one (at most a small file's bytes). */
export function isHostsFile(value: unknown): value is HostsFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return (
    Object.keys(v).every(k => k === 'data' || k === 'mode' || k === 'uid' || k === 'gid') &&
    typeof v.data === 'string' &&
    v.data.length <= Math.ceil(SMALL_FILE_MAX / 3) * 4 &&
    /^[A-Za-z0-9+/]*={0,2}$/.test(v.data) &&
    Number.isSafeInteger(v.mode) &&
    (v.mode as number) >= 0 &&
    (v.mode as number) <= 0o7777 &&
    isId(v.uid) &&
    isId(v.gid)
  )
}

/** The digest of a file's bytes as the ledger compares them; undefined for no file. */
export const digestOf = (value: HostsFile | undefined): string | undefined => (value === undefined ? undefined : sha256(bytesOf(value)))

/** The file as it is (through a symlink), or undefined when there is none. */
export function readHostsFile(file: string): HostsFile | undefined {
  let data: Buffer
  let st: fs.Stats
  try {
    // Never a FIFO or a huge file someone put in its place: those would hold the step with no deadline.
    data = readSmallFile(file)
    st = fs.statSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw error
  }
  return {data: data.toString('base64'), mode: st.mode & 0o777, uid: st.uid, gid: st.gid}
}

/**
 * Writes `file` through a temporary file and a rename, so that containerd never reads half a file. What a value says of
 * mode and owner is data (a ledger's, maybe): only the permission bits are ever set (never set-uid, set-gid or sticky),
 * and the file is given only to a user the action trusts (trust.ts), else it stays the action's own.
 */
export function writeAtomic(file: string, data: Buffer, value: {mode: number; uid: number; gid: number}): void {
  // Another job's post may have removed the emptied directory a moment ago.
  fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700})
  const trusted = trustedUsers()
  const owner: Owner | undefined = trusted === undefined || trusted.owners.has(value.uid) ? {uid: value.uid, gid: value.gid} : undefined
  writeFileAtomic(file, data, {mode: value.mode & 0o777, owner})
}

/** Creates `dir` and any missing parents (0700); returns the topmost one it created, undefined when none. */
export function makeDirs(dir: string): string | undefined {
  let top: string | undefined
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    top = d
    if (path.dirname(d) === d) break
  }
  fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  return top
}

/**
 * Removes `dir` and its parents up to `top` (included), as long as they are empty: someone may have put files there
 * since; those stay, and so does every directory above them.
 */
export function removeEmptyDirs(dir: string, top: string | undefined): void {
  if (top === undefined || !isAtOrAbove(top, dir)) return
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      fs.rmdirSync(d)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return
    }
    if (d === top || path.dirname(d) === d) return
  }
}

/**
 * What main notes in the hosts directory's ledger with its layer, for post: the topmost directory it created on the way
 * to <hosts-dir>/<host>, and the file it wrote when hosts.toml was a symlink. Paths live there, never in the saved
 * state: a changed state cannot point post at other files or directories, and the state stays small.
 */
export interface HostsNote {
  created?: string
  target?: string
}

/** The note, with only the paths that are what main could have written: created on the way to `hostDir`. */
export function noteOf(note: unknown, hostDir: string): HostsNote {
  const n = (typeof note === 'object' && note !== null ? note : {}) as Record<string, unknown>
  return {
    ...(isPath(n.created) && isAtOrAbove(n.created, hostDir) ? {created: n.created} : {}),
    ...(isPath(n.target) ? {target: n.target} : {})
  }
}

/** Whether `dir` is `inside` or a directory above it. */
function isAtOrAbove(dir: string, inside: string): boolean {
  return dir === inside || inside.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep)
}

const isPath = (v: unknown): v is string => typeof v === 'string' && v.length <= PATH_MAX && path.isAbsolute(v) && path.normalize(v) === v && !v.includes('\0')

/** The CA files' text; a file that is not a regular one, or too big to be a CA bundle, is skipped (never waited on). */
export function readCa(files: string[]): string[] {
  return files.flatMap(file => {
    try {
      return [readSmallFile(file).toString('utf8')]
    } catch {
      return [] // containerd would fail on it too, with its own message
    }
  })
}

/**
 * The hosts.toml a record is about: where main wrote (through a symlink, the target the ledger's note names), or
 * undefined when that is now a symlink main did not write through.
 */
export function fileOf(record: HostsRecord, hostsDir: string, note: HostsNote | undefined): string | undefined {
  if (note?.target !== undefined) return note.target
  const file = path.join(hostsDir, record.host, 'hosts.toml')
  return fs.lstatSync(file, {throwIfNoEntry: false})?.isSymbolicLink() ? undefined : file
}
