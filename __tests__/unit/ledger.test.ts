import {createHash} from 'node:crypto'
import {spawnSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {LEDGER_FILE, LOCK_FILE, Ledger, type Removal, type Replaced, type Slot} from '../../src/ledger.js'
import {withLock} from '../../src/lock.js'
import {compileModules, runTogether} from '../support/child-processes.js'

let dir: string
let ledger: Ledger
let ledgerFile: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'))
  ledger = new Ledger(dir)
  ledgerFile = path.join(dir, LEDGER_FILE)
})
afterEach(() => {
  fs.rmSync(dir, {recursive: true, force: true})
})

const digest = (value: string): string => createHash('sha256').update(value).digest('hex')

interface MemorySlot extends Slot<string> {
  value: string | undefined
}

/** A place that holds one string in memory; its parts, where strip is given, are separated by '+'. */
function memorySlot(value: string | undefined, options: Partial<Pick<Slot<string>, 'keepValues' | 'strip' | 'write'>> = {}): MemorySlot {
  const slot: MemorySlot = {
    value,
    keepValues: options.keepValues ?? true,
    read: () => slot.value,
    write: options.write ?? (next => void (slot.value = next)),
    digest,
    isValue: (v: unknown): v is string => typeof v === 'string',
    ...(options.strip ? {strip: options.strip} : {})
  }
  return slot
}

/** Takes `ours` out of a '+'-joined value; null when it is not a part of it. */
const stripPart = (current: string, ours: string): string | undefined | null => {
  const parts = current.split('+')
  if (!parts.includes(ours)) return null
  const rest = parts.filter(part => part !== ours)
  return rest.length ? rest.join('+') : undefined
}

const ledgerText = (): string | undefined => (fs.existsSync(ledgerFile) ? fs.readFileSync(ledgerFile, 'utf8') : undefined)

describe('Ledger.push', () => {
  it.each<[string, string | undefined, Replaced]>([
    ['nothing', undefined, 'none'],
    ["the user's login", 'user', 'login']
  ])('over %s says so, writes the login, and keeps a 0600 ledger', async (_, before, replaced) => {
    const slot = memorySlot(before)
    await expect(ledger.push('r.example', 'run-a', slot, 'login-a')).resolves.toBe(replaced)
    expect(slot.value).toBe('login-a')
    expect(fs.statSync(ledgerFile).mode & 0o777).toBe(0o600)
    expect(ledger.holds('run-a')).toBe(true)
    expect(ledger.holds('run-b')).toBe(false)
  })

  it("over another live run's login says 'layer'", async () => {
    const slot = memorySlot('user')
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    await expect(ledger.push('r.example', 'run-b', slot, 'login-b')).resolves.toBe('layer')
  })

  it('keeps the slots of different keys apart', async () => {
    const one = memorySlot('user-1')
    const two = memorySlot(undefined)
    await ledger.push('one.example', 'run-a', one, 'a1')
    await ledger.push('two.example', 'run-a', two, 'a2')
    await expect(ledger.pop('one.example', 'run-a', one, digest('a1'))).resolves.toBe('restored')
    expect([one.value, two.value]).toEqual(['user-1', 'a2'])
    await expect(ledger.pop('two.example', 'run-a', two, digest('a2'))).resolves.toBe('removed')
    expect(ledgerText()).toBeUndefined()
  })

  it('takes what a run that never cleaned up left in place as the base, and drops its layer', async () => {
    const slot = memorySlot('user')
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    slot.value = 'outside' // a plain `docker login` since
    await expect(ledger.push('r.example', 'run-b', slot, 'login-b')).resolves.toBe('login')
    await expect(ledger.pop('r.example', 'run-b', slot, digest('login-b'))).resolves.toBe('restored')
    expect(slot.value).toBe('outside')
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('already')
    expect(slot.value).toBe('outside')
  })

  it('by the same run twice keeps one layer for it', async () => {
    const slot = memorySlot('user')
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    await expect(ledger.push('r.example', 'run-a', slot, 'login-a2')).resolves.toBe('layer')
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a2'))).resolves.toBe('restored')
    expect(slot.value).toBe('user')
    expect(ledgerText()).toBeUndefined()
  })

  describe('that fails', () => {
    // One live run (A) is already in the ledger, so that "as it was" is a file with something in it.
    let slot: MemorySlot
    let before: string | undefined
    beforeEach(async () => {
      slot = memorySlot('user')
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      before = ledgerText()
    })

    it('to write leaves the ledger and the place as they were', async () => {
      const failing = memorySlot(slot.value, {
        write: () => {
          throw new Error('disk full')
        }
      })
      await expect(ledger.push('r.example', 'run-b', failing, 'login-b')).rejects.toThrow('disk full')
      expect(ledgerText()).toBe(before)
      expect(failing.value).toBe('login-a')
      expect(fs.readdirSync(dir).sort()).toEqual([LEDGER_FILE])
    })

    it('to write, over nothing of ours, leaves no ledger behind', async () => {
      const failing = memorySlot('user', {
        write: () => {
          throw new Error('disk full')
        }
      })
      await expect(ledger.push('other.example', 'run-b', failing, 'login-b')).rejects.toThrow('disk full')
      expect(ledgerText()).toBe(before)
    })

    it.each([
      ['does not keep what was written', (slot: MemorySlot) => (): void => void slot],
      ['is replaced at once by someone outside the lock', (slot: MemorySlot) => (): void => void (slot.value = 'outside')]
    ])('the read-back check when the place %s: throws, and leaves the ledger as it was', async (_, writer) => {
      const sticky = memorySlot('login-a')
      sticky.write = writer(sticky)
      await expect(ledger.push('r.example', 'run-b', sticky, 'login-b')).rejects.toThrow('another program replaced it at the same moment (one that does not take our lock)')
      expect(ledgerText()).toBe(before)
    })
  })
})

describe('Ledger.pop', () => {
  it("twice: the second time says 'already' and leaves the restored login alone", async () => {
    const slot = memorySlot('user')
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('restored')
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('already')
    expect(slot.value).toBe('user')
  })

  it("twice while another run is live: 'already', and the other run's login stays", async () => {
    const slot = memorySlot('user')
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    await ledger.push('r.example', 'run-b', slot, 'login-b')
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('superseded')
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('already')
    expect(slot.value).toBe('login-b')
  })

  describe('after the ledger file was deleted', () => {
    it("removes the login when the place still holds exactly ours: 'removed-untracked'", async () => {
      const slot = memorySlot('user')
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      fs.rmSync(ledgerFile)
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('removed-untracked')
      expect(slot.value).toBeUndefined()
    })

    it('keeps a value equal to ours when ours replaced a login: it may be that login, put back by an earlier post', async () => {
      const slot = memorySlot('same')
      const replaced = await ledger.push('r.example', 'run-a', slot, 'same')
      expect(replaced).toBe('same')
      await expect(ledger.pop('r.example', 'run-a', slot, digest('same'), replaced)).resolves.toBe('restored')
      await expect(ledger.pop('r.example', 'run-a', slot, digest('same'), replaced)).resolves.toBe('already')
      expect(slot.value).toBe('same')
    })

    it("leaves the place alone when it holds something else: 'already'", async () => {
      const slot = memorySlot('user')
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      fs.rmSync(ledgerFile)
      slot.value = 'outside'
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('already')
      expect(slot.value).toBe('outside')
    })
  })

  describe('when the place was changed since the push', () => {
    it.each<[string, string, Removal, string | undefined]>([
      ['ours is a part of it: only our part is taken out', 'login-a+extra', 'stripped', 'extra'],
      ['it holds nothing but ours (twice): it is removed', 'login-a+login-a', 'stripped', undefined],
      ['nothing of ours is in it: it is left alone', 'outside+extra', 'changed', 'outside+extra']
    ])('and %s', async (_, changed, removal, after) => {
      const slot = memorySlot('user', {strip: stripPart})
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      slot.value = changed
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe(removal)
      expect(slot.value).toBe(after)
      expect(ledgerText()).toBeUndefined()
    })

    it("and the slot cannot strip: 'changed', left alone", async () => {
      const slot = memorySlot('user')
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      slot.value = 'login-a+extra'
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('changed')
      expect(slot.value).toBe('login-a+extra')
    })

    it("and emptied: 'changed', left empty", async () => {
      const slot = memorySlot('user', {strip: stripPart})
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      slot.value = undefined
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('changed')
      expect(slot.value).toBeUndefined()
    })

    it('and then what is there is the base for the next run; older runs below are forgotten', async () => {
      const slot = memorySlot('user', {strip: stripPart})
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      await ledger.push('r.example', 'run-b', slot, 'login-b')
      slot.value = 'login-b+extra'
      await expect(ledger.pop('r.example', 'run-b', slot, digest('login-b'))).resolves.toBe('stripped')
      expect(slot.value).toBe('extra')
      // A's login is not put back over what is there now.
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('already')
      expect(slot.value).toBe('extra')
      await expect(ledger.push('r.example', 'run-c', slot, 'login-c')).resolves.toBe('login')
      await expect(ledger.pop('r.example', 'run-c', slot, digest('login-c'))).resolves.toBe('restored')
      expect(slot.value).toBe('extra')
    })
  })

  describe('with values that must not be kept (a credential helper)', () => {
    it("removes ours and says the earlier login is 'lost'; the ledger never holds a value", async () => {
      const slot = memorySlot('user-secret', {keepValues: false})
      await ledger.push('r.example', 'run-a', slot, 'login-a-secret')
      const text = ledgerText() as string
      expect(text).not.toContain('secret')
      expect(text).toContain(digest('user-secret'))
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a-secret'))).resolves.toBe('lost')
      expect(slot.value).toBeUndefined()
      expect(ledgerText()).toBeUndefined()
    })

    it("removes ours when there was nothing before: 'removed'", async () => {
      const slot = memorySlot(undefined, {keepValues: false})
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('removed')
      expect(slot.value).toBeUndefined()
    })

    it('never logs a live run out: the newer post hands its login over to the older run, whose post then removes it', async () => {
      const slot = memorySlot('user', {keepValues: false})
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      await ledger.push('r.example', 'run-b', slot, 'login-b')
      await expect(ledger.pop('r.example', 'run-b', slot, digest('login-b'))).resolves.toBe('handed-over')
      expect(slot.value).toBe('login-b')
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('lost')
      expect(slot.value).toBeUndefined()
      expect(ledgerText()).toBeUndefined()
    })

    it('the older post first: the newer login stays until its own post', async () => {
      const slot = memorySlot(undefined, {keepValues: false})
      await ledger.push('r.example', 'run-a', slot, 'login-a')
      await ledger.push('r.example', 'run-b', slot, 'login-b')
      await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('superseded')
      expect(slot.value).toBe('login-b')
      await expect(ledger.pop('r.example', 'run-b', slot, digest('login-b'))).resolves.toBe('removed')
      expect(slot.value).toBeUndefined()
    })
  })

  it('that fails to write leaves the ledger as it was, so that it can be tried again', async () => {
    const slot = memorySlot('user')
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    const before = ledgerText()
    const write = slot.write
    slot.write = () => {
      throw new Error('disk full')
    }
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).rejects.toThrow('disk full')
    expect(ledgerText()).toBe(before)
    slot.write = write
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('restored')
    expect(slot.value).toBe('user')
  })
})

// Every order in which two or three runs can lay their logins on one place and take them off (each run's push before
// its pop), over nothing and over the user's own login. After every step the place holds the newest live run's login,
// or, when none is live, what was there before any: an older login never comes back over a newer one, and a finished
// run's login never comes back at all.
type Step = {run: string; push: boolean}

function orders(runs: readonly string[]): Step[][] {
  const out: Step[][] = []
  const walk = (done: Step[], pushed: Set<string>, popped: Set<string>): void => {
    if (popped.size === runs.length) out.push(done)
    for (const run of runs) {
      if (!pushed.has(run)) walk([...done, {run, push: true}], new Set([...pushed, run]), popped)
      else if (!popped.has(run)) walk([...done, {run, push: false}], pushed, new Set([...popped, run]))
    }
  }
  walk([], new Set(), new Set())
  return out
}

const show = (steps: Step[]): string => steps.map(step => `${step.push ? 'push' : 'pop'} ${step.run}`).join(', ')

describe('every order of runs on one place', () => {
  it('has 6 orders of two runs and 90 of three', () => {
    expect(orders(['A', 'B'])).toHaveLength(6)
    expect(orders(['A', 'B', 'C'])).toHaveLength(90)
  })

  const cases = [...orders(['A', 'B']), ...orders(['A', 'B', 'C'])].flatMap(steps => [undefined, 'user'].map(base => ({order: show(steps), steps, base})))

  it.each(cases)('$order, over $base', async ({steps, base}) => {
    const slot = memorySlot(base)
    const live: string[] = []
    for (const {run, push} of steps) {
      const login = `login-${run}`
      if (push) {
        const expected: Replaced = live.length ? 'layer' : base === undefined ? 'none' : 'login'
        await expect(ledger.push('r.example', run, slot, login)).resolves.toBe(expected)
        live.push(run)
      } else {
        const newest = live[live.length - 1] === run
        live.splice(live.indexOf(run), 1)
        const expected: Removal = !newest ? 'superseded' : live.length ? 'uncovered' : base === undefined ? 'removed' : 'restored'
        await expect(ledger.pop('r.example', run, slot, digest(login))).resolves.toBe(expected)
      }
      expect(slot.value).toBe(live.length ? `login-${live[live.length - 1]}` : base)
    }
    expect(ledgerText()).toBeUndefined()
  })

  it.each(orders(['A', 'B', 'C']).map(steps => ({order: show(steps), steps})))('with the same login for every run: $order', async ({steps}) => {
    const slot = memorySlot('user')
    let live = 0
    for (const {run, push} of steps) {
      if (push) await ledger.push('r.example', run, slot, 'same')
      else await ledger.pop('r.example', run, slot, digest('same'))
      live += push ? 1 : -1
      expect(slot.value).toBe(live ? 'same' : 'user')
    }
    expect(ledgerText()).toBeUndefined()
  })
})

describe('a ledger file that is not ours', () => {
  it.each([
    ['another version', '{"version":2,"slots":{}}'],
    ['no slots', '{"version":1}'],
    ['null slots', '{"version":1,"slots":null}'],
    ['JSON null', 'null'],
    ['a number', '7'],
    ['not JSON', 'hello'],
    ['empty', '']
  ])('(%s) is refused for a push, naming it, and left as it is', async (_, text) => {
    fs.writeFileSync(ledgerFile, text)
    const slot = memorySlot('user')
    const message = `${ledgerFile} is not a ledger this version of the action can read; delete it if no job is running`
    await expect(ledger.push('r.example', 'run-a', slot, 'login-a')).rejects.toThrow(message)
    expect(() => ledger.holds('run-a')).toThrow(message)
    expect(slot.value).toBe('user')
    expect(fs.readFileSync(ledgerFile, 'utf8')).toBe(text)
  })

  it.each([
    ['not JSON', 'hello'],
    ['another version', '{"version":2,"slots":{}}']
  ])('(%s) does not keep a pop from taking off exactly our login, and nothing else; the file is left, with a warning', async (_, text) => {
    fs.writeFileSync(ledgerFile, text)
    const warnings: string[] = []
    const warned = new Ledger(dir, {warn: line => warnings.push(line)})
    const ours = memorySlot('login-a')
    await expect(warned.pop('r.example', 'run-a', ours, digest('login-a'))).resolves.toBe('removed-untracked')
    expect(ours.value).toBeUndefined()
    const theirs = memorySlot('user')
    await expect(warned.pop('r.example', 'run-a', theirs, digest('login-a'))).resolves.toBe('already')
    expect(theirs.value).toBe('user')
    expect(fs.readFileSync(ledgerFile, 'utf8')).toBe(text)
    expect(warnings[0]).toBe(
      `${ledgerFile} is not a ledger this version of the action can read; delete it if no job is running: it was left as it is, and nothing it noted can be put back.`
    )
  })

  it.each([
    ['a directory', () => fs.mkdirSync(ledgerFile), 'is a directory, not a regular file'],
    ['a FIFO (a read would block for good)', () => spawnSync('mkfifo', [ledgerFile]), 'is a FIFO, not a regular file'],
    ['a link to /dev/zero (a read would fill the memory)', () => fs.symlinkSync('/dev/zero', ledgerFile), 'is a symbolic link, not a regular file'],
    ['a link to a file of another place', () => fs.symlinkSync(path.join(dir, 'elsewhere.json'), ledgerFile), 'is a symbolic link, not a regular file']
  ])('that is %s is refused at once, naming it, never read or followed', async (_, make, why) => {
    fs.writeFileSync(path.join(dir, 'elsewhere.json'), '{"version":1,"slots":{}}')
    make()
    await expect(ledger.push('r.example', 'run-a', memorySlot(undefined), 'login-a')).rejects.toThrow(`${ledgerFile} ${why}, not a ledger of this action`)
    expect(fs.readFileSync(path.join(dir, 'elsewhere.json'), 'utf8')).toBe('{"version":1,"slots":{}}')
  })
})

describe('the lock of a place', () => {
  it('is held while the ledger changes, beside it', async () => {
    const slot = memorySlot(undefined)
    slot.write = value => {
      expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true)
      slot.value = value
    }
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    await ledger.pop('r.example', 'run-a', slot, digest('login-a'))
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it("is taken with the ledger's lock options: another holder makes push fail naming the lock", async () => {
    const patient = new Ledger(dir, {lock: {waitMs: 20}})
    const lockFile = path.join(dir, LOCK_FILE)
    await withLock(lockFile, async () => {
      await expect(patient.push('r.example', 'run-a', memorySlot(undefined), 'login-a')).rejects.toThrow(lockFile)
    })
  })

  it('needs the place to exist', async () => {
    const nowhere = new Ledger(path.join(dir, 'missing'))
    await expect(nowhere.push('r.example', 'run-a', memorySlot(undefined), 'login-a')).rejects.toThrow(path.join(dir, 'missing'))
  })
})

describe('between processes', () => {
  // Each copy lays a login on one shared key and one key of its own in a config file whose every write reads, yields,
  // and writes the whole file (as docker's config.json is written), checks that its own key survived the others, then
  // takes both off. Without the lock, keys are lost and the shared key ends as some run's login.
  const script = `
import {createHash} from 'node:crypto'
import * as fs from 'node:fs'
import {Ledger} from './ledger.js'
const [, , index, dir, configFile, startAt] = process.argv
const digest = value => createHash('sha256').update(value).digest('hex')
const pause = ms => new Promise(resolve => setTimeout(resolve, ms))
const config = () => JSON.parse(fs.readFileSync(configFile, 'utf8'))
const slot = key => ({
  keepValues: true,
  digest,
  isValue: value => typeof value === 'string',
  read: () => config()[key],
  write: async value => {
    const next = config()
    await pause(2)
    if (value === undefined) delete next[key]
    else next[key] = value
    fs.writeFileSync(configFile + '.' + index, JSON.stringify(next))
    fs.renameSync(configFile + '.' + index, configFile)
  }
})
while (Date.now() < Number(startAt)) {}
const ledger = new Ledger(dir)
const id = 'run-' + index
const own = 'own-' + index
await ledger.push('shared', id, slot('shared'), 'login-' + index)
await ledger.push(own, id, slot(own), 'mine-' + index)
await pause(Math.random() * 30)
if (config()[own] !== 'mine-' + index) throw new Error('lost ' + own)
const keys = Math.random() < 0.5 ? ['shared', own] : [own, 'shared']
for (const key of keys) {
  const value = key === own ? 'mine-' + index : 'login-' + index
  await ledger.pop(key, id, slot(key), digest(value))
}
`

  it('loses nothing when many runs push and pop on one place at once, and leaves it as it was', async () => {
    const place = path.join(dir, 'place')
    fs.mkdirSync(place)
    compileModules(dir, ['lock', 'write-file', 'ledger', 'process-identity', 'read-file'])
    const scriptFile = path.join(dir, 'run.mjs')
    fs.writeFileSync(scriptFile, script)
    const configFile = path.join(place, 'config.json')
    fs.writeFileSync(configFile, JSON.stringify({shared: 'user-login', unrelated: 'kept'}))
    await runTogether(8, scriptFile, [place, configFile, String(Date.now() + 500)])
    expect(JSON.parse(fs.readFileSync(configFile, 'utf8'))).toEqual({shared: 'user-login', unrelated: 'kept'})
    expect(fs.readdirSync(place)).toEqual(['config.json'])
  })
})

describe('notes', () => {
  it('keeps what a run notes with its layer, for that run and key only, until the layer comes off', async () => {
    const slot = memorySlot(undefined)
    await ledger.push('r.example', 'run-a', slot, 'login-a', {created: '/made/by/main'})
    await ledger.push('r.example', 'run-b', slot, 'login-b')
    expect(ledger.noteOf('r.example', 'run-a')).toEqual({created: '/made/by/main'})
    expect(ledger.noteOf('r.example', 'run-b')).toBeUndefined()
    expect(ledger.noteOf('other.example', 'run-a')).toBeUndefined()
    await ledger.pop('r.example', 'run-a', slot, digest('login-a'))
    expect(ledger.noteOf('r.example', 'run-a')).toBeUndefined()
  })

  it('a ledger that cannot be read has no notes', () => {
    fs.writeFileSync(ledgerFile, 'not json')
    expect(ledger.noteOf('r.example', 'run-a')).toBeUndefined()
  })
})

describe('a second post while another run with the same credential is live', () => {
  it("never removes the other run's login, equal to ours", async () => {
    const slot = memorySlot(undefined)
    await ledger.push('r.example', 'run-a', slot, 'same-login')
    await ledger.push('r.example', 'run-b', slot, 'same-login')
    await expect(ledger.pop('r.example', 'run-a', slot, digest('same-login'))).resolves.toBe('superseded')
    await expect(ledger.pop('r.example', 'run-a', slot, digest('same-login'))).resolves.toBe('already')
    expect(slot.value).toBe('same-login')
    expect(ledger.tracks('r.example')).toBe(true)
    await expect(ledger.pop('r.example', 'run-b', slot, digest('same-login'))).resolves.toBe('removed')
    expect(ledger.tracks('r.example')).toBe(false)
  })
})

describe('a push whose read-back fails after the write', () => {
  it('puts back what was there, and leaves the ledger as it was', async () => {
    const slot = memorySlot('user')
    const read = slot.read.bind(slot)
    let reads = 0
    slot.read = () => {
      reads += 1
      if (reads === 2) throw new Error('the helper did not answer')
      return read()
    }
    await expect(ledger.push('r.example', 'run-a', slot, 'login-a')).rejects.toThrow('the helper did not answer')
    expect(slot.value).toBe('user')
    expect(ledgerText()).toBeUndefined()
  })
})

describe('values not kept (a credential helper) that equal ours', () => {
  it('an earlier login equal to ours stays in place through post, though its value was never kept', async () => {
    const slot = memorySlot('same-login', {keepValues: false})
    await expect(ledger.push('r.example', 'run-a', slot, 'same-login')).resolves.toBe('same')
    await expect(ledger.pop('r.example', 'run-a', slot, digest('same-login'), 'same')).resolves.toBe('restored')
    expect(slot.value).toBe('same-login')
  })
})

describe('release (logout: false)', () => {
  it('on top: the slot leaves the ledger, and nothing in the place changes; later posts leave the login that stays', async () => {
    const slot = memorySlot('user')
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    await ledger.push('r.example', 'run-b', slot, 'login-b')
    await ledger.release('r.example', 'run-b')
    expect(slot.value).toBe('login-b')
    expect(ledger.tracks('r.example')).toBe(false)
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).resolves.toBe('already')
    expect(slot.value).toBe('login-b')
    expect(ledgerText()).toBeUndefined()
  })

  it('below a newer login: only its layer goes; the newer one still restores what was there before both', async () => {
    const slot = memorySlot('user')
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    await ledger.push('r.example', 'run-b', slot, 'login-b')
    await ledger.release('r.example', 'run-a')
    await expect(ledger.pop('r.example', 'run-b', slot, digest('login-b'))).resolves.toBe('restored')
    expect(slot.value).toBe('user')
  })

  it('of a run the ledger does not know: nothing happens', async () => {
    const slot = memorySlot('user')
    await ledger.push('r.example', 'run-a', slot, 'login-a')
    const before = ledgerText()
    await ledger.release('r.example', 'run-z')
    await ledger.release('other.example', 'run-a')
    expect(ledgerText()).toBe(before)
  })
})

describe('what a ledger file says is data', () => {
  /** A ledger file written by hand, as another program (or user) could have left it. */
  const plantLedger = (slots: Record<string, unknown>): void => fs.writeFileSync(ledgerFile, JSON.stringify({version: 1, slots}))

  it.each([
    ['a layer whose digest is not its value’s', {base: null, layers: [{id: 'run-x', digest: digest('other'), value: 'planted'}]}],
    ['a layer whose value has not the slot’s shape', {base: null, layers: [{id: 'run-x', digest: digest('planted'), value: {mode: 0o4755}}]}],
    ['a base whose digest is not its value’s', {base: {digest: digest('x'), value: 'planted'}, layers: [{id: 'run-x', digest: digest('now')}]}]
  ])('refuses %s, with a warning, and never writes it back', async (_, entry) => {
    plantLedger({'r.example': entry})
    const warnings: string[] = []
    const warned = new Ledger(dir, {warn: line => warnings.push(line)})
    const slot = memorySlot('now')
    await warned.push('r.example', 'run-a', slot, 'login-a')
    await warned.pop('r.example', 'run-a', slot, digest('login-a'))
    expect(slot.value).not.toBe('planted')
    expect(warnings).toContain(
      `${ledgerFile}: an entry for r.example holds a value that is not one this action writes (its shape or its digest does not match), so it was refused and will never be written back. If no job is running, delete that file.`
    )
  })
})

describe("a killed job's login is retired, never resurrected", () => {
  /** The pid of a process that has ended. */
  const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid as number
  const gone = (): object => ({process: {host: os.hostname(), pid: deadPid()}, at: Date.now(), runner: 'runner-1', job: '42/build/1'})
  const oldButAlive = (): object => ({process: {host: os.hostname(), pid: process.pid}, at: Date.now() - 8 * 24 * 3600 * 1000})
  const elsewhere = (): object => ({process: {host: 'another-host.example', pid: 4242}, at: Date.now()})
  const plantLedger = (entry: unknown): void => fs.writeFileSync(ledgerFile, JSON.stringify({version: 1, slots: {'r.example': entry}}))

  it("on top and in place: the next push puts back what was under it, and lays its own over that (the killed job's key is gone)", async () => {
    plantLedger({base: {digest: digest('user'), value: 'user'}, layers: [{id: 'killed', digest: digest('killed-key'), value: 'killed-key', live: gone()}]})
    const warnings: string[] = []
    const slot = memorySlot('killed-key')
    const next = new Ledger(dir, {warn: line => warnings.push(line)})
    await expect(next.push('r.example', 'run-b', slot, 'login-b')).resolves.toBe('login')
    expect(ledgerText()).not.toContain('killed-key')
    await expect(next.pop('r.example', 'run-b', slot, digest('login-b'))).resolves.toBe('restored')
    expect(slot.value).toBe('user')
    expect(warnings[0]).toBe('r.example: took off the login of job 42/build/1 on runner-1, which ended without its post step, and put back what was under it.')
  })

  it("on top and in place: a pop of another run puts back what was under it, and the killed job's login never comes back", async () => {
    plantLedger({
      base: {digest: digest('user'), value: 'user'},
      layers: [
        {id: 'run-b', digest: digest('login-b'), value: 'login-b'},
        {id: 'killed', digest: digest('killed-key'), value: 'killed-key', live: gone()}
      ]
    })
    const slot = memorySlot('killed-key')
    // run-b's own login is back in place while its job runs; its post then brings the user's back.
    await expect(ledger.pop('r.example', 'run-b', slot, digest('login-b'))).resolves.toBe('restored')
    expect(slot.value).toBe('user')
    expect(ledgerText()).toBeUndefined()
  })

  it('below a live login: dropped from the stack, so that the live one hands back to what was there before both', async () => {
    plantLedger({
      base: {digest: digest('user'), value: 'user'},
      layers: [
        {id: 'killed', digest: digest('killed-key'), value: 'killed-key', live: gone()},
        {id: 'run-b', digest: digest('login-b'), value: 'login-b'}
      ]
    })
    const slot = memorySlot('login-b')
    await expect(ledger.pop('r.example', 'run-b', slot, digest('login-b'))).resolves.toBe('restored')
    expect(slot.value).toBe('user')
  })

  it('in another slot, below a live login: dropped by any push on the place', async () => {
    fs.writeFileSync(
      ledgerFile,
      JSON.stringify({
        version: 1,
        slots: {
          'other.example': {
            base: null,
            layers: [
              {id: 'killed', digest: digest('k'), value: 'k', live: gone()},
              {id: 'run-c', digest: digest('c'), value: 'c'}
            ]
          }
        }
      })
    )
    await ledger.push('r.example', 'run-a', memorySlot(undefined), 'login-a')
    expect(ledgerText()).not.toContain('"killed"')
  })

  it.each([
    ['older than any job can be, though its pid is alive', oldButAlive, true],
    ['of another host, fresh (its process cannot be checked from here)', elsewhere, false],
    ['of a live process on this machine', () => ({process: {host: os.hostname(), pid: process.pid}, at: Date.now()}), false]
  ])('%s: retired %s', async (_, live, retired) => {
    plantLedger({base: {digest: digest('user'), value: 'user'}, layers: [{id: 'other', digest: digest('other-key'), value: 'other-key', live: live()}]})
    const slot = memorySlot('other-key')
    await ledger.push('r.example', 'run-b', slot, 'login-b')
    await ledger.pop('r.example', 'run-b', slot, digest('login-b'))
    expect(slot.value).toBe(retired ? 'user' : 'other-key')
  })

  it('records who laid each layer: the job’s process (the parent of this one), when, the runner and the job', async () => {
    const named = new Ledger(dir, {env: {RUNNER_NAME: 'runner-7', GITHUB_RUN_ID: '99', GITHUB_JOB: 'push', GITHUB_RUN_ATTEMPT: '2'}})
    await named.push('r.example', 'run-a', memorySlot(undefined), 'login-a')
    const layer = (JSON.parse(ledgerText() as string) as {slots: Record<string, {layers: {live: Record<string, unknown>}[]}>}).slots['r.example'].layers[0]
    expect(layer.live).toMatchObject({process: {host: os.hostname(), pid: process.ppid}, at: expect.any(Number), runner: 'runner-7', job: '99/push/2'})
  })
})
