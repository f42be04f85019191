import {localCredential, maskCredential, maskOnce, secretForms, type Credential} from '../../src/credentials.js'
import type {Inputs} from '../../src/inputs.js'

// The protocol notes' check value: AK=AccessKey, SK=SecretKey.
const KEY = 'f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd'

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

const INPUTS: Inputs = {
  provider: 'swr',
  auth: {kind: 'swr-long-term', accessKeyId: 'AccessKey', accessKeySecret: 'SecretKey'},
  apiEndpoints: [],
  regions: ['cn-north-4', 'ap-southeast-3', 'eu-west-101'],
  registries: [
    {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'},
    {scheme: 'https', host: 'swr.ap-southeast-3.myhuaweicloud.com'},
    {scheme: 'https', host: 'swr.eu-west-101.myhuaweicloud.eu'}
  ],
  engines: 'auto',
  hostsDir: '/tmp/certs.d',
  logout: true
}

describe('secretForms', () => {
  it('gives the password, user:password and its base64', () => {
    expect(secretForms({username: 'cn-north-4@AK', password: 'pw'})).toEqual([
      'pw',
      'cn-north-4@AK:pw',
      'Y24tbm9ydGgtNEBBSzpwdw=='
    ])
  })

  it('encodes non-ASCII as UTF-8 before base64, as docker and containerd do', () => {
    expect(secretForms({username: 'ü', password: 'é'})[2]).toBe(b64('ü:é'))
    expect(secretForms({username: 'ü', password: 'é'})[2]).toBe('w7w6w6k=')
  })
})

/** One credential per region of `inputs`, as main obtains them, all through one once-only mask. */
function deriveCredentials(inputs: Inputs, mask: (secret: string) => void): Credential[] {
  const once = maskOnce(mask)
  return inputs.regions.map((region, i) => localCredential(inputs.auth, region, inputs.registries[i], once) as Credential)
}

describe('localCredential (SWR long-term, every region)', () => {
  it('derives one credential per region, in order, with the registry of that region', () => {
    const credentials = deriveCredentials(INPUTS, () => undefined)
    expect(credentials).toEqual([
      {region: 'cn-north-4', registry: INPUTS.registries[0], username: 'cn-north-4@AccessKey', password: KEY},
      {region: 'ap-southeast-3', registry: INPUTS.registries[1], username: 'ap-southeast-3@AccessKey', password: KEY},
      {region: 'eu-west-101', registry: INPUTS.registries[2], username: 'eu-west-101@AccessKey', password: KEY}
    ])
  })

  it('masks the key, user:key and base64(user:key) of every region, each exactly once', () => {
    const masked: string[] = []
    deriveCredentials(INPUTS, (secret: string) => masked.push(secret))
    const expected = [KEY]
    for (const region of INPUTS.regions) {
      expected.push(`${region}@AccessKey:${KEY}`, b64(`${region}@AccessKey:${KEY}`))
    }
    expect(masked).toEqual(expected)
    expect(new Set(masked).size).toBe(masked.length)
  })

  it('masks the key before anything else', () => {
    const masked: string[] = []
    deriveCredentials({...INPUTS, regions: ['cn-north-4'], registries: [INPUTS.registries[0]]}, (secret: string) => masked.push(secret))
    expect(masked[0]).toBe(KEY)
    expect(masked).toHaveLength(3)
  })

  it('has masked every secret form of every credential by the time it returns', () => {
    const masked = new Set<string>()
    let returned = false
    const lateCalls: string[] = []
    const credentials = deriveCredentials(INPUTS, (secret: string) => {
      if (returned) lateCalls.push(secret)
      masked.add(secret)
    })
    returned = true
    for (const credential of credentials) {
      for (const form of secretForms(credential)) expect(masked).toContain(form)
    }
    expect(lateCalls).toEqual([])
  })

  it('never masks (or derives from) the SK itself: the caller masks it', () => {
    const masked: string[] = []
    deriveCredentials(INPUTS, (secret: string) => masked.push(secret))
    expect(masked).not.toContain('SecretKey')
    for (const secret of masked) expect(secret).not.toContain('SecretKey')
  })

  it('stops at the first mask that throws, before returning any credential', () => {
    expect(() =>
      deriveCredentials(INPUTS, () => {
        throw new Error('cannot mask')
      })
    ).toThrow('cannot mask')
  })
})

describe('localCredential (ACR fixed password)', () => {
  const registry = {scheme: 'https' as const, host: 'registry.cn-shanghai.aliyuncs.com'}
  const auth = {kind: 'acr-password' as const, username: 'dev@example.com', password: 'Acr-Fixed-Pa55word!'}

  it('is the username and password as given, for the region and registry, without an expiry', () => {
    const credential = localCredential(auth, 'cn-shanghai', registry, () => undefined)
    expect(credential).toEqual({region: 'cn-shanghai', registry, username: 'dev@example.com', password: 'Acr-Fixed-Pa55word!'})
    expect(credential).not.toHaveProperty('expiresAt')
  })

  it('masks the password, user:password and its base64, in that order, before returning', () => {
    const masked: string[] = []
    let returned = false
    const late: string[] = []
    localCredential(auth, 'cn-shanghai', registry, secret => {
      if (returned) late.push(secret)
      masked.push(secret)
    })
    returned = true
    expect(masked).toEqual([
      'Acr-Fixed-Pa55word!',
      'dev@example.com:Acr-Fixed-Pa55word!',
      b64('dev@example.com:Acr-Fixed-Pa55word!')
    ])
    expect(late).toEqual([])
  })

  it('through maskOnce, masks each form once over several regions with the same password', () => {
    const masked: string[] = []
    const once = maskOnce(secret => masked.push(secret))
    for (const region of ['cn-shanghai', 'cn-hangzhou']) localCredential(auth, region, registry, once)
    expect(masked).toHaveLength(3)
  })
})

describe('localCredential (kinds that come from an API)', () => {
  const registry = {scheme: 'https' as const, host: 'swr.cn-north-4.myhuaweicloud.com'}
  it.each<[string, Inputs['auth']]>([
    ['swr-temporary', {kind: 'swr-temporary', accessKeyId: 'AccessKey', accessKeySecret: 'SecretKey', securityToken: 'tok', durationSeconds: 900}],
    ['acr-token (Personal)', {kind: 'acr-token', accessKeyId: 'AccessKey', accessKeySecret: 'SecretKey'}],
    ['acr-token (Enterprise)', {kind: 'acr-token', accessKeyId: 'AccessKey', accessKeySecret: 'SecretKey', instanceId: 'cri-abc'}]
  ])('is undefined for %s, and masks nothing', (_name, auth) => {
    const masked: string[] = []
    expect(localCredential(auth, 'cn-north-4', registry, secret => masked.push(secret))).toBeUndefined()
    expect(masked).toEqual([])
  })
})

describe('maskOnce', () => {
  it('passes each distinct non-empty value on once, in order', () => {
    const masked: string[] = []
    const once = maskOnce(secret => masked.push(secret))
    for (const secret of ['a', 'b', 'a', '', 'c', 'b', '']) once(secret)
    expect(masked).toEqual(['a', 'b', 'c'])
  })

  it('keeps separate memories for separate wrappers', () => {
    const masked: string[] = []
    const first = maskOnce(secret => masked.push(`1:${secret}`))
    const second = maskOnce(secret => masked.push(`2:${secret}`))
    first('x')
    second('x')
    first('x')
    expect(masked).toEqual(['1:x', '2:x'])
  })
})

describe('maskCredential', () => {
  it('masks every secret form', () => {
    const masked: string[] = []
    maskCredential({username: 'u', password: 'p'}, secret => masked.push(secret))
    expect(masked).toEqual(['p', 'u:p', b64('u:p')])
  })
})
