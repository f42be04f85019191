// The official SDKs as oracles for request signatures: the tests compare our signers with them on random requests, and
// the fake cloud APIs of the end-to-end tests accept a request only if the SDK computes the same signature for it.
//
// @huaweicloud/huaweicloud-sdk-core exposes its signer (AKSKSigner.sign). @alicloud/pop-core computes signatures
// inside its clients' request methods; to get at them without a network, its clock, its nonce and its HTTP layer are
// pinned for the duration of one call, and the request it would have sent is read back.
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
const popRequire = createRequire(require.resolve('@alicloud/pop-core'))

const {AKSKSigner} = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: {sign(request: unknown, credential: unknown): Record<string, string>}
}
const {BasicCredentials} = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials') as {
  BasicCredentials: new () => {withAk(ak: string): {withSk(sk: string): unknown}}
}

/** Authorization header the Huawei SDK computes for a request (headers must include X-Sdk-Date and host). */
export function huaweiSdkAuthorization(input: {
  method: string
  url: URL
  headers: Record<string, string>
  body: string
  accessKeyId: string
  accessKeySecret: string
}): string {
  const queryParams: Record<string, string | string[]> = {}
  for (const [name, value] of input.url.searchParams) {
    const had = queryParams[name]
    queryParams[name] = had === undefined ? value : [...[had].flat(), value]
  }
  // The SDK looks the date up as "X-Sdk-Date" exactly, and hashes JSON.stringify(data) as the body.
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase() === 'x-sdk-date' ? 'X-Sdk-Date' : name] = value
  const signed = AKSKSigner.sign(
    {
      endpoint: `${input.url.protocol}//${input.url.host}${input.url.pathname}`,
      method: input.method,
      headers,
      queryParams,
      data: input.body === '' ? undefined : JSON.parse(input.body)
    },
    new BasicCredentials().withAk(input.accessKeyId).withSk(input.accessKeySecret)
  )
  return signed.Authorization
}

interface PopClientConfig {
  endpoint: string
  apiVersion: string
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}
const pop = popRequire('@alicloud/pop-core') as {
  RPCClient: new (config: PopClientConfig) => {request(action: string, params: object, opts: object): Promise<unknown>}
  ROAClient: new (config: PopClientConfig) => {
    request(method: string, path: string, query: object, body: string, headers: object): Promise<unknown>
  }
}
const kitx = popRequire('kitx') as {makeNonce: () => string}
const httpx = popRequire('httpx') as {request: unknown; read: unknown}

let running: Promise<unknown> = Promise.resolve()

/** Runs one pop-core call with its clock and nonce pinned, and returns the URL and headers it would have sent. */
async function capture(at: Date, nonce: string, call: () => Promise<unknown>): Promise<{url: string; headers: Record<string, string>; data?: string}> {
  // One at a time: the patches are global.
  const previous = running
  let release = (): void => undefined
  running = new Promise<void>(resolve => (release = resolve))
  await previous
  const RealDate = globalThis.Date
  const fixed = at.getTime()
  class PinnedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(fixed)
      else super(...(args as [string]))
    }
    static now(): number {
      return fixed
    }
  }
  const saved = {makeNonce: kitx.makeNonce, request: httpx.request, read: httpx.read}
  let sent: {url: string; headers: Record<string, string>; data?: string} | undefined
  globalThis.Date = PinnedDate as DateConstructor
  kitx.makeNonce = () => nonce
  httpx.request = async (url: string, opts: {headers: Record<string, string>; data?: unknown}) => {
    sent = {url, headers: opts.headers, data: typeof opts.data === 'string' ? opts.data : undefined}
    return {statusCode: 200, headers: {'content-type': 'application/json'}, req: {getHeaders: () => opts.headers}}
  }
  httpx.read = async () => '{}'
  try {
    await call()
  } finally {
    globalThis.Date = RealDate
    Object.assign(kitx, {makeNonce: saved.makeNonce})
    Object.assign(httpx, {request: saved.request, read: saved.read})
    release()
  }
  if (!sent) throw new Error('pop-core sent nothing')
  return sent
}

/** The Signature parameter pop-core's RPCClient computes for an RPC request. */
export async function alibabaSdkRpcSignature(input: {
  endpoint: string
  version: string
  action: string
  /** The action's own parameters (not the common ones). */
  params: Record<string, string>
  method: string
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
  at: Date
  nonce: string
}): Promise<string> {
  const client = new pop.RPCClient({
    endpoint: input.endpoint,
    apiVersion: input.version,
    accessKeyId: input.accessKeyId,
    accessKeySecret: input.accessKeySecret,
    securityToken: input.securityToken
  })
  const sent = await capture(input.at, input.nonce, () => client.request(input.action, input.params, {method: input.method, formatParams: false, formatAction: false}))
  // GET carries the parameters in the query, POST in a form body.
  const signature = new URLSearchParams(sent.data ?? new URL(sent.url).search).get('Signature')
  if (signature === null) throw new Error('pop-core sent no Signature')
  return signature
}

/** The Authorization header pop-core's ROAClient computes for an ROA request. */
export async function alibabaSdkRoaAuthorization(input: Parameters<typeof alibabaSdkRoaRequest>[0]): Promise<string> {
  return (await alibabaSdkRoaRequest(input)).authorization
}

/** The headers pop-core's ROAClient would send for an ROA request (lower-case names), Authorization among them. */
export async function alibabaSdkRoaRequest(input: {
  endpoint: string
  version: string
  method: string
  path: string
  query: Record<string, string>
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
  at: Date
  nonce: string
}): Promise<{authorization: string; headers: Record<string, string>}> {
  const client = new pop.ROAClient({
    endpoint: input.endpoint,
    apiVersion: input.version,
    accessKeyId: input.accessKeyId,
    accessKeySecret: input.accessKeySecret,
    securityToken: input.securityToken
  })
  const sent = await capture(input.at, input.nonce, () => client.request(input.method, input.path, input.query, '', {}))
  return {authorization: sent.headers.authorization, headers: sent.headers}
}
