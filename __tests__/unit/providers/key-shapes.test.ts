import {ALIBABA_KEYS, HUAWEI_KEYS, otherVendorOf} from '../../../src/providers/key-shapes.js'

// Real-shaped keys of both clouds (none of them real).
const HUAWEI = {ak: 'HPUAXMSFVQ4ZLDP8B2RW', sk: 'Wq3rT8yUi0pAs2dFg4hJk6lZx8cVb0nMq2wE4rT6'}
const ALIBABA = {ak: 'LTAI5tQwErTyUiOpAsDfGh12', sk: 'Yt7uI9oP0aSdFgHjKl1ZxCvBnM2q3W'}
const ALIBABA_STS_AK = 'STS.NUxYz0123456789AbCdEf'

describe("otherVendorOf: a key pair that is plainly another cloud's", () => {
  it.each<[string, string, string]>([
    ['an Alibaba key pair', ALIBABA.ak, ALIBABA.sk],
    ['an Alibaba STS key ID with its secret', ALIBABA_STS_AK, ALIBABA.sk],
    // An Alibaba AK carries its prefix: with an SK of no known shape it is still Alibaba's, not Huawei's.
    ['an Alibaba key ID with a secret of no known shape', ALIBABA.ak, 'some-secret']
  ])("under SWR: %s is Alibaba Cloud's", (_name, ak, sk) => {
    expect(otherVendorOf(ak, sk, HUAWEI_KEYS, [ALIBABA_KEYS])?.vendor).toBe('Alibaba Cloud')
  })

  it("under ACR: a Huawei key pair (AK and 40-character SK) is Huawei Cloud's", () => {
    expect(otherVendorOf(HUAWEI.ak, HUAWEI.sk, ALIBABA_KEYS, [HUAWEI_KEYS])?.vendor).toBe('Huawei Cloud')
  })

  it.each<[string, string, string]>([
    // Huawei's AK shape (upper-case letters and digits) is too lenient to decide alone: an Alibaba SK keeps it ACR's.
    ['an upper-case key ID with an Alibaba-shaped secret', 'E2E0123456789ABCDEF', ALIBABA.sk],
    ['an upper-case key ID with a secret of no known shape', 'E2E0123456789ABCDEF', 'some-secret'],
    ['an Alibaba key pair', ALIBABA.ak, ALIBABA.sk]
  ])("under ACR: %s is not called Huawei Cloud's", (_name, ak, sk) => {
    expect(otherVendorOf(ak, sk, ALIBABA_KEYS, [HUAWEI_KEYS])).toBeUndefined()
  })

  it.each<[string, string, string]>([
    ['a Huawei key pair', HUAWEI.ak, HUAWEI.sk],
    // The SK in the AK's place is a swap, which checkKeyPair words itself.
    ['a Huawei SK as the key ID', HUAWEI.sk, HUAWEI.ak]
  ])("under SWR: %s is not called Alibaba Cloud's", (_name, ak, sk) => {
    expect(otherVendorOf(ak, sk, HUAWEI_KEYS, [ALIBABA_KEYS])).toBeUndefined()
  })

  it('says what to set for each cloud', () => {
    expect(ALIBABA_KEYS.useWith).toBe("for Alibaba Cloud Container Registry, add 'provider: acr'")
    expect(HUAWEI_KEYS.useWith).toBe("for Huawei Cloud SWR, set 'provider: swr' (or leave 'provider' out)")
  })
})
