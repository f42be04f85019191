import {createHash} from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type {LoginCredential} from '../../credential.js'
import {UserError} from '../../errors.js'
import type {Slot} from '../../ledger.js'
import {pathFor} from '../../platform.js'
import {FileRefused, readSmallFile} from '../../read-file.js'
import {trustedUsers} from '../../trust.js'
import {writeFileAtomic} from '../../write-file.js'

// Docker's client configuration, as the docker CLI reads and writes it (docker/cli: cli/config/config.go,
// configfile/file.go, credentials/*.go), so that a login written here is the one `docker login` would have written:
// in config.json's `auths` (the file store), or in the credential helper docker would pick for the registry, with the
// empty `auths` marker docker leaves beside a helper-held login. The engine writes the real file itself, under a lock
// (see ledger.ts), instead of letting concurrent `docker login`s race on it. Talking to a credential helper is
// ./credential-helper.ts; which helper docker would pick (storeFor) is read from this file, so it stays here.

/** config.json as parsed: the keys docker knows are checked; every other key is kept as it is. */
export interface DockerConfig {
  auths?: Record<string, unknown>
  credsStore?: string
  credHelpers?: Record<string, string>
  [key: string]: unknown
}

/** The file and what it holds; config undefined when there is none yet. */
export interface ConfigRead {
  /** The file written: config.json, or where a symlinked config.json points. */
  file: string
  config: DockerConfig | undefined
}

const CONFIG_FILE = 'config.json'
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/'

/** The `auths` key (and credential helper server URL) docker files a registry's login under. */
export function authKey(host: string): string {
  // docker/cli getAuthConfigKey: Docker Hub's logins live under its historical index address.
  return host === 'docker.io' || host === 'index.docker.io' ? DOCKER_HUB_KEY : host
}

/** config.json in `dir`, followed through symlinks (a dangling link names the file to create), as docker saves it. */
export function configFile(dir: string, platform: NodeJS.Platform = process.platform): string {
  return followLinks(pathFor(platform).join(dir, CONFIG_FILE), platform)
}

/** The file a path names once its symlinks are followed (a dangling link names the file to create). */
export function followLinks(start: string, platform: NodeJS.Platform = process.platform): string {
  const p = pathFor(platform)
  let file = start
  for (let hops = 0; hops < 40; hops++) {
    let target: string
    try {
      target = fs.readlinkSync(file)
    } catch {
      return file // not a link (or not there): this is the file
    }
    file = p.resolve(p.dirname(file), target)
  }
  throw new Error(`${start}: too many levels of symbolic links`)
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(v => typeof v === 'string')
}

/**
 * Reads config.json in `dir`. Throws a UserError naming the file when it exists but is not a config docker could read
 * (docker itself would then warn and carry on with an empty one, and overwrite the file on the next login): the caller
 * changes nothing then.
 */
export function readDockerConfig(dir: string): ConfigRead {
  return readAuthsFile(configFile(dir), DOCKER_CONFIG)
}

/** What an auths file is called in messages: Docker's config.json, or the containers auth.json (podman, skopeo…). */
export const DOCKER_CONFIG = 'the Docker config'

/**
 * Reads a file of logins in Docker's format (`file`, its links already followed): Docker's config.json, or the auth
 * file of podman, buildah and skopeo, which has the same `auths`. `what` names it in messages. Throws a UserError
 * naming the file when it exists but cannot be read as one.
 */
export function readAuthsFile(file: string, what: string): ConfigRead {
  const refuse = (why: string): UserError =>
    new UserError(
      `${capitalize(what)} ${file} ${why}, so no login was written to it and nothing was changed. Fix the file ` +
        `(or remove it if it holds nothing you need), then run the job again.`
    )
  let text: string
  try {
    text = readSmallFile(file).toString('utf8')
  } catch (error) {
    if (error instanceof FileRefused) throw refuse(error.reason)
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {file, config: undefined}
    throw new UserError(`Cannot read ${what} ${file}: ${(error as Error).message}. Check its permissions.`)
  }
  // An empty file is what docker reads as an empty config.
  if (text.trim() === '') return {file, config: {}}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw refuse(`is not valid JSON (${(error as Error).message})`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw refuse('is not a JSON object')
  const config = parsed as DockerConfig
  const auths = config.auths as unknown
  if (auths !== undefined && auths !== null) {
    if (typeof auths !== 'object' || Array.isArray(auths)) throw refuse(`has an 'auths' that is not an object`)
    for (const [key, entry] of Object.entries(auths)) {
      if (entry !== null && (typeof entry !== 'object' || Array.isArray(entry)))
        throw refuse(`has an 'auths' entry for ${JSON.stringify(key.slice(0, 100))} that is not an object`)
    }
  }
  if (config.credsStore !== undefined && typeof config.credsStore !== 'string') throw refuse(`has a 'credsStore' that is not a string`)
  if (config.credHelpers !== undefined && config.credHelpers !== null && !isStringMap(config.credHelpers)) {
    throw refuse(`has a 'credHelpers' that is not a map of names`)
  }
  return {file, config}
}

/**
 * Changes config.json in `dir` (the caller holds the place's lock): reads it (refusing one it cannot parse), lets
 * `change` edit it, and writes it whole and atomically (0600), where a symlinked config.json points. Every key `change`
 * does not touch is kept.
 */
export function updateDockerConfig(dir: string, change: (config: DockerConfig) => void): void {
  updateAuthsFile(configFile(dir), DOCKER_CONFIG, change)
}

/**
 * updateDockerConfig for any auths file (`file`, its links already followed; `what` names it in messages). A file that
 * exists keeps its mode and owner, as `docker login` keeps them (docker/cli copies both onto the file it renames into
 * place); a file made here is 0600 and the action's own.
 */
export function updateAuthsFile(file: string, what: string, change: (config: DockerConfig) => void): void {
  const {config = {}} = readAuthsFile(file, what)
  change(config)
  fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700})
  const st = fs.statSync(file, {throwIfNoEntry: false})
  // Given back only to a user the action trusts (trust.ts): a file another user slipped in stays the action's own.
  const trusted = trustedUsers()
  const owner = st && (trusted === undefined || trusted.owners.has(st.uid)) ? {uid: st.uid, gid: st.gid} : undefined
  const kept = st ? {mode: st.mode & 0o777, ...(owner ? {owner} : {})} : {mode: 0o600}
  writeFileAtomic(file, `${JSON.stringify(config, null, '\t')}\n`, kept)
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** docker/cli ConfigFile.ContainsAuth: whether the file says anything about where logins go. */
function containsAuth(config: DockerConfig | undefined): boolean {
  if (!config) return false
  return (typeof config.credsStore === 'string' && config.credsStore !== '') || Object.keys(config.credHelpers ?? {}).length > 0 || Object.keys(config.auths ?? {}).length > 0
}

/** Where docker keeps a registry's login. */
export type CredentialStore =
  | {kind: 'file'}
  | {
      kind: 'helper'
      /** The helper's name: the program is docker-credential-<name>. */
      name: string
      /** Where it is configured, for messages: "credsStore in /home/u/.docker/config.json". */
      where: string
      /** Found by docker's platform default detection: docker then also writes it as credsStore, and so do we. */
      detected: boolean
    }

/** The platform's default credential helper, found as docker/cli credentials.DetectDefaultStore finds it; '' for none. */
export async function defaultStore(which: (tool: string) => Promise<string>, platform: NodeJS.Platform = process.platform): Promise<string> {
  let name = ''
  if (platform === 'darwin') name = 'osxkeychain'
  else if (platform === 'win32') name = 'wincred'
  else if (platform === 'linux') name = (await which('pass')) ? 'pass' : 'secretservice'
  if (name === '') return ''
  return (await which(`docker-credential-${name}`)) ? name : ''
}

/** A helper name docker could run, and that names nothing but a program on PATH. */
export function isHelperName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)
}

/**
 * The store docker would use for `key` with this config, by docker's own rule: credHelpers[key] when the key is there
 * (an empty name meaning the file), else credsStore; and when the file says nothing about logins at all, the platform's
 * default helper if its program is on PATH (`detect`). Throws a UserError for a helper name that is not a plain name.
 */
export async function storeFor(read: ConfigRead, key: string, detect: () => Promise<string>): Promise<CredentialStore> {
  const {config, file} = read
  let name: string
  let where: string
  let detected = false
  const named = config?.credHelpers && Object.hasOwn(config.credHelpers, key) ? config.credHelpers[key] : undefined
  if (named !== undefined) {
    name = named
    where = `credHelpers["${key}"] in ${file}`
  } else if (containsAuth(config)) {
    name = config?.credsStore ?? ''
    where = `credsStore in ${file}`
  } else {
    name = await detect()
    where = `docker's default credential store on this platform (docker-credential-${name} is on PATH and ${file} names no store)`
    detected = true
  }
  if (name === '') return {kind: 'file'}
  if (!isHelperName(name)) {
    throw new UserError(`The credential helper ${JSON.stringify(name.slice(0, 100))} (${where}) is not a helper name docker can run. Fix the Docker config.`)
  }
  return {kind: 'helper', name, where, detected}
}

/**
 * The config.json for a private `docker login` (one that only proves the credential, in a directory of its own): the
 * real one's settings (currentContext, HttpHeaders, proxies…, so the login goes through the same daemon the same way),
 * without its logins and stores, and with one empty `auths` entry so that docker does not pick the platform's default
 * helper for a file that names none (ContainsAuth) and keeps the private login in the private file.
 */
export function privateLoginConfig(config: DockerConfig | undefined, key: string): DockerConfig {
  const settings: DockerConfig = {...config}
  delete settings.auths
  delete settings.credsStore
  delete settings.credHelpers
  return {...settings, auths: {[key]: {}}}
}

/** A fingerprint of a value (sorted keys, so key order does not count): what the ledger compares; one-way. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical)
    if (typeof v !== 'object' || v === null) return v
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map(k => [k, canonical((v as Record<string, unknown>)[k])])
    )
  }
  return createHash('sha256')
    .update(`cloud-registry-login docker\n${JSON.stringify(canonical(value))}`)
    .digest('hex')
    .slice(0, 40)
}

/** The form a fingerprint has, for checking one read back from state. */
export const FINGERPRINT_RE = /^[0-9a-f]{40}$/

/** A login's `auths` entry in the file store, as docker writes it: base64 of user:password. */
export type AuthEntry = Record<string, unknown>

export function fileEntry(username: string, password: string): AuthEntry {
  return {auth: Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}
}

/**
 * The logins as one Docker config document, `{"auths":{…}}` with a file-store entry per registry under the key docker
 * files it under: what a `kubernetes.io/dockerconfigjson` Secret holds as `.dockerconfigjson`. '' for no login, so that
 * a workflow can test the output for emptiness. A secret: it holds every password.
 */
export function dockerConfigJson(logins: readonly LoginCredential[]): string {
  if (logins.length === 0) return ''
  const auths = Object.fromEntries(logins.map(l => [authKey(l.registry.host), fileEntry(l.username, l.password)]))
  return JSON.stringify({auths})
}

/** The login for `key` in config.json's `auths` (the file store): read, written and removed there. */
export function fileSlot(dir: string, key: string): Slot<AuthEntry> {
  return authsSlot(configFile(dir), key, DOCKER_CONFIG)
}

/**
 * The login for `key` in any auths file (`file`, its links already followed; `what` names it in messages): Docker's
 * config.json, or the auth file of podman, buildah and skopeo.
 */
export function authsSlot(file: string, key: string, what: string): Slot<AuthEntry> {
  return {
    read: () => {
      // Objects or null: readAuthsFile refuses anything else, as docker would.
      const entry = readAuthsFile(file, what).config?.auths?.[key]
      return entry === undefined || entry === null ? undefined : (entry as AuthEntry)
    },
    write: value =>
      updateAuthsFile(file, what, config => {
        const auths = {...(config.auths ?? {})}
        if (value === undefined) delete auths[key]
        else auths[key] = value
        config.auths = auths
      }),
    digest: fingerprint,
    keepValues: true,
    isValue: isAuthEntry
  }
}

/** The most an `auths` entry kept in a ledger may take as JSON: far above docker's (an auth, an identity token). */
const AUTH_ENTRY_MAX = 64 * 1024

/** Whether a value read back from the ledger is an `auths` entry: a plain object of a size an entry has. */
export function isAuthEntry(value: unknown): value is AuthEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return JSON.stringify(value).length <= AUTH_ENTRY_MAX
}
