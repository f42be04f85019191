import {randomUUID} from 'node:crypto'
import {callApi} from '../../api-call.js'
import {ApiError, describe, refuseExpired, shortValue} from '../../api-errors.js'
import {maskCredential, type Credential, type KeyPair, type Mask, type TemporaryLogin} from '../../credential.js'
import {sendWithRetry, type ApiResponse} from '../../http.js'
import type {RetryHooks} from '../../retry.js'
import {federatedKeysNamed, type KeysFederation} from '../key-source.js'
import type {ApiTarget, ObtainContext} from '../provider.js'
import type {AcrTokenAuth} from './index.js'
import {ALIBABA_ERRORS} from './errors.js'
import {rpcCanonicalQuery, signedRoaHeaders, signedRpcParams} from './signer.js'

// Alibaba Cloud Container Registry temporary tokens:
// - Personal Edition: GET /tokens, ROA style, API version 2016-06-07 →
//   {"data": {"authorizationToken", "tempUserName", "expireDate" (ms)}}
// - Enterprise Edition: GetAuthorizationToken, RPC style, API version 2018-12-01, InstanceId →
//   {"AuthorizationToken", "TempUsername", "ExpireTime" (ms), "IsSuccess", "Code", "RequestId"}. IsSuccess can be
//   false on an HTTP 200: it is checked, not only the status.

/** Where to ask, and with which key pair. */
export interface AcrTokenRequest extends KeyPair {
  endpoint: URL
  region: string
  /** Where the key pair came from when no input holds it (keyless login): the advice names it instead. */
  federation?: KeysFederation
}

/**
 * What to do about the errors people actually get from these calls (from the code alone: the message can echo the
 * string to sign). `federation` is where the key pair came from when no input holds it (keyless login).
 */
export function acrHint(status: number, code = '', federation?: KeysFederation): string {
  const c = code.toLowerCase()
  const keysRefused = c.startsWith('invalidaccesskeyid') || c === 'signaturedoesnotmatch' || c.startsWith('invalidsecuritytoken') || c === 'missingsecuritytoken'
  if (federation !== undefined && keysRefused) {
    // Keys issued moments ago for this run: no input to check, but where they came from.
    return (
      `ACR did not accept ${federatedKeysNamed(federation)}. Check the runner's clock (NTP); if 'sts-endpoint' is set, ` +
      `check that it is Alibaba Cloud STS; then run the job again.`
    )
  }
  if (c.startsWith('invalidaccesskeyid')) return `The access key ID does not exist or is disabled: check 'access-key-id'.`
  if (c === 'signaturedoesnotmatch') return `The signature does not match: 'access-key-secret' is wrong.`
  if (c === 'incompletesignature') {
    return `The request reached the API without parts of its signature: a proxy between the runner and the API may strip headers. Check HTTPS_PROXY.`
  }
  if (c.startsWith('invalidtimestamp')) return `The runner's clock is more than 15 minutes off the cloud's: fix its time (NTP).`
  if (c.startsWith('invalidsecuritytoken') || c === 'missingsecuritytoken') {
    return `The STS token is missing, expired or not this key pair's: pass a fresh one in 'security-token' with its key pair.`
  }
  if (c.startsWith('forbidden') || c === 'noprivilege' || c === 'nopermission' || status === 403) {
    const who = federation === undefined ? `The key pair's user lacks` : `The keys act as ${federation.identity}, which lacks`
    return `${who} the RAM permission cr:GetAuthorizationToken (e.g. AliyunContainerRegistryReadOnlyAccess).`
  }
  if (c === 'user_not_exist') {
    return `This user has never been set up in Container Registry: sign in to the ACR console once (or set its registry password), then run again.`
  }
  if (/instance/.test(c)) return `The instance was not found in this region: check 'instance-id' and 'region'.`
  if (status === 404) return `There is no such API at this endpoint: check 'region' and 'api-endpoint'.`
  if (status >= 500 || status === 429) return `The ACR API kept failing over several tries; run the job again later.`
  return federation === undefined ? `Check 'region', 'api-endpoint' and the key pair.` : `Check 'region' and 'api-endpoint'.`
}

function parseJson(what: string, region: string, response: ApiResponse): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(response.body)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // reported below
  }
  throw new ApiError(`ACR ${what} in ${region} answered HTTP ${response.status} with a body that is not a JSON object. Run again; if it persists, check 'api-endpoint'.`)
}

function expiry(ms: unknown): string | undefined {
  const n = typeof ms === 'string' ? Number(ms) : ms
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? new Date(n).toISOString() : undefined
}

function login(what: string, region: string, response: ApiResponse, username: unknown, password: unknown, expires: unknown, mask: Mask): TemporaryLogin {
  if (typeof password !== 'string' || password === '' || typeof username !== 'string' || username === '') {
    throw new ApiError(`ACR ${what} in ${region} answered without a user name and token. Check 'region', 'instance-id' and 'api-endpoint'.`)
  }
  mask(password)
  const expiresAt = expiry(expires)
  refuseExpired({what: `ACR ${what} in ${region} answered with a token`, expiresAt, requestId: ALIBABA_ERRORS.fields(response).requestId})
  return {username, password, expiresAt}
}

function secretsOf(request: AcrTokenRequest): string[] {
  return [request.accessKeySecret, ...(request.securityToken ? [request.securityToken] : [])]
}

function baseUrl(request: AcrTokenRequest): string {
  return request.endpoint.href.replace(/\/+$/, '')
}

/**
 * Asks ACR Personal Edition for a temporary token (GET /tokens, ROA). `mask` gets the token the moment it is read.
 * Throws ApiError (the API said no, or said something unusable) or ApiTransportError (no answer).
 */
export async function acrPersonalToken(request: AcrTokenRequest, mask: Mask, hooks?: RetryHooks): Promise<TemporaryLogin> {
  const what = 'GetAuthorizationToken (Personal Edition)'
  const url = new URL(`${baseUrl(request)}/tokens`)
  const response = await sendWithRetry(
    () => ({
      method: 'GET',
      url,
      // The path as sent: an api-endpoint with a path in front of /tokens signs that path too.
      headers: signedRoaHeaders({method: 'GET', path: url.pathname, version: '2016-06-07'}, request, new Date(), randomUUID())
    }),
    {hooks}
  )
  if (response.status !== 200) {
    const fields = ALIBABA_ERRORS.fields(response)
    const hint = acrHint(response.status, fields.code, request.federation)
    throw new ApiError(`ACR ${what} in ${request.region} failed: ${describe(response.status, fields, secretsOf(request), ALIBABA_ERRORS)}. ${hint}`)
  }
  const data = parseJson(what, request.region, response).data as Record<string, unknown> | undefined
  return login(what, request.region, response, data?.tempUserName, data?.authorizationToken, data?.expireDate, mask)
}

/**
 * Asks ACR Enterprise Edition for a temporary token for an instance (GetAuthorizationToken, RPC). `mask` gets the
 * token the moment it is read. Throws ApiError or ApiTransportError, as acrPersonalToken.
 */
export async function acrEnterpriseToken(request: AcrTokenRequest, instanceId: string, mask: Mask, hooks?: RetryHooks): Promise<TemporaryLogin> {
  const what = `GetAuthorizationToken (Enterprise Edition, ${instanceId})`
  const secrets = secretsOf(request)
  // POST, so that the signed parameters (the STS token among them) travel in the body, not in a URL a proxy may log.
  const response = await sendWithRetry(
    () => ({
      method: 'POST',
      url: new URL(`${baseUrl(request)}/`),
      headers: {'content-type': 'application/x-www-form-urlencoded', accept: 'application/json'},
      body: rpcCanonicalQuery(
        signedRpcParams({method: 'POST', action: 'GetAuthorizationToken', version: '2018-12-01', params: {InstanceId: instanceId}}, request, new Date(), randomUUID())
      )
    }),
    {hooks}
  )
  const fields = ALIBABA_ERRORS.fields(response)
  if (response.status !== 200) {
    throw new ApiError(
      `ACR ${what} in ${request.region} failed: ${describe(response.status, fields, secrets, ALIBABA_ERRORS)}. ${acrHint(response.status, fields.code, request.federation)}`
    )
  }
  const body = parseJson(what, request.region, response)
  if (body.IsSuccess !== true) {
    throw new ApiError(
      // IsSuccess is whatever the answer held, which need not be a boolean.
      `ACR ${what} in ${request.region} answered IsSuccess: ${shortValue(String(body.IsSuccess), secrets, 40)}: ${describe(response.status, fields, secrets, ALIBABA_ERRORS)}. ` +
        acrHint(response.status, fields.code, request.federation)
    )
  }
  return login(what, request.region, response, body.TempUsername, body.AuthorizationToken, body.ExpireTime, mask)
}

/** The credential for an ACR target, from the edition's token API; every secret form is masked before it returns. */
export async function acrCredential(target: ApiTarget, auth: AcrTokenAuth, {mask, log}: ObtainContext): Promise<Credential> {
  const {region, registry, endpoint} = target
  const {instanceId, ...keys} = auth
  const request = {...keys, endpoint, region}
  const login = await callApi('The ACR API', target, log, hooks =>
    instanceId === undefined ? acrPersonalToken(request, mask, hooks) : acrEnterpriseToken(request, instanceId, mask, hooks)
  )
  const credential: Credential = {region, registry, ...login}
  maskCredential(credential, mask)
  return credential
}
