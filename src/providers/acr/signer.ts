import {createHash, createHmac} from 'node:crypto'
import type {KeyPair} from '../../credential.js'
import {percentEncode} from '../../percent-encode.js'

// Alibaba Cloud API request signing, version 1 (HMAC-SHA1), in its two styles: RPC (parameters in the query, the
// Enterprise Edition's GetAuthorizationToken) and ROA (a REST path with the signature in the Authorization header, the
// Personal Edition's GET /tokens). Pure functions, checked against the published vector and against @alicloud/pop-core.

const hmacSha1Base64 = (key: string, data: string): string => createHmac('sha1', key).update(data, 'utf8').digest('base64')

/** Timestamp form of a time: YYYY-MM-DDTHH:MM:SSZ, UTC, no milliseconds. */
export function rpcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** "k=v" pairs sorted by name, both sides percent-encoded, joined with "&": the canonical query of an RPC request. */
export function rpcCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map(name => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&')
}

export function rpcStringToSign(method: string, params: Record<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(rpcCanonicalQuery(params))}`
}

/** The RPC signature: base64 HMAC-SHA1 keyed with the secret and "&". */
export function rpcSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  return hmacSha1Base64(`${accessKeySecret}&`, rpcStringToSign(method, params))
}

/**
 * Every query parameter of a signed RPC request: the action's own, the common ones (Format, Version, AccessKeyId,
 * SignatureMethod/Version/Nonce, Timestamp, SecurityToken for STS), and Signature.
 */
export function signedRpcParams(
  input: {method: string; action: string; version: string; params?: Record<string, string>},
  credentials: KeyPair,
  now: Date,
  nonce: string
): Record<string, string> {
  const params: Record<string, string> = {
    Action: input.action,
    Format: 'JSON',
    Version: input.version,
    AccessKeyId: credentials.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: nonce,
    Timestamp: rpcTimestamp(now),
    ...(credentials.securityToken ? {SecurityToken: credentials.securityToken} : {}),
    ...(input.params ?? {})
  }
  return {...params, Signature: rpcSignature(input.method, params, credentials.accessKeySecret)}
}

/** `x-acs-*` headers as "name:value\n" lines, sorted, values with line breaks turned to spaces and trimmed. */
function canonicalAcsHeaders(headers: Record<string, string>): string {
  return Object.keys(headers)
    .filter(name => name.startsWith('x-acs-'))
    .sort()
    .map(name => `${name}:${(headers[name] ?? '').replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
    .join('')
}

/** The ROA string to sign. `headers` must have lower-case names. Query values go in as they are, not encoded. */
export function roaStringToSign(method: string, path: string, query: Record<string, string>, headers: Record<string, string>): string {
  const names = Object.keys(query).sort()
  const resource = names.length === 0 ? path : `${path}?${names.map(name => `${name}=${query[name]}`).join('&')}`
  return [
    method.toUpperCase(),
    headers['accept'] ?? '',
    headers['content-md5'] ?? '',
    headers['content-type'] ?? '',
    headers['date'] ?? '',
    `${canonicalAcsHeaders(headers)}${resource}`
  ].join('\n')
}

/**
 * The headers of a signed ROA request, lower-case, as the official SDK sends them: accept, date, the signature
 * headers, the API version, content-md5 of the body, the STS headers, and Authorization (`acs <AK>:<signature>`,
 * keyed with the bare secret, no "&").
 */
export function signedRoaHeaders(
  input: {method: string; path: string; query?: Record<string, string>; version: string; body?: string},
  credentials: KeyPair,
  now: Date,
  nonce: string
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    date: now.toUTCString(),
    'x-acs-signature-nonce': nonce,
    'x-acs-signature-method': 'HMAC-SHA1',
    'x-acs-signature-version': '1.0',
    'x-acs-version': input.version,
    'content-md5': createHash('md5')
      .update(input.body ?? '', 'utf8')
      .digest('base64')
  }
  if (credentials.securityToken) {
    headers['x-acs-accesskey-id'] = credentials.accessKeyId
    headers['x-acs-security-token'] = credentials.securityToken
  }
  const signature = hmacSha1Base64(credentials.accessKeySecret, roaStringToSign(input.method, input.path, input.query ?? {}, headers))
  return {...headers, authorization: `acs ${credentials.accessKeyId}:${signature}`}
}
