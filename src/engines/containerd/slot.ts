import * as fs from 'node:fs'
import {errorMessage} from '../../errors.js'
import type {Slot} from '../../ledger.js'
import {readSmallFile} from '../../read-file.js'
import {bytesOf, digestOf, isHostsFile, readHostsFile, writeAtomic, type HostsFile} from './files.js'
import {sha256, type Added, type HostsRecord} from './record.js'

// A hosts.toml as the ledger sees it (a slot, see ledger.ts): read, written, compared by digest, and, when the file was
// changed since main, only our header taken out. The TOML module is handed in by the engine, which loads it lazily:
// only its type is named here.

/** The TOML work on a hosts.toml (./hosts-toml.ts), as the engine loads it. */
export type HostsToml = typeof import('./hosts-toml.js')

/** Thrown from a slot's first read when the file changed between rendering our value and taking the lock. */
export class Moved extends Error {}

/**
 * The ledger's view of one hosts.toml. `expect`: the digest the file had when our value was rendered from it; the
 * first read under the lock checks it, so that a change made in between is merged into instead of overwritten.
 */
export function hostsSlot(file: string, hostUrl: string, authorizationSha256: string, added: Added, toml: HostsToml, expect?: {digest: string | undefined}): Slot<HostsFile> {
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

/** Whether `file` holds exactly what the record wrote, or our header in it (a small regular file only). */
export function holdsOurs(file: string, record: HostsRecord, toml: HostsToml): boolean {
  try {
    const data = readSmallFile(file, 1024 * 1024)
    if (sha256(data) === record.digest) return true
    return toml.withoutOurHeader(data.toString('utf8'), `${record.scheme}://${record.host}`, record.auth, record.added) !== null
  } catch {
    return false
  }
}
