import {createHash} from 'node:crypto'
import {isRegistryHost} from '../../registry.js'

// What the containerd engine hands post about one hosts.toml, and the check that a record read back from the saved
// state is one it could have made: a host and digests, never a path or a secret (paths live in the hosts directory's
// ledger, see ./files.ts).

/** The Authorization header value for a user and password. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

/** Lowercase hex SHA-256: the digests a record keeps, so that it never holds the file or the credential itself. */
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

/**
 * What main saved for post about one hosts.toml: small and bounded (a host, its scheme, two digests, what was added),
 * never a secret, never a copy of the file (the ledger in the hosts directory keeps what was there before).
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

/**
 * Whether `value` is a HostsRecord as main writes it: a registry host, digests, and no path at all (a file outside the
 * hosts directory, where a symlinked hosts.toml points, is known to post only from the ledger's note).
 */
export function isHostsRecord(value: unknown): value is HostsRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const c = value as Record<string, unknown>
  const shaped =
    Object.keys(c).every(k => RECORD_KEYS.has(k)) &&
    typeof c.host === 'string' &&
    isRegistryHost(c.host) &&
    (c.scheme === 'https' || c.scheme === 'http') &&
    isSha256(c.digest) &&
    isSha256(c.auth) &&
    ADDED.includes(c.added as Added)
  return shaped
}
