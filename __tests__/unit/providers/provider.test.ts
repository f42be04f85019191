import {jest} from '@jest/globals'
import type {Credential} from '../../../src/credential.js'
import {obtainCredential, type ApiSource, type ApiTarget, type LocalSource, type LocalTarget, type ObtainContext} from '../../../src/providers/provider.js'
import type {RegistryAddress} from '../../../src/registry.js'

const REGISTRY: RegistryAddress = {scheme: 'https', host: 'registry.example.com'}
const CONTEXT: ObtainContext = {mask: () => undefined, log: () => undefined, env: {}}

describe('obtainCredential', () => {
  const base = {description: 'fake', defaultRegistry: () => REGISTRY.host, advice: () => undefined}

  it("returns a local source's credential, made by that source for that target", async () => {
    const credential: Credential = {region: 'r1', registry: REGISTRY, username: 'local-user', password: 'local-pw'}
    const obtain = jest.fn<LocalSource['obtain']>(() => credential)
    const source: LocalSource = {...base, kind: 'local', obtain}
    const target: LocalTarget = {kind: 'local', provider: 'swr', region: 'r1', registry: REGISTRY, source}
    await expect(obtainCredential(target, CONTEXT)).resolves.toBe(credential)
    expect(obtain).toHaveBeenCalledTimes(1)
    expect(obtain).toHaveBeenCalledWith(target, CONTEXT)
  })

  it("awaits an API source's credential, made by that source for that target", async () => {
    const credential: Credential = {region: 'r2', registry: REGISTRY, username: 'api-user', password: 'api-pw', expiresAt: '2026-01-01T00:00:00Z'}
    const obtain = jest.fn<ApiSource['obtain']>(async () => credential)
    const source: ApiSource = {...base, kind: 'api', defaultEndpoint: () => 'https://api.example.com', obtain}
    const target: ApiTarget = {kind: 'api', provider: 'acr', region: 'r2', registry: REGISTRY, source, endpoint: new URL('https://api.example.com')}
    await expect(obtainCredential(target, CONTEXT)).resolves.toBe(credential)
    expect(obtain).toHaveBeenCalledTimes(1)
    expect(obtain).toHaveBeenCalledWith(target, CONTEXT)
  })

  it("rejects with a local source's error (a mask that throws, say)", async () => {
    const source: LocalSource = {
      ...base,
      kind: 'local',
      obtain: () => {
        throw new Error('cannot mask')
      }
    }
    await expect(obtainCredential({kind: 'local', provider: 'swr', region: 'r', registry: REGISTRY, source}, CONTEXT)).rejects.toThrow('cannot mask')
  })
})
