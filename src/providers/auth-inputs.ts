import {UserError} from '../errors.js'

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
}

// Letters and digits; Alibaba's STS key IDs also have dots ("STS.NT…").
const AK_RE = /^[A-Za-z0-9.]+$/
const DURATION_MIN_S = 15 * 60
const DURATION_MAX_S = 24 * 60 * 60

/** The error for a secret input that came through empty, with the usual reasons GitHub passes an empty secret. */
export function emptySecretError(input: string, example: string, more = ''): UserError {
  return new UserError(
    `Input '${input}' is empty. GitHub passes empty secrets to pull requests from forks, to Dependabot runs, and to ` +
      `reusable workflows called without 'secrets: inherit' (or without that secret in 'secrets:'). ` +
      `Check that the secret exists and reaches this job, e.g. '${input}: \${{ secrets.${example} }}'.${more}`
  )
}

/** Checks 'access-key-id'; `example` names the secret in the error's example, `more` adds a sentence. */
export function checkAccessKeyId(ak: string, example: string, more = ''): string {
  if (ak === '') throw emptySecretError('access-key-id', example, more)
  // The value is never echoed: when AK and SK are swapped, this "AK" is the secret key.
  if (!AK_RE.test(ak)) {
    throw new UserError(
      `Input 'access-key-id' must contain only letters, digits and dots, and it contains other characters. ` +
        `Pass the access key ID (AK), not the secret access key (SK): are the two inputs swapped?`
    )
  }
  return ak
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
  throw new UserError(`Input 'login-type' is '${value}'; use 'long-term' or 'temporary'.`)
}

/** 'duration': `15m`, `2h`, `1h30m`, `90s`, or a plain number of seconds; between 15 minutes and 24 hours. */
export function parseDuration(value: string): number | undefined {
  const v = value.toLowerCase()
  if (v === '') return undefined
  const bad = (why: string): UserError =>
    new UserError(`Input 'duration' is '${value}': ${why}. Use a time like 15m, 2h or 24h (15 minutes to 24 hours).`)
  let seconds: number
  if (/^\d+$/.test(v)) {
    seconds = Number(v)
  } else {
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(v)
    if (!m) throw bad('not a duration')
    seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)
  }
  if (seconds < DURATION_MIN_S) throw bad('shorter than SWR allows')
  if (seconds > DURATION_MAX_S) throw bad('longer than SWR allows')
  return seconds
}
