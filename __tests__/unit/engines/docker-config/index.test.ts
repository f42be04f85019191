import {execFileSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as https from 'node:https'
import type {AddressInfo} from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import type {LoginCredential} from '../../../../src/credential.js'
import {fingerprint} from '../../../../src/engines/shared/auth-file.js'
import {AUTO_REASON, dockerConfigEngine, dockerConfigWording, DOCKER_CONFIG_OPTIONS} from '../../../../src/engines/docker-config/index.js'
import {removalLine, type DockerLogin} from '../../../../src/engines/shared/auth-file-writer.js'
import {dockerEngine} from '../../../../src/engines/docker/index.js'
import type {EngineContext} from '../../../../src/engines/engine.js'
import {EngineFailure} from '../../../../src/failure.js'
import {UserError} from '../../../../src/errors.js'
import {LEDGER_FILE} from '../../../../src/ledger.js'
import {b64, engineContext, journalOps, readBack, readDockerConfigFile, recordingJournal, RUN_A, RUN_B, useTempDir, writeDockerConfig} from '../../../support/engine-kit.js'
import {helperCalls, helperStore, installFakeHelper, setHelperStore, whichIn} from '../../../support/fake-docker.js'
import {LocalServer, type Reply} from '../../../support/local-server.js'

const USER = 'cn-north-4@HPUAEXAMPLEAK'
const PASSWORD = 'f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd'
const OURS = {auth: b64(`${USER}:${PASSWORD}`)}
const OLD_ENTRY = {auth: b64('cn-north-4@OLD:old-password')}

// A registry on loopback (plain HTTP) that accepts the login unless a test says otherwise.
let registry: LocalServer
let answer: Reply = {status: 200}
beforeAll(async () => {
  registry = await LocalServer.start(() => answer)
})
afterAll(() => registry.close())

const tmp = useTempDir('docker-config-engine')
let root: string
let bin: string
let helperDir: string
let configDir: string
let logs: string[]
let warnings: string[]
let looked: string[]

beforeEach(() => {
  answer = {status: 200}
  registry.received.length = 0
  root = tmp()
  bin = path.join(root, 'bin')
  helperDir = path.join(root, 'helper')
  configDir = path.join(root, 'home', '.docker')
  fs.mkdirSync(bin)
  fs.mkdirSync(helperDir)
  logs = []
  warnings = []
  looked = []
})

const HOST = (): string => `127.0.0.1:${registry.port}`
const credential = (password = PASSWORD, scheme: 'http' | 'https' = 'http', host = HOST()): LoginCredential => ({
  registry: {scheme, host},
  username: USER,
  password
})

function context(overrides: Partial<EngineContext> = {}): EngineContext {
  const inBin = whichIn(bin)
  return engineContext(root, {
    places: {dockerConfig: configDir},
    which: async tool => {
      looked.push(tool)
      return inBin(tool)
    },
    env: {PATH: process.env.PATH, FAKE_HELPER_DIR: helperDir, INPUT_ACCESS_KEY_SECRET: 'the-secret-key'},
    log: line => void logs.push(line),
    warn: line => void warnings.push(line),
    ...overrides
  })
}

const engine = (overrides: Partial<EngineContext> = {}, certs: string[] = []): ReturnType<typeof dockerConfigEngine> =>
  dockerConfigEngine(context(overrides), {...DOCKER_CONFIG_OPTIONS, certsDirs: certs})

const configPath = (): string => path.join(configDir, 'config.json')
const writeConfig = (config: unknown): string => writeDockerConfig(configDir, config)
const readConfig = (): Record<string, unknown> => readDockerConfigFile(configDir)
const configBytes = (): Buffer => fs.readFileSync(configPath())

describe('how auto finds it', () => {
  it('is picked, with its reason, when no docker CLI is on PATH; docker is looked up once', async () => {
    const e = engine()
    expect(e.name).toBe('docker-config')
    expect(e.place).toBe('dockerConfig')
    expect(e.tools).toEqual([])
    expect(await e.detect()).toEqual([])
    expect(await e.autoReason?.()).toBe(AUTO_REASON)
    expect(await e.autoReason?.()).toBe('no docker CLI on PATH: writing the Docker config file')
    expect(looked).toEqual(['docker'])
    expect(await e.unusable()).toBeUndefined()
  })

  it('is not picked where a docker CLI is (the docker engine is), but works when asked for by name', async () => {
    fs.writeFileSync(path.join(bin, 'docker'), '')
    const e = engine()
    expect(await e.autoReason?.()).toBeUndefined()
    expect(await e.unusable()).toBeUndefined()
  })

  it('says which file it writes', () => {
    expect(engine().describe?.()).toBe(`Docker config file: ${configPath()}`)
  })
})

describe('login into config.json', () => {
  it('asks the registry with the Authorization a client sends, then merges the login in, keeping everything else', async () => {
    writeConfig({auths: {'other.example': {auth: 'eA=='}}, psFormat: 'table', HttpHeaders: {'X-A': '1'}, proxies: {default: {httpProxy: 'x'}}})
    const modeBefore = fs.statSync(configPath()).mode & 0o777
    const j = recordingJournal<DockerLogin>()
    const e = engine()
    const result = await e.login(credential(), j)

    const record = {host: HOST(), digest: fingerprint(OURS)}
    expect(result).toEqual({record, summary: `docker-config (${configPath()})`})
    expect(j.events).toEqual([['add', record]])
    expect(readConfig()).toEqual({
      auths: {'other.example': {auth: 'eA=='}, [HOST()]: OURS},
      psFormat: 'table',
      HttpHeaders: {'X-A': '1'},
      proxies: {default: {httpProxy: 'x'}}
    })
    // The file's mode as it was (docker login keeps it too).
    expect(fs.statSync(configPath()).mode & 0o777).toBe(modeBefore)
    expect(registry.received).toHaveLength(1)
    expect(registry.received[0]).toMatchObject({method: 'GET', url: '/v2/'})
    expect(registry.received[0].headers.authorization).toBe(`Basic ${OURS.auth}`)
    expect(fs.existsSync(path.join(configDir, LEDGER_FILE))).toBe(true)
    expect(e.owns(readBack(result.record))).toBe(true)
    expect(e.label(result.record)).toEqual({host: HOST(), thing: 'the login in the Docker config'})
    expect(warnings).toEqual([])
    expect(logs).toEqual([])
  })

  it('creates the config directory (0700) and the file when there are none', async () => {
    await engine().login(credential(), recordingJournal<DockerLogin>())
    expect(readConfig()).toEqual({auths: {[HOST()]: OURS}})
    expect(fs.statSync(configDir).mode & 0o777).toBe(0o700)
  })

  it('prepare starts the registry check ahead of login, which awaits it: the registry is asked once', async () => {
    const e = engine()
    e.prepare?.(credential())
    await new Promise(resolve => setTimeout(resolve, 100))
    expect(registry.received).toHaveLength(1)
    await e.login(credential(), recordingJournal<DockerLogin>())
    expect(registry.received).toHaveLength(1)
  })

  it('a prepared check that fails is reported by login, not as an unhandled rejection', async () => {
    answer = {status: 401, headers: {'www-authenticate': 'Basic realm="r"'}}
    const e = engine()
    e.prepare?.(credential())
    await new Promise(resolve => setTimeout(resolve, 100))
    await expect(e.login(credential(), recordingJournal<DockerLogin>())).rejects.toBeInstanceOf(EngineFailure)
  })
})

describe('a credential the registry does not take, or a config it cannot use: nothing written', () => {
  it.each<[string, Reply, string, RegExp]>([
    ['a rejected password', {status: 401, headers: {'www-authenticate': 'Basic realm="r"'}}, 'unauthorized', /rejected the credentials\.$/],
    ['a denied account', {status: 403}, 'denied', /denied the login\.$/],
    ['something that is not a registry', {status: 404}, 'other', /does not answer as a container registry does: check 'registry'\.$/]
  ])('%s: fails with its kind and leaves config.json byte for byte', async (_name, reply, kind, statement) => {
    writeConfig({auths: {[HOST()]: OLD_ENTRY}, psFormat: 'x'})
    const before = configBytes()
    answer = reply
    const j = recordingJournal<DockerLogin>()
    const error = await engine()
      .login(credential('wrong-password'), j)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EngineFailure)
    expect(error).toMatchObject({kind})
    expect((error as EngineFailure).statement).toMatch(statement)
    expect((error as EngineFailure).statement).toContain(HOST())
    expect((error as EngineFailure).detail).toMatch(/^registry check: GET http:\/\/127\.0\.0\.1:\d+\/v2\/: HTTP \d{3}$/)
    expect((error as Error).message).not.toContain('wrong-password')
    expect(j.events).toEqual([])
    expect(configBytes()).toEqual(before)
    expect(fs.readdirSync(configDir)).toEqual(['config.json'])
  })

  it("https:// to a plain-HTTP registry: names 'registry' and the scheme to use, in this engine's words", async () => {
    const error = await engine()
      .login(credential(PASSWORD, 'https'), recordingJournal<DockerLogin>())
      .catch((e: unknown) => e)
    expect((error as EngineFailure).statement).toBe(`${HOST()} speaks plain HTTP, but 'registry' says https://. Set 'registry: http://${HOST()}'.`)
    expect(fs.existsSync(configDir)).toBe(false)
  })

  it('a config.json it cannot parse is refused before the registry is awaited, and left as it is', async () => {
    writeConfig('{"auths": {')
    const j = recordingJournal<DockerLogin>()
    await expect(engine().login(credential(), j)).rejects.toThrow(UserError)
    expect(j.events).toEqual([])
    expect(configBytes().toString()).toBe('{"auths": {')
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['credHelpers for the registry', {credHelpers: {HOST: 'missing'}}, 'credHelpers["HOST"]'],
    ['credsStore', {credsStore: 'missing', auths: {}}, 'credsStore']
  ])('%s naming a helper not on PATH: refused, naming the helper, where it is set and what to do', async (_name, config, where) => {
    const host = HOST()
    const file = writeConfig(JSON.parse(JSON.stringify(config).replace('HOST', host)))
    const before = configBytes()
    const j = recordingJournal<DockerLogin>()
    await expect(engine().login(credential(), j)).rejects.toThrow(
      `the credential helper docker-credential-missing (${where.replace('HOST', host)} in ${file}) is not on PATH. Install it, ` +
        `or change the Docker config so that logins for this registry go elsewhere.`
    )
    expect(j.events).toEqual([])
    expect(configBytes()).toEqual(before)
    expect(fs.readdirSync(configDir)).toEqual(['config.json'])
  })

  it('the ledger cannot be read: the login fails naming it, and config.json is not changed', async () => {
    writeConfig({auths: {}})
    fs.writeFileSync(path.join(configDir, LEDGER_FILE), 'not json')
    const j = recordingJournal<DockerLogin>()
    await expect(engine().login(credential(), j)).rejects.toThrow(`could not write the docker login to ${configPath()}:`)
    expect(journalOps(j)).toEqual(['add', 'drop'])
    expect(readConfig()).toEqual({auths: {}})
  })
})

describe('post: undone exactly like the docker engine', () => {
  it('puts back the earlier login and every other setting; a second post changes nothing', async () => {
    writeConfig({auths: {[HOST()]: OLD_ENTRY, 'other.example': {auth: 'eA=='}}, psFormat: 'x'})
    const before = readConfig()
    const j = recordingJournal<DockerLogin>()
    const {record} = await engine().login(credential(), j)
    expect(record.replaced).toBe('login')
    expect(journalOps(j)).toEqual(['add', 'add', 'drop'])
    expect(await engine().undo(record)).toBe(removalLine('restored', record))
    expect(readConfig()).toEqual(before)
    expect(fs.existsSync(path.join(configDir, LEDGER_FILE))).toBe(false)
    expect(await engine().undo(record)).toBe(removalLine('already', record))
    expect(readConfig()).toEqual(before)
  })

  it('two jobs sharing the config: the later login stays until its own post, then the original comes back', async () => {
    writeConfig({auths: {[HOST()]: OLD_ENTRY}})
    const a = await engine({run: RUN_A}).login(credential(), recordingJournal<DockerLogin>())
    const b = await engine({run: RUN_B}).login(credential(PASSWORD.replace('f', 'e')), recordingJournal<DockerLogin>())
    expect(await engine({run: RUN_A}).undo(a.record)).toBe(removalLine('superseded', a.record))
    expect((readConfig().auths as Record<string, unknown>)[HOST()]).toEqual({auth: b64(`${USER}:${PASSWORD.replace('f', 'e')}`)})
    expect(await engine({run: RUN_B}).undo(b.record)).toBe(removalLine('restored', b.record))
    expect(readConfig()).toEqual({auths: {[HOST()]: OLD_ENTRY}})
  })

  it("the docker engine's post undoes its record and the other way round: the same records, the same ledger", async () => {
    const {record} = await engine().login(credential(), recordingJournal<DockerLogin>())
    const docker = dockerEngine(context())
    expect(docker.owns(record)).toBe(true)
    expect(await docker.undo(record)).toBe(removalLine('removed', record))
    expect(readConfig()).toEqual({auths: {}})
  })

  it("release (logout: false) leaves the login for good: the ledger forgets it, and a later post can't take it off", async () => {
    const {record} = await engine().login(credential(), recordingJournal<DockerLogin>())
    await engine().release?.(record)
    expect(fs.existsSync(path.join(configDir, LEDGER_FILE))).toBe(false)
    expect(readConfig()).toEqual({auths: {[HOST()]: OURS}})
  })

  it.each<[string, boolean, unknown]>([
    ['its own record', true, {host: '127.0.0.1:5000', digest: 'a'.repeat(40)}],
    ['one in a helper', true, {host: '127.0.0.1:5000', digest: 'a'.repeat(40), helper: 'pass'}],
    ['one with an extra key', false, {host: '127.0.0.1:5000', digest: 'a'.repeat(40), file: '/etc/passwd'}],
    ['a containerd record', false, {host: '127.0.0.1:5000', scheme: 'http', digest: 'a'.repeat(64), auth: 'a'.repeat(64), added: 'file'}]
  ])('owns %s: %s', (_name, owned, record) => expect(engine().owns(record)).toBe(owned))
})

describe('logins kept in a credential helper', () => {
  beforeEach(() => installFakeHelper(bin, 'fake'))

  it('credHelpers: stored through docker-credential-<name> store, with the marker in config.json; post erases both', async () => {
    writeConfig({credHelpers: {[HOST()]: 'fake'}, auths: {}})
    const e = engine()
    const {record, summary} = await e.login(credential(), recordingJournal<DockerLogin>())
    expect(record).toEqual({host: HOST(), digest: fingerprint({Username: USER, Secret: PASSWORD}), helper: 'fake'})
    expect(summary).toBe('docker-config (in docker-credential-fake)')
    expect(helperStore(helperDir, 'fake')).toEqual({[HOST()]: {Username: USER, Secret: PASSWORD}})
    expect(readConfig()).toEqual({credHelpers: {[HOST()]: 'fake'}, auths: {[HOST()]: {}}})
    expect(fs.readFileSync(configPath(), 'utf8')).not.toContain(PASSWORD)
    expect(fs.readFileSync(path.join(configDir, LEDGER_FILE), 'utf8')).not.toContain(PASSWORD)
    expect(helperCalls(helperDir)).toContain(`fake store ${JSON.stringify({ServerURL: HOST(), Username: USER, Secret: '(secret)'})}`)

    expect(await engine().undo(record)).toBe(removalLine('removed', record))
    expect(helperStore(helperDir, 'fake')).toEqual({})
    expect(readConfig()).toEqual({credHelpers: {[HOST()]: 'fake'}, auths: {}})
  })

  it('warns that an earlier login the helper held cannot come back', async () => {
    writeConfig({credsStore: 'fake'})
    setHelperStore(helperDir, 'fake', {[HOST()]: {Username: 'earlier', Secret: 'old-secret'}})
    const {record} = await engine().login(credential(), recordingJournal<DockerLogin>())
    expect(record.replaced).toBe('login')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/docker-credential-fake already held a login for this registry; it was replaced/)
  })

  it('a rejected credential never reaches the helper', async () => {
    writeConfig({credsStore: 'fake'})
    answer = {status: 401}
    await expect(engine().login(credential(), recordingJournal<DockerLogin>())).rejects.toBeInstanceOf(EngineFailure)
    expect(helperCalls(helperDir)).toEqual([])
    expect(helperStore(helperDir, 'fake')).toEqual({})
  })
})

describe('TLS: the CAs docker and the containers clients trust for the registry', () => {
  let tlsDir: string
  let key: string
  let cert: string
  let server: https.Server
  beforeAll(async () => {
    tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-docker-config-tls-'))
    // prettier-ignore
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(tlsDir, 'key.pem'), '-out', path.join(tlsDir, 'cert.pem')], {stdio: 'ignore'})
    key = fs.readFileSync(path.join(tlsDir, 'key.pem'), 'utf8')
    cert = fs.readFileSync(path.join(tlsDir, 'cert.pem'), 'utf8')
    server = https.createServer({key, cert}, (_req, res) => res.writeHead(200).end('{}'))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    await new Promise(resolve => server.close(resolve))
    fs.rmSync(tlsDir, {recursive: true, force: true})
  })
  const tlsHost = (): string => `127.0.0.1:${(server.address() as AddressInfo).port}`

  it('trusts a CA in <certs.d>/<host>/*.crt: the credential is checked, no warning', async () => {
    const certsD = path.join(root, 'etc-docker-certs.d')
    fs.mkdirSync(path.join(certsD, tlsHost()), {recursive: true})
    fs.writeFileSync(path.join(certsD, tlsHost(), 'ca.crt'), cert)
    const {record} = await engine({}, [path.join(root, 'none'), certsD]).login(credential(PASSWORD, 'https', tlsHost()), recordingJournal<DockerLogin>())
    expect(record.host).toBe(tlsHost())
    expect(warnings).toEqual([])
  })

  it('without it: warns in its own words (what the clients may trust, where to put the CA) and writes the login', async () => {
    await engine().login(credential(PASSWORD, 'https', tlsHost()), recordingJournal<DockerLogin>())
    expect(warnings).toEqual([
      `${tlsHost()}: the credential was not checked before it was written to the Docker config: Node does not trust the ` +
        `registry's TLS certificate (DEPTH_ZERO_SELF_SIGNED_CERT), and its clients may trust it all the same (their own ` +
        `system store, SSL_CERT_FILE). If pulls fail with an x509 error, put its CA in /etc/docker/certs.d/${tlsHost()}/ca.crt ` +
        `or /etc/containers/certs.d/${tlsHost()}/ca.crt.`
    ])
    expect(Object.keys(readConfig().auths as object)).toEqual([tlsHost()])
  })
})

describe('dockerConfigWording', () => {
  it('names the Docker config, its clients and the certs.d directories of the host', () => {
    const words = dockerConfigWording('reg.example:5000')
    expect(words.untrusted(true)).toBe(words.untrusted(false))
    expect(words.untrusted(false)).toContain('/etc/containers/certs.d/reg.example:5000/ca.crt')
    expect(`${words.given} ${words.asks} ${words.proxy} ${words.sends}`).not.toMatch(/containerd/)
  })
})
