import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {discardCopy, isOwnCopy, keepCopy} from '../../src/copies.js'

// Each test gets its own temp directory (RUNNER_TEMP, in the action), removed afterwards.
let tempDir: string
beforeEach(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'copies-test-'))
})
afterEach(() => {
  fs.rmSync(tempDir, {recursive: true, force: true})
})

const mode = (file: string): number => fs.statSync(file).mode & 0o777

describe('keepCopy', () => {
  it('writes the data to a 0600 file named after its kind, in a 0700 directory of its own under tempDir', () => {
    const file = keepCopy('[host."https://r.example"]\n', 'hosts.toml', tempDir)
    expect(fs.readFileSync(file, 'utf8')).toBe('[host."https://r.example"]\n')
    expect(path.basename(file)).toMatch(/^[0-9a-f]{12}-hosts\.toml$/)
    const dir = path.dirname(file)
    expect(path.dirname(dir)).toBe(tempDir)
    expect(path.basename(dir)).toMatch(/^cloud-registry-login-/)
    expect(mode(dir)).toBe(0o700)
    expect(mode(file)).toBe(0o600)
  })

  it('keeps bytes as they are', () => {
    const data = Buffer.from([0, 255, 10, 13, 0x80])
    expect(fs.readFileSync(keepCopy(data, 'bin', tempDir))).toEqual(data)
  })

  it('puts every copy of one tempDir in the same directory, each in a file of its own', () => {
    const a = keepCopy('a', 'config.json', tempDir)
    const b = keepCopy('b', 'config.json', tempDir)
    expect(a).not.toBe(b)
    expect(path.dirname(a)).toBe(path.dirname(b))
    expect(fs.readdirSync(tempDir)).toHaveLength(1)
    expect([fs.readFileSync(a, 'utf8'), fs.readFileSync(b, 'utf8')]).toEqual(['a', 'b'])
  })

  it('keeps copies for different temp directories apart', () => {
    const other = path.join(tempDir, 'other')
    const a = keepCopy('a', 'x', tempDir)
    const b = keepCopy('b', 'x', other)
    expect(path.dirname(path.dirname(b))).toBe(other)
    expect(path.dirname(a)).not.toBe(path.dirname(b))
  })

  it('creates tempDir when it does not exist yet', () => {
    const missing = path.join(tempDir, 'not', 'there')
    const file = keepCopy('x', 'hosts.toml', missing)
    expect(path.dirname(path.dirname(file))).toBe(missing)
    expect(fs.readFileSync(file, 'utf8')).toBe('x')
  })

  it('makes a new private directory when its directory has gone away', () => {
    const first = keepCopy('a', 'x', tempDir)
    discardCopy(first)
    expect(fs.existsSync(path.dirname(first))).toBe(false)
    const second = keepCopy('b', 'x', tempDir)
    expect(fs.readFileSync(second, 'utf8')).toBe('b')
    expect(mode(path.dirname(second))).toBe(0o700)
  })
})

describe('isOwnCopy', () => {
  it('accepts what keepCopy returned', () => {
    expect(isOwnCopy(keepCopy('x', 'hosts.toml', tempDir), tempDir)).toBe(true)
  })

  it('accepts a relative tempDir that resolves to the same place', () => {
    const file = keepCopy('x', 'hosts.toml', tempDir)
    expect(isOwnCopy(file, path.relative(process.cwd(), tempDir))).toBe(true)
  })

  // Post reads and deletes the file named in saved state: anything but a file directly in one of our directories is refused.
  it.each<[string, (own: string) => string]>([
    ['a relative path', own => path.relative(process.cwd(), own)],
    ['a path with ".." in it (the same file, spelled another way)', own => `${path.dirname(own)}/../${path.basename(path.dirname(own))}/${path.basename(own)}`],
    ['a path with "." in it', own => `${path.dirname(own)}/./${path.basename(own)}`],
    ['a doubled slash', own => `${path.dirname(own)}//${path.basename(own)}`],
    ['a file directly in tempDir', own => path.join(path.dirname(path.dirname(own)), path.basename(own))],
    ['a file one level deeper', own => path.join(own, 'deeper')],
    ['our directory itself', own => path.dirname(own)],
    ['a directory without our prefix', own => path.join(path.dirname(path.dirname(own)), 'someone-else', path.basename(own))],
    ['our prefix under another directory', own => path.join('/etc', path.basename(path.dirname(own)), path.basename(own))],
    ['a file that escapes with ..', own => `${path.dirname(own)}/../../../etc/passwd`]
  ])('refuses %s', (_name, derive) => {
    const own = keepCopy('x', 'hosts.toml', tempDir)
    const file = derive(own)
    expect(file).not.toBe(own)
    expect(isOwnCopy(file, tempDir)).toBe(false)
  })

  it('refuses a copy kept under another temp directory', () => {
    const elsewhere = path.join(tempDir, 'elsewhere')
    expect(isOwnCopy(keepCopy('x', 'hosts.toml', elsewhere), tempDir)).toBe(false)
  })
})

describe('discardCopy', () => {
  it('removes the copy, and the directory with the last one', () => {
    const a = keepCopy('a', 'x', tempDir)
    const b = keepCopy('b', 'x', tempDir)
    const dir = path.dirname(a)
    discardCopy(a)
    expect(fs.existsSync(a)).toBe(false)
    expect(fs.readdirSync(dir)).toEqual([path.basename(b)])
    discardCopy(b)
    expect(fs.existsSync(dir)).toBe(false)
    expect(fs.readdirSync(tempDir)).toEqual([])
  })

  it('does not mind a copy that is already gone, nor its directory', () => {
    const a = keepCopy('a', 'x', tempDir)
    discardCopy(a)
    expect(() => discardCopy(a)).not.toThrow()
  })
})
