import * as exec from '@actions/exec'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {secretForms} from './credentials.js'
import {explainDockerFailure} from './docker-errors.js'
import {redact, UserError} from './errors.js'

/** A failed `docker login`, explained; `transient` says whether another try may work. */
export class DockerLoginError extends UserError {
  constructor(
    message: string,
    readonly transient: boolean
  ) {
    super(message)
    this.name = 'DockerLoginError'
  }
}

/** The directory the Docker CLI keeps config.json in: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker')
}

/**
 * The environment docker runs with: ours, less what docker has no business seeing (the action's inputs, among them
 * the secret key, and the runner's tokens; a credential helper is a third-party program), with DOCKER_CONFIG pinned
 * to the directory main logged in to, so post logs out of the same place whatever later steps did to the environment.
 */
function dockerEnv(configDir: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith('INPUT_') || name.startsWith('STATE_')) continue
    if (name === 'ACTIONS_RUNTIME_TOKEN' || name === 'ACTIONS_ID_TOKEN_REQUEST_TOKEN') continue
    env[name] = value
  }
  env.DOCKER_CONFIG = configDir
  return env
}

/**
 * `docker login` for one registry, the password on stdin. Docker does the writing, so credential helpers and
 * credential stores are honoured exactly as for a person typing the command. Nothing docker prints is echoed: on
 * failure its telling line goes into the error, with any form of the credential taken out first.
 */
export async function dockerLogin(
  docker: string,
  configDir: string,
  host: string,
  username: string,
  password: string
): Promise<void> {
  const result = await exec.getExecOutput(docker, ['login', '--username', username, '--password-stdin', host], {
    input: Buffer.from(password, 'utf8'),
    env: dockerEnv(configDir),
    silent: true,
    ignoreReturnCode: true
  })
  if (result.exitCode !== 0) {
    const failure = explainDockerFailure(host, result.stderr, result.exitCode)
    const detail = redact(failure.detail, secretForms({username, password}))
    throw new DockerLoginError(`${failure.explanation} (docker: ${detail})`, failure.transient)
  }
}

/** `docker logout` for one registry; throws with docker's own words when it fails. */
export async function dockerLogout(docker: string, configDir: string, host: string): Promise<void> {
  const result = await exec.getExecOutput(docker, ['logout', host], {
    env: dockerEnv(configDir),
    silent: true,
    ignoreReturnCode: true
  })
  if (result.exitCode !== 0) {
    const line = result.stderr.trim().split(/\r?\n/)[0] || `exit code ${result.exitCode}`
    throw new Error(`docker logout ${host} failed: ${line}`)
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
