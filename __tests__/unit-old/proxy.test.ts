// The API calls go through the proxy the runner's environment names (HTTPS_PROXY / HTTP_PROXY), as @actions/http-client
// does for every action, and the request still verifies: the signed host is the API's, not the proxy's.
import * as http from 'node:http'
import * as net from 'node:net'
import type {AddressInfo} from 'node:net'
import {swrTemporaryLogin} from '../../src/swr-api.js'
import {huaweiSdkAuthorization} from '../support/sdk-oracles.js'

const AK = 'PROXYTESTAK000000001'
const SK = 'proxyTestSecretKey0123456789abcdefghijkl'
// A name only the proxy can reach: the client never resolves it (it is not loopback, so it is not bypassed either).
const API_HOST = 'swr-api.cn-north-4.crl-proxy-test.example'

let api: http.Server
let proxy: http.Server
const tunnels: string[] = []
const received: {host?: string; verified: boolean}[] = []
const saved = {http_proxy: process.env.http_proxy, HTTP_PROXY: process.env.HTTP_PROXY, no_proxy: process.env.no_proxy, NO_PROXY: process.env.NO_PROXY}

beforeAll(async () => {
  api = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    const names = /SignedHeaders=([^,]+)/.exec(String(req.headers.authorization))?.[1].split(';') ?? []
    const headers = Object.fromEntries(names.map(n => [n, String(req.headers[n] ?? '')]))
    const expected = huaweiSdkAuthorization({method: req.method ?? '', url, headers, body: '', accessKeyId: AK, secretAccessKey: SK})
    received.push({host: req.headers.host, verified: expected === req.headers.authorization})
    res.writeHead(200, {'content-type': 'application/json'})
    res.end(JSON.stringify({auths: {[API_HOST]: {auth: Buffer.from('cn-north-4@TMP:pw').toString('base64')}}}))
  })
  await new Promise<void>(resolve => api.listen(0, '127.0.0.1', resolve))
  const apiPort = (api.address() as AddressInfo).port

  // A CONNECT proxy that sends every tunnel to the fake API, whatever name it was asked for.
  proxy = http.createServer((_req, res) => {
    res.writeHead(405)
    res.end()
  })
  proxy.on('connect', (req, client: net.Socket, head) => {
    tunnels.push(String(req.url))
    const upstream = net.connect(apiPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await new Promise<void>(resolve => proxy.close(() => resolve()))
  await new Promise<void>(resolve => api.close(() => resolve()))
})

it('reaches the API through HTTP_PROXY with a CONNECT tunnel, signed for the API host', async () => {
  process.env.http_proxy = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  delete process.env.HTTP_PROXY
  delete process.env.no_proxy
  delete process.env.NO_PROXY
  const login = await swrTemporaryLogin(
    {endpoint: new URL(`http://${API_HOST}:8080`), region: 'cn-north-4', registryHost: API_HOST, accessKeyId: AK, accessKeySecret: SK},
    () => undefined
  )
  expect(login).toMatchObject({username: 'cn-north-4@TMP', password: 'pw'})
  expect(tunnels).toEqual([`${API_HOST}:8080`])
  expect(received).toEqual([{host: `${API_HOST}:8080`, verified: true}])
})
