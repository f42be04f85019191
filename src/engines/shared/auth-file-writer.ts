import * as fs from 'node:fs'
import * as path from 'node:path'
import {secretForms, type LoginCredential} from '../../credential.js'
import {errorMessage, redact} from '../../errors.js'
import {Ledger, LEDGER_FILE, type Removal, type Replaced, type Slot} from '../../ledger.js'
import {isRegistryHost} from '../../registry.js'
import {checkedPlace} from '../../trust.js'
import {
  authKey,
  defaultStore,
  fileEntry,
  fileSlot,
  fingerprint,
  FINGERPRINT_RE,
  isHelperName,
  readDockerConfig,
  storeFor,
  type ConfigRead,
  type CredentialStore
} from './auth-file.js'
import {helperSlot, type Helper} from './credential-helper.js'
import {RecordRefused, type EngineContext, type Journal} from '../engine.js'

// A login written into the Docker config where docker would have put it (config.json, or the credential helper docker
// picks for the registry), under the place's lock and noted in its ledger (see ledger.ts), so that jobs sharing one
// config never lose each other's logins; taken off again in post, or released for good. What the docker engine does
// after `docker login` proved the credential, and what the docker-config engine does after its own registry check:
// one piece of code, so that both write, undo and recognise exactly the same records.

/** What one login into the Docker config changed: small and bounded, no paths (the config directory is in the places). */
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

/** Whether `value` is a DockerLogin as a login writes it, and nothing more. */
export function isDockerLogin(value: unknown): value is DockerLogin {
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

/** Where one login will go, decided before anything changes: what can be refused without the registry is refused here. */
export interface PlannedLogin {
  /** config.json as read now, and where it is. */
  read: ConfigRead
  /** The key docker files the registry's login under. */
  key: string
  /** The store docker would use for it: config.json itself or a credential helper. */
  store: CredentialStore
  slot: Slot<unknown>
}

/** The login's part of a summary line: '' for config.json itself, "in docker-credential-<name>" for a helper. */
export function storeSummary(store: CredentialStore): string {
  return store.kind === 'helper' ? `in docker-credential-${store.name}` : ''
}

/** The command that removes a docker login by hand: `docker logout`, or the helper's erase for a login kept there. */
export function dockerByHand(configDir: string, record: Pick<DockerLogin, 'host' | 'helper'>): string {
  const key = authKey(record.host)
  return record.helper
    ? `remains in docker-credential-${record.helper}: remove it with 'printf %s ${key} | docker-credential-${record.helper} erase', ` +
        `and its empty entry from ${path.join(configDir, 'config.json')}`
    : `remains in ${path.join(configDir, 'config.json')}: remove it with 'DOCKER_CONFIG=${configDir} docker logout ${record.host}' ` +
        `(or delete the "${key}" entry of "auths" in that file)`
}

export interface DockerConfigWriter {
  /**
   * Reads config.json and picks the store for the registry by docker's own rule. Throws (changing nothing) for a
   * config.json that cannot be parsed, or a credential helper that is not on PATH.
   */
  plan(credential: LoginCredential): Promise<PlannedLogin>
  /** Writes the login where `plan` says, under the ledger; notes the record first, and drops it when the write fails. */
  write(plan: PlannedLogin, credential: LoginCredential, journal: Journal<DockerLogin>): Promise<DockerLogin>
  /** Takes this run's login off the config, in the ledger's order, and says exactly what happened. */
  undo(record: DockerLogin): Promise<string>
  /** Lets this run's login stay for good: the ledger forgets it. */
  release(record: DockerLogin): Promise<void>
  /** Checks who controls the config directory and config.json (trust.ts); throws UserError. */
  checkPlace(): void
  /** Whether the config (or the helper it names) still holds exactly the record's login. */
  holds(record: DockerLogin): Promise<boolean>
}

/**
 * The writer for the Docker config directory of the places. `which` is the engine's own (looked-up tools are shared
 * with it); `helperMs` is the deadline of one credential helper call.
 */
export function dockerConfigWriter(context: EngineContext, which: (tool: string) => Promise<string>, helperMs: number): DockerConfigWriter {
  const configDir = context.places.dockerConfig
  const ledger = new Ledger(configDir, {lock: context.lock, warn: context.warn, env: context.env})
  const WHAT = `The Docker config (DOCKER_CONFIG, else ~/.docker: ${configDir})`
  const checkPlace = (): void => {
    checkedPlace(WHAT, configDir, 'dir')
    checkedPlace(WHAT, path.join(configDir, 'config.json'), 'file')
  }

  /** The helper program for a store, or an Error naming it and where it is configured. */
  async function helperFor(name: string, where: string, secrets: readonly string[]): Promise<Helper> {
    const bin = await which(`docker-credential-${name}`)
    if (!bin) {
      throw new Error(
        `the credential helper docker-credential-${name} (${where}) is not on PATH. Install it, or change the Docker config ` +
          `so that logins for this registry go elsewhere.`
      )
    }
    return {name, bin, env: dockerEnv(configDir, context.env), timeoutMs: helperMs, secrets}
  }

  async function slotFor(store: CredentialStore, key: string, secrets: readonly string[]): Promise<Slot<unknown>> {
    if (store.kind === 'file') return fileSlot(configDir, key) as Slot<unknown>
    return helperSlot(configDir, key, await helperFor(store.name, store.where, secrets), store.detected) as Slot<unknown>
  }

  return {
    async plan(credential) {
      const key = authKey(credential.registry.host)
      const read = readDockerConfig(configDir)
      const store = await storeFor(read, key, () => defaultStore(which))
      const slot = await slotFor(store, key, secretForms(credential))
      return {read, key, store, slot}
    },

    async write({read, store, slot}, credential, journal) {
      const {host} = credential.registry
      const value = store.kind === 'file' ? fileEntry(credential.username, credential.password) : {Username: credential.username, Secret: credential.password}
      let record: DockerLogin = {host, digest: slot.digest(value), ...(store.kind === 'helper' ? {helper: store.name} : {})}
      // Noted before the config changes: if this process dies half-way, post still takes the login off.
      journal.add(record)
      let replaced: Replaced
      try {
        fs.mkdirSync(configDir, {recursive: true, mode: 0o700})
        // Again now that the directory is there: in a shared parent (/tmp) another user could have made it first.
        checkPlace()
        // The helper's name goes with our layer: post erases from it even if a later step takes it out of the config.
        replaced = await ledger.push(host, context.run, slot, value, store.kind === 'helper' ? store.name : undefined)
      } catch (error) {
        journal.drop(record)
        const where = store.kind === 'file' ? read.file : `docker-credential-${store.name} (${store.where})`
        throw new Error(`could not write the docker login to ${where}: ${redact(errorMessage(error), secretForms(credential))}`)
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
      return record
    },

    async undo(record) {
      if (!fs.existsSync(configDir)) return `the Docker config directory ${configDir} is gone: nothing to remove`
      const key = authKey(record.host)
      let slot: Slot<unknown>
      if (record.helper) {
        // A helper the config names (or docker's default); or, when a later step took that setting out of the config,
        // the helper this very run wrote to, as its own layer in the ledger proves: what was handed to a helper is
        // erased from it. A forged state cannot have post run any other program.
        const {config, file} = readDockerConfig(configDir)
        const named = [config?.credsStore, ...Object.values(config?.credHelpers ?? {}), await defaultStore(which)]
        if (!named.includes(record.helper) && ledger.noteOf(record.host, context.run) !== record.helper) {
          throw new RecordRefused(
            `the saved state names docker-credential-${record.helper}, which ${file} does not name, and the ledger holds no login of this run there: left alone`
          )
        }
        slot = await slotFor({kind: 'helper', name: record.helper, where: `named in ${file}`, detected: false}, key, [])
      } else {
        slot = fileSlot(configDir, key) as Slot<unknown>
      }
      return removalLine(await ledger.pop(record.host, context.run, slot, record.digest, record.replaced ?? 'none'), record)
    },

    release: record => ledger.release(record.host, context.run),

    checkPlace,

    async holds(record) {
      if (record.helper) return false // asking a helper proves nothing the config does not name: see undo
      try {
        const current = fileSlot(configDir, authKey(record.host)).read()
        return current !== undefined && fingerprint(current) === record.digest
      } catch {
        return false
      }
    }
  }
}
