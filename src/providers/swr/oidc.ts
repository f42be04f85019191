import {adviceText, ApiError, describe} from '../../api-errors.js'
import {quote} from '../../errors.js'
import {header, sendWithRetry, type ApiResponse} from '../../http.js'
import {answerObject, keysIn, notTheService, subjectOf} from '../../oidc/exchange.js'
import type {Keys} from '../key-source.js'
import type {ExchangeRequest} from '../keyless.js'
import {HUAWEI_ERRORS} from './errors.js'

// Huawei Cloud's two ways of exchanging the job's OIDC token for a temporary key pair (AK/SK and security token):
// - new IAM (v5): STS AssumeAgencyWithOIDC, POST /v5/agencies/assume-with-oidc with a JSON body naming the OIDC
//   provider and the agency (URNs) → {"credentials": {"access_key_id", "secret_access_key", "security_token",
//   "expiration"}}. No credential is needed: the token is the proof.
// - classic IAM (v3) federation: an unscoped token for the identity provider's mapped user (POST
//   /v3/OS-FEDERATION/identity_providers/<id>/protocols/oidc/auth with the JWT as a bearer token → 201, the IAM token
//   in X-Subject-Token), then POST /v3.0/OS-CREDENTIAL/securitytokens with that IAM token → {"credential": {"access",
//   "secret", "securitytoken", "expires_at"}}.
// Errors: {"error_code", "error_msg", "request_id"} (v5), {"error": {"code", "message"}} (v3); HUAWEI_ERRORS reads both.

export const HUAWEI_V5 = 'Huawei Cloud IAM STS AssumeAgencyWithOIDC'
export const HUAWEI_V3 = 'Huawei Cloud IAM federation'

/** The v5 exchange's names (both URNs, as the inputs give them). */
export interface AgencyFederation {
  providerUrn: string
  agencyUrn: string
}

/** What a message about a refusal may draw on (nothing secret). */
export type RefusalContext = Pick<ExchangeRequest, 'audience' | 'claims' | 'durationSeconds'>

/** Advice shared by both IAMs for a message about the token itself; undefined when the message is about something else. */
function tokenAdvice(message: string, context: RefusalContext, clientIds: string): string | undefined {
  const m = message.toLowerCase()
  if (/audience|\baud\b|client[ _]?id/.test(m)) {
    return `The token's audience, ${quote(context.audience)} (input 'audience'), is not the provider's ${clientIds}: set ` + `'audience' to it, or add it to the provider.`
  }
  if (/expire/.test(m)) return `The token had expired when IAM checked it: check the runner's clock (NTP), then run the job again.`
  if (/issuer|\biss\b/.test(m)) {
    return `The provider's issuer URL must be the token's issuer, ${quote(context.claims.iss ?? 'https://token.actions.githubusercontent.com')}: correct it in the IAM console.`
  }
  if (/signature|jwks|public key|\bkid\b/.test(m)) {
    return (
      `IAM could not verify the token's signature with the provider's signing keys. IAM does not fetch GitHub's keys ` +
      `itself: paste the current ones (https://token.actions.githubusercontent.com/.well-known/jwks) into the provider again.`
    )
  }
  return undefined
}

/** What to do about a refusal of AssumeAgencyWithOIDC. */
export function agencyHint(status: number, message: string, federation: AgencyFederation, context: RefusalContext): string {
  const m = message.toLowerCase()
  const token = tokenAdvice(message, context, `client IDs (IAM console: Identity Providers, the OIDC provider)`)
  if (token !== undefined) return token
  if (status === 429 || /throttl|too many|flow control/.test(m)) return `IAM is limiting this account's requests: wait a minute, then run the job again.`
  if (/duration/.test(m)) {
    return (
      `'duration' (${context.durationSeconds} s) is longer than the agency allows: lower 'duration', or raise the agency's ` +
      `maximum session duration (IAM console: Agencies, the agency; up to 12 hours).`
    )
  }
  if (/session[ _]?name/.test(m)) return `Check 'role-session-name': 2 to 128 letters, digits and . @ _ - (or remove it for the default).`
  if (status === 404 || /not exist|not found|no such/.test(m)) {
    if (/provider/.test(m)) return `There is no such OIDC provider: check 'oidc-provider', ${quote(federation.providerUrn, 200)} (IAM console: Identity Providers, its URN).`
    if (/agency/.test(m)) return `There is no such agency: check 'role-to-assume', ${quote(federation.agencyUrn, 200)} (IAM console: Agencies, its URN).`
    return `Check 'oidc-provider' and 'role-to-assume': one of them names nothing in the account.`
  }
  if (status === 403 || /trust|policy|not allowed|denied|deny|forbidden|permission/.test(m)) {
    return (
      `The trust policy of agency ${quote(federation.agencyUrn, 200)} does not let this token assume it (action ` +
      `sts:agencies:assumeWithOIDC). The token's subject (sub) is ${subjectOf(context.claims)}: compare it with the ` +
      `policy's condition on the subject (a branch, tag or environment of this repository), and its audience ` +
      `condition with ${quote(context.audience)}; check that the policy names the provider in 'oidc-provider'.`
    )
  }
  if (status >= 500) return `Huawei Cloud IAM kept failing over several tries; run the job again later.`
  return `Check 'oidc-provider', 'role-to-assume' and 'audience'.`
}

/** What to do about a refusal of the v3 federation, at its first step (the token) or its second (the keys). */
export function federationHint(status: number, message: string, idp: string, step: 'token' | 'keys', context: RefusalContext): string {
  const m = message.toLowerCase()
  if (step === 'token') {
    const token = tokenAdvice(message, context, `client ID (IAM console: Identity Providers, ${quote(idp)}, Modify)`)
    if (token !== undefined) return token
  }
  if (status === 429 || /throttl|too many/.test(m)) return `IAM is limiting this account's requests: wait a minute, then run the job again.`
  if (step === 'token' && status === 404) {
    return (
      `There is no identity provider ${quote(idp)} with the OpenID Connect protocol: check 'oidc-provider' (IAM console: ` +
      `Identity Providers; its protocol must be OpenID Connect, its access type programmatic).`
    )
  }
  if (step === 'token' && (status === 401 || status === 403)) {
    return (
      `IAM did not let this token in. Either the identity provider's mapping rules map it to no user group (the token's ` +
      `subject, sub, is ${subjectOf(context.claims)}: compare it with the rules' conditions), or the provider does not accept ` +
      `the token: its client ID must be 'audience' (${quote(context.audience)}), its issuer URL the token's issuer, and ` +
      `its signing keys GitHub's current ones (IAM does not fetch them itself).`
    )
  }
  if (step === 'keys' && /duration/.test(m)) return `'duration' (${context.durationSeconds} s) is outside what IAM gives: 15 minutes to 24 hours.`
  if (step === 'keys' && (status === 401 || status === 403)) {
    return `IAM refused temporary keys for the federated user: check that the user group the mapping rules assign may have them (and is not disabled).`
  }
  if (status >= 500) return `Huawei Cloud IAM kept failing over several tries; run the job again later.`
  return `Check 'oidc-provider' and 'audience'.`
}

function refused(service: string, what: string, endpoint: URL, response: ApiResponse, secrets: string[], hint: (message: string) => string): never {
  // An answer that is not IAM's (a wrong 'sts-endpoint') is said to be so: read as IAM's, a 404 would mean "no such agency".
  const foreign = notTheService(service, endpoint, response, secrets, HUAWEI_ERRORS)
  if (foreign !== undefined) throw foreign
  const fields = HUAWEI_ERRORS.fields(response)
  // The advice reads the cloud's own words only: the message may go on to echo what was sent.
  throw new ApiError(`${service} ${what}: ${describe(response.status, fields, secrets, HUAWEI_ERRORS)}. ${hint(adviceText(fields.message, secrets, HUAWEI_ERRORS))}`)
}

const base = (endpoint: URL): string => endpoint.href.replace(/\/+$/, '')

/** New IAM (v5): the agency's temporary keys for the job's token. Throws ApiError. */
export async function assumeAgencyWithOidc(federation: AgencyFederation, request: ExchangeRequest): Promise<Keys> {
  const url = new URL(`${base(request.endpoint)}/v5/agencies/assume-with-oidc`)
  const body = JSON.stringify({
    provider_urn: federation.providerUrn,
    agency_urn: federation.agencyUrn,
    agency_session_name: request.sessionName,
    id_token: request.jwt,
    duration_seconds: request.durationSeconds
  })
  const response = await sendWithRetry(() => ({method: 'POST', url, headers: {'content-type': 'application/json;charset=UTF-8', accept: 'application/json'}, body}), {
    hooks: request.hooks
  })
  if (response.status !== 200 && response.status !== 201) {
    refused(HUAWEI_V5, 'refused', request.endpoint, response, [request.jwt], message => agencyHint(response.status, message, federation, request))
  }
  const credentials = answerObject(HUAWEI_V5, response, 'credentials', HUAWEI_ERRORS)
  return keysIn(
    HUAWEI_V5,
    response,
    credentials,
    {id: 'access_key_id', secret: 'secret_access_key', token: 'security_token', expiry: 'expiration'},
    request.mask,
    HUAWEI_ERRORS
  )
}

/**
 * Classic IAM (v3) federation: an unscoped IAM token for the identity provider's mapped user, then temporary keys for
 * it. The IAM token is a credential too: masked at once, used for the second call only. Throws ApiError.
 */
export async function federatedKeysV3(idp: string, request: ExchangeRequest): Promise<Keys> {
  const service = `${HUAWEI_V3} (identity provider ${quote(idp)})`
  const tokenUrl = new URL(`${base(request.endpoint)}/v3/OS-FEDERATION/identity_providers/${encodeURIComponent(idp)}/protocols/oidc/auth`)
  const first = await sendWithRetry(
    () => ({
      method: 'POST',
      url: tokenUrl,
      headers: {authorization: `Bearer ${request.jwt}`, 'content-type': 'application/json;charset=UTF-8', accept: 'application/json'},
      body: '{}'
    }),
    {hooks: request.hooks}
  )
  if (first.status !== 200 && first.status !== 201) {
    refused(service, 'refused the token', request.endpoint, first, [request.jwt], message => federationHint(first.status, message, idp, 'token', request))
  }
  const iamToken = header(first, 'x-subject-token')
  if (iamToken === undefined || iamToken === '') {
    throw new ApiError(`${service} answered HTTP ${first.status} without an X-Subject-Token header. Run the job again; if it persists, check 'sts-endpoint'.`)
  }
  request.mask(iamToken)

  const keysUrl = new URL(`${base(request.endpoint)}/v3.0/OS-CREDENTIAL/securitytokens`)
  const body = JSON.stringify({auth: {identity: {methods: ['token'], token: {duration_seconds: request.durationSeconds}}}})
  const second = await sendWithRetry(
    () => ({method: 'POST', url: keysUrl, headers: {'x-auth-token': iamToken, 'content-type': 'application/json;charset=UTF-8', accept: 'application/json'}, body}),
    {hooks: request.hooks}
  )
  if (second.status !== 200 && second.status !== 201) {
    refused(service, 'refused temporary keys', request.endpoint, second, [request.jwt, iamToken], message => federationHint(second.status, message, idp, 'keys', request))
  }
  const credential = answerObject(service, second, 'credential', HUAWEI_ERRORS)
  return keysIn(service, second, credential, {id: 'access', secret: 'secret', token: 'securitytoken', expiry: 'expires_at'}, request.mask, HUAWEI_ERRORS)
}
