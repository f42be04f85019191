import {roaStringToSign, rpcCanonicalQuery, rpcSignature, rpcStringToSign, rpcTimestamp, signedRoaHeaders, signedRpcParams} from '../../../../src/providers/acr/signer.js'
import {alibabaSdkRoaAuthorization, alibabaSdkRpcSignature} from '../../../support/sdk-oracles.js'

describe('RPC', () => {
  it('reproduces the published vector (DescribeRegions, 2016-02-23T12:46:24Z)', () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26'
    }
    expect(rpcStringToSign('GET', params)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26'
    )
    expect(rpcSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=')
  })

  it('rpcCanonicalQuery sorts by name and percent-encodes both sides', () => {
    expect(rpcCanonicalQuery({b: 'x y', a: "1*'", 'c/d': '中'})).toBe('a=1%2A%27&b=x%20y&c%2Fd=%E4%B8%AD')
  })

  it('rpcTimestamp drops milliseconds', () => expect(rpcTimestamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05Z'))

  it('signedRpcParams carries the common parameters, the STS token, and a signature over all of them', () => {
    const params = signedRpcParams(
      {method: 'GET', action: 'GetAuthorizationToken', version: '2018-12-01', params: {InstanceId: 'cri-abc'}},
      {accessKeyId: 'STS.id', accessKeySecret: 's', securityToken: 'tok'},
      new Date('2026-01-02T03:04:05Z'),
      'nonce-1'
    )
    const {Signature, ...rest} = params
    expect(rest).toEqual({
      Action: 'GetAuthorizationToken',
      Format: 'JSON',
      Version: '2018-12-01',
      AccessKeyId: 'STS.id',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'nonce-1',
      Timestamp: '2026-01-02T03:04:05Z',
      SecurityToken: 'tok',
      InstanceId: 'cri-abc'
    })
    expect(Signature).toBe(rpcSignature('GET', rest, 's'))
  })

  it('signedRpcParams sends no SecurityToken for a long-term key pair', () => {
    const params = signedRpcParams({method: 'POST', action: 'A', version: 'v'}, {accessKeyId: 'id', accessKeySecret: 's'}, new Date(0), 'n')
    expect(Object.keys(params).sort()).toEqual([
      'AccessKeyId',
      'Action',
      'Format',
      'Signature',
      'SignatureMethod',
      'SignatureNonce',
      'SignatureVersion',
      'Timestamp',
      'Version'
    ])
  })
})

describe('ROA', () => {
  it('builds the string to sign from the fixed headers, the sorted x-acs- headers and the resource', () => {
    const text = roaStringToSign(
      'GET',
      '/tokens',
      {b: '2', a: '1 x'},
      {
        accept: 'application/json',
        'content-md5': 'MD5',
        date: 'Thu, 01 Jan 2026 00:00:00 GMT',
        'x-acs-version': '2016-06-07',
        'x-acs-signature-nonce': ' n\n1 ',
        'user-agent': 'not signed'
      }
    )
    expect(text).toBe('GET\napplication/json\nMD5\n\nThu, 01 Jan 2026 00:00:00 GMT\n' + 'x-acs-signature-nonce:n 1\nx-acs-version:2016-06-07\n/tokens?a=1 x&b=2')
  })

  it('signedRoaHeaders sends what the SDK sends, STS headers included', () => {
    const headers = signedRoaHeaders(
      {method: 'GET', path: '/tokens', version: '2016-06-07'},
      {accessKeyId: 'STS.id', accessKeySecret: 's', securityToken: 'tok'},
      new Date('2026-01-02T03:04:05Z'),
      'nonce-1'
    )
    expect(headers).toMatchObject({
      accept: 'application/json',
      date: 'Fri, 02 Jan 2026 03:04:05 GMT',
      'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==',
      'x-acs-version': '2016-06-07',
      'x-acs-accesskey-id': 'STS.id',
      'x-acs-security-token': 'tok'
    })
    expect(headers.authorization).toMatch(/^acs STS\.id:[A-Za-z0-9+/]{27}=$/)
  })

  it('signedRoaHeaders sends no STS headers for a long-term key pair', () => {
    const headers = signedRoaHeaders({method: 'GET', path: '/tokens', version: 'v'}, {accessKeyId: 'id', accessKeySecret: 's'}, new Date(0), 'n')
    expect(headers).not.toHaveProperty('x-acs-accesskey-id')
    expect(headers).not.toHaveProperty('x-acs-security-token')
  })

  it('the string to sign leaves out the query mark when there is no query, and empty lines for absent headers', () => {
    expect(roaStringToSign('get', '/tokens', {}, {})).toBe('GET\n\n\n\n\n/tokens')
  })
})

describe('agrees with @alicloud/pop-core', () => {
  let seed = 42
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  const word = (alphabet: string, min: number, max: number): string => Array.from({length: min + rand(max - min + 1)}, () => alphabet[rand(alphabet.length)]).join('')
  const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  const ANY = `${ALNUM}-_.~ !'()*:/?=&%+@,;é中`
  const randomCase = (): {
    creds: {accessKeyId: string; accessKeySecret: string; securityToken?: string}
    at: Date
    nonce: string
    region: string
  } => ({
    creds: {
      accessKeyId: `LTAI${word(ALNUM, 12, 20)}`,
      accessKeySecret: word(`${ALNUM}+/=`, 30, 30),
      ...(rand(2) ? {securityToken: word(`${ALNUM}+/=`, 40, 120)} : {})
    },
    at: new Date(Date.UTC(2020 + rand(8), rand(12), 1 + rand(28), rand(24), rand(60), rand(60))),
    nonce: word(`${ALNUM}-`, 8, 36),
    region: ['cn-hangzhou', 'cn-shanghai', 'ap-southeast-1'][rand(3)]
  })

  it.each(Array.from({length: 100}, (_, i) => i))('random RPC request %i', async () => {
    const {creds, at, nonce, region} = randomCase()
    const method = rand(2) ? 'GET' : 'POST'
    const own: Record<string, string> = {InstanceId: `cri-${word(ALNUM.toLowerCase(), 16, 16)}`}
    for (let i = rand(4); i > 0; i--) own[`P${word(ALNUM, 1, 8)}`] = word(ANY, 0, 16)
    const ours = signedRpcParams({method, action: 'GetAuthorizationToken', version: '2018-12-01', params: own}, creds, at, nonce)
    const sdk = await alibabaSdkRpcSignature({
      endpoint: `https://cr.${region}.aliyuncs.com`,
      version: '2018-12-01',
      action: 'GetAuthorizationToken',
      params: own,
      method,
      ...creds,
      at,
      nonce
    })
    expect(ours.Signature).toBe(sdk)
  })

  it.each(Array.from({length: 100}, (_, i) => i))('random ROA request %i', async () => {
    const {creds, at, nonce, region} = randomCase()
    const query: Record<string, string> = {}
    for (let i = rand(3); i > 0; i--) query[word(ALNUM, 1, 6)] = word(`${ALNUM}-_.`, 0, 10)
    const path = rand(2) ? '/tokens' : `/${word(ALNUM, 1, 8)}/${word(ALNUM, 1, 8)}`
    const ours = signedRoaHeaders({method: 'GET', path, query, version: '2016-06-07'}, creds, at, nonce)
    const sdk = await alibabaSdkRoaAuthorization({
      endpoint: `https://cr.${region}.aliyuncs.com`,
      version: '2016-06-07',
      method: 'GET',
      path,
      query,
      ...creds,
      at,
      nonce
    })
    expect(ours.authorization).toBe(sdk)
  })
})
