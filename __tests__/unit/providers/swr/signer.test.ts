import {createHash} from 'node:crypto'
import {canonicalQuery, canonicalRequest, canonicalUri, huaweiAuthorization, huaweiHeaders, sdkDate} from '../../../../src/providers/swr/signer.js'
import {huaweiSdkAuthorization} from '../../../support/sdk-oracles.js'

describe('vectors', () => {
  it("reproduces the Huawei API signing guide's example", () => {
    const request = {
      method: 'GET',
      url: new URL('https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0'),
      headers: {'Content-Type': 'application/json', Host: 'service.region.example.com', 'X-Sdk-Date': '20191115T033655Z'},
      body: ''
    }
    const {text} = canonicalRequest(request)
    expect(createHash('sha256').update(text).digest('hex')).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a')
    expect(huaweiAuthorization(request, 'AK', 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc')).toBe(
      'SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date, ' + 'Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe'
    )
  })
})

describe('vectors of huaweicloud-sdk-go-v3 (core/auth/signer/signer_test.go: only X-Sdk-Date is signed there)', () => {
  const headers = {'X-Sdk-Date': '20060102T150405Z'}
  it.each([
    ['GET', '/path?limit=1', '', '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624'],
    // Go's JSON encoder ends the body with a newline.
    ['POST', '/path?key=value', '{"Name":"test","Id":1}\n', 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59']
  ])('%s %s', (method, path, body, signature) => {
    const url = new URL(`https://example.huaweicloud.com${path}`)
    expect(huaweiAuthorization({method, url, headers, body}, 'AccessKey', 'SecretKey')).toBe(
      `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=${signature}`
    )
  })
})

describe('pieces', () => {
  it.each([
    ['/v2/manage/utils/secret', '/v2/manage/utils/secret/'],
    ['/', '/'],
    ['', '/'],
    ['/a b/', '/a%20b/'],
    ['/x(1)/é', '/x%281%29/%C3%A9/']
  ])('canonicalUri(%j) = %j', (input, expected) => expect(canonicalUri(input)).toBe(expected))

  it.each([
    ['', ''],
    ['b=2&a=1', 'a=1&b=2'],
    ['a=2&a=1&a=10', 'a=1&a=10&a=2'],
    ['x=a b&y=a+b&z=%2F', 'x=a%20b&y=a%20b&z=%2F'],
    ['flag', 'flag='],
    ["k!=v*'", 'k%21=v%2A%27']
  ])('canonicalQuery(%j) = %j', (query, expected) => expect(canonicalQuery(new URLSearchParams(query))).toBe(expected))

  it('canonicalRequest lower-cases and trims header names and values, sorted, and lists them as signed', () => {
    const {text, signedHeaders} = canonicalRequest({
      method: 'post',
      url: new URL('https://h.example/p?b=1&a=2'),
      headers: {'X-Sdk-Date': ' 20260101T000000Z ', Host: 'h.example', 'content-type': 'application/json'},
      body: 'x'
    })
    expect(signedHeaders).toBe('content-type;host;x-sdk-date')
    expect(text).toBe(
      'POST\n/p/\na=2&b=1\ncontent-type:application/json\nhost:h.example\nx-sdk-date:20260101T000000Z\n\n' +
        `content-type;host;x-sdk-date\n${createHash('sha256').update('x').digest('hex')}`
    )
  })

  it('sdkDate is YYYYMMDDTHHMMSSZ in UTC', () => expect(sdkDate(new Date('2019-11-15T03:36:55.123Z'))).toBe('20191115T033655Z'))

  it('refuses to sign without X-Sdk-Date', () => {
    expect(() => huaweiAuthorization({method: 'GET', url: new URL('https://h/'), headers: {host: 'h'}, body: ''}, 'a', 'b')).toThrow(/X-Sdk-Date/)
  })

  it('finds X-Sdk-Date in any case', () => {
    const request = {method: 'GET', url: new URL('https://h/'), headers: {host: 'h', 'x-sdk-date': '20260101T000000Z'}, body: ''}
    expect(huaweiAuthorization(request, 'a', 'b')).toMatch(/^SDK-HMAC-SHA256 Access=a, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/)
  })
})

describe('huaweiHeaders', () => {
  const url = new URL('https://swr-api.cn-north-4.myhuaweicloud.com:8443/v2/x?b=2&a=1')
  const at = new Date('2026-01-02T03:04:05Z')

  it('adds host, the date and, for a temporary key pair, the security token, all signed', () => {
    const headers = huaweiHeaders({method: 'POST', url, headers: {'Content-Type': 'application/json'}}, {accessKeyId: 'AK', accessKeySecret: 'SK', securityToken: 'tok'}, at)
    expect(headers).toMatchObject({
      'Content-Type': 'application/json',
      host: 'swr-api.cn-north-4.myhuaweicloud.com:8443',
      'X-Sdk-Date': '20260102T030405Z',
      'X-Security-Token': 'tok'
    })
    expect(headers.Authorization).toMatch(/^SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/)
    const {Authorization, ...sent} = headers
    expect(Authorization).toBe(huaweiSdkAuthorization({method: 'POST', url, headers: sent, body: '', accessKeyId: 'AK', accessKeySecret: 'SK'}))
  })

  it('sends no security token for a long-term key pair, and signs the body', () => {
    const headers = huaweiHeaders({method: 'POST', url, body: '{"a":1}'}, {accessKeyId: 'AK', accessKeySecret: 'SK'}, at)
    expect(Object.keys(headers).sort()).toEqual(['Authorization', 'X-Sdk-Date', 'host'])
    const {Authorization, ...sent} = headers
    expect(Authorization).toBe(huaweiSdkAuthorization({method: 'POST', url, headers: sent, body: '{"a":1}', accessKeyId: 'AK', accessKeySecret: 'SK'}))
    expect(Authorization).not.toBe(huaweiSdkAuthorization({method: 'POST', url, headers: sent, body: '{"a":2}', accessKeyId: 'AK', accessKeySecret: 'SK'}))
  })
})

// The official Node SDK's signer is the oracle: for many random requests it must produce the same Authorization.
describe('agrees with @huaweicloud/huaweicloud-sdk-core', () => {
  // A small deterministic generator, so a failure can be reproduced.
  let seed = 20261122
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]
  const word = (alphabet: string, min: number, max: number): string => Array.from({length: min + rand(max - min + 1)}, () => alphabet[rand(alphabet.length)]).join('')
  const SAFE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~'
  const ANY = `${SAFE} !'()*:/?=&%+@,;é中`

  it.each(Array.from({length: 200}, (_, i) => i))('random request %i', () => {
    const method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH'])
    const host = `${word('abcdefghij', 3, 8)}.${pick(['cn-north-4', 'ap-southeast-3', 'eu-west-101'])}.myhuaweicloud.com${pick(['', ':8443'])}`
    // No "." or ".." segments: a URL normalises them away before anything is sent, so they are never signed.
    const segments = Array.from({length: 1 + rand(4)}, () => word(SAFE, 1, 10)).map(s => (/^\.+$/.test(s) ? `${s}x` : s))
    const url = new URL(`https://${host}/${segments.join('/')}${pick(['', '/'])}`)
    for (let i = rand(4); i > 0; i--) {
      const name = word(SAFE, 1, 6)
      // Sometimes a repeated name: its values are sorted too.
      for (let n = rand(5) === 0 ? 2 : 1; n > 0; n--) url.searchParams.append(name, word(ANY, 0, 12))
    }
    const body = method === 'GET' || rand(3) === 0 ? '' : JSON.stringify({name: word(ANY, 0, 20), n: rand(1000)})
    const date = sdkDate(new Date(Date.UTC(2020 + rand(8), rand(12), 1 + rand(28), rand(24), rand(60), rand(60))))
    const ak = word('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 20, 20)
    const sk = word(`${SAFE}+/=`, 40, 40)
    const headers: Record<string, string> = {host, 'X-Sdk-Date': date}
    if (rand(2)) headers['Content-Type'] = 'application/json'
    if (rand(3) === 0) headers['X-Project-Id'] = word('0123456789abcdef', 32, 32)
    if (rand(3) === 0) headers['X-Security-Token'] = word(`${SAFE}+/=`, 30, 60)

    const ours = huaweiAuthorization({method, url, headers, body}, ak, sk)
    expect(ours).toBe(huaweiSdkAuthorization({method, url, headers, body, accessKeyId: ak, accessKeySecret: sk}))
  })
})
