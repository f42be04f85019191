import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type {LoginCredential} from '../../../../src/credential.js'
import {fingerprint} from '../../../../src/engines/shared/auth-file.js'
import {dockerConfigDir} from '../../../../src/places.js'
import {DOCKER_TIMINGS, dockerEngine, dockerEnv, removalLine, type DockerLogin, type DockerTimings} from '../../../../src/engines/docker/index.js'
import type {EngineContext} from '../../../../src/engines/engine.js'
import {EngineFailure} from '../../../../src/failure.js'
import {UserError} from '../../../../src/errors.js'
import {LEDGER_FILE, type Removal} from '../../../../src/ledger.js'
import {dockerAnswers, dockerCalls, helperCalls, helperStore, installFakeDocker, installFakeHelper, setHelperStore, whichIn} from '../../../support/fake-docker.js'
import {recordingJournal, type RecordingJournal} from '../../../support/engine-kit.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const OTHER = 'registry.example.com:5000'
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

describe('dockerConfigDir', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['DOCKER_CONFIG set', {DOCKER_CONFIG: '/opt/docker-config'}, '/opt/docker-config'],
    ['DOCKER_CONFIG empty', {DOCKER_CONFIG: ''}, path.join(os.homedir(), '.docker')],
    ['DOCKER_CONFIG unset', {}, path.join(os.homedir(), '.docker')]
  ])('%s', (_name, env, expected) => {
    expect(dockerConfigDir(env)).toBe(expected)
  })

  it.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, string]>([
    ['Windows: .docker in USERPROFILE', {USERPROFILE: 'C:\\Users\\runneradmin', HOME: '/c/Users/runneradmin'}, 'win32', 'C:\\Users\\runneradmin\\.docker'],
    ['Windows: DOCKER_CONFIG as it is', {DOCKER_CONFIG: 'D:\\a\\_temp\\docker', USERPROFILE: 'C:\\Users\\x'}, 'win32', 'D:\\a\\_temp\\docker'],
    ['macOS: .docker in HOME', {HOME: '/Users/runner'}, 'darwin', '/Users/runner/.docker']
  ])('%s', (_name, env, platform, expected) => {
    expect(dockerConfigDir(env, platform)).toBe(expected)
  })
})

describe('dockerEnv', () => {
  it("drops the inputs, the saved state, the runner's tokens and file commands; keeps the rest; sets DOCKER_CONFIG", () => {
    const env: NodeJS.ProcessEnv = {
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      DOCKER_HOST: 'unix:///run/docker.sock',
      DOCKER_CONFIG: '/somewhere/else',
      INPUT_ACCESS_KEY_SECRET: 'the-secret-key',
      STATE_login: '{"logout":true}',
      ACTIONS_RUNTIME_TOKEN: 'runtime-token',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example',
      GITHUB_STATE: '/f/save_state',
      GITHUB_ENV: '/f/set_env',
      GITHUB_OUTPUT: '/f/set_output',
      GITHUB_PATH: '/f/add_path',
      GITHUB_STEP_SUMMARY: '/f/step_summary',
      GITHUB_WORKSPACE: '/home/runner/work/repo',
      UNSET: undefined
    }
    expect(dockerEnv('/home/runner/.docker', env)).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      DOCKER_HOST: 'unix:///run/docker.sock',
      DOCKER_CONFIG: '/home/runner/.docker',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example',
      GITHUB_WORKSPACE: '/home/runner/work/repo'
    })
    expect(env.DOCKER_CONFIG).toBe('/somewhere/else')
  })
})

describe('removalLine: what post says it did', () => {
  const file: DockerLogin = {host: HOST, digest: 'a'.repeat(40)}
  const helper: DockerLogin = {...file, helper: 'pass'}
  it.each<[Removal, DockerLogin, RegExp]>([
    ['removed', file, /^docker login removed$/],
    ['restored', file, /^docker login removed; the earlier login restored$/],
    ['uncovered', file, /the login of another job still running .* is back in place/],
    ['superseded', file, /^another job's newer docker login left in place/],
    ['changed', file, /^the login in config\.json was changed since the main step .*: left alone$/],
    ['stripped', helper, /^the login in docker-credential-pass was changed since/],
    ['lost', helper, /could not put back the earlier login, because it was kept in docker-credential-pass, .*never copies/],
    ['removed-untracked', file, /^docker login removed$/],
    ['removed-untracked', {...file, replaced: 'login'}, /^docker login removed; the login it replaced could not be put back, because the note of it .* was deleted\./],
    ['handed-over', helper, /^left in docker-credential-pass for another job that is still running, .*that job's post step removes it$/],
    ['already', file, /^already removed: nothing to do$/]
  ])('%s', (removal, record, line) => expect(removalLine(removal, record)).toMatch(line))
})

// ---------------------------------------------------------------------------------------------------------------------
// The engine, with a fake docker and fake credential helpers (see __tests__/support/fake-docker.ts).

const CREDENTIAL: LoginCredential = {
  registry: {scheme: 'https', host: HOST},
  username: 'cn-north-4@HPUAEXAMPLEAK',
  password: 'f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd'
}
const SECOND: LoginCredential = {...CREDENTIAL, registry: {scheme: 'https', host: OTHER}}
/** What another job (another run of the action, with another key) logs in with. */
const THEIRS: LoginCredential = {...CREDENTIAL, username: 'cn-north-4@THEIRAK', password: 'their-derived-key-0123456789abcdef'}
const OURS = {auth: b64(`${CREDENTIAL.username}:${CREDENTIAL.password}`)}
const OLD_ENTRY = {auth: b64('cn-north-4@OLD:old-password')}
const RUN_A = 'a1b2c3d4e5f6a7b8c9d0e1f2'
const RUN_B = 'b1b2c3d4e5f6a7b8c9d0e1f2'

let root: string
let bin: string
let fake: string
let helperDir: string
let configDir: string
let tempDir: string
let logs: string[]
let warnings: string[]
let looked: string[]

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-docker-engine-'))
  bin = path.join(root, 'bin')
  fake = path.join(root, 'fake')
  helperDir = path.join(root, 'helper')
  configDir = path.join(root, 'home', '.docker')
  tempDir = path.join(root, 'runner-temp')
  fs.mkdirSync(path.join(fake, 'calls'), {recursive: true})
  fs.mkdirSync(helperDir)
  installFakeDocker(bin)
  logs = []
  warnings = []
  looked = []
})
afterEach(() => fs.rmSync(root, {recursive: true, force: true}))

function context(overrides: Partial<EngineContext> = {}): EngineContext {
  const inBin = whichIn(bin)
  return {
    places: {hostsDir: path.join(root, 'certs.d'), dockerConfig: configDir, authFile: path.join(root, 'containers', 'auth.json'), tempDir},
    run: RUN_A,
    which: async tool => {
      looked.push(tool)
      return inBin(tool)
    },
    env: {
      PATH: process.env.PATH,
      FAKE_DOCKER_DIR: fake,
      FAKE_HELPER_DIR: helperDir,
      DOCKER_HOST: 'unix:///run/test-docker.sock',
      // What docker must not see, and a DOCKER_CONFIG a later step might have set: the places' directory wins.
      DOCKER_CONFIG: path.join(root, 'not-this-one'),
      INPUT_ACCESS_KEY_SECRET: 'the-secret-key',
      STATE_login: '{}',
      ACTIONS_RUNTIME_TOKEN: 'runtime-token'
    },
    log: line => void logs.push(line),
    warn: line => void warnings.push(line),
    retryPolicy: {attempts: 3, baseDelayMs: 1, maxDelayMs: 1},
    ...overrides
  }
}

const engine = (overrides: Partial<EngineContext> = {}, timings: Partial<DockerTimings> = {}): ReturnType<typeof dockerEngine> =>
  dockerEngine(context(overrides), {...DOCKER_TIMINGS, ...timings})

const journal = (): RecordingJournal<DockerLogin> => recordingJournal()

function writeConfig(config: unknown): string {
  fs.mkdirSync(configDir, {recursive: true})
  const file = path.join(configDir, 'config.json')
  fs.writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config))
  return file
}
const readConfig = (): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')) as Record<string, unknown>
const configText = (): string => fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')
/** What is left under the temp directory (private login directories must all be gone). */
const tempEntries = (): string[] => (fs.existsSync(tempDir) ? fs.readdirSync(tempDir) : [])

const UNAUTHORIZED =
  `Error response from daemon: Get "https://${HOST}/v2/": unauthorized: authentication required ` +
  `(user ${CREDENTIAL.username}:${CREDENTIAL.password}, basic ${OURS.auth}, password ${CREDENTIAL.password})`
const TIMEOUT = `Error response from daemon: Get "https://${HOST}/v2/": net/http: TLS handshake timeout`

describe('detect and unusable', () => {
  it('finds docker on PATH, and looks it up once per engine', async () => {
    const e = engine()
    expect(await e.detect()).toEqual(['docker'])
    expect(await e.unusable()).toBeUndefined()
    expect(await e.detect()).toEqual(['docker'])
    expect(looked).toEqual(['docker'])
    expect(e.tools).toEqual(['docker'])
    expect(e.name).toBe('docker')
  })

  it('says what to do when docker is missing', async () => {
    const e = engine({which: async () => ''})
    expect(await e.detect()).toEqual([])
    expect(await e.unusable()).toBe(
      "the docker CLI is not on PATH. Install Docker on the runner, or set 'engine: docker-config' (writes the Docker config file itself, for skopeo, podman, buildah, crane…) or 'engine: containerd'."
    )
  })
})

describe('login into config.json (the file store)', () => {
  it('proves the login in a private directory, then writes it into the real config, keeping everything else', async () => {
    fs.mkdirSync(path.join(configDir, 'contexts', 'meta'), {recursive: true})
    writeConfig({auths: {[OTHER]: {auth: 'eA=='}}, psFormat: 'table', currentContext: 'remote', HttpHeaders: {'X-A': '1'}})
    fs.chmodSync(path.join(configDir, 'config.json'), 0o640)
    const j = journal()
    const e = engine()
    const result = await e.login(CREDENTIAL, j)

    const record = {host: HOST, digest: fingerprint(OURS)}
    expect(result).toEqual({record, summary: 'docker'})
    expect(j.events).toEqual([['add', record]])
    expect(readConfig()).toEqual({auths: {[OTHER]: {auth: 'eA=='}, [HOST]: OURS}, psFormat: 'table', currentContext: 'remote', HttpHeaders: {'X-A': '1'}})
    // The file's mode as it was: docker login keeps it too.
    expect(fs.statSync(path.join(configDir, 'config.json')).mode & 0o777).toBe(0o640)

    const [call, ...more] = dockerCalls(fake)
    expect(more).toEqual([])
    expect(call.argv).toEqual(['login', '--username', CREDENTIAL.username, '--password-stdin', HOST])
    expect(call.stdin).toBe(CREDENTIAL.password)
    // A private directory of its own under the temp directory, with the real one's settings and contexts but no logins.
    const privateDir = call.env.DOCKER_CONFIG
    expect(path.dirname(privateDir)).toBe(tempDir)
    expect(JSON.parse(call.configJson as string)).toEqual({psFormat: 'table', currentContext: 'remote', HttpHeaders: {'X-A': '1'}, auths: {[HOST]: {}}})
    expect(call.configEntries).toEqual(['config.json', 'contexts'])
    expect(call.contextsLink).toBe(path.join(configDir, 'contexts'))
    expect(call.env.DOCKER_CERT_PATH).toBe(configDir)
    for (const name of ['INPUT_ACCESS_KEY_SECRET', 'STATE_login', 'ACTIONS_RUNTIME_TOKEN']) expect(call.env[name]).toBeUndefined()
    expect(Object.values(call.env).join('\n')).not.toContain(CREDENTIAL.password)
    // ...removed right after
    expect(tempEntries()).toEqual([])
    expect(e.owns(JSON.parse(JSON.stringify(result.record)))).toBe(true)
    expect(e.label(result.record)).toEqual({host: HOST, thing: 'the docker login'})
    expect(warnings).toEqual([])
    expect(logs).toEqual([])
  })

  it('keeps a DOCKER_CERT_PATH given, and links no contexts when there are none', async () => {
    await engine({env: {...context().env, DOCKER_CERT_PATH: '/certs'}}).login(CREDENTIAL, journal())
    const [call] = dockerCalls(fake)
    expect(call.env.DOCKER_CERT_PATH).toBe('/certs')
    expect(call.configEntries).toEqual(['config.json'])
    expect(JSON.parse(call.configJson as string)).toEqual({auths: {[HOST]: {}}})
  })

  it('creates the config directory (0700) and file when there are none', async () => {
    await engine().login(CREDENTIAL, journal())
    expect(readConfig()).toEqual({auths: {[HOST]: OURS}})
    expect(fs.statSync(configDir).mode & 0o777).toBe(0o700)
  })

  it('notes what it replaced in a new record saved before the first one goes, and says nothing (post restores it)', async () => {
    writeConfig({auths: {[HOST]: OLD_ENTRY}})
    const j = journal()
    const {record} = await engine().login(CREDENTIAL, j)
    const first = {host: HOST, digest: fingerprint(OURS)}
    expect(record).toEqual({...first, replaced: 'login'})
    expect(j.events).toEqual([
      ['add', first],
      ['add', record],
      ['drop', first]
    ])
    expect(warnings).toEqual([])
  })

  it('logs in to several registries at once: the docker logins overlap, and no login is lost', async () => {
    dockerAnswers(fake, {sleep: 400})
    const e = engine()
    await Promise.all([e.login(CREDENTIAL, journal()), e.login(SECOND, journal())])
    const [a, b] = dockerCalls(fake)
    expect(Math.max(a.start, b.start)).toBeLessThan(Math.min(a.end as number, b.end as number))
    expect(a.env.DOCKER_CONFIG).not.toBe(b.env.DOCKER_CONFIG)
    expect(Object.keys(readConfig().auths as object).sort()).toEqual([HOST, OTHER].sort())
    expect(tempEntries()).toEqual([])
  })

  it('refuses a config.json it cannot parse before running docker, and changes nothing', async () => {
    writeConfig('{"auths": {')
    const j = journal()
    await expect(engine().login(CREDENTIAL, j)).rejects.toThrow(UserError)
    expect(dockerCalls(fake)).toEqual([])
    expect(j.events).toEqual([])
    expect(configText()).toBe('{"auths": {')
  })

  it('fails without a trace when the config cannot be written after docker proved the login', async () => {
    writeConfig({auths: {}})
    // Another program breaks config.json while docker runs.
    dockerAnswers(fake, {clobber: {file: path.join(configDir, 'config.json'), text: '{'}})
    const j = journal()
    const error = await engine()
      .login(CREDENTIAL, j)
      .catch((e: unknown) => e)
    expect((error as Error).message).toMatch(
      new RegExp(`^could not write the docker login to ${path.join(configDir, 'config.json')}: The Docker config .* is not valid JSON`)
    )
    expect(j.events.map(([event]) => event)).toEqual(['add', 'drop'])
    expect(configText()).toBe('{')
    expect(fs.existsSync(path.join(configDir, LEDGER_FILE))).toBe(false)
  })

  it('a ledger file it cannot read: the login fails naming it, and config.json is not changed', async () => {
    writeConfig({auths: {}})
    fs.writeFileSync(path.join(configDir, LEDGER_FILE), 'not json')
    const j = journal()
    await expect(engine().login(CREDENTIAL, j)).rejects.toThrow(
      `could not write the docker login to ${path.join(configDir, 'config.json')}: ${path.join(configDir, LEDGER_FILE)} is not a ledger`
    )
    expect(j.events.map(([event]) => event)).toEqual(['add', 'drop'])
    expect(readConfig()).toEqual({auths: {}})
  })

  it('with docker gone from PATH, fails before anything', async () => {
    const j = journal()
    await expect(engine({which: async () => ''}).login(CREDENTIAL, j)).rejects.toThrow('the docker CLI is no longer on PATH')
    expect(j.events).toEqual([])
  })

  it('a docker that cannot be started is named', async () => {
    const notExecutable = path.join(root, 'docker-not-executable')
    fs.writeFileSync(notExecutable, '', {mode: 0o644})
    const which = async (tool: string): Promise<string> => (tool === 'docker' ? notExecutable : '')
    await expect(engine({which}).login(CREDENTIAL, journal())).rejects.toThrow(/^docker could not be started \(/)
    expect(tempEntries()).toEqual([])
  })
})

describe('failed logins', () => {
  it("a rejected login is not retried; it fails with its kind, the secrets taken out of docker's words, and leaves nothing", async () => {
    writeConfig({auths: {[HOST]: OLD_ENTRY}})
    const before = configText()
    dockerAnswers(fake, {code: 1, stderr: `WARNING! Your password will be stored unencrypted in /x/config.json.\n${UNAUTHORIZED}\n`})
    const j = journal()
    const error = await engine()
      .login(CREDENTIAL, j)
      .catch((e: unknown) => e)

    expect(error).toBeInstanceOf(EngineFailure)
    expect(error).toMatchObject({kind: 'unauthorized', transient: false, statement: `${HOST} rejected the credentials.`})
    expect((error as EngineFailure).detail).toBe(
      `docker: Error response from daemon: Get "https://${HOST}/v2/": unauthorized: authentication required (user ***, basic ***, password ***)`
    )
    expect(dockerCalls(fake)).toHaveLength(1)
    expect(logs).toEqual([])
    expect(j.events).toEqual([])
    expect(configText()).toBe(before)
    expect(fs.existsSync(path.join(configDir, LEDGER_FILE))).toBe(false)
    expect(tempEntries()).toEqual([])
  })

  it("a transient failure is tried again; the retry line gives that try's own reason, not the final advice", async () => {
    dockerAnswers(fake, {code: 1, stderr: TIMEOUT}, 1)
    const {record} = await engine().login(CREDENTIAL, journal())
    expect(dockerCalls(fake).map(c => c.argv[0])).toEqual(['login', 'login'])
    expect(logs).toEqual([`${HOST}: docker login try 1 failed (docker: ${TIMEOUT}); trying again in 0.0 s`])
    expect(record.host).toBe(HOST)
    expect(readConfig()).toEqual({auths: {[HOST]: OURS}})
  })

  it('a transient failure that persists fails after the tries the policy allows', async () => {
    dockerAnswers(fake, {code: 1, stderr: TIMEOUT})
    const error = await engine()
      .login(CREDENTIAL, journal())
      .catch((e: unknown) => e)
    expect(error).toMatchObject({kind: 'other', transient: true, detail: `docker: ${TIMEOUT}`})
    expect(dockerCalls(fake)).toHaveLength(3)
    expect(logs).toHaveLength(2)
  })

  it('does not start another try when too little of the deadline is left for it', async () => {
    dockerAnswers(fake, {code: 1, stderr: TIMEOUT, sleep: 700})
    const error = await engine({}, {loginMs: 2500})
      .login(CREDENTIAL, journal())
      .catch((e: unknown) => e)
    expect(error).toMatchObject({transient: true, detail: `docker: ${TIMEOUT}`})
    expect(dockerCalls(fake)).toHaveLength(1)
  })

  it.each([
    [
      'a registry that never answers (the daemon does): blamed on the registry',
      {},
      /^Logging in to swr\.cn-north-4\.myhuaweicloud\.com did not finish within \d+ s: the registry did not answer/
    ],
    [
      'a daemon that accepts the connection and never answers: DOCKER_HOST named',
      {hang: true},
      /^The Docker daemon did not answer within \d+ s \(DOCKER_HOST=unix:\/\/\/run\/test-docker\.sock\)/
    ]
  ])('the whole login has one deadline: %s', async (_name, daemon, statement) => {
    dockerAnswers(fake, {hang: true})
    fs.writeFileSync(path.join(fake, 'daemon.json'), JSON.stringify(daemon))
    const started = Date.now()
    const error = await engine({}, {loginMs: 1200, daemonCheckMs: 600})
      .login(CREDENTIAL, journal())
      .catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(error).toBeInstanceOf(EngineFailure)
    expect((error as EngineFailure).statement).toMatch(statement)
    expect(error).toMatchObject({kind: 'other', transient: false})
    expect(dockerCalls(fake).map(c => c.argv[0])).toEqual(['login', 'version'])
    expect(tempEntries()).toEqual([])
  })

  it('a daemon check that cannot even start counts as a daemon that does not answer', async () => {
    dockerAnswers(fake, {hang: true})
    const e = engine({}, {loginMs: 800, daemonCheckMs: 300})
    // docker vanishes while the login hangs: the check cannot run it.
    setTimeout(() => fs.rmSync(path.join(bin, 'docker')), 300)
    const error = await e.login(CREDENTIAL, journal()).catch((err: unknown) => err)
    expect((error as EngineFailure).statement).toMatch(/^The Docker daemon did not answer/)
  })

  it('without DOCKER_HOST, the daemon message says where docker looked', async () => {
    dockerAnswers(fake, {hang: true})
    fs.writeFileSync(path.join(fake, 'daemon.json'), JSON.stringify({hang: true}))
    const env = {...context().env}
    delete env.DOCKER_HOST
    const error = await engine({env}, {loginMs: 600, daemonCheckMs: 300})
      .login(CREDENTIAL, journal())
      .catch((e: unknown) => e)
    expect((error as EngineFailure).statement).toContain('DOCKER_HOST is unset: the default socket or the current docker context')
  })
})

describe('two jobs sharing one Docker config (two runs of the action)', () => {
  const jobA = (): ReturnType<typeof dockerEngine> => engine({run: RUN_A})
  const jobB = (): ReturnType<typeof dockerEngine> => engine({run: RUN_B})
  const THEIR_ENTRY = {auth: b64(`${THEIRS.username}:${THEIRS.password}`)}

  it('A main, B main, A post, B post: B stays logged in until its post, then the original comes back', async () => {
    writeConfig({auths: {[HOST]: OLD_ENTRY}, psFormat: 'x'})
    const a = await jobA().login(CREDENTIAL, journal())
    const b = await jobB().login(THEIRS, journal())
    expect(b.record.replaced).toBe('layer')
    expect(await jobA().undo(a.record)).toBe(removalLine('superseded', a.record))
    expect(readConfig().auths).toEqual({[HOST]: THEIR_ENTRY})
    expect(await jobB().undo(b.record)).toBe(removalLine('restored', b.record))
    expect(readConfig()).toEqual({auths: {[HOST]: OLD_ENTRY}, psFormat: 'x'})
    expect(fs.existsSync(path.join(configDir, LEDGER_FILE))).toBe(false)
  })

  it("B post first: A's login comes back for the rest of A's job; then the original", async () => {
    writeConfig({auths: {[HOST]: OLD_ENTRY}})
    const a = await jobA().login(CREDENTIAL, journal())
    const b = await jobB().login(THEIRS, journal())
    expect(await jobB().undo(b.record)).toBe(removalLine('uncovered', b.record))
    expect(readConfig().auths).toEqual({[HOST]: OURS})
    expect(await jobA().undo(a.record)).toBe(removalLine('restored', a.record))
    expect(readConfig().auths).toEqual({[HOST]: OLD_ENTRY})
  })

  it('two mains at once: both logins land (different registries)', async () => {
    dockerAnswers(fake, {sleep: 200})
    await Promise.all([jobA().login(CREDENTIAL, journal()), jobB().login({...THEIRS, registry: SECOND.registry}, journal())])
    expect(Object.keys(readConfig().auths as object).sort()).toEqual([HOST, OTHER].sort())
  })

  it('post run twice: the second does nothing to the restored config', async () => {
    writeConfig({auths: {[HOST]: OLD_ENTRY}})
    const {record} = await jobA().login(CREDENTIAL, journal())
    expect(await jobA().undo(record)).toBe(removalLine('restored', record))
    const after = configText()
    expect(await jobA().undo(record)).toBe(removalLine('already', record))
    expect(configText()).toBe(after)
  })

  it('a login changed since main (a plain docker login by a later step) is left alone', async () => {
    const {record} = await jobA().login(CREDENTIAL, journal())
    writeConfig({auths: {[HOST]: THEIR_ENTRY}})
    expect(await jobA().undo(record)).toBe(removalLine('changed', record))
    expect(readConfig().auths).toEqual({[HOST]: THEIR_ENTRY})
  })

  it('with the ledger gone, post still removes exactly its own login when it replaced nothing', async () => {
    writeConfig({auths: {[OTHER]: OLD_ENTRY}})
    const {record} = await jobA().login(CREDENTIAL, journal())
    fs.rmSync(path.join(configDir, LEDGER_FILE))
    expect(await jobA().undo(record)).toBe(removalLine('removed-untracked', record))
    expect(readConfig().auths).toEqual({[OTHER]: OLD_ENTRY})
  })

  it('with the ledger gone, a login that replaced another is removed, and the message says the earlier one is lost', async () => {
    writeConfig({auths: {[HOST]: OLD_ENTRY}})
    const {record} = await jobA().login(CREDENTIAL, journal())
    fs.rmSync(path.join(configDir, LEDGER_FILE))
    const line = await jobA().undo(record)
    expect(line).toBe(removalLine('removed-untracked', record))
    expect(line).toMatch(/the login it replaced could not be put back, because the note of it .*was deleted/)
    expect(readConfig().auths).toEqual({})
  })

  it('an earlier login equal to ours is never removed by a second post: it may be that login, put back', async () => {
    writeConfig({auths: {[HOST]: OURS}})
    const {record} = await jobA().login(CREDENTIAL, journal())
    expect(record.replaced).toBe('same')
    expect(await jobA().undo(record)).toBe(removalLine('restored', record))
    expect(await jobA().undo(record)).toBe(removalLine('already', record))
    fs.rmSync(path.join(configDir, LEDGER_FILE), {force: true})
    expect(await jobA().undo(record)).toBe(removalLine('already', record))
    expect(readConfig().auths).toEqual({[HOST]: OURS})
  })

  it('with the config directory gone, post says so and does nothing', async () => {
    const {record} = await jobA().login(CREDENTIAL, journal())
    fs.rmSync(configDir, {recursive: true})
    expect(await jobA().undo(record)).toBe(`the Docker config directory ${configDir} is gone: nothing to remove`)
    expect(fs.existsSync(configDir)).toBe(false)
  })
})

describe('logins kept in a credential helper', () => {
  beforeEach(() => installFakeHelper(bin, 'fake'))

  it('credsStore: the login goes to the helper, with the empty marker in config.json; post erases both', async () => {
    writeConfig({credsStore: 'fake', auths: {[OTHER]: {}}})
    const j = journal()
    const e = engine()
    const {record, summary} = await e.login(CREDENTIAL, j)
    expect(record).toEqual({host: HOST, digest: fingerprint({Username: CREDENTIAL.username, Secret: CREDENTIAL.password}), helper: 'fake'})
    expect(summary).toBe('docker (in docker-credential-fake)')
    expect(helperStore(helperDir, 'fake')).toEqual({[HOST]: {Username: CREDENTIAL.username, Secret: CREDENTIAL.password}})
    expect(readConfig()).toEqual({credsStore: 'fake', auths: {[OTHER]: {}, [HOST]: {}}})
    expect(configText()).not.toContain(b64(CREDENTIAL.password).slice(0, 20))
    expect(fs.readFileSync(path.join(configDir, LEDGER_FILE), 'utf8')).not.toContain(CREDENTIAL.password)
    // The private login had no store: docker kept its proof in the private file.
    expect(JSON.parse(dockerCalls(fake)[0].configJson as string)).toEqual({auths: {[HOST]: {}}})
    expect(warnings).toEqual([])
    expect(e.owns(record)).toBe(true)

    expect(await engine().undo(record)).toBe(removalLine('removed', record))
    expect(helperStore(helperDir, 'fake')).toEqual({})
    expect(readConfig()).toEqual({credsStore: 'fake', auths: {[OTHER]: {}}})
  })

  it('asks the helper about an earlier login it holds without a marker, warns that post cannot bring it back, and says so in post', async () => {
    writeConfig({credsStore: 'fake'})
    setHelperStore(helperDir, 'fake', {[HOST]: {Username: 'earlier', Secret: 'old-secret'}})
    const {record} = await engine().login(CREDENTIAL, journal())
    expect(record.replaced).toBe('login')
    expect(warnings).toEqual([
      `${HOST}: docker-credential-fake already held a login for this registry; it was replaced, and the post step ` +
        `cannot put it back (this action never copies a credential helper's logins). Set 'logout: false' to keep the ` +
        `new login instead, or log in again after this job.`
    ])
    expect(fs.readFileSync(path.join(configDir, LEDGER_FILE), 'utf8')).not.toContain('old-secret')
    expect(await engine().undo(record)).toBe(removalLine('lost', record))
    expect(helperStore(helperDir, 'fake')).toEqual({})
  })

  it('credHelpers for the host wins over credsStore', async () => {
    installFakeHelper(bin, 'other')
    writeConfig({credsStore: 'other', credHelpers: {[HOST]: 'fake'}})
    const {record} = await engine().login(CREDENTIAL, journal())
    expect(record.helper).toBe('fake')
    expect(helperStore(helperDir, 'other')).toEqual({})
    expect(Object.keys(helperStore(helperDir, 'fake'))).toEqual([HOST])
  })

  it('a helper that is not on PATH: a clear error naming it and where it is configured, before docker runs', async () => {
    const file = writeConfig({credsStore: 'missing'})
    await expect(engine().login(CREDENTIAL, journal())).rejects.toThrow(
      `the credential helper docker-credential-missing (credsStore in ${file}) is not on PATH. Install it, or change the ` +
        `Docker config so that logins for this registry go elsewhere.`
    )
    expect(dockerCalls(fake)).toEqual([])
  })

  it("uses docker's platform default helper when config.json names none, and writes credsStore as docker would", async () => {
    if (process.platform !== 'linux') return
    installFakeHelper(bin, 'secretservice')
    const {record} = await engine().login(CREDENTIAL, journal())
    expect(record.helper).toBe('secretservice')
    expect(readConfig()).toEqual({auths: {[HOST]: {}}, credsStore: 'secretservice'})
    expect(await engine().undo(record)).toBe(removalLine('removed', record))
    expect(helperStore(helperDir, 'secretservice')).toEqual({})
  })

  it('post runs only a helper the config names: a forged helper name is refused', async () => {
    writeConfig({credsStore: 'fake'})
    installFakeHelper(bin, 'evil')
    const record: DockerLogin = {host: HOST, digest: 'a'.repeat(40), helper: 'evil'}
    await expect(engine().undo(record)).rejects.toThrow(`the saved state names docker-credential-evil, which ${path.join(configDir, 'config.json')} does not name`)
    expect(helperCalls(helperDir)).toEqual([])
  })

  it('post with the helper gone from PATH says which', async () => {
    writeConfig({credsStore: 'fake'})
    const {record} = await engine().login(CREDENTIAL, journal())
    fs.rmSync(path.join(bin, 'docker-credential-fake'))
    await expect(engine().undo(record)).rejects.toThrow(/docker-credential-fake \(named in .*\) is not on PATH/)
  })
})

describe("owns: only records of the engine's own shape", () => {
  const digest = 'a'.repeat(40)
  it.each<[string, unknown]>([
    ['a record', {host: HOST, digest}],
    ['one that replaced a login', {host: HOST, digest, replaced: 'login'}],
    ['one laid on another run', {host: HOST, digest, replaced: 'layer'}],
    ['one in a helper', {host: HOST, digest, helper: 'ecr-login'}],
    ['a host with a port', {host: '127.0.0.1:5000', digest}]
  ])('accepts %s', (_name, record) => expect(engine().owns(record)).toBe(true))

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', HOST],
    ['a list', [HOST]],
    ['no host', {digest}],
    ['no digest', {host: HOST}],
    ['a short digest', {host: HOST, digest: 'abc'}],
    ['a digest in upper case', {host: HOST, digest: 'A'.repeat(40)}],
    ['replaced none', {host: HOST, digest, replaced: 'none'}],
    ['a helper path', {host: HOST, digest, helper: '../../bin/sh'}],
    ['a helper a number', {host: HOST, digest, helper: 1}],
    ['an extra key (an old record with a path)', {host: HOST, digest, configDir: '/etc'}],
    ['a host with a scheme', {host: `https://${HOST}`, digest}],
    ['a host with a path', {host: `${HOST}/org`, digest}],
    ['a host in upper case', {host: HOST.toUpperCase(), digest}],
    ['a host with a flag in it', {host: '--password=x', digest}],
    ['an empty host', {host: '', digest}]
  ])('rejects %s', (_name, record) => expect(engine().owns(record)).toBe(false))
})
