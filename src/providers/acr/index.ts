import {maskCredential, type KeyPair, type Mask} from '../../credential.js'
import type {FailureKind} from '../../engines/failure.js'
import {quote, UserError} from '../../errors.js'
import {checkKeyPair, emptySecretError, parseDuration, parseLoginType, type AuthInputs, type KeyShapes} from '../auth-inputs.js'
import type {ApiSource, LocalSource, Provider} from '../provider.js'

// Alibaba Cloud Container Registry (ACR): a temporary token from the API for an access key pair (Personal Edition, or
// Enterprise Edition with an instance; ./api.ts, loaded only for that login), or the fixed access password.

/** A temporary token from the ACR API: the key pair, and the Enterprise Edition instance (Personal Edition without). */
export interface AcrTokenAuth extends KeyPair {
  instanceId?: string
}

/**
 * Alibaba Cloud's access keys (RAM): the AK is 'LTAI' and 12 (older) or 20 letters and digits, a temporary (STS) one
 * 'STS.' and letters and digits; the SK is 30 letters and digits of both cases. An AK of another shape is used, but
 * masked: it only goes into signed API calls (the registry user name comes from the API), never on a command line.
 */
export const ALIBABA_KEYS: KeyShapes = {
  vendor: 'Alibaba Cloud',
  akLooks: `'LTAI' and 12 or 20 letters and digits, or 'STS.' and more for a temporary key`,
  isAccessKeyId: value => /^LTAI[A-Za-z0-9]{12,}$/.test(value) || /^STS\.[A-Za-z0-9]+$/.test(value),
  isAccessKeySecret: value => /^[A-Za-z0-9]{30}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && !value.startsWith('LTAI'),
  refuseUnlike: false
}

const INSTANCE_RE = /^cri-[a-z0-9]+$/
// An Enterprise Edition instance's domain (and its VPC one): <name>-registry[-vpc].<region>.cr.aliyuncs.com.
const ENTERPRISE_DOMAIN_RE = /-registry(?:-vpc)?\.[a-z0-9-]+\.cr\.aliyuncs\.com(?::\d+)?$/

/**
 * Registry host of ACR Personal Edition in a region (instances created before 2024-09; newer ones have their own
 * crpi-….personal.cr.aliyuncs.com host, which the `registry` input takes). Enterprise Edition has no default.
 */
export function acrDefaultRegistry(region: string): string {
  return `registry.${region}.aliyuncs.com`
}

/** Base URL of the Container Registry API in a region (the VPC one is cr-vpc.<region>.aliyuncs.com). */
export function acrApiEndpoint(region: string): string {
  return `https://cr.${region}.aliyuncs.com`
}

function parseInstanceId(value: string): string | undefined {
  if (value === '') return undefined
  if (!INSTANCE_RE.test(value)) {
    throw new UserError(
      `Input 'instance-id' is ${quote(value)}, which is not an ACR Enterprise Edition instance ID. It looks like cri-xxxxxxxxxxxxxxxx ` +
        `(console: Container Registry, Instances).`
    )
  }
  return value
}

/** Advice shared by both ACR logins; `unauthorized` differs with where the credential came from. */
function advice(kind: FailureKind, unauthorized: string): string | undefined {
  switch (kind) {
    case 'unauthorized':
      return unauthorized
    case 'denied':
      return (
        `The account may lack Container Registry permissions for this registry, or be overdue or suspended: check the ` +
        `RAM user's permissions and the account's status in the console.`
      )
    case 'blocked':
      return `Wait, then run the job again: retrying at once can make the block last longer.`
    case 'not-found':
      return `Check 'region' (and 'registry' if set): the host is derived from them.`
    case 'tls':
    case 'other':
      return undefined
  }
}

function tokenSource(auth: AcrTokenAuth): ApiSource {
  const {instanceId} = auth
  return {
    kind: 'api',
    description: instanceId ? `ACR Enterprise Edition temporary token for ${instanceId}` : 'ACR Personal Edition temporary token',
    defaultRegistry(region) {
      if (instanceId === undefined) return acrDefaultRegistry(region)
      // Never a guess (and never Docker Hub): an instance's domain cannot be derived from its ID.
      throw new UserError(
        `Input 'registry' is required with 'instance-id' (ACR Enterprise Edition): give the instance's domain, ` +
          `e.g. myinstance-registry.cn-hangzhou.cr.aliyuncs.com (console: the instance's Access Control page).`
      )
    },
    defaultEndpoint: acrApiEndpoint,
    checkRegions(regions) {
      if (instanceId !== undefined && regions.length > 1) {
        throw new UserError(`Input 'instance-id' names one instance, which lives in one region, but 'region' lists ${regions.length}. List its region only.`)
      }
    },
    checkRegistry(registry) {
      if (instanceId === undefined && ENTERPRISE_DOMAIN_RE.test(registry.host)) {
        throw new UserError(
          `Input 'registry' (${registry.host}) is an ACR Enterprise Edition domain, and an Enterprise token needs ` +
            `'instance-id' (cri-…, console: Instances). Without it the action would ask for a Personal Edition token, which that registry refuses.`
        )
      }
    },
    async obtain(target, context) {
      const {acrCredential} = await import('./api.js')
      return acrCredential(target, auth, context)
    },
    advice: kind =>
      advice(
        kind,
        `The ACR API issued this token moments ago: check that 'registry' is the registry of 'region'` +
          (instanceId ? ` and of the instance in 'instance-id'.` : '.')
      )
  }
}

function passwordSource(username: string, password: string): LocalSource {
  return {
    kind: 'local',
    description: 'ACR fixed access password',
    defaultRegistry: acrDefaultRegistry,
    obtain({region, registry}, {mask}) {
      const credential = {region, registry, username, password}
      maskCredential(credential, mask)
      return credential
    },
    advice: kind =>
      advice(
        kind,
        `Check 'username' and 'password': the login name and the fixed access password set in the ACR console ` +
          `(Access Credentials); resetting it there makes the old one stop working.`
      )
  }
}

export const acr: Provider = {
  name: 'acr',
  accepts: ['accessKeyId', 'accessKeySecret', 'securityToken', 'username', 'password', 'loginType', 'instanceId'],
  credentialSource(inputs: AuthInputs, mask: Mask) {
    const loginType = parseLoginType(inputs.loginType)
    const durationSeconds = parseDuration(inputs.duration)
    const instanceId = parseInstanceId(inputs.instanceId)
    const securityToken = inputs.securityToken === '' ? undefined : inputs.securityToken
    if (durationSeconds !== undefined) {
      throw new UserError(`Input 'duration' applies to provider swr; ACR decides its tokens' lifetime (1 hour, or the STS token's). Remove it.`)
    }
    const keyPairGiven = inputs.accessKeyId !== '' || inputs.accessKeySecret !== ''
    if (inputs.username !== '' || inputs.password !== '') {
      if (keyPairGiven) {
        throw new UserError(
          `Give either 'access-key-id' and 'access-key-secret' (for a temporary token) or 'username' and 'password' ` +
            `(the fixed access password), not both.`
        )
      }
      if (inputs.password === '') throw emptySecretError('password', 'ACR_PASSWORD')
      if (inputs.username === '') throw emptySecretError('username', 'ACR_USERNAME', ` With 'password', ACR needs the login name too.`)
      if (inputs.username.includes(':')) {
        // Basic authentication, Docker's `auth` entries and containerd's header all split user:password at the first
        // ':': such a name would log in as someone else, or not at all. Not quoted: it may be a password pasted in.
        throw new UserError(
          `Input 'username' contains ':', which no registry login name can hold (the login is sent as user:password). ` +
            `Give the ACR login name alone; the password goes in 'password'.`
        )
      }
      if (loginType === 'temporary') {
        throw new UserError(`'login-type: temporary' needs an access key pair; 'username' and 'password' give the fixed access password. Remove 'login-type' or use the key pair.`)
      }
      if (securityToken !== undefined) throw new UserError(`Input 'security-token' goes with an access key pair, not with 'username' and 'password'. Remove it.`)
      if (instanceId !== undefined) {
        throw new UserError(`Input 'instance-id' is for requesting a temporary token; with 'username' and 'password', give the instance's domain in 'registry' instead.`)
      }
      return passwordSource(inputs.username, inputs.password)
    }
    const more = ` With provider acr, give either 'access-key-id' and 'access-key-secret' (temporary token) or 'username' and 'password' (fixed password).`
    const {accessKeyId, accessKeySecret} = checkKeyPair(inputs, ALIBABA_KEYS, mask, {ak: 'ALIYUN_AK', sk: 'ALIYUN_SK'}, more)
    if (loginType === 'long-term') {
      throw new UserError(
        `ACR gives only temporary tokens for an access key pair, so 'login-type: long-term' cannot be met. For a login that ` +
          `lasts, use the fixed access password ('username' and 'password'); otherwise remove 'login-type'.`
      )
    }
    return tokenSource({accessKeyId, accessKeySecret, securityToken, instanceId})
  }
}
