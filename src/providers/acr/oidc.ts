import {adviceText, ApiError, describe} from '../../api-errors.js'
import {quote} from '../../errors.js'
import {sendWithRetry, type ApiResponse} from '../../http.js'
import {answerObject, keysIn, notTheService, subjectOf} from '../../oidc/exchange.js'
import type {Keys} from '../key-source.js'
import type {ExchangeRequest} from '../keyless.js'
import {ALIBABA_ERRORS} from './errors.js'

// Alibaba Cloud STS AssumeRoleWithOIDC (API version 2015-04-01): the job's OIDC token for a RAM role's temporary keys.
// The call is anonymous: no signature, no AccessKeyId; the token is its proof. POST /?Version&Action&Format&Timestamp
// with the rest in a form body, which keeps the token out of the URL (and out of any proxy's log of URLs) →
// {"Credentials": {"AccessKeyId": "STS.…", "AccessKeySecret", "SecurityToken", "Expiration"}, …}; errors
// {"Code", "Message", "RequestId"}, e.g. 401 AuthenticationFail.OIDCToken.AudienceNotMatch.

export const ALIBABA_STS = 'Alibaba Cloud STS AssumeRoleWithOIDC'

/** Which provider and role the token is exchanged for (both ARNs, as the inputs give them). */
export interface AlibabaFederation {
  oidcProviderArn: string
  roleArn: string
}

/** What a message about a refusal may draw on: the inputs and the token's claims (none of them secret). */
export type RefusalContext = AlibabaFederation & Pick<ExchangeRequest, 'audience' | 'claims' | 'durationSeconds'>

/** The request's query: the call, and the time (the SDKs send it; it is not signed). */
export function assumeRoleUrl(endpoint: URL, now: Date): URL {
  const url = new URL(`${endpoint.href.replace(/\/+$/, '')}/`)
  url.searchParams.set('Version', '2015-04-01')
  url.searchParams.set('Action', 'AssumeRoleWithOIDC')
  url.searchParams.set('Format', 'JSON')
  url.searchParams.set('Timestamp', now.toISOString().replace(/\.\d{3}Z$/, 'Z'))
  return url
}

/** The form body: everything the role is asked for with, the token among it. */
export function assumeRoleBody(federation: AlibabaFederation, request: Pick<ExchangeRequest, 'jwt' | 'sessionName' | 'durationSeconds'>): string {
  return new URLSearchParams({
    OIDCProviderArn: federation.oidcProviderArn,
    RoleArn: federation.roleArn,
    OIDCToken: request.jwt,
    RoleSessionName: request.sessionName,
    DurationSeconds: String(request.durationSeconds)
  }).toString()
}

/** What to do about a refusal: the cloud's code (and message, where one code means two things) in the user's terms. */
export function alibabaOidcHint(status: number, code: string, message: string, context: RefusalContext): string {
  const c = code.toLowerCase()
  if (c === 'authenticationfail.oidctoken.audiencenotmatch') {
    return (
      `The OIDC provider does not list the token's audience, ${quote(context.audience)} (input 'audience'), among its ` +
      `client IDs. Add it to the provider's Client IDs (RAM console: Integrations, SSO, OIDC, the provider), or set ` +
      `'audience' to one it lists.`
    )
  }
  if (c === 'authenticationfail.oidctoken.expired') {
    return `The token had expired when Alibaba Cloud checked it: check the runner's clock (NTP), then run the job again.`
  }
  if (c === 'authenticationfail.oidctoken.issuernotmatch') {
    return (
      `The OIDC provider's issuer URL is not the token's issuer, ${quote(context.claims.iss ?? 'https://token.actions.githubusercontent.com')}: ` +
      `set the provider's Issuer URL to it (RAM console: Integrations, SSO, OIDC, the provider).`
    )
  }
  if (/^authenticationfail\.oidctoken\.(invalidsignature|publickeyfingerprintmismatch|issuerconfigurationbroken|httpsurlinvalid)/.test(c)) {
    return (
      `Alibaba Cloud could not verify the token's signature with the OIDC provider's settings: check its issuer URL ` +
      `(https://token.actions.githubusercontent.com) and its fingerprint (of that host's certificate; add the new one ` +
      `when GitHub changes its certificate).`
    )
  }
  if (c.startsWith('authenticationfail.oidctoken')) return `Alibaba Cloud did not accept the token as a JWT: run the job again; if it persists, report it.`
  if (c === 'authenticationfail.nopermission' && /provider/i.test(message)) {
    return (
      `There is no such OIDC provider: check 'oidc-provider', the provider's ARN (acs:ram::<account ID>:oidc-provider/<name>; ` + `RAM console: Integrations, SSO, OIDC).`
    )
  }
  if (c === 'authenticationfail.nopermission' || c.startsWith('noperm')) {
    return (
      `The trust policy of role ${quote(context.roleArn, 200)} does not let this token assume it. The token's subject ` +
      `(sub) is ${subjectOf(context.claims)}: compare it with the policy's oidc:sub condition (a branch, tag or ` +
      `environment of this repository), its oidc:aud condition with ${quote(context.audience)} and its oidc:iss ` +
      `condition with the token's issuer, and check that its Federated principal is the provider in 'oidc-provider'.`
    )
  }
  if (c === 'entitynotexist.role') return `There is no such RAM role: check 'role-to-assume', the role's ARN (RAM console: Identities, Roles, the role).`
  if (c.startsWith('entitynotexist')) return `Check 'oidc-provider' and 'role-to-assume': one of them names nothing in the account.`
  if (c.includes('durationseconds')) {
    return (
      `'duration' (${context.durationSeconds} s) is longer than the role's maximum session duration: lower 'duration', or ` +
      `raise the role's Maximum Session Duration (RAM console: the role; up to 12 hours).`
    )
  }
  if (c.includes('rolesessionname')) return `Check 'role-session-name': 2 to 64 letters, digits and . @ _ - (or remove it for the default).`
  if (c.startsWith('invalidparameter'))
    return `Check 'oidc-provider' and 'role-to-assume' (ARNs: acs:ram::<account ID>:oidc-provider/<name>, acs:ram::<account ID>:role/<name>).`
  if (c.startsWith('throttling') || status === 429) return `Alibaba Cloud STS is limiting this account's requests: wait a minute, then run the job again.`
  if (status >= 500) return `Alibaba Cloud STS kept failing over several tries; run the job again later.`
  return `Check 'oidc-provider', 'role-to-assume' and 'audience'.`
}

function refused(response: ApiResponse, request: ExchangeRequest, context: RefusalContext): never {
  // An answer that is not STS's (a wrong 'sts-endpoint') is said to be so, not read as a refusal.
  const foreign = notTheService(ALIBABA_STS, request.endpoint, response, [request.jwt], ALIBABA_ERRORS)
  if (foreign !== undefined) throw foreign
  const fields = ALIBABA_ERRORS.fields(response)
  // The message is read for its own words only: an echo of the request names the provider and the role whatever the error.
  const hint = alibabaOidcHint(response.status, fields.code ?? '', adviceText(fields.message, [request.jwt], ALIBABA_ERRORS), context)
  throw new ApiError(`${ALIBABA_STS} refused: ${describe(response.status, fields, [request.jwt], ALIBABA_ERRORS)}. ${hint}`)
}

/** Exchanges the job's token for the role's temporary keys. Throws ApiError (refused, or an unusable answer). */
export async function assumeRoleWithOidc(federation: AlibabaFederation, request: ExchangeRequest): Promise<Keys> {
  const body = assumeRoleBody(federation, request)
  const response = await sendWithRetry(
    () => ({
      method: 'POST',
      url: assumeRoleUrl(request.endpoint, new Date()),
      headers: {'content-type': 'application/x-www-form-urlencoded', accept: 'application/json'},
      body
    }),
    {hooks: request.hooks}
  )
  if (response.status !== 200) {
    const {audience, claims, durationSeconds} = request
    refused(response, request, {...federation, audience, claims, durationSeconds})
  }
  const credentials = answerObject(ALIBABA_STS, response, 'Credentials', ALIBABA_ERRORS)
  return keysIn(
    ALIBABA_STS,
    response,
    credentials,
    {id: 'AccessKeyId', secret: 'AccessKeySecret', token: 'SecurityToken', expiry: 'Expiration'},
    request.mask,
    ALIBABA_ERRORS
  )
}
