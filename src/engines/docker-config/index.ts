import {createHash} from 'node:crypto'
import type {LoginCredential} from '../../credential.js'
import {memo} from '../../memo.js'
import {registryUrl} from '../../registry.js'
import {configFile, fileEntry} from '../shared/auth-file.js'
import {dockerByHand, dockerConfigWriter, isDockerLogin, storeSummary, type DockerLogin} from '../shared/auth-file-writer.js'
import type {Engine, EngineContext} from '../engine.js'
import type {CheckWording} from '../shared/registry-check.js'
import {certsDirCa, certsDirs} from './certs-d.js'

// The docker-config engine: the login written into the Docker config file itself, for jobs without a docker CLI (job
// containers, kaniko and buildah images, podman-only hosts, macOS runners). buildah, skopeo, podman, crane, oras, helm,
// kaniko and nerdctl all read that file. It writes exactly what the docker engine writes, where docker would (see
// shared/auth-file-writer.ts: config.json or the credential helper docker picks, under the same ledger and lock), and
// post undoes it the same way. With no docker to prove the credential, the registry is asked first, as the containerd
// engine asks it (registry-check.ts), trusting the CAs docker and the containers clients would trust for that registry
// (./certs-d.ts).

export interface DockerConfigOptions {
  /** The deadline of one call of a credential helper. */
  helperMs: number
  /** The certs.d directories to read a registry's CA from; certsDirs(env) when not given (tests give their own). */
  certsDirs?: readonly string[]
}

export const DOCKER_CONFIG_OPTIONS: DockerConfigOptions = {helperMs: 10_000}

/** The reason `engine: auto` gives for picking this engine. */
export const AUTO_REASON = 'no docker CLI on PATH: writing the Docker config file'

/** The registry check's messages for a login written into the Docker config: they name its clients and certs.d. */
export function dockerConfigWording(host: string): CheckWording {
  return {
    given: 'it was written to the Docker config',
    asks: "'registry' says",
    proxy: 'as its clients may',
    sends: 'Its clients would send it there when they pull',
    untrusted: () =>
      `its clients may trust it all the same (their own system store, SSL_CERT_FILE). If pulls fail with an x509 ` +
      `error, put its CA in /etc/docker/certs.d/${host}/ca.crt or /etc/containers/certs.d/${host}/ca.crt.`
  }
}

/** The docker-config engine for one run of the action (main or post). */
export function dockerConfigEngine(context: EngineContext, options: DockerConfigOptions = DOCKER_CONFIG_OPTIONS): Engine<DockerLogin> {
  const configDir = context.places.dockerConfig
  const which = memo(context.which)
  const writer = dockerConfigWriter(context, which, options.helperMs)

  /** Asks the registry with the credential the file will carry; a warning where Node cannot see what the clients would. */
  async function check(credential: LoginCredential, authorization: string): Promise<void> {
    const {checkRegistry} = await import('../shared/registry-check.js')
    const {host} = credential.registry
    const warning = await checkRegistry({
      url: registryUrl(credential.registry),
      authorization,
      extraCa: certsDirCa(host, options.certsDirs ?? certsDirs(context.env)),
      env: context.env,
      wording: dockerConfigWording(host)
    })
    if (warning) context.warn(warning)
  }

  /** The registry check for a credential and the header it sends: started once per pair, awaited by login. */
  const checkOnce = memo(
    ({credential, authorization}: {credential: LoginCredential; authorization: string}) => check(credential, authorization),
    ({credential, authorization}) => `${registryUrl(credential.registry)} ${createHash('sha256').update(authorization).digest('hex')}`
  )
  /** The registry check for a credential: started by prepare, or else by login, which awaits it. */
  function checked(credential: LoginCredential): Promise<void> {
    // The Authorization header a client sends with the file's entry: Basic and that entry's very auth value.
    return checkOnce({credential, authorization: `Basic ${fileEntry(credential.username, credential.password).auth as string}`})
  }

  return {
    name: 'docker-config',
    place: 'dockerConfig',
    // Picked by what is missing (docker), not by a tool found: see autoReason.
    tools: [],
    removal: `'docker logout <registry>' (or its entry taken out of config.json)`,

    detect: async () => [],

    autoReason: async () => ((await which('docker')) ? undefined : AUTO_REASON),

    // Writing a file needs no tool: asked for by name, it always works (the file waits for its readers).
    unusable: async () => undefined,

    describe: () => `Docker config file: ${configFile(configDir)}`,

    prepare(credential) {
      // Settled here too: if an engine before this one fails, login never awaits it.
      checked(credential).catch(() => undefined)
    },

    async login(credential, journal) {
      // What can be refused without the registry first (a config.json that cannot be parsed, a helper not on PATH),
      // then the registry's answer: nothing is written for a credential it rejects.
      const plan = await writer.plan(credential)
      await checked(credential)
      const record = await writer.write(plan, credential, journal)
      return {record, summary: `docker-config (${storeSummary(plan.store) || plan.read.file})`}
    },

    checkPlace: () => writer.checkPlace(),

    holds: record => writer.holds(record),

    undo: record => writer.undo(record),

    byHand: record => dockerByHand(context.places.dockerConfig, record),

    release: record => writer.release(record),

    owns: (record): record is DockerLogin => isDockerLogin(record),

    label: record => ({host: record.host, thing: 'the login in the Docker config'})
  }
}
