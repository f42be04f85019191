// Fakes of the two sides of keyless login, on loopback, for the end-to-end tests:
// - GitHub's token service (what the runner points ACTIONS_ID_TOKEN_REQUEST_URL at): it checks the bearer token and
//   hands out a JWT signed with a key of its own, for the audience asked for;
// - the clouds' token exchanges: Alibaba STS AssumeRoleWithOIDC, Huawei IAM v5 AssumeAgencyWithOIDC, and Huawei IAM v3
//   federation (unscoped token, then securitytokens). Each verifies the JWT as the cloud would (signature with GitHub's
//   key, issuer, expiry, audience among the provider's client IDs, subject against the trust condition) and hands out
//   the temporary key pair the test gives it, which the fake cloud APIs (fake-cloud.ts) then accept only when signed
//   with it and its token. Each records what it received, and whether it held anything it must not (a signature, an
//   AccessKeyId, the token in a URL), for the tests to read.
import {createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject} from 'node:crypto'
import * as http from 'node:http'
import type {KeyPair} from './fake-cloud.js'
import {LoopbackServer} from './loopback-server.js'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

export interface TokenRequest {
  audience: string | null
  apiVersion: string | null
  bearerOk: boolean
  status: number
}

/** GitHub's OIDC token service, as the runner exposes it to a job with `id-token: write`. */
export class FakeGitHubOidc extends LoopbackServer {
  readonly received: TokenRequest[] = []
  /** Every JWT handed out: secrets, for the scans. */
  readonly issued: string[] = []
  /** What the runner gives the job as ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  readonly requestToken = `ghrt-${randomBytes(24).toString('hex')}`
  private readonly keys = generateKeyPairSync('rsa', {modulusLength: 2048})

  constructor(readonly subject = 'repo:octo-org/app:ref:refs/heads/main') {
    super()
  }

  /** The environment the runner sets for such a job. */
  env(): Record<string, string> {
    return {ACTIONS_ID_TOKEN_REQUEST_URL: `${this.url}/_apis/distributedtask/token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.requestToken}
  }

  get publicKey(): KeyObject {
    return this.keys.publicKey
  }

  protected handle(req: http.IncomingMessage, url: URL, _body: string, res: http.ServerResponse): void {
    const record: TokenRequest = {
      audience: url.searchParams.get('audience'),
      apiVersion: url.searchParams.get('api-version'),
      bearerOk: req.headers.authorization === `Bearer ${this.requestToken}`,
      status: 200
    }
    this.received.push(record)
    if (req.method !== 'GET' || url.pathname !== '/_apis/distributedtask/token') return void json(res, (record.status = 404), {message: 'Not Found'})
    if (!record.bearerOk) return void json(res, (record.status = 401), {message: 'Unauthorized'})
    const now = Math.floor(Date.now() / 1000)
    const jwt = signJwt(
      {
        iss: GITHUB_ISSUER,
        sub: this.subject,
        aud: record.audience ?? 'https://github.com/octo-org',
        repository: 'octo-org/app',
        ref: 'refs/heads/main',
        jti: randomBytes(8).toString('hex'),
        iat: now,
        nbf: now - 5,
        exp: now + 300
      },
      this.keys.privateKey
    )
    this.issued.push(jwt)
    json(res, 200, {count: 1, value: jwt})
  }
}

function signJwt(claims: object, key: KeyObject): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const signingInput = `${part({typ: 'JWT', alg: 'RS256', kid: 'fake-github'})}.${part(claims)}`
  return `${signingInput}.${createSign('RSA-SHA256').update(signingInput).sign(key).toString('base64url')}`
}

/** Why the token is refused, as the cloud would see it; undefined when it is good for this trust. */
function checkJwt(jwt: string, key: KeyObject, trust: Trust): {why: 'invalid' | 'signature' | 'issuer' | 'expired' | 'audience' | 'subject'; sub?: string} | undefined {
  const [header, payload, signature] = jwt.split('.')
  if (signature === undefined) return {why: 'invalid'}
  const verified = createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(key, Buffer.from(signature, 'base64url'))
  if (!verified) return {why: 'signature'}
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {iss: string; sub: string; aud: string; exp: number}
  if (claims.iss !== GITHUB_ISSUER) return {why: 'issuer'}
  if (claims.exp * 1000 < Date.now()) return {why: 'expired'}
  if (!trust.clientIds.includes(claims.aud)) return {why: 'audience'}
  if (!trust.subjects.includes(claims.sub)) return {why: 'subject', sub: claims.sub}
  return undefined
}

/** What a cloud's provider and role (or agency, or mapping) accept. */
export interface Trust {
  /** The OIDC provider's client IDs: the audiences it takes. */
  clientIds: string[]
  /** The subjects the trust policy (or mapping rule) lets in. */
  subjects: string[]
}

export type StsMisbehaviour = '503' | 'hang'

export interface StsRequest {
  api: 'alibaba' | 'huawei-v5' | 'huawei-v3-token' | 'huawei-v3-keys' | 'unknown'
  method: string
  path: string
  query: Record<string, string>
  headers: http.IncomingHttpHeaders
  /** The body, parsed (form or JSON). */
  params: Record<string, unknown>
  /** What the request held that it must not: a signature, a key ID, the JWT in its URL. Empty when clean. */
  forbidden: string[]
  /** Why it was refused, or 'ok'. */
  verdict: string
  acted?: StsMisbehaviour
}

/** The clouds' token exchanges. */
export class FakeSts extends LoopbackServer {
  readonly received: StsRequest[] = []
  /** The v3 unscoped IAM tokens handed out: secrets, for the scans. */
  readonly iamTokens: string[] = []
  private readonly script: StsMisbehaviour[] = []

  constructor(
    private readonly github: FakeGitHubOidc,
    readonly config: {
      trust: Trust
      /** What every successful exchange hands out. */
      keys: Required<KeyPair>
      /** What one cloud's exchanges hand out instead, where its keys must have that cloud's shape. */
      keysOf?: Partial<Record<'alibaba' | 'huawei', Required<KeyPair>>>
      alibaba: {providerArn: string; roleArn: string}
      huawei: {providerUrn: string; agencyUrn: string; idp: string}
    }
  ) {
    super()
  }

  /** The next requests misbehave, in this order; after them, normal answers. */
  misbehave(...misbehaviours: StsMisbehaviour[]): this {
    this.script.push(...misbehaviours)
    return this
  }

  private keys(cloud: 'alibaba' | 'huawei'): Required<KeyPair> {
    return this.config.keysOf?.[cloud] ?? this.config.keys
  }

  protected handle(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): void {
    const query = Object.fromEntries(url.searchParams)
    const type = String(req.headers['content-type'] ?? '')
    let params: Record<string, unknown> = {}
    if (type.startsWith('application/x-www-form-urlencoded')) params = Object.fromEntries(new URLSearchParams(body))
    else if (type.startsWith('application/json') && body !== '') params = JSON.parse(body) as Record<string, unknown>
    const api: StsRequest['api'] =
      req.method === 'POST' && url.pathname === '/' && query.Action === 'AssumeRoleWithOIDC'
        ? 'alibaba'
        : url.pathname === '/v5/agencies/assume-with-oidc'
          ? 'huawei-v5'
          : /^\/v3\/OS-FEDERATION\/identity_providers\/[^/]+\/protocols\/oidc\/auth$/.test(url.pathname)
            ? 'huawei-v3-token'
            : url.pathname === '/v3.0/OS-CREDENTIAL/securitytokens'
              ? 'huawei-v3-keys'
              : 'unknown'
    const record: StsRequest = {api, method: req.method ?? '', path: url.pathname, query, headers: req.headers, params, forbidden: [], verdict: 'ok'}
    this.received.push(record)
    // The exchanges are anonymous: the token is the proof, and it never goes in a URL.
    for (const name of ['Signature', 'SignatureMethod', 'AccessKeyId', 'SecurityToken']) {
      if (name in query || name in params) record.forbidden.push(name)
    }
    if (api !== 'huawei-v3-token' && api !== 'huawei-v3-keys' && req.headers.authorization !== undefined) record.forbidden.push('Authorization header')
    if (this.github.issued.some(jwt => (req.url ?? '').includes(jwt.slice(-40)))) record.forbidden.push('the JWT in the URL')

    const acted = this.script.shift()
    record.acted = acted
    if (acted === 'hang') return
    if (acted === '503') return void json(res, 503, {Code: 'ServiceUnavailable', Message: 'busy', error_code: 'STS.5030', error_msg: 'busy'})
    switch (api) {
      case 'alibaba':
        return this.alibaba(record, res)
      case 'huawei-v5':
        return this.huaweiV5(record, res)
      case 'huawei-v3-token':
        return this.huaweiV3Token(record, req, url, res)
      case 'huawei-v3-keys':
        return this.huaweiV3Keys(record, req, res)
      case 'unknown':
        record.verdict = 'unknown API'
        return void json(res, 404, {Code: 'InvalidAction.NotFound', Message: 'Specified api is not found'})
    }
  }

  private alibaba(record: StsRequest, res: http.ServerResponse): void {
    const p = record.params as Record<string, string>
    const requestId = `sts-${this.received.length}`
    const refuse = (status: number, code: string, message: string): void => {
      record.verdict = code
      json(res, status, {RequestId: requestId, Code: code, Message: message})
    }
    if (record.forbidden.length > 0) return refuse(400, 'InvalidParameter', `unexpected ${record.forbidden.join(', ')}`)
    if (p.OIDCProviderArn !== this.config.alibaba.providerArn) return refuse(401, 'AuthenticationFail.NoPermission', 'No such OIDC Provider registered.')
    if (p.RoleArn !== this.config.alibaba.roleArn) return refuse(404, 'EntityNotExist.Role', `The role not exists: ${p.RoleArn}.`)
    if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(p.RoleSessionName ?? '')) return refuse(400, 'InvalidParameter.RoleSessionName', 'The parameter RoleSessionName is wrongly formed.')
    const seconds = Number(p.DurationSeconds)
    if (!(seconds >= 900 && seconds <= 3600 * 12)) return refuse(400, 'InvalidParameter.DurationSeconds', 'The Min/Max value of DurationSeconds is 15min/12hr.')
    const bad = checkJwt(p.OIDCToken ?? '', this.github.publicKey, this.config.trust)
    if (bad?.why === 'audience') return refuse(401, 'AuthenticationFail.OIDCToken.AudienceNotMatch', 'Invalid audience.')
    if (bad?.why === 'subject') return refuse(401, 'AuthenticationFail.NoPermission', 'There is no permission.')
    if (bad)
      return refuse(
        401,
        `AuthenticationFail.OIDCToken.${bad.why === 'signature' ? 'InvalidSignature' : bad.why === 'expired' ? 'Expired' : 'Invalid'}`,
        'OIDC token validate failed.'
      )
    const {accessKeyId, accessKeySecret, securityToken} = this.keys('alibaba')
    json(res, 200, {
      RequestId: requestId,
      Credentials: {AccessKeyId: accessKeyId, AccessKeySecret: accessKeySecret, SecurityToken: securityToken, Expiration: expiration(seconds, 0)},
      AssumedRoleUser: {Arn: `${p.RoleArn}/${p.RoleSessionName}`, AssumedRoleId: `3001:${p.RoleSessionName}`},
      OIDCTokenInfo: {Subject: this.config.trust.subjects[0], Issuer: GITHUB_ISSUER, ClientIds: this.config.trust.clientIds.join(',')}
    })
  }

  // Huawei publishes no codes for these refusals; the ones here are made up, and the action keys on status and words.
  private huaweiV5(record: StsRequest, res: http.ServerResponse): void {
    const p = record.params as Record<string, string | number>
    const requestId = `v5-${this.received.length}`
    const refuse = (status: number, code: string, message: string): void => {
      record.verdict = code
      json(res, status, {error_code: code, error_msg: message, request_id: requestId})
    }
    if (record.forbidden.length > 0) return refuse(400, 'STS.0001', `unexpected ${record.forbidden.join(', ')}`)
    if (p.provider_urn !== this.config.huawei.providerUrn) return refuse(404, 'STS.0404', 'The OIDC provider does not exist.')
    if (p.agency_urn !== this.config.huawei.agencyUrn) return refuse(404, 'STS.0404', 'The agency does not exist.')
    const name = String(p.agency_session_name ?? '')
    if (name.length < 2 || name.length > 128) return refuse(400, 'STS.0002', 'Invalid agency_session_name.')
    const seconds = Number(p.duration_seconds ?? 3600)
    const bad = checkJwt(String(p.id_token ?? ''), this.github.publicKey, this.config.trust)
    if (bad?.why === 'audience') return refuse(400, 'STS.0211', 'The audience of the id_token does not match the client IDs of the OIDC provider.')
    if (bad?.why === 'subject') return refuse(403, 'STS.0403', 'The trust policy of the agency does not allow this request.')
    if (bad) return refuse(400, 'STS.0210', `The id_token is invalid (${bad.why}).`)
    const {accessKeyId, accessKeySecret, securityToken} = this.keys('huawei')
    json(res, 200, {
      credentials: {access_key_id: accessKeyId, secret_access_key: accessKeySecret, security_token: securityToken, expiration: expiration(seconds, 3)},
      assumed_agency: {urn: `sts::0123456789abcdef::assumed-agency:github-push/${name}`, id: `a1b2:${name}`}
    })
  }

  private huaweiV3Token(record: StsRequest, req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
    const refuse = (status: number, code: string, message: string): void => {
      record.verdict = code
      json(res, status, {error: {code, message, title: 'Unauthorized'}})
    }
    const idp = decodeURIComponent(url.pathname.split('/')[4])
    if (idp !== this.config.huawei.idp) return refuse(404, '1100', `Could not find Identity Provider: ${idp}.`)
    const jwt = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? ''
    const bad = checkJwt(jwt, this.github.publicKey, this.config.trust)
    // IAM says little: the same refusal whether the provider or the mapping turned the token down.
    if (bad) return refuse(401, '1101', 'The request you have made requires authentication.')
    const token = `MIIFakeIamToken-${randomBytes(24).toString('hex')}`
    this.iamTokens.push(token)
    res.writeHead(201, {'content-type': 'application/json', 'x-subject-token': token})
    res.end(JSON.stringify({token: {methods: ['mapped'], expires_at: expiration(86400, 6)}}))
  }

  private huaweiV3Keys(record: StsRequest, req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!this.iamTokens.includes(String(req.headers['x-auth-token']))) {
      record.verdict = '1102'
      return void json(res, 401, {error: {code: '1102', message: 'The token is invalid.'}})
    }
    const seconds = Number((record.params as {auth?: {identity?: {token?: {duration_seconds?: number}}}}).auth?.identity?.token?.duration_seconds ?? 900)
    const {accessKeyId, accessKeySecret, securityToken} = this.keys('huawei')
    json(res, 201, {credential: {access: accessKeyId, secret: accessKeySecret, securitytoken: securityToken, expires_at: expiration(seconds, 6)}})
  }
}

/** `seconds` from now, with `digits` fractional digits, as each API writes its times. */
function expiration(seconds: number, digits: number): string {
  const iso = new Date(Date.now() + seconds * 1000).toISOString()
  return digits === 0 ? iso.replace(/\.\d{3}Z$/, 'Z') : iso.replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms.padEnd(digits, '0').slice(0, digits)}Z`)
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {'content-type': 'application/json'})
  res.end(JSON.stringify(body))
}
