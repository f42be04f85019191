import * as core from '@actions/core'
import * as fs from 'node:fs'
import {basicAuthorization, writeHostsFile} from './containerd.js'
import {discardCopy, keepCopy} from './copies.js'
import type {Credential} from './credentials.js'
import {DockerLoginError, dockerConfigDir, dockerLogin, dockerLogout, existingLogin, restoreLogin} from './docker.js'
import type {EngineChoice} from './engines.js'
import {errorMessage} from './errors.js'
import {registryUrl} from './registry.js'
import {DEFAULT_RETRY, retry, type RetryPolicy} from './retry.js'
import {saveLoginState, type DockerLogin, type LoginState} from './state.js'

export interface LoginContext {
  choice: EngineChoice
  hostsDir: string
  /** Updated and saved after every change, so post always knows exactly what to undo. */
  state: LoginState
  retryPolicy?: RetryPolicy
  env?: NodeJS.ProcessEnv
}

export type Queue = <T>(task: () => Promise<T>) => Promise<T>

/**
 * Runs tasks one after another in call order. Concurrent `docker login`s race on config.json (each reads, changes and
 * rewrites it, and the last writer wins), so docker's share of the work goes through one of these.
 */
export function serialQueue(): Queue {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}

function forget(state: LoginState, record: DockerLogin): void {
  const at = state.docker.indexOf(record)
  if (at >= 0) state.docker.splice(at, 1)
  if (record.previousEntryFile !== undefined) discardCopy(record.previousEntryFile)
  saveLoginState(state)
}

async function loginDocker(docker: string, credential: Credential, context: LoginContext, queue: Queue): Promise<DockerLogin> {
  const {host} = credential.registry
  const {state} = context
  const configDir = dockerConfigDir(context.env)
  const previous = existingLogin(host, configDir)
  const record: DockerLogin = {host, configDir}
  if (previous.stored === 'file') record.previousEntryFile = keepCopy(JSON.stringify(previous.entry), 'docker-login.json', context.env)
  // Recorded before docker runs: if this process dies after docker wrote the credential, post still removes it.
  state.docker.push(record)
  saveLoginState(state)
  try {
    // The queue holds one try at a time, not the waits between tries: one slow registry does not hold up the rest.
    await retry(
      () => queue(() => dockerLogin(docker, configDir, host, credential.username, credential.password)),
      error => error instanceof DockerLoginError && error.transient,
      context.retryPolicy ?? DEFAULT_RETRY,
      {
        onRetry: (attempt, delay, error) =>
          core.info(`${host}: docker login try ${attempt} failed (${errorMessage(error)}); trying again in ${(delay / 1000).toFixed(1)} s`)
      }
    )
  } catch (error) {
    forget(state, record)
    throw error
  }
  if (previous.stored === 'elsewhere') {
    core.warning(
      `${host}: Docker already had a login for this registry in a credential helper; it was replaced, and the post ` +
        `step's logout cannot bring it back. Set 'logout: false' to keep this login instead.`
    )
  }
  return record
}

/**
 * Logs in to one registry with every chosen engine. All or nothing: if containerd cannot be configured after docker
 * logged in, docker is logged out again, so a failed registry leaves no credential behind. Throws a message for the log.
 */
export async function loginRegistry(credential: Credential, context: LoginContext, dockerQueue: Queue): Promise<string[]> {
  const {host} = credential.registry
  const {state, choice} = context
  const done: string[] = []
  let dockerRecord: DockerLogin | undefined

  if (choice.engines.includes('docker') && choice.docker) {
    dockerRecord = await loginDocker(choice.docker, credential, context, dockerQueue)
    done.push('docker')
  }

  if (choice.engines.includes('containerd')) {
    try {
      const change = writeHostsFile(
        context.hostsDir,
        host,
        registryUrl(credential.registry),
        basicAuthorization(credential.username, credential.password),
        context.env
      )
      state.containerd.push(change)
      saveLoginState(state)
      done.push(`containerd (${change.file})`)
    } catch (error) {
      const record = dockerRecord
      if (record && choice.docker) {
        // Take back the docker half so the registry is either fully configured or not at all.
        const docker = choice.docker
        await dockerQueue(async () => {
          try {
            await undoDockerLogin(docker, record)
            forget(state, record)
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
 * Undoes one docker login: `docker logout` in the config directory main used, then the login it replaced (if
 * config.json held one) goes back in. Returns what was done, for the log.
 */
export async function undoDockerLogin(docker: string, record: DockerLogin): Promise<string> {
  const configDir = record.configDir ?? dockerConfigDir()
  await dockerLogout(docker, configDir, record.host)
  if (record.previousEntryFile === undefined) return 'logged out'
  const entry: unknown = JSON.parse(fs.readFileSync(record.previousEntryFile, 'utf8'))
  restoreLogin(record.host, entry, configDir)
  discardCopy(record.previousEntryFile)
  return 'logged out, earlier login restored'
}
