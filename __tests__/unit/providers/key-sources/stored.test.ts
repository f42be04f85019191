import {HUAWEI_KEYS, ALIBABA_KEYS} from '../../../../src/providers/key-shapes.js'
import type {CloudParts} from '../../../../src/providers/key-sources/kind.js'
import {stored, storedKeys} from '../../../../src/providers/key-sources/stored.js'
import type {ObtainContext} from '../../../../src/providers/provider.js'
import {NO_AUTH_INPUTS as NONE} from '../../../support/fakes.js'
import {refusal} from '../../../support/refusal.js'

const CONTEXT: ObtainContext = {mask: () => undefined, log: () => undefined, env: {}}
const PAIR = {accessKeyId: 'HPUAXMSFVQ4ZLDP8B2RW', accessKeySecret: 'Zq8v+S3cr3t/Value=9xK2mPq7Lw', securityToken: 'CAIS+tok'}

describe('storedKeys', () => {
  it("is the inputs' own pair: no description clause, no preparation, and the very pair it was given", async () => {
    const source = storedKeys(PAIR)
    expect(source.description).toBe('')
    // Absent rather than a no-op: a stored pair has nothing to do before the logins.
    expect(source.prepare).toBeUndefined()
    // Known now, for a login made without a call (SWR's long-term key).
    expect(source.pair).toBe(PAIR)
    await expect(source.keys(['cn-north-4'], CONTEXT)).resolves.toBe(PAIR)
  })

  it('gives the same pair whatever the regions, and masks nothing (inputs.ts did)', async () => {
    const masked: string[] = []
    const source = storedKeys(PAIR)
    const context: ObtainContext = {...CONTEXT, mask: secret => void masked.push(secret)}
    await expect(source.keys(['eu-west-101'], context)).resolves.toBe(PAIR)
    await expect(source.keys([], context)).resolves.toBe(PAIR)
    expect(masked).toEqual([])
  })
})

describe('stored', () => {
  const AK = 'HPUAXMSFVQ4ZLDP8B2RW'
  const SK = 'Wq3rT8yUi0pAs2dFg4hJk6lZx8cVb0nMq2wE4rT6'
  const HUAWEI: CloudParts = {keyPair: {shapes: HUAWEI_KEYS, others: [ALIBABA_KEYS], examples: {ak: 'HW_AK', sk: 'HW_SK'}}}

  it("builds the inputs' key pair, checked by the cloud's rules, without the token when none is given", async () => {
    const source = stored.build({...NONE, accessKeyId: AK, accessKeySecret: SK}, HUAWEI, () => undefined)
    expect(source.pair).toEqual({accessKeyId: AK, accessKeySecret: SK, securityToken: undefined})
    await expect(source.keys(['cn-north-4'], CONTEXT)).resolves.toBe(source.pair)
  })

  it("keeps the 'security-token' of a temporary key pair", () => {
    expect(stored.build({...NONE, accessKeyId: AK, accessKeySecret: SK, securityToken: 'tok'}, HUAWEI, () => undefined).pair?.securityToken).toBe('tok')
  })

  it("refuses a key pair the cloud's rules refuse, in their words, and masks what they mask", () => {
    const masked: string[] = []
    const message = refusal(() => stored.build({...NONE, accessKeyId: SK, accessKeySecret: AK}, HUAWEI, secret => void masked.push(secret)))
    expect(message).toMatch(/^Inputs 'access-key-id' and 'access-key-secret' look swapped/)
    expect(masked).toEqual([SK])
  })

  it('refuses no key pair at all, with the examples of the cloud', () => {
    expect(refusal(() => stored.build(NONE, HUAWEI, () => undefined))).toMatch(/^No credential reached this job: .*secrets\.HW_AK/)
  })
})
