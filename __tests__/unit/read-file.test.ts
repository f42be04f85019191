import {execFileSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import {FileRefused, readSmallFile, SMALL_FILE_MAX} from '../../src/read-file.js'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-read-file-'))
})
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

function refusal(read: () => unknown): FileRefused {
  let error: unknown
  try {
    read()
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(FileRefused)
  return error as FileRefused
}

describe('readSmallFile', () => {
  it('reads a regular file whole, through a symlink', () => {
    const file = path.join(dir, 'config.json')
    fs.writeFileSync(file, '{"auths": {}}\n')
    fs.symlinkSync(file, path.join(dir, 'link'))
    expect(readSmallFile(file).toString('utf8')).toBe('{"auths": {}}\n')
    expect(readSmallFile(path.join(dir, 'link')).toString('utf8')).toBe('{"auths": {}}\n')
  })

  it('reads an empty file, and one of exactly the most allowed', () => {
    fs.writeFileSync(path.join(dir, 'empty'), '')
    fs.writeFileSync(path.join(dir, 'full'), 'x'.repeat(100))
    expect(readSmallFile(path.join(dir, 'empty'))).toEqual(Buffer.alloc(0))
    expect(readSmallFile(path.join(dir, 'full'), 100).toString('utf8')).toBe('x'.repeat(100))
  })

  it('reads a file larger than one chunk', () => {
    const data = Buffer.alloc(200 * 1024, 'ab')
    fs.writeFileSync(path.join(dir, 'big'), data)
    expect(readSmallFile(path.join(dir, 'big')).equals(data)).toBe(true)
  })

  it('refuses a file over the limit, naming it and both sizes', () => {
    const file = path.join(dir, 'big')
    fs.writeFileSync(file, 'x'.repeat(101))
    const error = refusal(() => readSmallFile(file, 100))
    expect(error.message).toBe(`${file} is larger than 100 bytes (it has 101)`)
    expect(error.file).toBe(file)
    expect(error.reason).toBe('is larger than 100 bytes (it has 101)')
  })

  it('stops at the limit when a file holds more than its size says (procfs), never reading it all', () => {
    expect(fs.statSync('/proc/self/status').size).toBe(0)
    expect(refusal(() => readSmallFile('/proc/self/status', 10)).message).toBe('/proc/self/status is larger than 10 bytes')
  })

  it('has a limit far above any config', () => {
    expect(SMALL_FILE_MAX).toBe(4 * 1024 * 1024)
  })

  it('refuses a FIFO without waiting for a writer, also through a symlink', () => {
    const fifo = path.join(dir, 'fifo')
    execFileSync('mkfifo', [fifo])
    fs.symlinkSync(fifo, path.join(dir, 'link'))
    expect(refusal(() => readSmallFile(fifo)).message).toBe(`${fifo} is a FIFO, not a regular file`)
    expect(refusal(() => readSmallFile(path.join(dir, 'link'))).reason).toBe('is a FIFO, not a regular file')
  })

  it.each([
    ['/dev/zero', 'is a character device, not a regular file'],
    ['/dev/null', 'is a character device, not a regular file']
  ])('refuses %s', (file, reason) => {
    expect(refusal(() => readSmallFile(file)).reason).toBe(reason)
  })

  it('refuses a directory', () => {
    expect(refusal(() => readSmallFile(dir)).message).toBe(`${dir} is a directory, not a regular file`)
  })

  it('refuses a socket', async () => {
    const socket = path.join(dir, 'sock')
    const server = net.createServer()
    await new Promise<void>(resolve => server.listen(socket, resolve))
    try {
      expect(refusal(() => readSmallFile(socket)).reason).toBe('is a socket, not a regular file')
    } finally {
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  })

  it("passes on the file system's own errors", () => {
    expect(() => readSmallFile(path.join(dir, 'missing'))).toThrow(expect.objectContaining({code: 'ENOENT'}))
    expect(() => readSmallFile(path.join(dir, 'missing', 'deeper'))).toThrow(expect.objectContaining({code: 'ENOENT'}))
  })
})
