import {serialQueue} from '../../src/login.js'

/** A promise with its resolve/reject in hand. */
function deferred<T = void>(): {promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void} {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return {promise, resolve, reject}
}

/** Lets every pending promise callback run. */
const settle = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

describe('serialQueue', () => {
  it('runs tasks one at a time, in call order', async () => {
    const queue = serialQueue()
    const events: string[] = []
    const gates = [deferred(), deferred(), deferred()]
    const results = gates.map((gate, i) =>
      queue(async () => {
        events.push(`start ${i}`)
        await gate.promise
        events.push(`end ${i}`)
        return i * 10
      })
    )
    await settle()
    expect(events).toEqual(['start 0'])

    // Finishing out of order changes nothing: task 2 waits for task 1.
    gates[2].resolve()
    await settle()
    expect(events).toEqual(['start 0'])

    gates[0].resolve()
    await settle()
    expect(events).toEqual(['start 0', 'end 0', 'start 1'])

    gates[1].resolve()
    await expect(Promise.all(results)).resolves.toEqual([0, 10, 20])
    expect(events).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2'])
  })

  it('goes on after a task rejects, and the rejection reaches only its own caller', async () => {
    const queue = serialQueue()
    const events: string[] = []
    const failure = new Error('docker login failed')
    const first = queue(async () => {
      events.push('first')
      throw failure
    })
    const second = queue(async () => {
      events.push('second')
      return 'second ok'
    })
    const third = queue(async () => {
      events.push('third')
      throw 'string rejection'
    })
    const fourth = queue(async () => {
      events.push('fourth')
      return 4
    })

    await expect(first).rejects.toBe(failure)
    await expect(second).resolves.toBe('second ok')
    await expect(third).rejects.toBe('string rejection')
    await expect(fourth).resolves.toBe(4)
    expect(events).toEqual(['first', 'second', 'third', 'fourth'])
  })

  it('does not start the next task while a rejected one is still settling', async () => {
    const queue = serialQueue()
    const events: string[] = []
    const gate = deferred()
    const first = queue(async () => {
      events.push('start 1')
      await gate.promise
      events.push('end 1')
      throw new Error('late failure')
    })
    const second = queue(async () => {
      events.push('start 2')
    })
    await settle()
    expect(events).toEqual(['start 1'])
    gate.resolve()
    await expect(first).rejects.toThrow('late failure')
    await second
    expect(events).toEqual(['start 1', 'end 1', 'start 2'])
  })

  it('a task that throws synchronously is a rejection, not a crash of the queue', async () => {
    const queue = serialQueue()
    const bad = queue((() => {
      throw new Error('sync')
    }) as () => Promise<never>)
    const good = queue(async () => 'after')
    await expect(bad).rejects.toThrow('sync')
    await expect(good).resolves.toBe('after')
  })

  it('separate queues do not wait for each other', async () => {
    const a = serialQueue()
    const b = serialQueue()
    const gate = deferred()
    const events: string[] = []
    const blocked = a(async () => {
      await gate.promise
      events.push('a')
    })
    await b(async () => void events.push('b'))
    expect(events).toEqual(['b'])
    gate.resolve()
    await blocked
    expect(events).toEqual(['b', 'a'])
  })
})
