import * as fs from 'node:fs'
import * as path from 'node:path'
import type {LoginCredential} from '../../../../src/credential.js'
import {fingerprint, type CredentialStore} from '../../../../src/engines/shared/auth-file.js'
import {dockerByHand, dockerConfigWriter, dockerEnv, isDockerLogin, removalLine, storeSummary, type DockerLogin} from '../../../../src/engines/shared/auth-file-writer.js'
import {UserError} from '../../../../src/errors.js'
import {LEDGER_FILE, type Removal} from '../../../../src/ledger.js'
import {engineContext, journalOps, readDockerConfigFile, recordingJournal, useTempDir, writeDockerConfig} from '../../../support/engine-kit.js'
import {helperCalls, helperStore, installFakeHelper, whichIn} from '../../../support/fake-docker.js'

// The part the docker and docker-config engines share: where a login goes (config.json or a credential helper, by
// docker's rule), writing it under the ledger, taking it off, releasing it, and the records. The engines' own tests
// drive it through each engine; these drive it alone.

const HOST = 'registry.example.com:5000'
const CREDENTIAL: LoginCredential = {registry: {scheme: 'https', host: HOST}, username: 'user', password: 'the-password-0123456789'}
const OURS = {auth: Buffer.from('user:the-password-0123456789').toString('base64')}

const tmp = useTempDir('docker-config-writer')
let root: string
let bin: string
let helperDir: string
let configDir: string
let warnings: string[]

beforeEach(() => {
  root = tmp()
  bin = path.join(root, 'bin')
  helperDir = path.join(root, 'helper')
  configDir = path.join(root, '.docker')
  fs.mkdirSync(bin)
  fs.mkdirSync(helperDir)
  warnings = []
})

function writer(which = whichIn(bin)): ReturnType<typeof dockerConfigWriter> {
  const context = engineContext(root, {
    places: {dockerConfig: configDir, tempDir: root},
    which,
    env: {PATH: process.env.PATH, FAKE_HELPER_DIR: helperDir},
    warn: line => void warnings.push(line)
  })
  return dockerConfigWriter(context, which, 5_000)
}

const writeConfig = (config: unknown): string => writeDockerConfig(configDir, config)
const readConfig = (): Record<string, unknown> => readDockerConfigFile(configDir)

describe('plan: the store docker would use, decided before anything changes', () => {
  it.each<[string, Record<string, unknown> | undefined, string[], CredentialStore['kind'], string | undefined]>([
    ['no config.json', undefined, [], 'file', undefined],
    ['config.json with logins only', {auths: {'other.example': {}}}, [], 'file', undefined],
    ['credsStore', {credsStore: 'a'}, ['a'], 'helper', 'a'],
    ['credHelpers for the host over credsStore', {credsStore: 'a', credHelpers: {[HOST]: 'b'}}, ['a', 'b'], 'helper', 'b'],
    ['credHelpers for the host empty: the file, over credsStore', {credsStore: 'a', credHelpers: {[HOST]: ''}}, ['a'], 'file', undefined],
    ['credHelpers for another host only', {credHelpers: {'other.example': 'b'}}, [], 'file', undefined]
  ])('%s', async (_name, config, helpers, kind, name) => {
    if (config) writeConfig(config)
    for (const helper of helpers) installFakeHelper(bin, helper)
    const plan = await writer().plan(CREDENTIAL)
    expect(plan.key).toBe(HOST)
    expect(plan.read.file).toBe(path.join(configDir, 'config.json'))
    expect(plan.store.kind).toBe(kind)
    expect(plan.store.kind === 'helper' ? plan.store.name : undefined).toBe(name)
    // Planning changes nothing and runs no helper.
    expect(fs.existsSync(path.join(configDir, LEDGER_FILE))).toBe(false)
    expect(helperCalls(helperDir)).toEqual([])
  })

  it('a config.json that is not JSON: a UserError naming it', async () => {
    fs.mkdirSync(configDir)
    fs.writeFileSync(path.join(configDir, 'config.json'), '{')
    await expect(writer().plan(CREDENTIAL)).rejects.toThrow(UserError)
  })

  it('Docker Hub is filed under its historical key', async () => {
    expect((await writer().plan({...CREDENTIAL, registry: {scheme: 'https', host: 'docker.io'}})).key).toBe('https://index.docker.io/v1/')
  })
})

describe('write and undo', () => {
  it("notes the record first, keeps the file's mode, and undo takes it off again", async () => {
    writeConfig({auths: {'other.example': {auth: 'eA=='}}, psFormat: 'x'})
    fs.chmodSync(path.join(configDir, 'config.json'), 0o640)
    const w = writer()
    const j = recordingJournal<DockerLogin>()
    const record = await w.write(await w.plan(CREDENTIAL), CREDENTIAL, j)
    expect(record).toEqual({host: HOST, digest: fingerprint(OURS)})
    expect(j.events).toEqual([['add', record]])
    expect(readConfig()).toEqual({auths: {'other.example': {auth: 'eA=='}, [HOST]: OURS}, psFormat: 'x'})
    expect(fs.statSync(path.join(configDir, 'config.json')).mode & 0o777).toBe(0o640)
    expect(await w.undo(record)).toBe('docker login removed')
    expect(readConfig()).toEqual({auths: {'other.example': {auth: 'eA=='}}, psFormat: 'x'})
  })

  it('a write that fails drops its note and names the file; the secret never shows', async () => {
    writeConfig({auths: {}})
    const w = writer()
    const plan = await w.plan(CREDENTIAL)
    fs.writeFileSync(path.join(configDir, LEDGER_FILE), 'not a ledger')
    const j = recordingJournal<DockerLogin>()
    const error = await w.write(plan, CREDENTIAL, j).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(new RegExp(`^could not write the docker login to ${path.join(configDir, 'config.json')}: `))
    expect((error as Error).message).not.toContain(CREDENTIAL.password)
    expect(journalOps(j)).toEqual(['add', 'drop'])
  })

  it('a helper login: stored through the helper, marker in config.json, erased by undo', async () => {
    installFakeHelper(bin, 'fake')
    writeConfig({credsStore: 'fake'})
    const w = writer()
    const record = await w.write(await w.plan(CREDENTIAL), CREDENTIAL, recordingJournal<DockerLogin>())
    expect(record.helper).toBe('fake')
    expect(helperStore(helperDir, 'fake')).toEqual({[HOST]: {Username: 'user', Secret: CREDENTIAL.password}})
    expect(readConfig()).toEqual({credsStore: 'fake', auths: {[HOST]: {}}})
    expect(await w.undo(record)).toBe('docker login removed')
    expect(helperStore(helperDir, 'fake')).toEqual({})
  })

  it('undo runs only a helper the config names', async () => {
    installFakeHelper(bin, 'evil')
    writeConfig({credsStore: 'fake'})
    await expect(writer().undo({host: HOST, digest: 'a'.repeat(40), helper: 'evil'})).rejects.toThrow(
      /names docker-credential-evil, which .* does not name, and the ledger holds no login of this run there: left alone/
    )
    expect(helperCalls(helperDir)).toEqual([])
  })

  it('undo with the config directory gone says so', async () => {
    expect(await writer().undo({host: HOST, digest: 'a'.repeat(40)})).toBe(`the Docker config directory ${configDir} is gone: nothing to remove`)
  })

  it('release: the login stays, the ledger forgets it', async () => {
    const w = writer()
    const record = await w.write(await w.plan(CREDENTIAL), CREDENTIAL, recordingJournal<DockerLogin>())
    await w.release(record)
    expect(fs.existsSync(path.join(configDir, LEDGER_FILE))).toBe(false)
    expect(readConfig()).toEqual({auths: {[HOST]: OURS}})
  })
})

describe('the records', () => {
  const digest = 'a'.repeat(40)
  it.each<[string, unknown, boolean]>([
    ['a record', {host: HOST, digest}, true],
    ['one that replaced a login', {host: HOST, digest, replaced: 'login'}, true],
    ['one in a helper', {host: HOST, digest, helper: 'ecr-login'}, true],
    ['null', null, false],
    ['a list', [HOST], false],
    ['replaced none', {host: HOST, digest, replaced: 'none'}, false],
    ['a helper path', {host: HOST, digest, helper: '../../bin/sh'}, false],
    ['an extra key', {host: HOST, digest, configDir: '/etc'}, false],
    ['a host with a path', {host: `${HOST}/org`, digest}, false],
    ['a short digest', {host: HOST, digest: 'abc'}, false]
  ])('%s: %s', (_name, record, owned) => expect(isDockerLogin(record)).toBe(owned))
})

describe('removalLine', () => {
  const file: DockerLogin = {host: HOST, digest: 'a'.repeat(40)}
  const helper: DockerLogin = {...file, helper: 'pass'}
  it.each<[Removal, DockerLogin, string]>([
    ['removed', file, 'docker login removed'],
    ['restored', file, 'docker login removed; the earlier login restored'],
    ['changed', file, 'the login in config.json was changed since the main step (by someone else): left alone'],
    ['stripped', helper, 'the login in docker-credential-pass was changed since the main step (by someone else): left alone'],
    [
      'removed-untracked',
      {...file, replaced: 'layer'},
      `docker login removed; the login it replaced could not be put back, because the note of it in the Docker config directory (${LEDGER_FILE}) was deleted. Log in again if it is still needed.`
    ],
    ['already', file, 'already removed: nothing to do']
  ])('%s', (removal, record, line) => expect(removalLine(removal, record)).toBe(line))
})

describe('storeSummary', () => {
  it.each<[CredentialStore, string]>([
    [{kind: 'file'}, ''],
    [{kind: 'helper', name: 'pass', where: 'credsStore in x', detected: false}, 'in docker-credential-pass']
  ])('%j → %j', (store, summary) => expect(storeSummary(store)).toBe(summary))
})

describe('dockerEnv', () => {
  it('keeps what a helper may see, drops the inputs, state, tokens and file commands, and sets DOCKER_CONFIG', () => {
    const env = dockerEnv('/cfg', {PATH: '/bin', INPUT_PASSWORD: 'x', STATE_login: '{}', ACTIONS_RUNTIME_TOKEN: 't', GITHUB_ENV: '/f', HOME: '/h'})
    expect(env).toEqual({PATH: '/bin', HOME: '/h', DOCKER_CONFIG: '/cfg'})
  })
})

describe('what post asks of the writer', () => {
  it('checkPlace passes for a config directory of this user, and refuses one others may write to, naming it', () => {
    fs.mkdirSync(configDir, {mode: 0o700})
    expect(() => writer().checkPlace()).not.toThrow()
    fs.chmodSync(configDir, 0o777)
    expect(() => writer().checkPlace()).toThrow(
      new RegExp(`^The Docker config \\(DOCKER_CONFIG, else ~/\\.docker: ${configDir}\\): ${configDir} may be written to by other users \\(mode 777\\)`)
    )
  })

  it("holds: true while config.json has exactly the record's login, false once it is changed or gone, and never asks a helper", async () => {
    const w = writer()
    const record = await w.write(await w.plan(CREDENTIAL), CREDENTIAL, recordingJournal<DockerLogin>())
    expect(await w.holds(record)).toBe(true)
    writeConfig({auths: {[HOST]: {auth: 'b3RoZXI='}}})
    expect(await w.holds(record)).toBe(false)
    fs.rmSync(configDir, {recursive: true})
    expect(await w.holds(record)).toBe(false)
    expect(await w.holds({...record, helper: 'fake'})).toBe(false)
  })

  it('undo erases from the helper this run wrote to even when a later step took credsStore out of the config (the ledger notes the helper)', async () => {
    installFakeHelper(bin, 'fake')
    writeConfig({credsStore: 'fake'})
    const w = writer()
    const record = await w.write(await w.plan(CREDENTIAL), CREDENTIAL, recordingJournal<DockerLogin>())
    expect(helperStore(helperDir, 'fake')[HOST]).toBeDefined()
    writeConfig({auths: {[HOST]: {}}})
    expect(await w.undo(record)).toBe('docker login removed')
    expect(helperStore(helperDir, 'fake')).toEqual({})
  })

  it.each<[string, Pick<DockerLogin, 'host' | 'helper'>, string]>([
    [
      'config.json',
      {host: HOST},
      `remains in /c/config.json: remove it with 'DOCKER_CONFIG=/c docker logout ${HOST}' (or delete the "${HOST}" entry of "auths" in that file)`
    ],
    [
      'a helper',
      {host: HOST, helper: 'pass'},
      `remains in docker-credential-pass: remove it with 'printf %s ${HOST} | docker-credential-pass erase', and its empty entry from /c/config.json`
    ],
    [
      "Docker Hub's historical key",
      {host: 'docker.io', helper: 'pass'},
      "remains in docker-credential-pass: remove it with 'printf %s https://index.docker.io/v1/ | docker-credential-pass erase', and its empty entry from /c/config.json"
    ]
  ])('dockerByHand, a login in %s: where it remains and the command that removes it', (_, record, expected) => {
    expect(dockerByHand('/c', record)).toBe(expected)
  })
})
