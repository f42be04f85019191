import {runCommand} from '../../command.js'
import {redact} from '../../errors.js'
import type {Slot} from '../../ledger.js'
import {fingerprint, readDockerConfig, updateDockerConfig} from './auth-file.js'
import {helperAdvice} from './cli-failures.js'

// docker-credential-helpers' protocol (docker/docker-credential-helpers, client/client.go): `docker-credential-<name>
// get|store|erase` with the server URL or a JSON login on stdin, and the answer on stdout; and the helper's login as the
// ledger sees it, with the marker docker leaves in config.json. Kept apart from the auth-file format (./auth-file.ts),
// which podman's engine shares: only the Docker engines talk to helpers (podman and skopeo read no credsStore).

/** A login as a credential helper holds it. */
export interface HelperLogin {
  Username: string
  Secret: string
}

/** How to reach one credential helper program. */
export interface Helper {
  name: string
  /** The program's absolute path. */
  bin: string
  env: Record<string, string>
  timeoutMs: number
  /** Secrets to take out of anything the helper prints, before it goes into a message. */
  secrets: readonly string[]
}

const NOT_FOUND = 'credentials not found in native keychain'

/** Runs `docker-credential-<name> <action>` with `input` on stdin; its stdout, or an Error saying what went wrong. */
async function callHelper(helper: Helper, action: 'get' | 'store' | 'erase', input: string): Promise<{ok: boolean; out: string}> {
  const program = `docker-credential-${helper.name}`
  let result
  try {
    result = await runCommand(helper.bin, [action], {env: helper.env, input, timeoutMs: helper.timeoutMs})
  } catch (error) {
    throw new Error(`${program} could not be started (${(error as Error).message})`)
  }
  if (result.timedOut) {
    throw new Error(`${program} ${action} did not finish within ${Math.round(helper.timeoutMs / 1000)} s (a helper waiting for an unlock prompt, say)`)
  }
  if (result.exitCode === 0) return {ok: true, out: result.stdout}
  const said = redact(`${result.stdout}\n${result.stderr}`, helper.secrets).trim().split(/\r?\n/)[0]?.trim().slice(0, 300) ?? ''
  return {ok: false, out: said || `exit code ${result.exitCode}`}
}

function helperFailure(helper: Helper, action: string, said: string): Error {
  const advice = helperAdvice(said)
  const sentence = advice && !/[.!]$/.test(said) ? `${said}.` : said
  return new Error(`docker-credential-${helper.name} ${action} failed: ${sentence}${advice ? ` ${advice}` : ''}`)
}

/** What the helper holds for `key`; undefined when it holds nothing there. */
export async function helperGet(helper: Helper, key: string): Promise<HelperLogin | undefined> {
  const {ok, out} = await callHelper(helper, 'get', key)
  if (!ok) {
    if (out === NOT_FOUND) return undefined
    throw helperFailure(helper, 'get', out)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(out)
  } catch {
    throw helperFailure(helper, 'get', 'its answer is not JSON')
  }
  const login = parsed as Partial<HelperLogin>
  if (typeof login !== 'object' || login === null || typeof login.Secret !== 'string') {
    throw helperFailure(helper, 'get', 'its answer has no Secret')
  }
  return {Username: typeof login.Username === 'string' ? login.Username : '', Secret: login.Secret}
}

export async function helperStore(helper: Helper, key: string, login: HelperLogin): Promise<void> {
  const {ok, out} = await callHelper(helper, 'store', JSON.stringify({ServerURL: key, Username: login.Username, Secret: login.Secret}))
  if (!ok) throw helperFailure(helper, 'store', out)
}

/** Removes the helper's login for `key`; nothing there already is fine. */
export async function helperErase(helper: Helper, key: string): Promise<void> {
  const {ok, out} = await callHelper(helper, 'erase', key)
  if (!ok && out !== NOT_FOUND) throw helperFailure(helper, 'erase', out)
}

/**
 * The login for `key` in a credential helper, with the empty `auths` marker docker writes beside it (and, when the
 * helper was docker's platform default, `credsStore` naming it, as docker writes it on a login). The value is asked
 * of the helper itself, so a login it holds without a marker counts too. Never kept in the ledger (keepValues false):
 * a helper's secrets do not go into a plain file.
 */
export function helperSlot(dir: string, key: string, helper: Helper, detected = false): Slot<HelperLogin> {
  const mark = (present: boolean): void =>
    updateDockerConfig(dir, config => {
      const auths = {...(config.auths ?? {})}
      if (present) auths[key] = {}
      else delete auths[key]
      config.auths = auths
      if (present && detected && !config.credsStore) config.credsStore = helper.name
    })
  return {
    read: () => helperGet(helper, key),
    async write(value) {
      if (value === undefined) {
        await helperErase(helper, key)
        mark(false)
        return
      }
      readDockerConfig(dir) // refuses a file it could not write the marker to, before the helper changes
      // Held in memory only, to put back if the marker cannot be written after the helper took the new login.
      const previous = await helperGet(helper, key)
      await helperStore(helper, key, value)
      try {
        mark(true)
      } catch (error) {
        await (previous ? helperStore(helper, key, previous) : helperErase(helper, key)).catch(() => undefined)
        throw error
      }
    },
    digest: login => fingerprint({Username: login.Username, Secret: login.Secret}),
    keepValues: false,
    // A helper's logins are never kept in the ledger: a value there for this slot is never a sound one.
    isValue: (_value: unknown): _value is HelperLogin => false,
    mismatch:
      `docker-credential-${helper.name} get did not return the login its store was just given (a helper that changes ` +
      `or drops what it stores?): that login was erased from it again, and nothing was written`
  }
}
