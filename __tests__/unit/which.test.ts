import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {findOnPath, pathCandidates} from '../../src/which.js'

let dir: string
let a: string
let b: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'which-test-'))
  a = path.join(dir, 'a')
  b = path.join(dir, 'b')
  fs.mkdirSync(a)
  fs.mkdirSync(b)
  const tool = (d: string, name: string, mode: number): void => fs.writeFileSync(path.join(d, name), '#!/bin/sh\n', {mode})
  tool(a, 'plain', 0o644) // not executable
  tool(b, 'plain', 0o755)
  tool(a, 'both', 0o755)
  tool(b, 'both', 0o755)
  fs.mkdirSync(path.join(a, 'adir'))
  tool(b, 'tool.EXE', 0o644)
})
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}))

describe('findOnPath', () => {
  it.each<[string, string, () => string]>([
    ['the first executable match, in PATH order', 'both', () => path.join(a, 'both')],
    ['skips a file that is not executable', 'plain', () => path.join(b, 'plain')],
    ['skips a directory of that name', 'adir', () => ''],
    ['nothing for a missing tool', 'missing', () => '']
  ])('%s', (_name, tool, expected) => {
    expect(findOnPath(tool, {PATH: [a, '', b].join(path.delimiter)}, 'linux')).toBe(expected())
  })

  it.each<[string, NodeJS.ProcessEnv]>([
    ['no PATH', {}],
    ['an empty PATH', {PATH: ''}]
  ])('%s: nothing', (_name, env) => expect(findOnPath('both', env, 'linux')).toBe(''))

  it('takes a path as it is, when it is executable', () => {
    expect(findOnPath(path.join(b, 'plain'), {PATH: ''}, 'linux')).toBe(path.join(b, 'plain'))
    expect(findOnPath(path.join(a, 'plain'), {PATH: ''}, 'linux')).toBe('')
    expect(findOnPath('', {PATH: a}, 'linux')).toBe('')
  })

  it('on macOS, as on Linux: the execute bit counts', () => {
    expect(findOnPath('plain', {PATH: [a, b].join(':')}, 'darwin')).toBe(path.join(b, 'plain'))
  })
})

describe('pathCandidates: the files tried, in order', () => {
  const winEnv = {Path: 'C:\\Windows\\system32;"C:\\Program Files\\Docker";;D:\\tools\\', PATHEXT: '.COM;.EXE;.BAT;.CMD'}
  it.each<[string, string, NodeJS.ProcessEnv, NodeJS.Platform, string[]]>([
    [
      'Windows: each directory with each PATHEXT extension, Path spelt as Windows spells it, quotes taken off',
      'docker',
      winEnv,
      'win32',
      ['C:\\Windows\\system32', 'C:\\Program Files\\Docker', 'D:\\tools'].flatMap(dir => ['.COM', '.EXE', '.BAT', '.CMD'].map(ext => `${dir}\\docker${ext}`))
    ],
    [
      'Windows: a name with an extension is tried as it is first',
      'docker-credential-wincred.exe',
      {PATH: 'C:\\bin', PATHEXT: '.EXE'},
      'win32',
      ['C:\\bin\\docker-credential-wincred.exe', 'C:\\bin\\docker-credential-wincred.exe.EXE']
    ],
    ['Windows: PATHEXT unset: the system default', 'ctr', {PATH: 'C:\\bin'}, 'win32', ['.COM', '.EXE', '.BAT', '.CMD'].map(e => `C:\\bin\\ctr${e}`)],
    ['Windows: a path with backslashes is taken as it is', 'C:\\Docker\\docker.exe', winEnv, 'win32', ['C:\\Docker\\docker.exe']],
    ['Windows: a path with forward slashes too', 'C:/Docker/docker.exe', winEnv, 'win32', ['C:\\Docker\\docker.exe']],
    [
      'macOS: each directory, the name as it is',
      'docker',
      {PATH: '/opt/homebrew/bin:/usr/local/bin', PATHEXT: '.EXE'},
      'darwin',
      ['/opt/homebrew/bin/docker', '/usr/local/bin/docker']
    ],
    ['Linux: a quoted directory is a directory of that name', 'ctr', {PATH: '"/x"'}, 'linux', [path.resolve('"/x"', 'ctr')]],
    ['an empty name: nothing', '', winEnv, 'win32', []]
  ])('%s', (_name, tool, env, platform, expected) => {
    expect(pathCandidates(tool, env, platform)).toEqual(expected)
  })

  it('finds a program on this machine only among those', () => {
    expect(findOnPath('tool', {PATH: b, PATHEXT: '.EXE'}, 'linux')).toBe('')
    expect(pathCandidates('tool', {PATH: b, PATHEXT: '.EXE'}, 'linux')).toEqual([path.join(b, 'tool')])
  })
})
