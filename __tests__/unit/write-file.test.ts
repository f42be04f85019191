import {jest} from '@jest/globals'
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

// The random part of the temporary name, fixed when a test plants something at that name; real otherwise.
let fixedBytes: Buffer | undefined
jest.unstable_mockModule('node:crypto', () => {
  const randomBytes = (size: number): Buffer => fixedBytes ?? crypto.randomBytes(size)
  return {...crypto, randomBytes, default: {...crypto, randomBytes}}
})
const {writeFileAtomic} = await import('../../src/write-file.js')

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-write-file-'))
})
afterEach(() => {
  fixedBytes = undefined
  fs.rmSync(dir, {recursive: true, force: true})
})

describe('writeFileAtomic', () => {
  it('replaces the file whole, with the mode asked for whatever the umask, and leaves no temporary file', () => {
    const file = path.join(dir, 'config.json')
    fs.writeFileSync(file, 'old', {mode: 0o644})
    const umask = process.umask(0o077)
    try {
      writeFileAtomic(file, 'new', {mode: 0o640})
    } finally {
      process.umask(umask)
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('new')
    expect(fs.statSync(file).mode & 0o777).toBe(0o640)
    expect(fs.readdirSync(dir)).toEqual(['config.json'])
  })

  it('gives the file to the owner asked for when it can, and keeps it otherwise', () => {
    const file = path.join(dir, 'f')
    writeFileAtomic(file, 'x', {mode: 0o600, owner: {uid: 65534, gid: 65534}})
    // Root gives it away; anyone else cannot, and the file stays theirs rather than failing the write.
    expect(fs.statSync(file).uid).toBe(process.getuid!() === 0 ? 65534 : process.getuid!())
  })

  it('on failure leaves the real file untouched and removes the temporary one', () => {
    const file = path.join(dir, 'target')
    fs.mkdirSync(file) // a directory: the rename over it fails
    fs.writeFileSync(path.join(file, 'inside'), 'kept')
    expect(() => writeFileAtomic(file, 'x', {mode: 0o600})).toThrow()
    expect(fs.readdirSync(dir)).toEqual(['target'])
    expect(fs.readFileSync(path.join(file, 'inside'), 'utf8')).toBe('kept')
  })

  it('never writes through a name planted at its temporary file: it fails, and neither file changes', () => {
    const file = path.join(dir, 'config.json')
    const victim = path.join(dir, 'victim')
    fs.writeFileSync(file, 'old')
    fs.writeFileSync(victim, 'precious')
    fixedBytes = Buffer.from('0badc0de', 'hex')
    fs.symlinkSync(victim, path.join(dir, `.config.json.${process.pid}.0badc0de.tmp`))
    expect(() => writeFileAtomic(file, 'secret', {mode: 0o600})).toThrow(expect.objectContaining({code: 'EEXIST'}))
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious')
    expect(fs.readFileSync(file, 'utf8')).toBe('old')
  })
})
