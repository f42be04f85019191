// End-to-end: 'docker-config-dir' (isolated, or a path) with the built action, the real dockerd and registry (see
// harness.ts). DOCKER_CONFIG reaches later steps and the post step through GITHUB_ENV, as on the runner.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {MARK_FILE} from '../../src/config-dir/files.js'
import {LEDGER_FILE} from '../../src/ledger.js'
import {assertNoSecretLeaks, expectOk, Job, secretForms, testEnv, uniqueRepo, type Inputs, type StepResult} from './harness.js'

const env = testEnv()
const REGION = 'cn-north-4'
const OTHER_REGION = 'ap-southeast-3'
const TLS_HOST = env.tlsHosts.get(REGION) as string
const SECRETS = secretForms(
  env.sk,
  env.key,
  [...env.tlsHosts.keys()].map(r => `${r}@${env.ak}`)
)
const b64 = (s: string): string => Buffer.from(s).toString('base64')
/** What the action writes for a region's user into config.json. */
const entryOf = (region: string): unknown => ({auth: b64(`${region}@${env.ak}:${env.key}`)})
const ISOLATED_NAME = /^cloud-registry-login-config-[0-9a-f]{24}$/

/** A CLI plugin, `docker hello`, as docker finds them in <config>/cli-plugins. */
const PLUGIN = `#!/bin/sh
if [ "$1" = docker-cli-plugin-metadata ]; then
  echo '{"SchemaVersion":"0.1.0","Vendor":"test","Version":"1","ShortDescription":"x"}'
  exit 0
fi
echo "hello from the plugin ($1)"
`

let jobs: Job[] = []
afterEach(() => {
  try {
    for (const job of jobs) assertNoSecretLeaks(job, SECRETS)
  } finally {
    for (const job of jobs) job.cleanup()
    jobs = []
  }
})

function newJob(extraEnv: Record<string, string> = {}): Job {
  const job = new Job(env, extraEnv)
  jobs.push(job)
  return job
}

const inputs = (registry: string, extra: Inputs = {}, region = REGION): Inputs => ({
  'access-key-id': env.ak,
  'access-key-secret': env.sk,
  region,
  registry,
  engine: 'docker',
  ...extra
})

/** An existing Docker config directory: `config` as config.json (through a symlink when asked), and the plugin. */
function originalConfig(dir: string, config: unknown, symlinked = false): {text: () => string; tree: () => string[]} {
  fs.mkdirSync(path.join(dir, 'cli-plugins'), {recursive: true})
  fs.writeFileSync(path.join(dir, 'cli-plugins', 'docker-hello'), PLUGIN, {mode: 0o755})
  const file = path.join(dir, 'config.json')
  const real = symlinked ? path.join(path.dirname(dir), 'real-config.json') : file
  fs.writeFileSync(real, JSON.stringify(config, null, 2))
  if (symlinked) fs.symlinkSync(real, file)
  return {
    text: () => fs.readFileSync(real, 'utf8'),
    // Every name in the directory, with what it is: nothing may be added, removed or replaced.
    tree: () =>
      fs
        .readdirSync(dir, {recursive: true, withFileTypes: true})
        .map(e => `${path.relative(dir, path.join(e.parentPath, e.name))} ${e.isSymbolicLink() ? 'link' : e.isDirectory() ? 'dir' : 'file'}`)
        .sort()
  }
}

/** A later step of the job: the job's environment with what the steps before it exported (GITHUB_ENV). */
function later(job: Job, main: StepResult): (...args: string[]) => {code: number; out: string} {
  return (...args) => job.sh('docker', args, main.jobEnv)
}

/** Pushes a new image to `host` and pulls it back: proof that the login there works; the exit codes and output. */
function pushPull(docker: (...args: string[]) => {code: number; out: string}, host: string): {code: number; out: string} {
  const ref = `${host}/${uniqueRepo('config-dir')}:v1`
  expect(docker('import', env.imageTar, ref).code).toBe(0)
  const push = docker('push', ref)
  if (push.code !== 0) return push
  expect(docker('rmi', ref).code).toBe(0)
  return docker('pull', ref)
}

const authsIn = (dir: string): Record<string, unknown> => (JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as {auths: Record<string, unknown>}).auths

describe('docker-config-dir: isolated', () => {
  it("logs in to a copy of the job's config under RUNNER_TEMP that keeps its logins and plugins; post removes it and nothing else", async () => {
    const job = newJob()
    const runnerLogin = entryOf(REGION) // the runner's own login, to the TLS registry
    const original = originalConfig(job.dockerConfig, {auths: {[TLS_HOST]: runnerLogin}, psFormat: 'table {{.ID}}'}, true)
    const [textBefore, treeBefore] = [original.text(), original.tree()]

    const main = await job.main(inputs(`http://${env.httpRegistry}`, {'docker-config-dir': 'isolated'}))
    expectOk(main)
    expect(main.warnings).toEqual([])
    const dir = main.outputs.get('docker-config-dir') as string
    expect(path.dirname(dir)).toBe(job.runnerTemp)
    expect(path.basename(dir)).toMatch(ISOLATED_NAME)
    expect(main.jobEnv).toEqual({DOCKER_CONFIG: dir})
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700)
    expect(fs.lstatSync(path.join(dir, 'config.json')).isFile()).toBe(true)
    expect(fs.statSync(path.join(dir, 'config.json')).mode & 0o777).toBe(0o600)
    expect(fs.readlinkSync(path.join(dir, 'cli-plugins'))).toBe(path.join(job.dockerConfig, 'cli-plugins'))
    // The copy: the runner's login and settings, and this job's login; the original as it was.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toMatchObject({
      auths: {[TLS_HOST]: runnerLogin, [env.httpRegistry]: entryOf(REGION)},
      psFormat: 'table {{.ID}}'
    })
    expect([original.text(), original.tree()]).toEqual([textBefore, treeBefore])

    // Later steps (DOCKER_CONFIG from GITHUB_ENV): this job's login, the runner's login and the plugin all work.
    const docker = later(job, main)
    expect(pushPull(docker, env.httpRegistry)).toMatchObject({code: 0})
    expect(pushPull(docker, TLS_HOST)).toMatchObject({code: 0})
    expect(docker('hello')).toEqual({code: 0, out: 'hello from the plugin (hello)\n'})
    // The job's original config never had the login.
    expect(pushPull(job.docker.bind(job), env.httpRegistry).out).toMatch(/no basic auth credentials|unauthorized|authentication required/i)

    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings).toEqual([])
    expect(post.stdout).toContain(`The isolated Docker config directory ${dir} is emptied of its logins`)
    expectEmptied(dir)
    // A later post step (setup-buildx-action's, of a step before the login) still runs with DOCKER_CONFIG there: its
    // plugins and builders are still found through the links, and no login is left.
    expect(docker('hello')).toEqual({code: 0, out: 'hello from the plugin (hello)\n'})
    expect(pushPull(docker, env.httpRegistry).out).toMatch(/no basic auth credentials|unauthorized|authentication required/i)
    // What the links point to is untouched.
    expect([original.text(), original.tree()]).toEqual([textBefore, treeBefore])
    expect(job.docker('hello')).toEqual({code: 0, out: 'hello from the plugin (hello)\n'})
    expect(leftInRunnerTemp(job)).toEqual([])
  })

  it('with logout: false, the directory and the login in it stay, and the log says so', async () => {
    const job = newJob()
    const main = await job.main(inputs(`http://${env.httpRegistry}`, {'docker-config-dir': 'isolated', logout: 'false'}))
    expectOk(main)
    const dir = main.outputs.get('docker-config-dir') as string
    const post = await job.post(main)
    expectOk(post)
    expect(post.stdout).toContain(`'logout' is false: the isolated Docker config directory ${dir} stays`)
    expect(authsIn(dir)).toEqual({[env.httpRegistry]: entryOf(REGION)})
    expect(fs.existsSync(path.join(dir, LEDGER_FILE))).toBe(false)
    expect(pushPull(later(job, main), env.httpRegistry)).toMatchObject({code: 0})
  })

  it.each([
    ['each with its own RUNNER_TEMP', false],
    ['sharing one RUNNER_TEMP', true]
  ])("two jobs at once on one runner user's config, %s, never see each other's logins; each post removes its own", async (_, sameTemp) => {
    const first = newJob()
    const shared = path.join(first.dir, 'shared-docker')
    const earlier = {auth: b64('someone:else')}
    const original = originalConfig(shared, {auths: {'registry.example.com': earlier}})
    const [textBefore, treeBefore] = [original.text(), original.tree()]
    const a = newJob({DOCKER_CONFIG: shared})
    const b = newJob({DOCKER_CONFIG: shared, ...(sameTemp ? {RUNNER_TEMP: a.runnerTemp} : {})})

    const [mainA, mainB] = await Promise.all([
      a.main(inputs(`http://${env.httpRegistry}`, {'docker-config-dir': 'isolated'})),
      b.main(inputs(TLS_HOST, {'docker-config-dir': 'isolated'}, OTHER_REGION))
    ])
    expectOk(mainA)
    expectOk(mainB)
    const [dirA, dirB] = [mainA.jobEnv.DOCKER_CONFIG, mainB.jobEnv.DOCKER_CONFIG]
    expect(dirA).not.toBe(dirB)
    expect(authsIn(dirA)).toEqual({'registry.example.com': earlier, [env.httpRegistry]: entryOf(REGION)})
    expect(authsIn(dirB)).toEqual({'registry.example.com': earlier, [TLS_HOST]: entryOf(OTHER_REGION)})
    expect([original.text(), original.tree()]).toEqual([textBefore, treeBefore])
    const [dockerA, dockerB] = [later(a, mainA), later(b, mainB)]
    expect(pushPull(dockerA, env.httpRegistry)).toMatchObject({code: 0})
    expect(pushPull(dockerB, TLS_HOST)).toMatchObject({code: 0})
    expect(pushPull(dockerB, env.httpRegistry).out).toMatch(/no basic auth credentials|unauthorized|authentication required/i)
    expect(dockerA('hello').code).toBe(0)
    expect(dockerB('hello').code).toBe(0)

    // A's post: A's directory goes; B's login still works.
    const postA = await a.post(mainA)
    expectOk(postA)
    expect(postA.warnings).toEqual([])
    expectEmptied(dirA)
    expect(authsIn(dirB)).toEqual({'registry.example.com': earlier, [TLS_HOST]: entryOf(OTHER_REGION)})
    expect(pushPull(dockerB, TLS_HOST)).toMatchObject({code: 0})
    expect(dockerB('hello').code).toBe(0)

    const postB = await b.post(mainB)
    expectOk(postB)
    expect(postB.warnings).toEqual([])
    expectEmptied(dirB)
    expect([original.text(), original.tree()]).toEqual([textBefore, treeBefore])
  })
})

/**
 * An isolated directory after post: only its mark and its links are left (the runner empties RUNNER_TEMP after the
 * job): no config.json, no ledger, nothing else.
 */
function expectEmptied(dir: string): void {
  const left = fs.readdirSync(dir)
  expect(left).toContain(MARK_FILE)
  expect(left.filter(name => name !== MARK_FILE && !fs.lstatSync(path.join(dir, name)).isSymbolicLink())).toEqual([])
}

/** RUNNER_TEMP's files, but for what post leaves of an isolated directory (its mark and links). */
function leftInRunnerTemp(job: Job): string[] {
  return job.runnerTempFiles().filter(file => {
    const [top, name, ...more] = file.split(path.sep)
    if (!top.startsWith('cloud-registry-login-config-') || more.length > 0) return true
    return name !== MARK_FILE && !fs.lstatSync(path.join(job.runnerTemp, file)).isSymbolicLink()
  })
}

describe('docker-config-dir: isolated, more than once, and with a forged state', () => {
  it("two login steps in one job: the second copies the first's config; each post removes its own, the last one first", async () => {
    const job = newJob()
    originalConfig(job.dockerConfig, {auths: {}})
    const first = await job.main(inputs(`http://${env.httpRegistry}`, {'docker-config-dir': 'isolated'}))
    expectOk(first)
    // The second step runs with what the first exported, as the runner does.
    const second = await job.main(inputs(TLS_HOST, {'docker-config-dir': 'isolated'}, OTHER_REGION), first.jobEnv)
    expectOk(second)
    const [dir1, dir2] = [first.jobEnv.DOCKER_CONFIG, second.jobEnv.DOCKER_CONFIG]
    expect(authsIn(dir2)).toEqual({[env.httpRegistry]: entryOf(REGION), [TLS_HOST]: entryOf(OTHER_REGION)})
    expect(authsIn(dir1)).toEqual({[env.httpRegistry]: entryOf(REGION)})
    const docker = later(job, second)
    expect(pushPull(docker, env.httpRegistry)).toMatchObject({code: 0})
    expect(pushPull(docker, TLS_HOST)).toMatchObject({code: 0})
    expect(docker('hello').code).toBe(0)

    // Posts run last step first, each with the job's final environment: DOCKER_CONFIG is the second directory.
    const post2 = await job.post(second)
    expectOk(post2)
    expectEmptied(dir2)
    const post1 = await job.post(first, second.jobEnv)
    expectOk(post1)
    expect(post1.warnings).toEqual([])
    expect(post1.stdout).toContain(`${env.httpRegistry}: docker login removed`)
    expectEmptied(dir1)
    expect(leftInRunnerTemp(job)).toEqual([])
  })

  it('a forged state naming another directory: post deletes nothing there, and still removes its own', async () => {
    const job = newJob()
    const main = await job.main(inputs(`http://${env.httpRegistry}`, {'docker-config-dir': 'isolated'}))
    expectOk(main)
    const dir = main.jobEnv.DOCKER_CONFIG
    // Someone else's directory, with our name and a mark of this run planted in it, outside RUNNER_TEMP.
    const victim = path.join(job.dir, path.basename(dir))
    fs.mkdirSync(victim)
    fs.writeFileSync(path.join(victim, 'precious'), 'data')
    const saved = JSON.parse(main.state.get('login') as string) as {run: string; dockerConfigDir: unknown}
    fs.writeFileSync(path.join(victim, '.cloud-registry-login-dir'), JSON.stringify({run: saved.run, created: victim}))
    const forged = JSON.stringify({...saved, dockerConfigDir: {kind: 'isolated', dir: victim}})
    const post = await job.post(main, {STATE_login: forged})
    expectOk(post)
    expect(post.warnings).toEqual([expect.stringContaining(`${victim}, named in the saved state, was left alone`)])
    expect(fs.readFileSync(path.join(victim, 'precious'), 'utf8')).toBe('data')
    // The login in the real directory is still taken off (it is DOCKER_CONFIG, and its ledger holds this run).
    expect(authsIn(dir)).toEqual({})
  })
})

describe('docker-config-dir: a path', () => {
  it('a missing one: created 0700, exported, logged in to; post takes the login off and removes what it created', async () => {
    const job = newJob()
    const top = path.join(job.dir, 'configs')
    const dir = path.join(top, 'docker')
    const main = await job.main(inputs(`http://${env.httpRegistry}`, {'docker-config-dir': dir}))
    expectOk(main)
    expect(main.warnings).toEqual([])
    expect(main.outputs.get('docker-config-dir')).toBe(dir)
    expect(main.jobEnv).toEqual({DOCKER_CONFIG: dir})
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700)
    expect(authsIn(dir)).toEqual({[env.httpRegistry]: entryOf(REGION)})
    expect(fs.existsSync(path.join(job.dockerConfig, 'config.json'))).toBe(false)
    expect(pushPull(later(job, main), env.httpRegistry)).toMatchObject({code: 0})

    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings).toEqual([])
    expect(post.stdout).toContain(`${env.httpRegistry}: docker login removed`)
    expect(fs.existsSync(top)).toBe(false)
  })

  it('an existing one, relative to the working directory: its logins are kept, ours is taken off, the directory stays', async () => {
    const job = newJob()
    const dir = path.join(job.dir, 'mine')
    const earlier = {auth: b64('someone:else')}
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({auths: {'registry.example.com': earlier}}))
    const main = await job.main(inputs(`http://${env.httpRegistry}`, {'docker-config-dir': path.relative(process.cwd(), dir)}))
    expectOk(main)
    expect(main.jobEnv).toEqual({DOCKER_CONFIG: dir})
    expect(authsIn(dir)).toEqual({'registry.example.com': earlier, [env.httpRegistry]: entryOf(REGION)})
    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings).toEqual([])
    expect(authsIn(dir)).toEqual({'registry.example.com': earlier})
    expect(fs.readdirSync(dir)).toEqual(['config.json'])
  })
})

describe('docker-config-dir: isolated with engine auto, where podman is on PATH too', () => {
  it('podman is left out (its auth file is the isolated config.json): one login, laid once, taken off once', async () => {
    const job = newJob()
    const main = await job.main(inputs(`http://${env.httpRegistry}`, {'docker-config-dir': 'isolated', engine: 'auto'}))
    expectOk(main)
    const dir = main.outputs.get('docker-config-dir') as string
    expect(main.stdout).toMatch(
      new RegExp(
        `podman left out: its auth file is the Docker config \\(${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/config\\.json\\), where the docker engine writes the login`
      )
    )
    expect(main.outputs.get('auth-file')).toBe('')
    // podman's own auth file (XDG_RUNTIME_DIR) is untouched; the one login is in the isolated config.json.
    expect(fs.existsSync(job.authFile())).toBe(false)
    expect(authsIn(dir)).toEqual({[env.httpRegistry]: entryOf(REGION)})
    expect(pushPull(later(job, main), env.httpRegistry)).toMatchObject({code: 0})

    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings).toEqual([])
    expect(post.stdout).toContain(`${env.httpRegistry}: docker login removed`)
    expect(post.stdout).not.toContain('already removed')
    expectEmptied(dir)
  })
})
