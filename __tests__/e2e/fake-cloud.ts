// A fake of the two cloud APIs the action calls, on loopback, for the end-to-end tests. It accepts a request only when
// the official SDK computes the same signature for it (see ../support/sdk-oracles.ts), then issues a credential that
// the real test registry accepts. Tests script its misbehaviour (503s, hangs, bad bodies, refusals) and read back what
// it received.
import * as http from 'node:http'
import {percentEncode} from '../../src/percent-encode.js'
import {LoopbackServer} from './loopback-server.js'
import {alibabaSdkRoaRequest, alibabaSdkRpcSignature, huaweiSdkAuthorization} from '../support/sdk-oracles.js'

export interface KeyPair {
  accessKeyId: string
  accessKeySecret: string
  /** Set for a temporary key pair: requests must carry this token. */
  securityToken?: string
}

/** What the fake does with the next request instead of answering it properly. */
export type Misbehaviour = '503' | '429' | '401' | '403' | 'malformed' | 'hang' | 'not-success'

export interface Received {
  api: 'swr' | 'acr-personal' | 'acr-enterprise' | 'unknown'
  method: string
  path: string
  query: Record<string, string>
  headers: http.IncomingHttpHeaders
  /** Why the signature check failed, or 'ok'. */
  verdict: string
  /** The misbehaviour acted out, if any. */
  acted?: Misbehaviour
}

const FIFTEEN_MINUTES = 15 * 60 * 1000
const RPC_COMMON = ['Action', 'Format', 'Version', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'SecurityToken', 'Signature']

export class FakeCloud extends LoopbackServer {
  readonly received: Received[] = []
  private readonly keys = new Map<string, KeyPair>()
  private readonly script: Misbehaviour[] = []

  constructor(
    /** What a successful call hands out. */
    readonly issue: {
      swr: {registryHost: string; user: string; password: string}
      acr: {user: string; token: string; instanceId: string}
    }
  ) {
    super()
  }

  accept(keyPair: KeyPair): this {
    this.keys.set(keyPair.accessKeyId, keyPair)
    return this
  }

  /** The next requests misbehave, in this order; after them, normal answers. */
  misbehave(...misbehaviours: Misbehaviour[]): this {
    this.script.push(...misbehaviours)
    return this
  }

  protected async handle(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): Promise<void> {
    const form = req.method === 'POST' && String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')
    const params = Object.fromEntries(form ? new URLSearchParams(body) : url.searchParams)
    const api: Received['api'] =
      url.pathname === '/v2/manage/utils/secret'
        ? 'swr'
        : url.pathname === '/tokens'
          ? 'acr-personal'
          : params.Action === 'GetAuthorizationToken'
            ? 'acr-enterprise'
            : 'unknown'
    const record: Received = {api, method: req.method ?? '', path: url.pathname, query: params, headers: req.headers, verdict: 'ok'}
    this.received.push(record)

    if (api === 'unknown') return json(res, 404, {error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published'})
    // Every request is checked, the ones answered badly below included: a retry must be signed afresh and right.
    const verdict = api === 'swr' ? this.verifyHuawei(req, url, body) : api === 'acr-personal' ? await this.verifyRoa(req, url) : await this.verifyRpc(url, params)
    record.verdict = verdict

    const acted = this.script.shift()
    record.acted = acted
    if (acted === 'hang') return // never answer; stop() cuts the socket
    if (acted === '503' || acted === '429') return json(res, Number(acted), {error_code: 'FAKE.BUSY', error_msg: 'try later', Code: 'ServiceUnavailable'})
    if (acted === 'malformed') return text(res, 200, '{"auths": {"broken"')
    const now = Date.now()
    if (api === 'swr') {
      const requestId = `req-${this.received.length}`
      if (verdict !== 'ok' || acted === '401') {
        // The real gateway echoes the canonical request it computed, security token and all: the action must not.
        const token = req.headers['x-security-token'] ?? ''
        return json(
          res,
          401,
          {
            error_code: 'APIGW.0301',
            error_msg: `Incorrect IAM authentication information: ${acted === '401' ? 'verify aksk signature fail' : verdict}, canonicalRequest: POST\n/v2/manage/utils/secret/\nx-security-token:${token}`,
            request_id: requestId
          },
          {'x-request-id': requestId}
        )
      }
      if (acted === '403') return json(res, 403, {error_code: 'SVCSTG.SWR.4030170', error_msg: 'Insufficient permissions'}, {'x-request-id': requestId})
      const seconds = Number(params.duration_seconds ?? 6 * 3600)
      const {registryHost, user, password} = this.issue.swr
      // Six fractional digits, as the documentation shows them.
      const expireAt = new Date(now + seconds * 1000).toISOString().replace('Z', '000Z')
      return json(
        res,
        200,
        {auths: {[registryHost]: {auth: Buffer.from(`${user}:${password}`).toString('base64')}}},
        {'x-swr-expireat': expireAt, 'x-swr-dockerlogin': `docker login -u ${user} -p ${password} ${registryHost}`, 'x-request-id': requestId}
      )
    }
    const requestId = `acs-${this.received.length}`
    if (verdict !== 'ok' || acted === '401') {
      const code = acted === '401' ? 'InvalidAccessKeyId.NotFound' : verdict.split(':')[0]
      // The real API echoes the string to sign it computed; for RPC that holds the STS token, percent-encoded twice.
      const echo = api === 'acr-enterprise' ? ` server string to sign is:POST&%2F&${percentEncode(new URLSearchParams(params).toString())}` : ''
      const message = `${verdict}${echo}`
      const fields = api === 'acr-personal' ? {code, message, requestId} : {Code: code, Message: message, RequestId: requestId}
      return json(res, 400, fields, {'x-acs-request-id': requestId})
    }
    if (acted === '403') return json(res, 403, {Code: 'Forbidden.RAM', Message: 'User not authorized to operate on the specified resource.', RequestId: requestId})
    const {user, token, instanceId} = this.issue.acr
    if (api === 'acr-personal') {
      return json(res, 200, {data: {authorizationToken: token, tempUserName: user, expireDate: now + 3600_000}, requestId})
    }
    if (acted === 'not-success' || params.InstanceId !== instanceId) {
      return json(res, 200, {IsSuccess: false, Code: 'INSTANCE_NOT_EXIST', RequestId: requestId})
    }
    return json(res, 200, {AuthorizationToken: token, TempUsername: user, ExpireTime: now + 3600_000, IsSuccess: true, Code: 'success', RequestId: requestId})
  }

  private verifyHuawei(req: http.IncomingMessage, url: URL, body: string): string {
    const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization))
    if (!m) return 'no SDK-HMAC-SHA256 Authorization header'
    const key = this.keys.get(m[1])
    if (!key) return `ak ${m[1]} not exist`
    const names = m[2].split(';')
    if (!names.includes('host') || !names.includes('x-sdk-date')) return 'host and x-sdk-date must be signed'
    const date = String(req.headers['x-sdk-date'])
    const at = Date.parse(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'))
    if (!(Math.abs(Date.now() - at) < FIFTEEN_MINUTES)) return 'signature expired'
    if (key.securityToken !== undefined && (req.headers['x-security-token'] !== key.securityToken || !names.includes('x-security-token'))) {
      return 'token expires or is not signed'
    }
    const headers = Object.fromEntries(names.map(name => [name, String(req.headers[name] ?? '')]))
    const expected = huaweiSdkAuthorization({method: req.method ?? '', url, headers, body, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret})
    return expected === req.headers.authorization ? 'ok' : 'verify aksk signature fail'
  }

  private async verifyRoa(req: http.IncomingMessage, url: URL): Promise<string> {
    const m = /^acs ([^:]+):(.+)$/.exec(String(req.headers.authorization))
    if (!m) return 'IncompleteSignature: no acs Authorization header'
    const key = this.keys.get(m[1])
    if (!key) return `InvalidAccessKeyId.NotFound: ${m[1]}`
    const at = new Date(String(req.headers.date))
    if (!(Math.abs(Date.now() - at.getTime()) < FIFTEEN_MINUTES)) return 'InvalidTimeStamp.Expired: date'
    if (key.securityToken !== undefined && req.headers['x-acs-security-token'] !== key.securityToken) return 'InvalidSecurityToken.MismatchWithAccessKey'
    const sdk = await alibabaSdkRoaRequest({
      endpoint: url.origin,
      version: String(req.headers['x-acs-version']),
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...key,
      at,
      nonce: String(req.headers['x-acs-signature-nonce'])
    })
    // What was sent must be what the SDK would send, for every header in the string to sign: a signature over headers
    // that differ from the ones on the wire passes here only if the two agree.
    for (const name of ['accept', 'content-md5', 'content-type', 'date', ...Object.keys(sdk.headers).filter(n => n.startsWith('x-acs-'))]) {
      if ((req.headers[name] ?? '') !== String(sdk.headers[name] ?? '')) return `IncompleteSignature: header ${name} is not what the SDK sends`
    }
    return sdk.authorization === req.headers.authorization ? 'ok' : 'SignatureDoesNotMatch: the signature does not match'
  }

  private async verifyRpc(url: URL, params: Record<string, string>): Promise<string> {
    const key = this.keys.get(params.AccessKeyId)
    if (!key) return `InvalidAccessKeyId.NotFound: ${params.AccessKeyId}`
    const at = new Date(params.Timestamp)
    if (!(Math.abs(Date.now() - at.getTime()) < FIFTEEN_MINUTES)) return 'InvalidTimeStamp.Expired: Timestamp'
    if (key.securityToken !== undefined && params.SecurityToken !== key.securityToken) return 'InvalidSecurityToken.MismatchWithAccessKey'
    const own = Object.fromEntries(Object.entries(params).filter(([name]) => !RPC_COMMON.includes(name)))
    const expected = await alibabaSdkRpcSignature({
      endpoint: url.origin,
      version: params.Version,
      action: params.Action,
      params: own,
      method: 'POST',
      ...key,
      at,
      nonce: params.SignatureNonce
    })
    return expected === params.Signature ? 'ok' : 'SignatureDoesNotMatch: the signature does not match'
  }
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {'content-type': 'application/json', ...headers})
  res.end(JSON.stringify(body))
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, {'content-type': 'application/json'})
  res.end(body)
}
