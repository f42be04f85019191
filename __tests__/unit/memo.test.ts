import {jest} from '@jest/globals'
import {memo} from '../../src/memo.js'

describe('memo', () => {
  it('computes once per argument, and gives the first result to every later call', () => {
    const compute = jest.fn((tool: string) => `/usr/bin/${tool}`)
    const which = memo(compute)
    expect([which('docker'), which('podman'), which('docker')]).toEqual(['/usr/bin/docker', '/usr/bin/podman', '/usr/bin/docker'])
    expect(compute.mock.calls).toEqual([['docker'], ['podman']])
  })

  it('hands a pending promise to a second caller rather than starting the work again', async () => {
    let resolve: (value: string) => void = () => undefined
    const compute = jest.fn(() => new Promise<string>(r => (resolve = r)))
    const check = memo(compute)
    const first = check('registry')
    const second = check('registry')
    expect(second).toBe(first)
    resolve('checked')
    await expect(second).resolves.toBe('checked')
    expect(compute).toHaveBeenCalledTimes(1)
  })

  it('keeps a rejection too: a failed check is not run again', async () => {
    const compute = jest.fn(async () => Promise.reject(new Error('no')))
    const check = memo(compute)
    await expect(check('x')).rejects.toThrow('no')
    await expect(check('x')).rejects.toThrow('no')
    expect(compute).toHaveBeenCalledTimes(1)
  })

  it('keys by what keyOf says, so that equal arguments that are different objects share one result', () => {
    const compute = jest.fn((credential: {host: string; password: string}) => credential.host)
    const checked = memo(compute, credential => `${credential.host} ${credential.password}`)
    checked({host: 'a', password: 'p'})
    checked({host: 'a', password: 'p'})
    checked({host: 'a', password: 'q'})
    expect(compute).toHaveBeenCalledTimes(2)
  })

  it('remembers a result that is undefined', () => {
    const compute = jest.fn((): undefined => undefined)
    const once = memo(compute)
    once('k')
    once('k')
    expect(compute).toHaveBeenCalledTimes(1)
  })
})
