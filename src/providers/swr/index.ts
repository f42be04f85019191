import {maskCredential, type KeyPair, type Mask} from '../../credential.js'
import type {FailureKind} from '../../engines/failure.js'
import {UserError} from '../../errors.js'
import {checkKeyPair, parseDuration, parseLoginType, type AuthInputs, type KeyShapes} from '../auth-inputs.js'
import type {ApiSource, LocalSource, Provider} from '../provider.js'
import {swrLoginKey, swrUsername} from './key.js'

// Huawei Cloud SWR: the long-term login key, derived here from the key pair, or a temporary login from the
// CreateSecret API (./api.ts, loaded only for that login).

/** A temporary login from the SWR API: the key pair (a temporary one with its token) and the validity asked for. */
export interface SwrTemporaryAuth extends KeyPair {
  durationSeconds?: number
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
  isAccessKeyId: value => /^[A-Z0-9]+$/.test(value),
  isAccessKeySecret: value => /^[A-Za-z0-9]{40}$/.test(value) && /[a-z]/.test(value),
  refuseUnlike: true
}

/** Dublin (eu-west-101) is served from Huawei Cloud Europe's own domain; every other region from the one pattern. */
function domain(region: string): string {
  return region === 'eu-west-101' ? 'myhuaweicloud.eu' : 'myhuaweicloud.com'
}

/** Registry host of SWR in a region. Other Huawei-based clouds use the `registry` input instead. */
export function swrDefaultRegistry(region: string): string {
  return `swr.${region}.${domain(region)}`
}

/** Base URL of the SWR API in a region. */
export function swrApiEndpoint(region: string): string {
  return `https://swr-api.${region}.${domain(region)}`
}

/** Advice shared by both SWR logins; `unauthorized` differs with where the credential came from. */
function advice(kind: FailureKind, unauthorized: string): string | undefined {
  switch (kind) {
    case 'unauthorized':
      return unauthorized
    case 'denied':
      return (
        `The account behind the AK/SK may lack SWR permissions, or be frozen or in arrears. Check the IAM user's SWR ` +
        `permissions and the account's status in the console.`
      )
    case 'blocked':
      return `SWR lifts the block after about 30 minutes, and retrying now makes it last longer: wait, then run the job again.`
    case 'not-found':
      return `Check 'region' (and 'registry' if set): the host is derived from them.`
    case 'tls':
      return `SWR has also answered this way for an AK/SK that was deleted.`
    case 'other':
      return undefined
  }
}

function longTermSource(keys: KeyPair): LocalSource {
  return {
    kind: 'local',
    description: 'SWR long-term login key, derived from the access key pair (no API call)',
    defaultRegistry: swrDefaultRegistry,
    obtain({region, registry}, {mask}) {
      const key = swrLoginKey(keys.accessKeyId, keys.accessKeySecret)
      mask(key)
      const credential = {region, registry, username: swrUsername(region, keys.accessKeyId), password: key}
      maskCredential(credential, mask)
      return credential
    },
    advice: kind =>
      advice(
        kind,
        `Check that the AK/SK pair is correct and has not been deleted or disabled, and that 'region' is the region of ` +
          `this registry (the user name is <region>@<AK>).`
      )
  }
}

function temporarySource(auth: SwrTemporaryAuth): ApiSource {
  return {
    kind: 'api',
    description: `SWR temporary login from the CreateSecret API${auth.durationSeconds ? `, valid ${auth.durationSeconds} s` : ''}`,
    defaultRegistry: swrDefaultRegistry,
    defaultEndpoint: swrApiEndpoint,
    async obtain(target, context) {
      const {swrCredential} = await import('./api.js')
      return swrCredential(target, auth, context)
    },
    advice: kind =>
      advice(
        kind,
        `The SWR API issued this login for 'region' moments ago: check that 'registry' is that region's SWR registry.`
      )
  }
}

export const swr: Provider = {
  name: 'swr',
  accepts: ['accessKeyId', 'accessKeySecret', 'securityToken', 'loginType', 'duration'],
  credentialSource(inputs: AuthInputs, mask: Mask) {
    const loginType = parseLoginType(inputs.loginType)
    const durationSeconds = parseDuration(inputs.duration)
    if (inputs.username !== '' || inputs.password !== '') {
      throw new UserError(
        `Inputs 'username' and 'password' are for provider acr (its fixed access password); SWR logs in with ` +
          `'access-key-id' and 'access-key-secret'.`
      )
    }
    if (inputs.instanceId !== '') {
      throw new UserError(`Input 'instance-id' is for provider acr (an ACR Enterprise Edition instance); remove it for SWR.`)
    }
    const {accessKeyId, accessKeySecret} = checkKeyPair(inputs, HUAWEI_KEYS, mask, {ak: 'HW_AK', sk: 'HW_SK'})
    const securityToken = inputs.securityToken === '' ? undefined : inputs.securityToken
    if (loginType === 'temporary') return temporarySource({accessKeyId, accessKeySecret, securityToken, durationSeconds})
    if (securityToken !== undefined) {
      throw new UserError(
        `Input 'security-token' needs 'login-type: temporary' with provider swr: a temporary key pair cannot give the ` +
          `long-term login key. Add 'login-type: temporary'.`
      )
    }
    if (durationSeconds !== undefined) {
      throw new UserError(
        `Input 'duration' applies to 'login-type: temporary' (the long-term key does not expire). Add 'login-type: temporary' or remove 'duration'.`
      )
    }
    return longTermSource({accessKeyId, accessKeySecret})
  }
}
