import {createHash, randomBytes} from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {parse, stringify} from 'smol-toml'
import {discardCopy, isOwnCopy, keepCopy} from '../copies.js'
import {errorMessage} from '../errors.js'
import {OUTPUT} from '../names.js'
import {isRegistryHost, registryUrl} from '../registry.js'
import type {Engine, EngineContext} from './engine.js'
import {EngineFailure} from './failure.js'

// containerd's registry host configuration (docs/hosts.md): <hosts-dir>/<host[:port]>/hosts.toml. ctr and nerdctl read
// it with --hosts-dir, the CRI plugin through its config_path. A `[host."<url>".header]` table adds headers to every
// request to that host; an Authorization header with Basic credentials authenticates with Basic-auth registries on any
// containerd version.

type TomlTable = Record<string, unknown>

/** What writing one hosts.toml changed: enough for post to put the file back as it was, or take our header out. */
export interface HostsFileChange {
  host: string
  /** Absolute path of the hosts.toml written (the target, when <hosts-dir>/<host>/hosts.toml is a symlink). */
  file: string
  /** <hosts-dir>/<host>/hosts.toml when it was a symlink to `file`. */
  link?: string
  /** sha256 of the bytes written: post restores blindly only if the file is still exactly that. */
  writtenSha256: string
  /** sha256 of the Authorization value we set, to find our header in a file someone changed since. */
  authorizationSha256: string
  /** The `[host."<url>"]` key we set the header under. */
  hostUrl: string
  /** Where the file's original bytes were kept (mode 0600); absent when there was no file. */
  backupFile?: string
  /** The file's original mode and owner, to restore with the bytes. */
  originalMode?: number
  originalOwner?: {uid: number; gid: number}
  /** Directories main created for the file, deepest first: post removes them when they are empty. */
  createdDirs: string[]
}

/** The Authorization header value for a user and password. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

/**
 * The hosts.toml text that gives containerd our credential for `hostUrl`. With no existing file: `server` and one host
 * table with pull/resolve/push. With an existing file (mirrors, a CA, other headers): everything in it is kept, and only
 * the Authorization header of `[host."<hostUrl>"]` is added or replaced; when that table is new it goes last, so the
 * file's own mirrors are still tried first. Throws when `existing` is not valid TOML.
 */
export function renderHostsToml(hostUrl: string, authorization: string, existing?: string): string {
  const doc: TomlTable = existing === undefined ? {server: hostUrl} : (parse(existing) as TomlTable)
  const hosts: TomlTable = isTable(doc.host) ? doc.host : {}
  const entry: TomlTable = isTable(hosts[hostUrl]) ? (hosts[hostUrl] as TomlTable) : {capabilities: ['pull', 'resolve', 'push']}
  const header: TomlTable = isTable(entry.header) ? entry.header : {}
  // containerd matches header names as written; drop any other spelling so only one Authorization is sent.
  for (const name of Object.keys(header)) if (name.toLowerCase() === 'authorization') delete header[name]
  header.Authorization = [authorization]
  entry.header = header
  hosts[hostUrl] = entry
  doc.host = hosts
  return `${stringify(doc)}\n`
}

/**
 * Takes our credential back out of a hosts.toml that was changed after we wrote it, keeping the other changes.
 * `original` is the file as it was before us (undefined: there was none). Returns the new text, undefined when nothing
 * but our own table would be left (the file should go), or null when our header is no longer there.
 */
export function withoutOurHeader(
  current: string,
  hostUrl: string,
  authorizationSha256: string,
  original: string | undefined
): string | undefined | null {
  const doc = parse(current) as TomlTable
  const hosts = isTable(doc.host) ? doc.host : undefined
  const entry = hosts && isTable(hosts[hostUrl]) ? (hosts[hostUrl] as TomlTable) : undefined
  const header = entry && isTable(entry.header) ? entry.header : undefined
  const value = header?.Authorization
  const values = Array.isArray(value) ? value : [value]
  if (!hosts || !entry || !header || !values.some(v => typeof v === 'string' && sha256(v) === authorizationSha256)) {
    return null
  }
  const originalDoc = original === undefined ? undefined : (parse(original) as TomlTable)
  const originalHosts = originalDoc && isTable(originalDoc.host) ? originalDoc.host : undefined
  const originalEntry = originalHosts && isTable(originalHosts[hostUrl]) ? (originalHosts[hostUrl] as TomlTable) : undefined
  if (!originalEntry) {
    delete hosts[hostUrl]
  } else {
    const originalHeader = isTable(originalEntry.header) ? originalEntry.header : {}
    const originalAuth = Object.keys(originalHeader).find(k => k.toLowerCase() === 'authorization')
    delete header.Authorization
    if (originalAuth !== undefined) header[originalAuth] = originalHeader[originalAuth]
    if (Object.keys(header).length === 0) delete entry.header
  }
  if (Object.keys(hosts).length === 0) delete doc.host
  if (original === undefined && Object.keys(doc).every(k => k === 'server')) return undefined
  return `${stringify(doc)}\n`
}

/** Writes `file` through a temporary file and a rename, so that containerd never reads half a file. */
function writeAtomic(file: string, data: string | Buffer, mode: number, owner?: {uid: number; gid: number}): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    fs.writeFileSync(tmp, data, {mode})
    fs.chmodSync(tmp, mode) // the umask may have narrowed it
    if (owner && (owner.uid !== process.getuid?.() || owner.gid !== process.getgid?.())) {
      try {
        fs.chownSync(tmp, owner.uid, owner.gid)
      } catch {
        // Not root: the file stays ours. Only root can give it back, and only root could have replaced it anyway.
      }
    }
    fs.renameSync(tmp, file)
  } catch (error) {
    fs.rmSync(tmp, {force: true})
    throw error
  }
}

/** Creates `dir` and any missing parents with mode 0700; returns the ones it created, deepest first. */
function makeDirs(dir: string): string[] {
  const missing: string[] = []
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d)
    if (path.dirname(d) === d) break
  }
  fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  return missing
}

/**
 * Removes the directories main created, deepest first, as long as they are empty (someone may have put files there;
 * those stay, and so do their parents). A parent shared by several hosts is in the record of the first host only, the
 * one that created it; post undoes records last first, so it empties out after the other hosts' directories go.
 */
export function removeEmptyDirs(dirs: Iterable<string>): void {
  const deepestFirst = [...new Set(dirs)].sort((a, b) => b.length - a.length)
  for (const dir of deepestFirst) {
    try {
      fs.rmdirSync(dir)
    } catch {
      // not empty, or already gone
    }
  }
}

/**
 * Writes our credential into `<hostsDir>/<host>/hosts.toml` (directories 0700, file 0600, replaced atomically). An
 * existing file is merged into and its original bytes kept aside for post. On failure nothing is left: no file, no
 * directory, no backup.
 */
export function writeHostsFile(
  hostsDir: string,
  host: string,
  hostUrl: string,
  authorization: string,
  tempDir: string
): HostsFileChange {
  const dir = path.join(hostsDir, host)
  let file = path.join(dir, 'hosts.toml')
  const createdDirs = makeDirs(dir)
  let backupFile: string | undefined
  try {
    // A hosts.toml that is a symlink (config management often links them) is changed where it points, so the link
    // itself stays as it is; the rename below would otherwise replace the link with a plain file.
    let link: string | undefined
    if (fs.lstatSync(file, {throwIfNoEntry: false})?.isSymbolicLink()) {
      link = file
      try {
        file = fs.realpathSync(file)
      } catch {
        throw new Error(`${file} is a symlink to a file that does not exist`)
      }
    }
    let original: Buffer | undefined
    let originalMode: number | undefined
    let originalOwner: {uid: number; gid: number} | undefined
    if (fs.existsSync(file)) {
      original = fs.readFileSync(file)
      const st = fs.statSync(file)
      originalMode = st.mode & 0o777
      originalOwner = {uid: st.uid, gid: st.gid}
    }
    let text: string
    try {
      text = renderHostsToml(hostUrl, authorization, original?.toString('utf8'))
    } catch (error) {
      throw new Error(`the existing ${file} is not valid TOML, so it was left as it is (${(error as Error).message.split('\n')[0]})`)
    }
    if (original !== undefined) backupFile = keepCopy(original, 'hosts.toml', tempDir)
    writeAtomic(file, text, 0o600)
    return {
      host,
      file,
      ...(link !== undefined ? {link} : {}),
      hostUrl,
      writtenSha256: sha256(text),
      authorizationSha256: sha256(authorization),
      ...(backupFile !== undefined ? {backupFile, originalMode, originalOwner} : {}),
      createdDirs
    }
  } catch (error) {
    if (backupFile) discardCopy(backupFile)
    removeEmptyDirs(createdDirs)
    throw error
  }
}

/** What undoing a hosts.toml change did, for the log. */
export type UndoResult = 'removed' | 'restored' | 'cleaned' | 'untouched'

/**
 * Undoes writeHostsFile. If the file is still exactly what we wrote, the original comes back byte for byte (or the file
 * goes, when there was none). If someone changed it since, only our header is taken out and their changes stay.
 */
export function undoHostsFile(change: HostsFileChange): UndoResult {
  const original = change.backupFile !== undefined ? fs.readFileSync(change.backupFile) : undefined
  let current: Buffer | undefined
  try {
    current = fs.readFileSync(change.file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  let result: UndoResult
  if (current === undefined || sha256(current) === change.writtenSha256) {
    if (original !== undefined) {
      writeAtomic(change.file, original, change.originalMode ?? 0o600, change.originalOwner)
      result = 'restored'
    } else {
      fs.rmSync(change.file, {force: true})
      result = current === undefined ? 'untouched' : 'removed'
    }
  } else {
    const text = withoutOurHeader(current.toString('utf8'), change.hostUrl, change.authorizationSha256, original?.toString('utf8'))
    if (text === null) {
      result = 'untouched'
    } else if (text === undefined) {
      fs.rmSync(change.file, {force: true})
      result = 'removed'
    } else {
      writeAtomic(change.file, text, change.originalMode ?? (fs.statSync(change.file).mode & 0o7777), change.originalOwner)
      result = 'cleaned'
    }
  }
  removeEmptyDirs(change.createdDirs)
  if (change.backupFile !== undefined) discardCopy(change.backupFile)
  return result
}

// Any of these on PATH means containerd is in use on this runner; hosts.toml serves all of them.
const CONTAINERD_TOOLS = ['ctr', 'nerdctl', 'containerd']

const isString = (v: unknown): v is string => typeof v === 'string'
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0
// A hosts.toml's permission bits: never set-user-ID, set-group-ID or sticky, which a restore would otherwise set.
const isFileMode = (v: unknown): v is number => isCount(v) && v <= 0o777

/** Whether `dir` is `inside` or a directory above it. */
function isAtOrAbove(dir: string, inside: string): boolean {
  return dir === inside || inside.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep)
}

/** Whether a file still holds the Authorization header a change set (exactly what was written, or our header in it). */
function holdsOurHeader(change: HostsFileChange): boolean {
  let text: string
  try {
    text = fs.readFileSync(change.file, 'utf8')
  } catch {
    return false
  }
  if (sha256(text) === change.writtenSha256) return true
  try {
    return withoutOurHeader(text, change.hostUrl, change.authorizationSha256, undefined) !== null
  } catch {
    return false
  }
}

/**
 * Whether `value` is a HostsFileChange that stays where this engine may write: its file is <hostsDir>/<host>/hosts.toml,
 * or where that symlink points now, or (when it was a symlink, since removed or pointed elsewhere) a file that still
 * holds our own header; its directories are on the way to it, and its copy is one of ours.
 */
export function isHostsFileChange(value: unknown, hostsDir: string, tempDir: string): value is HostsFileChange {
  if (typeof value !== 'object' || value === null) return false
  const c = value as Record<string, unknown>
  const owner = c.originalOwner as Record<string, unknown> | undefined
  const shaped =
    isString(c.host) && isString(c.file) && isString(c.hostUrl) && isString(c.writtenSha256) && isString(c.authorizationSha256) &&
    (c.backupFile === undefined || isString(c.backupFile)) &&
    (c.link === undefined || isString(c.link)) &&
    (c.originalMode === undefined || isFileMode(c.originalMode)) &&
    (owner === undefined || (typeof owner === 'object' && owner !== null && isCount(owner.uid) && isCount(owner.gid))) &&
    Array.isArray(c.createdDirs) && c.createdDirs.every(isString)
  if (!shaped || !isRegistryHost(c.host as string)) return false
  const hostDir = path.join(hostsDir, c.host as string)
  const expected = path.join(hostDir, 'hosts.toml')
  let target = expected
  try {
    target = fs.realpathSync(expected)
  } catch {
    // gone since: then only the plain path is ours
  }
  if (c.link !== undefined && c.link !== expected) return false
  if (c.file !== expected && c.file !== target && !(c.link !== undefined && holdsOurHeader(c as unknown as HostsFileChange))) return false
  if (!(c.createdDirs as string[]).every(d => path.isAbsolute(d) && isAtOrAbove(d, hostDir))) return false
  return c.backupFile === undefined || isOwnCopy(c.backupFile as string, tempDir)
}

const SAID: Record<UndoResult, string> = {
  removed: 'removed',
  restored: 'restored to what it was before',
  cleaned: 'changed since the main step: took out only our Authorization header',
  untouched: 'no longer holds our credential: left as it is'
}

/** The containerd engine: a hosts.toml per registry in the hosts directory, which ctr, nerdctl and the CRI read. */
export function containerdEngine(context: EngineContext): Engine<HostsFileChange> {
  const {hostsDir, tempDir} = context.places
  return {
    name: 'containerd',
    place: 'hostsDir',
    tools: CONTAINERD_TOOLS,

    async detect() {
      const paths = await Promise.all(CONTAINERD_TOOLS.map(tool => context.which(tool)))
      return CONTAINERD_TOOLS.filter((_, i) => paths[i])
    },

    // Writing files needs no tool: asked for by name, containerd always works (the file waits for its reader).
    unusable: async () => undefined,

    describe: () => `containerd hosts directory: ${hostsDir}`,

    outputs: used => ({[OUTPUT.hostsDir]: used ? hostsDir : ''}),

    async login(credential, journal) {
      let change: HostsFileChange
      try {
        change = writeHostsFile(
          hostsDir,
          credential.registry.host,
          registryUrl(credential.registry),
          basicAuthorization(credential.username, credential.password),
          tempDir
        )
      } catch (error) {
        throw new EngineFailure('other', `could not write containerd credentials: ${errorMessage(error)}. Check 'hosts-dir' (${hostsDir}).`, '')
      }
      // Noted after the write: writeHostsFile leaves nothing behind when it fails, and the rename is its one change.
      try {
        journal.add(change)
      } catch (error) {
        // Post would not know of the file: take it back rather than leave a credential nobody removes.
        undoHostsFile(change)
        throw error
      }
      return {record: change, summary: `containerd (${change.file})`}
    },

    async undo(change) {
      return `containerd ${change.file} ${SAID[undoHostsFile(change)]}`
    },

    owns: (record): record is HostsFileChange => isHostsFileChange(record, hostsDir, tempDir),

    label: change => ({host: change.host, thing: `the credential from ${change.file}`})
  }
}
