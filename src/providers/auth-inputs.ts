import type {Mask} from '../credential.js'
import {quote, UserError} from '../errors.js'

// The inputs that say how a credential is obtained, as inputs.ts hands them to a provider, and the checks that more
// than one provider makes of them. Each provider decides which of them apply to it.

/** The auth inputs, trimmed of surrounding blanks; '' when not given. The secret ones are already masked. */
export interface AuthInputs {
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  username: string
  password: string
  loginType: string
  duration: string
  instanceId: string
  /** Keyless login (see keyless.ts): the OIDC provider, and the role or agency to assume with the job's token. */
  oidcProvider: string
  roleToAssume: string
  audience: string
  roleSessionName: string
  stsEndpoint: string
}

// Letters and digits; Alibaba's STS key IDs also have dots ("STS.NT…").
const AK_RE = /^[A-Za-z0-9.]+$/

/** The shortest and longest 'duration' one service takes, and its name for the messages. */
export interface DurationLimits {
  /** "SWR", "Alibaba Cloud STS". */
  service: string
  minSeconds: number
  maxSeconds: number
}

/** SWR's temporary login (CreateSecret): 15 minutes to 24 hours. */
export const SWR_LOGIN_DURATION: DurationLimits = {service: 'SWR', minSeconds: 15 * 60, maxSeconds: 24 * 60 * 60}

/** The error for a secret input that came through empty, with the usual reasons GitHub passes an empty secret. */
export function emptySecretError(input: string, example: string, more = ''): UserError {
  return new UserError(
    `Input '${input}' is empty. GitHub passes empty secrets to pull requests from forks, to Dependabot runs, and to ` +
      `reusable workflows called without 'secrets: inherit' (or without that secret in 'secrets:'). ` +
      `Check that the secret exists and reaches this job, e.g. '${input}: \${{ secrets.${example} }}'.${more}`
  )
}

/**
 * What one vendor's access keys look like. Each provider states its own once; `checkKeyPair` uses them to tell an SK
 * pasted into 'access-key-id' (or the two inputs swapped) from a real AK without refusing any key the vendor issues.
 */
export interface KeyShapes {
  /** "Huawei Cloud". */
  vendor: string
  /** What its AKs look like, for messages: "20 upper-case letters and digits". */
  akLooks: string
  /** Whether a value may be one of its AKs. Lenient: every AK it issues (long-term or temporary) passes. */
  isAccessKeyId(value: string): boolean
  /** Whether a value has the shape of one of its SKs. */
  isAccessKeySecret(value: string): boolean
  /**
   * Whether an 'access-key-id' that does not look like an AK is refused, or only masked and used. It must be refused
   * where the AK goes on a command line and into outputs (SWR's user name, <region>@<AK>, goes to `docker login
   * --username`, visible in `ps`): a masked value there is still exposed. Where the AK only goes into signed API calls,
   * masking it is enough, and keys of a shape we do not know keep working.
   */
  refuseUnlike: boolean
}

/** The names of the secrets in the examples of the empty-input errors: `\${{ secrets.HW_AK }}`. */
export interface KeyExamples {
  ak: string
  sk: string
}

/**
 * Checks 'access-key-id' and 'access-key-secret' together. An 'access-key-id' that does not look like one of the
 * vendor's AKs is masked at once (it is most likely the SK), never quoted, and refused when it looks like an SK, when
 * the two look swapped, or when the provider refuses unlike AKs (see KeyShapes.refuseUnlike). `more` adds a sentence
 * to the errors about empty inputs.
 */
export function checkKeyPair(
  inputs: Pick<AuthInputs, 'accessKeyId' | 'accessKeySecret'>,
  shapes: KeyShapes,
  mask: Mask,
  examples: KeyExamples,
  more = ''
): {accessKeyId: string; accessKeySecret: string} {
  const accessKeySecret = checkAccessKeySecret(inputs.accessKeySecret, examples.sk, more)
  const ak = inputs.accessKeyId
  if (ak === '') throw emptySecretError('access-key-id', examples.ak, more)
  if (shapes.isAccessKeyId(ak)) return {accessKeyId: ak, accessKeySecret}
  mask(ak)
  const secretLike = shapes.isAccessKeySecret(ak)
  const skLooksLikeAk = shapes.isAccessKeyId(accessKeySecret)
  const masked = `The value was masked in the log and not used.`
  if (secretLike && skLooksLikeAk) {
    throw new UserError(
      `Inputs 'access-key-id' and 'access-key-secret' look swapped: 'access-key-id' has the shape of a secret access ` +
        `key (SK) of ${shapes.vendor} and 'access-key-secret' that of an access key ID (AK). Put the AK (${shapes.akLooks}) in ` +
        `'access-key-id' and the SK in 'access-key-secret'. ${masked}`
    )
  }
  if (!AK_RE.test(ak) || secretLike || shapes.refuseUnlike) {
    const why = !AK_RE.test(ak)
      ? 'it contains characters other than letters, digits and dots'
      : secretLike
        ? `it has the shape of a secret access key of ${shapes.vendor}`
        : `${shapes.vendor} AKs are ${shapes.akLooks}`
    const swapped = skLooksLikeAk ? ` and 'access-key-secret' looks like an AK: are the two inputs swapped?` : ': pass the AK, not the SK.'
    throw new UserError(`Input 'access-key-id' does not look like an access key ID (${why})${swapped} ${masked}`)
  }
  // A shape we do not know (an older or another cloud's key): used, but masked, since it may be a secret after all.
  return {accessKeyId: ak, accessKeySecret}
}

/** Checks 'access-key-secret'. */
export function checkAccessKeySecret(sk: string, example: string, more = ''): string {
  if (sk === '') throw emptySecretError('access-key-secret', example, more)
  if (/\s/.test(sk)) {
    throw new UserError(
      `Input 'access-key-secret' contains spaces or line breaks inside it. A secret access key has none: ` +
        `check that the secret holds only the SK.`
    )
  }
  return sk
}

export type LoginType = 'long-term' | 'temporary'

/** 'login-type': long-term, temporary, or undefined when not given. */
export function parseLoginType(value: string): LoginType | undefined {
  const v = value.toLowerCase()
  if (v === '') return undefined
  if (v === 'long-term' || v === 'temporary') return v
  throw new UserError(`Input 'login-type' is ${quote(value)}; use 'long-term' or 'temporary'.`)
}

/** "15 minutes", "12 hours", "1h30m" for the messages. */
function spoken(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`
  if (seconds % 60 === 0) return `${seconds / 60} minutes`
  return `${seconds} seconds`
}

/** 'duration': `15m`, `2h`, `1h30m`, `90s`, or a plain number of seconds; within the service's limits. */
export function parseDuration(value: string, limits: DurationLimits = SWR_LOGIN_DURATION): number | undefined {
  const v = value.toLowerCase()
  if (v === '') return undefined
  const {service, minSeconds, maxSeconds} = limits
  const longest = maxSeconds % 3600 === 0 ? `${maxSeconds / 3600}h` : `${maxSeconds}s`
  const bad = (why: string): UserError =>
    new UserError(
      `Input 'duration' is ${quote(value)}: ${why}. Use a time like 15m, 2h or ${longest} (${spoken(minSeconds)} to ${spoken(maxSeconds)}).`
    )
  let seconds: number
  if (/^\d+$/.test(v)) {
    seconds = Number(v)
  } else {
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(v)
    if (!m) throw bad('not a duration')
    seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)
  }
  if (seconds < minSeconds) throw bad(`shorter than ${service} allows`)
  if (seconds > maxSeconds) throw bad(`longer than ${service} allows`)
  return seconds
}
