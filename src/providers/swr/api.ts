import {callApi} from '../../api-call.js'
import {adviceText, ApiError, describe, refuseExpired} from '../../api-errors.js'
import {maskCredential, type Credential, type KeyPair, type Mask, type TemporaryLogin} from '../../credential.js'
import {header, sendWithRetry, type ApiResponse} from '../../http.js'
import type {RetryHooks} from '../../retry.js'
import {federatedKeysNamed, type KeysFederation} from '../key-source.js'
import type {ApiTarget, ObtainContext} from '../provider.js'
import {isoTime} from '../../time.js'
import type {SwrTemporaryAuth} from './index.js'
import {HUAWEI_ERRORS} from './errors.js'
import {huaweiHeaders} from './signer.js'

// Huawei Cloud SWR "CreateSecret": a temporary docker login, POST /v2/manage/utils/secret?projectname=<region>
// [&duration_seconds=N]. The answer's body is a docker config {"auths": {host: {"auth": base64(user:password)}}};
// its X-Swr-Expireat header says until when; its X-Swr-Dockerlogin header holds a whole `docker login -p` command and
// is never read, let alone printed.

export interface SwrTemporaryRequest extends KeyPair {
  endpoint: URL
  region: string
  /** The registry host the credential is for; picks the entry of a multi-entry answer. */
  registryHost: string
  durationSeconds?: number
  /** Where the key pair came from when no input holds it (keyless login): the advice names it instead. */
  federation?: KeysFederation
}

/** The URL of the call. */
export function createSecretUrl(request: Pick<SwrTemporaryRequest, 'endpoint' | 'region' | 'durationSeconds'>): URL {
  const url = new URL(request.endpoint.href.replace(/\/+$/, '') + '/v2/manage/utils/secret')
  url.searchParams.set('projectname', request.region)
  if (request.durationSeconds !== undefined) url.searchParams.set('duration_seconds', String(request.durationSeconds))
  return url
}

/**
 * What to do about the errors people actually get from this call. `message` is the cloud's own words (adviceText);
 * `federation` is where the key pair came from when no input holds it (keyless login).
 */
export function swrHint(status: number, code = '', message = '', federation?: KeysFederation): string {
  const m = message.toLowerCase()
  if (code.startsWith('APIGW.0301') || code.startsWith('APIG.0301') || status === 401) {
    // Most specific first: "signature expired" is about the clock, "verify aksk signature fail" about the secret.
    if (federation === undefined && /not exist/.test(m)) {
      return `The access key ID does not exist: check 'access-key-id' (and that it is a Huawei Cloud key).`
    }
    if (/signature expired|request expired|x-sdk-date/.test(m)) {
      return `The runner's clock is more than 15 minutes off the cloud's: fix its time (NTP).`
    }
    if (federation !== undefined) {
      // Keys issued moments ago for this run: no input to check, but the IAM that issued them.
      return (
        `SWR did not accept ${federatedKeysNamed(federation)}. If 'sts-endpoint' is set, check that it is the IAM of ` +
        `the site 'region' is in (Huawei Cloud Europe, eu-west-101, has accounts of its own); check the runner's clock ` +
        `(NTP); then run the job again.`
      )
    }
    if (/reach the limit|locked|forbidden/.test(m)) {
      return `The key was locked after too many failed requests; it unlocks after about 5 minutes. Check 'access-key-secret', then run again.`
    }
    if (/signature/.test(m)) {
      return `The signature does not match: 'access-key-secret' is wrong (or, with a temporary key pair, 'security-token' is not its token).`
    }
    if (/token/.test(m)) return `The security token is expired or does not belong to this key pair: get a fresh temporary key pair and token.`
    return `Authentication failed: check 'access-key-id', 'access-key-secret' and, for a temporary key pair, 'security-token'.`
  }
  if (status === 403 || /4030/.test(code)) {
    const who = federation === undefined ? `The key pair's user lacks` : `The keys act as ${federation.identity}, which lacks`
    return `${who} the SWR permission to create a login secret (swr::createLoginSecret, e.g. in SWR Administrator).`
  }
  if (status === 404) return `There is no such API at this endpoint: check 'region' and 'api-endpoint'.`
  if (status >= 500 || status === 429) return `The SWR API kept failing over several tries; run the job again later.`
  return federation === undefined ? `Check 'region', 'api-endpoint' and the key pair.` : `Check 'region' and 'api-endpoint'.`
}

function fail(request: SwrTemporaryRequest, response: ApiResponse, secrets: string[]): never {
  const fields = HUAWEI_ERRORS.fields(response)
  // The hint reads the cloud's own words only: the message can go on into an echoed canonical request.
  const hint = swrHint(response.status, fields.code, adviceText(fields.message, secrets, HUAWEI_ERRORS), request.federation)
  throw new ApiError(`SWR CreateSecret in ${request.region} failed: ${describe(response.status, fields, secrets, HUAWEI_ERRORS)}. ${hint}`)
}

/**
 * Asks SWR for a temporary login. `mask` gets the password, user:password and the base64 of it the moment they are
 * decoded. Throws ApiError (the API said no, or said something unusable) or ApiTransportError (no answer).
 */
export async function swrTemporaryLogin(request: SwrTemporaryRequest, mask: Mask, hooks?: RetryHooks): Promise<TemporaryLogin> {
  const url = createSecretUrl(request)
  const secrets = [request.accessKeySecret, ...(request.securityToken ? [request.securityToken] : [])]
  const response = await sendWithRetry(
    () => ({
      method: 'POST',
      url,
      headers: huaweiHeaders({method: 'POST', url, headers: {'Content-Type': 'application/json'}}, request, new Date()),
      body: ''
    }),
    {hooks}
  )
  if (response.status !== 200 && response.status !== 201) fail(request, response, secrets)

  let auths: Record<string, {auth?: unknown}> | undefined
  try {
    auths = (JSON.parse(response.body) as {auths?: Record<string, {auth?: unknown}>}).auths
  } catch {
    throw new ApiError(
      `SWR CreateSecret in ${request.region} answered HTTP ${response.status} with a body that is not JSON. Run again; if it persists, check 'api-endpoint'.`
    )
  }
  const entries = Object.entries(auths ?? {})
  const entry = entries.find(([host]) => host === request.registryHost) ?? (entries.length === 1 ? entries[0] : undefined)
  const encoded = entry?.[1]?.auth
  if (typeof encoded !== 'string' || encoded === '') {
    throw new ApiError(`SWR CreateSecret in ${request.region} answered without a credential (${entries.length} entries in "auths"). ` + `Check 'region' and 'api-endpoint'.`)
  }
  mask(encoded)
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0 || colon === decoded.length - 1) {
    throw new ApiError(`SWR CreateSecret in ${request.region} answered with a credential that is not "user:password" in base64.`)
  }
  const login = {username: decoded.slice(0, colon), password: decoded.slice(colon + 1)}
  mask(login.password)
  mask(decoded)

  // Seen with 3 and with 6 fractional digits.
  let expiresAt = isoTime(header(response, 'x-swr-expireat'))
  refuseExpired({
    what: `SWR CreateSecret in ${request.region} answered with a login (X-Swr-Expireat)`,
    expiresAt,
    durationSeconds: request.durationSeconds,
    requestId: HUAWEI_ERRORS.fields(response).requestId
  })
  // When the header is missing, the validity asked for is the next best answer (the API's default is 6 hours).
  if (expiresAt === undefined && request.durationSeconds !== undefined) {
    expiresAt = new Date(Date.now() + request.durationSeconds * 1000).toISOString()
  }
  return {...login, expiresAt}
}

/** The credential for an SWR target, from CreateSecret; every secret form is masked before it returns. */
export async function swrCredential(target: ApiTarget, auth: SwrTemporaryAuth, {mask, log}: ObtainContext): Promise<Credential> {
  const {region, registry, endpoint} = target
  const login = await callApi('The SWR API', target, log, hooks => swrTemporaryLogin({...auth, endpoint, region, registryHost: registry.host}, mask, hooks))
  const credential: Credential = {region, registry, ...login}
  maskCredential(credential, mask)
  return credential
}
