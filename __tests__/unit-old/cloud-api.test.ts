import {ApiError} from '../../src/api-errors.js'
import {apiCredential} from '../../src/cloud-api.js'
import type {Auth} from '../../src/inputs.js'
import {LocalServer, maskRecorder} from './local-server.js'

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

let server: LocalServer | undefined
// What apiCredential logs; it logs only when it retries, which none of these cases do.
let logged: string[] = []
beforeEach(() => {
  logged = []
})
afterEach(async () => {
  await server?.close()
  server = undefined
  expect(logged).toEqual([])
})

describe('apiCredential', () => {
  it('SWR temporary: the credential for the region and registry, every secret form masked before it returns', async () => {
    const host = 'swr.cn-north-4.myhuaweicloud.com'
    const auth = b64('cn-north-4@TEMPAK:temp-password-1')
    server = await LocalServer.start(() => ({
      status: 200,
      headers: {'x-swr-expireat': '2026-07-23T08:46:07.811Z'},
      body: JSON.stringify({auths: {[host]: {auth}}})
    }))
    const registry = {scheme: 'https' as const, host}
    const rec = maskRecorder()
    const credential = await apiCredential(
      {kind: 'swr-temporary', accessKeyId: 'AK', accessKeySecret: 'SK', durationSeconds: 3600},
      'cn-north-4',
      registry,
      server.url,
      rec.mask,
      line => void logged.push(line)
    )
    rec.done()
    expect(credential).toEqual({
      region: 'cn-north-4',
      registry,
      username: 'cn-north-4@TEMPAK',
      password: 'temp-password-1',
      expiresAt: '2026-07-23T08:46:07.811Z'
    })
    expect(new Set(rec.masked)).toEqual(new Set([auth, 'temp-password-1', 'cn-north-4@TEMPAK:temp-password-1']))
    expect(rec.late).toEqual([])
    expect(server.received[0].url).toBe('/v2/manage/utils/secret?projectname=cn-north-4&duration_seconds=3600')
  })

  it('ACR token: masks the token, user:token and its base64 before it returns', async () => {
    server = await LocalServer.start(() => ({
      status: 200,
      body: JSON.stringify({data: {authorizationToken: 'acr-token-1', tempUserName: 'cr_temp_user', expireDate: 1767225600000}})
    }))
    const registry = {scheme: 'https' as const, host: 'registry.cn-hangzhou.aliyuncs.com'}
    const rec = maskRecorder()
    const credential = await apiCredential(
      {kind: 'acr-token', accessKeyId: 'AK', accessKeySecret: 'SK'},
      'cn-hangzhou',
      registry,
      server.url,
      rec.mask,
      line => void logged.push(line)
    )
    rec.done()
    expect(credential).toEqual({
      region: 'cn-hangzhou',
      registry,
      username: 'cr_temp_user',
      password: 'acr-token-1',
      expiresAt: '2026-01-01T00:00:00.000Z'
    })
    expect(rec.masked).toEqual(['acr-token-1', 'acr-token-1', 'cr_temp_user:acr-token-1', b64('cr_temp_user:acr-token-1')])
    expect(rec.late).toEqual([])
  })

  it('logs each retry with the region, the try and the wait, and nothing of the answer (one real wait of 0.5-1 s)', async () => {
    server = await LocalServer.start((_request, n) =>
      n === 1
        ? {status: 503, body: '{"error_msg":"busy"}'}
        : {status: 200, body: JSON.stringify({data: {authorizationToken: 'acr-token-2', tempUserName: 'cr_temp_user', expireDate: 1767225600000}})}
    )
    const credential = await apiCredential(
      {kind: 'acr-token', accessKeyId: 'AK', accessKeySecret: 'SK'},
      'cn-hangzhou',
      {scheme: 'https', host: 'registry.cn-hangzhou.aliyuncs.com'},
      server.url,
      () => undefined,
      line => void logged.push(line)
    )
    expect(credential.password).toBe('acr-token-2')
    expect(server.received).toHaveLength(2)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(/^cn-hangzhou: API call try 1 failed \(HTTP 503\); trying again in (0\.[5-9]|1\.0) s$/)
    logged = []
  })

  it('passes an API error through as it is', async () => {
    server = await LocalServer.start(() => ({status: 403, body: JSON.stringify({Code: 'Forbidden.RAM', Message: 'denied'})}))
    const error = await apiCredential(
      {kind: 'acr-token', accessKeyId: 'AK', accessKeySecret: 'SK', instanceId: 'cri-abc'},
      'cn-hangzhou',
      {scheme: 'https', host: 'x-registry.cn-hangzhou.cr.aliyuncs.com'},
      server.url,
      () => undefined,
      line => void logged.push(line)
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(/^ACR GetAuthorizationToken \(Enterprise Edition, cri-abc\) in cn-hangzhou failed: Forbidden\.RAM: denied \(HTTP 403\)/)
  })

  it('turns "no answer" into an ApiError naming the API, the region and the endpoint', async () => {
    // https to a plain-HTTP server: the TLS handshake fails at once, and that is not worth another try.
    server = await LocalServer.start(() => ({status: 200, body: '{}'}))
    const endpoint = new URL(`https://127.0.0.1:${server.port}/`)
    const error = await apiCredential(
      {kind: 'swr-temporary', accessKeyId: 'AK', accessKeySecret: 'SK'},
      'cn-north-4',
      {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'},
      endpoint,
      () => undefined,
      line => void logged.push(line)
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const message = (error as ApiError).message
    expect(message).toMatch(new RegExp(`^The SWR API gave no answer for cn-north-4 \\(127\\.0\\.0\\.1:${server.port}: [^)]+\\)\\. `))
    expect(message).toContain(`Check 'region' and 'api-endpoint' (https://127.0.0.1:${server.port}), and the runner's network and proxy (HTTPS_PROXY, NO_PROXY).`)
    expect(message).not.toContain('over several tries')
    expect(server.received).toEqual([])
  })

  it.each<[string, Auth]>([
    ['swr-long-term', {kind: 'swr-long-term', accessKeyId: 'AK', accessKeySecret: 'SK'}],
    ['acr-password', {kind: 'acr-password', username: 'u', password: 'p'}]
  ])('refuses %s, which no API gives', async (kind, auth) => {
    await expect(
      apiCredential(auth, 'cn-north-4', {scheme: 'https', host: 'h'}, new URL('http://127.0.0.1:9/'), () => undefined, line => void logged.push(line))
    ).rejects.toThrow(`no API gives a '${kind}' credential`)
  })
})
