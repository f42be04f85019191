import {createHash, createHmac} from 'node:crypto'
import type {KeyPair} from '../../credential.js'
import {percentEncode} from '../../percent-encode.js'

// Huawei Cloud API request signing, "SDK-HMAC-SHA256" (the vendor's API signing guide; huaweicloud-sdk-go-v3
// core/auth/signer). A pure function of the request, the key pair and the time: no I/O, so it is checked against the
// published vectors and against the official Node SDK's signer in the tests.

export const HUAWEI_ALGORITHM = 'SDK-HMAC-SHA256'

export interface HuaweiRequest {
  method: string
  url: URL
  /** Every header to be sent and signed, host included (names in any case). */
  headers: Record<string, string>
  body: string
}

const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex')

/** `X-Sdk-Date` form of a time: YYYYMMDDTHHMMSSZ, UTC. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** The path with each segment escaped, always ending in "/" (the signature demands it even when the URL does not). */
export function canonicalUri(pathname: string): string {
  const uri = pathname.split('/').map(percentEncode).join('/')
  return uri.endsWith('/') ? uri : `${uri}/`
}

/** Query parameters sorted by name (a repeated name's values sorted too), each side escaped, joined with "&". */
export function canonicalQuery(params: URLSearchParams): string {
  const byName = new Map<string, string[]>()
  for (const [name, value] of params) byName.set(name, [...(byName.get(name) ?? []), value])
  return [...byName.keys()]
    .sort()
    .flatMap(name => (byName.get(name) as string[]).sort().map(value => `${percentEncode(name)}=${percentEncode(value)}`))
    .join('&')
}

/** The canonical request, the hash of which is signed. Exported for the vectors. */
export function canonicalRequest(request: HuaweiRequest): {text: string; signedHeaders: string} {
  const headers = Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
  headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const signedHeaders = headers.map(([name]) => name).join(';')
  const text = [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname),
    canonicalQuery(request.url.searchParams),
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    sha256Hex(request.body)
  ].join('\n')
  return {text, signedHeaders}
}

/**
 * Signs a request. `request.headers` must already hold every header that will be sent, `host` and `X-Sdk-Date`
 * included (see huaweiHeaders); the result is the Authorization header value.
 */
export function huaweiAuthorization(request: HuaweiRequest, accessKeyId: string, accessKeySecret: string): string {
  const date = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-sdk-date')?.[1]
  if (!date) throw new Error('the request to sign has no X-Sdk-Date header')
  const {text, signedHeaders} = canonicalRequest(request)
  const stringToSign = `${HUAWEI_ALGORITHM}\n${date}\n${sha256Hex(text)}`
  const signature = createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex')
  return `${HUAWEI_ALGORITHM} Access=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`
}

/**
 * The headers for a signed request: the given ones plus host, X-Sdk-Date, X-Security-Token (for a temporary key pair)
 * and Authorization.
 */
export function huaweiHeaders(input: {method: string; url: URL; headers?: Record<string, string>; body?: string}, credentials: KeyPair, now: Date): Record<string, string> {
  const headers: Record<string, string> = {...(input.headers ?? {}), host: input.url.host, 'X-Sdk-Date': sdkDate(now)}
  if (credentials.securityToken) headers['X-Security-Token'] = credentials.securityToken
  const authorization = huaweiAuthorization({method: input.method, url: input.url, headers, body: input.body ?? ''}, credentials.accessKeyId, credentials.accessKeySecret)
  return {...headers, Authorization: authorization}
}
