import {callApi} from '../api-call.js'
import {refuseExpired} from '../api-errors.js'
import {quote} from '../errors.js'
import {INPUT} from '../names.js'
import type {Keys} from '../providers/key-source.js'
import {defaultSessionName, stsUrl, type Federation} from '../providers/keyless.js'
import type {ObtainContext} from '../providers/provider.js'
import {githubIdToken, tokenClaims} from './github-token.js'

// Keyless login's one exchange: the job's OIDC token from GitHub, then the cloud's call that swaps it for a temporary
// key pair. Loaded only by keyless logins (see federatedKeys in ../providers/key-sources/github-oidc.ts), with the
// cloud's own code loaded by its exchange.

/**
 * The temporary key pair of a federation, for logins in `region` (the first one: it picks a regional endpoint). The
 * JWT and every secret of the answer are masked the moment they are read; the JWT is never written anywhere.
 */
export async function federate(federation: Federation, region: string, context: ObtainContext): Promise<Keys> {
  const {mask, log, env} = context
  const endpoint = stsUrl(federation.endpointInput, region, region => federation.defaultEndpoint(region))
  const jwt = await githubIdToken(federation.audience, env, mask, log)
  const claims = tokenClaims(jwt)
  const {session} = federation
  const sessionName = session === undefined ? '' : (session.given ?? defaultSessionName(env, session.rules))
  const keys = await callApi(federation.service, {endpoint, inputs: [INPUT.stsEndpoint]}, log, hooks =>
    federation.exchange({jwt, claims, audience: federation.audience, endpoint, sessionName, durationSeconds: federation.durationSeconds, mask, hooks})
  )
  // Masked by the exchange as it read them; again here (maskOnce skips repeats) so that no exchange can forget one.
  for (const secret of [keys.accessKeyId, keys.accessKeySecret, keys.securityToken]) if (secret) mask(secret)
  // Keys already expired would fail every call they sign; the log would call them valid until a time gone by.
  const {durationSeconds} = federation
  refuseExpired({what: `${federation.service} (${endpoint.host}) answered with temporary keys`, expiresAt: keys.expiresAt, durationSeconds})
  const until = keys.expiresAt === undefined ? '' : `, valid until ${keys.expiresAt}`
  const subject = claims.sub === undefined ? '' : `, subject ${quote(claims.sub, 200)}`
  log(
    `Keyless: ${federation.service} (${endpoint.host}) issued temporary keys for ${federation.identity}${until} ` +
      `(GitHub OIDC token for audience ${quote(federation.audience)}${subject})`
  )
  return keys
}
