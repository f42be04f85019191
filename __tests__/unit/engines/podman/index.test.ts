import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type {LoginCredential} from '../../../../src/credential.js'
import {fingerprint} from '../../../../src/engines/shared/auth-file.js'
import type {Engine, EngineContext} from '../../../../src/engines/engine.js'
import {EngineFailure} from '../../../../src/failure.js'
import {authFileLocation, authFilePath} from '../../../../src/places.js'
import {PODMAN_TIMINGS, podmanEngine, type PodmanLogin, type PodmanTimings} from '../../../../src/engines/podman/index.js'
import {UserError} from '../../../../src/errors.js'
import {LEDGER_FILE} from '../../../../src/ledger.js'
import {installFakePodman, podmanAnswers, podmanCalls} from '../../../support/fake-podman.js'
import {whichIn} from '../../../support/fake-docker.js'
import {recordingJournal, type RecordingJournal} from '../../../support/engine-kit.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const OTHER = 'registry.example.com:5000'
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

describe('authFileLocation: where podman, buildah and skopeo keep logins', () => {
  it.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, number, string, string]>([
    [
      'REGISTRY_AUTH_FILE wins over everything',
      {REGISTRY_AUTH_FILE: '/a/auth.json', DOCKER_CONFIG: '/d', XDG_RUNTIME_DIR: '/x'},
      'linux',
      1001,
      '/a/auth.json',
      'REGISTRY_AUTH_FILE'
    ],
    ['DOCKER_CONFIG: Docker config.json there', {DOCKER_CONFIG: '/d', XDG_RUNTIME_DIR: '/x'}, 'linux', 1001, '/d/config.json', 'DOCKER_CONFIG'],
    ['XDG_RUNTIME_DIR', {XDG_RUNTIME_DIR: '/run/user/1001'}, 'linux', 1001, '/run/user/1001/containers/auth.json', 'XDG_RUNTIME_DIR'],
    ['root, nothing set', {}, 'linux', 0, '/run/containers/0/auth.json', 'the default for uid 0 without XDG_RUNTIME_DIR'],
    ['another user, nothing set', {}, 'linux', 1001, '/run/containers/1001/auth.json', 'the default for uid 1001 without XDG_RUNTIME_DIR'],
    [
      'empty values count as unset',
      {REGISTRY_AUTH_FILE: '', DOCKER_CONFIG: '', XDG_RUNTIME_DIR: ''},
      'linux',
      0,
      '/run/containers/0/auth.json',
      'the default for uid 0 without XDG_RUNTIME_DIR'
    ],
    [
      'macOS: under the home directory, XDG_RUNTIME_DIR ignored',
      {HOME: '/Users/runner', XDG_RUNTIME_DIR: '/x'},
      'darwin',
      501,
      '/Users/runner/.config/containers/auth.json',
      'the default on this platform'
    ],
    ['Windows: under the profile', {USERPROFILE: 'C:\\Users\\runner'}, 'win32', 0, 'C:\\Users\\runner\\.config\\containers\\auth.json', 'the default on this platform'],
    ['Windows with DOCKER_CONFIG', {DOCKER_CONFIG: 'D:\\docker'}, 'win32', 0, 'D:\\docker\\config.json', 'DOCKER_CONFIG']
  ])('%s', (_name, env, platform, uid, file, source) => {
    expect(authFileLocation(env, platform, uid)).toMatchObject({file, source})
  })

  it('notes XDG_RUNTIME_DIR only when the file is under it', () => {
    expect(authFileLocation({XDG_RUNTIME_DIR: '/x'}, 'linux', 0).runtimeDir).toBe('/x')
    expect(authFileLocation({XDG_RUNTIME_DIR: '/x', REGISTRY_AUTH_FILE: '/a'}, 'linux', 0).runtimeDir).toBeUndefined()
  })

  it('authFilePath is the file for this process', () => {
    expect(authFilePath({REGISTRY_AUTH_FILE: '/a/auth.json'})).toBe('/a/auth.json')
    expect(authFilePath({})).toBe(`/run/containers/${process.getuid?.() ?? 0}/auth.json`)
  })
})

// ---------------------------------------------------------------------------------------------------------------------
// The engine, with a fake podman/skopeo/buildah (see __tests__/support/fake-podman.ts).

const CREDENTIAL: LoginCredential = {
  registry: {scheme: 'https', host: HOST},
  username: 'cn-north-4@HPUAEXAMPLEAK',
  password: 'f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd'
}
const SECOND: LoginCredential = {...CREDENTIAL, registry: {scheme: 'http', host: OTHER}}
const THEIRS: LoginCredential = {...CREDENTIAL, username: 'cn-north-4@THEIRAK', password: 'their-derived-key-0123456789abcdef'}
const OURS = {auth: b64(`${CREDENTIAL.username}:${CREDENTIAL.password}`)}
const RUN_A = 'a1b2c3d4e5f6a7b8c9d0e1f2'
const RUN_B = 'b1b2c3d4e5f6a7b8c9d0e1f2'

let root: string
let bin: string
let fake: string
let authFile: string
let tempDir: string
let logs: string[]

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-podman-engine-'))
  bin = path.join(root, 'bin')
  fake = path.join(root, 'fake')
  authFile = path.join(root, 'xdg', 'containers', 'auth.json')
  tempDir = path.join(root, 'runner-temp')
  fs.mkdirSync(path.join(root, 'xdg'), {mode: 0o700})
  logs = []
})
afterEach(() => fs.rmSync(root, {recursive: true, force: true}))

function context(overrides: Partial<EngineContext> = {}): EngineContext {
  return {
    places: {hostsDir: path.join(root, 'certs.d'), dockerConfig: path.join(root, 'docker'), authFile, tempDir},
    run: RUN_A,
    which: whichIn(bin),
    env: {
      PATH: process.env.PATH,
      FAKE_PODMAN_DIR: fake,
      XDG_RUNTIME_DIR: path.join(root, 'xdg'),
      // What the tools must not see.
      INPUT_ACCESS_KEY_SECRET: 'the-secret-key',
      STATE_login: '{}',
      ACTIONS_RUNTIME_TOKEN: 'runtime-token',
      GITHUB_STATE: '/f/state'
    },
    log: line => void logs.push(line),
    warn: () => undefined,
    retryPolicy: {attempts: 3, baseDelayMs: 1, maxDelayMs: 1},
    ...overrides
  }
}

const engine = (overrides: Partial<EngineContext> = {}, timings: Partial<PodmanTimings> = {}): ReturnType<typeof podmanEngine> =>
  podmanEngine(context(overrides), {...PODMAN_TIMINGS, ...timings})

const journal = (): RecordingJournal<PodmanLogin> => recordingJournal()

function writeAuthFile(content: unknown): string {
  fs.mkdirSync(path.dirname(authFile), {recursive: true})
  const text = typeof content === 'string' ? content : JSON.stringify(content)
  fs.writeFileSync(authFile, text, {mode: 0o600})
  return text
}
const readAuthFile = (): {auths: Record<string, unknown>} & Record<string, unknown> =>
  JSON.parse(fs.readFileSync(authFile, 'utf8')) as {auths: Record<string, unknown>} & Record<string, unknown>
const tempEntries = (): string[] => (fs.existsSync(tempDir) ? fs.readdirSync(tempDir) : [])

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.catch((e: unknown) => e)
  if (!(error instanceof Error)) throw new Error('expected a rejection')
  return error
}

describe('the podman engine: finding its tools', () => {
  it.each<[string[], string[], boolean]>([
    [['podman', 'skopeo', 'buildah'], ['podman', 'skopeo', 'buildah'], true],
    [['buildah'], ['buildah'], true],
    [['skopeo'], ['skopeo'], true],
    [[], [], false]
  ])('with %j on PATH: detects %j', async (tools, found, usable) => {
    installFakePodman(bin, tools)
    const e = engine()
    expect(await e.detect()).toEqual(found)
    expect(await e.unusable()).toBe(
      usable
        ? undefined
        : `none of podman, skopeo and buildah is on PATH. Install podman (or skopeo), or set 'engine: docker-config' (the Docker config file, which they read too).`
    )
    expect(e.tools).toEqual(['podman', 'skopeo', 'buildah'])
    expect(e.place).toBe('authFile')
  })

  it('says where it writes, and why there; sets auth-file only when used', () => {
    const e = engine()
    expect(e.describe?.()).toBe(`podman auth file: ${authFile} (XDG_RUNTIME_DIR)`)
    expect(e.outputs?.(true)).toEqual({'auth-file': authFile})
    expect(e.outputs?.(false)).toEqual({'auth-file': ''})
  })
})

describe('the podman engine: left out where a Docker engine already writes its auth file', () => {
  const docker = {name: 'docker', place: 'dockerConfig'} as Engine
  const containerd = {name: 'containerd', place: 'hostsDir'} as Engine
  const COVERED = (dir: string): string => `its auth file is the Docker config (${dir}/config.json), where the docker engine writes the login`
  it.each<[string, string, Engine[], boolean]>([
    ["the auth file is the Docker config's config.json, beside docker", 'config.json', [docker], true],
    ['the same file, beside containerd only', 'config.json', [containerd], false],
    ['another file in the Docker config directory (REGISTRY_AUTH_FILE there), beside docker', 'auth.json', [docker], false]
  ])('%s', (_name, file, others, covered) => {
    const dir = path.join(root, 'docker')
    const reason = engine({places: {...context().places, dockerConfig: dir, authFile: path.join(dir, file)}}).coveredBy?.(others)
    expect(reason).toBe(covered ? COVERED(dir) : undefined)
  })

  it('says when the Docker config keeps logins in a credential helper, which podman does not read', () => {
    const dir = path.join(root, 'docker')
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'config.json'), '{"credsStore":"pass"}')
    const reason = engine({places: {...context().places, dockerConfig: dir, authFile: path.join(dir, 'config.json')}}).coveredBy?.([docker])
    expect(reason).toBe(
      `${COVERED(dir)} (but that config names a credential helper, credsStore or credHelpers, which podman, buildah and ` +
        `skopeo do not read: where the login goes into the helper, only docker sees it; set 'engine: podman' alone, or ` +
        `REGISTRY_AUTH_FILE, for them)`
    )
  })
})

describe('the podman engine: login', () => {
  it('proves the password with podman login into a private file (stdin, stripped env), then writes the entry it wrote (0600, dir 0700)', async () => {
    installFakePodman(bin, ['podman', 'skopeo', 'buildah'])
    const j = journal()
    const {record, summary} = await engine().login(CREDENTIAL, j)
    expect(summary).toBe('podman')
    const [call, ...more] = podmanCalls(fake)
    expect(more).toEqual([])
    expect(call.tool).toBe('podman')
    const privateFile = call.argv[2]
    expect(call.argv).toEqual(['login', '--authfile', privateFile, '--username', CREDENTIAL.username, '--password-stdin', HOST])
    expect(path.dirname(path.dirname(privateFile))).toBe(tempDir)
    expect(call.stdin).toBe(CREDENTIAL.password)
    expect(Object.keys(call.env).filter(k => /^(INPUT_|STATE_|ACTIONS_RUNTIME_TOKEN|GITHUB_STATE)/.test(k))).toEqual([])
    expect(call.env.XDG_RUNTIME_DIR).toBe(path.join(root, 'xdg'))

    expect(readAuthFile()).toEqual({auths: {[HOST]: OURS}})
    expect(fs.statSync(authFile).mode & 0o777).toBe(0o600)
    expect(fs.statSync(path.dirname(authFile)).mode & 0o777).toBe(0o700)
    expect(record).toEqual({host: HOST, digest: fingerprint(OURS)})
    expect(j.events).toEqual([['add', record]])
    expect(fs.existsSync(path.join(path.dirname(authFile), LEDGER_FILE))).toBe(true)
    expect(tempEntries()).toEqual([]) // the private file is gone
  })

  it('a plain-HTTP registry is checked with --tls-verify=false', async () => {
    installFakePodman(bin)
    await engine().login(SECOND, journal())
    expect(podmanCalls(fake)[0].argv.slice(-2)).toEqual(['--tls-verify=false', OTHER])
  })

  it.each([['skopeo'], ['buildah']])('without podman, proves with %s and writes the file itself', async tool => {
    installFakePodman(bin, [tool])
    const {summary} = await engine().login(CREDENTIAL, journal())
    expect(summary).toBe(`podman auth file (checked with ${tool})`)
    expect(podmanCalls(fake).map(c => c.tool)).toEqual([tool])
    expect(readAuthFile().auths[HOST]).toEqual(OURS)
  })

  it('keeps the entry exactly as the tool wrote it (identity tokens and all)', async () => {
    installFakePodman(bin)
    podmanAnswers(fake, {entry: {auth: b64('u:p'), identitytoken: 'tok'}})
    const {record} = await engine().login(CREDENTIAL, journal())
    expect(readAuthFile().auths[HOST]).toEqual({auth: b64('u:p'), identitytoken: 'tok'})
    expect(record.digest).toBe(fingerprint({auth: b64('u:p'), identitytoken: 'tok'}))
  })

  it('merges into an existing file: every other key and login kept; one for the same host replaced and put back in post', async () => {
    installFakePodman(bin)
    const before = writeAuthFile({auths: {'quay.io': {auth: b64('q:q')}, [HOST]: {auth: b64('old:old')}}, credHelpers: {'gcr.io': 'gcr'}})
    const e = engine()
    const j = journal()
    const {record} = await e.login(CREDENTIAL, j)
    expect(record).toEqual({host: HOST, digest: fingerprint(OURS), replaced: 'login'})
    expect(j.events.map(([what, r]) => [what, r.replaced])).toEqual([
      ['add', undefined],
      ['add', 'login'],
      ['drop', undefined]
    ])
    expect(readAuthFile()).toEqual({auths: {'quay.io': {auth: b64('q:q')}, [HOST]: OURS}, credHelpers: {'gcr.io': 'gcr'}})
    expect(await e.undo(record)).toBe('podman login removed; the earlier login restored')
    expect(JSON.parse(fs.readFileSync(authFile, 'utf8'))).toEqual(JSON.parse(before))
    expect(fs.readdirSync(path.dirname(authFile))).toEqual(['auth.json']) // ledger and lock gone
  })

  it('a wrong password: EngineFailure unauthorized, the file byte-identical, nothing noted, no private file left', async () => {
    installFakePodman(bin)
    const before = writeAuthFile('{"auths":{"quay.io":{"auth":"cTpx"}}}\n')
    podmanAnswers(fake, {code: 125, stderr: `Error: logging into "${HOST}": invalid username/password\n`})
    const j = journal()
    const error = await rejection(engine().login(CREDENTIAL, j))
    expect(error).toBeInstanceOf(EngineFailure)
    expect(error).toMatchObject({kind: 'unauthorized', transient: false})
    expect(error.message).toBe(`${HOST} rejected the credentials. (podman: logging into "${HOST}": invalid username/password)`)
    expect(fs.readFileSync(authFile, 'utf8')).toBe(before)
    expect(fs.readdirSync(path.dirname(authFile))).toEqual(['auth.json'])
    expect(j.events).toEqual([])
    expect(tempEntries()).toEqual([])
    expect(podmanCalls(fake)).toHaveLength(1) // not tried again
  })

  it('takes every secret out of what the tool said', async () => {
    installFakePodman(bin)
    podmanAnswers(fake, {code: 125, stderr: `Error: the registry said ${CREDENTIAL.password}\n`})
    const error = await rejection(engine().login(CREDENTIAL, journal()))
    expect(error.message).not.toContain(CREDENTIAL.password)
    expect(error.message).toContain('***')
  })

  it('tries a transient failure again, saying why, and then logs in', async () => {
    installFakePodman(bin)
    podmanAnswers(fake, {code: 125, stderr: 'Error: pinging container registry h: received unexpected HTTP status: 503 Service Unavailable\n'}, 1)
    await engine().login(CREDENTIAL, journal())
    expect(podmanCalls(fake)).toHaveLength(2)
    expect(logs).toEqual([expect.stringMatching(new RegExp(`^${HOST}: podman login try 1 failed \\(podman: .*503 Service Unavailable\\); trying again in `))])
    expect(readAuthFile().auths[HOST]).toEqual(OURS)
  })

  it('gives up on a transient failure after the tries allowed', async () => {
    installFakePodman(bin)
    podmanAnswers(fake, {code: 125, stderr: 'Error: pinging container registry h: Get "https://h/v2/": EOF\n'})
    const error = await rejection(engine().login(CREDENTIAL, journal()))
    expect(error).toMatchObject({kind: 'other', transient: true})
    expect(podmanCalls(fake)).toHaveLength(3)
    expect(fs.existsSync(authFile)).toBe(false)
  })

  it('does not start a try that could only time out', async () => {
    installFakePodman(bin)
    podmanAnswers(fake, {code: 125, stderr: 'Error: EOF\n'})
    const e = engine({retryPolicy: {attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000}}, {loginMs: 5_000})
    await expect(e.login(CREDENTIAL, journal())).rejects.toMatchObject({kind: 'other'})
    expect(podmanCalls(fake)).toHaveLength(1)
  })

  it('a tool that hangs is stopped at the deadline, with a clear message', async () => {
    installFakePodman(bin)
    podmanAnswers(fake, {hang: true})
    const error = await rejection(engine({}, {loginMs: 300}).login(CREDENTIAL, journal()))
    expect(error).toBeInstanceOf(EngineFailure)
    expect(error.message).toBe(
      `Logging in to ${HOST} did not finish within 0 s. Check 'registry' and the network between the runner and the ` +
        `registry (HTTPS_PROXY, NO_PROXY), then run the job again. (podman: login was stopped after 0 s)`
    )
    expect(tempEntries()).toEqual([])
  }, 10_000)

  it('a tool that cannot be started: says so', async () => {
    installFakePodman(bin)
    fs.chmodSync(path.join(bin, 'podman'), 0o644)
    await expect(engine().login(CREDENTIAL, journal())).rejects.toThrow(/^podman could not be started \(.*EACCES/)
  })

  it('a tool that succeeds but writes no login for the host: an error, nothing written', async () => {
    installFakePodman(bin)
    podmanAnswers(fake, {entry: null})
    await expect(engine().login(CREDENTIAL, journal())).rejects.toThrow(`podman login succeeded but wrote no login for ${HOST} to its auth file`)
    expect(fs.existsSync(authFile)).toBe(false)
  })

  it('none of the tools on PATH any more', async () => {
    await expect(engine().login(CREDENTIAL, journal())).rejects.toThrow('none of podman, skopeo and buildah is on PATH any more')
  })
})

describe('the podman engine: what it refuses before asking the registry', () => {
  beforeEach(() => installFakePodman(bin))

  it('an auth file that is not JSON: names it, changes nothing', async () => {
    writeAuthFile('{not json')
    const error = await rejection(engine().login(CREDENTIAL, journal()))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(new RegExp(`^The podman auth file ${authFile} is not valid JSON`))
    expect(podmanCalls(fake)).toEqual([])
    expect(fs.readFileSync(authFile, 'utf8')).toBe('{not json')
  })

  it('a credential helper named for the host', async () => {
    writeAuthFile({credHelpers: {[HOST]: 'ecr-login'}})
    const error = await rejection(engine().login(CREDENTIAL, journal()))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain(`names the credential helper docker-credential-ecr-login for ${HOST} (credHelpers)`)
    expect(podmanCalls(fake)).toEqual([])
  })

  it('XDG_RUNTIME_DIR naming a directory that does not exist, as podman refuses it: unusable, and login refuses', async () => {
    const xdg = path.join(root, 'no-such-runtime-dir')
    authFile = path.join(xdg, 'containers', 'auth.json')
    const e = engine({env: {...context().env, XDG_RUNTIME_DIR: xdg}})
    const reason = `XDG_RUNTIME_DIR is ${xdg}, which does not exist, so podman would not use it. Create that directory, or unset XDG_RUNTIME_DIR, or set REGISTRY_AUTH_FILE to the auth file to use.`
    expect(await e.unusable()).toBe(reason)
    const error = await rejection(e.login(CREDENTIAL, journal()))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(`${reason} No login was written.`)
    expect(fs.existsSync(xdg)).toBe(false)
    expect(podmanCalls(fake)).toEqual([])
  })

  it('a place it could not create (a file on the way): unusable, and login refuses before the tool runs', async () => {
    fs.writeFileSync(path.join(root, 'a-file'), '')
    authFile = path.join(root, 'a-file', 'containers', 'auth.json')
    const e = engine({env: {...context().env, REGISTRY_AUTH_FILE: authFile}})
    const reason = `the podman auth file ${authFile} (REGISTRY_AUTH_FILE) cannot be written: ${path.join(root, 'a-file')} is not a directory. Set XDG_RUNTIME_DIR or REGISTRY_AUTH_FILE to a place this user can write.`
    expect(await e.unusable()).toBe(reason)
    await expect(e.login(CREDENTIAL, journal())).rejects.toThrow(`${reason} No login was written.`)
    expect(podmanCalls(fake)).toEqual([])
  })

  it('a directory made impossible while the tool runs: names the file and what to set, and notes nothing', async () => {
    authFile = path.join(root, 'blocked', 'containers', 'auth.json')
    podmanAnswers(fake, {clobber: {file: path.join(root, 'blocked'), text: ''}})
    const j = journal()
    const e = engine({env: {...context().env, REGISTRY_AUTH_FILE: authFile}})
    const error = await rejection(e.login(CREDENTIAL, j))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(
      new RegExp(`^Cannot create the directory of the podman auth file ${authFile} \\(REGISTRY_AUTH_FILE\\): .*Set XDG_RUNTIME_DIR or REGISTRY_AUTH_FILE`)
    )
    expect(j.events.map(([what]) => what)).toEqual(['add', 'drop'])
  })

  it('a write that fails: the note taken back, the error names the file', async () => {
    fs.mkdirSync(authFile, {recursive: true}) // a directory where the file should be
    const j = journal()
    await expect(engine().login(CREDENTIAL, j)).rejects.toThrow(/./)
    expect(j.events.map(([what]) => what)).toEqual([])
  })
})

describe('the podman engine: a shared auth file', () => {
  beforeEach(() => installFakePodman(bin))

  it('two runs: whichever post comes first, no login is lost, and the original comes back', async () => {
    const original = writeAuthFile({auths: {[HOST]: {auth: b64('old:old')}}})
    const a = engine()
    const b = engine({run: RUN_B})
    const {record: ra} = await a.login(CREDENTIAL, journal())
    const {record: rb} = await b.login(THEIRS, journal())
    expect(await a.undo(ra)).toBe(`another job's newer podman login left in place; ours was already replaced by it`)
    expect(readAuthFile().auths[HOST]).toEqual({auth: b64(`${THEIRS.username}:${THEIRS.password}`)})
    expect(await b.undo(rb)).toBe('podman login removed; the earlier login restored')
    expect(readAuthFile()).toEqual(JSON.parse(original))
  })

  it('first post of the one on top: the other run comes back', async () => {
    const a = engine()
    const b = engine({run: RUN_B})
    const {record: ra} = await a.login(CREDENTIAL, journal())
    const {record: rb} = await b.login(THEIRS, journal())
    expect(await b.undo(rb)).toMatch(/^podman login removed; the login of another job still running/)
    expect(readAuthFile().auths[HOST]).toEqual(OURS)
    expect(await a.undo(ra)).toBe('podman login removed')
    expect(readAuthFile()).toEqual({auths: {}})
  })

  it('a symlinked auth file is changed where it points, and the link stays', async () => {
    const real = path.join(root, 'elsewhere', 'auth.json')
    fs.mkdirSync(path.dirname(real), {recursive: true})
    fs.writeFileSync(real, '{"auths":{}}')
    fs.mkdirSync(path.dirname(authFile), {recursive: true})
    fs.symlinkSync(real, authFile)
    const e = engine()
    const {record} = await e.login(CREDENTIAL, journal())
    expect(fs.lstatSync(authFile).isSymbolicLink()).toBe(true)
    expect((JSON.parse(fs.readFileSync(real, 'utf8')) as {auths: unknown}).auths).toEqual({[HOST]: OURS})
    expect(await e.undo(record)).toBe('podman login removed')
    expect(fs.lstatSync(authFile).isSymbolicLink()).toBe(true)
  })
})

describe('the podman engine: post', () => {
  beforeEach(() => installFakePodman(bin))

  it('a login changed by someone else since main is left alone', async () => {
    const e = engine()
    const {record} = await e.login(CREDENTIAL, journal())
    const changed = readAuthFile()
    changed.auths[HOST] = {auth: b64('someone:else')}
    fs.writeFileSync(authFile, JSON.stringify(changed))
    expect(await e.undo(record)).toBe('the login in the auth file was changed since the main step (by someone else): left alone')
    expect(readAuthFile().auths[HOST]).toEqual({auth: b64('someone:else')})
  })

  it('run twice: the second time there is nothing to do', async () => {
    const e = engine()
    const {record} = await e.login(CREDENTIAL, journal())
    expect(await e.undo(record)).toBe('podman login removed')
    expect(await e.undo(record)).toBe('already removed: nothing to do')
  })

  it('the ledger deleted: ours still removed; a replaced login that cannot come back is named', async () => {
    writeAuthFile({auths: {[HOST]: {auth: b64('old:old')}}})
    const e = engine()
    const {record} = await e.login(CREDENTIAL, journal())
    fs.rmSync(path.join(path.dirname(authFile), LEDGER_FILE))
    expect(await e.undo(record)).toBe(
      `podman login removed; the login it replaced could not be put back, because the note of it in the auth file's ` +
        `directory (${LEDGER_FILE}) was deleted. Log in again if it is still needed.`
    )
    expect(readAuthFile().auths).toEqual({})
  })

  it("the auth file's directory gone: nothing to remove", async () => {
    const e = engine()
    const {record} = await e.login(CREDENTIAL, journal())
    fs.rmSync(path.dirname(authFile), {recursive: true})
    expect(await e.undo(record)).toBe(`the directory of the podman auth file ${authFile} is gone: nothing to remove`)
  })

  it('logout: false: the ledger forgets the login, which stays', async () => {
    const e = engine()
    const {record} = await e.login(CREDENTIAL, journal())
    await e.release?.(record)
    expect(fs.existsSync(path.join(path.dirname(authFile), LEDGER_FILE))).toBe(false)
    expect(readAuthFile().auths[HOST]).toEqual(OURS)
  })

  it('labels a record with its host and the file', () => {
    expect(engine().label({host: HOST, digest: 'a'.repeat(40)})).toEqual({host: HOST, thing: `the podman login in ${authFile}`})
  })

  it.each<[string, unknown, boolean]>([
    ['a record as login writes it', {host: HOST, digest: 'a'.repeat(40)}, true],
    ['with what it replaced', {host: OTHER, digest: 'b'.repeat(40), replaced: 'login'}, true],
    ['replaced: layer', {host: HOST, digest: 'b'.repeat(40), replaced: 'layer'}, true],
    ['replaced: same', {host: HOST, digest: 'b'.repeat(40), replaced: 'same'}, true],
    ['replaced: none (never written)', {host: HOST, digest: 'b'.repeat(40), replaced: 'none'}, false],
    ['a path for a host', {host: '../../etc', digest: 'a'.repeat(40)}, false],
    ['a host with a path', {host: `${HOST}/x`, digest: 'a'.repeat(40)}, false],
    ['an extra key (a file)', {host: HOST, digest: 'a'.repeat(40), file: '/etc/passwd'}, false],
    ["a docker record's helper", {host: HOST, digest: 'a'.repeat(40), helper: 'pass'}, false],
    ['a short digest', {host: HOST, digest: 'abc'}, false],
    ['no digest', {host: HOST}, false],
    ['null', null, false],
    ['an array', [HOST], false],
    ['a string', HOST, false]
  ])('owns: %s → %s', (_name, record, owned) => {
    expect(engine().owns(record)).toBe(owned)
  })
})

describe('the podman engine: what main and post ask of it', () => {
  it('checkPlace passes for an auth file in a directory of this user, and refuses one others may write to, naming the rule that chose it', () => {
    writeAuthFile({auths: {}})
    expect(() => engine().checkPlace?.()).not.toThrow()
    fs.chmodSync(path.dirname(authFile), 0o777)
    expect(() => engine().checkPlace?.()).toThrow(
      new RegExp(`^The podman auth file \\(XDG_RUNTIME_DIR: ${authFile}\\): ${path.dirname(authFile)} may be written to by other users`)
    )
  })

  it("holds: true while the auth file has exactly the record's entry, false once it is changed or gone", async () => {
    writeAuthFile({auths: {[HOST]: OURS}})
    const record = {host: HOST, digest: fingerprint(OURS)}
    expect(await engine().holds?.(record)).toBe(true)
    writeAuthFile({auths: {[HOST]: {auth: b64('someone:else')}}})
    expect(await engine().holds?.(record)).toBe(false)
    writeAuthFile('not json')
    expect(await engine().holds?.(record)).toBe(false)
  })

  it('byHand: where the login remains and the podman logout that removes it', () => {
    expect(engine().byHand?.({host: HOST, digest: 'a'.repeat(40)})).toBe(
      `remains in ${authFile}: remove it with 'podman logout --authfile ${authFile} ${HOST}' (or delete its entry in "auths")`
    )
  })
})
