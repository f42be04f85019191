import type {Mask} from '../credential.js'
import {quote, UserError} from '../errors.js'
import {otherVendorOf, type KeyShapes} from './key-shapes.js'

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
  /** Keyless login (see key-sources/github-oidc.ts): the OIDC provider, and the role or agency to assume with the job's token. */
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

/** The names of the secrets in the examples of the empty-input errors: `\${{ secrets.HW_AK }}`. */
export interface KeyExamples {
  ak: string
  sk: string
}

/** How a provider checks a key pair: its vendor's key shapes, the other vendors', and the secrets in its examples. */
export interface KeyPairRules {
  shapes: KeyShapes
  /** Every other vendor's shapes: a key pair of theirs is refused with the 'provider' to set instead. */
  others: readonly KeyShapes[]
  examples: KeyExamples
  /** A sentence added to the errors about empty inputs. */
  more?: string
}

/**
 * The error for a key pair of which both inputs came through empty: no credential reached the job at all, which has
 * causes of its own (the step names secrets that do not exist, or GitHub withheld them), listed most likely first.
 */
export function noCredentialError(examples: KeyExamples, more = ''): UserError {
  return new UserError(
    `No credential reached this job: 'access-key-id' and 'access-key-secret' are both empty. The usual causes, most ` +
      `likely first: (1) no secret of that name exists where this repository can read it (a typo, a secret of another ` +
      `repository, an organization secret not shared with this one, or an environment secret while the job names no ` +
      `'environment:'); (2) the run is a pull request from a fork, or a Dependabot run, which GitHub gives no Actions ` +
      `secrets; (3) this is a reusable workflow whose caller passed neither 'secrets: inherit' nor these secrets under ` +
      `'secrets:'. Secret names hold only letters, digits and '_': e.g. 'access-key-id: \${{ secrets.${examples.ak} }}' ` +
      `and 'access-key-secret: \${{ secrets.${examples.sk} }}'. Or store no key at all: keyless login with 'oidc-provider'.${more}`
  )
}

/**
 * Checks 'access-key-id' and 'access-key-secret' together. An 'access-key-id' that does not look like one of the
 * vendor's AKs is masked at once (it is most likely the SK), never quoted, and refused when it looks like an SK, when
 * the two look swapped, when the pair is another vendor's (the message says which 'provider' to set), or when the
 * provider refuses unlike AKs (see KeyShapes.refuseUnlike).
 */
export function checkKeyPair(inputs: Pick<AuthInputs, 'accessKeyId' | 'accessKeySecret'>, rules: KeyPairRules, mask: Mask): {accessKeyId: string; accessKeySecret: string} {
  const {shapes, examples, more = ''} = rules
  if (inputs.accessKeyId === '' && inputs.accessKeySecret === '') throw noCredentialError(examples, more)
  const accessKeySecret = checkAccessKeySecret(inputs.accessKeySecret, examples.sk, more)
  const ak = inputs.accessKeyId
  if (ak === '') throw emptySecretError('access-key-id', examples.ak, more)
  if (shapes.isAccessKeyId(ak)) return {accessKeyId: ak, accessKeySecret}
  mask(ak)
  const masked = `The value was masked in the log and not used.`
  const other = otherVendorOf(ak, accessKeySecret, shapes, rules.others)
  if (other !== undefined) {
    throw new UserError(`Inputs 'access-key-id' and 'access-key-secret' look like a key pair of ${other.vendor}, not of ${shapes.vendor}: ` + `${other.useWith}. ${masked}`)
  }
  const secretLike = shapes.isAccessKeySecret(ak)
  const skLooksLikeAk = shapes.isAccessKeyId(accessKeySecret)
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
    throw new UserError(`Input 'access-key-secret' contains spaces or line breaks inside it. A secret access key has none: ` + `check that the secret holds only the SK.`)
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
    new UserError(`Input 'duration' is ${quote(value)}: ${why}. Use a time like 15m, 2h or ${longest} (${spoken(minSeconds)} to ${spoken(maxSeconds)}).`)
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
