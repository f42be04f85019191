// End-to-end: the built action against a real dockerd, a real Distribution registry and real ctr, all on loopback.
// See harness.ts for how the runner is imitated, and script/test-env for the parts.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {LEDGER_FILE} from '../../src/ledger.js'
import {assertMasked, assertNoSecretLeaks, expectOk, Job, opensslKey, secretForms, testEnv, uniqueRepo} from './harness.js'

const env = testEnv()
const REGION = 'cn-north-4'
const USER = `${REGION}@${env.ak}`
const DOWN = env.downRegion // resolves to a loopback address where nothing listens
// Every user name any test logs in as, for the scan that runs after every test.
const ALL_USERS = [REGION, ...env.tlsHosts.keys(), DOWN].map(r => `${r}@${env.ak}`)
let jobs: {job: Job; secrets: string[]}[] = []

/** A job; after the test, every line it printed and all it saved for post are scanned for `extraSecrets` and ours. */
function newJob(extraSecrets: string[] = []): Job {
  const job = new Job(env)
  jobs.push({job, secrets: [...secretForms(env.sk, env.key, ALL_USERS), ...extraSecrets]})
  return job
}

afterEach(() => {
  try {
    for (const {job, secrets} of jobs) assertNoSecretLeaks(job, secrets)
  } finally {
    for (const {job} of jobs) job.cleanup()
    jobs = []
  }
})

/** Makes an image from the env's tarball and returns its reference. */
function importImage(job: Job, ref: string): void {
  const r = job.docker('import', env.imageTar, ref)
  expect(r).toMatchObject({code: 0})
}

describe('single region, plain HTTP registry, docker and containerd', () => {
  it('docker and ctr push and pull after main, and are refused after post, which leaves nothing behind', async () => {
    const job = newJob()
    const registry = env.httpRegistry
    const main = await job.main({
      'access-key-id': env.ak,
      'access-key-secret': `${env.sk}\n`, // pasted with a trailing newline: must be trimmed
      region: REGION,
      registry: `http://${registry}`
    })
    expectOk(main)
    expect(Object.fromEntries(main.outputs)).toEqual({
      registry,
      registries: JSON.stringify([registry]),
      username: USER,
      'hosts-dir': path.join(job.runnerTemp, 'containerd', 'certs.d'),
      'auth-file': job.authFile(), // podman, skopeo and buildah are on PATH here too
      'ctr-user': `${USER}:${env.key}`,
      'docker-config-json': JSON.stringify({auths: {[registry]: {auth: Buffer.from(`${USER}:${env.key}`).toString('base64')}}}),
      'docker-config-dir': job.dockerConfig, // the job's own: 'docker-config-dir' is not set
      'expires-at': '' // a long-term key does not expire
    })

    // docker: the login is in the job's config.json, and push/pull work.
    expect(Object.keys(job.dockerAuths())).toEqual([registry])
    const ref = `${registry}/${uniqueRepo()}:v1`
    importImage(job, ref)
    expect(job.docker('push', ref)).toMatchObject({code: 0})
    expect(job.docker('rmi', ref).code).toBe(0)
    expect(job.docker('pull', ref)).toMatchObject({code: 0})

    // Other clients that read Docker's config see the login too (skopeo, like podman, falls back to it).
    expect(job.sh('skopeo', ['inspect', '--tls-verify=false', `docker://${ref}`])).toMatchObject({code: 0})

    // containerd: hosts.toml with the right modes, and ctr pull/push through it.
    const hostsDir = main.outputs.get('hosts-dir') as string
    const file = path.join(hostsDir, registry, 'hosts.toml')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700)
    expect(fs.readFileSync(file, 'utf8')).toContain(`server = "http://${registry}"`)
    expect(job.ctr('images', 'pull', '--hosts-dir', hostsDir, ref)).toMatchObject({code: 0})
    const ctrRef = `${registry}/${uniqueRepo('ctr')}:v2`
    expect(job.ctr('images', 'tag', ref, ctrRef).code).toBe(0)
    expect(job.ctr('images', 'push', '--hosts-dir', hostsDir, ctrRef)).toMatchObject({code: 0})
    // Without the hosts dir, the registry refuses: proves the credential came from the file.
    expect(job.ctr('images', 'pull', '--plain-http', ref).code).not.toBe(0)

    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings).toEqual([])

    // After post: nothing of ours is left, and both clients are refused.
    expect(job.dockerAuths()).toEqual({})
    expect(fs.existsSync(file)).toBe(false)
    expect(job.runnerTempFiles()).toEqual([])
    expect(job.docker('pull', ref).out).toMatch(/no basic auth credentials|unauthorized|authentication required/i)
    const ctrAfter = job.ctr('images', 'pull', '--hosts-dir', hostsDir, ref)
    expect(ctrAfter.code).not.toBe(0)
    expect(ctrAfter.out).toMatch(/401|unauthorized/i)

    assertMasked(job, secretForms(env.sk, env.key, [USER]))
  })
})

describe('three regions on their default SWR host names, over TLS', () => {
  it('logs in to every region with both engines and post undoes all of it', async () => {
    expect(env.tlsHosts.size).toBe(3) // script/test runs the tests where these names resolve to loopback
    const regions = [...env.tlsHosts.keys()]
    const hosts = [...env.tlsHosts.values()]
    expect(hosts).toContain('swr.eu-west-101.myhuaweicloud.eu') // the one region on another domain
    const job = newJob()
    const main = await job.main({
      'access-key-id': env.ak,
      'access-key-secret': env.sk,
      region: `${regions[0]}, ${regions[1]}\n${regions[2]}\n${regions[0]}` // comma and newline separated, a duplicate
    })
    expectOk(main)
    expect(JSON.parse(main.outputs.get('registries') as string)).toEqual(hosts)
    expect(main.outputs.get('registry')).toBe(hosts[0])
    expect(main.outputs.get('username')).toBe(`${regions[0]}@${env.ak}`)
    // One success line per registry, inside a log group.
    for (const host of hosts) expect(main.stdout).toMatch(new RegExp(`✓ ${host.replace(/\./g, '\\.')} as `))
    expect(main.stdout).toMatch(/^::group::Logging in to 3 registries/m)

    const hostsDir = main.outputs.get('hosts-dir') as string
    for (const host of hosts) {
      const ref = `${host}/${uniqueRepo()}:v1`
      importImage(job, ref)
      expect(job.docker('push', ref)).toMatchObject({code: 0})
      expect(job.ctr('images', 'pull', '--hosts-dir', hostsDir, ref)).toMatchObject({code: 0})
    }

    const post = await job.post(main)
    expectOk(post)
    expect(job.dockerAuths()).toEqual({})
    expect(job.runnerTempFiles()).toEqual([])
    for (const host of hosts) {
      const ref = `${host}/${uniqueRepo()}:v1`
      importImage(job, ref)
      expect(job.docker('push', ref).code).not.toBe(0)
    }
    assertMasked(
      job,
      secretForms(
        env.sk,
        env.key,
        regions.map(r => `${r}@${env.ak}`)
      )
    )
  })

  it('logs in to the regions that work, fails the step naming the one that did not, and post undoes the rest', async () => {
    const [good] = env.tlsHosts.keys()
    const goodHost = env.tlsHosts.get(good) as string
    const job = newJob()
    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: `${good}, ${DOWN}`})
    expect(main.code).toBe(1)
    expect(main.errors).toHaveLength(1)
    expect(main.errors[0]).toMatch(/Login failed for 1 of 2 registries/)
    expect(main.errors[0]).toMatch(new RegExp(`swr\\.${DOWN}\\.myhuaweicloud\\.com \\(${DOWN}\\): Nothing accepts connections at .*'registry'.*connection refused`))
    expect(JSON.parse(main.outputs.get('registries') as string)).toEqual([goodHost])
    expect(Object.keys(job.dockerAuths())).toEqual([goodHost])
    const hostsDir = main.outputs.get('hosts-dir') as string
    expect(fs.readdirSync(hostsDir).sort()).toEqual(['.cloud-registry-login.json', goodHost]) // and the ledger of live logins

    expectOk(await job.post(main))
    expect(job.dockerAuths()).toEqual({})
    expect(job.runnerTempFiles()).toEqual([])
    assertMasked(job, secretForms(env.sk, env.key, [`${good}@${env.ak}`, `${DOWN}@${env.ak}`]))
  })
})

describe('a wrong secret key', () => {
  it('fails with the unauthorized explanation and leaves no credential anywhere', async () => {
    const wrongSk = `${env.sk}x`
    const wrongKey = opensslKey(env.ak, wrongSk)
    const job = newJob(secretForms(wrongSk, wrongKey, [USER]))
    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': wrongSk, region: REGION, registry: `http://${env.httpRegistry}`})
    expect(main.code).toBe(1)
    expect(main.errors).toHaveLength(1)
    expect(main.errors[0]).toContain(`${env.httpRegistry} rejected the credentials`)
    expect(main.errors[0]).toMatch(/\(docker: .*401 Unauthorized\)$/)
    expect(job.dockerAuths()).toEqual({})
    expect(fs.existsSync(path.join(job.runnerTemp, 'containerd', 'certs.d', env.httpRegistry))).toBe(false)
    expect(main.outputs.get('registries')).toBe('[]')
    expect(main.outputs.get('hosts-dir')).toBe('')

    const post = await job.post(main)
    expectOk(post)
    expect(post.stdout).toMatch(/nothing to remove/)
    expect(job.runnerTempFiles()).toEqual([])
    assertMasked(job, secretForms(wrongSk, wrongKey, [USER]))
  })
})

describe('all or nothing per registry', () => {
  it('takes the docker login back when containerd cannot be configured, and names hosts-dir', async () => {
    const job = newJob()
    const notADir = path.join(job.dir, 'certs.d')
    // A hosts.toml that is not TOML: containerd fails only once it renders its file, after docker logged in.
    fs.mkdirSync(path.join(notADir, env.httpRegistry), {recursive: true})
    fs.writeFileSync(path.join(notADir, env.httpRegistry, 'hosts.toml'), 'not = [valid\n')
    const main = await job.main({
      'access-key-id': env.ak,
      'access-key-secret': env.sk,
      region: REGION,
      registry: `http://${env.httpRegistry}`,
      engine: 'docker, containerd',
      'hosts-dir': notADir
    })
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(/could not write containerd credentials: the existing .* is not valid TOML.*Check 'hosts-dir'/)
    // docker login had succeeded; it was undone, so no credential is left for the registry anywhere.
    expect(job.dockerAuths()).toEqual({})
    expect(main.outputs.get('registries')).toBe('[]')
    expect(JSON.parse(main.state.get('login') as string)).toEqual({
      logout: true,
      run: expect.stringMatching(/^[0-9a-f]{24}$/),
      places: {hostsDir: notADir, dockerConfig: job.dockerConfig, authFile: job.authFile(), tempDir: job.runnerTemp},
      records: []
    })
    expectOk(await job.post(main))
    expect(job.runnerTempFiles()).toEqual([])
    assertMasked(job, secretForms(env.sk, env.key, [USER]))
  })
})

describe('existing configuration is merged into and restored', () => {
  it('keeps a hosts.toml with a mirror, uses it, and restores it byte for byte', async () => {
    const job = newJob()
    const host = env.tlsHosts.get(REGION) as string
    const hostsDir = path.join(job.dir, 'certs.d')
    const file = path.join(hostsDir, host, 'hosts.toml')
    fs.mkdirSync(path.dirname(file), {recursive: true})
    // A user's file: a pull-through mirror that does not exist (containerd falls back to the server after it), a CA
    // file for the registry, and comments that a TOML round trip would lose.
    const original =
      `# team mirror config\nserver = "https://${host}"\n\n[host."http://127.0.0.1:5999"]\n  capabilities = ["pull", "resolve"]\n` +
      `  # the mirror is down today\n\n[host."https://${host}"]\n  capabilities = ["pull", "resolve", "push"]\n  ca = "${env.caBundle}"\n`
    fs.writeFileSync(file, original, {mode: 0o644})

    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: REGION, engine: 'containerd', 'hosts-dir': hostsDir})
    expectOk(main)
    expect(main.outputs.get('hosts-dir')).toBe(hostsDir)
    const merged = fs.readFileSync(file, 'utf8')
    expect(merged).toContain('http://127.0.0.1:5999') // the mirror is kept
    expect(merged).toContain(`ca = "${env.caBundle}"`) // and the CA
    expect(merged).toMatch(/Authorization = \[ "Basic /)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(job.dockerAuths()).toEqual({}) // engine: containerd only

    const ref = `${host}/${uniqueRepo()}:v1`
    importImage(job, ref)
    // Push with ctr through the merged file (docker is not logged in here), then pull it back.
    expect(job.sh('sh', ['-c', `docker save ${ref} | ctr -a ${env.containerdSock} -n crl-e2e images import -`]).code).toBe(0)
    expect(job.ctr('images', 'push', '--hosts-dir', hostsDir, ref)).toMatchObject({code: 0})
    expect(job.ctr('images', 'pull', '--hosts-dir', hostsDir, ref)).toMatchObject({code: 0})

    expectOk(await job.post(main))
    expect(fs.readFileSync(file, 'utf8')).toBe(original)
    expect(fs.statSync(file).mode & 0o777).toBe(0o644)
    expect(job.runnerTempFiles()).toEqual([])
    assertMasked(job, secretForms(env.sk, env.key, [USER]))
  })

  it('puts back a docker login that config.json held for the same registry, and keeps the others', async () => {
    const job = newJob()
    const registry = env.httpRegistry
    const earlier = {auth: Buffer.from('someone:else').toString('base64')}
    const unrelated = {auth: Buffer.from('other:registry').toString('base64')}
    fs.mkdirSync(job.dockerConfig, {recursive: true})
    fs.writeFileSync(path.join(job.dockerConfig, 'config.json'), JSON.stringify({auths: {[registry]: earlier, 'registry.example.com': unrelated}, psFormat: 'table {{.ID}}'}))
    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: REGION, registry, engine: 'docker'})
    expectOk(main)
    expect(main.outputs.get('hosts-dir')).toBe('')
    expect(job.dockerAuths()[registry]).toEqual({auth: Buffer.from(`${USER}:${env.key}`).toString('base64')})

    expectOk(await job.post(main))
    const config = JSON.parse(fs.readFileSync(path.join(job.dockerConfig, 'config.json'), 'utf8'))
    expect(config.auths).toEqual({[registry]: earlier, 'registry.example.com': unrelated})
    expect(config.psFormat).toBe('table {{.ID}}')
    expect(job.runnerTempFiles()).toEqual([])
  })
})

describe('the post step', () => {
  it('logs out of the Docker config main logged in to, even if a later step changed DOCKER_CONFIG', async () => {
    const job = newJob()
    const mainConfig = path.join(job.dir, 'docker-main')
    const main = await job.main(
      {'access-key-id': env.ak, 'access-key-secret': env.sk, region: REGION, registry: env.httpRegistry, engine: 'docker'},
      {DOCKER_CONFIG: mainConfig}
    )
    expectOk(main)
    const configFile = path.join(mainConfig, 'config.json')
    expect(Object.keys(JSON.parse(fs.readFileSync(configFile, 'utf8')).auths)).toEqual([env.httpRegistry])
    expectOk(await job.post(main, {DOCKER_CONFIG: path.join(job.dir, 'docker-elsewhere')}))
    expect(JSON.parse(fs.readFileSync(configFile, 'utf8')).auths).toEqual({})
  })

  it('never fails the job on unreadable state, and needs no docker CLI to take the docker login off', async () => {
    const job = newJob()
    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: REGION, registry: `http://${env.httpRegistry}`})
    expectOk(main)
    const hostsFile = path.join(main.outputs.get('hosts-dir') as string, env.httpRegistry, 'hosts.toml')

    const garbled = await job.post(main, {STATE_login: '{"logout": true, "docker": "not a list"}'})
    expect(garbled.code).toBe(0)
    expect(garbled.warnings.join('\n')).toMatch(/Could not read what the main step did.*remove them by hand/s)
    expect(fs.existsSync(hostsFile)).toBe(true) // nothing was guessed at
    expect(Object.keys(job.dockerAuths())).toEqual([env.httpRegistry])

    // A later step took docker off PATH (or the daemon is gone): post edits config.json itself.
    const noDocker = await job.post(main, {PATH: '/nonexistent'})
    expectOk(noDocker)
    expect(noDocker.warnings).toEqual([])
    expect(noDocker.stdout).toContain(`${env.httpRegistry}: docker login removed`)
    expect(job.dockerAuths()).toEqual({})
    expect(fs.existsSync(hostsFile)).toBe(false)
  })
})

describe('a hosts.toml that is a symlink', () => {
  it('is changed where it points and restored there; the link stays a link', async () => {
    const job = newJob()
    const hostsDir = path.join(job.dir, 'certs.d')
    const managed = path.join(job.dir, 'managed', 'hosts.toml')
    fs.mkdirSync(path.dirname(managed), {recursive: true})
    const original = `server = "http://${env.httpRegistry}"\n`
    fs.writeFileSync(managed, original, {mode: 0o640})
    const link = path.join(hostsDir, env.httpRegistry, 'hosts.toml')
    fs.mkdirSync(path.dirname(link), {recursive: true})
    fs.symlinkSync(managed, link)

    const main = await job.main({
      'access-key-id': env.ak,
      'access-key-secret': env.sk,
      region: REGION,
      registry: `http://${env.httpRegistry}`,
      engine: 'containerd',
      'hosts-dir': hostsDir
    })
    expectOk(main)
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true)
    expect(fs.readFileSync(managed, 'utf8')).toMatch(/Authorization = \[ "Basic /)
    const ref = `${env.httpRegistry}/${uniqueRepo()}:v1`
    importImage(job, ref)
    expect(job.sh('sh', ['-c', `docker save ${ref} | ctr -a ${env.containerdSock} -n crl-e2e images import -`]).code).toBe(0)
    expect(job.ctr('images', 'push', '--hosts-dir', hostsDir, ref)).toMatchObject({code: 0})

    expectOk(await job.post(main))
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true)
    expect(fs.readFileSync(managed, 'utf8')).toBe(original)
    expect(fs.statSync(managed).mode & 0o777).toBe(0o640)
  })
})

describe('inputs', () => {
  it('logout: false leaves the credentials for later jobs', async () => {
    const job = newJob()
    const main = await job.main({
      'access-key-id': env.ak,
      'access-key-secret': env.sk,
      region: REGION,
      registry: `http://${env.httpRegistry}`,
      logout: 'false'
    })
    expectOk(main)
    const post = await job.post(main)
    expectOk(post)
    expect(post.stdout).toMatch(/'logout' is false/)
    expect(Object.keys(job.dockerAuths())).toEqual([env.httpRegistry])
    const hostsDir = main.outputs.get('hosts-dir') as string
    expect(fs.existsSync(path.join(hostsDir, env.httpRegistry, 'hosts.toml'))).toBe(true)
    // The logins that stay are no run's to take off any more: the ledgers forget them (and so are gone, being empty).
    expect(fs.existsSync(path.join(job.dockerConfig, LEDGER_FILE))).toBe(false)
    expect(fs.existsSync(path.join(hostsDir, LEDGER_FILE))).toBe(false)
    // A later job's login and post on the same runner leave the login that stayed as it is.
    const later = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: REGION, registry: `http://${env.httpRegistry}`})
    expectOk(later)
    expectOk(await job.post(later))
    expect(Object.keys(job.dockerAuths())).toEqual([env.httpRegistry])
    expect(fs.existsSync(path.join(hostsDir, env.httpRegistry, 'hosts.toml'))).toBe(true)
  })

  it.each([
    [{'access-key-id': ''}, /Input 'access-key-id' is empty.*forks.*Dependabot.*secrets: inherit/s],
    [{'access-key-secret': '  \n'}, /Input 'access-key-secret' is empty/],
    [{region: 'CN-North-4'}, /Input 'region' has 'CN-North-4'.*lower case/],
    [{region: 'cn-north-4,ap-southeast-3', registry: 'my.registry.example'}, /Input 'registry' is one host/],
    [{registry: 'swr.cn-north-4.myhuaweicloud.com/my-org'}, /Input 'registry' .*a path is not allowed/],
    [{engine: 'kaniko'}, /Input 'engine' has 'kaniko'/],
    [{logout: 'yes'}, /Input 'logout' is 'yes'/],
    [{provider: 'gcr'}, /Input 'provider' is 'gcr'/]
  ])('rejects %j before doing anything', async (override, message) => {
    const job = newJob()
    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: REGION, ...override})
    expect(main.code).toBe(1)
    expect(main.errors).toHaveLength(1)
    expect(main.errors[0]).toMatch(message)
    expect(main.state.has('login')).toBe(false)
    expect(job.dockerAuths()).toEqual({})
    expect(job.runnerTempFiles()).toEqual([])
    expect((await job.post(main)).code).toBe(0)
    if (!('access-key-secret' in override)) assertMasked(job, [env.sk])
  })
})
