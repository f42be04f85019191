import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type {LoginCredential} from '../../../../src/credential.js'
import {proveWithCli, type CliLogin} from '../../../../src/engines/shared/cli-login.js'
import type {CliFailure} from '../../../../src/engines/shared/cli-failures.js'
import {EngineFailure} from '../../../../src/failure.js'

// The helper with a stand-in tool: a Node script that does what `FAKE_PLAN` (one line per try) says, reads the
// password from stdin and writes what it got into the private directory, as a tool's login writes its config there.

const CREDENTIAL: LoginCredential = {
  registry: {scheme: 'https', host: 'registry.example.com'},
  username: 'cn-north-4@AKEXAMPLE',
  password: 'the-login-password-0123456789'
}

const TOOL = `
const fs = require('node:fs')
const path = require('node:path')
const [dir] = process.argv.slice(2)
const count = path.join(dir, 'tries')
const tries = (fs.existsSync(count) ? Number(fs.readFileSync(count, 'utf8')) : 0) + 1
fs.writeFileSync(count, String(tries))
const step = (process.env.FAKE_PLAN ?? 'ok').split(',')[tries - 1] ?? 'ok'
let input = ''
process.stdin.on('data', chunk => (input += chunk))
process.stdin.on('end', () => {
  fs.writeFileSync(path.join(dir, 'stdin'), input)
  fs.writeFileSync(path.join(dir, 'argv'), JSON.stringify(process.argv.slice(2)))
  if (step === 'hang') return setInterval(() => undefined, 1000)
  if (step === 'ok') return process.exit(0)
  process.stderr.write(step === 'echo' ? 'Error: rejected ' + input + ' ' + 'x'.repeat(400) : 'Error: ' + step)
  process.exit(1)
})
`

let root: string
let tempDir: string
let script: string
let logs: string[]

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-cli-login-'))
  tempDir = path.join(root, 'runner-temp')
  script = path.join(root, 'tool.cjs')
  fs.writeFileSync(script, TOOL)
  logs = []
})
afterEach(() => fs.rmSync(root, {recursive: true, force: true}))

const context = (attempts = 3): Parameters<typeof proveWithCli>[0] => ({
  places: {hostsDir: path.join(root, 'certs.d'), dockerConfig: path.join(root, 'docker'), authFile: path.join(root, 'auth.json'), tempDir},
  log: line => void logs.push(line),
  retryPolicy: {attempts, baseDelayMs: 1, maxDelayMs: 1}
})

/** What the stand-in's stderr means: "busy" is transient, anything else is not. */
function explain(stderr: string, exitCode: number): CliFailure {
  const detail = stderr.replace(/^Error: /, '') || `exit ${exitCode}`
  return /busy/.test(stderr)
    ? {kind: 'other', statement: 'The registry was busy, over several tries.', detail, transient: true}
    : {kind: 'unauthorized', statement: 'The registry rejected the credentials.', detail, transient: false}
}

/** The stand-in, following `plan`; `seen` gets the private directory's contents just before it is removed. */
function cli(plan: string, seen: {dir?: string; stdin?: string; argv?: string[]} = {}, more: Partial<CliLogin<string>> = {}): CliLogin<string> {
  return {
    engine: 'podman',
    tool: 'faketool',
    bin: process.execPath,
    loginMs: 20_000,
    setUp: dir => {
      seen.dir = dir
      return {args: [script, dir], env: {PATH: process.env.PATH ?? '', FAKE_PLAN: plan}}
    },
    explain,
    timedOut: seconds => ({kind: 'other', statement: `Not done within ${seconds} s.`, detail: `stopped after ${seconds} s`, transient: false}),
    result: dir => {
      seen.stdin = fs.readFileSync(path.join(dir, 'stdin'), 'utf8')
      seen.argv = JSON.parse(fs.readFileSync(path.join(dir, 'argv'), 'utf8')) as string[]
      return fs.readFileSync(path.join(dir, 'tries'), 'utf8')
    },
    ...more
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error
  )
}

describe('proveWithCli: one way to prove a login with a registry tool', () => {
  it('runs the tool in a private directory named for the engine, hands it the password on stdin only, and returns what the engine reads there', async () => {
    const seen: {dir?: string; stdin?: string; argv?: string[]} = {}
    await expect(proveWithCli(context(), CREDENTIAL, cli('ok', seen))).resolves.toBe('1')
    expect(path.dirname(seen.dir ?? '')).toBe(tempDir)
    expect(path.basename(seen.dir ?? '')).toMatch(/^cloud-registry-login-podman-/)
    expect(seen.stdin).toBe(CREDENTIAL.password)
    expect(seen.argv?.join(' ')).not.toContain(CREDENTIAL.password)
    expect(logs).toEqual([])
  })

  it('removes the private directory, after success and after failure', async () => {
    await proveWithCli(context(), CREDENTIAL, cli('ok'))
    await rejection(proveWithCli(context(), CREDENTIAL, cli('denied')))
    expect(fs.readdirSync(tempDir)).toEqual([])
  })

  it("tries a transient failure again, telling the log that try's own reason", async () => {
    await expect(proveWithCli(context(), CREDENTIAL, cli('busy now,ok'))).resolves.toBe('2')
    expect(logs).toEqual(['registry.example.com: faketool login try 1 failed (faketool: busy now); trying again in 0.0 s'])
  })

  it("gives up after the policy's tries with the last failure, its kind and its statement", async () => {
    const error = await rejection(proveWithCli(context(2), CREDENTIAL, cli('busy 1,busy 2,ok')))
    expect(error).toBeInstanceOf(EngineFailure)
    expect(error).toMatchObject({kind: 'other', statement: 'The registry was busy, over several tries.', detail: 'faketool: busy 2', transient: true})
    expect(logs).toHaveLength(1)
  })

  it('does not try a failure again that is not transient', async () => {
    const error = await rejection(proveWithCli(context(), CREDENTIAL, cli('denied,ok')))
    expect(error).toMatchObject({kind: 'unauthorized', detail: 'faketool: denied', transient: false})
    expect(logs).toEqual([])
  })

  it("takes the secrets out of the tool's line, then cuts it to 300 characters", async () => {
    const error = (await rejection(proveWithCli(context(), CREDENTIAL, cli('echo')))) as EngineFailure
    expect(error.detail).not.toContain(CREDENTIAL.password)
    expect(error.detail.startsWith('faketool: rejected ')).toBe(true)
    expect(error.detail).toHaveLength(300 + 'faketool: '.length)
  })

  it('stops a tool that outlives the deadline, and reports the budget in whole seconds, without another try', async () => {
    const asked: number[] = []
    const timedOut = (seconds: number): CliFailure => (asked.push(seconds), {kind: 'other', statement: 'late', detail: `stopped after ${seconds} s`, transient: true})
    const error = await rejection(proveWithCli(context(), CREDENTIAL, cli('hang,ok', {}, {loginMs: 1400, timedOut})))
    expect(asked).toEqual([1])
    // Never tried again, whatever the explanation says: the budget is spent.
    expect(error).toMatchObject({statement: 'late', detail: 'faketool: stopped after 1 s', transient: false})
    expect(fs.readdirSync(tempDir)).toEqual([])
  })

  it('says so when the tool cannot be started, with the secrets taken out', async () => {
    const missing = path.join(root, `no-such-${CREDENTIAL.password}`)
    const error = await rejection(proveWithCli(context(), CREDENTIAL, cli('ok', {}, {bin: missing})))
    expect(error).not.toBeInstanceOf(EngineFailure)
    expect((error as Error).message).toMatch(/^faketool could not be started \(/)
    expect((error as Error).message).not.toContain(CREDENTIAL.password)
  })

  it('removes the private directory when setting it up fails, and runs nothing', async () => {
    const setUp = (): never => {
      throw new Error('cannot write config.json')
    }
    await expect(proveWithCli(context(), CREDENTIAL, cli('ok', {}, {setUp}))).rejects.toThrow('cannot write config.json')
    expect(fs.readdirSync(tempDir)).toEqual([])
  })
})
