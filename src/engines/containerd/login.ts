import * as fs from 'node:fs'
import * as path from 'node:path'
import type {LoginCredential} from '../../credential.js'
import {errorMessage, UserError} from '../../errors.js'
import {memo} from '../../memo.js'
import {EngineFailure} from '../../failure.js'
import {Ledger, type Removal} from '../../ledger.js'
import {readSmallFile} from '../../read-file.js'
import {registryUrl} from '../../registry.js'
import {checkedPlace} from '../../trust.js'
import type {EngineContext, Journal} from '../engine.js'
import {bytesOf, digestOf, fileOf, makeDirs, noteOf, readCa, readHostsFile, removeEmptyDirs, type HostsFile, type HostsNote} from './files.js'
import {hostsDirWhat, type ContainerdWork} from './index.js'
import {basicAuthorization, sha256, type Added, type HostsRecord} from './record.js'
import {holdsOurs, hostsSlot, Moved, type HostsToml} from './slot.js'

// What the containerd engine does, as opposed to what it is (./index.ts): the registry check, hosts.toml merged under
// the ledger of the hosts directory, and its removal. Loaded when there is such work, so that a job that uses only
// docker does not load it, nor its file and slot code.

// The TOML work (./hosts-toml.ts, and the TOML library with it) is loaded when a hosts.toml is first read or written.
const loadHostsToml = (): Promise<HostsToml> => import('./hosts-toml.js')

/** A record that could not be noted (the state file): passed on as it is, not as a failure to write hosts.toml. */
class Unnoted extends Error {
  constructor(readonly error: unknown) {
    super(errorMessage(error))
  }
}

/** What post says it did with one hosts.toml, to follow "containerd <file>". */
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

/** The containerd engine's work (see containerdEngine in ./index.ts, which loads this module when it has some). */
export function containerdWork(context: EngineContext): ContainerdWork {
  const {hostsDir} = context.places
  const ledger = new Ledger(hostsDir, {lock: context.lock, warn: context.warn, env: context.env})
  const uid = process.getuid?.() ?? 0
  const gid = process.getgid?.() ?? 0

  /** Checks the registry with what hosts.toml will carry; a warning where Node cannot see what containerd would. */
  async function check(url: string, authorization: string, existing: string | undefined, dir: string): Promise<void> {
    const {checkRegistry} = await import('../shared/registry-check.js')
    const {caFiles, skipVerify} = (await loadHostsToml()).tlsSettings(existing, url, dir)
    const warning = await checkRegistry({url, authorization, extraCa: readCa(caFiles), skipVerify, env: context.env})
    if (warning) context.warn(warning)
  }

  /** The registry check for a URL and the header hosts.toml will carry: started once per pair, awaited by login. */
  const checkOnce = memo(
    ({url, authorization, host}: {url: string; authorization: string; host: string}) => {
      const hostDir = path.join(hostsDir, host)
      let existing: string | undefined
      try {
        // Through the bounded reader: a FIFO or /dev/zero planted there is refused, never waited on or read whole.
        existing = readSmallFile(path.join(hostDir, 'hosts.toml')).toString('utf8')
      } catch {
        // none, or unreadable: the write says why
      }
      return check(url, authorization, existing, hostDir)
    },
    ({url, authorization}) => `${url} ${sha256(authorization)}`
  )
  /** The registry check for a credential: started by prepare, or else by login, which awaits it. */
  const checked = (credential: LoginCredential): Promise<void> =>
    checkOnce({
      url: registryUrl(credential.registry),
      authorization: basicAuthorization(credential.username, credential.password),
      host: credential.registry.host
    })

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
      const resolved = checkedPlace(hostsDirWhat(hostsDir), link, 'file')
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
        added
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
    async holds(record) {
      const note = noteOf(ledger.noteOf(record.host, context.run), path.join(hostsDir, record.host))
      const file = fileOf(record, hostsDir, note)
      return file !== undefined && holdsOurs(file, record, await loadHostsToml())
    },

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
        checkedPlace(hostsDirWhat(hostsDir), hostDir, 'dir')
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

    release: record => ledger.release(record.host, context.run)
  }
}
