import {runCommand, type CommandResult} from '../../src/command.js'

const env = {PATH: process.env.PATH ?? '/usr/bin:/bin'}
const node = process.execPath
const sh = (script: string, options: {input?: string; timeoutMs?: number} = {}): Promise<CommandResult> =>
  runCommand('sh', ['-c', script], {env, timeoutMs: 10_000, ...options})

/** Runs `action` and how long it took, in ms. */
async function timed<T>(action: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now()
  const result = await action()
  return [result, Date.now() - started]
}

describe('runCommand', () => {
  it.each<[string, string, Partial<CommandResult>]>([
    ['success', 'echo out', {exitCode: 0, stdout: 'out\n', stderr: ''}],
    ['a failure with both streams', 'echo out; echo err >&2; exit 3', {exitCode: 3, stdout: 'out\n', stderr: 'err\n'}],
    ['exit code 255', 'exit 255', {exitCode: 255, stdout: '', stderr: ''}],
    ['text across many writes', 'for i in 1 2 3; do printf "$i"; done', {exitCode: 0, stdout: '123'}],
    ['UTF-8 text', 'printf "\\303\\251t\\303\\251"', {exitCode: 0, stdout: 'été'}]
  ])('reports %s: exit code and output, not timed out', async (_, script, expected) => {
    await expect(sh(script)).resolves.toEqual(expect.objectContaining({...expected, timedOut: false}))
  })

  it('reports a program ended by a signal (not the deadline) with a null exit code', async () => {
    await expect(sh('kill -9 $$')).resolves.toEqual({exitCode: null, stdout: '', stderr: '', timedOut: false})
  })

  it("passes the input on the program's stdin, then closes it", async () => {
    const result = await runCommand('cat', [], {env, input: 'p4ss\nword', timeoutMs: 10_000})
    expect(result).toEqual({exitCode: 0, stdout: 'p4ss\nword', stderr: '', timedOut: false})
  })

  it('closes stdin at once when there is no input (a program reading it does not wait)', async () => {
    const [result, ms] = await timed(() => runCommand('cat', [], {env, timeoutMs: 10_000}))
    expect(result).toEqual({exitCode: 0, stdout: '', stderr: '', timedOut: false})
    expect(ms).toBeLessThan(5000)
  })

  it('gives the program only the environment it is given', async () => {
    const result = await runCommand('sh', ['-c', 'echo "$ONLY:${HOME:-unset}"'], {env: {...env, ONLY: 'this'}, timeoutMs: 10_000})
    expect(result.stdout).toBe('this:unset\n')
  })

  it('passes arguments as they are, with no shell between', async () => {
    const result = await runCommand(node, ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', '$HOME', 'a b', ';', ''], {env, timeoutMs: 10_000})
    expect(JSON.parse(result.stdout)).toEqual(['$HOME', 'a b', ';', ''])
  })

  it('does not fail when the program exits without reading a large input', async () => {
    const result = await runCommand('true', [], {env, input: 'x'.repeat(4 * 1024 * 1024), timeoutMs: 10_000})
    expect(result).toEqual({exitCode: 0, stdout: '', stderr: '', timedOut: false})
  })

  it('rejects, naming the program, when it does not exist', async () => {
    await expect(runCommand('no-such-program-here', [], {env, timeoutMs: 10_000})).rejects.toThrow('spawn no-such-program-here ENOENT')
  })

  describe('the deadline', () => {
    it('stops a program that runs too long, with SIGTERM, and says it timed out', async () => {
      const [result, ms] = await timed(() => sh('echo started; exec sleep 30', {timeoutMs: 300}))
      expect(result).toEqual({exitCode: null, stdout: 'started\n', stderr: '', timedOut: true})
      expect(ms).toBeGreaterThanOrEqual(300)
      expect(ms).toBeLessThan(1500)
    })

    it('kills a program that ignores SIGTERM, after a grace of about 2 s', async () => {
      const stubborn = "process.on('SIGTERM', () => console.log('ignored')); console.log('ready'); setInterval(() => undefined, 1000)"
      const [result, ms] = await timed(() => runCommand(node, ['-e', stubborn], {env, timeoutMs: 500}))
      expect(result).toEqual({exitCode: null, stdout: 'ready\nignored\n', stderr: '', timedOut: true})
      expect(ms).toBeGreaterThanOrEqual(2500)
      expect(ms).toBeLessThan(4500)
    })

    it('holds when the program leaves a child behind that keeps its output open', async () => {
      // A credential helper that starts a daemon, say: the program has ended, but its output pipe stays open.
      const [result, ms] = await timed(() => sh('sleep 8 & echo started', {timeoutMs: 500}))
      expect(result.stdout).toBe('started\n')
      expect(ms).toBeLessThan(3000)
    })

    it('does not fire for a program that finishes in time', async () => {
      await expect(sh('sleep 0.1; exit 5', {timeoutMs: 2000})).resolves.toEqual({exitCode: 5, stdout: '', stderr: '', timedOut: false})
    })
  })

  describe('output', () => {
    const flood = (stream: 'stdout' | 'stderr'): string => `const chunk = 'y'.repeat(64 * 1024); for (let i = 0; i < 64; i++) process.${stream}.write(chunk)`

    it.each(['stdout', 'stderr'] as const)('on %s is cut at 256 KiB, and the program still runs to its end', async stream => {
      const result = await runCommand(node, ['-e', `${flood(stream)}; process.exitCode = 4`], {env, timeoutMs: 10_000})
      expect(result[stream]).toBe('y'.repeat(256 * 1024))
      expect(result.exitCode).toBe(4)
    })
  })
})
