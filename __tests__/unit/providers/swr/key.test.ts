import {execFileSync} from 'node:child_process'
import {swrLoginKey, swrUsername} from '../../../../src/providers/swr/key.js'

/** The vendor's own recipe, run for real: `printf "$AK" | openssl dgst -sha256 -hmac "$SK"`. */
function opensslLoginKey(accessKeyId: string, accessKeySecret: string): string {
  const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', accessKeySecret], {
    input: Buffer.from(accessKeyId, 'utf8'),
    encoding: 'utf8'
  })
  // OpenSSL 3 prints "SHA2-256(stdin)= <hex>", 1.1 prints "(stdin)= <hex>".
  const match = /= ([0-9a-f]{64})\s*$/.exec(out)
  if (!match) throw new Error(`unexpected openssl output: ${out}`)
  return match[1]
}

describe('swrLoginKey', () => {
  it('reproduces the check value from the protocol notes', () => {
    expect(swrLoginKey('AccessKey', 'SecretKey')).toBe('f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd')
  })

  it('the check value is also what openssl computes (the cross-check below is sound)', () => {
    expect(opensslLoginKey('AccessKey', 'SecretKey')).toBe('f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd')
  })

  it.each([
    ['typical 20-char AK, 40-char SK', 'HPUAXMSFVQ4ZLDP8B2RW', 'k3Jq9XvL0pTz7RmN2wYb5HcF8sDg1AeU6oIuQyZt'],
    ['SK with symbols', 'QWERTY1234567890ABCD', `a+b/c=d!e@f#g$h%i^j&k*l(m)n_o-p"q'r\`s\\t|u;v:w,x.y<z>?~`],
    ['SK with non-ASCII letters', 'AKIDEXAMPLE', 'clé-secrète-ÄÖÜß'],
    ['SK with CJK and emoji', 'AK1', '密钥🔑シークレット'],
    ['SK starting with a dash', 'LEADINGDASHAK', '-not-an-option'],
    ['one-character AK and SK', 'A', 'B']
  ])('matches openssl for %s', (_name, ak, sk) => {
    const key = swrLoginKey(ak, sk)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(key).toBe(opensslLoginKey(ak, sk))
  })

  it('depends on both halves of the key pair', () => {
    const base = swrLoginKey('AccessKey', 'SecretKey')
    expect(swrLoginKey('AccessKez', 'SecretKey')).not.toBe(base)
    expect(swrLoginKey('AccessKey', 'SecretKez')).not.toBe(base)
    // key = SK, message = AK: swapping them gives another key
    expect(swrLoginKey('SecretKey', 'AccessKey')).not.toBe(base)
  })
})

describe('swrUsername', () => {
  it.each([
    ['cn-north-4', 'AK1', 'cn-north-4@AK1'],
    ['eu-west-101', 'HPUAXMSFVQ4ZLDP8B2RW', 'eu-west-101@HPUAXMSFVQ4ZLDP8B2RW']
  ])('%s + %s → %s', (region, ak, user) => expect(swrUsername(region, ak)).toBe(user))
})
