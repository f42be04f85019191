import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {STATE} from '../../src/names.js'
import {isPost, loadLoginState, markMainStarted, saveLoginState, type LoginState} from '../../src/state.js'
import {readFileCommands} from '../../script/file-commands.mjs'

// The runner's state, as main and post see it: main's core.saveState appends to the GITHUB_STATE file; the runner
// hands the last value of each name to post as STATE_<name>, which core.getState reads.

const PLACES = {
  hostsDir: '/etc/containerd/certs.d',
  dockerConfig: '/home/runner/.docker',
  authFile: '/run/user/1001/containers/auth.json',
  tempDir: '/home/runner/work/_temp'
}

const REALISTIC: LoginState = {
  logout: true,
  run: 'a1b2c3d4e5f6a7b8c9d0e1f2',
  places: PLACES,
  records: [
    {
      engine: 'docker',
      record: {
        host: 'swr.cn-north-4.myhuaweicloud.com',
        configDir: '/home/runner/.docker',
        previousEntryFile: '/home/runner/work/_temp/cloud-registry-login-Ab12/3f9a0b1c2d3e-docker-login.json'
      }
    },
    {
      engine: 'containerd',
      record: {
        host: '127.0.0.1:5000',
        file: '/etc/containerd/certs.d/127.0.0.1:5000/hosts.toml',
        hostUrl: 'http://127.0.0.1:5000',
        writtenSha256: 'c'.repeat(64),
        authorizationSha256: 'd'.repeat(64),
        backupFile: '/home/runner/work/_temp/cloud-registry-login-Xy/0a1b2c3d4e5f-hosts.toml',
        originalMode: 0o644,
        createdDirs: []
      }
    },
    {engine: 'docker', record: {host: 'swr.ap-southeast-3.myhuaweicloud.com', configDir: '/home/runner/.docker'}}
  ]
}

const ENV_NAMES = ['GITHUB_STATE', `STATE_${STATE.isPost}`, `STATE_${STATE.login}`]
let savedEnv: Record<string, string | undefined>
let dir: string
let stateFile: string

beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_NAMES.map(name => [name, process.env[name]]))
  for (const name of ENV_NAMES) delete process.env[name]
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-state-'))
  stateFile = path.join(dir, 'state')
  fs.writeFileSync(stateFile, '')
  process.env.GITHUB_STATE = stateFile
})

afterEach(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  fs.rmSync(dir, {recursive: true, force: true})
})

/** What the runner does between main and post: the last saved value of each name becomes STATE_<name>. */
function startPost(): void {
  delete process.env.GITHUB_STATE
  for (const [name, value] of readFileCommands(stateFile)) process.env[`STATE_${name}`] = value
}

describe('isPost / markMainStarted', () => {
  it('main: false before and after it marks itself started (the runner hands state to post only)', () => {
    expect(isPost()).toBe(false)
    markMainStarted()
    expect(isPost()).toBe(false)
    expect(readFileCommands(stateFile)).toEqual(new Map([[STATE.isPost, 'true']]))
  })

  it('post: true after main marked itself started', () => {
    markMainStarted()
    startPost()
    expect(isPost()).toBe(true)
  })

  it.each(['', 'false', 'TRUE', '1'])('STATE_isPost=%j is not post', value => {
    process.env[`STATE_${STATE.isPost}`] = value
    expect(isPost()).toBe(false)
  })
})

describe('saveLoginState / loadLoginState through the runner', () => {
  it('post reads back what main saved', () => {
    saveLoginState(REALISTIC)
    startPost()
    expect(loadLoginState()).toEqual(REALISTIC)
  })

  it('each save appends; post gets the last one', () => {
    const state: LoginState = {logout: true, run: 'a1b2c3d4e5f6a7b8c9d0e1f2', places: PLACES, records: []}
    saveLoginState(state)
    state.records.push(REALISTIC.records[2])
    saveLoginState(state)
    expect(fs.readFileSync(stateFile, 'utf8').match(new RegExp(`^${STATE.login}<<`, 'gm'))).toHaveLength(2)
    startPost()
    expect(loadLoginState()).toEqual({logout: true, run: 'a1b2c3d4e5f6a7b8c9d0e1f2', places: PLACES, records: [REALISTIC.records[2]]})
  })

  it('main saved nothing (it failed before logging in anywhere) → undefined', () => {
    markMainStarted()
    startPost()
    expect(loadLoginState()).toBeUndefined()
  })
})

describe('loadLoginState: the form of the saved state', () => {
  const valid = (): Record<string, unknown> => JSON.parse(JSON.stringify(REALISTIC)) as Record<string, unknown>
  const withPlaces = (change: (p: Record<string, unknown>) => void): Record<string, unknown> => {
    const v = valid()
    change(v.places as Record<string, unknown>)
    return v
  }

  it("'' → undefined", () => {
    expect(loadLoginState('')).toBeUndefined()
  })

  it.each<[string, LoginState]>([
    ['realistic', REALISTIC],
    ['no records, no logout', {logout: false, run: 'a1b2c3d4e5f6a7b8c9d0e1f2', places: PLACES, records: []}],
    // Each record's own form is its engine's to check.
    ['a record of any form', {logout: true, run: 'a1b2c3d4e5f6a7b8c9d0e1f2', places: PLACES, records: [{engine: 'containerd', record: null}]}],
    [
      'an isolated Docker config directory',
      {...REALISTIC, dockerConfigDir: {kind: 'isolated', dir: '/home/runner/work/_temp/cloud-registry-login-config-0123456789abcdef01234567'}}
    ],
    ['a Docker config directory main created', {...REALISTIC, dockerConfigDir: {kind: 'created', dir: '/srv/ci/docker'}}]
  ])('%s: read back as saved', (_name, state) => {
    expect(loadLoginState(JSON.stringify(state))).toEqual(state)
  })

  it.each(['{', 'not json', '{"logout": true,}', 'undefined'])('garbled %j throws', raw => {
    expect(() => loadLoginState(raw)).toThrow(SyntaxError)
  })

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 42],
    ['a string', 'login'],
    ['an array', []],
    ['an empty object', {}],
    ['logout as a string', {...valid(), logout: 'true'}],
    ['no logout', {places: PLACES, records: []}],
    ['no places', {logout: true, records: []}],
    ['places null', {...valid(), places: null}],
    ['places without hostsDir', withPlaces(p => delete p.hostsDir)],
    ['places without dockerConfig', withPlaces(p => delete p.dockerConfig)],
    ['places without authFile (a state of an older version)', withPlaces(p => delete p.authFile)],
    ['places.authFile null', withPlaces(p => (p.authFile = null))],
    ['places.tempDir a number', withPlaces(p => (p.tempDir = 5))],
    ['no records', {logout: true, run: 'a1b2c3d4e5f6a7b8c9d0e1f2', places: PLACES}],
    ['records not an array', {...valid(), records: {}}],
    ['a record null', {...valid(), records: [null]}],
    ['an unknown engine name', {...valid(), records: [{engine: 'nerdctl', record: {}}]}],
    ['a record without its engine', {...valid(), records: [{record: {}}]}],
    ['an engine without its record', {...valid(), records: [{engine: 'docker'}]}],
    // What post would remove: only a form config-dir/ writes (see its own tests for each refusal).
    ['a Docker config directory of another kind', {...valid(), dockerConfigDir: {kind: 'path', dir: '/srv/ci/docker'}}],
    ['a Docker config directory that is relative', {...valid(), dockerConfigDir: {kind: 'isolated', dir: 'docker'}}],
    ['a Docker config directory with more in it', {...valid(), dockerConfigDir: {kind: 'created', dir: '/srv/ci/docker', created: '/'}}],
    ['a Docker config directory of null', {...valid(), dockerConfigDir: null}],
    // the layout before engines had one list
    ['the old layout', {logout: true, docker: [{host: 'swr.cn-north-4.myhuaweicloud.com'}], containerd: []}]
  ])('wrong form (%s) throws', (_name, value) => {
    expect(() => loadLoginState(JSON.stringify(value))).toThrow('the saved state is not in the expected form')
  })
})
