import * as path from 'node:path'
import {CONTROL, PATH_MAX} from '../limits.js'

// The 'docker-config-dir' input: which Docker config directory the job's logins go to. Jobs that share a self-hosted
// runner user share ~/.docker, so one job's login (or logout) reaches the others; a directory per job keeps them
// apart. Main sets it up before the engines are opened, gives it to the engines (placesFor, and their environment)
// and exports DOCKER_CONFIG for every later step of the job; post takes away what main made, and only that. The file
// work lives in files.ts, loaded only when the input is set: a job that leaves it empty pays nothing for it.

/** What the input asks for, as inputs.ts parsed it. */
export type DockerConfigDirChoice =
  /** The job's existing Docker config ($DOCKER_CONFIG, else ~/.docker). */
  | {kind: 'default'}
  /** A fresh directory of this job's own under RUNNER_TEMP, with what the existing config gives the job. */
  | {kind: 'isolated'}
  /** A directory the user names: absolute, created when missing. */
  | {kind: 'path'; dir: string}

/** The Docker config directory set up for the job, and what of it main made (for post; absent when nothing). */
export interface OpenedConfigDir {
  dir: string
  made?: DockerConfigDirState
}

/**
 * What main made, for post (in the saved state): the isolated directory, or the directory of a path that main created.
 * Nothing when main made nothing. Post trusts it only as far as the mark main left in the directory confirms it.
 */
export interface DockerConfigDirState {
  kind: 'isolated' | 'created'
  dir: string
}

/**
 * Sets up the Docker config directory `choice` asks for, before the engines are opened: for 'isolated' and a path, the
 * directory, exported as DOCKER_CONFIG for the rest of the job (GITHUB_ENV); main puts the engines' writes there.
 * Undefined for the default (the job's own DOCKER_CONFIG, else ~/.docker). Throws UserError.
 */
export async function openDockerConfigDir(
  choice: DockerConfigDirChoice,
  run: string,
  env: NodeJS.ProcessEnv,
  exportVariable?: (name: string, value: string) => void
): Promise<OpenedConfigDir | undefined> {
  if (choice.kind === 'default') return undefined
  const files = await import('./files.js')
  return files.openDockerConfigDir(choice, run, env, exportVariable)
}

/**
 * Post, after the logins are undone: takes away the directory main made (see files.ts), or keeps it
 * with 'logout: false'. Never throws.
 */
export async function closeDockerConfigDir(state: {run: string; logout: boolean; dockerConfigDir?: DockerConfigDirState}, env: NodeJS.ProcessEnv): Promise<void> {
  const {dockerConfigDir} = state
  if (!dockerConfigDir) return
  const files = await import('./files.js')
  files.closeDockerConfigDir({...state, dockerConfigDir}, env)
}

/** Whether a value read back from the saved state is a DockerConfigDirState as main writes it, and nothing more. */
export function isDockerConfigDirState(value: unknown): value is DockerConfigDirState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  if (!Object.keys(v).every(k => k === 'kind' || k === 'dir')) return false
  if (v.kind !== 'isolated' && v.kind !== 'created') return false
  const dir = v.dir
  return typeof dir === 'string' && dir.length <= PATH_MAX && !CONTROL.test(dir) && path.isAbsolute(dir) && path.resolve(dir) === dir && path.dirname(dir) !== dir
}
