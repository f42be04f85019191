import * as fs from 'node:fs'
import * as path from 'node:path'
import {secretForms, type LoginCredential} from '../../credential.js'
import {errorMessage, redact, UserError} from '../../errors.js'
import {Ledger, type Replaced} from '../../ledger.js'
import {authsSlot, followLinks, readAuthsFile, type AuthEntry} from '../shared/auth-file.js'
import {removalLine, toolEnv, type RemovalWords} from '../shared/auth-file-writer.js'
import {proveWithCli} from '../shared/cli-login.js'
import type {EngineContext} from '../engine.js'
import {explainPodmanFailure} from './failures.js'
import {authFileLocation} from '../../places.js'
import {AUTH_FILE, checkAuthFilePlace, PODMAN_TIMINGS, toolsOnPath, type PodmanLogin, type PodmanTimings, type PodmanWork} from './index.js'

// The podman engine, for podman, buildah and skopeo, which share one auth file (containers/image). Like the docker
// engine, it proves the credential with the tool's own login, into a private auth file of its own (so logins to several
// registries run at once without racing on the real file, and a wrong password changes nothing), then writes the entry
// the tool wrote into the real auth file itself: merged, atomic, 0600, under the place's lock and noted in its ledger
// (see ledger.ts), so that jobs sharing one auth file never lose each other's logins. The proof uses podman when it is
// on PATH, else skopeo, else buildah: all three take --authfile and --password-stdin. Post edits the file; it needs
// none of the tools.
//
// Loaded on demand by podmanEngine (./index.ts), which knows where the auth file is (authFileLocation). That rule was
// checked on Linux with Debian's podman 4.3.1, skopeo 1.9.3 and buildah 1.28.2, as root, with `podman login` (and
// `skopeo login`) to a loopback registry, then looking where the file appeared, and with `login --get-login` of each
// tool reading it back: each of the four Linux cases (REGISTRY_AUTH_FILE, DOCKER_CONFIG, XDG_RUNTIME_DIR, neither)
// writes exactly there (the directories made 0700, the file 0600); an empty variable counts as unset; with
// XDG_RUNTIME_DIR naming a missing directory podman refuses ("directory set by $XDG_RUNTIME_DIR does not exist"); as a
// user other than root without XDG_RUNTIME_DIR, skopeo fails to create /run/containers/<uid> (permission denied).
// `podman login` also sets up podman's storage (/var/lib/containers as root): the proof runs the job's own podman as
// it is configured, and writes nothing else of ours there.

const WORDS: RemovalWords = {login: 'podman login', store: 'the auth file', place: "the auth file's directory"}

function canWrite(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** The podman engine's work for one run of the action. */
export function podmanWork(context: EngineContext, timings: PodmanTimings = PODMAN_TIMINGS): PodmanWork {
  const {places, env} = context
  const place = places.authFile
  // The ledger beside the auth file: it outlives RUNNER_TEMP, and it is where a shared file's other jobs look.
  const ledger = new Ledger(path.dirname(place), {lock: context.lock, warn: context.warn, env: context.env})
  // The ledger is per directory, keyed by what it guards. Docker's config.json is keyed by host alone, by every engine
  // that writes it (docker, docker-config, and podman when DOCKER_CONFIG sends it there): one entry, one slot. Any
  // other auth file gets keys of its own, so that one beside config.json (REGISTRY_AUTH_FILE=$DOCKER_CONFIG/auth.json)
  // never shares a slot with a different file's entry.
  const ledgerKey = (host: string): string => (path.basename(place) === 'config.json' ? host : `${path.basename(place)} ${host}`)
  const {which} = context
  /** The file written: where a symlinked auth file points (the link stays), as for Docker's config.json. */
  const target = (): string => followLinks(place)
  const location = authFileLocation(env)

  /**
   * Why the auth file cannot be used here, or undefined: an XDG_RUNTIME_DIR that does not exist (podman refuses it too;
   * creating it would hide a typo), or a directory this user cannot create (a user other than root without
   * XDG_RUNTIME_DIR, whose default is under /run/containers). `engine: auto` then leaves podman out rather than fail
   * the docker login of a runner that merely has skopeo installed.
   */
  function placeProblem(): string | undefined {
    if (location.runtimeDir && path.resolve(location.file) === place && !fs.existsSync(location.runtimeDir)) {
      return (
        `XDG_RUNTIME_DIR is ${location.runtimeDir}, which does not exist, so podman would not use it. Create that ` +
        `directory, or unset XDG_RUNTIME_DIR, or set REGISTRY_AUTH_FILE to the auth file to use.`
      )
    }
    let dir = path.dirname(place)
    while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir)
    let why: string | undefined
    if (!fs.statSync(dir).isDirectory()) why = `${dir} is not a directory`
    else if (!canWrite(dir)) why = `this user cannot write to ${dir}`
    return why && `${AUTH_FILE} ${place} (${location.source}) cannot be written: ${why}. Set XDG_RUNTIME_DIR or REGISTRY_AUTH_FILE to a place this user can write.`
  }

  /** Refuses, before anything is asked of the registry, what podman itself would refuse, or we could not write. */
  function checkPlace(key: string): void {
    const file = target()
    const problem = placeProblem()
    if (problem) throw new UserError(`${problem} No login was written.`)
    const {config} = readAuthsFile(file, AUTH_FILE)
    const helper = config?.credHelpers?.[key]
    if (helper) {
      throw new UserError(
        `${file} names the credential helper docker-credential-${helper} for ${key} (credHelpers), so podman would keep ` +
          `the login there, and this engine writes only the file: nothing was changed. Remove that credHelpers entry, ` +
          `or set REGISTRY_AUTH_FILE to another file.`
      )
    }
  }

  /**
   * Proves the credential with `<tool> login` into a private auth file, within one deadline for every try; returns
   * the entry the tool wrote there. Throws EngineFailure.
   */
  async function prove(credential: LoginCredential, tool: string, key: string): Promise<AuthEntry> {
    const {host} = credential.registry
    // A plain-HTTP registry is reached the way podman reaches one: without TLS verification, which lets it fall back.
    const tls = credential.registry.scheme === 'http' ? ['--tls-verify=false'] : []
    return proveWithCli(context, credential, {
      engine: 'podman',
      tool,
      bin: await which(tool),
      loginMs: timings.loginMs,
      // The tool's own environment, less what it has no business seeing; the file comes from --authfile alone.
      setUp: dir => ({
        args: ['login', '--authfile', path.join(dir, 'auth.json'), '--username', credential.username, '--password-stdin', ...tls, host],
        env: toolEnv(env)
      }),
      explain: (stderr, exitCode) => explainPodmanFailure(host, tool, stderr, exitCode),
      timedOut: seconds => ({
        kind: 'other',
        statement:
          `Logging in to ${host} did not finish within ${seconds} s. Check 'registry' and the network between the runner ` +
          `and the registry (HTTPS_PROXY, NO_PROXY), then run the job again.`,
        detail: `login was stopped after ${seconds} s`,
        transient: false
      }),
      result: dir => {
        const entry = readAuthsFile(path.join(dir, 'auth.json'), `the private auth file of ${tool} login`).config?.auths?.[key]
        if (typeof entry !== 'object' || entry === null) throw new Error(`${tool} login succeeded but wrote no login for ${key} to its auth file`)
        return entry as AuthEntry
      }
    })
  }

  return {
    // Asked by podmanEngine only when a tool is on PATH.
    unusable: async () => placeProblem(),

    async login(credential, journal) {
      const {host} = credential.registry
      const secrets = secretForms(credential)
      const [tool] = await toolsOnPath(which)
      if (!tool) throw new Error('none of podman, skopeo and buildah is on PATH any more')
      checkPlace(host)
      const value = await prove(credential, tool, host)
      const file = target()
      const slot = authsSlot(file, host, AUTH_FILE)
      let record: PodmanLogin = {host, digest: slot.digest(value)}
      // Noted before the file changes: if this process dies half-way, post still takes the login off.
      journal.add(record)
      try {
        fs.mkdirSync(path.dirname(place), {recursive: true, mode: 0o700})
        // Again now that the directory is there: in a shared parent (/tmp) another user could have made it first.
        checkAuthFilePlace(location, place)
      } catch (error) {
        if (error instanceof UserError) {
          journal.drop(record)
          throw error
        }
        journal.drop(record)
        throw new UserError(
          `Cannot create the directory of ${AUTH_FILE} ${place} (${location.source}): ${errorMessage(error)}. Set ` +
            `XDG_RUNTIME_DIR or REGISTRY_AUTH_FILE to a place this user can write.`
        )
      }
      let replaced: Replaced
      try {
        replaced = await ledger.push(ledgerKey(host), context.run, slot, value)
      } catch (error) {
        journal.drop(record)
        throw new Error(`could not write the podman login to ${file}: ${redact(errorMessage(error), secrets)}`)
      }
      if (replaced !== 'none') {
        const updated: PodmanLogin = {...record, replaced}
        journal.add(updated)
        journal.drop(record)
        record = updated
      }
      return {record, summary: tool === 'podman' ? 'podman' : `podman auth file (checked with ${tool})`}
    },

    /** Takes this run's login off the auth file main used, in the ledger's order, and says exactly what happened. */
    async undo(record) {
      if (!fs.existsSync(path.dirname(place))) return `the directory of ${AUTH_FILE} ${place} is gone: nothing to remove`
      const slot = authsSlot(target(), record.host, AUTH_FILE)
      return removalLine(await ledger.pop(ledgerKey(record.host), context.run, slot, record.digest, record.replaced ?? 'none'), record, WORDS)
    },

    release: record => ledger.release(ledgerKey(record.host), context.run)
  }
}
