import {jest} from '@jest/globals'
import {backoffDelay, DEFAULT_RETRY, retry, type RetryPolicy} from '../../src/retry.js'

class Transient extends Error {}
class Permanent extends Error {}
const isTransient = (error: unknown): boolean => error instanceof Transient

const POLICY: RetryPolicy = {attempts: 4, baseDelayMs: 100, maxDelayMs: 250}

/** A task that fails with the given errors in turn, then returns 'ok'; it records the attempt numbers it got. */
function scripted(errors: Error[]): {task: (attempt: number) => Promise<string>; attempts: number[]} {
  const attempts: number[] = []
  return {
    attempts,
    task: async attempt => {
      attempts.push(attempt)
      const error = errors[attempts.length - 1]
      if (error) throw error
      return 'ok'
    }
  }
}

function recorder(): {sleeps: number[]; sleep: (ms: number) => Promise<void>} {
  const sleeps: number[] = []
  return {sleeps, sleep: async ms => void sleeps.push(ms)}
}

describe('DEFAULT_RETRY', () => {
  it('is three tries, 1 s doubling, capped at 8 s', () => {
    expect(DEFAULT_RETRY).toEqual({attempts: 3, baseDelayMs: 1000, maxDelayMs: 8000})
  })
})

describe('backoffDelay', () => {
  const policy: RetryPolicy = {attempts: 10, baseDelayMs: 1000, maxDelayMs: 8000}

  it.each([
    // attempt, with random() = 0 (half the exponential step), with random() = 1 (all of it)
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [4, 4000, 8000],
    [5, 4000, 8000],
    [9, 4000, 8000]
  ])('attempt %i: %i … %i ms', (attempt, low, high) => {
    expect(backoffDelay(policy, attempt, () => 0)).toBe(low)
    expect(backoffDelay(policy, attempt, () => 1)).toBe(high)
  })

  it('is in between for random() = 0.5, rounded to whole ms', () => {
    expect(backoffDelay(policy, 1, () => 0.5)).toBe(750)
    expect(backoffDelay({attempts: 3, baseDelayMs: 3, maxDelayMs: 100}, 1, () => 0.5)).toBe(2) // 1.5 + 0.75 = 2.25
  })

  it('never exceeds maxDelayMs', () => {
    for (let attempt = 1; attempt <= 30; attempt++) {
      expect(backoffDelay({attempts: 30, baseDelayMs: 1000, maxDelayMs: 3000}, attempt, () => 1)).toBeLessThanOrEqual(3000)
    }
  })

  it('uses Math.random by default, within the bounds', () => {
    for (let i = 0; i < 20; i++) {
      const delay = backoffDelay(policy, 2)
      expect(delay).toBeGreaterThanOrEqual(1000)
      expect(delay).toBeLessThanOrEqual(2000)
    }
  })
})

describe('retry', () => {
  it('returns the first success without waiting', async () => {
    const {task, attempts} = scripted([])
    const {sleeps, sleep} = recorder()
    await expect(retry(task, isTransient, POLICY, {sleep})).resolves.toBe('ok')
    expect(attempts).toEqual([1])
    expect(sleeps).toEqual([])
  })

  it('retries transient failures until one succeeds, passing the attempt number', async () => {
    const {task, attempts} = scripted([new Transient('a'), new Transient('b')])
    const {sleeps, sleep} = recorder()
    await expect(retry(task, isTransient, POLICY, {sleep, random: () => 0})).resolves.toBe('ok')
    expect(attempts).toEqual([1, 2, 3])
    expect(sleeps).toEqual([50, 100])
  })

  it('does not retry a permanent failure', async () => {
    const permanent = new Permanent('wrong password')
    const {task, attempts} = scripted([permanent])
    const {sleeps, sleep} = recorder()
    await expect(retry(task, isTransient, POLICY, {sleep})).rejects.toBe(permanent)
    expect(attempts).toEqual([1])
    expect(sleeps).toEqual([])
  })

  it('stops at a permanent failure after transient ones, and throws that one', async () => {
    const permanent = new Permanent('blocked')
    const {task, attempts} = scripted([new Transient('t'), permanent, new Transient('never reached')])
    const {sleep} = recorder()
    await expect(retry(task, isTransient, POLICY, {sleep})).rejects.toBe(permanent)
    expect(attempts).toEqual([1, 2])
  })

  it('gives up after `attempts` tries in all and throws the last error', async () => {
    const errors = [new Transient('1'), new Transient('2'), new Transient('3'), new Transient('4'), new Transient('5')]
    const {task, attempts} = scripted(errors)
    const {sleeps, sleep} = recorder()
    await expect(retry(task, isTransient, POLICY, {sleep, random: () => 1})).rejects.toBe(errors[3])
    expect(attempts).toEqual([1, 2, 3, 4])
    // 100, 200, then 400 capped at 250
    expect(sleeps).toEqual([100, 200, 250])
  })

  it.each([1, 0])('attempts: %i means a single try', async attemptsAllowed => {
    const error = new Transient('x')
    const {task, attempts} = scripted([error])
    const {sleeps, sleep} = recorder()
    await expect(retry(task, isTransient, {...POLICY, attempts: attemptsAllowed}, {sleep})).rejects.toBe(error)
    expect(attempts).toEqual([1])
    expect(sleeps).toEqual([])
  })

  it('calls onRetry before each wait with the attempt, the delay and the error', async () => {
    const errors = [new Transient('first'), new Transient('second')]
    const {task} = scripted(errors)
    const events: string[] = []
    const calls: [number, number, unknown][] = []
    await retry(task, isTransient, POLICY, {
      random: () => 0,
      sleep: async ms => void events.push(`sleep ${ms}`),
      onRetry: (attempt, delay, error) => {
        calls.push([attempt, delay, error])
        events.push(`retry ${attempt}`)
      }
    })
    expect(calls).toEqual([
      [1, 50, errors[0]],
      [2, 100, errors[1]]
    ])
    expect(events).toEqual(['retry 1', 'sleep 50', 'retry 2', 'sleep 100'])
  })

  it('does not call onRetry for the failure it gives up on', async () => {
    const {task} = scripted([new Transient('1'), new Transient('2'), new Transient('3')])
    const onRetry = jest.fn()
    await expect(retry(task, isTransient, {...POLICY, attempts: 2}, {sleep: async () => undefined, onRetry})).rejects.toThrow('2')
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('asks isTransient about each error it got', async () => {
    const errors = [new Transient('1'), new Transient('2')]
    const {task} = scripted(errors)
    const seen: unknown[] = []
    await retry(task, e => (seen.push(e), true), POLICY, {sleep: async () => undefined})
    expect(seen).toEqual(errors)
  })

  it('waits for real, with setTimeout, when no sleep is given', async () => {
    const {task, attempts} = scripted([new Transient('a')])
    const started = Date.now()
    await expect(retry(task, isTransient, {attempts: 2, baseDelayMs: 40, maxDelayMs: 40}, {random: () => 1})).resolves.toBe('ok')
    expect(attempts).toEqual([1, 2])
    // setTimeout may fire a millisecond early by Date.now()'s reckoning.
    expect(Date.now() - started).toBeGreaterThanOrEqual(38)
  })

  it('retries non-Error rejections when the predicate says so', async () => {
    let n = 0
    const task = async (): Promise<number> => {
      n++
      if (n < 3) throw 'busy'
      return n
    }
    await expect(retry(task, e => e === 'busy', POLICY, {sleep: async () => undefined})).resolves.toBe(3)
  })
})

describe('minDelay (a wait the failure asks for)', () => {
  const policy = {attempts: 3, baseDelayMs: 100, maxDelayMs: 1000}
  it.each([
    ['longer than the backoff: honoured', 700, 700],
    ['shorter than the backoff: the backoff wins', 10, 100],
    ['longer than the cap: capped', 60_000, 1000],
    ['none asked', undefined, 100]
  ])('%s', async (_name, asked, expected) => {
    const waits: number[] = []
    let tries = 0
    await retry(
      async () => {
        if (++tries < 2) throw new Error('busy')
        return 'ok'
      },
      () => true,
      policy,
      {sleep: async ms => void waits.push(ms), random: () => 1, minDelay: () => asked}
    )
    expect(waits).toEqual([expected])
  })
})

describe('a deadline for all the tries together', () => {
  const policy: RetryPolicy = {attempts: 10, baseDelayMs: 1000, maxDelayMs: 1000}

  /** A clock that moves only when retry sleeps, and a task that costs `tryMs` of it each time and always fails. */
  function timed(
    tryMs: number,
    error: () => Error = () => new Transient('t')
  ): {
    task: (attempt: number) => Promise<string>
    attempts: number[]
    sleeps: number[]
    hooks: {now: () => number; sleep: (ms: number) => Promise<void>; random: () => number}
  } {
    let clock = 0
    const attempts: number[] = []
    const sleeps: number[] = []
    return {
      attempts,
      sleeps,
      task: async attempt => {
        attempts.push(attempt)
        clock += tryMs
        throw error()
      },
      hooks: {now: () => clock, sleep: async ms => void (sleeps.push(ms), (clock += ms)), random: () => 1}
    }
  }

  it('begins no wait that would leave less than minTryMs before the deadline', async () => {
    // Each try costs 500 and each wait 1000: tries start at 0, 1500, 3000; after the third, 3500 + 1000 leaves 1500 < 2000.
    const {task, attempts, sleeps, hooks} = timed(500)
    await expect(retry(task, isTransient, policy, {...hooks, deadline: 6000, minTryMs: 2000})).rejects.toThrow('t')
    expect(attempts).toEqual([1, 2, 3])
    expect(sleeps).toEqual([1000, 1000])
  })

  it('without minTryMs, waits as long as the wait itself ends before the deadline', async () => {
    const {task, attempts, hooks} = timed(500)
    await expect(retry(task, isTransient, policy, {...hooks, deadline: 4500})).rejects.toThrow('t')
    // After try 3 the clock is 3500: a 1000 wait ends at 4500, not past it, so try 4 runs.
    expect(attempts).toEqual([1, 2, 3, 4])
  })

  it('makes minTries tries even when the deadline has passed, then stops at once', async () => {
    const {task, attempts, sleeps, hooks} = timed(5000)
    await expect(retry(task, isTransient, policy, {...hooks, deadline: 1000, minTryMs: 100, minTries: 3})).rejects.toThrow('t')
    expect(attempts).toEqual([1, 2, 3])
    // No wait after the last try.
    expect(sleeps).toEqual([1000, 1000])
  })

  it('makes one try when the deadline has passed before it, and does not wait after it', async () => {
    const {task, attempts, sleeps, hooks} = timed(0)
    await expect(retry(task, isTransient, policy, {...hooks, now: () => 10_000, deadline: 0})).rejects.toThrow('t')
    expect(attempts).toEqual([1])
    expect(sleeps).toEqual([])
  })

  it('never makes more tries than the policy allows, minTries or not', async () => {
    const {task, attempts, sleeps, hooks} = timed(0)
    await expect(retry(task, isTransient, {...policy, attempts: 2}, {...hooks, deadline: 1e9, minTries: 5})).rejects.toThrow('t')
    expect(attempts).toEqual([1, 2])
    expect(sleeps).toEqual([1000])
  })

  it('stops at once at an error that is not transient, with time and minTries left', async () => {
    const permanent = new Permanent('denied')
    const {task, attempts, sleeps, hooks} = timed(0, () => permanent)
    await expect(retry(task, isTransient, policy, {...hooks, deadline: 1e9, minTries: 5})).rejects.toBe(permanent)
    expect(attempts).toEqual([1])
    expect(sleeps).toEqual([])
  })

  it('counts the wait the failure asks for (minDelay) against the deadline', async () => {
    const {task, attempts, hooks} = timed(0)
    const capped: RetryPolicy = {attempts: 10, baseDelayMs: 100, maxDelayMs: 5000}
    await expect(retry(task, isTransient, capped, {...hooks, minDelay: () => 5000, deadline: 9000})).rejects.toThrow('t')
    // 0 + 5000 ≤ 9000: a second try at 5000; 5000 + 5000 > 9000: no third.
    expect(attempts).toEqual([1, 2])
  })

  it('does not call onRetry for a try the deadline leaves out', async () => {
    const {task, hooks} = timed(0)
    const onRetry = jest.fn()
    await expect(retry(task, isTransient, policy, {...hooks, onRetry, deadline: 500})).rejects.toThrow('t')
    expect(onRetry).not.toHaveBeenCalled()
  })
})
