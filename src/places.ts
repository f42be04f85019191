import {randomBytes} from 'node:crypto'
import * as os from 'node:os'
import {homeDir, pathFor} from './platform.js'

// Where the engines write, apart from the engines: which places there are, whether each is a directory or a file,
// where each is by default in an environment, and where its ledger lives. Main fixes the places for a run and saves
// them for post; post checks a record against them without knowing which engine wrote it.

/** The places main fixes for the engines and saves for post: an engine's records stay within them. */
export interface Places {
  /** containerd's hosts directory (absolute): one <host>/hosts.toml per registry. */
  hostsDir: string
  /** The Docker config directory main logged in to; post logs out of the same one. */
  dockerConfig: string
  /** The auth file of podman, buildah and skopeo (absolute); its ledger lives in its directory. */
  authFile: string
  /** Where an engine keeps what lives only for the main step (docker's private login directories): RUNNER_TEMP. */
  tempDir: string
}

/** A place an engine's records live in (tempDir holds nothing post acts on). */
export type EnginePlace = Exclude<keyof Places, 'tempDir'>

/**
 * What each place is: a directory, whose ledger is inside it, or a file, whose ledger is in the directory that holds
 * it. A Record, so that a place added to Places must be described here too.
 */
export const PLACE_KINDS: Record<EnginePlace, 'dir' | 'file'> = {hostsDir: 'dir', dockerConfig: 'dir', authFile: 'file'}

// Every place by name, for the check of saved state.
const PLACES: Record<keyof Places, true> = {hostsDir: true, dockerConfig: true, authFile: true, tempDir: true}
export const PLACE_NAMES = Object.keys(PLACES) as (keyof Places)[]

/** The directory that holds a place's ledger (see ledger.ts). */
export function ledgerDir(place: EnginePlace, where: string): string {
  return PLACE_KINDS[place] === 'file' ? pathFor(process.platform).dirname(where) : where
}

/** The directory the Docker CLI keeps config.json in: $DOCKER_CONFIG, else .docker in the home directory. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return env.DOCKER_CONFIG || pathFor(platform).join(homeDir(env, platform), '.docker')
}

/** Where the auth file of podman, buildah and skopeo is, and which rule put it there (for the log). */
export interface AuthFileLocation {
  file: string
  /** "REGISTRY_AUTH_FILE", "DOCKER_CONFIG", "XDG_RUNTIME_DIR", or "the default for uid 0" */
  source: string
  /** XDG_RUNTIME_DIR when the file is under it: podman refuses one that does not exist, and so does its engine. */
  runtimeDir?: string
}

/**
 * The auth file podman, buildah and skopeo write a login to (and read it from) when no --authfile is given, by the
 * rule of containers/common (auth.GetDefaultAuthFile) and containers/image (pkg/docker/config getPathToAuth):
 * REGISTRY_AUTH_FILE; else, when DOCKER_CONFIG is set, Docker's config.json there; else on macOS and Windows
 * ~/.config/containers/auth.json; else ${XDG_RUNTIME_DIR}/containers/auth.json; else /run/containers/<uid>/auth.json.
 * (How that was checked: see engines/podman/login.ts.)
 */
export function authFileLocation(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  uid: number = process.getuid?.() ?? 0,
  home: string = homeDir(env, platform)
): AuthFileLocation {
  const paths = pathFor(platform)
  if (env.REGISTRY_AUTH_FILE) return {file: env.REGISTRY_AUTH_FILE, source: 'REGISTRY_AUTH_FILE'}
  if (env.DOCKER_CONFIG) return {file: paths.join(env.DOCKER_CONFIG, 'config.json'), source: 'DOCKER_CONFIG'}
  if (platform === 'darwin' || platform === 'win32') return {file: paths.join(home, '.config', 'containers', 'auth.json'), source: 'the default on this platform'}
  if (env.XDG_RUNTIME_DIR) {
    return {file: paths.join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'), source: 'XDG_RUNTIME_DIR', runtimeDir: env.XDG_RUNTIME_DIR}
  }
  return {file: `/run/containers/${uid}/auth.json`, source: `the default for uid ${uid} without XDG_RUNTIME_DIR`}
}

/** The auth file's path, as podman would use it in this environment. */
export function authFilePath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  return authFileLocation(env, platform).file
}

/**
 * The hosts directory when 'hosts-dir' is not set: under RUNNER_TEMP (the job's own, emptied by the runner), outside
 * the workspace on purpose (credential files there end up in images and artifacts). Without RUNNER_TEMP (a runner
 * emulator, a container) a directory of this run's own under the system's temp directory: never a shared, predictable
 * path such as /tmp/containerd/certs.d, where another user could have planted a directory for us to merge into. Its
 * name cannot be guessed; the containerd engine creates it (0700) only when it writes there, and post removes it once
 * it has emptied it.
 */
export function defaultHostsDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const p = pathFor(platform)
  if (env.RUNNER_TEMP) return p.join(env.RUNNER_TEMP, 'containerd', 'certs.d')
  return p.join(os.tmpdir(), `cloud-registry-login-${randomBytes(12).toString('hex')}`, 'certs.d')
}

/**
 * The places for this run: the hosts directory asked for (undefined: the default), the Docker config, podman's auth
 * file, and the temporary directory, as `env` (the job's, with DOCKER_CONFIG where the config-dir setup chose one)
 * puts them.
 */
export function placesFor(hostsDir: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Places {
  const p = pathFor(platform)
  // Absolute, so that post, whatever its working directory, checks records against the same places.
  return {
    hostsDir: p.resolve(hostsDir ?? defaultHostsDir(env, platform)),
    dockerConfig: p.resolve(dockerConfigDir(env, platform)),
    authFile: p.resolve(authFilePath(env, platform)),
    tempDir: p.resolve(env.RUNNER_TEMP || os.tmpdir())
  }
}

/**
 * The places post itself would use for this job, by its own environment: the Docker config and the auth file there,
 * and the default hosts directory under RUNNER_TEMP (none without it: that default is a new random directory each
 * time). A place that is one of these is this job's own, whatever the saved state says.
 */
export function ownPlaces(env: NodeJS.ProcessEnv): Partial<Record<EnginePlace, string>> {
  const p = pathFor(process.platform)
  return {
    dockerConfig: p.resolve(dockerConfigDir(env)),
    authFile: p.resolve(authFilePath(env)),
    ...(env.RUNNER_TEMP ? {hostsDir: p.resolve(defaultHostsDir(env))} : {})
  }
}
