import * as fs from 'node:fs'
import * as path from 'node:path'
import {runCommand, type CommandResult} from '../../command.js'
import {secretForms, type LoginCredential} from '../../credential.js'
import {cut, errorMessage, redact} from '../../errors.js'
import {MIN_TRY_MS} from '../../limits.js'
import {backoffDelay, DEFAULT_RETRY} from '../../retry.js'
import {privateLoginConfig, type ConfigRead, type DockerConfig} from '../shared/auth-file.js'
import {dockerByHand, dockerConfigWriter, dockerEnv, isDockerLogin, storeSummary, type DockerLogin} from '../shared/auth-file-writer.js'
import {explainDockerFailure, explainDockerTimeout} from '../shared/docker-errors.js'
import type {Engine, EngineContext} from '../engine.js'
import {EngineFailure} from '../../failure.js'

// The docker engine. `docker login` proves the credential (the daemon checks it with the registry), in a private
// Docker config directory of its own, so logins to several registries run at once without racing on config.json;
// then the engine writes the login into the real config itself, where docker would have put it (config.json, or the
// credential helper docker picks for the registry), under the place's lock and noted in its ledger (see ledger.ts),
// so that jobs sharing one config never lose each other's logins and post takes off only what is still its own. Post
// edits the config (or asks the helper to erase): it needs neither the docker CLI nor the daemon.

// Shared with the docker-config engine, and kept importable from here.
export {dockerEnv, removalLine, type DockerLogin} from '../shared/auth-file-writer.js'

/** The deadlines, in one place. */
export interface DockerTimings {
  /** The whole login to one registry, every docker try included. */
  loginMs: number
  /** One call of a credential helper. */
  helperMs: number
  /** The daemon's answer to `docker version`, asked when a login ran out of time (whose fault was it?). */
  daemonCheckMs: number
}

export const DOCKER_TIMINGS: DockerTimings = {loginMs: 60_000, helperMs: 10_000, daemonCheckMs: 3_000}

/** The docker engine for one run of the action (main or post). */
export function dockerEngine(context: EngineContext, timings: DockerTimings = DOCKER_TIMINGS): Engine<DockerLogin> {
  const {places, env} = context
  const configDir = places.dockerConfig
  const looked = new Map<string, Promise<string>>()
  const which = (tool: string): Promise<string> => {
    let found = looked.get(tool)
    if (!found) looked.set(tool, (found = context.which(tool)))
    return found
  }
  const docker = (): Promise<string> => which('docker')

  const writer = dockerConfigWriter(context, which, timings.helperMs)

  /** The environment of a private login: its own DOCKER_CONFIG, and the real one's daemon certificates and contexts. */
  function privateEnv(dir: string): Record<string, string> {
    const out = dockerEnv(dir, env)
    // docker looks for the daemon's TLS certificates in the config directory unless told otherwise.
    if (!out.DOCKER_CERT_PATH) out.DOCKER_CERT_PATH = configDir
    return out
  }

  /** A private config directory for one login (0700, under the temp directory), removed by the caller. */
  function privateDir(config: DockerConfig | undefined, key: string): string {
    fs.mkdirSync(places.tempDir, {recursive: true})
    const dir = fs.mkdtempSync(path.join(places.tempDir, 'cloud-registry-login-docker-'))
    try {
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(privateLoginConfig(config, key)), {mode: 0o600})
      // The contexts (currentContext, kept in the private config.json) live beside config.json: the same daemon.
      const contexts = path.join(configDir, 'contexts')
      if (fs.existsSync(contexts)) fs.symlinkSync(contexts, path.join(dir, 'contexts'), 'junction')
    } catch (error) {
      fs.rmSync(dir, {recursive: true, force: true})
      throw error
    }
    return dir
  }

  /** Whether the daemon answers a plain request in time (after a login ran out of time: daemon or registry?). */
  async function daemonAnswers(bin: string): Promise<boolean> {
    try {
      const result = await runCommand(bin, ['version', '--format', '{{.Server.Version}}'], {
        env: dockerEnv(configDir, env),
        timeoutMs: timings.daemonCheckMs
      })
      return result.exitCode === 0 && !result.timedOut
    } catch {
      return false
    }
  }

  /**
   * Proves the credential with `docker login` in a private config directory, trying again on transient failures
   * within one deadline for the whole login. Throws EngineFailure: docker's telling line, secrets taken out.
   */
  async function proveLogin(credential: LoginCredential, read: ConfigRead, key: string): Promise<void> {
    const {host} = credential.registry
    const bin = await docker()
    if (!bin) throw new Error('the docker CLI is no longer on PATH')
    const secrets = secretForms(credential)
    const policy = context.retryPolicy ?? DEFAULT_RETRY
    const deadline = Date.now() + timings.loginMs
    const dir = privateDir(read.config, key)
    try {
      for (let attempt = 1; ; attempt++) {
        let result: CommandResult
        try {
          result = await runCommand(bin, ['login', '--username', credential.username, '--password-stdin', host], {
            env: privateEnv(dir),
            input: credential.password,
            timeoutMs: Math.max(deadline - Date.now(), 1)
          })
        } catch (error) {
          throw new Error(`docker could not be started (${redact(errorMessage(error), secrets)})`)
        }
        if (result.timedOut) {
          // The budget, not the clock: docker may take a moment more to stop.
          const seconds = Math.round(timings.loginMs / 1000)
          const failure = explainDockerTimeout(host, seconds, await daemonAnswers(bin), env.DOCKER_HOST)
          throw new EngineFailure(failure.kind, failure.statement, `docker: ${failure.detail}`, false)
        }
        if (result.exitCode === 0) return
        const explained = explainDockerFailure(host, result.stderr, result.exitCode ?? -1, env.DOCKER_HOST)
        const detail = `docker: ${cut(redact(explained.detail, secrets), 300)}`
        const failure = new EngineFailure(explained.kind, explained.statement, detail, explained.transient)
        if (!failure.transient || attempt >= policy.attempts) throw failure
        const delay = backoffDelay(policy, attempt)
        if (deadline - Date.now() - delay < MIN_TRY_MS) throw failure
        // This try's own reason: the failure's statement is written for the last one ("over several tries").
        context.log(`${host}: docker login try ${attempt} failed (${detail}); trying again in ${(delay / 1000).toFixed(1)} s`)
        await new Promise(resolve => setTimeout(resolve, delay))
      }
    } finally {
      fs.rmSync(dir, {recursive: true, force: true})
    }
  }

  return {
    name: 'docker',
    place: 'dockerConfig',
    tools: ['docker'],
    removal: `'docker logout <registry>'`,

    detect: async () => ((await docker()) ? ['docker'] : []),

    unusable: async () =>
      (await docker()) ? undefined : `the docker CLI is not on PATH. Install Docker on the runner, or set 'engine: docker-config' (writes the Docker config file itself, for skopeo, podman, buildah, crane…) or 'engine: containerd'.`,

    async login(credential, journal) {
      // First what can be refused without the registry: a config.json that cannot be parsed, a helper that is missing.
      const plan = await writer.plan(credential)
      await proveLogin(credential, plan.read, plan.key)
      const record = await writer.write(plan, credential, journal)
      const where = storeSummary(plan.store)
      return {record, summary: where ? `docker (${where})` : 'docker'}
    },

    checkPlace: () => writer.checkPlace(),

    holds: record => writer.holds(record),

    undo: record => writer.undo(record),

    byHand: record => dockerByHand(context.places.dockerConfig, record),

    release: record => writer.release(record),

    owns: (record): record is DockerLogin => isDockerLogin(record),

    label: record => ({host: record.host, thing: 'the docker login'})
  }
}
