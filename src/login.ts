import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {randomBytes} from 'node:crypto'
import {basicAuthorization, writeHostsFile} from './containerd.js'
import type {Credential} from './credentials.js'
import {DockerLoginError, dockerLogin, dockerLogout, existingLogin, restoreLogin} from './docker.js'
import type {EngineChoice} from './engines.js'
import {errorMessage} from './errors.js'
import {registryUrl} from './registry.js'
import {retry, type RetryPolicy, DEFAULT_RETRY} from './retry.js'
import {saveLoginState, type DockerLogin, type LoginState} from './state.js'

export interface LoginContext {
  choice: EngineChoice
  hostsDir: string
  /** Updated and saved after every change, so post always knows exactly what to undo. */
  state: LoginState
  retryPolicy?: RetryPolicy
}

/**
 * Runs tasks one after another in call order. Concurrent `docker login`s race on config.json (each reads, changes and
 * rewrites it, and the last writer wins), so docker's share of the work goes through one of these.
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}

function keepPreviousEntry(entry: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const dir = fs.mkdtempSync(path.join(env.RUNNER_TEMP || os.tmpdir(), 'cloud-registry-login-docker-'))
  fs.chmodSync(dir, 0o700)
  const file = path.join(dir, `${randomBytes(6).toString('hex')}.json`)
  fs.writeFileSync(file, JSON.stringify(entry), {mode: 0o600})
  return file
}

/**
 * Logs in to one registry with every chosen engine. All or nothing: if containerd cannot be configured after docker
 * logged in, docker is logged out again, so a failed registry leaves no credential behind. Throws a message for the log.
 */
export async function loginRegistry(
  credential: Credential,
  context: LoginContext,
  dockerQueue: <T>(task: () => Promise<T>) => Promise<T>
): Promise<string[]> {
  const {host} = credential.registry
  const done: string[] = []
  const {state} = context
  let dockerRecord: DockerLogin | undefined

  if (context.choice.engines.includes('docker') && context.choice.docker) {
    const docker = context.choice.docker
    await dockerQueue(async () => {
      const previous = existingLogin(host)
      await retry(
        () => dockerLogin(docker, host, credential.username, credential.password),
        error => error instanceof DockerLoginError && error.transient,
        context.retryPolicy ?? DEFAULT_RETRY,
        {
          onRetry: (attempt, delay, error) =>
            core.info(`${host}: docker login try ${attempt} failed (${errorMessage(error)}); trying again in ${(delay / 1000).toFixed(1)} s`)
        }
      )
      dockerRecord = {host, ...(previous.stored === 'file' ? {previousEntryFile: keepPreviousEntry(previous.entry)} : {})}
      state.docker.push(dockerRecord)
      saveLoginState(state)
      if (previous.stored === 'elsewhere') {
        core.warning(
          `${host}: Docker already had a login for this registry in a credential helper; it was replaced, and the post ` +
            `step's logout cannot bring it back. Set 'logout: false' to keep this login instead.`
        )
      }
    })
    done.push('docker')
  }

  if (context.choice.engines.includes('containerd')) {
    try {
      const change = writeHostsFile(
        context.hostsDir,
        host,
        registryUrl(credential.registry),
        basicAuthorization(credential.username, credential.password)
      )
      state.containerd.push(change)
      saveLoginState(state)
      done.push(`containerd (${change.file})`)
    } catch (error) {
      const record = dockerRecord
      if (record && context.choice.docker) {
        // Take back the docker half so the registry is either fully configured or not at all.
        const docker = context.choice.docker
        await dockerQueue(async () => {
          try {
            await undoDockerLogin(docker, record)
            state.docker.splice(state.docker.indexOf(record), 1)
            saveLoginState(state)
          } catch (logoutError) {
            core.warning(`${host}: could not undo docker login (${errorMessage(logoutError)}); the post step will try again.`)
          }
        })
      }
      throw new Error(`could not write containerd credentials: ${errorMessage(error)}. Check 'hosts-dir' (${context.hostsDir}).`)
    }
  }
  return done
}

/**
 * Undoes one docker login: `docker logout`, then the login it replaced (if config.json held one) goes back in.
 * Returns what was done, for the log.
 */
export async function undoDockerLogin(docker: string, record: DockerLogin): Promise<string> {
  await dockerLogout(docker, record.host)
  if (record.previousEntryFile === undefined) return 'logged out'
  const entry: unknown = JSON.parse(fs.readFileSync(record.previousEntryFile, 'utf8'))
  restoreLogin(record.host, entry)
  fs.rmSync(path.dirname(record.previousEntryFile), {recursive: true, force: true})
  return 'logged out, earlier login restored'
}
