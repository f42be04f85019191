import {maskCredential, type KeyPair, type Mask} from '../../credential.js'
import type {FailureKind} from '../../failure.js'
import {quote, UserError} from '../../errors.js'
import {emptySecretError, parseDuration, parseLoginType, type AuthInputs, type DurationLimits} from '../auth-inputs.js'
import {ALIBABA_KEYS, HUAWEI_KEYS} from '../key-shapes.js'
import {boundedByKeys, type KeySource, type KeysFederation} from '../key-source.js'
import {chooseKeySource, keySourceFor} from '../key-sources/index.js'
import type {CloudParts} from '../key-sources/kind.js'
import {checkStsEndpoint, keylessDuration, parseSessionName, type Federation, type SessionNameRules} from '../keyless.js'
import type {ApiSource, LocalSource, Provider} from '../provider.js'

// Alibaba Cloud Container Registry (ACR): a temporary token from the API for an access key pair (Personal Edition, or
// Enterprise Edition with an instance; ./api.ts, loaded only for that login), or the fixed access password.

/** A temporary token from the ACR API: the key pair, and the Enterprise Edition instance (Personal Edition without). */
export interface AcrTokenAuth extends KeyPair {
  instanceId?: string
  /** Where the key pair came from when no input holds it (keyless login), for the advice. */
  federation?: KeysFederation
}

/** Where a token source's key pair comes from, and the instance. */
interface TokenSourceAuth {
  keys: KeySource
  instanceId?: string
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

/**
 * Advice shared by both ACR logins; `unauthorized` differs with where the credential came from, and `federation` is
 * where the key pair came from when no input holds it (keyless login): the advice then names it, not a RAM user.
 */
function advice(kind: FailureKind, unauthorized: string, federation?: KeysFederation): string | undefined {
  switch (kind) {
    case 'unauthorized':
      return unauthorized
    case 'denied':
      return (
        `The account may lack Container Registry permissions for this registry, or be overdue or suspended: check the ` +
        `${federation === undefined ? `RAM user's` : `${federation.identity}'s`} permissions and the account's status in the console.`
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

function tokenSource({keys, instanceId}: TokenSourceAuth): ApiSource {
  return {
    kind: 'api',
    description: (instanceId ? `ACR Enterprise Edition temporary token for ${instanceId}` : 'ACR Personal Edition temporary token') + keys.description,
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
    prepare: keys.prepare,
    async obtain(target, context) {
      const pair = await keys.keys([target.region], context)
      const {acrCredential} = await import('./api.js')
      return boundedByKeys(await acrCredential(target, {...pair, instanceId, federation: keys.federation}, context), pair)
    },
    advice: kind =>
      advice(
        kind,
        `The ACR API issued this token moments ago: check that 'registry' is the registry of 'region'` + (instanceId ? ` and of the instance in 'instance-id'.` : '.'),
        keys.federation
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

// Keyless login: Alibaba Cloud STS's limits on a role's session (DurationSeconds), and on the session's name.
const STS_DURATION: DurationLimits = {service: 'Alibaba Cloud STS', minSeconds: 15 * 60, maxSeconds: 12 * 60 * 60}
const STS_SESSION_NAME: SessionNameRules = {service: 'Alibaba Cloud STS', maxLength: 64}
/** The audience that RAM's OIDC providers are set up with in Alibaba's own guides, and aliyun's login action. */
export const ALIBABA_DEFAULT_AUDIENCE = 'sts.aliyuncs.com'
/** STS's central endpoint; the regional (sts.<region>.aliyuncs.com) and VPC ones go in 'sts-endpoint'. */
export const ALIBABA_STS_ENDPOINT = 'https://sts.aliyuncs.com'

// RAM's ARNs: acs:ram::<account ID>:oidc-provider/<name> and acs:ram::<account ID>:role/<name>.
const PROVIDER_ARN_RE = /^acs:ram::\d+:oidc-provider\/[^\s/]+$/
const ROLE_ARN_RE = /^acs:ram::\d+:role\/[^\s/]+$/
const HUAWEI_URN_RE = /^iam::/

const PROVIDER_ARN_FORM = `acs:ram::<account ID>:oidc-provider/<name> (RAM console: Integrations, SSO, OIDC, the provider)`
const ROLE_ARN_FORM = `acs:ram::<account ID>:role/<name> (RAM console: Identities, Roles, the role)`

/** The keyless inputs, checked, as the exchange of the job's token for a RAM role's keys. */
function alibabaFederation(inputs: AuthInputs): Federation {
  const {oidcProvider, roleToAssume} = inputs
  if (!PROVIDER_ARN_RE.test(oidcProvider)) {
    const why = HUAWEI_URN_RE.test(oidcProvider)
      ? `, a Huawei Cloud IAM name: for SWR, set 'provider: swr' (or leave 'provider' out)`
      : ROLE_ARN_RE.test(oidcProvider)
        ? `, a RAM role's ARN, which goes in 'role-to-assume'`
        : ''
    throw new UserError(`Input 'oidc-provider' is ${quote(oidcProvider, 200)}${why}. For provider acr it is the RAM OIDC provider's ARN: ${PROVIDER_ARN_FORM}.`)
  }
  if (roleToAssume === '') {
    throw new UserError(
      `Input 'role-to-assume' is required with 'oidc-provider' for provider acr: the ARN of the RAM role whose trust ` +
        `policy lets this repository's token in, ${ROLE_ARN_FORM}.`
    )
  }
  if (!ROLE_ARN_RE.test(roleToAssume)) {
    const why = PROVIDER_ARN_RE.test(roleToAssume) ? `, an OIDC provider's ARN, which goes in 'oidc-provider'` : ''
    throw new UserError(`Input 'role-to-assume' is ${quote(roleToAssume, 200)}${why}. For provider acr it is a RAM role's ARN: ${ROLE_ARN_FORM}.`)
  }
  const federation = {oidcProviderArn: oidcProvider, roleArn: roleToAssume}
  return {
    service: 'Alibaba Cloud STS AssumeRoleWithOIDC',
    identity: `RAM role ${roleToAssume}`,
    audience: inputs.audience || ALIBABA_DEFAULT_AUDIENCE,
    durationSeconds: keylessDuration(inputs.duration, STS_DURATION),
    session: {given: parseSessionName(inputs.roleSessionName, STS_SESSION_NAME), rules: STS_SESSION_NAME},
    endpointInput: checkStsEndpoint(inputs.stsEndpoint, () => ALIBABA_STS_ENDPOINT),
    defaultEndpoint: () => ALIBABA_STS_ENDPOINT,
    async exchange(request) {
      const {assumeRoleWithOidc} = await import('./oidc.js')
      return assumeRoleWithOidc(federation, request)
    }
  }
}

/** What the key sources build Alibaba Cloud's keys from: its key pairs' shapes, and STS's exchange for a RAM role. */
const ALIBABA_CLOUD: CloudParts = {
  keyPair: {
    shapes: ALIBABA_KEYS,
    others: [HUAWEI_KEYS],
    examples: {ak: 'ALIYUN_AK', sk: 'ALIYUN_SK'},
    more: ` With provider acr, give either 'access-key-id' and 'access-key-secret' (temporary token) or 'username' and 'password' (fixed password).`
  },
  federation: alibabaFederation
}

/**
 * The regions of Container Registry, as Alibaba's endpoint list gives them (cr.<region>.aliyuncs.com, 2025). For hints
 * only: any region of the right shape is taken.
 */
const ACR_REGIONS = [
  'cn-qingdao',
  'cn-beijing',
  'cn-zhangjiakou',
  'cn-huhehaote',
  'cn-wulanchabu',
  'cn-hangzhou',
  'cn-shanghai',
  'cn-nanjing',
  'cn-fuzhou',
  'cn-shenzhen',
  'cn-heyuan',
  'cn-guangzhou',
  'cn-chengdu',
  'cn-wuhan-lr',
  'cn-hongkong',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'us-west-1',
  'us-east-1',
  'eu-central-1',
  'eu-west-1',
  'me-east-1',
  'me-central-1',
  'na-south-1'
]

export const acr: Provider = {
  name: 'acr',
  regions: {
    cloud: 'Alibaba Cloud Container Registry',
    choose: "add 'provider: acr'",
    known: ACR_REGIONS,
    domains: ['aliyuncs.com']
  },
  accepts: [
    'accessKeyId',
    'accessKeySecret',
    'securityToken',
    'username',
    'password',
    'loginType',
    'instanceId',
    'duration',
    'oidcProvider',
    'roleToAssume',
    'audience',
    'roleSessionName',
    'stsEndpoint'
  ],
  credentialSource(inputs: AuthInputs, mask: Mask) {
    const loginType = parseLoginType(inputs.loginType)
    // A key source that reads 'duration' (keyless login) applies limits of its own; ACR takes no 'duration' otherwise.
    const durationSeconds = keySourceFor(inputs).readsDuration ? undefined : parseDuration(inputs.duration)
    const instanceId = parseInstanceId(inputs.instanceId)
    const source = chooseKeySource(inputs, loginType)
    if (durationSeconds !== undefined) {
      throw new UserError(
        `Input 'duration' applies to provider swr, and to keyless login ('oidc-provider'); ACR decides its tokens' ` + `lifetime (1 hour, or the STS token's). Remove it.`
      )
    }
    // The fixed access password is a stored credential without a key pair: the choice refused it beside any other
    // source, so given here, it is the stored credential.
    const keyPairGiven = inputs.accessKeyId !== '' || inputs.accessKeySecret !== ''
    if (inputs.username !== '' || inputs.password !== '') {
      if (keyPairGiven) {
        throw new UserError(
          `Give either 'access-key-id' and 'access-key-secret' (for a temporary token) or 'username' and 'password' ` + `(the fixed access password), not both.`
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
        throw new UserError(
          `'login-type: temporary' needs an access key pair; 'username' and 'password' give the fixed access password. Remove 'login-type' or use the key pair.`
        )
      }
      if (inputs.securityToken !== '') throw new UserError(`Input 'security-token' goes with an access key pair, not with 'username' and 'password'. Remove it.`)
      if (instanceId !== undefined) {
        throw new UserError(`Input 'instance-id' is for requesting a temporary token; with 'username' and 'password', give the instance's domain in 'registry' instead.`)
      }
      return passwordSource(inputs.username, inputs.password)
    }
    const keys = source.build(inputs, ALIBABA_CLOUD, mask)
    // Only the stored keys reach this: the choice refused 'long-term' with keys that are always temporary.
    if (loginType === 'long-term') {
      throw new UserError(
        `ACR gives only temporary tokens for an access key pair, so 'login-type: long-term' cannot be met. For a login that ` +
          `lasts, use the fixed access password ('username' and 'password'); otherwise remove 'login-type'.`
      )
    }
    return tokenSource({keys, instanceId})
  }
}
