import {execFileSync} from 'node:child_process'
import {swrDefaultRegistry, swrLoginKey, swrUsername} from '../../src/swr.js'

describe('swrLoginKey', () => {
  it('reproduces the check value from the protocol notes', () => {
    expect(swrLoginKey('AccessKey', 'SecretKey')).toBe('f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd')
  })
})

describe('swrDefaultRegistry', () => {
  it.each([
    ['cn-north-4', 'swr.cn-north-4.myhuaweicloud.com'],
    ['eu-west-101', 'swr.eu-west-101.myhuaweicloud.eu']
  ])('%s → %s', (region, host) => expect(swrDefaultRegistry(region)).toBe(host))
})

it('swrUsername is <region>@<AK>', () => expect(swrUsername('cn-north-4', 'AK1')).toBe('cn-north-4@AK1'))
void execFileSync
