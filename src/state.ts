import * as core from '@actions/core'
import {isDockerConfigDirState, type DockerConfigDirState} from './config-dir/index.js'
import type {EngineName} from './engines/engine.js'
import {ENGINE_NAMES} from './engines/index.js'
import {PLACE_NAMES, type Places} from './places.js'
import {STATE} from './names.js'

/**
 * What main hands to post, through the runner's state (GITHUB_STATE → STATE_* variables): the places the engines
 * wrote to, and one list of what each engine changed, in the order it happened. Saved again after every change, so a
 * main step that fails half-way still leaves post a true account. It holds paths and hashes, never a secret.
 */
export interface LoginState {
  /** Whether post should undo anything (the `logout` input). */
  logout: boolean
  /** This run's id in the places' ledgers (random, not a secret). */
  run: string
  places: Places
  /** The Docker config directory main made ('docker-config-dir'), for post to empty or remove; absent when it made none. */
  dockerConfigDir?: DockerConfigDirState
  records: EngineRecord[]
}

/** One change an engine made; `record` is the engine's own, checked by that engine when post reads it back. */
export interface EngineRecord {
  engine: EngineName
  record: unknown
}

/** True in the post run: main sets the flag as its first act, and the runner hands it back only to post. */
export function isPost(): boolean {
  return core.getState(STATE.isPost) === 'true'
}

export function markMainStarted(): void {
  core.saveState(STATE.isPost, 'true')
}

export function saveLoginState(state: LoginState): void {
  core.saveState(STATE.login, JSON.stringify(state))
}

/**
 * The state main saved, or undefined when main saved none (it failed before logging in anywhere). Throws when the
 * saved value is not what main writes, so that post reports it instead of guessing. Each record's own form is for
 * its engine to check.
 */
export function loadLoginState(raw: string = core.getState(STATE.login)): LoginState | undefined {
  if (raw === '') return undefined
  const parsed: unknown = JSON.parse(raw)
  if (!isLoginState(parsed)) throw new Error('the saved state is not in the expected form')
  return parsed
}

function isLoginState(value: unknown): value is LoginState {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const places = v.places as Record<string, unknown> | undefined
  return (
    typeof v.logout === 'boolean' &&
    typeof v.run === 'string' &&
    /^[0-9a-f]{16,64}$/.test(v.run) &&
    typeof places === 'object' &&
    places !== null &&
    PLACE_NAMES.every(name => typeof places[name] === 'string') &&
    (v.dockerConfigDir === undefined || isDockerConfigDirState(v.dockerConfigDir)) &&
    Array.isArray(v.records) &&
    v.records.every(r => {
      const e = r as Record<string, unknown>
      return typeof r === 'object' && r !== null && (ENGINE_NAMES as unknown[]).includes(e.engine) && 'record' in e
    })
  )
}
