import {jest} from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {failing, failingFs} from '../support/failing-fs.js'

// The lock on file systems that behave otherwise: no hard links (some network and FUSE file systems), or a full disk.
jest.unstable_mockModule('node:fs', failingFs)
const {withLock} = await import('../../src/lock.js')

const errno = (code: string): Error => Object.assign(new Error(code), {code})

let dir: string
let lockFile: string
beforeEach(() => {
  for (const name of Object.keys(failing)) delete failing[name as keyof typeof fs]
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-fs-test-'))
  lockFile = path.join(dir, 'place.lock')
})
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

describe('withLock on a file system without hard links', () => {
  beforeEach(() => {
    failing.linkSync = () => {
      throw errno('EPERM')
    }
  })

  it('makes the lock file in place, exclusively, whole, and removes it afterwards (and its temporary file)', async () => {
    const seen = await withLock(lockFile, () => JSON.parse(fs.readFileSync(lockFile, 'utf8')) as {pid: number})
    expect(seen.pid).toBe(process.pid)
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('waits for a lock that is there, then names it', async () => {
    fs.writeFileSync(lockFile, JSON.stringify({host: os.hostname(), pid: process.pid, since: Date.now(), token: 'theirs'}))
    await expect(withLock(lockFile, () => 'in', {waitMs: 50})).rejects.toThrow(`the lock ${lockFile} for too long`)
    expect(fs.readdirSync(dir)).toEqual(['place.lock'])
  })
})

describe('withLock when the lock cannot be made', () => {
  it.each([
    ['a full disk (the lock written whole first fails)', 'writeFileSync', 'ENOSPC'],
    ['a link that fails otherwise', 'linkSync', 'EIO']
  ] as const)('%s: fails naming the lock and the error, leaving no file behind (no empty lock to stall the next job)', async (_, call, code) => {
    failing[call] = () => {
      throw errno(code)
    }
    await expect(withLock(lockFile, () => 'in')).rejects.toThrow(`the lock ${lockFile} could not be made (${code})`)
    expect(fs.readdirSync(dir)).toEqual([])
  })
})
