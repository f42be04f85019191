import {acr} from '../../../src/providers/acr/index.js'
import {PROVIDERS} from '../../../src/providers/index.js'
import {swr} from '../../../src/providers/swr/index.js'

describe('PROVIDERS', () => {
  it('holds swr and acr, each under its own name', () => {
    expect(PROVIDERS).toEqual({swr, acr})
    for (const [key, provider] of Object.entries(PROVIDERS)) expect(provider.name).toBe(key)
  })
})
