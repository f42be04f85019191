import {maskCredential, type KeyPair, type Mask} from '../../credential.js'
import type {FailureKind} from '../../failure.js'
import {quote, UserError} from '../../errors.js'
import {parseDuration, parseLoginType, type AuthInputs, type DurationLimits} from '../auth-inputs.js'
import {ALIBABA_KEYS, HUAWEI_KEYS} from '../key-shapes.js'
import {boundedByKeys, type KeySource, type KeysFederation} from '../key-source.js'
import {chooseKeySource, keySourceFor} from '../key-sources/index.js'
import type {CloudParts} from '../key-sources/kind.js'
import {checkStsEndpoint, keylessDuration, parseSessionName, type Federation, type SessionNameRules} from '../keyless.js'
import type {ApiSource, LocalSource, Provider} from '../provider.js'
import {swrLoginKey, swrUsername} from './key.js'

// Huawei Cloud SWR: the long-term login key, derived here from the key pair, or a temporary login from the
// CreateSecret API (./api.ts, loaded only for that login).

/** A temporary login from the SWR API: the key pair (a temporary one with its token) and the validity asked for. */
export interface SwrTemporaryAuth extends KeyPair {
  durationSeconds?: number
  /** Where the key pair came from when no input holds it (keyless login), for the advice. */
  federation?: KeysFederation
}

/** Where a temporary login's key pair comes from, and the validity asked for. */
interface TemporarySourceAuth {
  keys: KeySource
  durationSeconds?: number
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

/**
 * Advice shared by both SWR logins; `unauthorized` differs with where the credential came from, and `federation` is
 * where the key pair came from when no input holds it (keyless login): the advice then names it, not an AK/SK.
 */
function advice(kind: FailureKind, unauthorized: string, federation?: KeysFederation): string | undefined {
  switch (kind) {
    case 'unauthorized':
      return unauthorized
    case 'denied':
      if (federation !== undefined) {
        return (
          `${federation.identity} (keyless login) may lack SWR permissions, or the account be frozen or in arrears. Check ` +
          `its SWR permissions in IAM and the account's status in the console.`
        )
      }
      return (
        `The account behind the AK/SK may lack SWR permissions, or be frozen or in arrears. Check the IAM user's SWR ` +
        `permissions and the account's status in the console.`
      )
    case 'blocked':
      return `SWR lifts the block after about 30 minutes, and retrying now makes it last longer: wait, then run the job again.`
    case 'not-found':
      return `Check 'region' (and 'registry' if set): the host is derived from them.`
    case 'tls':
      // Seen for a deleted AK/SK; keys issued for this run are not deleted.
      return federation === undefined ? `SWR has also answered this way for an AK/SK that was deleted.` : undefined
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
        `Check that the AK/SK pair is correct and has not been deleted or disabled, and that 'region' is the region of ` + `this registry (the user name is <region>@<AK>).`
      )
  }
}

function temporarySource({keys, durationSeconds}: TemporarySourceAuth): ApiSource {
  return {
    kind: 'api',
    description: `SWR temporary login from the CreateSecret API${durationSeconds ? `, valid ${durationSeconds} s` : ''}${keys.description}`,
    defaultRegistry: swrDefaultRegistry,
    defaultEndpoint: swrApiEndpoint,
    prepare: keys.prepare,
    async obtain(target, context) {
      const pair = await keys.keys([target.region], context)
      const {swrCredential} = await import('./api.js')
      return boundedByKeys(await swrCredential(target, {...pair, durationSeconds, federation: keys.federation}, context), pair)
    },
    advice: kind => advice(kind, `The SWR API issued this login for 'region' moments ago: check that 'registry' is that region's SWR registry.`, keys.federation)
  }
}

// Keyless login, new IAM (v5): STS's limits on an agency session, and on its name.
const AGENCY_DURATION: DurationLimits = {service: 'Huawei Cloud IAM (agency sessions)', minSeconds: 15 * 60, maxSeconds: 12 * 60 * 60}
const AGENCY_SESSION_NAME: SessionNameRules = {service: 'Huawei Cloud IAM', maxLength: 128}
// Classic IAM (v3): temporary keys for a federated user last 15 minutes to 24 hours, as SWR's login does.
const FEDERATED_DURATION: DurationLimits = {service: 'Huawei Cloud IAM', minSeconds: 15 * 60, maxSeconds: 24 * 60 * 60}
/** The audience IAM's OIDC providers are commonly set up with (new IAM); classic IAM's is its provider's client ID. */
export const HUAWEI_DEFAULT_AUDIENCE = 'sts.huaweicloud.com'

/**
 * The regions whose STS (new IAM) endpoint the official SDKs list. IAM is global, so any of them serves an account:
 * a login in another region asks the nearest listed one rather than a host that may not exist.
 */
const STS_REGIONS = new Set([
  'cn-north-4',
  'cn-south-1',
  'cn-east-3',
  'cn-southwest-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'sa-brazil-1',
  'la-south-2',
  'af-south-1',
  'tr-west-1'
])

/** STS (new IAM) in a region: its own endpoint where it has one, else cn-north-4's (Chinese regions) or ap-southeast-1's. */
export function huaweiStsEndpoint(region: string): string {
  if (region === 'eu-west-101' || STS_REGIONS.has(region)) return `https://sts.${region}.${domain(region)}`
  return `https://sts.${region.startsWith('cn-') ? 'cn-north-4' : 'ap-southeast-1'}.myhuaweicloud.com`
}

/** Classic IAM's global endpoint (Huawei Cloud Europe's for Dublin, which has accounts of its own). */
export function huaweiIamEndpoint(region: string): string {
  return `https://iam.${domain(region)}`
}

// IAM's names: iam::<account ID>:oidcProvider:<name> and iam::<account ID>:agency:<name>; a classic identity provider's
// ID is a plain name.
const PROVIDER_URN_RE = /^iam::[A-Za-z0-9]+:oidcProvider:[^\s:]+$/
const AGENCY_URN_RE = /^iam::[A-Za-z0-9]+:agency:[^\s:]+$/
const IDP_ID_RE = /^[A-Za-z0-9_-]{1,64}$/
const PROVIDER_URN_FORM = `iam::<account ID>:oidcProvider:<name> (IAM console: Identity Providers, the OIDC provider)`
const AGENCY_URN_FORM = `iam::<account ID>:agency:<name> (IAM console: Agencies, the agency)`

/** The keyless inputs, checked, as one of IAM's two exchanges of the job's token for temporary keys. */
function huaweiFederation(inputs: AuthInputs): Federation {
  const {oidcProvider, roleToAssume, audience} = inputs
  const endpointInput = (fallback: (region: string) => string): string => checkStsEndpoint(inputs.stsEndpoint, fallback)
  if (PROVIDER_URN_RE.test(oidcProvider)) {
    if (roleToAssume === '') {
      throw new UserError(
        `Input 'role-to-assume' is required with an IAM OIDC provider URN in 'oidc-provider': the URN of the agency ` +
          `whose trust policy lets this repository's token in, ${AGENCY_URN_FORM}.`
      )
    }
    if (!AGENCY_URN_RE.test(roleToAssume)) {
      const why = PROVIDER_URN_RE.test(roleToAssume) ? `, an OIDC provider's URN, which goes in 'oidc-provider'` : ''
      throw new UserError(`Input 'role-to-assume' is ${quote(roleToAssume, 200)}${why}. With an OIDC provider URN it is an agency's URN: ${AGENCY_URN_FORM}.`)
    }
    const federation = {providerUrn: oidcProvider, agencyUrn: roleToAssume}
    return {
      service: 'Huawei Cloud IAM STS AssumeAgencyWithOIDC',
      identity: `agency ${roleToAssume}`,
      audience: audience || HUAWEI_DEFAULT_AUDIENCE,
      durationSeconds: keylessDuration(inputs.duration, AGENCY_DURATION),
      session: {given: parseSessionName(inputs.roleSessionName, AGENCY_SESSION_NAME), rules: AGENCY_SESSION_NAME},
      endpointInput: endpointInput(huaweiStsEndpoint),
      defaultEndpoint: huaweiStsEndpoint,
      async exchange(request) {
        const {assumeAgencyWithOidc} = await import('./oidc.js')
        return assumeAgencyWithOidc(federation, request)
      }
    }
  }
  if (!IDP_ID_RE.test(oidcProvider)) {
    const why = /^acs:/.test(oidcProvider)
      ? `, an Alibaba Cloud ARN: for ACR, set 'provider: acr'`
      : /^iam::/.test(oidcProvider)
        ? `, an IAM URN but not an OIDC provider's`
        : ''
    throw new UserError(
      `Input 'oidc-provider' is ${quote(oidcProvider, 200)}${why}. For SWR it is an IAM OIDC provider's URN, ` +
        `${PROVIDER_URN_FORM}, with an agency in 'role-to-assume'; or a classic IAM identity provider's ID (letters, ` +
        `digits, - and _; IAM console: Identity Providers).`
    )
  }
  if (roleToAssume !== '') {
    throw new UserError(
      `Input 'role-to-assume' does not apply to a classic IAM identity provider ('oidc-provider' ${quote(oidcProvider)} is ` +
        `one, not an OIDC provider URN): its mapping rules decide which user group the token acts as. Remove ` +
        `'role-to-assume', or give the OIDC provider's URN (${PROVIDER_URN_FORM}) to assume an agency.`
    )
  }
  if (audience === '') {
    throw new UserError(
      `Input 'audience' is required with a classic IAM identity provider ('oidc-provider' ${quote(oidcProvider)}): give ` +
        `its client ID (IAM console: Identity Providers, ${quote(oidcProvider)}, Modify, Client ID). GitHub's token must ` +
        `carry it as its audience, and there is no safe default.`
    )
  }
  if (inputs.roleSessionName !== '') {
    throw new UserError(
      `Input 'role-session-name' does not apply to a classic IAM identity provider: the federated user's name comes from ` + `its mapping rules. Remove it.`
    )
  }
  return {
    service: `Huawei Cloud IAM federation (identity provider ${oidcProvider})`,
    identity: `the user that identity provider ${oidcProvider}'s mapping rules assign`,
    audience,
    durationSeconds: keylessDuration(inputs.duration, FEDERATED_DURATION),
    endpointInput: endpointInput(huaweiIamEndpoint),
    defaultEndpoint: huaweiIamEndpoint,
    async exchange(request) {
      const {federatedKeysV3} = await import('./oidc.js')
      return federatedKeysV3(oidcProvider, request)
    }
  }
}

/** What the key sources build Huawei Cloud's keys from: its key pairs' shapes, and its IAM's two exchanges. */
const HUAWEI_CLOUD: CloudParts = {
  keyPair: {shapes: HUAWEI_KEYS, others: [ALIBABA_KEYS], examples: {ak: 'HW_AK', sk: 'HW_SK'}},
  federation: huaweiFederation
}

/**
 * The regions with an SWR endpoint, as the official Go SDK lists them (services/swr/v2/region, 2026). For hints only:
 * any region of the right shape is taken.
 */
const SWR_REGIONS = [
  'af-north-1',
  'af-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'cn-east-2',
  'cn-east-3',
  'cn-east-4',
  'cn-east-5',
  'cn-north-1',
  'cn-north-2',
  'cn-north-4',
  'cn-north-9',
  'cn-north-11',
  'cn-north-12',
  'cn-south-1',
  'cn-south-2',
  'cn-south-4',
  'cn-southwest-2',
  'cn-southwest-3',
  'ru-northwest-2',
  'ru-moscow-1',
  'la-south-2',
  'la-north-2',
  'sa-brazil-1',
  'sa-peru-1',
  'na-mexico-1',
  'tr-west-1',
  'ae-ad-1',
  'me-east-1',
  'my-kualalumpur-1',
  'eu-west-0',
  'eu-west-101'
]

export const swr: Provider = {
  name: 'swr',
  regions: {
    cloud: 'Huawei Cloud SWR',
    choose: "set 'provider: swr' (or leave 'provider' out)",
    known: SWR_REGIONS,
    domains: ['myhuaweicloud.com', 'myhuaweicloud.eu'],
    notes: {'eu-west-101': 'Dublin'}
  },
  accepts: ['accessKeyId', 'accessKeySecret', 'securityToken', 'loginType', 'duration', 'oidcProvider', 'roleToAssume', 'audience', 'roleSessionName', 'stsEndpoint'],
  credentialSource(inputs: AuthInputs, mask: Mask) {
    const loginType = parseLoginType(inputs.loginType)
    // A key source that reads 'duration' (keyless login) applies limits of its own: those of its keys.
    const durationSeconds = keySourceFor(inputs).readsDuration ? undefined : parseDuration(inputs.duration)
    if (inputs.username !== '' || inputs.password !== '') {
      throw new UserError(
        `Inputs 'username' and 'password' are Alibaba Cloud Container Registry's fixed access password, and 'provider' ` +
          `is swr (the default, Huawei Cloud SWR): for ACR, add 'provider: acr'. SWR logs in with 'access-key-id' and ` +
          `'access-key-secret', or keylessly with 'oidc-provider'.`
      )
    }
    if (inputs.instanceId !== '') {
      throw new UserError(
        `Input 'instance-id' names an Alibaba Cloud Container Registry Enterprise Edition instance, and 'provider' is swr ` +
          `(the default, Huawei Cloud SWR): for ACR, add 'provider: acr'; for SWR, remove 'instance-id'.`
      )
    }
    const keys = chooseKeySource(inputs, loginType).build(inputs, HUAWEI_CLOUD, mask)
    // Keys known only at login (keyless) can sign only an API login. When their source read 'duration', one validity
    // serves both: the keys', and that of the login they ask SWR for (at most the keys' anyway).
    if (loginType === 'temporary' || keys.pair === undefined) {
      return temporarySource({keys, durationSeconds: durationSeconds ?? keys.federation?.durationSeconds})
    }
    if (keys.pair.securityToken !== undefined) {
      throw new UserError(
        `Input 'security-token' needs 'login-type: temporary' with provider swr: a temporary key pair cannot give the ` + `long-term login key. Add 'login-type: temporary'.`
      )
    }
    if (durationSeconds !== undefined) {
      throw new UserError(`Input 'duration' applies to 'login-type: temporary' (the long-term key does not expire). Add 'login-type: temporary' or remove 'duration'.`)
    }
    return longTermSource(keys.pair)
  }
}
