import * as core from '@actions/core'

/**
 * What main hands to post, through the runner's state (GITHUB_STATE → STATE_* variables). It records exactly what main
 * did that post must undo, and is saved again after every change, so a main step that fails half-way still leaves post
 * a true account. It holds paths and hashes, never a secret.
 */
export interface LoginState {
  /** Whether post should undo anything (the `logout` input). */
  logout: boolean
  docker: DockerLogin[]
  containerd: HostsFileChange[]
}

export interface DockerLogin {
  /** host[:port] passed to `docker login`. */
  host: string
  /** The Docker config directory logged in to; post logs out of the same one. */
  configDir?: string
  /** A file holding the config.json `auths` entry this login replaced, to be put back after `docker logout`. */
  previousEntryFile?: string
}

export interface HostsFileChange {
  host: string
  /** Absolute path of the hosts.toml written. */
  file: string
  /** sha256 of the bytes written: post restores blindly only if the file is still exactly that. */
  writtenSha256: string
  /** sha256 of the Authorization value we set, to find our header in a file someone changed since. */
  authorizationSha256: string
  /** The `[host."<url>"]` key we set the header under. */
  hostUrl: string
  /** Where the file's original bytes were kept (mode 0600); absent when there was no file. */
  backupFile?: string
  /** The file's original mode and owner, to restore with the bytes. */
  originalMode?: number
  originalOwner?: {uid: number; gid: number}
  /** Directories main created for the file, deepest first: post removes them when they are empty. */
  createdDirs: string[]
}

const IS_POST = 'isPost'
const LOGIN = 'login'

/** True in the post run: main sets the flag as its first act, and the runner hands it back only to post. */
export function isPost(): boolean {
  return core.getState(IS_POST) === 'true'
}

export function markMainStarted(): void {
  core.saveState(IS_POST, 'true')
}

export function emptyState(logout: boolean): LoginState {
  return {logout, docker: [], containerd: []}
}

export function saveLoginState(state: LoginState): void {
  core.saveState(LOGIN, JSON.stringify(state))
}

/**
 * The state main saved, or undefined when main saved none (it failed before logging in anywhere). Throws when the
 * saved value is not what main writes, so that post reports it instead of guessing.
 */
export function loadLoginState(raw: string = core.getState(LOGIN)): LoginState | undefined {
  if (raw === '') return undefined
  const parsed: unknown = JSON.parse(raw)
  if (!isLoginState(parsed)) throw new Error('the saved state is not in the expected form')
  return parsed
}

function optional(value: unknown, type: 'string' | 'number'): boolean {
  return value === undefined || typeof value === type
}

function isLoginState(value: unknown): value is LoginState {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.logout === 'boolean' &&
    Array.isArray(v.docker) &&
    v.docker.every(d => {
      const l = d as DockerLogin
      return (
        typeof d === 'object' && d !== null && typeof l.host === 'string' &&
        optional(l.configDir, 'string') && optional(l.previousEntryFile, 'string')
      )
    }) &&
    Array.isArray(v.containerd) &&
    v.containerd.every(c => {
      const h = c as HostsFileChange
      return (
        typeof c === 'object' && c !== null &&
        typeof h.host === 'string' && typeof h.file === 'string' && typeof h.hostUrl === 'string' &&
        typeof h.writtenSha256 === 'string' && typeof h.authorizationSha256 === 'string' &&
        optional(h.backupFile, 'string') && optional(h.originalMode, 'number') &&
        (h.originalOwner === undefined || (typeof h.originalOwner === 'object' && h.originalOwner !== null &&
          typeof h.originalOwner.uid === 'number' && typeof h.originalOwner.gid === 'number')) &&
        Array.isArray(h.createdDirs) && h.createdDirs.every(d => typeof d === 'string')
      )
    })
  )
}
