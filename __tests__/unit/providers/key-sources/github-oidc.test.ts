import {jest} from '@jest/globals'
import {UserError} from '../../../../src/errors.js'
import {ALIBABA_KEYS} from '../../../../src/providers/key-shapes.js'
import type {Keys} from '../../../../src/providers/key-source.js'
import type {CloudParts} from '../../../../src/providers/key-sources/kind.js'
import type {Federation} from '../../../../src/providers/keyless.js'
import type {ObtainContext} from '../../../../src/providers/provider.js'
import {NO_AUTH_INPUTS as NONE} from '../../../support/fakes.js'
import {refusal} from '../../../support/refusal.js'

// The exchange's code (../oidc/federate.js) is replaced, and counted when loaded: only a keyless login may load it, and
// only when its keys are first asked for.
let federateLoaded = 0
const federate = jest.fn<(federation: Federation, region: string, context: ObtainContext) => Promise<Keys>>()
jest.unstable_mockModule('../../../../src/oidc/federate.js', () => {
  federateLoaded++
  return {federate}
})
const {federatedKeys, githubOidc} = await import('../../../../src/providers/key-sources/github-oidc.js')

const ROLE = 'acs:ram::1234567890123456:role/push'
const PROVIDER = 'acs:ram::1234567890123456:oidc-provider/github'
const CONTEXT: ObtainContext = {mask: () => undefined, log: () => undefined, env: {}}
const KEYS: Keys = {
  accessKeyId: 'STS.NUxYz0123456789AbCdEf',
  accessKeySecret: 'Fed3rat3dS3cr3tValue0123456789',
  securityToken: 'CAIS+fed',
  expiresAt: '2026-01-01T01:00:00.000Z'
}

function fakeFederation(more: Partial<Federation> = {}): Federation {
  return {
    service: 'Alibaba Cloud STS AssumeRoleWithOIDC',
    identity: `RAM role ${ROLE}`,
    audience: 'sts.aliyuncs.com',
    durationSeconds: 3600,
    endpointInput: '',
    defaultEndpoint: () => 'https://sts.aliyuncs.com',
    exchange: async () => KEYS,
    ...more
  }
}

// First in the file: the tests after it load the exchange's code.
describe('federatedKeys: loading the exchange', () => {
  it('happens on the first call for keys, not when the source is made nor when its description is read', async () => {
    const source = federatedKeys(fakeFederation())
    expect(source.description).toMatch(/keyless/)
    expect(federateLoaded).toBe(0)
    federate.mockResolvedValueOnce(KEYS)
    await source.keys(['cn-hangzhou'], CONTEXT)
    expect(federateLoaded).toBe(1)
  })
})

describe('federatedKeys', () => {
  beforeEach(() => federate.mockReset())

  it('describes the keys as a clause for the credential line, naming the identity', () => {
    expect(federatedKeys(fakeFederation()).description).toBe(`, signed with temporary keys for RAM role ${ROLE} (keyless: the job's GitHub OIDC token)`)
    expect(federatedKeys(fakeFederation({identity: 'agency iam::0a1b:agency:push'})).description).toBe(
      ", signed with temporary keys for agency iam::0a1b:agency:push (keyless: the job's GitHub OIDC token)"
    )
  })

  it('names the federation for advice about a refusal of its keys: the service, what they act as, the validity asked for', () => {
    expect(federatedKeys(fakeFederation({durationSeconds: 5400})).federation).toEqual({
      service: 'Alibaba Cloud STS AssumeRoleWithOIDC',
      identity: `RAM role ${ROLE}`,
      durationSeconds: 5400
    })
  })

  it('asks for the keys with the federation, the first region and the context, and returns them', async () => {
    const federation = fakeFederation()
    federate.mockResolvedValueOnce(KEYS)
    const source = federatedKeys(federation)
    await expect(source.keys(['cn-shanghai', 'cn-hangzhou'], CONTEXT)).resolves.toBe(KEYS)
    expect(federate).toHaveBeenCalledTimes(1)
    expect(federate).toHaveBeenCalledWith(federation, 'cn-shanghai', CONTEXT)
  })

  it('starts the exchange once, even for calls made at the same time, and gives each the same keys', async () => {
    let answer: (keys: Keys) => void = () => undefined
    federate.mockImplementation(() => new Promise<Keys>(resolve => (answer = resolve)))
    const source = federatedKeys(fakeFederation())
    const calls = [source.keys(['cn-beijing'], CONTEXT), source.keys(['cn-shanghai'], CONTEXT), source.prepare?.(['cn-hangzhou'], CONTEXT)]
    // Let the module load and the first exchange start before it answers.
    await new Promise(resolve => setImmediate(resolve))
    answer(KEYS)
    const [first, second, prepared] = await Promise.all(calls)
    expect(first).toBe(KEYS)
    expect(second).toBe(KEYS)
    expect(prepared).toBeUndefined()
    expect(federate).toHaveBeenCalledTimes(1)
    // The first call's region picked the endpoint.
    expect(federate.mock.calls[0][1]).toBe('cn-beijing')
  })

  it('prepare does the exchange and resolves to nothing; the logins after it share its keys', async () => {
    federate.mockResolvedValue(KEYS)
    const source = federatedKeys(fakeFederation())
    expect(source.prepare).toBeDefined()
    await expect(source.prepare?.(['ap-southeast-1'], CONTEXT)).resolves.toBeUndefined()
    expect(federate).toHaveBeenCalledTimes(1)
    await expect(source.keys(['cn-hangzhou'], CONTEXT)).resolves.toBe(KEYS)
    await expect(source.keys(['cn-beijing'], CONTEXT)).resolves.toBe(KEYS)
    expect(federate).toHaveBeenCalledTimes(1)
    expect(federate.mock.calls[0][1]).toBe('ap-southeast-1')
  })

  it('gives a refusal to prepare and every later call, without asking again (one failure, one message)', async () => {
    const refused = new UserError('STS refused')
    federate.mockRejectedValue(refused)
    const source = federatedKeys(fakeFederation())
    await expect(source.prepare?.(['cn-hangzhou'], CONTEXT)).rejects.toBe(refused)
    await expect(source.keys(['cn-hangzhou'], CONTEXT)).rejects.toBe(refused)
    expect(federate).toHaveBeenCalledTimes(1)
  })

  it('gives each source its own exchange', async () => {
    federate.mockResolvedValue(KEYS)
    const a = fakeFederation()
    const b = fakeFederation({identity: 'another'})
    await federatedKeys(a).keys(['r1'], CONTEXT)
    await federatedKeys(b).keys(['r2'], CONTEXT)
    expect(federate.mock.calls.map(([federation, region]) => [federation, region])).toEqual([
      [a, 'r1'],
      [b, 'r2']
    ])
  })
})

describe('githubOidc', () => {
  const KEY_PAIR: CloudParts['keyPair'] = {shapes: ALIBABA_KEYS, others: [], examples: {ak: 'AK', sk: 'SK'}}
  const inputs = {...NONE, oidcProvider: PROVIDER, roleToAssume: ROLE}

  it("builds the keys of the cloud's federation, made from the inputs, and asks for none yet", () => {
    federate.mockReset()
    const federation = jest.fn((_inputs: typeof inputs) => fakeFederation())
    const source = githubOidc.build(inputs, {keyPair: KEY_PAIR, federation}, () => undefined)
    expect(federation).toHaveBeenCalledWith(inputs)
    expect(source.federation).toEqual({service: 'Alibaba Cloud STS AssumeRoleWithOIDC', identity: `RAM role ${ROLE}`, durationSeconds: 3600})
    expect(source.pair).toBeUndefined()
    expect(federate).not.toHaveBeenCalled()
  })

  it("gives the federation's refusal of the inputs as it is", () => {
    const federation = (): Federation => {
      throw new UserError("Input 'role-to-assume' is required")
    }
    expect(refusal(() => githubOidc.build(inputs, {keyPair: KEY_PAIR, federation}, () => undefined))).toBe("Input 'role-to-assume' is required")
  })

  it('refuses a cloud without a federation', () => {
    expect(refusal(() => githubOidc.build(inputs, {keyPair: KEY_PAIR}, () => undefined))).toMatch(/^Keyless login \('oidc-provider'\) is not available for this provider\./)
  })
})
