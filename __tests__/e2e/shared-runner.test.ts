// End-to-end: a self-hosted runner's Docker config shared by jobs that run at the same time, later steps that do odd
// things, a credential helper, and a Docker daemon or registry that accepts the connection and never answers. The
// built action against the real dockerd and registry (see harness.ts).
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import {LEDGER_FILE} from '../../src/ledger.js'
import {helperStore, installFakeHelper, setHelperStore} from '../support/fake-docker.js'
import {assertNoSecretLeaks, expectOk, Job, secretForms, testEnv, uniqueRepo, type Inputs, type StepResult} from './harness.js'

const env = testEnv()
const REGION = 'cn-north-4'
const OTHER_REGION = 'ap-southeast-3'
const USER = `${REGION}@${env.ak}`
const TLS_HOST = env.tlsHosts.get(REGION) as string
const SECRETS = secretForms(
  env.sk,
  env.key,
  [...env.tlsHosts.keys()].map(r => `${r}@${env.ak}`)
)
const b64 = (s: string): string => Buffer.from(s).toString('base64')
/** What the action writes for a region's user into config.json. */
const entryOf = (region: string): unknown => ({auth: b64(`${region}@${env.ak}:${env.key}`)})

let jobs: Job[] = []
let dirs: string[] = []
afterEach(() => {
  try {
    for (const job of jobs) assertNoSecretLeaks(job, SECRETS)
  } finally {
    for (const job of jobs) job.cleanup()
    for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
    jobs = []
    dirs = []
  }
})

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

/** A job on the runner; jobs given the same DOCKER_CONFIG share it, as jobs of one runner user share ~/.docker. */
function newJob(extraEnv: Record<string, string> = {}): Job {
  const job = new Job(env, extraEnv)
  jobs.push(job)
  return job
}

/** A Docker config directory several jobs share, holding `config` (if given). */
function sharedConfig(config?: unknown): {dir: string; read: () => Record<string, unknown>; text: () => string} {
  const dir = path.join(tempDir('crl-shared-'), '.docker')
  fs.mkdirSync(dir)
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config))
  const text = (): string => fs.readFileSync(path.join(dir, 'config.json'), 'utf8')
  return {dir, text, read: () => JSON.parse(text()) as Record<string, unknown>}
}

const dockerInputs = (registry: string, region = REGION): Inputs => ({
  'access-key-id': env.ak,
  'access-key-secret': env.sk,
  region,
  registry,
  engine: 'docker'
})

/** Pushes a new image to `host` and pulls it back with the job's Docker config: proof that its login there works. */
function expectWorkingLogin(job: Job, host: string): void {
  const ref = `${host}/${uniqueRepo('shared')}:v1`
  expect(job.docker('import', env.imageTar, ref)).toMatchObject({code: 0})
  expect(job.docker('push', ref)).toMatchObject({code: 0})
  expect(job.docker('rmi', ref).code).toBe(0)
  expect(job.docker('pull', ref)).toMatchObject({code: 0})
}

function undoLine(post: StepResult, host: string): string {
  return post.stdout.split('\n').find(l => l.startsWith(`${host}: `)) ?? `(no line for ${host} in:\n${post.stdout})`
}

describe('two jobs at once sharing one Docker config', () => {
  it('both mains at once, to different registries: both logins land and work, every time; both posts at once restore the config', async () => {
    const earlier = {auth: b64('someone:else')}
    const shared = sharedConfig({auths: {'registry.example.com': earlier}, psFormat: 'table {{.ID}}'})
    const original = shared.text()
    for (let round = 1; round <= 4; round++) {
      const a = newJob({DOCKER_CONFIG: shared.dir})
      const b = newJob({DOCKER_CONFIG: shared.dir})
      const [mainA, mainB] = await Promise.all([a.main(dockerInputs(`http://${env.httpRegistry}`)), b.main(dockerInputs(TLS_HOST))])
      expectOk(mainA)
      expectOk(mainB)
      expect({round, auths: shared.read().auths}).toEqual({
        round,
        auths: {'registry.example.com': earlier, [env.httpRegistry]: entryOf(REGION), [TLS_HOST]: entryOf(REGION)}
      })
      if (round === 1) {
        expectWorkingLogin(a, env.httpRegistry)
        expectWorkingLogin(b, TLS_HOST)
      }
      const posts = await Promise.all([a.post(mainA), b.post(mainB)])
      for (const post of posts) {
        expectOk(post)
        expect(post.warnings).toEqual([])
      }
      expect({round, config: JSON.parse(shared.text()) as unknown}).toEqual({round, config: JSON.parse(original)})
      expect(fs.existsSync(path.join(shared.dir, LEDGER_FILE))).toBe(false)
    }
  })

  it('both mains at once to the same registry, then both posts at once: the earlier login comes back, every time', async () => {
    const earlier = {auth: b64('someone:else')}
    const shared = sharedConfig({auths: {[env.httpRegistry]: earlier}})
    for (let round = 1; round <= 3; round++) {
      const a = newJob({DOCKER_CONFIG: shared.dir})
      const b = newJob({DOCKER_CONFIG: shared.dir})
      const [mainA, mainB] = await Promise.all([a.main(dockerInputs(`http://${env.httpRegistry}`)), b.main(dockerInputs(`http://${env.httpRegistry}`, OTHER_REGION))])
      expectOk(mainA)
      expectOk(mainB)
      // One of them is on top: whichever wrote last.
      expect([entryOf(REGION), entryOf(OTHER_REGION)]).toContainEqual((shared.read().auths as Record<string, unknown>)[env.httpRegistry])
      for (const post of await Promise.all([a.post(mainA), b.post(mainB)])) expectOk(post)
      expect({round, auths: shared.read().auths}).toEqual({round, auths: {[env.httpRegistry]: earlier}})
    }
  })

  describe('posts in either order (A main, B main, then the posts)', () => {
    const earlier = {auth: b64('someone:else')}
    const unrelated = {auth: b64('other:registry')}

    async function twoMains(): Promise<{shared: ReturnType<typeof sharedConfig>; a: Job; b: Job; mainA: StepResult; mainB: StepResult}> {
      const shared = sharedConfig({auths: {[env.httpRegistry]: earlier, 'registry.example.com': unrelated}})
      const a = newJob({DOCKER_CONFIG: shared.dir})
      const b = newJob({DOCKER_CONFIG: shared.dir})
      const mainA = await a.main(dockerInputs(`http://${env.httpRegistry}`))
      expectOk(mainA)
      const mainB = await b.main(dockerInputs(`http://${env.httpRegistry}`, OTHER_REGION))
      expectOk(mainB)
      expect((shared.read().auths as Record<string, unknown>)[env.httpRegistry]).toEqual(entryOf(OTHER_REGION))
      return {shared, a, b, mainA, mainB}
    }

    it("A's post leaves B's newer login live until B's post, which brings the earlier login back", async () => {
      const {shared, a, b, mainA, mainB} = await twoMains()
      const postA = await a.post(mainA)
      expectOk(postA)
      expect(undoLine(postA, env.httpRegistry)).toMatch(/another job's newer docker login left in place/)
      expect((shared.read().auths as Record<string, unknown>)[env.httpRegistry]).toEqual(entryOf(OTHER_REGION))
      expectWorkingLogin(b, env.httpRegistry)

      const postB = await b.post(mainB)
      expectOk(postB)
      expect(undoLine(postB, env.httpRegistry)).toBe(`${env.httpRegistry}: docker login removed; the earlier login restored`)
      expect(shared.read().auths).toEqual({[env.httpRegistry]: earlier, 'registry.example.com': unrelated})
    })

    it("B's post first puts A's login back for the rest of A's job; A's post then the earlier one", async () => {
      const {shared, a, b, mainA, mainB} = await twoMains()
      const postB = await b.post(mainB)
      expectOk(postB)
      expect(undoLine(postB, env.httpRegistry)).toMatch(/the login of another job still running .* is back in place/)
      expect((shared.read().auths as Record<string, unknown>)[env.httpRegistry]).toEqual(entryOf(REGION))
      expectWorkingLogin(a, env.httpRegistry)

      const postA = await a.post(mainA)
      expectOk(postA)
      expect(undoLine(postA, env.httpRegistry)).toBe(`${env.httpRegistry}: docker login removed; the earlier login restored`)
      expect(shared.read().auths).toEqual({[env.httpRegistry]: earlier, 'registry.example.com': unrelated})
    })
  })
})

describe('later steps and repeated posts', () => {
  it('post run twice: the second run changes nothing, nor does a third after a login by hand in between', async () => {
    const earlier = {auth: b64('someone:else')}
    const shared = sharedConfig({auths: {[env.httpRegistry]: earlier}})
    const job = newJob({DOCKER_CONFIG: shared.dir})
    const main = await job.main(dockerInputs(`http://${env.httpRegistry}`))
    expectOk(main)
    const first = await job.post(main)
    expectOk(first)
    expect(shared.read().auths).toEqual({[env.httpRegistry]: earlier})

    const second = await job.post(main)
    expectOk(second)
    expect(second.warnings).toEqual([])
    expect(undoLine(second, env.httpRegistry)).toBe(`${env.httpRegistry}: already removed: nothing to do`)
    expect(shared.read().auths).toEqual({[env.httpRegistry]: earlier})

    // Someone logs in by hand (another user) after post: not ours to remove.
    const again = job.sh('sh', ['-c', `printf %s "$KEY" | docker login -u "$USER_NAME" --password-stdin ${env.httpRegistry}`], {
      KEY: env.key,
      USER_NAME: `${OTHER_REGION}@${env.ak}`
    })
    expect(again.code).toBe(0)
    expectOk(await job.post(main))
    expect((shared.read().auths as Record<string, unknown>)[env.httpRegistry]).toEqual(entryOf(OTHER_REGION))
  })

  it('a later step that empties RUNNER_TEMP: post still restores the earlier docker login', async () => {
    const earlier = {auth: b64('someone:else')}
    const shared = sharedConfig({auths: {[env.httpRegistry]: earlier}})
    const job = newJob({DOCKER_CONFIG: shared.dir})
    const main = await job.main(dockerInputs(`http://${env.httpRegistry}`))
    expectOk(main)
    for (const entry of fs.readdirSync(job.runnerTemp)) fs.rmSync(path.join(job.runnerTemp, entry), {recursive: true, force: true})
    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings).toEqual([])
    expect(shared.read().auths).toEqual({[env.httpRegistry]: earlier})
  })

  it('the state holds no path of its own and stays small', async () => {
    const job = newJob()
    const main = await job.main(dockerInputs(`http://${env.httpRegistry}`))
    expectOk(main)
    const state = JSON.parse(main.state.get('login') as string) as {records: {engine: string; record: Record<string, unknown>}[]}
    expect(state.records).toEqual([{engine: 'docker', record: {host: env.httpRegistry, digest: expect.stringMatching(/^[0-9a-f]{40}$/)}}])
    expectOk(await job.post(main))
  })
})

describe('a credential helper (credsStore) holding an earlier login without an auths marker', () => {
  it('main warns that it replaces it, docker uses the new login through the helper, and post says the earlier one is gone', async () => {
    const helperDir = tempDir('crl-helper-')
    const bin = path.join(helperDir, 'bin')
    installFakeHelper(bin, 'crle2e')
    setHelperStore(helperDir, 'crle2e', {[env.httpRegistry]: {Username: 'earlier-user', Secret: 'earlier-secret'}})
    const shared = sharedConfig({credsStore: 'crle2e'})
    const job = newJob({DOCKER_CONFIG: shared.dir, FAKE_HELPER_DIR: helperDir, PATH: `${bin}:${process.env.PATH}`})

    const main = await job.main(dockerInputs(`http://${env.httpRegistry}`))
    expectOk(main)
    expect(main.warnings).toEqual([
      `${env.httpRegistry}: docker-credential-crle2e already held a login for this registry; it was replaced, and the ` +
        `post step cannot put it back (this action never copies a credential helper's logins). Set 'logout: false' to ` +
        `keep the new login instead, or log in again after this job.`
    ])
    expect(main.stdout).toContain(`✓ ${env.httpRegistry} as ${USER}: docker (in docker-credential-crle2e)`)
    expect(helperStore(helperDir, 'crle2e')).toEqual({[env.httpRegistry]: {Username: USER, Secret: env.key}})
    expect(shared.read()).toEqual({credsStore: 'crle2e', auths: {[env.httpRegistry]: {}}})
    // The real docker CLI finds the login through the helper.
    expectWorkingLogin(job, env.httpRegistry)
    // Neither the helper's secrets nor ours went into a plain file of the action's.
    const ledger = fs.readFileSync(path.join(shared.dir, LEDGER_FILE), 'utf8')
    expect(ledger).not.toContain('earlier-secret')
    expect(ledger).not.toContain(env.key)

    const post = await job.post(main)
    expectOk(post)
    expect(undoLine(post, env.httpRegistry)).toMatch(/docker login removed; could not put back the earlier login, because it was kept in docker-credential-crle2e/)
    expect(helperStore(helperDir, 'crle2e')).toEqual({})
    expect(shared.read()).toEqual({credsStore: 'crle2e', auths: {}})
    expect(job.docker('pull', `${env.httpRegistry}/${uniqueRepo('gone')}:v1`).out).toMatch(
      /no basic auth credentials|unauthorized|authentication required|pull access denied/i
    )
  })
})

/**
 * Names for the registries of three regions that never answer: `<region>.crl-hung.test`, each on a loopback address of
 * its own. They go into /etc/hosts, which script/e2e makes private to the run (a file of the run's own, bind-mounted
 * over /etc/hosts in a mount namespace of its own): checked before it is written, as it must never be the machine's.
 */
const HUNG_DOMAIN = 'crl-hung.test'
const HUNG_ADDRESSES: Record<string, string> = {'cn-north-4': '127.0.0.41', 'ap-southeast-3': '127.0.0.42', 'eu-west-101': '127.0.0.43'}
let hostsWritten = 0
let hostsBefore: string | undefined

function addHungHosts(): void {
  const runHosts = path.join(process.env.CRL_ENV_DIR ?? '', 'hosts')
  const etc = fs.statSync('/etc/hosts')
  const own = fs.statSync(runHosts, {throwIfNoEntry: false})
  // The same file (device and inode): /etc/hosts is the run's own file, bind-mounted (script/test-env does that only in
  // a mount namespace that is not the machine's).
  if (own === undefined || own.ino !== etc.ino || own.dev !== etc.dev) {
    throw new Error(`/etc/hosts is not ${runHosts}, the run's own: run the end-to-end tests with script/e2e`)
  }
  hostsBefore = fs.readFileSync('/etc/hosts', 'utf8')
  const lines = Object.entries(HUNG_ADDRESSES).map(([region, address]) => `${address} ${region}.${HUNG_DOMAIN}`)
  // Appended in place: a new file renamed over it would undo the bind mount's hold on it.
  fs.appendFileSync('/etc/hosts', `${lines.join('\n')}\n`)
  hostsWritten = Date.now()
}

beforeAll(addHungHosts)
afterAll(() => {
  if (hostsBefore !== undefined) fs.writeFileSync('/etc/hosts', hostsBefore)
})

describe('nothing hangs', () => {
  // All at once: each takes about a minute, by design.
  let stops: (() => Promise<void>)[] = []
  let hungDaemon: StepResult
  let hungRegistry: StepResult
  let hungRegistries: StepResult
  let socket = ''
  let registryPort = 0
  let registriesPort = 0
  const jobsOfHangs: Job[] = []

  /** A server that accepts connections and never answers. */
  async function silent(listen: (server: net.Server) => void): Promise<net.Server> {
    const held = new Set<net.Socket>()
    const server = net.createServer(connection => {
      held.add(connection)
      connection.on('close', () => held.delete(connection))
    })
    await new Promise<void>(resolve => {
      server.once('listening', resolve)
      listen(server)
    })
    stops.push(async () => {
      for (const connection of held) connection.destroy()
      await new Promise(resolve => server.close(resolve))
    })
    return server
  }

  beforeAll(async () => {
    socket = path.join(fs.mkdtempSync('/tmp/crl-hung-'), 'docker.sock')
    await silent(server => server.listen(socket))
    const registry = await silent(server => server.listen(0, '127.0.0.1'))
    registryPort = (registry.address() as net.AddressInfo).port
    // The same port on each region's address (a network namespace of the run's own: free there).
    const [first, ...others] = Object.values(HUNG_ADDRESSES)
    registriesPort = ((await silent(server => server.listen(0, first))).address() as net.AddressInfo).port
    for (const address of others) await silent(server => server.listen(registriesPort, address))
    const daemonJob = new Job(env, {DOCKER_HOST: `unix://${socket}`})
    const registryJob = new Job(env)
    const registriesJob = new Job(env)
    jobsOfHangs.push(daemonJob, registryJob, registriesJob)
    // dockerd may keep /etc/hosts for 5 s after it last read it: the names added above are not seen before that.
    const hostsSeen = new Promise(resolve => setTimeout(resolve, Math.max(0, hostsWritten + 6_000 - Date.now())))
    ;[hungDaemon, hungRegistry, hungRegistries] = await Promise.all([
      daemonJob.main(dockerInputs(`http://${env.httpRegistry}`)),
      registryJob.main(dockerInputs(`http://127.0.0.1:${registryPort}`)),
      hostsSeen.then(() => registriesJob.main(dockerInputs(`http://{region}.${HUNG_DOMAIN}:${registriesPort}`, Object.keys(HUNG_ADDRESSES).join(', '))))
    ])
  }, 160_000)

  afterAll(async () => {
    for (const stop of stops) await stop()
    stops = []
    for (const job of jobsOfHangs) {
      assertNoSecretLeaks(job, SECRETS)
      job.cleanup()
    }
    fs.rmSync(path.dirname(socket), {recursive: true, force: true})
  })

  it('a Docker daemon that accepts the connection and never answers: fails in about a minute, naming DOCKER_HOST', () => {
    expect(hungDaemon.code).toBe(1)
    expect(hungDaemon.seconds).toBeLessThan(75)
    expect(hungDaemon.seconds).toBeGreaterThan(55)
    expect(hungDaemon.errors).toHaveLength(1)
    expect(hungDaemon.errors[0]).toContain(`The Docker daemon did not answer within`)
    expect(hungDaemon.errors[0]).toContain(`DOCKER_HOST=unix://${socket}`)
  })

  it('a registry that accepts the connection and never answers: the whole login fails in about a minute, blamed on it', () => {
    expect(hungRegistry.code).toBe(1)
    expect(hungRegistry.seconds).toBeLessThan(75)
    expect(hungRegistry.errors).toHaveLength(1)
    expect(hungRegistry.errors[0]).toMatch(new RegExp(`127\\.0\\.0\\.1:${registryPort}`))
    expect(hungRegistry.errors[0]).toMatch(/did not finish within 60 s: the registry did not answer|timed out, over several tries/)
    expect(hungRegistry.errors[0]).not.toContain('The Docker daemon did not answer')
  })

  it('many hung registries at once must not add up: three fail in about a minute, each named', () => {
    expect(hungRegistries.code).toBe(1)
    // One hung registry takes about a minute (above); three one after another would take three.
    expect(hungRegistries.seconds).toBeLessThan(80)
    expect(hungRegistries.seconds).toBeGreaterThan(55)
    expect(hungRegistries.errors).toHaveLength(1)
    const [summary, ...lines] = hungRegistries.errors[0].split('\n')
    expect(summary).toBe('Login failed for all 3 registries.')
    expect(lines).toHaveLength(3)
    for (const [i, region] of Object.keys(HUNG_ADDRESSES).entries()) {
      expect(lines[i]).toContain(`- ${region}.${HUNG_DOMAIN}:${registriesPort} (${region}): `)
      expect(lines[i]).toMatch(/did not finish within 60 s: the registry did not answer|timed out, over several tries/)
      expect(lines[i]).not.toContain('The Docker daemon did not answer')
    }
  })
})
