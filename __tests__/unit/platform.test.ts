import * as os from 'node:os'
import * as path from 'node:path'
import {homeDir, pathFor} from '../../src/platform.js'

describe('pathFor', () => {
  it.each<[NodeJS.Platform, path.PlatformPath]>([
    ['win32', path.win32],
    ['linux', path.posix],
    ['darwin', path.posix],
    ['freebsd', path.posix]
  ])('%s', (platform, expected) => {
    expect(pathFor(platform)).toBe(expected)
  })
})

describe('homeDir: as the docker CLI finds it', () => {
  const env = {HOME: '/Users/runner', USERPROFILE: 'C:\\Users\\runneradmin'}
  it.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, string]>([
    ['Windows: USERPROFILE, not HOME (Git Bash sets one)', env, 'win32', 'C:\\Users\\runneradmin'],
    ['macOS: HOME', env, 'darwin', '/Users/runner'],
    ['Linux: HOME', {HOME: '/home/runner'}, 'linux', '/home/runner'],
    ["Windows without USERPROFILE: the system's answer", {HOME: '/c/Users/x'}, 'win32', os.homedir()],
    ["HOME empty: the system's answer", {HOME: ''}, 'linux', os.homedir()]
  ])('%s', (_name, e, platform, expected) => {
    expect(homeDir(e, platform)).toBe(expected)
  })
})
