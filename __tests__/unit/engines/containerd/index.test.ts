import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {parse} from 'smol-toml'
import {renderHostsToml} from '../../../../src/engines/containerd/hosts-toml.js'
import {containerdEngine} from '../../../../src/engines/containerd/index.js'
import {basicAuthorization, sha256, type HostsRecord} from '../../../../src/engines/containerd/record.js'
import type {Engine, EngineContext} from '../../../../src/engines/engine.js'
import {defaultHostsDir} from '../../../../src/places.js'
import {UserError} from '../../../../src/errors.js'
import {EngineFailure} from '../../../../src/failure.js'
import {Ledger, LEDGER_FILE} from '../../../../src/ledger.js'
import {engineContext, journalOps, modeOf, readBack, recordingJournal, RUN_A, RUN_B, UNWRITABLE, unwritableJournal, useTempDir} from '../../../support/engine-kit.js'
import {LocalServer, type Reply} from '../../../support/local-server.js'

const AUTH = basicAuthorization('cn-north-4@AccessKey', 'f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd')

const root = useTempDir('containerd')

// The engine, against a local registry (plain HTTP) that accepts the login unless a test says otherwise.

let registry: LocalServer
let answer: Reply = {status: 200}
beforeAll(async () => {
  registry = await LocalServer.start(() => answer)
})
afterAll(() => registry.close())
beforeEach(() => {
  answer = {status: 200}
})

const REG = (): string => `127.0.0.1:${registry.port}`
const REG_URL = (): string => `http://${REG()}`
const credential = (password = 'the-login-key'): {registry: {scheme: 'http'; host: string}; username: string; password: string} => ({
  registry: {scheme: 'http', host: REG()},
  username: 'cn-north-4@AK',
  password
})
const authOf = (password = 'the-login-key'): string => basicAuthorization('cn-north-4@AK', password)

describe('containerdEngine', () => {
  let hostsDir: string
  let warnings: string[]
  const file = (): string => path.join(hostsDir, REG(), 'hosts.toml')

  function engine(run = RUN_A, onPath: string[] = [], dir = hostsDir): Engine<HostsRecord> {
    const which = async (tool: string): Promise<string> => (onPath.includes(tool) ? `/usr/local/bin/${tool}` : '')
    return containerdEngine(engineContext(root(), {places: {hostsDir: dir}, run, which, warn: line => void warnings.push(line)}))
  }
  /** Logs in as run `run` and returns the record read back as post gets it (JSON). */
  async function login(run = RUN_A, password?: string): Promise<HostsRecord> {
    const {record} = await engine(run).login(credential(password), recordingJournal())
    return readBack(record)
  }
  async function post(record: HostsRecord, run = RUN_A): Promise<string> {
    const e = engine(run)
    expect(e.owns(record)).toBe(true)
    return e.undo(record)
  }
  const said = (text: string): string => `containerd ${file()} ${text}`

  beforeEach(() => {
    hostsDir = path.join(root(), 'certs.d')
    warnings = []
  })

  it.each<[string[], string[]]>([
    [[], []],
    [['ctr'], ['ctr']],
    [['nerdctl'], ['nerdctl']],
    [
      ['containerd', 'ctr', 'docker'],
      ['ctr', 'containerd']
    ]
  ])('with %j on PATH it detects %j, and never says anything is missing', async (onPath, found) => {
    const e = engine(RUN_A, onPath)
    expect(await e.detect()).toEqual(found)
    expect(await e.unusable()).toBeUndefined()
  })

  it('names its place, its tools, its hosts directory, and its output', () => {
    const e = engine()
    expect(e.name).toBe('containerd')
    expect(e.place).toBe('hostsDir')
    expect(e.tools).toEqual(['ctr', 'nerdctl', 'containerd'])
    expect(e.describe?.()).toBe(`containerd hosts directory: ${hostsDir}`)
    expect(e.outputs?.(true)).toEqual({'hosts-dir': hostsDir})
    expect(e.outputs?.(false)).toEqual({'hosts-dir': ''})
  })

  it('login checks the registry, notes a small record, writes hosts.toml 0600 in new 0700 directories, keeps a ledger', async () => {
    const journal = recordingJournal()
    const {record, summary} = await engine().login(credential(), journal)
    expect(summary).toBe(`containerd (${file()})`)
    const text = fs.readFileSync(file(), 'utf8')
    expect(record).toEqual({host: REG(), scheme: 'http', digest: sha256(text), auth: sha256(authOf()), added: 'file'})
    expect(journalOps(journal)).toEqual(['add'])
    expect(parse(text)).toEqual({server: REG_URL(), host: {[REG_URL()]: {capabilities: ['pull', 'resolve', 'push'], header: {Authorization: [authOf()]}}}})
    expect(modeOf(file())).toBe(0o600)
    expect(modeOf(hostsDir)).toBe(0o700)
    expect(modeOf(path.dirname(file()))).toBe(0o700)
    expect(fs.readdirSync(hostsDir).sort()).toEqual([REG(), LEDGER_FILE].sort())
    expect(modeOf(path.join(hostsDir, LEDGER_FILE))).toBe(0o600)
    expect(registry.received.at(-1)?.headers.authorization).toBe(authOf())
    expect(engine().label(record)).toEqual({host: REG(), thing: `the credential from ${file()}`})
  })

  it('a hosts.toml that already held exactly our header is never taken away, by post or by a second post', async () => {
    fs.mkdirSync(path.dirname(file()), {recursive: true})
    const theirs = renderHostsToml(REG_URL(), authOf())
    fs.writeFileSync(file(), theirs, {mode: 0o600})
    const record = await login()
    expect(record.added).toBe('same')
    await post(record)
    expect(fs.readFileSync(file(), 'utf8')).toBe(theirs)
    await post(record)
    fs.rmSync(path.join(hostsDir, LEDGER_FILE), {force: true})
    await post(record)
    expect(fs.readFileSync(file(), 'utf8')).toBe(theirs)
  })

  it('checkPlace passes for a hosts directory of this user, and refuses one others may write to, naming it', () => {
    fs.mkdirSync(hostsDir, {mode: 0o700})
    expect(() => engine().checkPlace?.()).not.toThrow()
    fs.chmodSync(hostsDir, 0o777)
    expect(() => engine().checkPlace?.()).toThrow(new RegExp(`^The containerd hosts directory \\('hosts-dir', ${hostsDir}\\): ${hostsDir} may be written to by other users`))
  })

  it('release (logout: false) lets the login stay for good: its note leaves the ledger, and the file stays as it is', async () => {
    const record = await login()
    const kept = fs.readFileSync(file(), 'utf8')
    expect(new Ledger(hostsDir).tracks(REG())).toBe(true)
    await engine().release?.(record)
    expect(new Ledger(hostsDir).tracks(REG())).toBe(false)
    expect(fs.readFileSync(file(), 'utf8')).toBe(kept)
    expect(kept).toContain(authOf())
  })

  it('prepare starts the registry check ahead of login, which awaits it: the registry is asked once', async () => {
    const e = engine()
    const before = registry.received.length
    e.prepare?.(credential())
    e.prepare?.(credential())
    // Asked by prepare alone, before any login.
    for (let i = 0; i < 200 && registry.received.length === before; i++) await new Promise(resolve => setTimeout(resolve, 10))
    expect(registry.received.length - before).toBe(1)
    await e.login(credential(), recordingJournal())
    expect(registry.received.length - before).toBe(1)
  })

  it('a check prepared for a login that never comes (an engine before it failed) fails nothing by itself', async () => {
    answer = {status: 401}
    const e = engine()
    e.prepare?.(credential('wrong-password'))
    // An unhandled rejection would fail this test file; the failure belongs to the login that awaits it.
    await new Promise(resolve => setTimeout(resolve, 50))
    await expect(e.login(credential('wrong-password'), recordingJournal())).rejects.toMatchObject({kind: 'unauthorized'})
    expect(fs.existsSync(file())).toBe(false)
  })

  it('post of a file it made removes it, the directories it made, and the ledger', async () => {
    const record = await login()
    expect(await post(record)).toBe(said('removed'))
    expect(fs.readdirSync(root())).toEqual([])
  })

  it('keeps the record small however deep the new hosts directory: what main created is noted in the ledger', async () => {
    const top = path.join(root(), 'deep')
    hostsDir = path.join(top, ...Array.from({length: 150}, (_, i) => `level-${i}`))
    const record = await login()
    expect(JSON.stringify(record).length).toBeLessThan(400)
    expect(new Ledger(hostsDir).noteOf(REG(), RUN_A)).toEqual({created: top})
    expect(await post(record)).toBe(said('removed'))
    expect(fs.readdirSync(root())).toEqual([])
  })

  it('without RUNNER_TEMP, writes to a private directory of its own (0700) and post removes it', async () => {
    hostsDir = defaultHostsDir({})
    const privateDir = path.dirname(hostsDir)
    expect(path.dirname(privateDir)).toBe(os.tmpdir())
    expect(fs.existsSync(privateDir)).toBe(false)
    const record = await login()
    expect(new Ledger(hostsDir).noteOf(REG(), RUN_A)).toEqual({created: privateDir})
    expect(modeOf(privateDir)).toBe(0o700)
    expect(await post(record)).toBe(said('removed'))
    expect(fs.existsSync(privateDir)).toBe(false)
  })

  describe('with a hosts.toml that was there before', () => {
    const ORIGINAL = Buffer.from(`# kept byte for byte\r\nserver = "http://placeholder"\r\n# no newline at the end`, 'utf8')
    // The file belongs to the runner's user (4242, the owner of RUNNER_TEMP), whom the action trusts as it trusts
    // itself: as root it writes there, and gives the file back to its owner.
    const runnerTemp = (): string => path.join(root(), 'runner-temp')
    let savedRunnerTemp: string | undefined
    beforeEach(() => {
      fs.mkdirSync(runnerTemp())
      fs.chownSync(runnerTemp(), 4242, 4343)
      savedRunnerTemp = process.env.RUNNER_TEMP
      process.env.RUNNER_TEMP = runnerTemp()
      fs.mkdirSync(path.dirname(file()), {recursive: true})
      fs.writeFileSync(file(), ORIGINAL)
      fs.chmodSync(file(), 0o644)
      fs.chownSync(file(), 4242, 4343)
    })
    afterEach(() => {
      if (savedRunnerTemp === undefined) delete process.env.RUNNER_TEMP
      else process.env.RUNNER_TEMP = savedRunnerTemp
    })

    it('of a user the action does not trust: refused, naming the file and its owner; the file is left as it is', async () => {
      delete process.env.RUNNER_TEMP
      fs.chownSync(file(), 65534, 65534)
      const error = await engine()
        .login(credential(), recordingJournal())
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UserError)
      expect((error as Error).message).toMatch(new RegExp(`^The containerd hosts directory \\('hosts-dir', ${hostsDir}\\): ${file()} belongs to uid 65534`))
      expect(fs.readFileSync(file()).equals(ORIGINAL)).toBe(true)
      expect(fs.statSync(file())).toMatchObject({uid: 65534, gid: 65534})
    })
    const isOriginal = (): void => {
      expect(fs.readFileSync(file()).equals(ORIGINAL)).toBe(true)
      expect(modeOf(file())).toBe(0o644)
      expect(fs.statSync(file())).toMatchObject({uid: 4242, gid: 4343})
      expect(fs.readdirSync(hostsDir)).toEqual([REG()]) // no ledger, no lock left
    }

    it('merges into it, and post puts it back byte for byte, mode and owner', async () => {
      const record = await login()
      expect(record).toMatchObject({added: 'table'})
      expect(new Ledger(hostsDir).noteOf(REG(), RUN_A)).toBeUndefined()
      expect(fs.readFileSync(file(), 'utf8')).toContain('server = "http://placeholder"')
      expect(await post(record)).toBe(said('restored to what it was before'))
      isOriginal()
    })

    it('two runs, posts in the order of their mains: the older post leaves the newer login, the newer restores', async () => {
      const a = await login(RUN_A, 'key-a')
      const b = await login(RUN_B, 'key-b')
      expect(await post(a, RUN_A)).toBe(said('holds a newer login of another job that is still running: left to it (ours will not come back after it)'))
      expect(fs.readFileSync(file(), 'utf8')).toContain(authOf('key-b'))
      expect(await post(b, RUN_B)).toBe(said('restored to what it was before'))
      isOriginal()
    })

    it('two runs, posts in the other order: the newer post hands the older login back, the older restores', async () => {
      const a = await login(RUN_A, 'key-a')
      const b = await login(RUN_B, 'key-b')
      expect(await post(b, RUN_B)).toBe(said('handed back to the login of another job that is still running (its post step removes it)'))
      const text = fs.readFileSync(file(), 'utf8')
      expect(text).toContain(authOf('key-a'))
      expect(text).not.toContain(authOf('key-b'))
      expect(await post(a, RUN_A)).toBe(said('restored to what it was before'))
      isOriginal()
    })

    it('two runs at once: both logins are noted, and the posts restore the original', async () => {
      const [a, b] = await Promise.all([login(RUN_A, 'key-a'), login(RUN_B, 'key-b')])
      const text = fs.readFileSync(file(), 'utf8')
      expect([text.includes(authOf('key-a')), text.includes(authOf('key-b'))].filter(Boolean)).toHaveLength(1)
      await post(a, RUN_A)
      await post(b, RUN_B)
      isOriginal()
    })

    it('post twice: the second finds nothing of ours and changes nothing', async () => {
      const record = await login()
      await post(record)
      expect(await post(record)).toBe(said('no longer holds our credential: left as it is'))
      isOriginal()
    })

    it('a file changed since main: only our header comes out, their change stays', async () => {
      const record = await login()
      fs.appendFileSync(file(), '\n[host."https://mirror.example"]\ncapabilities = ["pull"]\n')
      expect(await post(record)).toBe(said('changed since the main step: took out only our Authorization header'))
      const text = fs.readFileSync(file(), 'utf8')
      expect(text).not.toContain(authOf())
      expect(parse(text)).toEqual({server: 'http://placeholder', host: {'https://mirror.example': {capabilities: ['pull']}}})
      expect(fs.readdirSync(hostsDir)).toEqual([REG()])
    })

    it('a file that no longer holds our header is left as it is', async () => {
      const record = await login()
      fs.writeFileSync(file(), 'server = "theirs"\n')
      expect(await post(record)).toBe(said('no longer holds our credential: left as it is'))
      expect(fs.readFileSync(file(), 'utf8')).toBe('server = "theirs"\n')
    })

    it('<hosts-dir>/<host> deleted before post: says nothing of ours is left and what was not put back; the ledger goes', async () => {
      const record = await login()
      fs.rmSync(path.dirname(file()), {recursive: true})
      expect(await post(record)).toBe(said('is gone (a later step deleted it): nothing of ours is left; the hosts.toml that was there before the job was not put back'))
      expect(fs.readdirSync(hostsDir)).toEqual([])
    })

    it('the whole hosts directory deleted before post: says so', async () => {
      const record = await login()
      fs.rmSync(hostsDir, {recursive: true})
      expect(await post(record)).toBe(said('is gone, with its hosts directory: nothing of ours is left; the hosts.toml that was there before the job was not put back'))
      expect(fs.existsSync(hostsDir)).toBe(false)
    })

    it('the ledger deleted, the file still exactly ours: removed, and says the original could not come back', async () => {
      const record = await login()
      fs.rmSync(path.join(hostsDir, LEDGER_FILE))
      expect(await post(record)).toBe(
        said(
          'still held exactly our credential, but the ledger of the hosts directory had no note of it: removed; the hosts.toml that was there before the job was not put back'
        )
      )
      expect(fs.existsSync(file())).toBe(false)
    })

    it('the ledger deleted, the file changed: our header still comes out', async () => {
      const record = await login()
      fs.rmSync(path.join(hostsDir, LEDGER_FILE))
      fs.appendFileSync(file(), '\n[host."https://mirror.example"]\ncapabilities = ["pull"]\n')
      expect(await post(record)).toBe(said('still held our Authorization header, but the ledger of the hosts directory had no note of it: took out only that header'))
      expect(fs.readFileSync(file(), 'utf8')).not.toContain(authOf())
    })
  })

  it('a file changed since main into something that is not TOML: post says what to do, and changes nothing', async () => {
    const record = await login()
    fs.appendFileSync(file(), '\nnot = [valid\n')
    await expect(engine().undo(record)).rejects.toThrow(
      /no longer valid TOML .*our Authorization header for http:\/\/127\.0\.0\.1:\d+ could not be taken out: remove it by hand/
    )
    expect(fs.readFileSync(file(), 'utf8')).toContain(authOf())
  })

  it('merges into a change another job made between its read and its lock, instead of overwriting it', async () => {
    fs.mkdirSync(path.dirname(file()), {recursive: true})
    fs.writeFileSync(file(), `server = "${REG_URL()}"\n`)
    const journal = recordingJournal(n => {
      if (n === 1) fs.appendFileSync(file(), '\n[host."https://mirror.example"]\ncapabilities = ["pull"]\n')
    })
    const {record} = await engine().login(credential(), journal)
    expect(journalOps(journal)).toEqual(['add', 'drop', 'add'])
    expect(journal.records).toEqual([record])
    const text = fs.readFileSync(file(), 'utf8')
    expect(text).toContain('https://mirror.example')
    expect(text).toContain(authOf())
    expect(record.digest).toBe(sha256(text))
  })

  describe('a symlinked hosts.toml', () => {
    let managed: string
    const ORIGINAL = `server = "${'http://placeholder'}"\n`
    beforeEach(() => {
      managed = path.join(root(), 'managed', 'swr.toml')
      fs.mkdirSync(path.dirname(managed), {recursive: true})
      fs.writeFileSync(managed, ORIGINAL, {mode: 0o640})
      fs.mkdirSync(path.dirname(file()), {recursive: true})
      fs.symlinkSync(managed, file())
    })

    it('is changed where it points; the link stays a link, and post restores the target', async () => {
      const record = await login()
      expect(new Ledger(hostsDir).noteOf(REG(), RUN_A)).toEqual({target: fs.realpathSync(managed)})
      expect(Object.keys(record)).not.toContain('target')
      expect(fs.lstatSync(file()).isSymbolicLink()).toBe(true)
      expect(fs.readFileSync(managed, 'utf8')).toContain(authOf())
      expect(fs.readdirSync(path.dirname(managed))).toEqual(['swr.toml'])
      expect(await post(record)).toBe(`containerd ${fs.realpathSync(managed)} restored to what it was before`)
      expect(fs.readFileSync(managed, 'utf8')).toBe(ORIGINAL)
      expect(modeOf(managed)).toBe(0o640)
      expect(fs.readlinkSync(file())).toBe(managed)
    })

    it.each<[string, (other: string) => void]>([
      ['removed', () => fs.rmSync(file())],
      [
        'pointed elsewhere',
        other => {
          fs.rmSync(file())
          fs.symlinkSync(other, file())
        }
      ]
    ])('link %s after main: post restores the target the ledger notes', async (_name, change) => {
      const other = path.join(root(), 'managed', 'other.toml')
      fs.writeFileSync(other, ORIGINAL)
      const record = await login()
      change(other)
      expect(await post(record)).toBe(`containerd ${fs.realpathSync(managed)} restored to what it was before`)
      expect(fs.readFileSync(managed, 'utf8')).toBe(ORIGINAL)
      expect(fs.readFileSync(other, 'utf8')).toBe(ORIGINAL)
    })

    it('a record that names a target itself (a changed state) is not one main writes: post never acts on it', () => {
      expect(engine().owns({host: REG(), scheme: 'http', digest: sha256(ORIGINAL), auth: sha256(authOf()), added: 'file', target: managed})).toBe(false)
    })

    it('replaced by a symlink after a main that wrote a plain file: post leaves it', async () => {
      fs.rmSync(file())
      const record = await login()
      fs.rmSync(file())
      fs.symlinkSync(managed, file())
      expect(await engine().undo(record)).toBe(`containerd ${file()} is now a symlink that main did not write through: left as it is`)
    })

    it('pointing nowhere: login fails, and leaves the link as it was', async () => {
      fs.rmSync(managed)
      const error = await engine()
        .login(credential(), recordingJournal())
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EngineFailure)
      expect((error as Error).message).toContain(`${file()} is a symlink to a file that does not exist`)
      expect(fs.readlinkSync(file())).toBe(managed)
    })
  })

  describe('a login that fails leaves nothing', () => {
    it.each<[string, () => void, RegExp]>([
      [
        'the hosts directory is under a file',
        () => {
          fs.writeFileSync(path.join(root(), 'file'), '')
          hostsDir = path.join(root(), 'file', 'certs.d')
        },
        /file, on the way to .*, is not a directory\./
      ],
      ['hosts.toml is a directory', () => fs.mkdirSync(file(), {recursive: true}), /hosts\.toml is a directory, not a file\./]
    ])('%s: refused as a place, naming hosts-dir, nothing noted or made', async (_name, arrange, cause) => {
      arrange()
      const before = fs.readdirSync(root())
      const journal = recordingJournal()
      const error = await engine()
        .login(credential(), journal)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UserError)
      expect((error as Error).message).toMatch(/^The containerd hosts directory \('hosts-dir', /)
      expect((error as Error).message).toMatch(cause)
      expect(journal.records).toEqual([])
      expect(fs.readdirSync(root())).toEqual(before)
    })

    it.each<[string, Reply, string]>([
      ['rejected by the registry', {status: 401}, 'unauthorized'],
      ['denied by the registry', {status: 403}, 'denied']
    ])('%s: the check fails before anything is written', async (_name, reply, kind) => {
      answer = reply
      const journal = recordingJournal()
      const error = await engine()
        .login(credential(), journal)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EngineFailure)
      expect((error as EngineFailure).kind).toBe(kind)
      expect(journalOps(journal)).toEqual([])
      expect(fs.existsSync(hostsDir)).toBe(false)
    })

    it.each<[string, () => void, RegExp]>([
      [
        'an existing hosts.toml is not TOML',
        () => {
          fs.mkdirSync(path.dirname(file()), {recursive: true})
          fs.writeFileSync(file(), 'not = [valid\n')
        },
        /is not valid TOML, so it was left as it is/
      ]
    ])('%s: EngineFailure "other" naming hosts-dir, nothing noted', async (_name, arrange, cause) => {
      arrange()
      const before = fs.readdirSync(root())
      const journal = recordingJournal()
      const error = await engine()
        .login(credential(), journal)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EngineFailure)
      const failure = error as EngineFailure
      expect(failure).toMatchObject({kind: 'other', transient: false, detail: ''})
      expect(failure.message).toMatch(/^could not write containerd credentials: /)
      expect(failure.message).toMatch(cause)
      expect(failure.message.endsWith(`. Check 'hosts-dir' (${hostsDir}).`)).toBe(true)
      expect(journal.records).toEqual([])
      expect(fs.readdirSync(root())).toEqual(before)
    })

    it('a record that cannot be noted: its error as is, and no file, directory or ledger', async () => {
      await expect(engine().login(credential(), unwritableJournal())).rejects.toThrow(new Error(UNWRITABLE))
      expect(fs.existsSync(hostsDir)).toBe(false)
    })
  })

  it('warns, and goes on, where the check cannot see what containerd would', async () => {
    const e = containerdEngine(engineContext(root(), {places: {hostsDir}, env: {HTTP_PROXY: 'http://proxy.invalid:3128'}, warn: line => void warnings.push(line)}))
    const port = (await LocalServer.start(() => ({status: 200}))) as LocalServer
    const dead = port.port
    await port.close()
    const {record} = await e.login({...credential(), registry: {scheme: 'http', host: `127.0.0.1:${dead}`}}, recordingJournal())
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/the credential was not checked before containerd was given it/)
    expect(record.host).toBe(`127.0.0.1:${dead}`)
  })
})

describe('owns(): a record names no path, so any hosts directory may be its own', () => {
  it('the engine owns records for its own hosts directory only', () => {
    const REG_HOST = 'registry.example.com:5000'
    const hostsDir = path.join(root(), 'etc', 'certs.d')
    fs.mkdirSync(path.join(hostsDir, REG_HOST), {recursive: true})
    const record: HostsRecord = {host: REG_HOST, scheme: 'https', digest: sha256('x'), auth: sha256(AUTH), added: 'table'}
    const context = (dir: string): EngineContext => engineContext(root(), {places: {hostsDir: dir}})
    // A record names no path of its own: which hosts directory is post's to check (see post.ts), and a symlink's
    // target comes from that directory's ledger.
    for (const dir of [hostsDir, path.join(root(), 'elsewhere')]) {
      expect(containerdEngine(context(dir)).owns(record)).toBe(true)
      expect(containerdEngine(context(dir)).owns({...record, target: path.join(hostsDir, REG_HOST, 'hosts.toml')})).toBe(false)
    }
  })
})
