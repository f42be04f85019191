import {ApiError, describe, fieldText, isRecord, jsonBody, type ErrorDialect} from '../api-errors.js'
import {callApi} from '../api-call.js'
import type {Mask} from '../credential.js'
import {quote, UserError} from '../errors.js'
import {sendWithRetry} from '../http.js'
import type {TokenClaims} from '../providers/keyless.js'

// The job's OIDC token, from GitHub's token service: GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=<aud> with
// $ACTIONS_ID_TOKEN_REQUEST_TOKEN as a bearer token → 200 {"value": "<JWT>"}. The runner sets the two variables only
// for a job with `permissions: id-token: write`. This is what @actions/core's getIDToken does, but through the
// action's own HTTP client, so that it has the same deadline and retries as every other call, and says what to fix.

/** The variables the runner sets for a job that may request an OIDC token. */
export const TOKEN_URL_VAR = 'ACTIONS_ID_TOKEN_REQUEST_URL'
export const TOKEN_VAR = 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'

const SERVICE = "GitHub's OIDC token service"

// How GitHub's token service words a refusal: {"message": "…"}, or {"code", "message"}.
const GITHUB_ERRORS: ErrorDialect = {
  fields: response => {
    const body = jsonBody(response)
    const obj = isRecord(body) ? body : {}
    return {code: fieldText(obj.code), message: fieldText(obj.message)}
  }
}

/** What a job needs to get an OIDC token, for the error when it has none. */
export function noTokenError(missing: string): UserError {
  return new UserError(
    `Keyless login ('oidc-provider') needs the job's GitHub OIDC token, and this job cannot request one (${missing} is ` +
      `not set). Give the job 'permissions: id-token: write' (and 'contents: read' if it checks out code: naming one ` +
      `permission sets every other to none). In a reusable workflow, the calling job must grant 'id-token: write' too. ` +
      `Pull requests from forks never get an OIDC token: log in on push there, or skip the login for them.`
  )
}

/** The URL that asks for a token with this audience: the runner's URL already has a query (api-version). */
export function tokenUrl(base: string, audience: string): URL {
  let url: URL
  try {
    url = new URL(base)
  } catch {
    throw new UserError(`${TOKEN_URL_VAR} is not a URL: the runner sets it, so this runner is unusual. Run the job again on another runner.`)
  }
  url.searchParams.set('audience', audience)
  return url
}

/** The claims of a JWT, read without checking its signature (the cloud checks it); {} when it is not a JWT. */
export function tokenClaims(jwt: string): TokenClaims {
  const payload = jwt.split('.')[1]
  if (payload === undefined) return {}
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return {}
  }
  if (typeof claims !== 'object' || claims === null) return {}
  const {sub, aud, iss, exp} = claims as Record<string, unknown>
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
  return {
    sub: text(sub),
    aud: Array.isArray(aud) ? aud.filter(a => typeof a === 'string').join(', ') : text(aud),
    iss: text(iss),
    exp: typeof exp === 'number' ? exp : undefined
  }
}

/**
 * Asks GitHub for the job's OIDC token with `audience`. The runner's request token and the JWT are masked the moment
 * they are read. Throws UserError when the job may not ask (no permission), ApiError when GitHub says no or gives no
 * answer.
 */
export async function githubIdToken(audience: string, env: NodeJS.ProcessEnv, mask: Mask, log: (line: string) => void): Promise<string> {
  const base = env[TOKEN_URL_VAR] ?? ''
  const bearer = env[TOKEN_VAR] ?? ''
  if (base === '') throw noTokenError(TOKEN_URL_VAR)
  if (bearer === '') throw noTokenError(TOKEN_VAR)
  mask(bearer)
  const url = tokenUrl(base, audience)
  const response = await callApi(SERVICE, {endpoint: url, inputs: []}, log, hooks =>
    sendWithRetry(() => ({method: 'GET', url, headers: {authorization: `Bearer ${bearer}`, accept: 'application/json'}}), {hooks})
  )
  if (response.status !== 200) {
    throw new ApiError(
      `${SERVICE} refused a token for audience ${quote(audience)}: ${describe(response.status, GITHUB_ERRORS.fields(response), [bearer], GITHUB_ERRORS)}. ` +
        (response.status === 401 || response.status === 403
          ? `The job's permission to request one may have lapsed (a very long job): run it again.`
          : `Run the job again; if it persists, check 'audience'.`)
    )
  }
  let value: unknown
  try {
    value = (JSON.parse(response.body) as {value?: unknown}).value
  } catch {
    value = undefined
  }
  if (typeof value !== 'string' || value === '') {
    throw new ApiError(`${SERVICE} answered HTTP 200 without a token. Run the job again.`)
  }
  mask(value)
  if (value.split('.').length !== 3) throw new ApiError(`${SERVICE} answered with a token that is not a JWT. Run the job again.`)
  return value
}
