// End-to-end: the post step of the built dist/ handed a saved state that main did not write, as a later step of the
// job (or anyone who can set STATE_login) could hand it one: places that point at someone else's directory or at
// /etc, records for hosts that are paths, a hosts.toml elsewhere, a credential helper nobody configured, an unknown
// engine, garbage, a huge state. Post must exit 0, say what it refused, change nothing outside the places main used,
// and still take off the real logins it can prove are its own. And the other way round: a very deep new hosts-dir
// whose state stays small enough for post to start, and whose directories post removes.
import {createHash} from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {LEDGER_FILE} from '../../src/ledger.js'
import {expectOk, jobs, secretForms, testEnv, type Inputs, type Job, type StepResult} from './harness.js'

const env = testEnv()
const REGION = 'cn-north-4'
const REGISTRY = env.httpRegistry
const ALL_USERS = [REGION, ...env.tlsHosts.keys()].map(r => `${r}@${env.ak}`)
const newJob = jobs(env, () => secretForms(env.sk, env.key, ALL_USERS))

interface SavedState {
  logout: boolean
  run: string
  places: {hostsDir: string; dockerConfig: string; tempDir: string}
  records: {engine: string; record: Record<string, unknown>}[]
}

let dirs: string[] = []
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
  dirs = []
})

/**
 * Someone else's directory: a Docker config (config.json) and a containerd hosts directory (<registry>/hosts.toml) in
 * one, 0644 files and 0755 directories owned by another user. Post must leave every byte, mode and owner as it is.
 */
function decoy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-decoy-'))
  dirs.push(dir)
  fs.chmodSync(dir, 0o755)
  const files: Record<string, string> = {
    'config.json': JSON.stringify({auths: {[REGISTRY]: {auth: Buffer.from('someone:else').toString('base64')}}}),
    [path.join(REGISTRY, 'hosts.toml')]: `# someone else's\nserver = "http://${REGISTRY}"\n`,
    [path.join('empty', 'keep')]: ''
  }
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name)
    fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o755})
    fs.writeFileSync(file, text, {mode: 0o644})
  }
  fs.mkdirSync(path.join(dir, 'empty-dir'), {mode: 0o755}) // an empty directory: rmdir would take it
  for (const entry of walk(dir)) fs.lchownSync(path.join(dir, entry), 4242, 4343)
  return dir
}

function walk(dir: string): string[] {
  const out: string[] = []
  for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
    out.push(e.name)
    if (e.isDirectory()) out.push(...walk(path.join(dir, e.name)).map(n => path.join(e.name, n)))
  }
  return out.sort()
}

/** Every entry under `dir` (and `dir` itself): type, mode, owner, and a hash of a file's bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of ['.', ...walk(dir)]) {
    const st = fs.lstatSync(path.join(dir, name))
    const bytes = st.isFile()
      ? createHash('sha256')
          .update(fs.readFileSync(path.join(dir, name)))
          .digest('hex')
      : st.isDirectory()
        ? 'dir'
        : 'other'
    out[name] = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${bytes}`
  }
  return out
}

const login = (more: Inputs = {}): Inputs => ({
  'access-key-id': env.ak,
  'access-key-secret': env.sk,
  region: REGION,
  registry: `http://${REGISTRY}`,
  engine: 'docker, containerd',
  ...more
})

/** A real main (docker and containerd, the default hosts directory), and the state it saved, parsed. */
async function realMain(job: Job): Promise<{main: StepResult; state: SavedState; hostsFile: string}> {
  const main = await job.main(login())
  expectOk(main)
  const state = JSON.parse(main.state.get('login') as string) as SavedState
  expect(state.records.map(r => r.engine)).toEqual(['docker', 'containerd'])
  const hostsFile = path.join(state.places.hostsDir, REGISTRY, 'hosts.toml')
  expect(fs.existsSync(hostsFile)).toBe(true)
  expect(Object.keys(job.dockerAuths())).toEqual([REGISTRY])
  return {main, state, hostsFile}
}

/** The post step with STATE_login replaced (a string as it is, anything else as JSON). */
function forgedPost(job: Job, main: StepResult, login: unknown, extraEnv: Record<string, string> = {}): Promise<StepResult> {
  const state = new Map(main.state)
  state.set('login', typeof login === 'string' ? login : JSON.stringify(login))
  return job.post({...main, state}, extraEnv)
}

const clone = (state: SavedState): SavedState => JSON.parse(JSON.stringify(state)) as SavedState

/** Post's line for a place it refused. */
const placeRefused = (dir: string): string => `The saved state says main wrote to ${dir}, but no login of this run is recorded there, so nothing there was touched.`
/** Post's line for a record an engine refused. */
const recordRefused = (engine: string): RegExp => new RegExp(`^A saved ${engine} record is not one this action writes, or points outside the places main used`)

/** Post with the true state removes what main left: proof that the forged post spoiled nothing of ours. */
async function truePostCleansUp(job: Job, main: StepResult, hostsFile: string): Promise<void> {
  const post = await job.post(main)
  expectOk(post)
  expect(post.warnings).toEqual([])
  expect(job.dockerAuths()).toEqual({})
  expect(fs.existsSync(hostsFile)).toBe(false)
}

describe('forged places', () => {
  it.each([
    ['dockerConfig', 'docker'],
    ['hostsDir', 'containerd']
  ] as const)("places.%s pointing at someone else's directory: refused, that directory untouched, the other engine's login removed", async (place, engine) => {
    const job = newJob()
    const {main, state, hostsFile} = await realMain(job)
    const other = decoy()
    const before = snapshot(other)
    const forged = clone(state)
    forged.places[place] = other
    const post = await forgedPost(job, main, forged)
    expectOk(post)
    expect(post.warnings).toHaveLength(1)
    // Refused either for who controls it (its config.json is another user's, 4242) or for holding no login of this run.
    expect(post.warnings[0]).toMatch(
      new RegExp(
        `(^The Docker config .*${other}.* belongs to uid 4242, another user.*Post left everything there as it is)|(^${placeRefused(other).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`
      )
    )
    expect(snapshot(other)).toEqual(before)
    if (engine === 'docker') {
      expect(Object.keys(job.dockerAuths())).toEqual([REGISTRY]) // where the state no longer points: left for the true post
      expect(fs.existsSync(hostsFile)).toBe(false)
    } else {
      expect(job.dockerAuths()).toEqual({})
      expect(fs.existsSync(hostsFile)).toBe(true)
    }
    await truePostCleansUp(job, main, hostsFile)
  })

  it('both places pointing at /etc: refused, nothing in /etc created or removed', async () => {
    const job = newJob()
    const {main, state, hostsFile} = await realMain(job)
    const etcBefore = fs.readdirSync('/etc').sort()
    const forged = clone(state)
    forged.places.dockerConfig = '/etc'
    forged.places.hostsDir = '/etc'
    const post = await forgedPost(job, main, forged)
    expectOk(post)
    expect(post.warnings).toHaveLength(2)
    for (const warning of post.warnings) expect(warning).toContain(placeRefused('/etc'))
    expect(fs.readdirSync('/etc').sort()).toEqual(etcBefore)
    for (const name of ['config.json', LEDGER_FILE, '.cloud-registry-login.lock', REGISTRY]) expect(fs.existsSync(path.join('/etc', name))).toBe(false)
    await truePostCleansUp(job, main, hostsFile)
  })
})

describe('forged records among the real ones', () => {
  it('hosts that are paths, a hosts.toml elsewhere, directories outside hosts-dir: each refused; the real logins removed', async () => {
    const job = newJob()
    const {main, state, hostsFile} = await realMain(job)
    const other = decoy()
    const before = snapshot(other)
    const [docker, containerd] = state.records.map(r => r.record)
    const forgedRecords = [
      {engine: 'docker', record: {...docker, host: '../../x'}},
      {engine: 'docker', record: {...docker, host: path.join(other, 'config.json')}},
      {engine: 'docker', record: {...docker, extra: other}},
      {engine: 'containerd', record: {...containerd, host: '../../x'}},
      {engine: 'containerd', record: {...containerd, host: `${REGISTRY}/../../..${other}`}},
      {engine: 'containerd', record: {...containerd, host: other}},
      {engine: 'containerd', record: {...containerd, target: path.join(other, REGISTRY, 'hosts.toml')}},
      {engine: 'containerd', record: {...containerd, target: '/etc/passwd'}},
      {engine: 'containerd', record: {...containerd, created: path.join(other, 'empty-dir')}},
      {engine: 'containerd', record: {...containerd, created: 'relative/dir'}},
      {engine: 'containerd', record: {...containerd, created: `${path.dirname(hostsFile)}/../../../x/..`}}
    ]
    const forged = clone(state)
    // Real records first, forged after: post undoes the last first, so every forged record is tried before the real ones.
    forged.records = [...state.records, ...forgedRecords]
    const etcPasswd = fs.readFileSync('/etc/passwd')
    const post = await forgedPost(job, main, forged)
    expectOk(post)
    // Every forged record refused: the first three in full (the last saved, containerd's), one line for the rest.
    expect(post.warnings).toHaveLength(4)
    for (const warning of post.warnings.slice(0, 3)) expect(warning).toMatch(recordRefused('containerd'))
    expect(post.warnings[3]).toMatch(/^8 more saved records \(3 docker, 5 containerd\) are not ones this action writes/)
    // Only the real records were acted on: one line each.
    expect(post.stdout.split('\n').filter(l => /^\S+: /.test(l))).toEqual([`${REGISTRY}: containerd ${hostsFile} removed`, `${REGISTRY}: docker login removed`])
    expect(snapshot(other)).toEqual(before)
    expect(fs.readFileSync('/etc/passwd')).toEqual(etcPasswd)
    // The real logins are gone all the same.
    expect(job.dockerAuths()).toEqual({})
    expect(fs.existsSync(hostsFile)).toBe(false)
  })

  it('a docker record naming a credential helper the config does not name: the helper is never run', async () => {
    const job = newJob()
    const {main, state, hostsFile} = await realMain(job)
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-evil-'))
    dirs.push(bin)
    const marker = path.join(bin, 'ran')
    fs.writeFileSync(path.join(bin, 'docker-credential-evil'), `#!/bin/sh\necho "$@" >> '${marker}'\ncat >> '${marker}'\n`, {mode: 0o755})
    const forged = clone(state)
    forged.records.push({engine: 'docker', record: {...state.records[0].record, helper: 'evil'}})
    const post = await forgedPost(job, main, forged, {PATH: `${bin}:${process.env.PATH}`})
    expectOk(post)
    expect(fs.existsSync(marker)).toBe(false)
    expect(post.warnings).toHaveLength(1)
    expect(post.warnings[0]).toContain(`${REGISTRY}: could not remove the docker login: the saved state names docker-credential-evil, which`)
    expect(post.warnings[0]).toMatch(/does not name, and the ledger holds no login of this run there: left alone$/)
    // The real record after it still takes the real login off.
    expect(job.dockerAuths()).toEqual({})
    expect(fs.existsSync(hostsFile)).toBe(false)
  })

  // main may really create hosts-dir and its parents (see the deep hosts-dir test below); which ones it created is noted
  // in the hosts directory's ledger, never taken from the saved state: a record naming directories is not one main
  // writes.
  it('a containerd record naming a created directory (/) is refused: post removes no directory above the hosts directory', async () => {
    const job = newJob()
    // A hosts directory below an empty directory that was there before main (someone's mount point, say).
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-parent-'))
    dirs.push(parent)
    const hostsDir = path.join(parent, 'hosts')
    fs.mkdirSync(hostsDir)
    const main = await job.main(login({'hosts-dir': hostsDir}))
    expectOk(main)
    const state = JSON.parse(main.state.get('login') as string) as SavedState
    const forged = clone(state)
    forged.records[1].record.created = '/'
    const post = await forgedPost(job, main, forged)
    expectOk(post)
    expect(post.warnings).toEqual([expect.stringContaining('A saved containerd record is not one this action writes')])
    expect(job.dockerAuths()).toEqual({})
    expect(fs.existsSync(path.join(hostsDir, REGISTRY, 'hosts.toml'))).toBe(true)
    // The true state then removes the rest; the hosts directory was there before main, and so was its parent: both stay.
    expectOk(await job.post(main))
    expect(fs.existsSync(path.join(hostsDir, REGISTRY))).toBe(false)
    expect(fs.existsSync(hostsDir)).toBe(true)
    expect(fs.existsSync(parent)).toBe(true)
  })
})

describe('a state that is not one main writes', () => {
  it.each([
    [
      'an unknown engine',
      (s: SavedState): unknown => ({...s, records: [...s.records, {engine: 'kaniko', record: s.records[0].record}]}),
      'the saved state is not in the expected form'
    ],
    ['garbage', (): unknown => '{"logout": true, "run": \n::stop-commands::x\n}', 'is not valid JSON'],
    ['a run id that is not one', (s: SavedState): unknown => ({...s, run: '../../etc'}), 'the saved state is not in the expected form'],
    ['places missing', (s: SavedState): unknown => ({...s, places: {}}), 'the saved state is not in the expected form'],
    [
      'a huge state (120 KB)',
      (s: SavedState): unknown => ({...s, records: [...s.records, {engine: 'kaniko', record: 'x'.repeat(120_000)}]}),
      'the saved state is not in the expected form'
    ]
  ])('%s: nothing removed, one warning that says so', async (_name, forge, reason) => {
    const job = newJob()
    const {main, state, hostsFile} = await realMain(job)
    const before = fs.readFileSync(hostsFile)
    const post = await forgedPost(job, main, forge(state))
    expectOk(post)
    expect(post.warnings).toHaveLength(1)
    expect(post.warnings[0]).toMatch(/^Could not read what the main step did \(/)
    expect(post.warnings[0]).toContain(reason)
    expect(post.warnings[0]).toContain('so no credentials were removed')
    expect(post.warnings[0].length).toBeLessThan(1000)
    expect(fs.readFileSync(hostsFile)).toEqual(before)
    expect(Object.keys(job.dockerAuths())).toEqual([REGISTRY])
    await truePostCleansUp(job, main, hostsFile)
  })

  it('a huge state of many forged records (80 KB): post exits 0, removes the real logins, and prints a few lines, not one per record', async () => {
    const job = newJob()
    const {main, state, hostsFile} = await realMain(job)
    const junk = Array.from({length: 1000}, (_, i) => ({engine: 'docker', record: {host: `../${i}`, digest: 'x'.repeat(40)}}))
    const forged = {...state, records: [...state.records, ...junk]}
    // 80 KB: Linux refuses to start a process with one environment variable over 128 KB (MAX_ARG_STRLEN), so no
    // state larger than that ever reaches post, from main or from anyone else.
    expect(JSON.stringify(forged).length).toBeGreaterThan(80_000)
    const post = await forgedPost(job, main, forged)
    expectOk(post)
    expect(job.dockerAuths()).toEqual({})
    expect(fs.existsSync(hostsFile)).toBe(false)
    // Three refusals in full, then one line for the rest.
    expect(post.warnings).toHaveLength(4)
    for (const warning of post.warnings.slice(0, 3)) expect(warning).toMatch(recordRefused('docker'))
    expect(post.warnings[3]).toMatch(/^997 more saved records \(997 docker\) are not ones this action writes/)
    expect(post.stdout.length).toBeLessThan(5_000)
  })
})

describe('a very deep new hosts-dir', () => {
  it('main saves a small state, post starts, removes everything, and the directories main created are gone', async () => {
    expect(env.tlsHosts.size).toBe(3)
    const regions = [...env.tlsHosts.keys()]
    const hosts = [...env.tlsHosts.values()]
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-deep-'))
    dirs.push(root)
    // ~3000 characters, 300 levels, none of them there before main.
    const hostsDir = path.join(root, ...Array.from({length: 300}, (_, i) => `d${String(i).padStart(8, '0')}`))
    expect(hostsDir.length).toBeGreaterThan(3000)
    const job = newJob()
    const main = await job.main(
      {'access-key-id': env.ak, 'access-key-secret': env.sk, region: regions.join(', '), engine: 'docker, containerd', 'hosts-dir': hostsDir},
      {
        SSL_CERT_FILE: env.caBundle
      }
    )
    expectOk(main)
    for (const host of hosts) expect(fs.existsSync(path.join(hostsDir, host, 'hosts.toml'))).toBe(true)
    const saved = main.state.get('login') as string
    // The limit that matters is 128 KB, one environment variable (see above). The hosts directory is saved once (in
    // 'places'); a record holds no path, so more registries add a few hundred bytes each, whatever the path's length.
    expect(saved.length).toBeLessThan(hostsDir.length + 3 * 1024)

    const post = await job.post(main)
    expectOk(post)
    expect(post.warnings).toEqual([])
    expect(job.dockerAuths()).toEqual({})
    expect(fs.readdirSync(root)).toEqual([])
  })
})
