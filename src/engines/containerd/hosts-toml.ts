import * as path from 'node:path'
import {parse, stringify} from 'smol-toml'
import {sha256, type Added} from './record.js'

// What the containerd engine reads and writes in a hosts.toml, as TOML: the only code that parses it, and the only user
// of the TOML library, so that jobs that do not write containerd credentials never load either (the engine loads this
// module when it first needs it).

type TomlTable = Record<string, unknown>

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

const DEFAULT_CAPABILITIES = ['pull', 'resolve', 'push']

function authorizationKey(header: TomlTable): string | undefined {
  return Object.keys(header).find(name => name.toLowerCase() === 'authorization')
}

/**
 * What renderHostsToml adds our header to in `existing` (undefined: no file); `authorizationSha256` tells a header
 * equal to ours. Throws when it is not valid TOML.
 */
export function whatWeAdd(hostUrl: string, existing: string | undefined, authorizationSha256?: string): Added {
  if (existing === undefined) return 'file'
  const doc = parse(existing) as TomlTable
  const entry = isTable(doc.host) && isTable(doc.host[hostUrl]) ? (doc.host[hostUrl] as TomlTable) : undefined
  if (!entry) return 'table'
  const key = isTable(entry.header) ? authorizationKey(entry.header) : undefined
  if (key === undefined) return 'header'
  const value = (entry.header as TomlTable)[key]
  const values = Array.isArray(value) ? value : [value]
  return values.some(v => typeof v === 'string' && sha256(v) === authorizationSha256) ? 'same' : 'replaced'
}

/**
 * Takes our Authorization header out of a hosts.toml that was changed after we wrote it, keeping every other change;
 * also our table and the file, when we added them and nothing else is left in them. Returns the new text, undefined
 * when the file should go, or null when our header is no longer in it. What our header replaced is not put back (a
 * credential of someone else's, kept only in the ledger for the unchanged file).
 */
export function withoutOurHeader(current: string, hostUrl: string, authorizationSha256: string, added: Added): string | undefined | null {
  const doc = parse(current) as TomlTable
  const hosts = isTable(doc.host) ? doc.host : undefined
  const entry = hosts && isTable(hosts[hostUrl]) ? (hosts[hostUrl] as TomlTable) : undefined
  const header = entry && isTable(entry.header) ? entry.header : undefined
  const key = header && authorizationKey(header)
  // A header that was there, equal to ours, before we came is someone's own: nothing of ours alone to take out.
  if (!hosts || !entry || !header || key === undefined || added === 'same') return null
  const values = Array.isArray(header[key]) ? (header[key] as unknown[]) : [header[key]]
  const rest = values.filter(v => !(typeof v === 'string' && sha256(v) === authorizationSha256))
  if (rest.length === values.length) return null
  if (rest.length > 0) header[key] = rest
  else delete header[key]
  if (Object.keys(header).length === 0) delete entry.header
  const onlyOurs = Object.keys(entry).every(k => k === 'capabilities') && JSON.stringify(entry.capabilities ?? DEFAULT_CAPABILITIES) === JSON.stringify(DEFAULT_CAPABILITIES)
  if ((added === 'file' || added === 'table') && onlyOurs) delete hosts[hostUrl]
  if (Object.keys(hosts).length === 0) delete doc.host
  if (added === 'file' && Object.keys(doc).every(k => k === 'server' && doc.server === hostUrl)) return undefined
  return `${stringify(doc)}\n`
}

/** The CA files and skip_verify an existing hosts.toml sets for `hostUrl`, which containerd would use to reach it. */
export function tlsSettings(existing: string | undefined, hostUrl: string, dir: string): {caFiles: string[]; skipVerify: boolean} {
  let doc: TomlTable
  try {
    doc = existing === undefined ? {} : (parse(existing) as TomlTable)
  } catch {
    return {caFiles: [], skipVerify: false}
  }
  const tables: TomlTable[] = []
  if (doc.server === hostUrl) tables.push(doc)
  if (isTable(doc.host) && isTable(doc.host[hostUrl])) tables.push(doc.host[hostUrl] as TomlTable)
  const caFiles = tables
    .flatMap(t => (Array.isArray(t.ca) ? t.ca : [t.ca]))
    .filter((f): f is string => typeof f === 'string' && f !== '')
    .map(f => path.resolve(dir, f))
  return {caFiles, skipVerify: tables.some(t => t.skip_verify === true)}
}
