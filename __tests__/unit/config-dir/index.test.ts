import {jest} from '@jest/globals'
import type * as Files from '../../../src/config-dir/files.js'

// The file work is files.ts's (tested there); here, that it is loaded and asked only when the input is
// set, and the check of what the saved state may name.
const files = {
  openDockerConfigDir: jest.fn<typeof Files.openDockerConfigDir>(),
  closeDockerConfigDir: jest.fn<typeof Files.closeDockerConfigDir>()
}
jest.unstable_mockModule('../../../src/config-dir/files.js', () => files)
const {closeDockerConfigDir, isDockerConfigDirState, openDockerConfigDir} = await import('../../../src/config-dir/index.js')

const RUN = 'a1b2c3d4e5f6a7b8c9d0e1f2'

beforeEach(() => {
  files.openDockerConfigDir.mockReset()
  files.closeDockerConfigDir.mockReset()
})

describe('openDockerConfigDir', () => {
  it('the default: nothing made, nothing exported, the file work not even asked', async () => {
    const env = {DOCKER_CONFIG: '/home/runner/.docker'}
    await expect(openDockerConfigDir({kind: 'default'}, RUN, env)).resolves.toBeUndefined()
    expect(env).toEqual({DOCKER_CONFIG: '/home/runner/.docker'})
    expect(files.openDockerConfigDir).not.toHaveBeenCalled()
  })

  it.each([{kind: 'isolated'} as const, {kind: 'path', dir: '/srv/docker'} as const])('%j: handed to the file work, whose answer it returns', async choice => {
    const made = {dir: '/runner/temp/x', made: {kind: 'isolated' as const, dir: '/runner/temp/x'}}
    files.openDockerConfigDir.mockReturnValue(made)
    const env = {}
    const exportVariable = (): void => undefined
    await expect(openDockerConfigDir(choice, RUN, env, exportVariable)).resolves.toBe(made)
    expect(files.openDockerConfigDir.mock.calls).toEqual([[choice, RUN, env, exportVariable]])
  })
})

describe('closeDockerConfigDir', () => {
  it('nothing made: the file work not even asked', async () => {
    await closeDockerConfigDir({run: RUN, logout: true}, {})
    expect(files.closeDockerConfigDir).not.toHaveBeenCalled()
  })

  it('a directory made: handed to the file work', async () => {
    const state = {run: RUN, logout: false, dockerConfigDir: {kind: 'created' as const, dir: '/srv/docker'}}
    const env = {RUNNER_TEMP: '/runner/temp'}
    await closeDockerConfigDir(state, env)
    expect(files.closeDockerConfigDir.mock.calls).toEqual([[state, env]])
  })
})

describe('isDockerConfigDirState', () => {
  it.each<[string, unknown, boolean]>([
    ['isolated', {kind: 'isolated', dir: '/runner/temp/cloud-registry-login-config-x'}, true],
    ['created', {kind: 'created', dir: '/home/runner/docker'}, true],
    ['another kind', {kind: 'path', dir: '/x/y'}, false],
    ['an extra key', {kind: 'isolated', dir: '/x/y', created: '/'}, false],
    ['no dir', {kind: 'isolated'}, false],
    ['a relative dir', {kind: 'isolated', dir: 'x/y'}, false],
    ['a dir with ..', {kind: 'isolated', dir: '/x/../etc'}, false],
    ['a dir with a trailing slash', {kind: 'isolated', dir: '/x/y/'}, false],
    ['the root', {kind: 'created', dir: '/'}, false],
    ['a dir with a line break', {kind: 'isolated', dir: '/x/y\nz'}, false],
    ['a dir of 4096 characters (PATH_MAX)', {kind: 'isolated', dir: `/${'d'.repeat(4095)}`}, true],
    ['a dir longer than PATH_MAX', {kind: 'isolated', dir: `/${'d'.repeat(4096)}`}, false],
    ['a dir that is not a string', {kind: 'isolated', dir: 7}, false],
    ['an array', ['isolated', '/x'], false],
    ['null', null, false],
    ['a string', '/x', false]
  ])('%s: %s', (_, value, ok) => expect(isDockerConfigDirState(value)).toBe(ok))
})
