import {createHash} from 'node:crypto'
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
      await expect(ledger.push('r.example', 'run-b', sticky, 'login-b')).rejects.toThrow(
        'another program replaced it at the same moment (one that does not take our lock)'
      )
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

    it("keeps a value equal to ours when ours replaced a login: it may be that login, put back by an earlier post", async () => {
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

  const cases = [...orders(['A', 'B']), ...orders(['A', 'B', 'C'])].flatMap(steps =>
    [undefined, 'user'].map(base => ({order: show(steps), steps, base}))
  )

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

  it.each(orders(['A', 'B', 'C']).map(steps => ({order: show(steps), steps})))(
    'with the same login for every run: $order',
    async ({steps}) => {
      const slot = memorySlot('user')
      let live = 0
      for (const {run, push} of steps) {
        if (push) await ledger.push('r.example', run, slot, 'same')
        else await ledger.pop('r.example', run, slot, digest('same'))
        live += push ? 1 : -1
        expect(slot.value).toBe(live ? 'same' : 'user')
      }
      expect(ledgerText()).toBeUndefined()
    }
  )
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
  ])('(%s) is refused with a message naming it, and left as it is', async (_, text) => {
    fs.writeFileSync(ledgerFile, text)
    const slot = memorySlot('user')
    const message = `${ledgerFile} is not a ledger this version of the action can read; delete it if no job is running`
    await expect(ledger.push('r.example', 'run-a', slot, 'login-a')).rejects.toThrow(message)
    await expect(ledger.pop('r.example', 'run-a', slot, digest('login-a'))).rejects.toThrow(message)
    expect(() => ledger.holds('run-a')).toThrow(message)
    expect(slot.value).toBe('user')
    expect(fs.readFileSync(ledgerFile, 'utf8')).toBe(text)
  })

  it('that cannot be read is passed on as it is', async () => {
    fs.mkdirSync(ledgerFile)
    await expect(ledger.push('r.example', 'run-a', memorySlot(undefined), 'login-a')).rejects.toThrow('EISDIR')
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
    const patient = new Ledger(dir, {waitMs: 20})
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
    compileModules(dir, ['lock', 'write-file', 'ledger'])
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
