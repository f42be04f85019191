import * as exec from '@actions/exec'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {explainDockerFailure} from './docker-errors.js'
import {UserError} from './errors.js'

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

/**
 * `docker login` for one registry, the password on stdin. Docker does the writing, so DOCKER_CONFIG, credential
 * helpers and credential stores are honoured exactly as for a person typing the command. Nothing docker prints is
 * echoed: on failure its telling line goes into the error, which the caller has already had masked.
 */
export async function dockerLogin(docker: string, host: string, username: string, password: string): Promise<void> {
  const result = await exec.getExecOutput(docker, ['login', '--username', username, '--password-stdin', host], {
    input: Buffer.from(password, 'utf8'),
    silent: true,
    ignoreReturnCode: true
  })
  if (result.exitCode !== 0) {
    const failure = explainDockerFailure(host, result.stderr, result.exitCode)
    throw new DockerLoginError(`${failure.explanation} (docker: ${failure.detail})`, failure.transient)
  }
}

/** `docker logout` for one registry; throws with docker's own words when it fails. */
export async function dockerLogout(docker: string, host: string): Promise<void> {
  const result = await exec.getExecOutput(docker, ['logout', host], {silent: true, ignoreReturnCode: true})
  if (result.exitCode !== 0) {
    const line = result.stderr.trim().split(/\r?\n/)[0] || `exit code ${result.exitCode}`
    throw new Error(`docker logout ${host} failed: ${line}`)
  }
}

/** The config.json the Docker CLI uses: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
export function dockerConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.DOCKER_CONFIG || path.join(os.homedir(), '.docker'), 'config.json')
}

type DockerConfig = {
  auths?: Record<string, unknown>
  credsStore?: string
  credHelpers?: Record<string, string>
  [key: string]: unknown
}

function readConfig(file: string): DockerConfig | undefined {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null ? (parsed as DockerConfig) : undefined
  } catch {
    return undefined
  }
}

/**
 * What config.json holds for `host` that a `docker login` would replace and a `docker logout` would delete: the
 * `auths` entry, when the credential lives in the file itself. `stored: 'elsewhere'` when a credential helper or store
 * holds the logins (post cannot put those back); `stored: 'none'` when there is no login for the host.
 */
export function existingLogin(
  host: string,
  file: string = dockerConfigFile()
): {stored: 'file'; entry: unknown} | {stored: 'elsewhere' | 'none'} {
  const config = readConfig(file)
  if (!config) return {stored: 'none'}
  const entry = config.auths?.[host]
  const hasSecret = typeof entry === 'object' && entry !== null && Object.keys(entry).some(k => k === 'auth' || k === 'identitytoken')
  if (config.credHelpers?.[host] || config.credsStore) {
    // The file's auths entry is then only a marker; the secret, if any, is in the helper.
    return entry !== undefined ? {stored: 'elsewhere'} : {stored: 'none'}
  }
  return hasSecret ? {stored: 'file', entry} : {stored: 'none'}
}

/**
 * Puts an `auths` entry back into config.json after `docker logout` removed ours, keeping everything else in the
 * file as it is. Written to a temporary file and renamed, so a reader never sees half a file.
 */
export function restoreLogin(host: string, entry: unknown, file: string = dockerConfigFile()): void {
  const config: DockerConfig = readConfig(file) ?? {}
  config.auths = {...(config.auths ?? {}), [host]: entry}
  fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700})
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, `${JSON.stringify(config, null, '\t')}\n`, {mode: 0o600})
  fs.renameSync(tmp, file)
}
