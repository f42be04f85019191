import * as fs from 'node:fs'
import * as path from 'node:path'
import {runCommand, type CommandResult} from '../../command.js'
import {secretForms, type LoginCredential} from '../../credential.js'
import {cut, errorMessage, redact, UserError} from '../../errors.js'
import {Ledger, type Replaced} from '../../ledger.js'
import {backoffDelay, DEFAULT_RETRY} from '../../retry.js'
import {authsSlot, followLinks, readAuthsFile, type AuthEntry} from '../shared/auth-file.js'
import {removalLine, toolEnv, type RemovalWords} from '../shared/auth-file-writer.js'
import {NETWORK_RULES} from '../shared/docker-errors.js'
import type {Engine, EngineContext} from '../engine.js'
import {EngineFailure, type FailureKind} from '../../failure.js'
import {authFileLocation} from '../../places.js'
import {AUTH_FILE, REMOVAL, checkAuthFilePlace, isPodmanLogin, PODMAN_TIMINGS, PODMAN_TOOLS, type PodmanLogin, type PodmanTimings} from './index.js'

// The podman engine, for podman, buildah and skopeo, which share one auth file (containers/image). Like the docker
// engine, it proves the credential with the tool's own login, into a private auth file of its own (so logins to several
// registries run at once without racing on the real file, and a wrong password changes nothing), then writes the entry
// the tool wrote into the real auth file itself: merged, atomic, 0600, under the place's lock and noted in its ledger
// (see ledger.ts), so that jobs sharing one auth file never lose each other's logins. The proof uses podman when it is
// on PATH, else skopeo, else buildah: all three take --authfile and --password-stdin. Post edits the file; it needs
// none of the tools.
//
// Loaded on demand by podmanEngine (podman.ts), which knows where the auth file is (authFileLocation). That rule was
// checked on Linux with Debian's podman 4.3.1, skopeo 1.9.3 and buildah 1.28.2, as root, with `podman login` (and
// `skopeo login`) to a loopback registry, then looking where the file appeared, and with `login --get-login` of each
// tool reading it back: each of the four Linux cases (REGISTRY_AUTH_FILE, DOCKER_CONFIG, XDG_RUNTIME_DIR, neither)
// writes exactly there (the directories made 0700, the file 0600); an empty variable counts as unset; with
// XDG_RUNTIME_DIR naming a missing directory podman refuses ("directory set by $XDG_RUNTIME_DIR does not exist"); as a
// user other than root without XDG_RUNTIME_DIR, skopeo fails to create /run/containers/<uid> (permission denied).
// `podman login` also sets up podman's storage (/var/lib/containers as root): the proof runs the job's own podman as
// it is configured, and writes nothing else of ours there.

/** A try is not started with less time than this left: it could only time out. */
const MIN_TRY_MS = 2_000

const WORDS: RemovalWords = {login: 'podman login', store: 'the auth file', place: "the auth file's directory"}

// ---------------------------------------------------------------------------------------------------------------------
// What went wrong with a login, read from the tool's stderr. podman and buildah print "Error: <what>"; skopeo logs
// `time="…" level=fatal msg="<what>"`. Neither ever echoes the password (it came on stdin), but the telling line is
// still redacted by the caller.

/** A failed login, explained. */
export interface PodmanFailure {
  kind: FailureKind
  statement: string
  detail: string
  transient: boolean
}

interface Rule {
  test: RegExp
  kind: FailureKind
  transient: boolean
  statement: (host: string, tool: string) => string
}

// The first rule that matches wins: the specific ones first.
const RULES: Rule[] = [
  {
    test: /not allow(ed)? to login/i,
    kind: 'blocked',
    transient: false,
    statement: host => `${host} refused the login because the account is temporarily blocked after too many requests or failed logins.`
  },
  {
    test: /invalid username\/password|unauthorized|authentication required|status code 401|\b401 Unauthorized|incorrect username or password/i,
    kind: 'unauthorized',
    transient: false,
    statement: host => `${host} rejected the credentials.`
  },
  {
    test: /requested access to the resource is denied|forbidden|status code 403|\b403\b/i,
    kind: 'denied',
    transient: false,
    statement: host => `${host} denied the login.`
  },
  ...NETWORK_RULES,
  {
    test: /server gave HTTP response to HTTPS client/i,
    kind: 'other',
    transient: false,
    statement: host => `${host} speaks plain HTTP. Set 'registry: http://${host}' (the login then skips TLS, as --tls-verify=false does).`
  },
  {
    test: /x509:|certificate|tls: /i,
    kind: 'tls',
    transient: false,
    statement: host =>
      `The TLS certificate of ${host} is not trusted or not valid. For a private registry, put its CA certificate in ` +
      `/etc/containers/certs.d/${host}/ca.crt (podman, buildah and skopeo read it there).`
  },
  {
    test: /timeout|timed out|deadline exceeded|Client\.Timeout/i,
    kind: 'other',
    transient: true,
    statement: host =>
      `Connecting to ${host} timed out, over several tries. Check the runner's network and proxy settings ` +
      `(HTTPS_PROXY, NO_PROXY), then run the job again.`
  },
  {
    test: /status code (500|502|503|504|429)\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|too many requests/i,
    kind: 'other',
    transient: true,
    statement: host =>
      `${host} answered with a server error or asked to slow down, over several tries. Run the job again later, and ` +
      `check the provider's service status if it keeps failing.`
  },
  {
    test: /connection reset|broken pipe|unexpected EOF|\bEOF\b/i,
    kind: 'other',
    transient: true,
    statement: host =>
      `The connection to ${host} was cut off, over several tries. Check proxies and firewalls between the runner and ` +
      `the registry (HTTPS_PROXY, NO_PROXY), then run the job again.`
  }
]

/** Warnings that say nothing about the failure (rootless podman without subordinate ids, say). */
const NOISE = /level=(warning|info|debug)\b|^WARN\[/i

/**
 * The line of a tool's stderr that names the failure: skopeo's fatal log message (unquoted), else podman's "Error:"
 * line, else the first line that is not a warning. Whole: the caller takes the secrets out, then cuts it.
 */
export function podmanFailureLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map(l => l.trim()).filter(l => l !== '')
  for (const line of lines) {
    const fatal = /level=(?:fatal|error) msg="((?:[^"\\]|\\.)*)"/.exec(line)
    if (fatal) return (fatal[1] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? ' ' : c === 't' ? ' ' : c)).replace(/\s+/g, ' ').trim()
  }
  const error = lines.find(l => l.startsWith('Error: '))
  if (error) return error.slice('Error: '.length)
  return lines.find(l => !NOISE.test(l)) ?? ''
}

/** Explains a failed `<tool> login` to `host` from the tool's stderr (and its exit code, when it printed nothing). */
export function explainPodmanFailure(host: string, tool: string, stderr: string, exitCode: number): PodmanFailure {
  const detail = podmanFailureLine(stderr) || `${tool} exited with code ${exitCode} and printed nothing`
  const rule = RULES.find(r => r.test.test(detail)) ?? RULES.find(r => r.test.test(stderr))
  if (!rule) return {kind: 'other', statement: `${tool} login to ${host} failed, for a reason ${tool}'s own message gives.`, detail, transient: false}
  return {kind: rule.kind, statement: rule.statement(host, tool), detail, transient: rule.transient}
}

// ---------------------------------------------------------------------------------------------------------------------

function canWrite(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** The podman engine's work (see podmanEngine in podman.ts, which loads this module when it needs it). */
export function podmanWork(context: EngineContext, timings: PodmanTimings = PODMAN_TIMINGS): Engine<PodmanLogin> {
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
  /** The tools on PATH, in the order the proof prefers them. */
  const found = async (): Promise<string[]> => {
    const paths = await Promise.all(PODMAN_TOOLS.map(tool => which(tool)))
    return PODMAN_TOOLS.filter((_, i) => paths[i] !== '')
  }
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
   * Proves the credential with `<tool> login` into a private auth file, trying again on transient failures within one
   * deadline; returns the entry the tool wrote. Throws EngineFailure: the tool's telling line, secrets taken out.
   */
  async function prove(credential: LoginCredential, tool: string, key: string): Promise<AuthEntry> {
    const {host} = credential.registry
    const bin = await which(tool)
    const secrets = secretForms(credential)
    const policy = context.retryPolicy ?? DEFAULT_RETRY
    const deadline = Date.now() + timings.loginMs
    fs.mkdirSync(places.tempDir, {recursive: true})
    const dir = fs.mkdtempSync(path.join(places.tempDir, 'cloud-registry-login-podman-'))
    const file = path.join(dir, 'auth.json')
    // A plain-HTTP registry is reached the way podman reaches one: without TLS verification, which lets it fall back.
    const tls = credential.registry.scheme === 'http' ? ['--tls-verify=false'] : []
    const args = ['login', '--authfile', file, '--username', credential.username, '--password-stdin', ...tls, host]
    try {
      for (let attempt = 1; ; attempt++) {
        let result: CommandResult
        try {
          // The tool's own environment, less what it has no business seeing; the file comes from --authfile alone.
          result = await runCommand(bin, args, {env: toolEnv(env), input: credential.password, timeoutMs: Math.max(deadline - Date.now(), 1)})
        } catch (error) {
          throw new Error(`${tool} could not be started (${redact(errorMessage(error), secrets)})`)
        }
        if (result.timedOut) {
          const seconds = Math.round(timings.loginMs / 1000)
          throw new EngineFailure(
            'other',
            `Logging in to ${host} did not finish within ${seconds} s. Check 'registry' and the network between the runner ` +
              `and the registry (HTTPS_PROXY, NO_PROXY), then run the job again.`,
            `${tool}: login was stopped after ${seconds} s`
          )
        }
        if (result.exitCode === 0) break
        const explained = explainPodmanFailure(host, tool, result.stderr, result.exitCode ?? -1)
        const detail = `${tool}: ${cut(redact(explained.detail, secrets), 300)}`
        const failure = new EngineFailure(explained.kind, explained.statement, detail, explained.transient)
        if (!failure.transient || attempt >= policy.attempts) throw failure
        const delay = backoffDelay(policy, attempt)
        if (deadline - Date.now() - delay < MIN_TRY_MS) throw failure
        context.log(`${host}: ${tool} login try ${attempt} failed (${detail}); trying again in ${(delay / 1000).toFixed(1)} s`)
        await new Promise(resolve => setTimeout(resolve, delay))
      }
      const entry = readAuthsFile(file, `the private auth file of ${tool} login`).config?.auths?.[key]
      if (typeof entry !== 'object' || entry === null) throw new Error(`${tool} login succeeded but wrote no login for ${key} to its auth file`)
      return entry as AuthEntry
    } finally {
      fs.rmSync(dir, {recursive: true, force: true})
    }
  }

  return {
    name: 'podman',
    place: 'authFile',
    tools: PODMAN_TOOLS,
    removal: REMOVAL,

    detect: found,

    // Asked by podmanEngine only when a tool is on PATH.
    unusable: async () => placeProblem(),

    async login(credential, journal) {
      const {host} = credential.registry
      const secrets = secretForms(credential)
      const [tool] = await found()
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

    release: record => ledger.release(ledgerKey(record.host), context.run),

    owns: (record): record is PodmanLogin => isPodmanLogin(record),

    label: record => ({host: record.host, thing: `the podman login in ${place}`})
  }
}
