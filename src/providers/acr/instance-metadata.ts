import * as http from 'node:http'
import {refuseExpired} from '../../api-errors.js'
import type {Mask} from '../../credential.js'
import {quote, UserError} from '../../errors.js'
import {MAX_BODY_BYTES} from '../../http.js'
import {isoTime} from '../../time.js'
import type {Keys} from '../key-source.js'

// The temporary keys of the RAM role attached to the Alibaba Cloud ECS instance the runner is: read from the instance
// metadata service, as @alicloud/credentials 2.4.7 does (aliyun/credentials-nodejs, src/providers/ecs_ram_role.ts;
// every rule below marked "SDK" is from that file). Loaded on demand, by logins with 'instance-role' only: nothing
// runs at import, and it logs through the function it is given.
//
// The wire, as the SDK's: before each read, PUT /latest/api/token (hardened mode, IMDSv2) for a session token, then the
// read with that token; the role list /latest/meta-data/ram/security-credentials/ (unless a role is named), then the
// role's keys /latest/meta-data/ram/security-credentials/<role>. Plain mode (IMDSv1, no token) where the SDK falls back
// to it: when the token cannot be had, or a read with it fails; never when ALIBABA_CLOUD_IMDSV1_DISABLED is true.

/** The input this source serves; its messages name it (names.ts gets it when the input is wired in). */
const INPUT_NAME = 'instance-role'

/** The metadata service's address on every ECS instance (SDK: withHost('100.100.100.200'), plain HTTP). */
export const METADATA_ENDPOINT = new URL('http://100.100.100.200/')

/** The SDK's deadlines, each 1 s: to connect, and from the connection to the end of the answer (httpx's readTimeout). */
export const DEADLINE_MS = 1000

/** The session token's life the SDK asks for (defaultMetadataTokenDuration, 6 hours, the service's maximum). */
const TOKEN_TTL_SECONDS = 21600

const TOKEN_PATH = '/latest/api/token'
const ROLES_PATH = '/latest/meta-data/ram/security-credentials/'

// RAM role names: 1 to 64 letters, digits, dots and hyphens. A name is checked before it goes into a path, so that no
// value (an input, the environment, the role list's answer) can point a request at another path of the service.
const ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/

/** A role list with no name in it: no role attached, as a 404 says. */
const EMPTY_LIST = 'with an empty role list'

export interface InstanceMetadataOptions {
  /** The runner's environment: the SDK's switches ALIBABA_CLOUD_ECS_METADATA(_DISABLED) and ALIBABA_CLOUD_IMDSV1_DISABLED. */
  env: NodeJS.ProcessEnv
  /** The RAM role 'instance-role' names; undefined ('auto'): ALIBABA_CLOUD_ECS_METADATA, else the one attached. */
  roleName?: string
  /** Called on every secret the moment it is read: the session token, the key secret, the security token, the key ID. */
  mask: Mask
  log: (line: string) => void
  /** Tests only: where the service is, and shorter deadlines. */
  endpoint?: URL
  connectMs?: number
  readMs?: number
}

/** A variable the SDKs read as on when it says "true", in any case (SDK: `.toLowerCase() === 'true'`). */
function on(env: NodeJS.ProcessEnv, name: string): boolean {
  return env[name]?.toLowerCase() === 'true'
}

// Why one request failed, before it is put in the user's terms: no connection; a connection and no answer; an answer
// that cannot be the service's (a redirect, too large a body); or the service's own answer that says no.
type Failure =
  | {kind: 'unreachable'; detail: string}
  | {kind: 'silent'; detail: string}
  | {kind: 'foreign'; detail: string}
  | {kind: 'status'; status: number}
  | {kind: 'content'; detail: string}

class StepFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind)
  }
}

/** The failure a request or a check threw; anything else (a mask that throws) goes on as it is. */
function failureOf(error: unknown): Failure {
  if (error instanceof StepFailure) return error.failure
  throw error
}

interface Answer {
  status: number
  body: string
}

// A connection that cannot be made: nothing at the address, a firewall that drops or refuses, no route.
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL', 'ENETDOWN'])

/**
 * One request, straight through node:http: no proxy (the service is link-local, and a proxy would answer for it), no
 * redirect followed, an answer of at most MAX_BODY_BYTES, and the SDK's two deadlines. Throws StepFailure.
 */
function send(method: 'GET' | 'PUT', url: URL, headers: Record<string, string>, connectMs: number, readMs: number): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    // agent: false: a connection of its own, closed after the answer, through no agent a proxy setting could change.
    const request = http.request(url, {method, headers, agent: false})
    let readTimer: NodeJS.Timeout | undefined
    let settled = false
    const finish = (outcome: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(connectTimer)
      clearTimeout(readTimer)
      outcome()
    }
    const fail = (failure: Failure): void =>
      finish(() => {
        request.destroy()
        reject(new StepFailure(failure))
      })
    const connectTimer = setTimeout(() => fail({kind: 'unreachable', detail: `no connection within ${connectMs} ms`}), connectMs)
    const connected = (): void => {
      clearTimeout(connectTimer)
      readTimer = setTimeout(() => fail({kind: 'silent', detail: `no answer within ${readMs} ms of connecting`}), readMs)
    }
    request.on('socket', socket => (socket.connecting ? socket.once('connect', connected) : connected()))
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'an error'
      fail(UNREACHABLE.has(code) ? {kind: 'unreachable', detail: `the connection failed (${code})`} : {kind: 'silent', detail: `the connection closed (${code})`})
    })
    request.on('response', response => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_BODY_BYTES) fail({kind: 'foreign', detail: `answered with more than ${MAX_BODY_BYTES} bytes`})
        else chunks.push(chunk)
      })
      response.on('error', () => fail({kind: 'silent', detail: 'the answer broke off'}))
      response.on('end', () => finish(() => resolve({status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8')})))
    })
    request.end()
  })
}

/** Where the role's name came from, for the log and the messages. */
type RoleSource = 'input' | 'environment' | 'list'

const ROLE_SOURCE: Record<RoleSource, string> = {
  input: `'${INPUT_NAME}'`,
  environment: `ALIBABA_CLOUD_ECS_METADATA in the runner's environment`,
  list: 'the role attached to this instance'
}

/**
 * The temporary keys of the ECS instance's RAM role, from its metadata service. Each secret is masked the moment it is
 * read. Throws UserError (naming 'instance-role', the address and what to check) when there are none to be had; fails
 * within a few seconds on a runner that is not an ECS instance.
 */
export async function ecsRamRoleKeys(options: InstanceMetadataOptions): Promise<Keys> {
  const {env, mask, log} = options
  const endpoint = options.endpoint ?? METADATA_ENDPOINT
  const connectMs = options.connectMs ?? DEADLINE_MS
  const readMs = options.readMs ?? DEADLINE_MS
  const address = endpoint.origin
  const service = `the ECS instance metadata service at ${address}`
  const prefix = `'${INPUT_NAME}': `

  // SDK (builder's build): the source is off altogether.
  if (on(env, 'ALIBABA_CLOUD_ECS_METADATA_DISABLED')) {
    throw new UserError(
      `${prefix}ALIBABA_CLOUD_ECS_METADATA_DISABLED is true in the runner's environment, which turns off ${service} for ` +
        `Alibaba Cloud's SDKs, and for this action too. Remove it from the runner's environment to use the instance's ` +
        `RAM role, or log in another way (stored keys, or 'oidc-provider').`
    )
  }
  // SDK: ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids plain mode. The _DISABLE spelling is not in the Node SDK's 2.4.7
  // source, but other Alibaba Cloud clients accept it: a runner set up for them means the same, and is obeyed.
  const plainForbidden = on(env, 'ALIBABA_CLOUD_IMDSV1_DISABLED') || on(env, 'ALIBABA_CLOUD_IMDSV1_DISABLE')
  const forbidder = on(env, 'ALIBABA_CLOUD_IMDSV1_DISABLED') ? 'ALIBABA_CLOUD_IMDSV1_DISABLED' : 'ALIBABA_CLOUD_IMDSV1_DISABLE'

  // SDK: the role given wins; else ALIBABA_CLOUD_ECS_METADATA; else the role list.
  const given = options.roleName !== undefined && options.roleName !== '' ? {name: options.roleName, source: 'input' as const} : undefined
  const fromEnv = env.ALIBABA_CLOUD_ECS_METADATA ? {name: env.ALIBABA_CLOUD_ECS_METADATA, source: 'environment' as const} : undefined
  const named = given ?? fromEnv
  if (named !== undefined && !ROLE_NAME.test(named.name)) {
    throw new UserError(
      `${prefix}the RAM role name ${quote(named.name)} (from ${ROLE_SOURCE[named.source]}) is not one: a RAM role's name ` +
        `has 1 to 64 letters, digits, dots and hyphens.${named.source === 'input' ? ` Use 'auto' for the role attached to the instance.` : ''}`
    )
  }

  /** The message for a failure of `what` (a clause: "listing the instance's RAM role"), in the user's terms. */
  const explain = (failure: Failure, what: string, mode: string): string => {
    switch (failure.kind) {
      case 'unreachable':
        return (
          `${prefix}nothing answers at ${address}, the ECS instance metadata service (${failure.detail}, ${what}). Is this ` +
          `runner an Alibaba Cloud ECS instance? '${INPUT_NAME}' works on one only, with a RAM role attached. If it is one, ` +
          `check that no firewall rule, proxy or container network keeps the job from ${endpoint.host} on port ` +
          `${endpoint.port || 80} (a job in a container needs a route to it, as the host has).`
        )
      case 'silent':
        return (
          `${prefix}${service} did not answer (${failure.detail}, ${what}). Run the job again; if it persists, check what ` +
          `on the runner's network handles ${endpoint.host} (a firewall or proxy that holds connections).`
        )
      case 'foreign':
        return (
          `${prefix}what answers at ${address} ${failure.detail} (${what}), which the ECS metadata service never does: ` +
          `something else answers for it. Check the runner's network (a proxy or gateway that intercepts ${endpoint.host}).`
        )
      case 'status':
        return (
          `${prefix}${service} answered HTTP ${failure.status} ${what} (${mode}). Run the job again; if it persists, check ` +
          `the instance's metadata access settings (ECS console: the instance, Instance Settings, Modify Instance Metadata ` +
          `Access Settings).`
        )
      case 'content':
        return `${prefix}${service} answered ${what} ${failure.detail}. Run the job again; if it persists, report it.`
    }
  }

  // A session token for one read (SDK getMetadataToken): undefined when there is none and plain mode is allowed (the
  // log says why); a UserError when plain mode is forbidden.
  const getToken = async (what: string): Promise<string | undefined> => {
    let failure: Failure
    try {
      const answer = await send('PUT', new URL(TOKEN_PATH, endpoint), {'x-aliyun-ecs-metadata-token-ttl-seconds': String(TOKEN_TTL_SECONDS)}, connectMs, readMs)
      if (answer.status === 200 && answer.body !== '') {
        // The token reads the role's keys for hours: a secret like them.
        mask(answer.body)
        return answer.body
      }
      failure = answer.status === 200 ? {kind: 'content', detail: 'with an empty session token'} : {kind: 'status', status: answer.status}
    } catch (error) {
      failure = failureOf(error)
    }
    // SDK getMetadataToken: without plain mode, the token's failure is the end.
    if (plainForbidden) {
      if (failure.kind === 'status' || failure.kind === 'content') {
        const why = failure.kind === 'status' ? `HTTP ${failure.status}` : failure.detail
        throw new UserError(
          `${prefix}${service} refused hardened mode (IMDSv2): it answered ${why} for a session token (${what}), and ` +
            `${forbidder} (true in the runner's environment) forbids plain mode (IMDSv1). Check that the instance's ` +
            `metadata service allows hardened mode (ECS console: the instance, Instance Settings, Modify Instance ` +
            `Metadata Access Settings), or remove ${forbidder} to allow plain mode as Alibaba Cloud's SDKs do.`
        )
      }
      throw new UserError(explain(failure, `asking for a session token, ${what}`, 'hardened mode'))
    }
    log(`Instance metadata: no session token for hardened mode (IMDSv2) (${describe(failure)}); ${what} in plain mode (IMDSv1), as Alibaba Cloud's SDKs do.`)
    return undefined
  }

  /**
   * One read as the SDK makes it: a token first, the read with it, and on any failure of that read the same read in
   * plain mode (unless forbidden). `check` says whether an answer is the one wanted (throws StepFailure when not).
   * Which mode gave the answer comes back with it.
   */
  const read = async <T>(
    path: string,
    what: string,
    check: (answer: Answer) => T,
    says: (failure: Failure, mode: string) => string
  ): Promise<{value: T; hardened: boolean}> => {
    const attempt = async (token: string | undefined): Promise<T> => {
      const answer = await send('GET', new URL(path, endpoint), token === undefined ? {} : {'x-aliyun-ecs-metadata-token': token}, connectMs, readMs)
      // The service never redirects: a 3xx is something else answering (and a redirect is never followed).
      if (answer.status >= 300 && answer.status < 400) throw new StepFailure({kind: 'foreign', detail: `answered HTTP ${answer.status}, a redirect`})
      return check(answer)
    }
    const token = await getToken(what)
    let first: Failure | undefined
    if (token !== undefined) {
      try {
        return {value: await attempt(token), hardened: true}
      } catch (error) {
        first = failureOf(error)
        if (plainForbidden) throw new UserError(says(first, 'hardened mode'))
        log(`Instance metadata: ${what} in hardened mode (IMDSv2) failed (${describe(first)}); again in plain mode (IMDSv1), as Alibaba Cloud's SDKs do.`)
      }
    }
    try {
      return {value: await attempt(undefined), hardened: false}
    } catch (error) {
      const failure = failureOf(error)
      // The service's own answer to the read with a token says more than a plain read's (which an instance that allows
      // hardened mode only refuses): report that one, unless it was no answer at all.
      const reported = first !== undefined && first.kind !== 'unreachable' && first.kind !== 'silent' ? first : failure
      throw new UserError(says(reported, reported === first ? 'hardened mode' : 'plain mode'))
    }
  }

  let role: {name: string; source: RoleSource}
  if (named !== undefined) {
    role = named
  } else {
    const what = `listing the instance's RAM role (${ROLES_PATH})`
    const listed = await read(
      ROLES_PATH,
      what,
      answer => {
        if (answer.status !== 200) throw new StepFailure({kind: 'status', status: answer.status})
        // SDK doGetRoleName: the body, trimmed. Never quoted back: whatever answered may not be the service.
        const name = answer.body.trim()
        if (name === '') throw new StepFailure({kind: 'content', detail: EMPTY_LIST})
        if (!ROLE_NAME.test(name)) throw new StepFailure({kind: 'content', detail: `with ${name.length} characters that are not a RAM role's name`})
        return name
      },
      (failure, mode) =>
        (failure.kind === 'status' && failure.status === 404) || (failure.kind === 'content' && failure.detail === EMPTY_LIST)
          ? `${prefix}no RAM role is attached to this ECS instance: ${service} lists none (${ROLES_PATH}, ${mode}). Attach ` +
            `a RAM role to the instance (ECS console: the instance, Instance Settings, Attach/Detach RAM Role) whose ` +
            `trust policy lets ECS assume it (Service ecs.aliyuncs.com) and whose policies allow ` +
            `cr:GetAuthorizationToken and the pulls or pushes the job makes (e.g. AliyunContainerRegistryFullAccess).`
          : explain(failure, what, mode)
    )
    role = {name: listed.value, source: 'list'}
  }

  const what = `reading the keys of RAM role ${quote(role.name)}`
  const keys = await read(
    ROLES_PATH + encodeURIComponent(role.name),
    what,
    answer => {
      if (answer.status !== 200) throw new StepFailure({kind: 'status', status: answer.status})
      let data: Record<string, unknown>
      try {
        data = JSON.parse(answer.body) as Record<string, unknown>
      } catch {
        throw new StepFailure({kind: 'content', detail: 'with a body that is not JSON'})
      }
      if (typeof data !== 'object' || data === null) throw new StepFailure({kind: 'content', detail: 'with a body that is not a JSON object'})
      // SDK doGetCredentials: anything but Code "Success" is a failure (checked first here: it says why the rest is missing).
      if (data.Code !== 'Success') {
        const code = typeof data.Code === 'string' ? quote(data.Code) : 'none'
        throw new StepFailure({kind: 'content', detail: `with Code ${code}, not 'Success'`})
      }
      // The secrets first, each masked as it is read; then the key ID, masked too (as keyless login's keys are).
      const field = (name: string): string => {
        const value = data[name]
        if (typeof value !== 'string' || value === '') throw new StepFailure({kind: 'content', detail: `without "${name}"`})
        mask(value)
        return value
      }
      const accessKeySecret = field('AccessKeySecret')
      const securityToken = field('SecurityToken')
      const accessKeyId = field('AccessKeyId')
      return {accessKeyId, accessKeySecret, securityToken, expiresAt: isoTime(typeof data.Expiration === 'string' ? data.Expiration : undefined)}
    },
    (failure, mode) => {
      if (failure.kind === 'status' && failure.status === 404) {
        const advice =
          role.source === 'list'
            ? `The role list named it a moment before: was the role detached just now? Run the job again.`
            : `Check the name against the role attached to the instance (ECS console: the instance, its RAM role), or ` +
              `${role.source === 'input' ? `set '${INPUT_NAME}: auto'` : 'remove ALIBABA_CLOUD_ECS_METADATA'} to use whichever role is attached.`
        return `${prefix}${service} has no RAM role ${quote(role.name)} on this instance (HTTP 404, ${mode}); the name comes from ${ROLE_SOURCE[role.source]}. ${advice}`
      }
      if (failure.kind === 'content' && failure.detail.startsWith('with Code')) {
        return (
          `${prefix}${service} answered for RAM role ${quote(role.name)} ${failure.detail} (${mode}): it has no keys for ` +
          `the role. Run the job again; if it persists, check the role in the RAM console: it exists, and its trust ` +
          `policy lets ECS assume it (Service ecs.aliyuncs.com).`
        )
      }
      return explain(failure, what, mode)
    }
  )

  const {expiresAt} = keys.value
  refuseExpired({what: `${service} answered for RAM role ${quote(role.name)} with temporary keys`, expiresAt})
  const until = expiresAt === undefined ? '' : `, valid until ${expiresAt}`
  log(
    `Instance role: temporary keys of RAM role ${quote(role.name)} (${ROLE_SOURCE[role.source]}) from ${service}, ` +
      `${keys.hardened ? 'hardened mode (IMDSv2)' : 'plain mode (IMDSv1)'}${until}`
  )
  return keys.value
}

/** A failure as a short clause for the log, without anything the answer said. */
function describe(failure: Failure): string {
  switch (failure.kind) {
    case 'status':
      return `HTTP ${failure.status}`
    case 'unreachable':
    case 'silent':
    case 'foreign':
    case 'content':
      return failure.detail
  }
}
