import type {Credential} from '../../../src/credential.js'
import {boundedByKeys, sooner, type Keys} from '../../../src/providers/key-source.js'

const PAIR = {accessKeyId: 'HPUAXMSFVQ4ZLDP8B2RW', accessKeySecret: 'Zq8v+S3cr3t/Value=9xK2mPq7Lw', securityToken: 'CAIS+tok'}

describe('sooner', () => {
  const EARLY = '2026-01-01T00:00:00.000Z'
  const LATE = '2026-01-01T01:00:00.000Z'

  it.each<[string | undefined, string | undefined, string | undefined]>([
    [EARLY, LATE, EARLY],
    [LATE, EARLY, EARLY],
    [undefined, LATE, LATE],
    [EARLY, undefined, EARLY],
    [undefined, undefined, undefined],
    // Compared as times, not as text: a zone offset that sorts later as a string is earlier in fact.
    ['2026-01-01T00:30:00.000Z', '2026-01-01T08:00:00+08:00', '2026-01-01T08:00:00+08:00'],
    ['2026-01-01T08:00:00+08:00', '2026-01-01T00:30:00.000Z', '2026-01-01T08:00:00+08:00']
  ])('of %p and %p is %p', (a, b, expected) => {
    expect(sooner(a, b)).toBe(expected)
  })

  it('keeps the first of two equal times', () => {
    const a = '2026-01-01T00:00:00Z'
    const b = '2026-01-01T00:00:00.000Z'
    expect(sooner(a, b)).toBe(a)
  })
})

describe('boundedByKeys', () => {
  const credential: Credential = {
    region: 'cn-north-4',
    registry: {scheme: 'https', host: 'swr.cn-north-4.myhuaweicloud.com'},
    username: 'cn-north-4@TEMP',
    password: 'secret',
    expiresAt: '2026-01-02T00:00:00.000Z'
  }
  const keys = (expiresAt?: string): Keys => ({...PAIR, ...(expiresAt === undefined ? {} : {expiresAt})})
  /** The credential as a source gives one that does not expire. */
  const forever: Credential = {region: credential.region, registry: credential.registry, username: credential.username, password: credential.password}

  it("takes the keys' expiry when they end first, leaving the rest of the credential as it was", () => {
    const bounded = boundedByKeys(credential, keys('2026-01-01T12:00:00.000Z'))
    expect(bounded).toEqual({...credential, expiresAt: '2026-01-01T12:00:00.000Z'})
    // A copy: the credential the API returned is not changed under its caller.
    expect(bounded).not.toBe(credential)
    expect(credential.expiresAt).toBe('2026-01-02T00:00:00.000Z')
  })

  it('gives a credential that does not expire the expiry of its keys', () => {
    expect(boundedByKeys(forever, keys('2026-01-01T12:00:00.000Z'))).toEqual({...forever, expiresAt: '2026-01-01T12:00:00.000Z'})
  })

  it.each<[string, string | undefined]>([
    ['the keys outlive the credential', '2026-01-03T00:00:00.000Z'],
    ['the keys have no known end', undefined],
    ['both end at the same moment', '2026-01-02T00:00:00.000Z']
  ])('returns the same object when unchanged: %s', (_name, keysExpiry) => {
    expect(boundedByKeys(credential, keys(keysExpiry))).toBe(credential)
  })

  it('returns the same object for a credential and keys that both have no end', () => {
    const bounded = boundedByKeys(forever, keys())
    expect(bounded).toBe(forever)
    expect(bounded).not.toHaveProperty('expiresAt')
  })
})
