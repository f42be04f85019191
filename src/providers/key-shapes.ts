// What each cloud's access keys look like, in one place: a provider checks its own inputs against its vendor's shapes,
// and against the other vendors' to say "this is an Alibaba key: add 'provider: acr'" instead of "pass the AK".

/**
 * What one vendor's access keys look like. `checkKeyPair` uses them to tell an SK pasted into 'access-key-id' (or the
 * two inputs swapped, or another cloud's key pair) from a real AK without refusing any key the vendor issues.
 */
export interface KeyShapes {
  /** "Huawei Cloud". */
  vendor: string
  /** What its AKs look like, for messages: "20 upper-case letters and digits". */
  akLooks: string
  /** What to set to use this vendor's keys, for the message about a key pair given to another provider. */
  useWith: string
  /** Whether a value may be one of its AKs. Lenient: every AK it issues (long-term or temporary) passes. */
  isAccessKeyId(value: string): boolean
  /** Whether a value has the shape of one of its SKs. */
  isAccessKeySecret(value: string): boolean
  /** Whether its AKs alone tell its keys from any other vendor's (a fixed prefix), or only with the SK beside them. */
  distinctiveAk: boolean
  /**
   * Whether an 'access-key-id' that does not look like an AK is refused, or only masked and used. It must be refused
   * where the AK goes on a command line and into outputs (SWR's user name, <region>@<AK>, goes to `docker login
   * --username`, visible in `ps`): a masked value there is still exposed. Where the AK only goes into signed API calls,
   * masking it is enough, and keys of a shape we do not know keep working.
   */
  refuseUnlike: boolean
}

/**
 * Huawei Cloud's access keys (IAM), long-term and temporary alike: the AK is 20 upper-case letters and digits, the SK
 * 40 letters and digits of both cases. Any length passes as an AK (Huawei-based clouds share IAM, but none promises
 * 20), while a lower-case letter never appears in one: such a value is refused, since SWR's user name (<region>@<AK>)
 * goes on docker's command line and into the 'username' output.
 */
export const HUAWEI_KEYS: KeyShapes = {
  vendor: 'Huawei Cloud',
  akLooks: '20 upper-case letters and digits',
  useWith: "for Huawei Cloud SWR, set 'provider: swr' (or leave 'provider' out)",
  isAccessKeyId: value => /^[A-Z0-9]+$/.test(value),
  isAccessKeySecret: value => /^[A-Za-z0-9]{40}$/.test(value) && /[a-z]/.test(value),
  distinctiveAk: false,
  refuseUnlike: true
}

/**
 * Alibaba Cloud's access keys (RAM): the AK is 'LTAI' and 12 (older) or 20 letters and digits, a temporary (STS) one
 * 'STS.' and letters and digits; the SK is 30 letters and digits of both cases. An AK of another shape is used, but
 * masked: it only goes into signed API calls (the registry user name comes from the API), never on a command line.
 */
export const ALIBABA_KEYS: KeyShapes = {
  vendor: 'Alibaba Cloud',
  akLooks: `'LTAI' and 12 or 20 letters and digits, or 'STS.' and more for a temporary key`,
  useWith: "for Alibaba Cloud Container Registry, add 'provider: acr'",
  isAccessKeyId: value => /^LTAI[A-Za-z0-9]{12,}$/.test(value) || /^STS\.[A-Za-z0-9]+$/.test(value),
  isAccessKeySecret: value => /^[A-Za-z0-9]{30}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && !value.startsWith('LTAI'),
  distinctiveAk: true,
  refuseUnlike: false
}

/**
 * The vendor among `others` whose key pair this plainly is, rather than `ours`: the AK is not of our shape but of
 * theirs, and the SK is of theirs too; or, for a vendor whose AKs carry a prefix of their own, the SK is at least not of
 * ours. Huawei's AK shape is lenient (any upper-case letters and digits), so such an AK alone never makes a key pair
 * Huawei's: its 40-character SK must agree.
 */
export function otherVendorOf(ak: string, sk: string, ours: KeyShapes, others: readonly KeyShapes[]): KeyShapes | undefined {
  if (ours.isAccessKeyId(ak)) return undefined
  return others.find(other => other.isAccessKeyId(ak) && (other.isAccessKeySecret(sk) || (other.distinctiveAk && !ours.isAccessKeySecret(sk))))
}
