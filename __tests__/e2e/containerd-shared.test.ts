// End-to-end: containerd's hosts.toml through the built dist/, with a real registry and real ctr, where the hosts
// directory is shared (a self-hosted runner's /etc/containerd/certs.d, say) and later steps do odd things: two runs at
// once, posts in either order and twice, a deleted host directory, an emptied RUNNER_TEMP, no RUNNER_TEMP at all; and
// the registry check: a wrong scheme either way and a wrong password fail before anything is written.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {assertNoSecretLeaks, expectOk, Job, jobs, opensslKey, secretForms, testEnv, uniqueRepo, type Inputs, type StepResult} from './harness.js'

const env = testEnv()
const REGION = 'cn-north-4'
const USER = `${REGION}@${env.ak}`
const REGISTRY = env.httpRegistry
const newRunnerJob = jobs(env, () => secretForms(env.sk, env.key, [USER]))
/** A job whose RUNNER_TEMP belongs to the runner's user, 4242. */
function newJob(extraSecrets: string[] = []): Job {
  const job = newRunnerJob(extraSecrets)
  fs.chownSync(job.runnerTemp, 4242, 4343)
  return job
}

const LEDGER = '.cloud-registry-login.json'
// A user's hosts.toml: comments, CRLF and no final newline, which only a byte-for-byte restore keeps.
const ORIGINAL = `# managed by the platform team\r\nserver = "http://${REGISTRY}"\r\n# end`

let shared: string
beforeEach(() => {
  shared = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-shared-certs-'))
})
afterEach(() => fs.rmSync(shared, {recursive: true, force: true}))

const hostsFile = (dir = shared): string => path.join(dir, REGISTRY, 'hosts.toml')
const login = (more: Inputs = {}): Inputs => ({
  'access-key-id': env.ak,
  'access-key-secret': env.sk,
  region: REGION,
  registry: `http://${REGISTRY}`,
  engine: 'containerd',
  'hosts-dir': shared,
  ...more
})

/**
 * A user's hosts.toml in the shared directory, 0644 and owned by the runner's user (4242: the owner of each job's
 * RUNNER_TEMP, see newJob below), as in a job container where the job runs as root. The action trusts that user as it
 * trusts itself, writes there, and gives the file back to it; a file of any other user it refuses (trust.test.ts).
 */
function plantOriginal(): void {
  fs.mkdirSync(path.dirname(hostsFile()), {recursive: true})
  fs.writeFileSync(hostsFile(), ORIGINAL)
  fs.chmodSync(hostsFile(), 0o644)
  fs.chownSync(hostsFile(), 4242, 4343)
}

function expectOriginal(): void {
  expect(fs.readFileSync(hostsFile(), 'utf8')).toBe(ORIGINAL)
  const st = fs.statSync(hostsFile())
  expect(st.mode & 0o777).toBe(0o644)
  expect({uid: st.uid, gid: st.gid}).toEqual({uid: 4242, gid: 4343})
  expect(fs.readdirSync(shared)).toEqual([REGISTRY]) // no ledger, no lock left behind
}

/** An image in the registry (pushed with ctr through `hostsDir`), for the pulls that prove the credential works. */
function pushImage(job: Job, hostsDir: string): string {
  const ref = `${REGISTRY}/${uniqueRepo('shared')}:v1`
  expect(job.docker('import', env.imageTar, ref).code).toBe(0)
  expect(job.sh('sh', ['-c', `docker save ${ref} | ctr -a ${env.containerdSock} -n crl-e2e images import -`]).code).toBe(0)
  expect(job.ctr('images', 'push', '--hosts-dir', hostsDir, ref)).toMatchObject({code: 0})
  return ref
}

const pulls = (job: Job, hostsDir: string, ref: string): boolean => job.ctr('images', 'pull', '--hosts-dir', hostsDir, ref).code === 0

function postSays(post: StepResult, words: string): void {
  expectOk(post)
  expect(post.stdout).toContain(words)
}

describe('the registry check before containerd is configured', () => {
  it('fails https:// to a plain-HTTP registry, names the input and the scheme to use, and writes nothing', async () => {
    const job = newJob()
    const main = await job.main(login({registry: `https://${REGISTRY}`}))
    expect(main.code).toBe(1)
    expect(main.errors).toHaveLength(1)
    expect(main.errors[0]).toContain(`${REGISTRY} speaks plain HTTP, but 'registry' asks containerd to use https://. Set 'registry: http://${REGISTRY}'.`)
    expect(fs.readdirSync(shared)).toEqual([])
    expect(main.outputs.get('hosts-dir')).toBe('')
    expectOk(await job.post(main))
  })

  it.each(['', ':443'])('fails http:// to a TLS registry (port %j), names the input and the scheme to use, and writes nothing', async port => {
    const host = `${env.tlsHosts.get(REGION) as string}${port}`
    const job = newJob()
    const main = await job.main(login({registry: `http://${host}`}))
    expect(main.code).toBe(1)
    expect(main.errors[0]).toContain(`${host} speaks HTTPS, but 'registry' asks containerd to use plain http://. Set 'registry: https://${host}'`)
    expect(fs.readdirSync(shared)).toEqual([])
  })

  it('fails a wrong password with engine: containerd alone, and writes nothing', async () => {
    const wrongSk = `${env.sk}x`
    const wrongKey = opensslKey(env.ak, wrongSk)
    const job = newJob(secretForms(wrongSk, wrongKey, [USER]))
    const main = await job.main(login({'access-key-secret': wrongSk}))
    expect(main.code).toBe(1)
    expect(main.errors[0]).toContain(`${REGISTRY} rejected the credentials.`)
    expect(main.errors[0]).toMatch(/\(registry check: GET http:\/\/.*\/v2\/: HTTP 401\)$/)
    expect(fs.readdirSync(shared)).toEqual([])
  })
})

describe('two runs on one shared hosts directory', () => {
  it.each([
    ['in the order of their mains', ['a', 'b']],
    ['in the other order', ['b', 'a']]
  ])('at once, posts %s: no login lost, the original back byte for byte, mode and owner; ctr works until the last post', async (_name, order) => {
    plantOriginal()
    const a = newJob()
    const b = newJob()
    const [mainA, mainB] = await Promise.all([a.main(login()), b.main(login())])
    expectOk(mainA)
    expectOk(mainB)
    const ledger = JSON.parse(fs.readFileSync(path.join(shared, LEDGER), 'utf8')) as {slots: Record<string, {layers: unknown[]}>}
    expect(ledger.slots[REGISTRY].layers).toHaveLength(2) // both logins noted, neither lost
    const ref = pushImage(a, shared)

    const runs = {a: {job: a, main: mainA}, b: {job: b, main: mainB}}
    const first = runs[order[0] as 'a' | 'b']
    const second = runs[order[1] as 'a' | 'b']
    expectOk(await first.job.post(first.main))
    expect(pulls(second.job, shared, ref)).toBe(true) // the other job's login still works
    expectOk(await second.job.post(second.main))
    expectOriginal()
    expect(pulls(a, shared, ref)).toBe(false)

    // A post run again changes nothing.
    const again = await first.job.post(first.main)
    expectOk(again)
    expectOriginal()
  })

  it('<hosts-dir>/<host>/ deleted before post: post says nothing of ours is left and what it did not put back', async () => {
    plantOriginal()
    const job = newJob()
    const main = await job.main(login())
    expectOk(main)
    fs.rmSync(path.join(shared, REGISTRY), {recursive: true})
    const post = await job.post(main)
    postSays(post, `is gone (a later step deleted it): nothing of ours is left; the hosts.toml that was there before the job was not put back`)
    expect(fs.readdirSync(shared)).toEqual([])
  })

  it('RUNNER_TEMP emptied before post: the original still comes back (the ledger lives in the hosts directory)', async () => {
    plantOriginal()
    const job = newJob()
    const main = await job.main(login())
    expectOk(main)
    const ref = pushImage(job, shared)
    for (const entry of fs.readdirSync(job.runnerTemp)) fs.rmSync(path.join(job.runnerTemp, entry), {recursive: true})
    postSays(await job.post(main), 'restored to what it was before')
    expectOriginal()
    expect(pulls(job, shared, ref)).toBe(false)
  })
})

describe('the default hosts directory', () => {
  it('RUNNER_TEMP emptied before post (hosts.toml gone with it): post says so and fails nothing', async () => {
    const job = newJob()
    const main = await job.main(login({'hosts-dir': ''}))
    expectOk(main)
    const hostsDir = main.outputs.get('hosts-dir') as string
    expect(hostsDir).toBe(path.join(job.runnerTemp, 'containerd', 'certs.d'))
    fs.rmSync(path.join(job.runnerTemp, 'containerd'), {recursive: true})
    const post = await job.post(main)
    postSays(post, 'is gone, with its hosts directory: nothing of ours is left')
    expect(post.warnings).toEqual([])
  })

  it('without RUNNER_TEMP: a private directory of its own (0700), never /tmp/containerd/certs.d; ctr works; post removes it', async () => {
    const job = new Job(env, {RUNNER_TEMP: ''})
    try {
      const main = await job.main(login({'hosts-dir': ''}))
      expectOk(main)
      const hostsDir = main.outputs.get('hosts-dir') as string
      expect(hostsDir).toMatch(/\/cloud-registry-login-[0-9a-f]{24}\/certs\.d$/)
      const privateDir = path.dirname(hostsDir)
      expect(fs.statSync(privateDir).mode & 0o777).toBe(0o700)
      expect(fs.statSync(privateDir).uid).toBe(process.getuid?.())
      const ref = pushImage(job, hostsDir)
      expect(pulls(job, hostsDir, ref)).toBe(true)
      const post = await job.post(main)
      expectOk(post)
      expect(post.warnings).toEqual([])
      expect(fs.existsSync(privateDir)).toBe(false)
      expect(pulls(job, hostsDir, ref)).toBe(false)
      assertNoSecretLeaks(job, secretForms(env.sk, env.key, [USER]))
    } finally {
      job.cleanup()
    }
  })
})
