import {jest} from '@jest/globals'
import {spawn, spawnSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {withLock} from '../../src/lock.js'
import {compileModules, runTogether} from '../support/child-processes.js'

let dir: string
let lockFile: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-test-'))
  lockFile = path.join(dir, 'place.lock')
})
afterEach(() => {
  jest.restoreAllMocks()
  fs.rmSync(dir, {recursive: true, force: true})
})

interface Holder {
  pid: number
  host: string
  since: number
  token: string
}

const holderIn = (file: string): Holder => JSON.parse(fs.readFileSync(file, 'utf8')) as Holder
const plant = (file: string, holder: Partial<Holder>): void => fs.writeFileSync(file, JSON.stringify(holder))
const ageBy = (file: string, ms: number): void => {
  const then = new Date(Date.now() - ms)
  fs.utimesSync(file, then, then)
}

/** The pid of a process that has ended. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'})
    child.on('error', reject)
    child.on('close', () => resolve(child.pid as number))
  })
}

const noWait = {waitMs: 0, sleep: async () => undefined}

function spawnSyncOk(file: string, args: string[]): void {
  const r = spawnSync(file, args)
  if (r.status !== 0) throw new Error(`${file} failed`)
}

describe('withLock', () => {
  it('holds a 0600 lock file naming this process while the task runs, and removes it afterwards', async () => {
    const seen = await withLock(lockFile, () => ({holder: holderIn(lockFile), mode: fs.statSync(lockFile).mode & 0o777}))
    expect(seen.holder).toMatchObject({pid: process.pid, host: os.hostname(), since: expect.any(Number), token: expect.stringMatching(/^[0-9a-f]{16}$/)})
    // On Linux the holder is named by its start time and boot too, so that a reused pid is not taken for it.
    if (process.platform === 'linux') expect(seen.holder).toMatchObject({start: expect.stringMatching(/^\d+$/), boot: expect.any(String)})
    expect(seen.mode).toBe(0o600)
    expect(fs.existsSync(lockFile)).toBe(false)
  })

  it("returns the task's result, awaited", async () => {
    await expect(withLock(lockFile, async () => 42)).resolves.toBe(42)
  })

  it('releases the lock when the task throws, and passes the error on', async () => {
    await expect(
      withLock(lockFile, () => {
        throw new Error('task failed')
      })
    ).rejects.toThrow('task failed')
    expect(fs.existsSync(lockFile)).toBe(false)
    await expect(withLock(lockFile, () => 'again', noWait)).resolves.toBe('again')
  })

  it('releases the lock when an async task rejects', async () => {
    await expect(withLock(lockFile, async () => Promise.reject(new Error('later')))).rejects.toThrow('later')
    expect(fs.existsSync(lockFile)).toBe(false)
  })

  it('makes a second caller wait until the first has finished', async () => {
    const events: string[] = []
    let release = (): void => undefined
    const first = withLock(lockFile, async () => {
      events.push('first in')
      await new Promise<void>(resolve => (release = resolve))
      events.push('first out')
    })
    const second = withLock(lockFile, () => events.push('second in'))
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(events).toEqual(['first in'])
    release()
    await Promise.all([first, second])
    expect(events).toEqual(['first in', 'first out', 'second in'])
  })

  it('waits in short, growing steps of at most 200 ms', async () => {
    plant(lockFile, {pid: process.pid, host: os.hostname(), since: Date.now(), token: 'other'})
    const waits: number[] = []
    const sleep = async (ms: number): Promise<void> => {
      waits.push(ms)
      if (waits.length === 10) fs.rmSync(lockFile)
    }
    await expect(withLock(lockFile, () => 'in', {sleep})).resolves.toBe('in')
    expect(waits).toHaveLength(10)
    expect(Math.max(...waits)).toBeLessThanOrEqual(200)
    expect(waits[0]).toBeLessThanOrEqual(5)
    expect(waits[9]).toBeGreaterThanOrEqual(80)
  })

  it('passes on a failure to create the lock file other than its existence', async () => {
    const missing = path.join(dir, 'no', 'such', 'dir', 'x.lock')
    await expect(withLock(missing, () => 'never')).rejects.toThrow(missing)
  })

  describe('a lock left behind', () => {
    it('is taken over at once when its holder on this machine has died', async () => {
      plant(lockFile, {pid: await deadPid(), host: os.hostname(), since: Date.now(), token: 'dead'})
      await expect(withLock(lockFile, () => holderIn(lockFile).pid, noWait)).resolves.toBe(process.pid)
      expect(fs.existsSync(lockFile)).toBe(false)
    })

    it('is taken over when held longer than staleMs, even by a live process', async () => {
      plant(lockFile, {pid: process.pid, host: os.hostname(), since: Date.now() - 5000, token: 'old'})
      await expect(withLock(lockFile, () => holderIn(lockFile).token, {...noWait, staleMs: 1000})).resolves.not.toBe('old')
    })

    it.each([
      ['a live process on this machine', async () => ({pid: process.pid, host: os.hostname()})],
      // pid 1 exists; an unprivileged caller gets EPERM for it, which still means alive.
      ['process 1 (another user, for an unprivileged caller)', async () => ({pid: 1, host: os.hostname()})],
      // A pid on another machine (a shared file system) cannot be checked: only age counts.
      ['a dead pid on another host', async () => ({pid: await deadPid(), host: 'elsewhere.example'})]
    ])('is not taken over while fresh, when held by %s', async (_, who) => {
      plant(lockFile, {...(await who()), since: Date.now(), token: 'theirs'})
      await expect(withLock(lockFile, () => 'in', {...noWait, staleMs: 60_000})).rejects.toThrow('held the lock')
      expect(holderIn(lockFile).token).toBe('theirs')
    })

    it.each([
      ['empty (its holder died before writing)', ''],
      ['not JSON', 'garbage'],
      ['JSON without a holder', '{"pid":"x"}']
    ])('is judged by its age when it is %s', async (_, text) => {
      fs.writeFileSync(lockFile, text)
      await expect(withLock(lockFile, () => 'in', {...noWait, staleMs: 1000})).rejects.toThrow('held the lock')
      ageBy(lockFile, 5000)
      await expect(withLock(lockFile, () => 'in', {...noWait, staleMs: 1000})).resolves.toBe('in')
    })

    it('is not removed over a live lock that another waiter put in its place after this one found it stale', async () => {
      // Two waiters find one dead holder's lock: the first removes it and takes the lock; the second, which looked
      // before that, must not then remove the first one's live lock. The second waiter's look at the dead pid is where
      // the first one is let in.
      const dead = await deadPid()
      plant(lockFile, {pid: dead, host: os.hostname(), since: Date.now(), token: 'dead'})
      const kill = process.kill.bind(process)
      let overtaken = false
      jest.spyOn(process, 'kill').mockImplementation((pid: number, signal?: string | number) => {
        if (pid === dead && !overtaken) {
          overtaken = true
          fs.rmSync(lockFile)
          plant(lockFile, {pid: process.pid, host: os.hostname(), since: Date.now(), token: 'first'})
        }
        return kill(pid, signal)
      })
      await expect(withLock(lockFile, () => 'both hold it', {...noWait, waitMs: 50})).rejects.toThrow('held the lock')
      expect(overtaken).toBe(true)
      expect(holderIn(lockFile).token).toBe('first')
    })
  })

  describe('a lock whose holder cannot be, judged at once rather than waited on', () => {
    const wait = {waitMs: 60_000, staleMs: 60_000}
    const quickly = async (run: () => Promise<unknown>): Promise<void> => {
      const started = Date.now()
      await run()
      expect(Date.now() - started).toBeLessThan(5_000)
    }

    it("is taken over when its holder's start time is in the future, even a live process's", async () => {
      plant(lockFile, {pid: process.pid, host: os.hostname(), since: Date.now() + 3_600_000, token: 'future'})
      await quickly(() => expect(withLock(lockFile, () => holderIn(lockFile).token, wait)).resolves.not.toBe('future'))
    })

    it.each([
      ['empty (a full disk)', ''],
      ['not JSON', 'garbage'],
      ['larger than any lock', 'x'.repeat(10_000)]
    ])('is taken over when it is %s and more than a moment old', async (_, text) => {
      fs.writeFileSync(lockFile, text)
      ageBy(lockFile, 3_000)
      await quickly(() => expect(withLock(lockFile, () => 'in', wait)).resolves.toBe('in'))
    })

    it('is taken over when a live pid is another process than the holder (the same pid, another start time)', async () => {
      if (process.platform !== 'linux') return
      plant(lockFile, {
        pid: process.pid,
        host: os.hostname(),
        since: Date.now(),
        token: 'reused',
        start: '1',
        boot: fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
      } as Holder)
      await quickly(() => expect(withLock(lockFile, () => 'in', wait)).resolves.toBe('in'))
    })

    it.each([
      ['an empty directory', () => fs.mkdirSync(lockFile)],
      ['a FIFO (which a read would block on)', () => spawnSyncOk('mkfifo', [lockFile])],
      ['a symbolic link (never followed: what it points to stays)', () => fs.symlinkSync(path.join(dir, 'target'), lockFile)]
    ])('is removed as an entry and taken over when it is %s', async (_, make) => {
      fs.writeFileSync(path.join(dir, 'target'), 'keep me')
      make()
      await quickly(() => expect(withLock(lockFile, () => 'in', wait)).resolves.toBe('in'))
      expect(fs.readFileSync(path.join(dir, 'target'), 'utf8')).toBe('keep me')
      expect(fs.existsSync(lockFile)).toBe(false)
    })
  })

  describe('a shared deadline', () => {
    it('ends the wait at the deadline, however long waitMs is', async () => {
      plant(lockFile, {pid: process.pid, host: os.hostname(), since: Date.now(), token: 'theirs'})
      const started = Date.now()
      await expect(withLock(lockFile, () => 'in', {waitMs: 60_000, deadline: {at: Date.now() + 300}})).rejects.toThrow('held the lock')
      expect(Date.now() - started).toBeLessThan(2_000)
    })
  })

  describe('taking over a stale lock', () => {
    const guardOf = (file: string): string => `${file}.takeover`

    it('waits, rather than spinning, while another waiter is taking it over', async () => {
      plant(lockFile, {pid: await deadPid(), host: os.hostname(), since: Date.now(), token: 'dead'})
      plant(guardOf(lockFile), {pid: process.pid, host: os.hostname(), since: Date.now(), token: 'other waiter'})
      const sleep = jest.fn((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)))
      await expect(withLock(lockFile, () => 'in', {waitMs: 50, sleep})).rejects.toThrow('held the lock')
      expect(sleep).toHaveBeenCalled()
      expect(fs.existsSync(guardOf(lockFile))).toBe(true)
    })

    it('clears a takeover left by a waiter that died, then takes the stale lock over', async () => {
      plant(lockFile, {pid: await deadPid(), host: os.hostname(), since: Date.now(), token: 'dead'})
      plant(guardOf(lockFile), {pid: await deadPid(), host: os.hostname(), since: Date.now(), token: 'dead waiter'})
      await expect(withLock(lockFile, () => 'in', {waitMs: 1000})).resolves.toBe('in')
      expect(fs.readdirSync(dir)).toEqual([])
    })

    it('refuses at once, naming the path and what is wrong, what cannot be removed: a directory that holds files', async () => {
      fs.mkdirSync(path.join(lockFile, 'inside'), {recursive: true})
      const started = Date.now()
      await expect(withLock(lockFile, () => 'in', {waitMs: 60_000})).rejects.toThrow(
        `${lockFile} is not a lock this action can take over: it is a directory, not a regular file, and it cannot be removed. ` +
          'Remove it if no job is running on this machine, then run the job again.'
      )
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(fs.readdirSync(lockFile)).toEqual(['inside'])
    })
  })

  describe('a holder whose lock was taken over', () => {
    it("does not remove the new holder's lock when it finishes", async () => {
      let release = (): void => undefined
      const first = withLock(lockFile, () => new Promise<void>(resolve => (release = resolve)))
      // The second waiter thinks the first has held it too long.
      let secondDone = (): void => undefined
      let tokenOfSecond = ''
      const second = withLock(
        lockFile,
        async () => {
          tokenOfSecond = holderIn(lockFile).token
          release()
          await first
          await new Promise<void>(resolve => (secondDone = resolve))
        },
        {staleMs: -1}
      )
      await first
      await new Promise(resolve => setTimeout(resolve, 20))
      expect(holderIn(lockFile).token).toBe(tokenOfSecond)
      secondDone()
      await second
      expect(fs.existsSync(lockFile)).toBe(false)
    })
  })

  describe('waiting too long', () => {
    it('names the lock file, its holder, and what to do', async () => {
      const since = Date.UTC(2020, 0, 2, 3, 4, 5)
      plant(lockFile, {pid: process.pid, host: 'runner-7', since, token: 'theirs'})
      await expect(withLock(lockFile, () => 'in', {...noWait, staleMs: Number.MAX_SAFE_INTEGER})).rejects.toThrow(
        `another process has held the lock ${lockFile} for too long (process ${process.pid} on runner-7, since 2020-01-02T03:04:05.000Z). ` +
          'If no other job is running on this machine, delete that file and run the job again.'
      )
    })

    it('still names the file when the holder cannot be read', async () => {
      fs.writeFileSync(lockFile, '')
      await expect(withLock(lockFile, () => 'in', noWait)).rejects.toThrow(`the lock ${lockFile} for too long. If no other`)
    })

    it('gives up after about waitMs with the real sleep', async () => {
      plant(lockFile, {pid: process.pid, host: os.hostname(), since: Date.now(), token: 'theirs'})
      const started = Date.now()
      await expect(withLock(lockFile, () => 'in', {waitMs: 300})).rejects.toThrow('held the lock')
      expect(Date.now() - started).toBeGreaterThanOrEqual(300)
      expect(Date.now() - started).toBeLessThan(1500)
    })
  })

  describe('between processes', () => {
    // Each copy increments a shared counter, reading it, yielding, then writing it: without the lock, updates are lost.
    // A marker file created with O_EXCL inside the task catches two holders at once directly.
    const script = `
import * as fs from 'node:fs'
import {withLock} from './lock.js'
const [, , index, lockFile, counterFile, rounds, startAt] = process.argv
while (Date.now() < Number(startAt)) {}
for (let i = 0; i < Number(rounds); i++) {
  await withLock(lockFile, async () => {
    fs.writeFileSync(lockFile + '.inside', index, {flag: 'wx'})
    const n = Number(fs.readFileSync(counterFile, 'utf8'))
    await new Promise(resolve => setTimeout(resolve, 1))
    fs.writeFileSync(counterFile, String(n + 1))
    fs.rmSync(lockFile + '.inside')
  }, {waitMs: 60000})
}
`
    let scriptFile: string
    let counterFile: string
    beforeEach(() => {
      compileModules(dir, ['lock', 'process-identity', 'read-file'])
      scriptFile = path.join(dir, 'increment.mjs')
      fs.writeFileSync(scriptFile, script)
      counterFile = path.join(dir, 'counter')
      fs.writeFileSync(counterFile, '0')
    })

    it('lets one process at a time in: no update is lost', async () => {
      await runTogether(6, scriptFile, [lockFile, counterFile, '25', String(Date.now() + 500)])
      expect(fs.readFileSync(counterFile, 'utf8')).toBe('150')
      expect(fs.readdirSync(dir).filter(name => name.startsWith('place.lock'))).toEqual([])
    })

    it('lets one process at a time in when they all find a dead holder at once', async () => {
      for (let round = 0; round < 3; round++) {
        plant(lockFile, {pid: await deadPid(), host: os.hostname(), since: Date.now(), token: 'dead'})
        await runTogether(8, scriptFile, [lockFile, counterFile, '1', String(Date.now() + 500)])
      }
      expect(fs.readFileSync(counterFile, 'utf8')).toBe('24')
    })
  })
})
