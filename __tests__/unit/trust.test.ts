import {spawnSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {checkedPlace, checkPlace, PlaceError, PlaceRefused, trustedUsers, type Trusted} from '../../src/trust.js'

// Who controls a place: each case builds a small tree under a directory of its own (root's, under /tmp) and asks
// checkPlace about a path in it. Cases that give files away to another user need root, and are skipped without it.
const asRoot = process.getuid?.() === 0 ? it : it.skip
const NOBODY = 65534

let dir: string
let trusted: Trusted
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crl-trust-unit-')))
  fs.chmodSync(dir, 0o755)
  trusted = trustedUsers({}) as Trusted
})
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

/** What checkPlace threw, as "component: reason", or what it returned. */
function verdict(target: string, kind: 'dir' | 'file' = 'dir', who: Trusted = trusted): string {
  try {
    return `ok ${checkPlace(target, kind, who)}`
  } catch (error) {
    if (!(error instanceof PlaceRefused)) throw error
    return `${error.component}: ${error.reason}`
  }
}

describe('checkPlace', () => {
  it('passes a directory of this user, and returns it', () => {
    expect(verdict(dir)).toBe(`ok ${dir}`)
  })

  it('passes a place that does not exist yet under one that does (/tmp, a sticky parent of root, on the way)', () => {
    expect(verdict(path.join(dir, 'new', 'deeper'))).toBe(`ok ${path.join(dir, 'new', 'deeper')}`)
  })

  it('refuses the sticky /tmp itself as the place (anyone may make entries in it)', () => {
    const tmp = fs.realpathSync(os.tmpdir())
    if ((fs.statSync(tmp).mode & 0o1002) !== 0o1002) return
    expect(verdict(tmp)).toMatch(/may be written to by other users \(mode 1777\)/)
  })

  it('refuses a directory others may write to, on the way or as the place', () => {
    fs.mkdirSync(path.join(dir, 'open', 'inner'), {recursive: true})
    fs.chmodSync(path.join(dir, 'open'), 0o777)
    expect(verdict(path.join(dir, 'open', 'inner'))).toBe(
      `${path.join(dir, 'open')}: may be written to by other users (mode 777): they could replace what the action writes there`
    )
    expect(verdict(path.join(dir, 'open'))).toMatch(/may be written to by other users \(mode 777\)/)
  })

  it('refuses a file others may write to, and a file where a directory is wanted (and the reverse)', () => {
    fs.writeFileSync(path.join(dir, 'config.json'), '{}')
    fs.chmodSync(path.join(dir, 'config.json'), 0o666)
    expect(verdict(path.join(dir, 'config.json'), 'file')).toMatch(/config\.json: may be written to by other users \(mode 666\): they could change it/)
    expect(verdict(path.join(dir, 'config.json'), 'dir')).toMatch(/config\.json: is not a directory$/)
    expect(verdict(dir, 'file')).toBe(`${dir}: is a directory, not a file`)
    expect(verdict(path.join(dir, 'config.json', 'x'))).toMatch(/config\.json: is not a directory$/)
  })

  it('refuses what is neither a directory nor a regular file (a FIFO) as a file', () => {
    const fifo = path.join(dir, 'fifo')
    makeFifo(fifo)
    expect(verdict(fifo, 'file')).toBe(`${fifo}: is not a regular file`)
  })

  it('follows a link of this user, relative or absolute, to where it points, and checks that too', () => {
    fs.mkdirSync(path.join(dir, 'real'))
    fs.symlinkSync('real', path.join(dir, 'relative'))
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'absolute'))
    expect(verdict(path.join(dir, 'relative'))).toBe(`ok ${path.join(dir, 'real')}`)
    expect(verdict(path.join(dir, 'absolute', 'new'))).toBe(`ok ${path.join(dir, 'real', 'new')}`)
  })

  it("resolves '..' in a link's target as the kernel does: against the directory reached, not the text", () => {
    // a/sub is a link to elsewhere/inner: a/link -> sub/../x is elsewhere/x, not a/x.
    fs.mkdirSync(path.join(dir, 'a'))
    fs.mkdirSync(path.join(dir, 'elsewhere', 'inner'), {recursive: true})
    fs.symlinkSync(path.join(dir, 'elsewhere', 'inner'), path.join(dir, 'a', 'sub'))
    fs.symlinkSync('sub/../x', path.join(dir, 'a', 'link'))
    expect(verdict(path.join(dir, 'a', 'link'))).toBe(`ok ${path.join(dir, 'elsewhere', 'x')}`)
    fs.chmodSync(path.join(dir, 'elsewhere'), 0o777)
    expect(verdict(path.join(dir, 'a', 'link'))).toMatch(new RegExp(`^${path.join(dir, 'elsewhere')}: may be written to by other users`))
  })

  it('refuses a loop of links', () => {
    fs.symlinkSync('two', path.join(dir, 'one'))
    fs.symlinkSync('one', path.join(dir, 'two'))
    expect(verdict(path.join(dir, 'one'))).toMatch(/has too many levels of symbolic links$/)
  })

  asRoot('refuses a directory, a link or a file of another user, naming the owner', () => {
    fs.mkdirSync(path.join(dir, 'theirs'))
    fs.chownSync(path.join(dir, 'theirs'), NOBODY, NOBODY)
    expect(verdict(path.join(dir, 'theirs', 'x'))).toMatch(new RegExp(`^${path.join(dir, 'theirs')}: is a directory of uid ${NOBODY}( \\(\\w+\\))?, another user`))
    fs.symlinkSync(dir, path.join(dir, 'link'))
    fs.lchownSync(path.join(dir, 'link'), NOBODY, NOBODY)
    expect(verdict(path.join(dir, 'link'))).toMatch(/link: is a symbolic link of uid 65534/)
    fs.writeFileSync(path.join(dir, 'file'), '')
    fs.chownSync(path.join(dir, 'file'), NOBODY, NOBODY)
    expect(verdict(path.join(dir, 'file'), 'file')).toMatch(/file: belongs to uid 65534/)
  })

  asRoot("trusts the runner's user, the owner of RUNNER_TEMP (a job container runs as root on the runner's directories)", () => {
    const runnerTemp = path.join(dir, 'runner-temp')
    fs.mkdirSync(runnerTemp)
    fs.chownSync(runnerTemp, NOBODY, NOBODY)
    expect(verdict(runnerTemp)).toMatch(/is a directory of uid 65534/)
    expect(verdict(runnerTemp, 'dir', trustedUsers({RUNNER_TEMP: runnerTemp}) as Trusted)).toBe(`ok ${runnerTemp}`)
  })

  asRoot("refuses a group-writable directory unless the group is provably its owner's private one", () => {
    const shared = path.join(dir, 'shared')
    fs.mkdirSync(shared)
    fs.chmodSync(shared, 0o775)
    // Root's group 0 is root's alone on these machines only when no other user has it: whatever it is, a group with
    // members is never private. The group of 'nogroup' (65534) is nobody's primary group, shared in spirit.
    fs.chownSync(shared, 0, NOBODY)
    expect(verdict(shared)).toMatch(/may be written to by other users \(mode 775\)/)
  })

  it('passes the Windows way (no owners to compare) by resolving the path only', () => {
    expect(checkPlace(path.join(dir, 'x', '..', 'y'), 'dir', undefined)).toBe(path.join(dir, 'y'))
  })
})

describe('checkedPlace', () => {
  asRoot('turns a refusal into a PlaceError naming what chose the place, the path and the owner', () => {
    fs.mkdirSync(path.join(dir, 'theirs'))
    fs.chownSync(path.join(dir, 'theirs'), NOBODY, NOBODY)
    let error: unknown
    try {
      checkedPlace("Input 'hosts-dir'", path.join(dir, 'theirs'), 'dir')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PlaceError)
    expect((error as PlaceError).message).toMatch(new RegExp(`^Input 'hosts-dir': ${path.join(dir, 'theirs')} is a directory of uid 65534.*Nothing was written there`))
    expect((error as PlaceError).refused.control).toBe(true)
  })
})

function makeFifo(file: string): void {
  if (spawnSync('mkfifo', [file]).status !== 0) throw new Error('mkfifo failed')
}
