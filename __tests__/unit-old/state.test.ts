import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {emptyState, isPost, loadLoginState, markMainStarted, saveLoginState, type LoginState} from '../../src/state.js'

const REALISTIC: LoginState = {
  logout: true,
  docker: [
    {host: 'swr.cn-north-4.myhuaweicloud.com', previousEntryFile: '/home/runner/work/_temp/cloud-registry-login-docker-Ab12/3f9a.json'},
    {host: 'swr.ap-southeast-3.myhuaweicloud.com'}
  ],
  containerd: [
    {
      host: 'swr.cn-north-4.myhuaweicloud.com',
      file: '/home/runner/work/_temp/containerd/certs.d/swr.cn-north-4.myhuaweicloud.com/hosts.toml',
      hostUrl: 'https://swr.cn-north-4.myhuaweicloud.com',
      writtenSha256: 'a'.repeat(64),
      authorizationSha256: 'b'.repeat(64),
      createdDirs: [
        '/home/runner/work/_temp/containerd/certs.d/swr.cn-north-4.myhuaweicloud.com',
        '/home/runner/work/_temp/containerd/certs.d',
        '/home/runner/work/_temp/containerd'
      ]
    },
    {
      host: '127.0.0.1:5000',
      file: '/etc/containerd/certs.d/127.0.0.1:5000/hosts.toml',
      hostUrl: 'http://127.0.0.1:5000',
      writtenSha256: 'c'.repeat(64),
      authorizationSha256: 'd'.repeat(64),
      backupFile: '/home/runner/work/_temp/cloud-registry-login-Xy/hosts-0a1b2c3d4e5f.toml',
      originalMode: 0o644,
      createdDirs: []
    }
  ]
}

/** Values in GITHUB_STATE's `name<<delimiter` format, as core.saveState writes them. */
function readStateFile(file: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^(.+?)<<(ghadelimiter_[0-9a-f-]+)\r?\n([\s\S]*?)\r?\n\2\r?$/gm
  for (const m of fs.readFileSync(file, 'utf8').matchAll(re)) out[m[1]] = m[3]
  return out
}

describe('emptyState', () => {
  it.each([true, false])('logout %s', logout => {
    expect(emptyState(logout)).toEqual({logout, docker: [], containerd: []})
  })
})

describe('loadLoginState', () => {
  it('round-trips a realistic state through JSON', () => {
    const loaded = loadLoginState(JSON.stringify(REALISTIC))
    expect(loaded).toEqual(REALISTIC)
  })

  it('round-trips an empty state', () => {
    expect(loadLoginState(JSON.stringify(emptyState(false)))).toEqual({logout: false, docker: [], containerd: []})
  })

  it("'' (main saved nothing) → undefined", () => {
    expect(loadLoginState('')).toBeUndefined()
  })

  it.each(['{', 'not json', '{"logout": true,}', 'undefined'])('malformed JSON %j throws', raw => {
    expect(() => loadLoginState(raw)).toThrow(SyntaxError)
  })

  const valid = (): Record<string, unknown> => JSON.parse(JSON.stringify(REALISTIC)) as Record<string, unknown>
  const containerd0 = (change: (c: Record<string, unknown>) => void): Record<string, unknown> => {
    const v = valid()
    change((v.containerd as Record<string, unknown>[])[0])
    return v
  }

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 42],
    ['a string', 'login'],
    ['an array', []],
    ['an empty object', {}],
    ['logout as a string', {...valid(), logout: 'true'}],
    ['no logout', {docker: [], containerd: []}],
    ['docker not an array', {...valid(), docker: {}}],
    ['no docker', {logout: true, containerd: []}],
    ['docker entry null', {...valid(), docker: [null]}],
    ['docker entry without host', {...valid(), docker: [{previousEntryFile: '/x'}]}],
    ['docker host a number', {...valid(), docker: [{host: 5000}]}],
    ['containerd not an array', {...valid(), containerd: 'x'}],
    ['containerd entry null', {...valid(), containerd: [null]}],
    ['containerd entry without file', containerd0(c => delete c.file)],
    ['containerd entry without writtenSha256', containerd0(c => delete c.writtenSha256)],
    ['containerd entry without hostUrl', containerd0(c => delete c.hostUrl)],
    ['containerd createdDirs not an array', containerd0(c => (c.createdDirs = '/x'))]
  ])('wrong shape (%s) throws', (_name, value) => {
    expect(() => loadLoginState(JSON.stringify(value))).toThrow('the saved state is not in the expected form')
  })

  describe('without an argument, reads the state the runner hands to post', () => {
    afterEach(() => {
      delete process.env.STATE_login
    })

    it('STATE_login set', () => {
      process.env.STATE_login = JSON.stringify(REALISTIC)
      expect(loadLoginState()).toEqual(REALISTIC)
    })

    it('STATE_login not set → undefined', () => {
      delete process.env.STATE_login
      expect(loadLoginState()).toBeUndefined()
    })
  })
})

describe('isPost', () => {
  afterEach(() => {
    delete process.env.STATE_isPost
  })

  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['', false],
    ['false', false],
    ['TRUE', false],
    ['true', true]
  ])('STATE_isPost=%j → %s', (value, expected) => {
    if (value === undefined) delete process.env.STATE_isPost
    else process.env.STATE_isPost = value
    expect(isPost()).toBe(expected)
  })
})

describe('saving state through GITHUB_STATE', () => {
  const savedGithubState = process.env.GITHUB_STATE
  let dir: string
  let stateFile: string

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-state-'))
    stateFile = path.join(dir, 'state.txt')
    fs.writeFileSync(stateFile, '')
    process.env.GITHUB_STATE = stateFile
  })
  afterEach(() => {
    if (savedGithubState === undefined) delete process.env.GITHUB_STATE
    else process.env.GITHUB_STATE = savedGithubState
    fs.rmSync(dir, {recursive: true, force: true})
  })

  it('markMainStarted saves isPost=true', () => {
    markMainStarted()
    expect(readStateFile(stateFile)).toEqual({isPost: 'true'})
  })

  it('saveLoginState saves JSON that loadLoginState reads back', () => {
    saveLoginState(REALISTIC)
    const saved = readStateFile(stateFile)
    expect(Object.keys(saved)).toEqual(['login'])
    expect(JSON.parse(saved.login)).toEqual(REALISTIC)
    expect(loadLoginState(saved.login)).toEqual(REALISTIC)
  })

  it('each save appends; the runner keeps the last value', () => {
    const state = emptyState(true)
    saveLoginState(state)
    state.docker.push({host: 'swr.cn-north-4.myhuaweicloud.com'})
    saveLoginState(state)
    const text = fs.readFileSync(stateFile, 'utf8')
    expect(text.match(/^login<</gm)).toHaveLength(2)
    expect(loadLoginState(readStateFile(stateFile).login)).toEqual({
      logout: true,
      docker: [{host: 'swr.cn-north-4.myhuaweicloud.com'}],
      containerd: []
    })
  })
})
