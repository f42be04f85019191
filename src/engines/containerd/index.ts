import {createHash} from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type {LoginCredential} from '../../credential.js'
import {errorMessage, UserError} from '../../errors.js'
import {Ledger, type Removal, type Slot} from '../../ledger.js'
import {PATH_MAX} from '../../limits.js'
import {OUTPUT} from '../../names.js'
import {readSmallFile, SMALL_FILE_MAX} from '../../read-file.js'
import {isRegistryHost, registryUrl} from '../../registry.js'
import type {Engine, EngineContext, Journal} from '../engine.js'
import {EngineFailure} from '../../failure.js'
import {checkedPlace, trustedUsers} from '../../trust.js'
import {writeFileAtomic, type Owner} from '../../write-file.js'

// The TOML work (./hosts-toml.ts, and the TOML library with it) is loaded when a hosts.toml is first read or written.
type HostsToml = typeof import('./hosts-toml.js')
const loadHostsToml = (): Promise<HostsToml> => import('./hosts-toml.js')

// containerd's registry host configuration (docs/hosts.md): <hosts-dir>/<host[:port]>/hosts.toml. ctr and nerdctl read
// it with --hosts-dir, the CRI plugin through its config_path. A `[host."<url>".header]` table adds headers to every
// request to that host; an Authorization header with Basic credentials authenticates with Basic-auth registries on any
// containerd version.

/** The Authorization header value for a user and password. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/** What our header went into, which is what taking it back out (when the file was changed since) removes. */
export type Added =
  | 'file' // there was no hosts.toml
  | 'table' // there was one, without a table for the registry's URL
  | 'header' // it had that table, without an Authorization header
  | 'replaced' // that table's Authorization header was replaced by ours
  | 'same' // that table already had exactly our Authorization header: it is not ours alone to take out

const ADDED: readonly Added[] = ['file', 'table', 'header', 'replaced', 'same']
/** A hosts.toml as the ledger keeps it: its bytes (base64), mode and owner, so that it comes back exactly. */
export interface HostsFile {
  data: string
  mode: number
  uid: number
  gid: number
}

const bytesOf = (value: HostsFile): Buffer => Buffer.from(value.data, 'base64')
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0

/** Whether a value read back from the ledger is a HostsFile as readHostsFile makes one (at most a small file's bytes). */
export function isHostsFile(value: unknown): value is HostsFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return (
    Object.keys(v).every(k => k === 'data' || k === 'mode' || k === 'uid' || k === 'gid') &&
    typeof v.data === 'string' && v.data.length <= Math.ceil(SMALL_FILE_MAX / 3) * 4 && /^[A-Za-z0-9+/]*={0,2}$/.test(v.data) &&
    Number.isSafeInteger(v.mode) && (v.mode as number) >= 0 && (v.mode as number) <= 0o7777 &&
    isId(v.uid) && isId(v.gid)
  )
}
const digestOf = (value: HostsFile | undefined): string | undefined => (value === undefined ? undefined : sha256(bytesOf(value)))

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
function writeAtomic(file: string, data: Buffer, value: {mode: number; uid: number; gid: number}): void {
  // Another job's post may have removed the emptied directory a moment ago.
  fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700})
  const trusted = trustedUsers()
  const owner: Owner | undefined = trusted === undefined || trusted.owners.has(value.uid) ? {uid: value.uid, gid: value.gid} : undefined
  writeFileAtomic(file, data, {mode: value.mode & 0o777, owner})
}

/** A record that could not be noted (the state file): passed on as it is, not as a failure to write hosts.toml. */
class Unnoted extends Error {
  constructor(readonly error: unknown) {
    super(errorMessage(error))
  }
}

/** Thrown from a slot's first read when the file changed between rendering our value and taking the lock. */
class Moved extends Error {}

/**
 * The ledger's view of one hosts.toml. `expect`: the digest the file had when our value was rendered from it; the
 * first read under the lock checks it, so that a change made in between is merged into instead of overwritten.
 */
function hostsSlot(
  file: string,
  hostUrl: string,
  authorizationSha256: string,
  added: Added,
  toml: HostsToml,
  expect?: {digest: string | undefined}
): Slot<HostsFile> {
  let first = expect !== undefined
  return {
    read() {
      const value = readHostsFile(file)
      if (first) {
        first = false
        if (digestOf(value) !== expect?.digest) throw new Moved('changed meanwhile')
      }
      return value
    },
    write(value) {
      if (value === undefined) fs.rmSync(file, {force: true})
      else writeAtomic(file, bytesOf(value), value)
    },
    digest: value => sha256(bytesOf(value)),
    keepValues: true,
    isValue: isHostsFile,
    strip(current) {
      let text: string | undefined | null
      try {
        text = toml.withoutOurHeader(bytesOf(current).toString('utf8'), hostUrl, authorizationSha256, added)
      } catch (error) {
        throw new Error(
          `it was changed since the main step and is no longer valid TOML (${errorMessage(error).split('\n')[0]}), so our ` +
            `Authorization header for ${hostUrl} could not be taken out: remove it by hand`
        )
      }
      if (text === null || text === undefined) return text
      return {...current, data: Buffer.from(text, 'utf8').toString('base64')}
    }
  }
}

/** Creates `dir` and any missing parents (0700); returns the topmost one it created, undefined when none. */
function makeDirs(dir: string): string | undefined {
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
interface HostsNote {
  created?: string
  target?: string
}

/** The note, with only the paths that are what main could have written: created on the way to `hostDir`. */
function noteOf(note: unknown, hostDir: string): HostsNote {
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

/**
 * What main saved for post about one hosts.toml: small and bounded (a host, two digests, at most two paths), never a
 * secret, never a copy of the file (the ledger in the hosts directory keeps what was there before).
 */
export interface HostsRecord {
  host: string
  scheme: 'https' | 'http'
  /** sha256 of the bytes written. */
  digest: string
  /** sha256 of our Authorization value, to find our header in a file changed since. */
  auth: string
  added: Added
}

const RECORD_KEYS = new Set(['host', 'scheme', 'digest', 'auth', 'added'])
const isSha256 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)
const isPath = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= PATH_MAX && path.isAbsolute(v) && path.normalize(v) === v && !v.includes('\0')

/** Whether `file` holds exactly what the record wrote, or our header in it (a small regular file only). */
function holdsOurs(file: string, record: HostsRecord, toml: HostsToml): boolean {
  try {
    const data = readSmallFile(file, 1024 * 1024)
    if (sha256(data) === record.digest) return true
    return toml.withoutOurHeader(data.toString('utf8'), `${record.scheme}://${record.host}`, record.auth, record.added) !== null
  } catch {
    return false
  }
}

/**
 * Whether `value` is a HostsRecord as main writes it: a registry host, digests, and no path at all (a file outside the
 * hosts directory, where a symlinked hosts.toml points, is known to post only from the ledger's note).
 */
export function isHostsRecord(value: unknown): value is HostsRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const c = value as Record<string, unknown>
  const shaped =
    Object.keys(c).every(k => RECORD_KEYS.has(k)) &&
    typeof c.host === 'string' && isRegistryHost(c.host) &&
    (c.scheme === 'https' || c.scheme === 'http') &&
    isSha256(c.digest) && isSha256(c.auth) &&
    ADDED.includes(c.added as Added)
  return shaped
}

// Any of these on PATH means containerd is in use on this runner; hosts.toml serves all of them.
const CONTAINERD_TOOLS = ['ctr', 'nerdctl', 'containerd']

/** The CA files' text; a file that is not a regular one, or too big to be a CA bundle, is skipped (never waited on). */
function readCa(files: string[]): string[] {
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
function fileOf(record: HostsRecord, hostsDir: string, note: HostsNote | undefined): string | undefined {
  if (note?.target !== undefined) return note.target
  const file = path.join(hostsDir, record.host, 'hosts.toml')
  return fs.lstatSync(file, {throwIfNoEntry: false})?.isSymbolicLink() ? undefined : file
}

function said(removal: Removal | 'gone' | 'cleaned', record: HostsRecord, exists: boolean): string {
  const before = record.added === 'file' ? '' : '; the hosts.toml that was there before the job was not put back'
  switch (removal) {
    case 'removed':
      return 'removed'
    case 'restored':
      return 'restored to what it was before'
    case 'uncovered':
      return 'handed back to the login of another job that is still running (its post step removes it)'
    case 'superseded':
      return 'holds a newer login of another job that is still running: left to it (ours will not come back after it)'
    case 'stripped':
      return `changed since the main step: took out only our Authorization header${record.added === 'replaced' ? ' (the one it replaced is not put back)' : ''}`
    case 'cleaned':
      return 'still held our Authorization header, but the ledger of the hosts directory had no note of it: took out only that header'
    case 'handed-over':
      return 'left for another job that is still running, whose login ours had replaced (its post step removes it)'
    case 'removed-untracked':
    case 'lost':
      return `still held exactly our credential, but the ledger of the hosts directory had no note of it: removed${before}`
    case 'gone':
      return `is gone, with its hosts directory: nothing of ours is left${before}`
    case 'changed':
    case 'already':
      return exists ? 'no longer holds our credential: left as it is' : `is gone (a later step deleted it): nothing of ours is left${before}`
  }
}

/** The containerd engine: a hosts.toml per registry in the hosts directory, which ctr, nerdctl and the CRI read. */
export function containerdEngine(context: EngineContext): Engine<HostsRecord> {
  const {hostsDir} = context.places
  const ledger = new Ledger(hostsDir, {lock: context.lock, warn: context.warn, env: context.env})
  const uid = process.getuid?.() ?? 0
  const gid = process.getgid?.() ?? 0
  const WHAT = `The containerd hosts directory ('hosts-dir', ${hostsDir})`

  /** Checks the registry with what hosts.toml will carry; a warning where Node cannot see what containerd would. */
  async function check(url: string, authorization: string, existing: string | undefined, dir: string): Promise<void> {
    const {checkRegistry} = await import('../shared/registry-check.js')
    const {caFiles, skipVerify} = (await loadHostsToml()).tlsSettings(existing, url, dir)
    const warning = await checkRegistry({url, authorization, extraCa: readCa(caFiles), skipVerify, env: context.env})
    if (warning) context.warn(warning)
  }

  /** The registry check for a credential: started once (by prepare, or else by login), awaited by login. */
  const checks = new Map<string, Promise<void>>()
  function checked(credential: LoginCredential): Promise<void> {
    const url = registryUrl(credential.registry)
    const authorization = basicAuthorization(credential.username, credential.password)
    const key = `${url} ${sha256(authorization)}`
    let started = checks.get(key)
    if (started === undefined) {
      const hostDir = path.join(hostsDir, credential.registry.host)
      let existing: string | undefined
      try {
        // Through the bounded reader: a FIFO or /dev/zero planted there is refused, never waited on or read whole.
        existing = readSmallFile(path.join(hostDir, 'hosts.toml')).toString('utf8')
      } catch {
        // none, or unreadable: the write says why
      }
      started = check(url, authorization, existing, hostDir)
      checks.set(key, started)
    }
    return started
  }

  /** Lays our hosts.toml on the ledger, merged into what is there; notes the record first. Returns record and file. */
  async function write(
    credential: {registry: {scheme: 'https' | 'http'; host: string}},
    authorization: string,
    journal: Journal<HostsRecord>,
    created: string | undefined
  ): Promise<{record: HostsRecord; file: string}> {
    const {host, scheme} = credential.registry
    const hostUrl = registryUrl(credential.registry)
    const link = path.join(hostsDir, host, 'hosts.toml')
    const toml = await loadHostsToml()
    for (let attempt = 1; ; attempt++) {
      // A hosts.toml that is a symlink (config management often links them) is changed where it points, so the link
      // itself stays as it is; the rename would otherwise replace the link with a plain file. Only a link of a user
      // the action trusts is followed, to a file whose every directory passes the same check (trust.ts).
      const resolved = checkedPlace(WHAT, link, 'file')
      const target = fs.lstatSync(link, {throwIfNoEntry: false})?.isSymbolicLink() ? resolved : undefined
      if (target !== undefined && !fs.existsSync(target)) throw new Error(`${link} is a symlink to a file that does not exist`)
      const file = target ?? link
      const before = readHostsFile(file)
      const existing = before && bytesOf(before).toString('utf8')
      let text: string
      let added: Added
      try {
        text = toml.renderHostsToml(hostUrl, authorization, existing)
        added = toml.whatWeAdd(hostUrl, existing, sha256(authorization))
      } catch (error) {
        throw new Error(`the existing ${file} is not valid TOML, so it was left as it is (${errorMessage(error).split('\n')[0]})`)
      }
      const auth = sha256(authorization)
      const record: HostsRecord = {
        host,
        scheme,
        digest: sha256(text),
        auth,
        added,
      }
      const value: HostsFile = {data: Buffer.from(text, 'utf8').toString('base64'), mode: 0o600, uid, gid}
      // Noted before the write: if this process dies after it, post still takes our header out.
      try {
        journal.add(record)
      } catch (error) {
        throw new Unnoted(error)
      }
      try {
        // The directories main created go in the ledger, not the saved state: post removes directories only on its word
        // (a changed state cannot point it at others), and the state stays small however deep the path.
        const note: HostsNote | undefined =
          created === undefined && target === undefined ? undefined : {...(created !== undefined ? {created} : {}), ...(target !== undefined ? {target} : {})}
        await ledger.push(host, context.run, hostsSlot(file, hostUrl, auth, added, toml, {digest: digestOf(before)}), value, note)
        return {record, file}
      } catch (error) {
        journal.drop(record)
        // Another job changed the file between our read and our lock: merge into what it wrote instead.
        if (error instanceof Moved && attempt < 5) continue
        throw error
      }
    }
  }

  return {
    name: 'containerd',
    place: 'hostsDir',
    tools: CONTAINERD_TOOLS,
    removal: `the Authorization header taken out of <registry>/hosts.toml under 'hosts-dir'`,

    async detect() {
      const paths = await Promise.all(CONTAINERD_TOOLS.map(tool => context.which(tool)))
      return CONTAINERD_TOOLS.filter((_, i) => paths[i])
    },

    // Writing files needs no tool: asked for by name, containerd always works (the file waits for its reader).
    unusable: async () => undefined,

    describe: () => `containerd hosts directory: ${hostsDir}`,

    checkPlace() {
      checkedPlace(WHAT, hostsDir, 'dir')
    },

    async holds(record) {
      const note = noteOf(ledger.noteOf(record.host, context.run), path.join(hostsDir, record.host))
      const file = fileOf(record, hostsDir, note)
      return file !== undefined && holdsOurs(file, record, await loadHostsToml())
    },

    byHand: record =>
      `remains in ${path.join(hostsDir, record.host, 'hosts.toml')}: take the Authorization header for ` +
      `${record.scheme}://${record.host} out of that file (or delete the file, if it held nothing else)`,

    outputs: used => ({[OUTPUT.hostsDir]: used ? hostsDir : ''}),

    prepare(credential) {
      // Settled here too: if an engine before this one fails, login never awaits it.
      checked(credential).catch(() => undefined)
    },

    async login(credential, journal) {
      const {host} = credential.registry
      const hostDir = path.join(hostsDir, host)
      const authorization = basicAuthorization(credential.username, credential.password)
      // The registry first, with the scheme and credential the file will carry: nothing is written for a wrong one.
      await checked(credential)

      let created: string | undefined
      try {
        // The hosts directory again, now, and the registry's own directory under it, before anything is made there.
        checkedPlace(WHAT, hostDir, 'dir')
        created = makeDirs(hostDir)
        const {record, file} = await write(credential, authorization, journal, created)
        return {record, summary: `containerd (${file})`}
      } catch (error) {
        removeEmptyDirs(hostDir, created)
        if (error instanceof Unnoted || error instanceof UserError) throw error instanceof Unnoted ? error.error : error
        throw new EngineFailure('other', `could not write containerd credentials: ${errorMessage(error)}. Check 'hosts-dir' (${hostsDir}).`, '')
      }
    },

    async undo(record) {
      const hostDir = path.join(hostsDir, record.host)
      const note = noteOf(ledger.noteOf(record.host, context.run), hostDir)
      const file = fileOf(record, hostsDir, note)
      if (file === undefined) {
        return `containerd ${path.join(hostDir, 'hosts.toml')} is now a symlink that main did not write through: left as it is`
      }
      if (!fs.existsSync(hostsDir)) return `containerd ${file} ${said('gone', record, false)}`
      const hostUrl = `${record.scheme}://${record.host}`
      const toml = await loadHostsToml()
      const slot = hostsSlot(file, hostUrl, record.auth, record.added, toml)
      let removal: Removal | 'cleaned' = await ledger.pop(record.host, context.run, slot, record.digest, record.added === 'same' ? 'same' : 'none')
      if (removal === 'already' && record.added !== 'same' && !ledger.tracks(record.host) && holdsOurs(file, record, toml)) {
        // No note of ours, nor of any live run, in the ledger (it was deleted, say), yet our header is in the file: take it
        // out all the same. With a live run noted, the header may be that run's (the same credential): it stays.
        await ledger.locked(async () => {
          const current = readHostsFile(file)
          const stripped = current && slot.strip?.(current, current)
          if (stripped !== null && current !== undefined) await slot.write(stripped)
        })
        removal = 'cleaned'
      }
      // Without the ledger's word, only the registry's own directory (inside hosts-dir), if it is empty.
      removeEmptyDirs(hostDir, note.created ?? hostDir)
      return `containerd ${file} ${said(removal, record, fs.existsSync(file))}`
    },

    release: record => ledger.release(record.host, context.run),

    owns: (record): record is HostsRecord => isHostsRecord(record),

    label: record => ({host: record.host, thing: `the credential from ${path.join(hostsDir, record.host, 'hosts.toml')}`})
  }
}
