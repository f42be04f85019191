import {jest} from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {secretForms} from '../../src/credential.js'
import {UserError} from '../../src/errors.js'
import {forgetSecrets} from '../../src/secrets.js'
import type {ObtainContext} from '../../src/providers/provider.js'
import type {LoginState} from '../../src/state.js'
import * as core from '../fixtures/core.js'
import {
  engineFailure,
  FAKE_ENV,
  fakeApiSource,
  fakeLocalSource,
  fakeWorld,
  hostsDirOutput,
  type FakeSourceOptions,
  type FakeWorld,
  type FakeWorldOptions
} from '../support/fakes.js'

jest.unstable_mockModule('@actions/core', () => core)
const {main} = await import('../../src/main.js')

const A = 'cn-north-4'
const B = 'ap-southeast-3'
const C = 'eu-west-101'
const hostOf = (region: string): string => `registry.${region}.example`
/** The docker-config-json output for the fake source's logins to these regions. */
const configJson = (...regions: string[]): string =>
  JSON.stringify({auths: Object.fromEntries(regions.map(r => [hostOf(r), {auth: Buffer.from(`user-${r}:SECRET-${r.toUpperCase()}`).toString('base64')}]))})
// Secret inputs of plausible length: shorter ones are refused (inputs.ts).
const SK = 'the-secret-access-key-0123456789'
const PASSWORD = 'the-fixed-password'
const TOKEN = 'the-security-token-0123456789'
const HOSTS_DIR = '/runner/temp/containerd/certs.d' // the default: under RUNNER_TEMP
const PLACES = {hostsDir: HOSTS_DIR, dockerConfig: '/runner/docker', authFile: '/runner/docker/config.json', tempDir: '/runner/temp'}

beforeEach(() => {
  core.resetCore()
  forgetSecrets()
})

/**
 * Runs main with `inputs` (region A and both engines unless given) in a world of fakes: docker, and a containerd
 * with the hosts-dir output and a describe line.
 */
function prepare(inputs: Record<string, string> = {}, options: FakeWorldOptions = {}): FakeWorld {
  const world = fakeWorld({
    ...options,
    engines: {
      docker: options.engines?.docker,
      containerd: {outputs: hostsDirOutput, describe: `containerd: writing to ${HOSTS_DIR}`, ...options.engines?.containerd},
      podman: options.engines?.podman
    }
  })
  core.setInputs({region: A, engine: 'docker, containerd', ...inputs})
  // Every saved login state goes into the event list, so that it can be read against what the engines did.
  core.saveState.mockImplementation((name, value) => {
    if (name !== 'login') return
    const state = JSON.parse(String(value)) as LoginState
    world.events.push(`saved [${state.records.map(r => `${r.engine} ${(r.record as {host: string}).host}`).join(', ')}]`)
  })
  return world
}

/** prepare, then main. */
async function runMain(inputs: Record<string, string> = {}, options: FakeWorldOptions = {}): Promise<FakeWorld> {
  const world = prepare(inputs, options)
  await main(world.runtime)
  return world
}

/** The login states main saved, parsed. */
const loginStates = (): LoginState[] => core.savedStates('login').map(s => JSON.parse(s) as LoginState)

describe('a registry that logs in', () => {
  it('sets every output from the credential and the engines', async () => {
    await runMain()
    expect(core.outputs()).toEqual({
      registry: hostOf(A),
      registries: JSON.stringify([hostOf(A)]),
      username: `user-${A}`,
      'ctr-user': `user-${A}:SECRET-${A.toUpperCase()}`,
      'hosts-dir': HOSTS_DIR,
      'docker-config-json': configJson(A),
      'docker-config-dir': PLACES.dockerConfig,
      'expires-at': ''
    })
    expect(core.setFailed).not.toHaveBeenCalled()
  })

  it('gives each engine the credential the source made, for the target the inputs named', async () => {
    const source = fakeLocalSource()
    const world = await runMain({registry: 'http://my.registry:5000'}, {source})
    expect(source.obtained.map(t => [t.region, t.registry])).toEqual([[A, {scheme: 'http', host: 'my.registry:5000'}]])
    const credential = {region: A, registry: {scheme: 'http', host: 'my.registry:5000'}, username: `user-${A}`, password: `SECRET-${A.toUpperCase()}`}
    expect(world.made.docker?.[0].engine.received).toEqual([credential])
    expect(world.made.containerd?.[0].engine.received).toEqual([credential])
  })

  it('makes the engines for the places of this run', async () => {
    const world = await runMain({'hosts-dir': '/etc/containerd/certs.d'})
    expect(world.made.docker?.[0].context.places).toEqual({...PLACES, hostsDir: '/etc/containerd/certs.d'})
    expect(core.outputs()['hosts-dir']).toBe('/etc/containerd/certs.d')
  })

  it("an engine's outputs are '' when the engine was not chosen", async () => {
    await runMain({engine: 'docker'})
    expect(core.outputs()).toMatchObject({registry: hostOf(A), 'hosts-dir': ''})
  })

  it('with engine: auto, uses the engines whose tools are on PATH', async () => {
    const world = await runMain({engine: 'auto'}, {engines: {docker: {found: []}, podman: {found: []}}})
    expect(world.events.filter(e => e.includes(' login '))).toEqual([`containerd login ${hostOf(A)}`])
    expect(core.lines(core.info)).toContain(`Engines: containerd (auto: found containerd on PATH)`)
  })
})

describe('several registries', () => {
  it('registry and username come from the first; registries lists all in input order; expires-at is the soonest', async () => {
    const C = 'eu-west-101'
    const source = fakeApiSource({
      credentials: {
        [A]: {expiresAt: '2026-11-24T07:00:00.000Z'},
        [B]: {expiresAt: '2026-11-23T09:00:00.000Z'},
        [C]: {}
      }
    })
    await runMain({region: `${A}, ${B}\n${C}`}, {source})
    expect(core.outputs()).toEqual({
      registry: hostOf(A),
      registries: JSON.stringify([hostOf(A), hostOf(B), hostOf(C)]),
      username: `user-${A}`,
      'ctr-user': `user-${A}:SECRET-${A.toUpperCase()}`,
      'hosts-dir': HOSTS_DIR,
      'docker-config-json': configJson(A, B, C),
      'docker-config-dir': PLACES.dockerConfig,
      'expires-at': '2026-11-23T09:00:00.000Z'
    })
  })

  it('logs in to the registries together, each with every engine in turn', async () => {
    const world = await runMain({region: `${A}, ${B}`})
    const logins = world.events.filter(e => e.includes(' login '))
    // Both registries start before either finishes; within each, docker comes before containerd.
    expect(logins.slice(0, 2)).toEqual([`docker login ${hostOf(A)}`, `docker login ${hostOf(B)}`])
    for (const host of [hostOf(A), hostOf(B)]) {
      expect(logins.filter(e => e.endsWith(host))).toEqual([`docker login ${host}`, `containerd login ${host}`])
    }
  })

  it('one that fails: the step fails naming it; the others stay logged in, recorded, and in the outputs', async () => {
    const source = fakeLocalSource({advice: {unauthorized: 'Check the key pair.'}})
    const world = await runMain({region: `${A}, ${B}`}, {source, engines: {containerd: {failLogin: {[hostOf(B)]: 'unauthorized'}}}})
    const message = engineFailure('unauthorized', hostOf(B), 'containerd').withAdvice('Check the key pair.')
    expect(core.lines(core.setFailed)).toEqual([
      `Login failed for 1 of 2 registries; the other is logged in and the post step logs it out.\n` + `- ${hostOf(B)} (${B}): ${message}`
    ])
    expect(loginStates().at(-1)?.records).toEqual([
      {engine: 'docker', record: {fake: 'docker', host: hostOf(A)}},
      {engine: 'containerd', record: {fake: 'containerd', host: hostOf(A)}}
    ])
    expect(world.events).toContain(`docker undo ${hostOf(B)}`)
    expect(core.outputs()).toMatchObject({registry: hostOf(A), registries: JSON.stringify([hostOf(A)]), 'hosts-dir': HOSTS_DIR})
    expect(core.outputs()['docker-config-json']).toBe(configJson(A))
  })

  it.each<[string, string, string]>([
    ['true', `${A}, ${B}, ${C}`, 'Login failed for 1 of 3 registries; the other 2 are logged in and the post step logs them out.'],
    ['false', `${A}, ${B}, ${C}`, "Login failed for 1 of 3 registries; the other 2 are logged in and stay so ('logout' is false)."],
    ['false', `${A}, ${C}`, "Login failed for 1 of 2 registries; the other is logged in and stays so ('logout' is false)."]
  ])('says what becomes of the others, with logout %s and regions %s', async (logout, regions, first) => {
    await runMain({region: regions, logout}, {engines: {docker: {failLogin: {[hostOf(C)]: new Error('docker crashed')}}}})
    expect(core.lines(core.setFailed)).toEqual([`${first}\n- ${hostOf(C)} (${C}): docker crashed`])
  })

  it('the outputs come from the first registry that logged in', async () => {
    await runMain({region: `${A}, ${B}`}, {engines: {docker: {failLogin: {[hostOf(A)]: new Error('docker crashed')}}}})
    expect(core.outputs()).toMatchObject({registry: hostOf(B), username: `user-${B}`, registries: JSON.stringify([hostOf(B)])})
  })

  it('all failing: each is listed, and no registry output is set', async () => {
    const source = fakeLocalSource({failures: {[A]: new UserError('A has no key.')}})
    await runMain({region: `${A}, ${B}`}, {source, engines: {docker: {failLogin: {[hostOf(B)]: new Error('docker crashed')}}}})
    expect(core.lines(core.setFailed)).toEqual([`Login failed for all 2 registries.\n` + `- ${hostOf(A)} (${A}): A has no key.\n- ${hostOf(B)} (${B}): docker crashed`])
    expect(core.outputs()).toEqual({registries: '[]', 'hosts-dir': '', 'docker-config-json': '', 'docker-config-dir': PLACES.dockerConfig, 'expires-at': ''})
  })
})

describe('a single registry that fails', () => {
  it.each<[string, FakeWorldOptions, string]>([
    [
      'an engine failure, with the advice',
      {source: fakeLocalSource({advice: {denied: 'Check the permissions.'}}), engines: {docker: {failLogin: {[hostOf(A)]: 'denied'}}}},
      engineFailure('denied', hostOf(A), 'docker').withAdvice('Check the permissions.')
    ],
    ['an error of the engine', {engines: {containerd: {failLogin: {[hostOf(A)]: new Error('EACCES')}}}}, 'EACCES'],
    ['a credential the source could not get', {source: fakeLocalSource({failures: {[A]: new UserError('The API said no.')}})}, 'The API said no.']
  ])('%s: the step fails with its message alone, and nothing is left', async (_, options, message) => {
    await runMain({}, options)
    expect(core.lines(core.setFailed)).toEqual([message])
    expect(core.outputs()).toEqual({registries: '[]', 'hosts-dir': '', 'docker-config-json': '', 'docker-config-dir': PLACES.dockerConfig, 'expires-at': ''})
    expect(loginStates().at(-1)?.records).toEqual([])
  })

  it('an undo that fails during the rollback: a warning that post will try again, and its record stays for post', async () => {
    const h = hostOf(A)
    await runMain({}, {engines: {docker: {failUndo: {[h]: new Error('config.json is read-only')}}, containerd: {failLogin: {[h]: 'tls'}}}})
    expect(core.lines(core.warning)).toEqual([`${h}: could not undo the docker login (config.json is read-only); the post step will try again.`])
    expect(loginStates().at(-1)?.records).toEqual([{engine: 'docker', record: {fake: 'docker', host: h}}])
    expect(core.lines(core.setFailed)).toEqual([engineFailure('tls', h, 'containerd').message])
  })

  it('a credential failure: no engine is asked to log in to that registry', async () => {
    const source = fakeApiSource({failures: {[B]: new Error('socket hang up')}})
    const world = await runMain({region: `${A}, ${B}`}, {source})
    expect(world.events.filter(e => e.includes(hostOf(B)))).toEqual([])
    expect(world.events.filter(e => e.includes(hostOf(A)))).not.toEqual([])
    expect(core.lines(core.setFailed)[0]).toMatch(new RegExp(`- ${hostOf(B)} \\(${B}\\): socket hang up$`))
  })
})

describe('the state for post', () => {
  it('saves the isPost flag before anything else', async () => {
    await runMain()
    expect(core.saveState.mock.calls[0]).toEqual(['isPost', 'true'])
  })

  const RUNNER = `this step must run under the GitHub runner (or an emulator that provides the runner's files).`
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['GITHUB_STATE not set', {...FAKE_ENV, GITHUB_STATE: undefined}, `GITHUB_STATE is not set: ${RUNNER}`],
    ['GITHUB_STATE empty', {...FAKE_ENV, GITHUB_STATE: ''}, `GITHUB_STATE is not set: ${RUNNER}`],
    ['GITHUB_STATE naming no file', {...FAKE_ENV, GITHUB_STATE: '/runner/no/such/state'}, `GITHUB_STATE names '/runner/no/such/state', which does not exist: ${RUNNER}`]
  ])("without the runner's state file (%s): the runner's environment is blamed, before anything is read or done", async (_, env, message) => {
    const world = prepare({}, {env})
    await expect(main(world.runtime)).rejects.toThrow(new UserError(message))
    expect(core.saveState).not.toHaveBeenCalled()
    expect(core.getInput).not.toHaveBeenCalled()
    expect(world.made).toEqual({})
  })

  it("a state file the runner's toolkit cannot write to: the runner's environment is blamed, with the toolkit's words", async () => {
    const world = prepare()
    core.saveState.mockImplementation(() => {
      throw new Error(`Missing file at path: ${os.devNull}`)
    })
    await expect(main(world.runtime)).rejects.toThrow(
      new UserError(`Saving the step's state in GITHUB_STATE ('${os.devNull}') failed (Missing file at path: ${os.devNull}): ${RUNNER}`)
    )
    expect(world.made).toEqual({})
  })

  it('is saved empty before any login, and again after every change, each engine noting before it changes', async () => {
    const world = await runMain()
    const h = hostOf(A)
    expect(world.events.filter(e => !e.endsWith(' detect') && !e.endsWith(' unusable'))).toEqual([
      'saved []',
      `docker login ${h}`,
      `docker add ${h}`,
      `saved [docker ${h}]`,
      `docker change ${h}`,
      `containerd login ${h}`,
      `containerd add ${h}`,
      `saved [docker ${h}, containerd ${h}]`,
      `containerd change ${h}`
    ])
    expect(loginStates()[0]).toEqual({logout: true, run: expect.stringMatching(/^[0-9a-f]{24}$/), places: PLACES, records: []})
  })

  it('a registry that fails is taken out again: what post is left with is what is in place', async () => {
    const world = await runMain({}, {engines: {containerd: {failLogin: {[hostOf(A)]: 'other'}}}})
    const h = hostOf(A)
    expect(world.events.slice(world.events.indexOf(`containerd add ${h}`))).toEqual([
      `containerd add ${h}`,
      `saved [docker ${h}, containerd ${h}]`,
      `containerd drop ${h}`,
      `saved [docker ${h}]`,
      `docker undo ${h}`,
      'saved []'
    ])
  })

  it.each([
    ['', true],
    ['false', false],
    ['True', true]
  ])("logout '%s' is saved as %s", async (logout, saved) => {
    await runMain({logout})
    // Every state main saved, and at least one: an empty list would pass any check of each.
    expect(new Set(loginStates().map(s => s.logout))).toEqual(new Set([saved]))
  })
})

describe('inputs that do not fit', () => {
  it.each<[string, Record<string, string>, FakeWorldOptions, RegExp]>([
    ['a region that is not one', {region: 'CN-North-4'}, {}, /^Input 'region' has 'CN-North-4'/],
    ['an unknown engine', {engine: 'kaniko'}, {}, /^Input 'engine' has 'kaniko'/],
    ['a logout that is not a boolean', {logout: 'yes'}, {}, /^Input 'logout' is 'yes'/],
    ['an unknown provider', {provider: 'gcr'}, {}, /^Input 'provider' is 'gcr'/],
    ['auth inputs the provider rejects', {}, {source: new UserError("Input 'access-key-id' is empty.")}, /^Input 'access-key-id' is empty\.$/],
    [
      'an engine that cannot work here',
      {engine: 'containerd'},
      {engines: {containerd: {missing: 'ctr is not on PATH.'}}},
      /^Input 'engine' asks for containerd, but ctr is not on PATH\.$/
    ],
    [
      'engine: auto with nothing on PATH',
      {engine: 'auto'},
      {engines: {docker: {found: []}, containerd: {found: []}, podman: {found: []}}},
      /^Input 'engine' is 'auto', and none/
    ]
  ])('%s: main throws before any login, with no login in its state', async (_, inputs, options, message) => {
    const world = prepare(inputs, options)
    const run = main(world.runtime)
    await expect(run).rejects.toThrow(UserError)
    await expect(run).rejects.toThrow(message)
    // An input main refuses comes before any state; an engine it cannot use, after the state post needs (a Docker config
    // directory main made), which then holds no login.
    expect(loginStates().flatMap(s => s.records)).toEqual([])
    expect(world.events.filter(e => !e.endsWith(' detect') && !e.endsWith(' unusable') && e !== 'saved []')).toEqual([])
    expect(core.setOutput).not.toHaveBeenCalled()
    expect(core.group).not.toHaveBeenCalled()
  })

  it('no engine is made, let alone asked anything, when the inputs are wrong', async () => {
    const world = prepare({region: 'CN-North-4'})
    await expect(main(world.runtime)).rejects.toThrow(UserError)
    expect(world.made).toEqual({})
    expect(world.events).toEqual([])
  })

  it('the provider is given the auth inputs, trimmed', async () => {
    const world = fakeWorld()
    core.setInputs({region: A, engine: 'docker', 'access-key-id': ' AK \n', 'access-key-secret': `${SK}\n`, provider: 'acr'})
    await main(world.runtime)
    expect(world.runtime.providers.acr).toMatchObject({received: [expect.objectContaining({accessKeyId: 'AK', accessKeySecret: SK})]})
  })

  it('warnings about the inputs reach the log as warnings', async () => {
    await runMain(
      {'hosts-dir': '/workspace/certs.d', 'api-endpoint': 'http://api.example.com'},
      {source: fakeApiSource(), env: {...FAKE_ENV, GITHUB_WORKSPACE: '/workspace'}}
    )
    const warnings = core.lines(core.warning)
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(/^'hosts-dir' is '\/workspace\/certs\.d', inside the workspace/)
    expect(warnings[1]).toMatch(/^'api-endpoint' http:\/\/api\.example\.com is plain HTTP/)
  })
})

describe("the source's shared work (keyless login's exchange)", () => {
  it('runs once, with every region in order, before anything is saved, made or printed, and before any credential', async () => {
    const seen: string[] = []
    // The world is made after the source, which looks into it when prepare runs.
    const made: {world?: FakeWorld} = {}
    const source = fakeApiSource({
      prepare: async (regions, context) => {
        seen.push(`prepare ${regions.join(',')}`, `events so far: ${made.world?.events.length}`, `states so far: ${core.savedStates('login').length}`)
        context.log('exchanged the token')
      }
    })
    const world = (made.world = prepare({region: `${A}, ${B}`}, {source}))
    await main(world.runtime)
    expect(seen).toEqual([`prepare ${A},${B}`, 'events so far: 0', 'states so far: 0'])
    expect(source.obtained.map(t => t.region)).toEqual([A, B])
    expect(core.lines(core.info)[0]).toBe('exchanged the token')
    expect(core.setFailed).not.toHaveBeenCalled()
  })

  it('that fails: main throws its error, and nothing was written, made or set', async () => {
    const refusal = new UserError('the cloud refused the token')
    const source = fakeApiSource({prepare: async () => Promise.reject(refusal)})
    const world = prepare({}, {source})
    await expect(main(world.runtime)).rejects.toBe(refusal)
    expect(source.obtained).toEqual([])
    expect(world.made).toEqual({})
    expect(world.events).toEqual([])
    expect(core.savedStates('login')).toEqual([])
    expect(core.setOutput).not.toHaveBeenCalled()
    expect(core.exportVariable).not.toHaveBeenCalled()
  })

  it('is given the context the credentials get: the mask, the log and the environment', async () => {
    let given: ObtainContext | undefined
    const world = prepare({}, {source: fakeApiSource({prepare: async (_regions, context) => void (given = context)})})
    await main(world.runtime)
    expect(given?.env).toBe(world.runtime.env)
    given?.mask('A-SECRET-FROM-PREPARE')
    expect(core.setSecret).toHaveBeenCalledWith('A-SECRET-FROM-PREPARE')
  })
})

describe('masking before printing', () => {
  it('masks every form of a local credential, for every region, before the first line, warning or group', async () => {
    await runMain({region: `${A}, ${B}`, 'hosts-dir': '/workspace/certs.d'}, {env: {...FAKE_ENV, GITHUB_WORKSPACE: '/workspace'}})
    const firstPrint = Math.min(...[core.info, core.warning, core.group].flatMap(fn => fn.mock.invocationCallOrder))
    const maskedBefore = core.setSecret.mock.calls.filter((_, i) => core.setSecret.mock.invocationCallOrder[i] < firstPrint).map(([s]) => s)
    for (const region of [A, B]) {
      for (const form of secretForms({username: `user-${region}`, password: `SECRET-${region.toUpperCase()}`})) expect(maskedBefore).toContain(form)
    }
    expect(core.warning).toHaveBeenCalled()
  })

  it('a local credential that cannot be made fails its registry only, after the plan is printed', async () => {
    const source = fakeLocalSource({failures: {[B]: new UserError('B has no key.')}})
    await runMain({region: `${A}, ${B}`}, {source})
    expect(core.lines(core.info)).toContain(`✗ ${hostOf(B)}: B has no key.`)
    expect(core.outputs()).toMatchObject({registry: hostOf(A)})
  })

  it('prints what a registry said cleaned: no workflow command, no secret fragment', async () => {
    const source = fakeLocalSource({failures: {[A]: new UserError(`refused SECRET-AP-SOUTH\n::stop-commands::x\x1b[2J`)}})
    await runMain({region: `${A}, ${B}`}, {source})
    const printed = [...core.lines(core.info), ...core.lines(core.setFailed)].join('\n')
    expect(printed).toContain('refused ***\n\\::stop-commands::x\\x1b[2J')
    for (const line of printed.split('\n')) expect(line).not.toMatch(/^\s*::/)
  })
})

describe('the log', () => {
  const h = hostOf(A)

  it('says which engines, which credential, where they write, and how each registry went, in a group', async () => {
    let grouped: string[] = []
    core.group.mockImplementation(async (_name, fn) => {
      const before = core.info.mock.calls.length
      const result = await fn()
      grouped = core.lines(core.info).slice(before)
      return result
    })
    const source = fakeLocalSource({
      description: 'SWR long-term login key, derived from the access key pair (no API call)',
      credentials: {[A]: {expiresAt: '2026-11-23T09:00:00.000Z'}},
      failures: {[B]: new UserError('no key for this region.')}
    })
    await runMain({region: `${A}, ${B}`}, {source})
    expect(core.group.mock.calls.map(([name]) => name)).toEqual(['Logging in to 2 registries with docker and containerd'])
    expect(core.lines(core.info)).toEqual([
      `Engines: docker, containerd (as set by 'engine')`,
      'Credential: SWR long-term login key, derived from the access key pair (no API call)',
      `containerd: writing to ${HOSTS_DIR}`,
      `✓ ${h} as user-${A}: docker logged in, containerd logged in, valid until 2026-11-23T09:00:00.000Z`,
      `✗ ${hostOf(B)}: no key for this region.`
    ])
    expect(grouped).toEqual(core.lines(core.info))
  })

  it("one registry: the title says so, and a credential that does not expire has no 'valid until'", async () => {
    await runMain({engine: 'docker'})
    expect(core.group.mock.calls.map(([name]) => name)).toEqual(['Logging in to 1 registry with docker'])
    expect(core.lines(core.info)).toContain(`✓ ${h} as user-${A}: docker logged in`)
  })

  it('an engine whose describe() has nothing to say adds no line', async () => {
    await runMain({}, {engines: {containerd: {describe: ''}}})
    expect(core.lines(core.info)).toHaveLength(3)
  })

  it("the source's own lines (API retries) go to the log", async () => {
    await runMain({'api-endpoint': 'https://api.example.com'}, {source: fakeApiSource()})
    expect(core.lines(core.info)).toContain(`Asking https://api.example.com for a login to ${h}`)
  })
})

describe('masking', () => {
  const secretsOptions: FakeSourceOptions = {credentials: {[A]: {username: 'alice', password: 'pw-A'}, [B]: {username: 'bob', password: 'pw-B'}}}

  /** The order of every call that can print text, with the text. */
  function printed(): {order: number; text: string}[] {
    return [core.info, core.warning, core.setFailed, core.setOutput, core.saveState].flatMap(fn =>
      fn.mock.calls.map((args, i) => ({order: fn.mock.invocationCallOrder[i], text: args.map(String).join(' ')}))
    )
  }

  it.each([
    ['a local source', fakeLocalSource(secretsOptions)],
    ['an API source', fakeApiSource(secretsOptions)]
  ])('with %s, every form of every credential is masked before anything that contains it is printed or set', async (_, source) => {
    await runMain({region: `${A}, ${B}`, 'access-key-secret': `${SK}\n`}, {source})
    const forms = [SK, ...secretForms({username: 'alice', password: 'pw-A'}), ...secretForms({username: 'bob', password: 'pw-B'})]
    const masked = core.setSecret.mock.calls.map(([secret]) => secret)
    expect(masked).toEqual(expect.arrayContaining(forms))
    expect(new Set(masked).size).toBe(masked.length) // each once
    for (const form of forms) {
      const maskedAt = core.setSecret.mock.invocationCallOrder[masked.indexOf(form)]
      const firstShown = printed()
        .filter(p => p.text.includes(form))
        .map(p => p.order)
      expect(firstShown.every(order => order > maskedAt)).toBe(true)
    }
    // ctr-user holds one of them, so this test would catch an output set before the mask.
    expect(core.outputs()['ctr-user']).toBe('alice:pw-A')
    // docker-config-json and its base64 (the form in a Secret's data) are secret forms of their own, masked before the
    // output is set.
    const config = core.outputs()['docker-config-json']
    expect(Object.keys((JSON.parse(config) as {auths: object}).auths)).toEqual([hostOf(A), hostOf(B)])
    const setAt = core.setOutput.mock.invocationCallOrder[core.setOutput.mock.calls.findIndex(([name]) => name === 'docker-config-json')]
    for (const form of [config, Buffer.from(config).toString('base64')]) {
      expect(core.setSecret.mock.invocationCallOrder[masked.indexOf(form)]).toBeLessThan(setAt)
    }
  })

  it('the secret inputs are masked even when the inputs are wrong', async () => {
    await expect(runMain({'access-key-secret': SK, password: PASSWORD, 'security-token': TOKEN, region: 'CN'})).rejects.toThrow(UserError)
    expect(core.setSecret.mock.calls.map(([secret]) => secret).sort()).toEqual([PASSWORD, SK, TOKEN])
  })
})

describe('docker-config-dir: set up before the engines are made', () => {
  let temp: string
  beforeEach(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-main-config-dir-'))
  })
  afterEach(() => fs.rmSync(temp, {recursive: true, force: true}))

  it('isolated: DOCKER_CONFIG is exported, the engines write there (and their tools see it), the state names it for post, and it is the output', async () => {
    const existing = path.join(temp, 'existing')
    const env = {RUNNER_TEMP: temp, DOCKER_CONFIG: existing, GITHUB_ENV: path.join(temp, 'github-env'), GITHUB_STATE: os.devNull}
    const world = await runMain({'docker-config-dir': 'isolated'}, {env})
    const [name] = fs.readdirSync(temp)
    const dir = path.join(temp, name)
    expect(core.exportVariable.mock.calls).toEqual([['DOCKER_CONFIG', dir]])
    // The runtime's environment is read, never changed: the engines get a copy that points there.
    expect(env.DOCKER_CONFIG).toBe(existing)
    expect(world.made.docker?.[0].context.env.DOCKER_CONFIG).toBe(dir)
    expect(world.made.docker?.[0].context.places.dockerConfig).toBe(dir)
    expect(new Set(loginStates().map(s => JSON.stringify(s.dockerConfigDir)))).toEqual(new Set([JSON.stringify({kind: 'isolated', dir})]))
    expect(core.outputs()['docker-config-dir']).toBe(dir)
    // Said before the logins' group: where the job's Docker config is now.
    expect(core.info.mock.invocationCallOrder[0]).toBeLessThan(core.group.mock.invocationCallOrder[0])
    expect(core.lines(core.info)[0]).toMatch(new RegExp(`^Docker config: ${dir}, this job's own`))
  })

  it('isolated, with an engine that cannot work here: the state that names the directory is saved before main throws', async () => {
    const env: NodeJS.ProcessEnv = {RUNNER_TEMP: temp, GITHUB_STATE: os.devNull}
    const world = prepare({'docker-config-dir': 'isolated', engine: 'containerd'}, {env, engines: {containerd: {missing: 'ctr is not on PATH.'}}})
    await expect(main(world.runtime)).rejects.toThrow(UserError)
    const [name] = fs.readdirSync(temp)
    expect(loginStates()).toEqual([expect.objectContaining({dockerConfigDir: {kind: 'isolated', dir: path.join(temp, name)}, records: []})])
  })

  it('the default: nothing exported, no directory in the state, and the output is the Docker config the engines used', async () => {
    await runMain()
    expect(core.exportVariable).not.toHaveBeenCalled()
    const states = loginStates()
    expect(states.length).toBeGreaterThan(0)
    expect(states.filter(s => 'dockerConfigDir' in s)).toEqual([])
    expect(core.outputs()['docker-config-dir']).toBe(PLACES.dockerConfig)
  })
})
