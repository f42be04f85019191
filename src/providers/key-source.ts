import type {Credential, KeyPair} from '../credential.js'
import type {ObtainContext} from './provider.js'

// Where the key pair that signs a provider's API call comes from: the inputs (a stored key pair, long-term or STS), or
// an exchange of the job's GitHub OIDC token for a temporary one; each way is a module in ./key-sources/, and one
// function there chooses among them. A provider's API source takes a KeySource and never asks which kind it has.

/** A key pair, and for a temporary one until when it works (ISO 8601), when known. */
export interface Keys extends KeyPair {
  expiresAt?: string
}

/**
 * Where federated keys come from (keyless login), for advice about a refusal of them: no input holds them, so the
 * advice names the federation (what the keys act as, the validity asked for), never 'access-key-id' or 'security-token'.
 */
export interface KeysFederation {
  /** The service that issues them: "Alibaba Cloud STS AssumeRoleWithOIDC". */
  readonly service: string
  /** What they act as: "RAM role acs:ram::123:role/push". */
  readonly identity: string
  /** The validity asked for ('duration', or the default). */
  readonly durationSeconds: number
}

/** "the temporary keys (for <n> s, 'duration') that <service> issued for <identity>", for advice about a refusal of them. */
export function federatedKeysNamed(federation: KeysFederation): string {
  return `the temporary keys (for ${federation.durationSeconds} s, 'duration') that ${federation.service} issued for ${federation.identity}`
}

export interface KeySource {
  /** How the key pair is obtained, as a clause for the credential's line in the log: '' for the inputs' own. */
  readonly description: string
  /** The federation that issues the key pair; absent for the inputs' own, which advice names by their inputs. */
  readonly federation?: KeysFederation
  /**
   * The key pair itself when it is known before any call (the inputs' own): a login made from it without a call (SWR's
   * long-term key) needs it now. Absent for keys obtained at login, which only an API login can use.
   */
  readonly pair?: KeyPair
  /**
   * The key pair. A federated one is asked for on the first call (with that call's regions: the first one picks a
   * regional service), and that answer is shared by every later call. Every secret form is masked before it returns.
   */
  keys(regions: readonly string[], context: ObtainContext): Promise<Keys>
  /**
   * Work done once before any login, when there is any: the exchange of the OIDC token, so that a refusal fails the
   * step once, with one message, before anything is written. Absent for a stored key pair.
   */
  prepare?(regions: readonly string[], context: ObtainContext): Promise<void>
}

/** The sooner of two ISO 8601 times; either may be missing (a credential that does not expire, or keys of no known end). */
export function sooner(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return Date.parse(b) < Date.parse(a) ? b : a
}

/**
 * The credential, with its expiry no later than that of the temporary keys that obtained it: whether a login outlives
 * its keys is the cloud's affair and undocumented, so the job is told the time it can count on.
 */
export function boundedByKeys(credential: Credential, keys: Keys): Credential {
  const expiresAt = sooner(credential.expiresAt, keys.expiresAt)
  return expiresAt === credential.expiresAt ? credential : {...credential, expiresAt}
}
