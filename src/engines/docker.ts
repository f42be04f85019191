import * as exec from '@actions/exec'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {discardCopy, isOwnCopy, keepCopy} from '../copies.js'
import {secretForms, type LoginCredential} from '../credential.js'
import {errorMessage, redact} from '../errors.js'
import {isRegistryHost} from '../registry.js'
import {DEFAULT_RETRY, retry} from '../retry.js'
import {explainDockerFailure} from './docker-errors.js'
import type {Engine, EngineContext} from './engine.js'
import {EngineFailure} from './failure.js'

// The docker engine: `docker login --password-stdin`, so that docker does the writing and credential helpers and
// stores are honoured exactly as for a person typing the command; `docker logout` in post, and the config.json login
// the step replaced (if any) put back.

/** What one docker login changed. */
export interface DockerLogin {
  /** host[:port] passed to `docker login`. */
  host: string
  /** The Docker config directory logged in to; post logs out of the same one. */
  configDir: string
  /** A private copy of the config.json `auths` entry this login replaced, to be put back after `docker logout`. */
  previousEntryFile?: string
}

/** The directory the Docker CLI keeps config.json in: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker')
}

/**
 * The environment docker runs with: ours, less what docker has no business seeing (the action's inputs, among them
 * the secret key, the runner's tokens and its file commands; a credential helper is a third-party program), with DOCKER_CONFIG pinned
 * to the directory main logged in to, so post logs out of the same place whatever later steps did to the environment.
 */
const FILE_COMMANDS = new Set(['GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'])

export function dockerEnv(configDir: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.startsWith('INPUT_') || name.startsWith('STATE_')) continue
    if (name === 'ACTIONS_RUNTIME_TOKEN' || name === 'ACTIONS_ID_TOKEN_REQUEST_TOKEN') continue
    // The runner's file commands: a credential helper that appended to GITHUB_STATE could rewrite what post undoes.
    if (FILE_COMMANDS.has(name)) continue
    out[name] = value
  }
  out.DOCKER_CONFIG = configDir
  return out
}

export type Queue = <T>(task: () => Promise<T>) => Promise<T>

/**
 * Runs tasks one after another in call order. Concurrent `docker login`s race on config.json (each reads, changes and
 * rewrites it, and the last writer wins), so every docker command of one engine goes through one of these.
 */
export function serialQueue(): Queue {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}

/** Whether `value` is a DockerLogin in `configDir`, with its copy (if any) among ours under `tempDir`. */
function isDockerLogin(value: unknown, configDir: string, tempDir: string): value is DockerLogin {
  if (typeof value !== 'object' || value === null) return false
  const r = value as Record<string, unknown>
  if (typeof r.host !== 'string' || r.configDir !== configDir) return false
  if (r.previousEntryFile !== undefined && (typeof r.previousEntryFile !== 'string' || !isOwnCopy(r.previousEntryFile, tempDir))) return false
  return isRegistryHost(r.host)
}

/** The docker engine for one run of the action (main or post). */
export function dockerEngine(context: EngineContext): Engine<DockerLogin> {
  const {places, env} = context
  const queue = serialQueue()
  let cli: Promise<string> | undefined
  const docker = (): Promise<string> => (cli ??= context.which('docker'))

  async function run(args: string[], configDir: string, input?: string): Promise<exec.ExecOutput> {
    const bin = await docker()
    if (!bin) throw new Error('the docker CLI is no longer on PATH')
    return exec.getExecOutput(bin, args, {
      input: input === undefined ? undefined : Buffer.from(input, 'utf8'),
      env: dockerEnv(configDir, env),
      silent: true,
      ignoreReturnCode: true
    })
  }

  /** One `docker login`, the password on stdin; throws EngineFailure with docker's telling line, secrets taken out. */
  async function loginOnce(credential: LoginCredential, configDir: string): Promise<void> {
    const {host} = credential.registry
    const result = await run(['login', '--username', credential.username, '--password-stdin', host], configDir, credential.password)
    if (result.exitCode !== 0) {
      const failure = explainDockerFailure(host, result.stderr, result.exitCode, env.DOCKER_HOST)
      const detail = `docker: ${redact(failure.detail, secretForms(credential))}`
      throw new EngineFailure(failure.kind, failure.statement, detail, failure.transient)
    }
  }

  return {
    name: 'docker',
    place: 'dockerConfig',
    tools: ['docker'],

    detect: async () => ((await docker()) ? ['docker'] : []),

    unusable: async () =>
      (await docker()) ? undefined : `the docker CLI is not on PATH. Install Docker on the runner, or set 'engine: containerd'.`,

    async login(credential, journal) {
      const {host} = credential.registry
      const configDir = places.dockerConfig
      const previous = existingLogin(host, configDir)
      const record: DockerLogin = {host, configDir}
      try {
        if (previous.stored === 'file') record.previousEntryFile = keepCopy(JSON.stringify(previous.entry), 'docker-login.json', places.tempDir)
        // Noted before docker runs: if this process dies after docker wrote the credential, post still removes it.
        journal.add(record)
        // The queue holds one try at a time, not the waits between tries: one slow registry does not hold up the rest.
        await retry(
          () => queue(() => loginOnce(credential, configDir)),
          error => error instanceof EngineFailure && error.transient,
          context.retryPolicy ?? DEFAULT_RETRY,
          {
            onRetry: (attempt, delay, error) => {
              // docker's own words: the failure's statement is written for the last try ("over several tries").
              const why = error instanceof EngineFailure ? error.detail : errorMessage(error)
              context.log(`${host}: docker login try ${attempt} failed (${why}); trying again in ${(delay / 1000).toFixed(1)} s`)
            }
          }
        )
      } catch (error) {
        if (record.previousEntryFile !== undefined) discardCopy(record.previousEntryFile)
        journal.drop(record)
        throw error
      }
      if (previous.stored === 'elsewhere') {
        context.warn(
          `${host}: Docker already had a login for this registry in a credential helper; it was replaced, and the post ` +
            `step's logout cannot bring it back. Set 'logout: false' to keep this login instead.`
        )
      }
      return {record, summary: 'docker'}
    },

    /** `docker logout` in the config directory main used, then the login it replaced (if config.json held one) goes back in. */
    async undo(record) {
      // All of it in the queue: putting the earlier login back rewrites config.json, as another registry's login may.
      return queue(async () => {
        const result = await run(['logout', record.host], record.configDir)
        if (result.exitCode !== 0) {
          const line = result.stderr.trim().split(/\r?\n/)[0] || `exit code ${result.exitCode}`
          throw new Error(`docker logout ${record.host} failed: ${line}`)
        }
        if (record.previousEntryFile === undefined) return 'docker logged out'
        const entry: unknown = JSON.parse(fs.readFileSync(record.previousEntryFile, 'utf8'))
        restoreLogin(record.host, entry, record.configDir)
        discardCopy(record.previousEntryFile)
        return 'docker logged out, earlier login restored'
      })
    },

    owns: (record): record is DockerLogin => isDockerLogin(record, places.dockerConfig, places.tempDir),

    label: record => ({host: record.host, thing: 'the docker login'})
  }
}

type DockerConfig = {
  auths?: Record<string, unknown>
  credsStore?: string
  credHelpers?: Record<string, string>
  [key: string]: unknown
}

/** config.json as an object; undefined when there is none; throws when it exists but is not a JSON object. */
function readConfig(file: string): DockerConfig | undefined {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const parsed: unknown = JSON.parse(text)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file} is not a JSON object`)
  return parsed as DockerConfig
}

export type ExistingLogin = {stored: 'file'; entry: unknown} | {stored: 'elsewhere' | 'none'}

/**
 * What config.json holds for `host` that a `docker login` would replace and a `docker logout` would delete: the
 * `auths` entry, when the credential lives in the file itself. `stored: 'elsewhere'` when a credential helper or store
 * holds the logins (post cannot put those back); `stored: 'none'` when there is no login for the host, or the file
 * cannot be read (docker login will then say what is wrong with it).
 */
export function existingLogin(host: string, configDir: string): ExistingLogin {
  let config: DockerConfig | undefined
  try {
    config = readConfig(path.join(configDir, 'config.json'))
  } catch {
    return {stored: 'none'}
  }
  if (!config) return {stored: 'none'}
  const entry = config.auths?.[host]
  const hasSecret =
    typeof entry === 'object' && entry !== null && Object.keys(entry).some(k => k === 'auth' || k === 'identitytoken')
  if (config.credHelpers?.[host] || config.credsStore) {
    // The file's auths entry is then only a marker; the secret, if any, is in the helper.
    return entry !== undefined ? {stored: 'elsewhere'} : {stored: 'none'}
  }
  return hasSecret ? {stored: 'file', entry} : {stored: 'none'}
}

/**
 * Puts an `auths` entry back into config.json after `docker logout` removed ours, keeping everything else in the
 * file as it is. Follows a symlinked config.json to its target; writes a temporary file and renames it, so a reader
 * never sees half a file. Refuses to touch a file it cannot parse, rather than replace it.
 */
export function restoreLogin(host: string, entry: unknown, configDir: string): void {
  let file = path.join(configDir, 'config.json')
  if (fs.existsSync(file)) file = fs.realpathSync(file)
  const config: DockerConfig = readConfig(file) ?? {}
  config.auths = {...(config.auths ?? {}), [host]: entry}
  fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700})
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, `${JSON.stringify(config, null, '\t')}\n`, {mode: 0o600})
  fs.renameSync(tmp, file)
}
