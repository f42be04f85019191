// End-to-end: the docker-config engine through the built dist/, on a job with NO docker CLI on PATH: the PATH is a
// private bin directory holding links to skopeo and podman only (and a fake credential helper where a test needs one).
// skopeo and podman read the login from the Docker config file ($DOCKER_CONFIG/config.json: no auth.json of theirs
// exists anywhere) against the TLS registry, whose CA they find in the certs.d directories script/test-env provides
// (and the action's own registry check finds there too). They work after main and are refused after post.
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {findOnPath} from '../../src/which.js'
import {helperStore, installFakeHelper} from '../support/fake-docker.js'
import {
  assertMasked,
  assertNoInjectedCommands,
  assertNoSecretLeaks,
  expectOk,
  Job,
  opensslKey,
  secretForms,
  testEnv,
  uniqueRepo,
  type Inputs,
  type StepResult
} from './harness.js'

const env = testEnv()
const REGION = 'cn-north-4'
const USER = `${REGION}@${env.ak}`
const HOST = env.tlsHosts.get(REGION) as string
const LEDGER = '.cloud-registry-login.json'
const AUTH_ERROR = /unauthorized|authentication required|401/i

let work: string
/** The private bin directory the jobs' PATH is: skopeo, podman and a fake credential helper, no docker. */
let bin: string
/** A bin directory with nothing in it: what `engine: auto` sees on a runner with no container tool at all. */
let emptyBin: string
let skopeo: string
let podman: string
/** An OCI image layout (the env's tarball as its one layer), for skopeo to copy into the registry. */
let ociDir: string

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-docker-config-e2e-'))
  bin = path.join(work, 'bin')
  emptyBin = path.join(work, 'empty-bin')
  fs.mkdirSync(bin)
  fs.mkdirSync(emptyBin)
  for (const tool of ['skopeo', 'podman']) {
    const real = findOnPath(tool, process.env)
    if (!real) throw new Error(`${tool} is not on PATH: script/test-env deps installs it`)
    fs.symlinkSync(real, path.join(bin, tool))
  }
  skopeo = path.join(bin, 'skopeo')
  podman = path.join(bin, 'podman')
  installFakeHelper(bin, 'e2e')
  ociDir = ociLayout(path.join(work, 'oci'), fs.readFileSync(env.imageTar))
})
afterAll(() => fs.rmSync(work, {recursive: true, force: true}))

/** Writes an OCI image layout at `dir` with `layer` (an uncompressed tar) as its only layer, tagged v1. */
function ociLayout(dir: string, layer: Buffer): string {
  const blobs = path.join(dir, 'blobs', 'sha256')
  fs.mkdirSync(blobs, {recursive: true})
  const blob = (data: Buffer | string): {digest: string; size: number} => {
    const bytes = Buffer.from(data)
    const hex = crypto.createHash('sha256').update(bytes).digest('hex')
    fs.writeFileSync(path.join(blobs, hex), bytes)
    return {digest: `sha256:${hex}`, size: bytes.length}
  }
  const layerBlob = blob(layer)
  const config = blob(JSON.stringify({architecture: 'amd64', os: 'linux', rootfs: {type: 'layers', diff_ids: [layerBlob.digest]}, config: {}}))
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {mediaType: 'application/vnd.oci.image.config.v1+json', ...config},
      layers: [{mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layerBlob}]
    })
  )
  fs.writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({imageLayoutVersion: '1.0.0'}))
  fs.writeFileSync(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: {'org.opencontainers.image.ref.name': 'v1'}}]
    })
  )
  return dir
}

let made: {job: Job; secrets: string[]}[] = []
afterEach(() => {
  try {
    for (const {job, secrets} of made) {
      assertNoSecretLeaks(job, secrets)
      assertNoInjectedCommands(job)
    }
  } finally {
    for (const {job} of made) job.cleanup()
    made = []
  }
})

/**
 * A job whose PATH is `path` (no docker CLI), with a runtime directory of its own (XDG_RUNTIME_DIR: no containers
 * auth.json in it, so the clients fall back to the Docker config) and the fake helper's store in its directory.
 */
function newJob(extraSecrets: string[] = [], pathDir = bin): Job {
  const job = new Job(env, {PATH: pathDir})
  // Set once the job's directory exists: every step and client of the job gets them (see stepEnv).
  made.push({job, secrets: [...secretForms(env.sk, env.key, [USER]), ...extraSecrets]})
  fs.mkdirSync(path.join(job.dir, 'xdg'), {mode: 0o700})
  fs.mkdirSync(path.join(job.dir, 'helper'))
  return job
}

/** What every step and client of a job sees besides the harness's environment: DOCKER_CONFIG set, as in a job container. */
const stepEnv = (job: Job): Record<string, string> => ({
  DOCKER_CONFIG: job.dockerConfig,
  XDG_RUNTIME_DIR: path.join(job.dir, 'xdg'),
  FAKE_HELPER_DIR: path.join(job.dir, 'helper')
})

const login = (more: Inputs = {}): Inputs => ({'access-key-id': env.ak, 'access-key-secret': env.sk, region: REGION, engine: 'docker-config', ...more})
const main = (job: Job, inputs: Inputs): Promise<StepResult> => job.main(inputs, stepEnv(job))
const post = (job: Job, step: StepResult): Promise<StepResult> => job.post(step, stepEnv(job))

function run(job: Job, tool: string, args: string[]): {code: number; out: string} {
  return job.sh(tool, args, stepEnv(job))
}

/** podman with storage of its own under the job's directory (vfs: no kernel overlay needed), rootful. */
function podmanPull(job: Job, ref: string, storage: string): {code: number; out: string} {
  const dir = path.join(job.dir, storage)
  return run(job, podman, [
    '--root',
    path.join(dir, 'root'),
    '--runroot',
    path.join(dir, 'runroot'),
    '--tmpdir',
    path.join(dir, 'tmp'),
    '--storage-driver',
    'vfs',
    '--events-backend',
    'file',
    '--cgroup-manager',
    'cgroupfs',
    'pull',
    '--quiet',
    ref
  ])
}

const configFile = (job: Job): string => path.join(job.dockerConfig, 'config.json')
const b64 = (text: string): string => Buffer.from(text).toString('base64')
const OURS = (): {auth: string} => ({auth: b64(`${USER}:${env.key}`)})

/** A config.json as docker writes it (tab-indented, a final newline), with settings and another login besides. */
function plantConfig(job: Job, config: Record<string, unknown>): Buffer {
  fs.mkdirSync(job.dockerConfig, {recursive: true, mode: 0o700})
  fs.writeFileSync(configFile(job), `${JSON.stringify(config, null, '\t')}\n`, {mode: 0o600})
  return fs.readFileSync(configFile(job))
}

describe('docker-config: no docker CLI on PATH', () => {
  it('skopeo inspect and copy, and podman pull, work through config.json after main and are refused after post', async () => {
    const job = newJob()
    expect(findOnPath('docker', {PATH: bin})).toBe('')
    const step = await main(job, login())
    expectOk(step)
    // The registry check trusted the test CA from /etc/docker/certs.d or /etc/containers/certs.d: nothing to warn.
    expect(step.warnings).toEqual([])
    expect(step.stdout).toContain(`Engines: docker-config (as set by 'engine')`)
    expect(step.stdout).toContain(`Docker config file: ${configFile(job)}`)
    expect(step.stdout).toContain(`✓ ${HOST} as ${USER}: docker-config (${configFile(job)})`)
    const written = JSON.parse(fs.readFileSync(configFile(job), 'utf8')) as {auths: Record<string, unknown>}
    expect(written).toEqual({auths: {[HOST]: OURS()}})
    expect(fs.statSync(configFile(job)).mode & 0o777).toBe(0o600)
    // No auth file of the containers clients anywhere: they can only have read the Docker config.
    expect(fs.readdirSync(path.join(job.dir, 'xdg'))).toEqual([])
    expect(fs.existsSync(path.join(job.home, '.config', 'containers', 'auth.json'))).toBe(false)

    const ref = `${HOST}/${uniqueRepo('docker-config')}:v1`
    expect(run(job, skopeo, ['copy', '--quiet', `oci:${ociDir}:v1`, `docker://${ref}`])).toMatchObject({code: 0})
    expect(run(job, skopeo, ['inspect', `docker://${ref}`])).toMatchObject({code: 0})
    expect(podmanPull(job, ref, 'podman-a')).toMatchObject({code: 0})

    const after = await post(job, step)
    expectOk(after)
    expect(after.warnings).toEqual([])
    expect(after.stdout).toContain(`${HOST}: docker login removed`)
    expect(JSON.parse(fs.readFileSync(configFile(job), 'utf8'))).toEqual({auths: {}})
    expect(fs.existsSync(path.join(job.dockerConfig, LEDGER))).toBe(false)

    const inspect = run(job, skopeo, ['inspect', `docker://${ref}`])
    expect(inspect.code).not.toBe(0)
    expect(inspect.out).toMatch(AUTH_ERROR)
    const copy = run(job, skopeo, ['copy', '--quiet', `oci:${ociDir}:v1`, `docker://${HOST}/${uniqueRepo('after-post')}:v1`])
    expect(copy.code).not.toBe(0)
    expect(copy.out).toMatch(AUTH_ERROR)
    const pull = podmanPull(job, ref, 'podman-b')
    expect(pull.code).not.toBe(0)
    expect(pull.out).toMatch(AUTH_ERROR)
    assertMasked(job, secretForms(env.sk, env.key, [USER]))
  })

  it('engine: auto on a runner with no container tool at all: picks docker-config and says why', async () => {
    const job = newJob([], emptyBin)
    const step = await main(job, login({engine: 'auto'}))
    expectOk(step)
    expect(step.stdout).toContain('Engines: docker-config (auto: no docker CLI on PATH: writing the Docker config file)')
    expect(JSON.parse(fs.readFileSync(configFile(job), 'utf8'))).toEqual({auths: {[HOST]: OURS()}})
    const ref = `${HOST}/${uniqueRepo('auto')}:v1`
    expect(run(job, skopeo, ['copy', '--quiet', `oci:${ociDir}:v1`, `docker://${ref}`])).toMatchObject({code: 0})
    expectOk(await post(job, step))
    expect(run(job, skopeo, ['inspect', `docker://${ref}`]).out).toMatch(AUTH_ERROR)
  })

  it('a wrong credential fails main with the registry’s answer and leaves config.json byte for byte', async () => {
    const wrongSk = `${env.sk}x`
    const wrongKey = opensslKey(env.ak, wrongSk)
    const job = newJob(secretForms(wrongSk, wrongKey, [USER]))
    const before = plantConfig(job, {auths: {'other.example:5000': {auth: b64('someone:else')}}, psFormat: 'table'})
    const step = await main(job, login({'access-key-secret': wrongSk}))
    expect(step.code).toBe(1)
    expect(step.errors).toHaveLength(1)
    expect(step.errors[0]).toContain(`${HOST} rejected the credentials.`)
    expect(step.errors[0]).toMatch(/\(registry check: GET https:\/\/.*\/v2\/: HTTP 401\)$/)
    expect(fs.readFileSync(configFile(job))).toEqual(before)
    expect(fs.readdirSync(job.dockerConfig)).toEqual(['config.json'])
    expect(step.outputs.get('registries')).toBe('[]')
    const after = await post(job, step)
    expectOk(after)
    expect(fs.readFileSync(configFile(job))).toEqual(before)
  })

  it('merges into a config.json with other logins and settings, uses it, and restores it exactly', async () => {
    const job = newJob()
    const before = plantConfig(job, {
      auths: {'other.example:5000': {auth: b64('someone:else')}, [HOST]: {auth: b64('earlier:login')}},
      psFormat: 'table {{.ID}}',
      HttpHeaders: {'User-Agent': 'team-runner'},
      detachKeys: 'ctrl-e,e'
    })
    const step = await main(job, login())
    expectOk(step)
    const merged = JSON.parse(fs.readFileSync(configFile(job), 'utf8')) as Record<string, unknown>
    expect(merged).toEqual({
      auths: {'other.example:5000': {auth: b64('someone:else')}, [HOST]: OURS()},
      psFormat: 'table {{.ID}}',
      HttpHeaders: {'User-Agent': 'team-runner'},
      detachKeys: 'ctrl-e,e'
    })
    const ref = `${HOST}/${uniqueRepo('merged')}:v1`
    expect(run(job, skopeo, ['copy', '--quiet', `oci:${ociDir}:v1`, `docker://${ref}`])).toMatchObject({code: 0})

    const after = await post(job, step)
    expectOk(after)
    expect(after.stdout).toContain(`${HOST}: docker login removed; the earlier login restored`)
    expect(fs.readFileSync(configFile(job)).toString()).toBe(before.toString())
    expect(fs.readdirSync(job.dockerConfig)).toEqual(['config.json'])
  })

  it('a credHelpers entry naming a helper that is not on PATH is refused, naming it, and nothing is written', async () => {
    const job = newJob()
    const before = plantConfig(job, {credHelpers: {[HOST]: 'not-installed'}})
    const step = await main(job, login())
    expect(step.code).toBe(1)
    expect(step.errors[0]).toContain(
      `the credential helper docker-credential-not-installed (credHelpers["${HOST}"] in ${configFile(job)}) is not on PATH. ` +
        `Install it, or change the Docker config so that logins for this registry go elsewhere.`
    )
    expect(fs.readFileSync(configFile(job))).toEqual(before)
    expect(fs.readdirSync(job.dockerConfig)).toEqual(['config.json'])
    expectOk(await post(job, step))
  })

  it('a credHelpers entry naming a helper on PATH: the login goes into the helper, skopeo uses it, post erases it', async () => {
    const job = newJob()
    plantConfig(job, {credHelpers: {[HOST]: 'e2e'}})
    const step = await main(job, login())
    expectOk(step)
    expect(step.stdout).toContain(`✓ ${HOST} as ${USER}: docker-config (in docker-credential-e2e)`)
    const helperDir = path.join(job.dir, 'helper')
    expect(helperStore(helperDir, 'e2e')).toEqual({[HOST]: {Username: USER, Secret: env.key}})
    // docker's marker beside a helper-held login; never the secret in the file.
    expect(JSON.parse(fs.readFileSync(configFile(job), 'utf8'))).toEqual({credHelpers: {[HOST]: 'e2e'}, auths: {[HOST]: {}}})
    expect(fs.readFileSync(configFile(job), 'utf8')).not.toContain(b64(`${USER}:${env.key}`))
    const ref = `${HOST}/${uniqueRepo('helper')}:v1`
    expect(run(job, skopeo, ['copy', '--quiet', `oci:${ociDir}:v1`, `docker://${ref}`])).toMatchObject({code: 0})

    const after = await post(job, step)
    expectOk(after)
    expect(helperStore(helperDir, 'e2e')).toEqual({})
    expect(JSON.parse(fs.readFileSync(configFile(job), 'utf8'))).toEqual({credHelpers: {[HOST]: 'e2e'}, auths: {}})
    expect(run(job, skopeo, ['inspect', `docker://${ref}`]).out).toMatch(AUTH_ERROR)
  })

  it('engine: docker, docker-config is refused before anything', async () => {
    const job = newJob()
    const step = await main(job, login({engine: 'docker, docker-config'}))
    expect(step.code).toBe(1)
    expect(step.errors[0]).toContain("Input 'engine' has both docker and docker-config, which write the same login into the same Docker config file.")
    expect(fs.existsSync(job.dockerConfig)).toBe(false)
  })
})
