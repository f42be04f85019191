import * as fs from 'node:fs'
import * as path from 'node:path'
import {runCommand, type CommandResult} from '../command.js'
import {secretForms, type LoginCredential} from '../credential.js'
import {cut, errorMessage, redact} from '../errors.js'
import {Ledger, LEDGER_FILE, type Removal, type Replaced, type Slot} from '../ledger.js'
import {homeDir, pathFor} from '../platform.js'
import {isRegistryHost} from '../registry.js'
import {backoffDelay, DEFAULT_RETRY} from '../retry.js'
import {
  authKey,
  defaultStore,
  fileEntry,
  fileSlot,
  FINGERPRINT_RE,
  helperSlot,
  isHelperName,
  privateLoginConfig,
  readDockerConfig,
  storeFor,
  type ConfigRead,
  type CredentialStore,
  type DockerConfig,
  type Helper
} from './docker-config.js'
import {explainDockerFailure, explainDockerTimeout} from './docker-errors.js'
import type {Engine, EngineContext} from './engine.js'
import {EngineFailure} from './failure.js'

// The docker engine. `docker login` proves the credential (the daemon checks it with the registry), in a private
// Docker config directory of its own, so logins to several registries run at once without racing on config.json;
// then the engine writes the login into the real config itself, where docker would have put it (config.json, or the
// credential helper docker picks for the registry), under the place's lock and noted in its ledger (see ledger.ts),
// so that jobs sharing one config never lose each other's logins and post takes off only what is still its own. Post
// edits the config (or asks the helper to erase): it needs neither the docker CLI nor the daemon.

/** What one docker login changed: small and bounded, no paths (the config directory is in the places). */
export interface DockerLogin {
  /** host[:port] logged in to. */
  host: string
  /** The fingerprint of the login written: post removes only that. */
  digest: string
  /** What the config held for the host before, when it held something. */
  replaced?: Exclude<Replaced, 'none'>
  /** The credential helper holding the login (docker-credential-<helper>); absent for config.json itself. */
  helper?: string
}

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

/** A try is not started with less time than this left: it could only time out. */
const MIN_TRY_MS = 2_000

/** The directory the Docker CLI keeps config.json in: $DOCKER_CONFIG, else .docker in the home directory. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return env.DOCKER_CONFIG || pathFor(platform).join(homeDir(env, platform), '.docker')
}

const FILE_COMMANDS = new Set(['GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'])

/**
 * The environment an outside tool (docker, podman, skopeo, a credential helper) runs with: ours, less what it has no
 * business seeing (the action's inputs, among them the secret key, the runner's tokens and its file commands: a
 * credential helper is a third-party program, and one that appended to GITHUB_STATE could rewrite what post undoes).
 */
export function toolEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.startsWith('INPUT_') || name.startsWith('STATE_')) continue
    if (name === 'ACTIONS_RUNTIME_TOKEN' || name === 'ACTIONS_ID_TOKEN_REQUEST_TOKEN') continue
    if (FILE_COMMANDS.has(name)) continue
    out[name] = value
  }
  return out
}

/** The environment docker and credential helpers run with: toolEnv's, with DOCKER_CONFIG set to `configDir`. */
export function dockerEnv(configDir: string, env: NodeJS.ProcessEnv): Record<string, string> {
  return {...toolEnv(env), DOCKER_CONFIG: configDir}
}

/** Whether `value` is a DockerLogin as login() writes it, and nothing more. */
function isDockerLogin(value: unknown): value is DockerLogin {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const r = value as Record<string, unknown>
  if (!Object.keys(r).every(k => k === 'host' || k === 'digest' || k === 'replaced' || k === 'helper')) return false
  if (typeof r.host !== 'string' || !isRegistryHost(r.host)) return false
  if (typeof r.digest !== 'string' || !FINGERPRINT_RE.test(r.digest)) return false
  if (r.replaced !== undefined && r.replaced !== 'login' && r.replaced !== 'layer' && r.replaced !== 'same') return false
  return r.helper === undefined || (typeof r.helper === 'string' && isHelperName(r.helper))
}

/** The words of a removal line: which login, where it was kept, and where its ledger lives. */
export interface RemovalWords {
  /** "docker login" */
  login: string
  /** "config.json", "docker-credential-pass", "the auth file" */
  store: string
  /** "the Docker config directory" */
  place: string
}

/** The line post prints for what taking a login off did; `words` name another engine's login (docker's by default). */
export function removalLine(removal: Removal, record: Pick<DockerLogin, 'replaced' | 'helper'>, words?: RemovalWords): string {
  const {login, store, place} = words ?? {
    login: 'docker login',
    store: record.helper ? `docker-credential-${record.helper}` : 'config.json',
    place: 'the Docker config directory'
  }
  switch (removal) {
    case 'removed':
      return `${login} removed`
    case 'restored':
      return `${login} removed; the earlier login restored`
    case 'uncovered':
      return `${login} removed; the login of another job still running (another run of this action) is back in place`
    case 'superseded':
      return `another job's newer ${login} left in place; ours was already replaced by it`
    case 'stripped':
    case 'changed':
      return `the login in ${store} was changed since the main step (by someone else): left alone`
    case 'lost':
      return (
        `${login} removed; could not put back the earlier login, because it was kept in ${store}, and this ` +
        `action never copies a credential helper's logins. Log in again if it is still needed.`
      )
    case 'removed-untracked':
      return record.replaced === 'login' || record.replaced === 'layer'
        ? `${login} removed; the login it replaced could not be put back, because the note of it in ${place} ` +
            `(${LEDGER_FILE}) was deleted. Log in again if it is still needed.`
        : `${login} removed`
    case 'handed-over':
      return (
        `left in ${store} for another job that is still running, whose login ours had replaced there (a credential ` +
        `helper's logins are never copied, so that one cannot come back): that job's post step removes it`
      )
    case 'already':
      return 'already removed: nothing to do'
  }
}

/** The docker engine for one run of the action (main or post). */
export function dockerEngine(context: EngineContext, timings: DockerTimings = DOCKER_TIMINGS): Engine<DockerLogin> {
  const {places, env} = context
  const configDir = places.dockerConfig
  const ledger = new Ledger(configDir)
  const looked = new Map<string, Promise<string>>()
  const which = (tool: string): Promise<string> => {
    let found = looked.get(tool)
    if (!found) looked.set(tool, (found = context.which(tool)))
    return found
  }
  const docker = (): Promise<string> => which('docker')

  /** The helper program for a store, or an Error naming it and where it is configured. */
  async function helperFor(name: string, where: string, secrets: readonly string[]): Promise<Helper> {
    const bin = await which(`docker-credential-${name}`)
    if (!bin) {
      throw new Error(
        `the credential helper docker-credential-${name} (${where}) is not on PATH. Install it, or change the Docker config ` +
          `so that logins for this registry go elsewhere.`
      )
    }
    return {name, bin, env: dockerEnv(configDir, env), timeoutMs: timings.helperMs, secrets}
  }

  async function slotFor(store: CredentialStore, key: string, secrets: readonly string[]): Promise<Slot<unknown>> {
    if (store.kind === 'file') return fileSlot(configDir, key) as Slot<unknown>
    return helperSlot(configDir, key, await helperFor(store.name, store.where, secrets), store.detected) as Slot<unknown>
  }

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

    detect: async () => ((await docker()) ? ['docker'] : []),

    unusable: async () =>
      (await docker()) ? undefined : `the docker CLI is not on PATH. Install Docker on the runner, or set 'engine: containerd'.`,

    async login(credential, journal) {
      const {host} = credential.registry
      const key = authKey(host)
      const secrets = secretForms(credential)
      // First what can be refused without the registry: a config.json that cannot be parsed, a helper that is missing.
      const read = readDockerConfig(configDir)
      const store = await storeFor(read, key, () => defaultStore(which))
      const slot = await slotFor(store, key, secrets)
      await proveLogin(credential, read, key)

      const value =
        store.kind === 'file' ? fileEntry(credential.username, credential.password) : {Username: credential.username, Secret: credential.password}
      let record: DockerLogin = {host, digest: slot.digest(value), ...(store.kind === 'helper' ? {helper: store.name} : {})}
      // Noted before the config changes: if this process dies half-way, post still takes the login off.
      journal.add(record)
      let replaced: Replaced
      try {
        fs.mkdirSync(configDir, {recursive: true, mode: 0o700})
        replaced = await ledger.push(host, context.run, slot, value)
      } catch (error) {
        journal.drop(record)
        const where = store.kind === 'file' ? read.file : `docker-credential-${store.name} (${store.where})`
        throw new Error(`could not write the docker login to ${where}: ${redact(errorMessage(error), secrets)}`)
      }
      if (replaced !== 'none') {
        // The record again, with what it replaced: the new one is saved before the old one goes.
        const updated: DockerLogin = {...record, replaced}
        journal.add(updated)
        journal.drop(record)
        record = updated
      }
      if (replaced === 'login' && !slot.keepValues) {
        context.warn(
          `${host}: docker-credential-${store.kind === 'helper' ? store.name : ''} already held a login for this registry; ` +
            `it was replaced, and the post step cannot put it back (this action never copies a credential helper's ` +
            `logins). Set 'logout: false' to keep the new login instead, or log in again after this job.`
        )
      }
      return {record, summary: store.kind === 'helper' ? `docker (in docker-credential-${store.name})` : 'docker'}
    },

    /** Takes this run's login off the config main used, in the ledger's order, and says exactly what happened. */
    async undo(record) {
      if (!fs.existsSync(configDir)) return `the Docker config directory ${configDir} is gone: nothing to remove`
      const key = authKey(record.host)
      let slot: Slot<unknown>
      if (record.helper) {
        // Only a helper the config names (or docker's default): a forged state cannot have post run any other program.
        const {config, file} = readDockerConfig(configDir)
        const named = [config?.credsStore, ...Object.values(config?.credHelpers ?? {}), await defaultStore(which)]
        if (!named.includes(record.helper)) {
          throw new Error(`the saved state names docker-credential-${record.helper}, which ${file} does not name: left alone`)
        }
        slot = await slotFor({kind: 'helper', name: record.helper, where: `named in ${file}`, detected: false}, key, [])
      } else {
        slot = fileSlot(configDir, key) as Slot<unknown>
      }
      return removalLine(await ledger.pop(record.host, context.run, slot, record.digest, record.replaced ?? 'none'), record)
    },

    release: record => ledger.release(record.host, context.run),

    owns: (record): record is DockerLogin => isDockerLogin(record),

    label: record => ({host: record.host, thing: 'the docker login'})
  }
}
