import {deriveCredentials, secretForms} from '../../src/credentials.js'
import type {Inputs} from '../../src/inputs.js'

// The protocol notes' check value: AK=AccessKey, SK=SecretKey.
const KEY = 'f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd'

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

const INPUTS: Inputs = {
  provider: 'swr',
  accessKeyId: 'AccessKey',
  accessKeySecret: 'SecretKey',
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

describe('deriveCredentials', () => {
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
    deriveCredentials(INPUTS, secret => masked.push(secret))
    const expected = [KEY]
    for (const region of INPUTS.regions) {
      expected.push(`${region}@AccessKey:${KEY}`, b64(`${region}@AccessKey:${KEY}`))
    }
    expect(masked).toEqual(expected)
    expect(new Set(masked).size).toBe(masked.length)
  })

  it('masks the key before anything else', () => {
    const masked: string[] = []
    deriveCredentials({...INPUTS, regions: ['cn-north-4'], registries: [INPUTS.registries[0]]}, secret => masked.push(secret))
    expect(masked[0]).toBe(KEY)
    expect(masked).toHaveLength(3)
  })

  it('has masked every secret form of every credential by the time it returns', () => {
    const masked = new Set<string>()
    let returned = false
    const lateCalls: string[] = []
    const credentials = deriveCredentials(INPUTS, secret => {
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
    deriveCredentials(INPUTS, secret => masked.push(secret))
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
