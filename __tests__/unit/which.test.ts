import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {findOnPath} from '../../src/which.js'

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

  it('on Windows: tries PATHEXT, and any file counts (no execute bit there)', () => {
    expect(findOnPath('tool', {Path: b, PATHEXT: '.COM;.EXE'}, 'win32')).toBe(path.join(b, 'tool.EXE'))
    expect(findOnPath('plain', {Path: a}, 'win32')).toBe(path.join(a, 'plain'))
  })
})
