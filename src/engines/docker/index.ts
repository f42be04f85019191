import * as fs from 'node:fs'
import * as path from 'node:path'
import {runCommand} from '../../command.js'
import {memo} from '../../memo.js'
import type {LoginCredential} from '../../credential.js'
import {privateLoginConfig, type ConfigRead} from '../shared/auth-file.js'
import {dockerByHand, dockerConfigWriter, dockerEnv, isDockerLogin, storeSummary, type DockerLogin} from '../shared/auth-file-writer.js'
import {explainDockerFailure, explainDockerTimeout} from '../shared/cli-failures.js'
import {proveWithCli} from '../shared/cli-login.js'
import type {Engine, EngineContext} from '../engine.js'

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
  const which = memo(context.which)
  const docker = (): Promise<string> => which('docker')

  const writer = dockerConfigWriter(context, which, timings.helperMs)

  /** The environment of a private login: its own DOCKER_CONFIG, and the real one's daemon certificates and contexts. */
  function privateEnv(dir: string): Record<string, string> {
    const out = dockerEnv(dir, env)
    // docker looks for the daemon's TLS certificates in the config directory unless told otherwise.
    if (!out.DOCKER_CERT_PATH) out.DOCKER_CERT_PATH = configDir
    return out
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
   * Proves the credential with `docker login` in a private config directory (the real one's settings, less its
   * logins and helpers, see privateLoginConfig), within one deadline for every try. Throws EngineFailure.
   */
  async function proveLogin(credential: LoginCredential, read: ConfigRead, key: string): Promise<void> {
    const {host} = credential.registry
    const bin = await docker()
    if (!bin) throw new Error('the docker CLI is no longer on PATH')
    await proveWithCli(context, credential, {
      engine: 'docker',
      tool: 'docker',
      bin,
      loginMs: timings.loginMs,
      setUp: dir => {
        fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(privateLoginConfig(read.config, key)), {mode: 0o600})
        // The contexts (currentContext, kept in the private config.json) live beside config.json: the same daemon.
        const contexts = path.join(configDir, 'contexts')
        if (fs.existsSync(contexts)) fs.symlinkSync(contexts, path.join(dir, 'contexts'), 'junction')
        return {args: ['login', '--username', credential.username, '--password-stdin', host], env: privateEnv(dir)}
      },
      explain: (stderr, exitCode) => explainDockerFailure(host, stderr, exitCode, env.DOCKER_HOST),
      timedOut: async seconds => explainDockerTimeout(host, seconds, await daemonAnswers(bin), env.DOCKER_HOST),
      result: () => undefined
    })
  }

  return {
    name: 'docker',
    place: 'dockerConfig',
    tools: ['docker'],
    removal: `'docker logout <registry>'`,

    detect: async () => ((await docker()) ? ['docker'] : []),

    unusable: async () =>
      (await docker())
        ? undefined
        : `the docker CLI is not on PATH. Install Docker on the runner, or set 'engine: docker-config' (writes the Docker config file itself, for skopeo, podman, buildah, crane…) or 'engine: containerd'.`,

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
