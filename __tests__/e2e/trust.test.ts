// End-to-end: the trust boundary of a shared self-hosted runner, through the built action as root, against the real
// dockerd, registry and ctr, with a second, unprivileged user (nobody) planting what another user of the machine
// could: directories, ledgers, links, FIFOs, locks. Each class of issue 15 in turn: a place another user controls, a
// lost ledger, a killed job's login, a credential helper, the owner and mode of the user's files, reads that could
// block or fill the memory, locks that cannot be.
import {spawnSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {LEDGER_FILE, LOCK_FILE} from '../../src/ledger.js'
import {helperStore, installFakeHelper, setHelperStore} from '../support/fake-docker.js'
import {expectOk, jobs, secretForms, testEnv, uniqueRepo, type Inputs, type Job} from './harness.js'

const env = testEnv()
const REGION = 'cn-north-4'
const HOST = env.tlsHosts.get(REGION) as string
const USER = `${REGION}@${env.ak}`
const OURS = {auth: Buffer.from(`${USER}:${env.key}`).toString('base64')}
const newJob = jobs(env, () => secretForms(env.sk, env.key, [USER]))
const NOBODY = 65534

let dirs: string[] = []
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
  dirs = []
})

/** A directory of root's (0755), for places the tests make, under /tmp (a sticky parent of root's). */
function rootDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  fs.chmodSync(dir, 0o755)
  dirs.push(dir)
  return dir
}

/** Runs a shell command as nobody (the other user of the machine), failing the test if it fails. */
function asNobody(script: string): void {
  const r = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', 'sh', '-c', script], {encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`as nobody: ${script}: ${r.stderr}`)
}

const docker = (extra: Inputs = {}): Inputs => ({'access-key-id': env.ak, 'access-key-secret': env.sk, region: REGION, engine: 'docker', ...extra})
const containerd = (hostsDir: string, extra: Inputs = {}): Inputs => ({...docker(), engine: 'containerd', 'hosts-dir': hostsDir, ...extra})
const config = (dir: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>
const hostsToml = (hostsDir: string): string => path.join(hostsDir, HOST, 'hosts.toml')

describe('§1 a place another user controls is never trusted', () => {
  it('a hosts-dir that nobody owns, with a planted ledger naming a set-uid file: refused before anything is written, naming the input and the owner', async () => {
    const parent = rootDir('crl-trust-')
    const hostsDir = path.join(parent, 'certs.d')
    fs.mkdirSync(hostsDir)
    fs.chownSync(hostsDir, NOBODY, NOBODY)
    const planted = {
      version: 1,
      slots: {[HOST]: {base: {digest: 'a'.repeat(64), value: {data: Buffer.from('#!/bin/sh\n').toString('base64'), mode: 0o4755, uid: 0, gid: 0}}, layers: []}}
    }
    asNobody(`mkdir ${hostsDir}/${HOST} && echo '${JSON.stringify(planted)}' > ${hostsDir}/${LEDGER_FILE}`)
    const job = newJob()
    const main = await job.main(containerd(hostsDir))
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(
      new RegExp(`^The containerd hosts directory \\('hosts-dir', ${hostsDir}\\): ${hostsDir} is a directory of uid ${NOBODY} \\(nobody\\), another user`)
    )
    expect(fs.readdirSync(path.join(hostsDir, HOST))).toEqual([])
    expectOk(await job.post(main))
    expect(fs.existsSync(hostsToml(hostsDir))).toBe(false)
  })

  it('a <host>/ that nobody planted in a hosts directory of root, and a hosts.toml link of theirs to a root-only file: refused; the file untouched', async () => {
    const hostsDir = path.join(rootDir('crl-trust-'), 'certs.d')
    fs.mkdirSync(path.join(hostsDir, HOST), {recursive: true})
    const secretFile = path.join(rootDir('crl-root-only-'), 'shadow')
    fs.writeFileSync(secretFile, 'root:only\n', {mode: 0o600})
    fs.chownSync(path.join(hostsDir, HOST), NOBODY, NOBODY)
    asNobody(`ln -s ${secretFile} ${hostsToml(hostsDir)}`)
    const job = newJob()
    const main = await job.main(containerd(hostsDir))
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(new RegExp(`${path.join(hostsDir, HOST)}.*uid ${NOBODY}`))
    expect(fs.readFileSync(secretFile, 'utf8')).toBe('root:only\n')
    expectOk(await job.post(main))
    expect(fs.readFileSync(secretFile, 'utf8')).toBe('root:only\n')
  })

  it('a hosts.toml link of root pointing into a directory nobody controls: refused (the link is followed only to a trusted place)', async () => {
    const hostsDir = path.join(rootDir('crl-trust-'), 'certs.d')
    fs.mkdirSync(path.join(hostsDir, HOST), {recursive: true})
    const theirs = rootDir('crl-theirs-')
    fs.chownSync(theirs, NOBODY, NOBODY)
    asNobody(`echo 'server = "https://${HOST}"' > ${theirs}/hosts.toml`)
    fs.symlinkSync(path.join(theirs, 'hosts.toml'), hostsToml(hostsDir))
    const main = await newJob().main(containerd(hostsDir))
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(new RegExp(`${theirs}, on the way to .*, is a directory of uid ${NOBODY}`))
    expect(fs.readFileSync(path.join(theirs, 'hosts.toml'), 'utf8')).not.toContain('Authorization')
  })

  it('a hosts directory that became writable by others between main and post: post leaves it alone, with a warning, and a planted ledger is never applied', async () => {
    const hostsDir = path.join(rootDir('crl-trust-'), 'certs.d')
    fs.mkdirSync(hostsDir)
    const job = newJob()
    const main = await job.main(containerd(hostsDir))
    expectOk(main)
    fs.chmodSync(hostsDir, 0o777)
    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings[0]).toMatch(new RegExp(`${hostsDir} may be written to by other users \\(mode 777\\).*Post left everything there as it is`))
    expect(fs.readFileSync(hostsToml(hostsDir), 'utf8')).toContain('Authorization')
    // Put right, a second post removes it.
    fs.chmodSync(hostsDir, 0o755)
    expectOk(await job.post(main))
    expect(fs.existsSync(hostsToml(hostsDir))).toBe(false)
  })

  it('a Docker config directory of another user (DOCKER_CONFIG): refused before any login, naming it and its owner', async () => {
    const dir = path.join(rootDir('crl-trust-'), 'docker')
    fs.mkdirSync(dir)
    fs.chownSync(dir, NOBODY, NOBODY)
    const job = newJob()
    const main = await job.main(docker(), {DOCKER_CONFIG: dir})
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(new RegExp(`^The Docker config \\(DOCKER_CONFIG, else ~/\\.docker: ${dir}\\): ${dir} is a directory of uid ${NOBODY}`))
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('a new docker-config-dir under a parent of another user: refused, nothing made (they could swap it for a link before post)', async () => {
    const parent = path.join(rootDir('crl-trust-'), 'theirs')
    fs.mkdirSync(parent)
    fs.chownSync(parent, NOBODY, NOBODY)
    const main = await newJob().main(docker({'docker-config-dir': path.join(parent, 'docker')}))
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(new RegExp(`^Input 'docker-config-dir' \\(${parent}/docker\\): ${parent}, on the way to`))
    expect(fs.readdirSync(parent)).toEqual([])
  })

  it('a symlink into the workspace is inside the workspace: the warning compares real paths', async () => {
    const job = newJob()
    const workspace = job.environment().GITHUB_WORKSPACE
    fs.mkdirSync(path.join(workspace, 'creds'), {recursive: true})
    const link = path.join(job.dir, 'outside-looking')
    fs.symlinkSync(path.join(workspace, 'creds'), link)
    const main = await job.main(containerd(link))
    expectOk(main)
    expect(main.warnings.join('\n')).toMatch(/'hosts-dir' is .* inside the workspace/)
    expectOk(await job.post(main))
  })
})

describe('§2 a lost or damaged ledger never leaves our credential behind', () => {
  it.each([
    ['deleted', (file: string) => fs.rmSync(file)],
    ['damaged', (file: string) => fs.writeFileSync(file, '{"version": 1, "slots": ')]
  ])('the ledger %s between main and post: post still takes our login out of config.json and hosts.toml, and says what it could not restore', async (_, spoil) => {
    const configDir = path.join(rootDir('crl-lost-'), 'docker')
    fs.mkdirSync(configDir)
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({auths: {[HOST]: {auth: 'ZWFybGllcjpsb2dpbg=='}}}))
    const hostsDir = path.join(rootDir('crl-lost-'), 'certs.d')
    const job = newJob([], {DOCKER_CONFIG: configDir})
    const main = await job.main({...docker(), engine: 'docker, containerd', 'hosts-dir': hostsDir})
    expectOk(main)
    spoil(path.join(configDir, LEDGER_FILE))
    spoil(path.join(hostsDir, LEDGER_FILE))
    const post = await job.post(main)
    expectOk(post)
    expect((config(configDir).auths as Record<string, unknown>)[HOST]).toBeUndefined()
    expect(fs.existsSync(hostsToml(hostsDir))).toBe(false)
    expect(post.stdout).toMatch(/docker login removed; the login it replaced could not be put back/)
  })
})

describe("§3 a killed job's login is retired, never resurrected", () => {
  it("job A killed after main: job B's main and post never write A's key back; the user's own login returns; the ledger forgets A", async () => {
    const configDir = path.join(rootDir('crl-killed-'), 'docker')
    fs.mkdirSync(configDir)
    const earlier = {auth: Buffer.from('someone:earlier').toString('base64')}
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({auths: {[HOST]: earlier}}))
    const a = newJob([], {DOCKER_CONFIG: configDir})
    const mainA = await a.mainInJob(docker())
    expectOk(mainA)
    expect((config(configDir).auths as Record<string, unknown>)[HOST]).toEqual(OURS)
    // The job ends without its post step: its worker process is gone.
    const killed = new Promise(resolve => mainA.jobProcess?.once('exit', resolve))
    mainA.jobProcess?.kill('SIGKILL')
    await killed

    const b = newJob([], {DOCKER_CONFIG: configDir})
    const mainB = await b.main(docker())
    expectOk(mainB)
    expect(mainB.warnings.join('\n')).toMatch(/took off the login of .*, which ended without its post step, and put back what was under it/)
    const postB = await b.post(mainB)
    expectOk(postB)
    expect((config(configDir).auths as Record<string, unknown>)[HOST]).toEqual(earlier)
    expect(fs.existsSync(path.join(configDir, LEDGER_FILE))).toBe(false)
  })
})

describe('§4 credential helpers: what we stored is erased', () => {
  function helperPlace(name: string): {configDir: string; helperDir: string; extraEnv: Record<string, string>} {
    const root = rootDir('crl-helper-')
    const configDir = path.join(root, 'docker')
    fs.mkdirSync(configDir)
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({credsStore: name}))
    const helperDir = path.join(root, 'helper')
    fs.mkdirSync(helperDir)
    const bin = path.join(root, 'bin')
    installFakeHelper(bin, name)
    return {configDir, helperDir, extraEnv: {DOCKER_CONFIG: configDir, FAKE_HELPER_DIR: helperDir, PATH: `${bin}:${process.env.PATH}`}}
  }

  it('a helper whose get does not return what store was given: main fails saying so, and our key is erased from it', async () => {
    const {helperDir, extraEnv} = helperPlace('liar')
    setHelperStore(helperDir, 'liar', {})
    fs.writeFileSync(path.join(helperDir, 'liar.fail.get.json'), JSON.stringify({code: 0, stdout: JSON.stringify({Username: 'x', Secret: 'not-what-was-stored'})}))
    const job = newJob([], extraEnv)
    const main = await job.main(docker({registry: `http://${env.httpRegistry}`}))
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(/docker-credential-liar get did not return the login its store was just given/)
    expect(JSON.stringify(helperStore(helperDir, 'liar'))).not.toContain(env.key)
  })

  it('a later step drops credsStore from config.json: post still erases our login from the helper (still on PATH)', async () => {
    const {configDir, helperDir, extraEnv} = helperPlace('keeper')
    const job = newJob([], extraEnv)
    const main = await job.main(docker({registry: `http://${env.httpRegistry}`}))
    expectOk(main)
    expect(helperStore(helperDir, 'keeper')[env.httpRegistry]).toBeDefined()
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({auths: {[env.httpRegistry]: {}}}))
    const post = await job.post(main)
    expectOk(post)
    expect(helperStore(helperDir, 'keeper')).toEqual({})
  })

  it('a helper that fails to erase: post names the helper, the registry and the command to run by hand', async () => {
    const {helperDir, extraEnv} = helperPlace('stuck')
    const job = newJob([], extraEnv)
    const main = await job.main(docker({registry: `http://${env.httpRegistry}`}))
    expectOk(main)
    fs.writeFileSync(path.join(helperDir, 'stuck.fail.erase.json'), JSON.stringify({code: 1, stderr: 'keychain locked'}))
    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings.join('\n')).toMatch(
      new RegExp(
        `${env.httpRegistry.replace(/\./g, '\\.')}: could not remove .*docker-credential-stuck erase failed.*The credential remains in docker-credential-stuck: remove it with 'printf %s ${env.httpRegistry.replace(/\./g, '\\.')} \\| docker-credential-stuck erase'`
      )
    )
  })
})

describe("§5 owner and mode of the user's files are never changed", () => {
  it('root, with a config.json of another user (0644): refused, naming the file and its owner; owner and mode unchanged', async () => {
    const configDir = path.join(rootDir('crl-owner-'), 'docker')
    fs.mkdirSync(configDir)
    const file = path.join(configDir, 'config.json')
    fs.writeFileSync(file, '{}', {mode: 0o644})
    fs.chownSync(file, NOBODY, NOBODY)
    const main = await newJob([], {DOCKER_CONFIG: configDir}).main(docker())
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(new RegExp(`${file} belongs to uid ${NOBODY}`))
    expect(fs.statSync(file)).toMatchObject({uid: NOBODY, gid: NOBODY})
    expect(fs.statSync(file).mode & 0o777).toBe(0o644)
    expect(fs.readFileSync(file, 'utf8')).toBe('{}')
  })

  it("root's own config.json of mode 0640 keeps its mode through main and post, as docker login keeps it", async () => {
    const configDir = path.join(rootDir('crl-owner-'), 'docker')
    fs.mkdirSync(configDir)
    const file = path.join(configDir, 'config.json')
    fs.writeFileSync(file, '{"auths": {}}', {mode: 0o640})
    const job = newJob([], {DOCKER_CONFIG: configDir})
    const main = await job.main(docker())
    expectOk(main)
    expect(fs.statSync(file).mode & 0o777).toBe(0o640)
    expectOk(await job.post(main))
    expect(fs.statSync(file).mode & 0o777).toBe(0o640)
  })

  it('a podman auth file that is a symlink of another user (REGISTRY_AUTH_FILE): refused, naming it', async () => {
    const root = rootDir('crl-owner-')
    fs.writeFileSync(path.join(root, 'real.json'), '{}', {mode: 0o600})
    const link = path.join(root, 'auth.json')
    fs.symlinkSync(path.join(root, 'real.json'), link)
    fs.lchownSync(link, NOBODY, NOBODY)
    const main = await newJob([], {REGISTRY_AUTH_FILE: link}).main({...docker(), engine: 'podman'})
    expect(main.code).toBe(1)
    expect(main.errors[0]).toMatch(new RegExp(`${link} is a symbolic link of uid ${NOBODY}`))
    expect(fs.readFileSync(path.join(root, 'real.json'), 'utf8')).toBe('{}')
  })
})

describe('§6 no read can block or exhaust memory', () => {
  it.each([
    ['a FIFO where hosts.toml is expected', (hostsDir: string) => spawnSync('mkfifo', [hostsToml(hostsDir)]), /hosts\.toml is not a regular file/],
    [
      'a link to /dev/zero where hosts.toml is expected',
      (hostsDir: string) => fs.symlinkSync('/dev/zero', hostsToml(hostsDir)),
      /\/dev\/zero, on the way to .*hosts\.toml, is not a regular file/
    ],
    [
      'a FIFO where the ledger is expected',
      (hostsDir: string) => spawnSync('mkfifo', [path.join(hostsDir, LEDGER_FILE)]),
      /\.cloud-registry-login\.json is a FIFO, not a regular file/
    ]
  ])('%s: main ends at once with a message naming the file (with the memory of the step capped, should it read one whole)', async (_, plant, named) => {
    const hostsDir = path.join(rootDir('crl-block-'), 'certs.d')
    fs.mkdirSync(path.join(hostsDir, HOST), {recursive: true})
    plant(hostsDir)
    const job = newJob()
    // The step's address space is capped: a read of /dev/zero whole would end the step, not fill the machine.
    const started = Date.now()
    const main = await job.mainCapped(containerd(hostsDir))
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(main.code).toBe(1)
    expect(main.errors.join('\n')).toMatch(named)
  })

  it('a link to /dev/zero where the lock is expected: taken over as an entry (unlinked, never read), and the login goes on', async () => {
    const hostsDir = path.join(rootDir('crl-block-'), 'certs.d')
    fs.mkdirSync(hostsDir, {recursive: true})
    fs.symlinkSync('/dev/zero', path.join(hostsDir, LOCK_FILE))
    const job = newJob()
    const main = await job.mainCapped(containerd(hostsDir))
    expectOk(main)
    expect(fs.lstatSync(path.join(hostsDir, LOCK_FILE), {throwIfNoEntry: false})).toBeUndefined()
    expectOk(await job.post(main))
  })
})

describe('§7 locks: bounded, and honest about what they are', () => {
  const plantLock = (dir: string, holder: object): void => fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(holder))

  it('a lock naming a live process with a start time in the future is taken over at once', async () => {
    const configDir = path.join(rootDir('crl-lock-'), 'docker')
    fs.mkdirSync(configDir)
    plantLock(configDir, {host: os.hostname(), pid: 1, since: Date.now() + 3_600_000, token: 'future'})
    const job = newJob([], {DOCKER_CONFIG: configDir})
    const started = Date.now()
    const main = await job.main(docker())
    expectOk(main)
    expect(Date.now() - started).toBeLessThan(20_000)
    expectOk(await job.post(main))
  })

  it('an empty lock file (a full disk) and a directory at the lock path are judged at once, not waited on', async () => {
    const configDir = path.join(rootDir('crl-lock-'), 'docker')
    fs.mkdirSync(configDir)
    fs.writeFileSync(path.join(configDir, LOCK_FILE), '')
    const then = new Date(Date.now() - 10_000)
    fs.utimesSync(path.join(configDir, LOCK_FILE), then, then)
    const job = newJob([], {DOCKER_CONFIG: configDir})
    const main = await job.main(docker())
    expectOk(main)
    fs.mkdirSync(path.join(configDir, LOCK_FILE, 'inside'), {recursive: true})
    const started = Date.now()
    const post = await job.post(main)
    expectOk(post)
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(post.warnings.join('\n')).toMatch(
      new RegExp(
        `${LOCK_FILE.replace(/\./g, '\\.')} is not a lock this action can take over: it is a directory, not a regular file, and it cannot be removed.*The credential remains in ${configDir}/config\\.json: remove it with 'DOCKER_CONFIG=${configDir} docker logout ${HOST}'`
      )
    )
  })

  it("post's whole wait on locks held by live processes is bounded well under a minute, and it says what remains where", async () => {
    const configDir = path.join(rootDir('crl-lock-'), 'docker')
    const hostsDir = path.join(rootDir('crl-lock-'), 'certs.d')
    fs.mkdirSync(configDir)
    const job = newJob([], {DOCKER_CONFIG: configDir})
    const main = await job.main({...docker(), engine: 'docker, containerd', 'hosts-dir': hostsDir})
    expectOk(main)
    // Held by this (live) test process, as a job at work would hold them.
    const holder = {host: os.hostname(), pid: process.pid, since: Date.now(), token: 'live'}
    plantLock(configDir, holder)
    plantLock(hostsDir, holder)
    const started = Date.now()
    const post = await job.post(main)
    expectOk(post)
    expect(Date.now() - started).toBeLessThan(40_000)
    expect(post.warnings).toHaveLength(2)
    expect(post.warnings.join('\n')).toMatch(/could not remove .*held the lock.*The credential remains in/s)
    fs.rmSync(path.join(configDir, LOCK_FILE))
    fs.rmSync(path.join(hostsDir, LOCK_FILE))
    expectOk(await job.post(main))
    expect(fs.existsSync(hostsToml(hostsDir))).toBe(false)
  })
})

describe('a login through every guard still works', () => {
  it("docker and containerd in places of root's own: push and pull work; post leaves nothing", async () => {
    const job: Job = newJob()
    const hostsDir = path.join(rootDir('crl-ok-'), 'certs.d')
    const main = await job.main({...docker(), engine: 'docker, containerd', 'hosts-dir': hostsDir})
    expectOk(main)
    const ref = `${HOST}/${uniqueRepo('trust')}:v1`
    expect(job.docker('import', env.imageTar, ref).code).toBe(0)
    expect(job.docker('push', ref)).toMatchObject({code: 0})
    expect(job.ctr('images', 'pull', '--hosts-dir', hostsDir, ref)).toMatchObject({code: 0})
    expectOk(await job.post(main))
    expect(job.dockerAuths()).toEqual({})
    expect(fs.existsSync(hostsToml(hostsDir))).toBe(false)
  })
})
