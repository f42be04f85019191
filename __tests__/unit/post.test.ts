import {jest} from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {LEDGER_FILE} from '../../src/ledger.js'
import type {EngineRecord, LoginState} from '../../src/state.js'
import * as core from '../fixtures/core.js'
import {fakeWorld, type FakeWorld, type FakeWorldOptions} from '../support/fakes.js'

jest.unstable_mockModule('@actions/core', () => core)
const {post} = await import('../../src/post.js')
const {openDockerConfigDir} = await import('../../src/config-dir/files.js')

const A = 'registry.cn-north-4.example'
const B = 'registry.ap-southeast-3.example'
const RUN = 'a1b2c3d4e5f6a7b8c9d0e1f2'
const OTHER_RUN = 'ffffffffffffffffffffffff'

/** A ledger in `dir` (see ledger.ts) with one login of run `run`: the proof post asks of a place before acting there. */
function ledgerOf(dir: string, run: string): void {
  fs.mkdirSync(dir, {recursive: true})
  const slots = {[A]: {base: null, layers: [{id: run, digest: 'd'.repeat(64)}]}}
  fs.writeFileSync(path.join(dir, LEDGER_FILE), JSON.stringify({version: 1, slots}))
}

// Where main's engines wrote, with this run's logins in their ledgers; not where this run's environment (FAKE_ENV)
// would put them.
const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'post-test-'))
const PLACES = {
  hostsDir: path.join(ROOT, 'certs.d'),
  dockerConfig: path.join(ROOT, 'docker'),
  authFile: path.join(ROOT, 'containers', 'auth.json'),
  tempDir: path.join(ROOT, 'temp')
}
ledgerOf(PLACES.hostsDir, RUN)
ledgerOf(PLACES.dockerConfig, RUN)
ledgerOf(path.dirname(PLACES.authFile), RUN) // the auth file's ledger is in its directory
afterAll(() => fs.rmSync(ROOT, {recursive: true, force: true}))

const docker = (host: string): EngineRecord => ({engine: 'docker', record: {fake: 'docker', host}})
const containerd = (host: string): EngineRecord => ({engine: 'containerd', record: {fake: 'containerd', host}})
const podman = (host: string): EngineRecord => ({engine: 'podman', record: {fake: 'podman', host}})

beforeEach(() => core.resetCore())

/** Runs post with `login` as the state main saved (a LoginState, or the raw string), in a world of fakes. */
async function runPost(login: LoginState | string, options: FakeWorldOptions = {}): Promise<FakeWorld> {
  const world = fakeWorld(options)
  core.setState({isPost: 'true', login: typeof login === 'string' ? login : JSON.stringify(login)})
  await expect(post(world.runtime)).resolves.toBeUndefined()
  expect(core.setFailed).not.toHaveBeenCalled()
  return world
}

const undos = (world: FakeWorld): string[] => world.events.filter(e => e.includes(' undo '))

describe('nothing to do', () => {
  it.each([
    ['main saved no state (it failed before logging in)', ''],
    ['main logged in nowhere', JSON.stringify({logout: true, run: RUN, places: PLACES, records: []})]
  ])('%s: says there is nothing to remove, and makes no engine', async (_, login) => {
    const world = await runPost(login)
    expect(core.lines(core.info)).toEqual(['The main step stored no credentials: nothing to remove.'])
    expect(world.made).toEqual({})
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('logout: false leaves every credential in place, and lets the shared bookkeeping forget them (release)', async () => {
    const world = await runPost({logout: false, run: RUN, places: PLACES, records: [docker(A), containerd(A)]})
    expect(core.lines(core.info)).toEqual([`'logout' is false: the credentials stay in place for later jobs on this runner.`])
    expect(world.events).toEqual([`containerd release ${A}`, `docker release ${A}`])
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('logout: false releases only records its engines own, in places of this run; a failure is a warning', async () => {
    const foreign: EngineRecord = {engine: 'docker', record: {fake: 'someone-else', host: B}}
    const world = await runPost(
      {logout: false, run: RUN, places: {...PLACES, hostsDir: '/etc'}, records: [docker(A), foreign, containerd(A)]},
      {engines: {docker: {failUndo: {[A]: new Error('EROFS')}}}}
    )
    expect(world.events).toEqual([`docker release ${A}`])
    expect(core.lines(core.warning)).toEqual([
      expect.stringContaining('The saved state says main wrote to /etc'),
      'Could not note that the docker login stays for later jobs: EROFS'
    ])
  })
})

describe('a state it cannot read', () => {
  it.each([
    ['not JSON', '{"logout": true,'],
    ['an older form', JSON.stringify({logout: true, docker: 'not a list'})],
    ['a record of an unknown engine', JSON.stringify({logout: true, run: RUN, places: PLACES, records: [{engine: 'kaniko', record: {}}]})],
    ['places missing a path', JSON.stringify({logout: true, places: {hostsDir: '/h'}, records: []})]
  ])('%s: a warning on removing by hand, and nothing undone', async (_, login) => {
    const world = await runPost(login)
    const warnings = core.lines(core.warning)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^Could not read what the main step did \(.+\), so no credentials were removed\..*remove them by hand/s)
    // Each engine's own words on removing its logins, once each; the engines were made for that, and did nothing.
    for (const name of ['docker', 'containerd', 'podman']) expect(warnings[0]).toContain(`'${name} logout <registry>'`)
    expect(warnings[0].split("'docker logout <registry>'")).toHaveLength(2)
    expect(world.events).toEqual([])
  })

  it('and engines that cannot even be made here (no home directory): the same warning, with the general advice', async () => {
    const world = fakeWorld()
    world.runtime.engines.podman = () => {
      throw new Error('no home directory for the auth file')
    }
    core.setState({isPost: 'true', login: '{'})
    await expect(post(world.runtime)).resolves.toBeUndefined()
    expect(core.lines(core.warning)).toEqual([
      expect.stringMatching(
        /^Could not read what the main step did \(.+\), so no credentials were removed\. On a self-hosted runner, remove them by hand: each engine's own logout for every registry the main step logged in to \(its log names them\), and an isolated Docker config directory under RUNNER_TEMP\.$/
      )
    ])
    expect(core.setFailed).not.toHaveBeenCalled()
  })
})

describe('undoing what main recorded', () => {
  it('undoes every record, last first, with engines made for the places main used, in a group', async () => {
    const world = await runPost({logout: true, run: RUN, places: PLACES, records: [docker(A), containerd(A), docker(B), containerd(B)]})
    expect(undos(world)).toEqual([`containerd undo ${B}`, `docker undo ${B}`, `containerd undo ${A}`, `docker undo ${A}`])
    expect(world.made.docker?.[0].context.places).toEqual(PLACES)
    expect(world.made.containerd?.[0].context.places).toEqual(PLACES)
    expect(core.group.mock.calls.map(([name]) => name)).toEqual(['Removing the credentials the main step added'])
    expect(core.lines(core.info)).toEqual([`${B}: containerd logged out`, `${B}: docker logged out`, `${A}: containerd logged out`, `${A}: docker logged out`])
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('leaves a record its engine does not own alone, with a warning, and undoes the others', async () => {
    const foreign: EngineRecord = {engine: 'docker', record: {fake: 'someone-else', host: A}}
    const world = await runPost({logout: true, run: RUN, places: PLACES, records: [docker(A), foreign, containerd(A)]})
    expect(undos(world)).toEqual([`containerd undo ${A}`, `docker undo ${A}`])
    expect(core.lines(core.warning)).toEqual([
      `A saved docker record is not one this action writes, or points outside the places main used ` + `(${JSON.stringify(PLACES)}): it was left alone.`
    ])
  })

  it.each([
    [3, 3, []],
    [4, 3, ['1 more saved records (1 containerd) are not ones']],
    [1000, 3, ['997 more saved records (498 docker, 499 containerd) are not ones']]
  ])('%i records not owned: %i warnings of their own, then one line for the rest; the real ones still undone', async (count, shown, rest) => {
    const foreign = Array.from({length: count}, (_, i): EngineRecord => ({engine: i % 2 ? 'docker' : 'containerd', record: {fake: 'forged', host: A}}))
    const world = await runPost({logout: true, run: RUN, places: PLACES, records: [docker(A), containerd(B), ...foreign]})
    expect(undos(world)).toEqual([`containerd undo ${B}`, `docker undo ${A}`])
    const warnings = core.lines(core.warning)
    expect(warnings.filter(w => w.startsWith('A saved '))).toHaveLength(shown)
    expect(warnings.slice(shown).map(w => w.slice(0, w.indexOf(' are not ones') + ' are not ones'.length))).toEqual(rest)
    expect(warnings.slice(shown).every(w => w.endsWith('or point outside the places main used: they were left alone.'))).toBe(true)
  })

  it.each([
    ['an Error', new Error('the docker CLI is no longer on PATH'), 'the docker CLI is no longer on PATH'],
    ['a string', 'exit code 1', 'exit code 1']
  ])('an undo that throws %s: a warning naming the registry and the thing, and the rest is still undone', async (_, thrown, message) => {
    const world = await runPost({logout: true, run: RUN, places: PLACES, records: [docker(A), containerd(A), docker(B)]}, {engines: {docker: {failUndo: {[B]: thrown}}}})
    expect(undos(world)).toEqual([`docker undo ${B}`, `containerd undo ${A}`, `docker undo ${A}`])
    expect(core.lines(core.warning)).toEqual([`${B}: could not remove the docker login: ${message}`])
    expect(core.lines(core.info)).toEqual([`${A}: containerd logged out`, `${A}: docker logged out`])
  })

  it('an engine that cannot even label its record: a warning, and the rest is still undone', async () => {
    const world = fakeWorld()
    const makeDocker = world.runtime.engines.docker
    world.runtime.engines = {
      ...world.runtime.engines,
      docker: context => ({
        ...makeDocker(context),
        label: () => {
          throw new Error('no label')
        }
      })
    }
    core.setState({isPost: 'true', login: JSON.stringify({logout: true, run: RUN, places: PLACES, records: [containerd(A), docker(A)]})})
    await expect(post(world.runtime)).resolves.toBeUndefined()
    expect(undos(world)).toEqual([`containerd undo ${A}`])
    expect(core.lines(core.warning)).toEqual(['Could not undo a docker record: no label'])
  })

  it('never fails: every undo failing and a foreign record give warnings only', async () => {
    const world = await runPost(
      {logout: true, run: RUN, places: PLACES, records: [docker(A), {engine: 'containerd', record: 'garbage'}, containerd(B)]},
      {engines: {docker: {failUndo: {[A]: new Error('gone')}}, containerd: {failUndo: {[B]: new Error('EROFS')}}}}
    )
    expect(undos(world)).toEqual([`containerd undo ${B}`, `docker undo ${A}`])
    expect(core.lines(core.warning)).toHaveLength(3)
  })
})

describe('acting only where main wrote', () => {
  it('a place whose ledger holds no login of this run (a changed state, or post run again) is left alone, with one warning', async () => {
    const elsewhere = {...PLACES, dockerConfig: path.join(ROOT, 'elsewhere')}
    ledgerOf(elsewhere.dockerConfig, OTHER_RUN)
    const world = await runPost({logout: true, run: RUN, places: elsewhere, records: [docker(A), containerd(A), docker(B)]})
    expect(undos(world)).toEqual([`containerd undo ${A}`])
    expect(core.lines(core.warning)).toEqual([
      `The saved state says main wrote to ${elsewhere.dockerConfig}, but no login of this run is recorded there, so nothing ` +
        `there was touched. That is expected when the post step runs a second time, or when another program has since ` +
        `replaced what this run wrote there; otherwise the saved state was changed.`
    ])
  })

  it('a place with no ledger at all, such as /etc, is left alone', async () => {
    const world = await runPost({logout: true, run: RUN, places: {...PLACES, hostsDir: '/etc'}, records: [containerd(A), docker(A)]})
    expect(undos(world)).toEqual([`docker undo ${A}`])
    expect(core.lines(core.warning)).toEqual([expect.stringContaining('The saved state says main wrote to /etc, but no login of this run')])
  })

  it("post's own places (the Docker config of its environment, the default hosts directory) need no proof", async () => {
    const unproven = {
      hostsDir: path.join(ROOT, 'temp', 'containerd', 'certs.d'),
      dockerConfig: path.join(ROOT, 'own-docker'),
      authFile: path.join(ROOT, 'own-docker', 'config.json'),
      tempDir: PLACES.tempDir
    }
    const world = await runPost(
      {logout: true, run: RUN, places: unproven, records: [docker(A), containerd(A)]},
      {env: {RUNNER_TEMP: path.join(ROOT, 'temp'), DOCKER_CONFIG: unproven.dockerConfig}}
    )
    expect(undos(world)).toEqual([`containerd undo ${A}`, `docker undo ${A}`])
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('the podman auth file: undone where its directory holds a ledger of this run', async () => {
    const world = await runPost({logout: true, run: RUN, places: PLACES, records: [podman(A), docker(A)]})
    expect(undos(world)).toEqual([`docker undo ${A}`, `podman undo ${A}`])
    expect(core.warning).not.toHaveBeenCalled()
  })

  it.each<[string, (dir: string) => string]>([
    ['a forged auth file elsewhere (no ledger of this run beside it)', dir => path.join(dir, 'auth.json')],
    ['a forged auth file whose own name is a directory holding our ledger', dir => dir],
    ['/etc/passwd', () => '/etc/passwd']
  ])('the podman auth file: %s is refused, with one warning', async (_name, forge) => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'forged-'))
    ledgerOf(path.join(dir, 'nested'), RUN)
    ledgerOf(dir, OTHER_RUN)
    const authFile = forge(path.join(dir, 'nested')) === path.join(dir, 'nested') ? path.join(dir, 'nested') : forge(dir)
    const world = await runPost({logout: true, run: RUN, places: {...PLACES, authFile}, records: [podman(A), podman(B), docker(A)]})
    expect(undos(world)).toEqual([`docker undo ${A}`])
    expect(core.lines(core.warning)).toEqual([expect.stringContaining(`The saved state says main wrote to ${authFile}, but no login of this run`)])
  })

  it.each<[string, keyof typeof PLACES]>([
    ['the Docker config', 'dockerConfig'],
    ['the hosts directory', 'hostsDir']
  ])("the podman auth file: a forged one in %s's directory is refused, though that ledger holds this run", async (_name, other) => {
    const authFile = path.join(PLACES[other], 'forged.json')
    const world = await runPost({logout: true, run: RUN, places: {...PLACES, authFile}, records: [podman(A)]})
    expect(undos(world)).toEqual([])
    expect(core.lines(core.warning)).toEqual([expect.stringContaining(`The saved state says main wrote to ${authFile}, but no login of this run`)])
  })

  it("the podman auth file post's own environment names needs no proof (logout: false releases there too)", async () => {
    const own = path.join(ROOT, 'xdg', 'containers', 'auth.json')
    const env = {RUNNER_TEMP: '/runner/temp', XDG_RUNTIME_DIR: path.join(ROOT, 'xdg')}
    const world = await runPost({logout: true, run: RUN, places: {...PLACES, authFile: own}, records: [podman(A)]}, {env})
    expect(undos(world)).toEqual([`podman undo ${A}`])
    const kept = await runPost({logout: false, run: RUN, places: {...PLACES, authFile: own}, records: [podman(B)]}, {env})
    expect(kept.events).toEqual([`podman release ${B}`])
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('an unreadable ledger proves nothing', async () => {
    const broken = {...PLACES, hostsDir: path.join(ROOT, 'broken')}
    fs.mkdirSync(broken.hostsDir, {recursive: true})
    fs.writeFileSync(path.join(broken.hostsDir, LEDGER_FILE), 'not json')
    const world = await runPost({logout: true, run: RUN, places: broken, records: [containerd(A)]})
    expect(undos(world)).toEqual([])
    expect(core.lines(core.warning)).toHaveLength(1)
  })
})

describe("the Docker config directory main made ('docker-config-dir')", () => {
  // A job's RUNNER_TEMP and its existing Docker config, and an isolated directory made there by main for run RUN.
  function isolatedJob(): {temp: string; existing: string; dir: string; env: NodeJS.ProcessEnv; state: LoginState} {
    const job = fs.mkdtempSync(path.join(ROOT, 'job-'))
    const temp = path.join(job, 'temp')
    const existing = path.join(job, 'docker')
    fs.mkdirSync(path.join(existing, 'cli-plugins'), {recursive: true})
    fs.writeFileSync(path.join(existing, 'cli-plugins', 'docker-buildx'), 'bin')
    fs.writeFileSync(path.join(existing, 'config.json'), '{"auths":{}}')
    const env: NodeJS.ProcessEnv = {RUNNER_TEMP: temp, DOCKER_CONFIG: existing}
    const made = openDockerConfigDir({kind: 'isolated'}, RUN, env, () => undefined)
    core.resetCore()
    const dir = made.dir
    // What the runner does for the post step: main exported DOCKER_CONFIG through GITHUB_ENV.
    env.DOCKER_CONFIG = dir
    const state: LoginState = {logout: true, run: RUN, places: {...PLACES, dockerConfig: dir}, dockerConfigDir: made.made, records: []}
    return {temp, existing, dir, env, state}
  }

  it('isolated: the logins in it are taken off first, then the directory is emptied, never what its links point to', async () => {
    const {existing, dir, env, state} = isolatedJob()
    const world = await runPost({...state, records: [docker(A)]}, {env})
    expect(undos(world)).toEqual([`docker undo ${A}`])
    expect(core.lines(core.info)).toEqual([
      `${A}: docker logged out`,
      `The isolated Docker config directory ${dir} is emptied of its logins (config.json and its copy of the earlier ones); the directory and its links stay for the post steps still to run, and go with RUNNER_TEMP at the end of the job.`
    ])
    expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(false)
    expect(fs.lstatSync(path.join(dir, 'cli-plugins')).isSymbolicLink()).toBe(true)
    expect(fs.readFileSync(path.join(existing, 'cli-plugins', 'docker-buildx'), 'utf8')).toBe('bin')
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('isolated, with no login recorded (main failed before any): the copied logins still go', async () => {
    const {dir, env, state} = isolatedJob()
    await runPost(state, {env})
    expect(core.lines(core.info)).toEqual([
      'The main step stored no credentials: nothing to remove.',
      `The isolated Docker config directory ${dir} is emptied of its logins (config.json and its copy of the earlier ones); the directory and its links stay for the post steps still to run, and go with RUNNER_TEMP at the end of the job.`
    ])
    expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(false)
  })

  it('logout: false: the logins are released and the directory stays, and the log says so', async () => {
    const {dir, env, state} = isolatedJob()
    const world = await runPost({...state, logout: false, records: [docker(A)]}, {env})
    expect(world.events).toEqual([`docker release ${A}`])
    expect(fs.existsSync(dir)).toBe(true)
    expect(core.lines(core.info)).toEqual([
      `'logout' is false: the credentials stay in place for later jobs on this runner.`,
      `'logout' is false: the isolated Docker config directory ${dir} stays, with the logins in it (DOCKER_CONFIG still points there).`
    ])
  })

  it.each<[string, string, boolean, 'isolated' | 'created']>([
    ['an isolated directory that is any directory', 'victim', false, 'isolated'],
    ["an isolated directory with our name and this run's mark, outside RUNNER_TEMP", 'cloud-registry-login-config-0123456789abcdef01234567', true, 'isolated'],
    ['a directory main created, that it did not', 'victim', false, 'created']
  ])('a forged state naming %s: nothing there is deleted, and post warns', async (_, name, marked, kind) => {
    const {env, state} = isolatedJob()
    const victim = path.join(ROOT, name)
    fs.mkdirSync(path.join(victim, 'sub'), {recursive: true})
    fs.writeFileSync(path.join(victim, 'sub', 'precious'), 'data')
    fs.writeFileSync(path.join(victim, 'config.json'), '{"auths":{}}')
    if (marked) fs.writeFileSync(path.join(victim, '.cloud-registry-login-dir'), JSON.stringify({run: RUN, created: victim}))
    await runPost({...state, dockerConfigDir: {kind, dir: victim}}, {env})
    expect(fs.readFileSync(path.join(victim, 'sub', 'precious'), 'utf8')).toBe('data')
    expect(fs.readFileSync(path.join(victim, 'config.json'), 'utf8')).toBe('{"auths":{}}')
    expect(core.lines(core.warning)).toHaveLength(1)
  })
})
