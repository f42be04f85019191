// End-to-end: the podman engine through the built dist/, with Debian's podman, buildah and skopeo against the loopback
// registries (vfs storage and every file of theirs under the env's directory: see script/test-env; the auth file under
// each job's XDG_RUNTIME_DIR: see harness.ts). Pull and push work after main and are refused after post; a wrong
// password changes nothing; a file with other logins is merged and put back; skopeo alone is enough.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {LEDGER_FILE} from '../../src/ledger.js'
import {expectOk, Job, jobs, opensslKey, secretForms, testEnv, uniqueRepo, type Inputs} from './harness.js'

const env = testEnv()
const REGION = 'cn-north-4'
const USER = `${REGION}@${env.ak}`
const TLS_HOST = env.tlsHosts.get(REGION) as string
const newJob = jobs(env, () => [...secretForms(env.sk, env.key, [USER]), env.acrFixed.password])

const REFUSED = /unauthorized|authentication required|401|no credentials|invalid username\/password/i

const login = (more: Inputs = {}): Inputs => ({'access-key-id': env.ak, 'access-key-secret': env.sk, region: REGION, engine: 'podman', ...more})

/** An image pushed to the registry by podman with `authfile`-less podman (the job's auth file), for the pulls. */
function pushImage(job: Job, host: string): string {
  const ref = `${host}/${uniqueRepo('podman')}:v1`
  expect(job.sh('podman', ['import', env.imageTar, ref])).toMatchObject({code: 0})
  expect(job.sh('podman', ['push', ref])).toMatchObject({code: 0})
  return ref
}

/** What each client makes of `ref` now: its exit code and output. */
function clients(job: Job, ref: string): Record<string, {code: number; out: string}> {
  const copy = `${ref.slice(0, ref.lastIndexOf(':'))}:copied-${process.pid}-${Date.now()}`
  return {
    'podman pull': job.sh('podman', ['pull', '-q', ref]),
    'skopeo inspect': job.sh('skopeo', ['inspect', `docker://${ref}`]),
    'skopeo copy': job.sh('skopeo', ['copy', '-q', `docker://${ref}`, `docker://${copy}`]),
    'buildah pull': job.sh('buildah', ['pull', '-q', '--policy', 'always', ref])
  }
}

/** Each client that failed (expecting success), or that was not refused for want of credentials (expecting that). */
function expectAll(job: Job, ref: string, outcome: 'work' | 'refused'): void {
  const wrong = Object.entries(clients(job, ref)).filter(([, r]) => (outcome === 'work' ? r.code !== 0 : r.code === 0 || !REFUSED.test(r.out)))
  expect(wrong.map(([name, r]) => `${name}: exit ${r.code}: ${r.out}`)).toEqual([])
}

/** Logs podman in as a user would, in a step of the job (password on stdin). */
function podmanLogin(job: Job, user: string, password: string, host: string): void {
  expect(job.sh('sh', ['-c', 'printf %s "$P" | podman login -u "$U" --password-stdin "$H"'], {P: password, U: user, H: host})).toMatchObject({code: 0})
}

describe('engine: podman, with podman, buildah and skopeo on PATH', () => {
  it('podman login writes the job auth file: push, pull, copy, inspect work; after post all are refused and nothing is left', async () => {
    const job = newJob()
    const main = await job.main(login())
    expectOk(main)
    expect(main.outputs.get('auth-file')).toBe(job.authFile())
    expect(main.outputs.get('hosts-dir')).toBe('')
    expect(main.stdout).toContain(`podman auth file: ${job.authFile()} (XDG_RUNTIME_DIR)`)
    expect(main.stdout).toContain(`✓ ${TLS_HOST} as ${USER}: podman`)
    expect(fs.statSync(job.authFile()).mode & 0o777).toBe(0o600)
    expect(job.sh('podman', ['login', '--get-login', TLS_HOST])).toEqual({code: 0, out: `${USER}\n`})
    expect(job.dockerAuths()).toEqual({}) // podman only

    const ref = pushImage(job, TLS_HOST)
    expectAll(job, ref, 'work')

    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings).toEqual([])
    expect(post.stdout).toContain(`${TLS_HOST}: podman login removed`)
    expect(JSON.parse(fs.readFileSync(job.authFile(), 'utf8'))).toEqual({auths: {}})
    expect(fs.readdirSync(path.dirname(job.authFile()))).toEqual(['auth.json']) // no ledger, no lock
    expect(job.runnerTempFiles()).toEqual([]) // no private auth file left
    expectAll(job, ref, 'refused')
  })

  it('a plain-HTTP registry: the login is checked with --tls-verify=false, and works for podman with it', async () => {
    const job = newJob()
    const main = await job.main(login({registry: `http://${env.httpRegistry}`}))
    expectOk(main)
    const ref = `${env.httpRegistry}/${uniqueRepo('podman-http')}:v1`
    expect(job.sh('podman', ['import', env.imageTar, ref]).code).toBe(0)
    expect(job.sh('podman', ['push', '--tls-verify=false', ref])).toMatchObject({code: 0})
    expectOk(await job.post(main))
    expect(job.sh('podman', ['pull', '--tls-verify=false', ref]).out).toMatch(REFUSED)
  })

  it('a wrong password fails main with the unauthorized explanation, and leaves the auth file byte-identical', async () => {
    const wrongSk = `${env.sk}x`
    const wrongKey = opensslKey(env.ak, wrongSk)
    const job = newJob(secretForms(wrongSk, wrongKey, [USER]))
    const other = `{\n\t"auths": {\n\t\t"quay.io": {\n\t\t\t"auth": "${Buffer.from('someone:else').toString('base64')}"\n\t\t}\n\t}\n}`
    fs.mkdirSync(path.dirname(job.authFile()), {recursive: true, mode: 0o700})
    fs.writeFileSync(job.authFile(), other, {mode: 0o600})
    const main = await job.main(login({'access-key-secret': wrongSk}))
    expect(main.code).toBe(1)
    expect(main.errors).toHaveLength(1)
    expect(main.errors[0]).toContain(`${TLS_HOST} rejected the credentials.`)
    expect(main.errors[0]).toMatch(/\(podman: logging into ".*": invalid username\/password\)$/)
    expect(fs.readFileSync(job.authFile(), 'utf8')).toBe(other)
    expect(fs.readdirSync(path.dirname(job.authFile()))).toEqual(['auth.json'])
    expect(job.runnerTempFiles()).toEqual([])
    expect(main.outputs.get('auth-file')).toBe('')
    expectOk(await job.post(main))
    expect(fs.readFileSync(job.authFile(), 'utf8')).toBe(other)
  })

  it('an auth file with other logins (one for the same registry) is merged into, and put back as it was', async () => {
    const job = newJob()
    // Written by podman itself: another registry's login, and an older one for ours (ACR's fixed user, which the
    // registry accepts, so that it is a real login that must come back).
    const acr = env.acrFixed
    podmanLogin(job, acr.user, acr.password, TLS_HOST)
    podmanLogin(job, acr.user, acr.password, env.acrHosts[0])
    const before = JSON.parse(fs.readFileSync(job.authFile(), 'utf8')) as {auths: Record<string, unknown>}
    expect(Object.keys(before.auths).sort()).toEqual([TLS_HOST, env.acrHosts[0]].sort())

    const main = await job.main(login())
    expectOk(main)
    const during = JSON.parse(fs.readFileSync(job.authFile(), 'utf8')) as {auths: Record<string, unknown>}
    expect(during.auths[env.acrHosts[0]]).toEqual(before.auths[env.acrHosts[0]])
    expect(during.auths[TLS_HOST]).not.toEqual(before.auths[TLS_HOST])
    expect(job.sh('podman', ['login', '--get-login', TLS_HOST]).out).toBe(`${USER}\n`)
    expect(fs.existsSync(path.join(path.dirname(job.authFile()), LEDGER_FILE))).toBe(true)

    const post = await job.post(main)
    expectOk(post)
    expect(post.stdout).toContain(`${TLS_HOST}: podman login removed; the earlier login restored`)
    expect(JSON.parse(fs.readFileSync(job.authFile(), 'utf8'))).toEqual(before)
    expect(job.sh('podman', ['login', '--get-login', TLS_HOST]).out).toBe(`${acr.user}\n`)
    expect(fs.readdirSync(path.dirname(job.authFile()))).toEqual(['auth.json'])
  }, 60_000)

  it('REGISTRY_AUTH_FILE set for the job: the login goes there, and post finds it there', async () => {
    const job = newJob()
    const file = path.join(job.dir, 'my-auth', 'auth.json')
    const main = await job.main(login(), {REGISTRY_AUTH_FILE: file})
    expectOk(main)
    expect(main.outputs.get('auth-file')).toBe(file)
    expect(fs.existsSync(job.authFile())).toBe(false)
    expect(job.sh('skopeo', ['login', '--get-login', TLS_HOST], {REGISTRY_AUTH_FILE: file}).out).toBe(`${USER}\n`)
    expectOk(await job.post(main, {REGISTRY_AUTH_FILE: file}))
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({auths: {}})
  })
})

describe('only skopeo on PATH (no podman, no buildah, no docker)', () => {
  let bin: string
  beforeEach(() => {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-skopeo-only-'))
    fs.symlinkSync('/usr/bin/skopeo', path.join(bin, 'skopeo'))
  })
  afterEach(() => fs.rmSync(bin, {recursive: true, force: true}))

  it('engine: auto picks podman (and docker-config, as no docker CLI is there); skopeo proves the login and the file is written directly; post takes it off', async () => {
    const job = newJob()
    const main = await job.main(login({engine: 'auto'}), {PATH: bin})
    expectOk(main)
    expect(main.stdout).toContain('Engines: docker-config, podman (auto: found skopeo on PATH; no docker CLI on PATH: writing the Docker config file)')
    expect(main.stdout).toMatch(new RegExp(`✓ ${TLS_HOST} as ${USER}: docker-config \\(.*\\), podman auth file \\(checked with skopeo\\)`))
    expect(main.outputs.get('auth-file')).toBe(job.authFile())

    // The full toolset (the job's PATH) reads what skopeo's login left.
    const ref = pushImage(job, TLS_HOST)
    expectAll(job, ref, 'work')

    const post = await job.post(main, {PATH: bin})
    expectOk(post)
    expect(post.warnings).toEqual([])
    expectAll(job, ref, 'refused')
  })
})
