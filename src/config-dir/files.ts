import * as core from '@actions/core'
import {randomBytes} from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {dockerConfigDir} from '../places.js'
import {errorMessage, quote, UserError} from '../errors.js'
import * as log from '../log.js'
import {INPUT} from '../names.js'
import {readSmallFile} from '../read-file.js'
import {checkedPlace, checkPlace, PlaceRefused} from '../trust.js'
import type {DockerConfigDirChoice, DockerConfigDirState, OpenedConfigDir} from './index.js'

// The files behind 'docker-config-dir' (see index.ts, which loads this module only when the input is set):
// the directory made, the config copied, the links, the mark of the run that made it, and their removal.

const ISOLATED_PREFIX = 'cloud-registry-login-config-'
const ISOLATED_NAME = /^cloud-registry-login-config-[0-9a-f]{24}$/
/**
 * The mark main leaves in a directory it made: this run's id, and the first directory it created (the isolated
 * directory, or the topmost one missing from a path). What post removes comes from here, beside the files, so a
 * changed saved state cannot widen it; and a directory without the mark of this run is never touched.
 */
export const MARK_FILE = '.cloud-registry-login-dir'
const MARK_MAX = 16 * 1024

/**
 * What an isolated directory links to in the existing one, when it is there: the CLI plugins (buildx, compose), the
 * contexts (currentContext in the copied config.json names one), and buildx's builders (docker/setup-buildx-action,
 * which usually runs before the login, keeps the builder it made there: without it the build would use another one).
 */
const LINKED_DIRS = ['cli-plugins', 'contexts', 'buildx']
/**
 * The daemon's TLS files, which docker reads from the config directory unless DOCKER_CERT_PATH says otherwise. Linked
 * rather than exporting DOCKER_CERT_PATH: the isolated directory then stands for the old one all by itself, and the job
 * gets no second variable that would outlive the directory or change what a later step that sets DOCKER_CONFIG back
 * would use.
 */
const CERT_FILES = ['ca.pem', 'cert.pem', 'key.pem']

interface Mark {
  run: string
  created: string
}

/**
 * Sets up the Docker config directory `choice` asks for, before the engines are opened, and exports it as DOCKER_CONFIG
 * for the rest of the job (GITHUB_ENV). Returns the directory, for main to put the engines' writes there (placesFor),
 * and what post must take away (`made`; absent when main made nothing). `env` is read, never changed. Throws UserError.
 */
export function openDockerConfigDir(
  choice: Exclude<DockerConfigDirChoice, {kind: 'default'}>,
  run: string,
  env: NodeJS.ProcessEnv,
  exportVariable: (name: string, value: string) => void = (name, value) => exportToJob(name, value, env)
): OpenedConfigDir {
  let made: DockerConfigDirState | undefined
  let dir: string
  let line: string
  if (choice.kind === 'isolated') {
    const isolated = makeIsolated(path.resolve(dockerConfigDir(env)), run, env)
    dir = isolated.dir
    made = {kind: 'isolated', dir}
    line = `Docker config: ${dir}, this job's own (${isolated.contents})`
  } else {
    dir = choice.dir
    const created = makeDir(dir, run)
    made = created ? {kind: 'created', dir} : undefined
    line = `Docker config: ${dir}${created ? ', created' : ''} ('${INPUT.dockerConfigDir}')`
  }
  exportVariable('DOCKER_CONFIG', dir)
  log.info(`${line}; DOCKER_CONFIG points there for the rest of the job.`)
  return made ? {dir, made} : {dir}
}

/**
 * Exports a variable to the later steps of the job (GITHUB_ENV). Without GITHUB_ENV (a runner emulator, say) a warning
 * instead: core.exportVariable would print the set-env command, which runners have disabled.
 */
function exportToJob(name: string, value: string, env: NodeJS.ProcessEnv): void {
  if (!env.GITHUB_ENV) {
    log.warning(`GITHUB_ENV is not set, so ${name} could not be set for the later steps of the job: set ${name}=${value} in those that use docker.`)
    return
  }
  core.exportVariable(name, value)
}

/** Where isolated directories are made, and the only place post removes one from: RUNNER_TEMP, else the system's. */
function isolatedParent(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.RUNNER_TEMP || os.tmpdir())
}

/**
 * A new directory (0700, a name no one can guess or have planted) holding a copy (0600) of the existing config.json and
 * links to what else of the existing directory the job needs. Returns it, and a note of what it holds for the log.
 */
function makeIsolated(existing: string, run: string, env: NodeJS.ProcessEnv): {dir: string; contents: string} {
  const parent = isolatedParent(env)
  const dir = path.join(parent, `${ISOLATED_PREFIX}${randomBytes(12).toString('hex')}`)
  // Made only under a parent no other user controls (a sticky /tmp of root's will do, as a parent): one who did could
  // swap the new directory for a link before post.
  checkedPlace(`Input '${INPUT.dockerConfigDir}' is 'isolated', and its directory goes in ${parent}`, dir, 'dir')
  try {
    fs.mkdirSync(parent, {recursive: true})
    // Not recursive: it fails when the name is taken, so no one else's directory is ever used.
    fs.mkdirSync(dir, {mode: 0o700})
  } catch (error) {
    throw new UserError(
      `Input '${INPUT.dockerConfigDir}' is 'isolated', but no directory could be made in ${parent}: ${errorMessage(error)}. ` +
        `Check that RUNNER_TEMP (or the system's temporary directory) is writable.`
    )
  }
  try {
    fs.chmodSync(dir, 0o700) // whatever the umask
    writeMark(dir, {run, created: dir})
    const notes: string[] = []
    // What the existing directory holds goes beside the job's logins (its plugins run with them): only from a place
    // that no other user controls. Otherwise the new directory starts empty, with a warning.
    const refusal = placeRefusal(existing)
    if (refusal !== undefined) {
      log.warning(
        `${refusal} So 'docker-config-dir: isolated' neither copies its config.json nor links its plugins, contexts, ` +
          `builders or TLS files: the job's Docker config starts empty.`
      )
      return {dir, contents: `nothing from ${existing}, which another user controls`}
    }
    const copied = copyConfig(existing, dir)
    notes.push(copied ? `a copy of ${copied}` : `no config.json in ${existing} to copy`)
    const linked = [...LINKED_DIRS, ...CERT_FILES].filter(name => link(existing, dir, name))
    if (linked.length > 0) notes.push(`links to its ${linked.join(', ')}`)
    return {dir, contents: notes.join(', ')}
  } catch (error) {
    fs.rmSync(dir, {recursive: true, force: true})
    if (error instanceof UserError) throw error
    throw new UserError(`Input '${INPUT.dockerConfigDir}' is 'isolated', but ${dir} could not be set up: ${errorMessage(error)}.`)
  }
}

/** Why the existing Docker config directory (and its config.json) may not be drawn from, or undefined when it may. */
function placeRefusal(existing: string): string | undefined {
  try {
    if (!fs.existsSync(existing)) return undefined
    checkPlace(existing, 'dir')
    checkPlace(path.join(existing, 'config.json'), 'file')
    return undefined
  } catch (error) {
    // Only who controls it: a config.json that is not a file docker could read gets copyConfig's own refusal.
    if (error instanceof PlaceRefused && error.control) return `The job's Docker config ${existing}: ${error.message}.`
    if (error instanceof PlaceRefused) return undefined
    throw error
  }
}

/**
 * Copies `existing`/config.json (a symlink followed) into `dir`, 0600; returns the file copied, or undefined when there
 * is none. Warns when it keeps logins in a credential helper: those are the user's, shared by every job.
 */
function copyConfig(existing: string, dir: string): string | undefined {
  const source = path.join(existing, 'config.json')
  let bytes: Buffer
  try {
    bytes = readSmallFile(source)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new UserError(
      `Input '${INPUT.dockerConfigDir}' is 'isolated', but the job's Docker config ${source} could not be copied: ` +
        `${errorMessage(error)}. Fix or remove that file, or leave 'docker-config-dir' empty.`
    )
  }
  fs.writeFileSync(path.join(dir, 'config.json'), bytes, {mode: 0o600, flag: 'wx'})
  const helpers = credentialHelpers(bytes)
  if (helpers.length > 0) {
    log.warning(
      `${source} names the credential helper ${helpers.map(h => `docker-credential-${h}`).join(', ')}: the docker logins ` +
        `it covers are kept there, which every job of this user shares, so 'docker-config-dir: isolated' keeps only the ` +
        `logins in config.json apart. Remove credsStore and credHelpers from that config to isolate them all.`
    )
  }
  return source
}

/** The helpers a config.json names (credsStore, credHelpers), or none when it cannot be read as one. */
function credentialHelpers(bytes: Buffer): string[] {
  try {
    const config = JSON.parse(bytes.toString('utf8')) as {credsStore?: unknown; credHelpers?: unknown} | null
    const names = [config?.credsStore, ...Object.values((config?.credHelpers as Record<string, unknown> | undefined) ?? {})]
    return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))]
  } catch {
    return [] // docker, and the docker engine, say what is wrong with it
  }
}

/** Links `dir`/`name` to `existing`/`name` when that exists; whether it did. A file that cannot be linked is copied. */
function link(existing: string, dir: string, name: string): boolean {
  const target = path.join(existing, name)
  let stat: fs.Stats
  try {
    stat = fs.statSync(target)
  } catch {
    return false
  }
  const at = path.join(dir, name)
  if (stat.isDirectory()) {
    // A junction on Windows: it needs no privilege there, and post's removal takes the link, never what it points to.
    fs.symlinkSync(target, at, 'junction')
  } else {
    try {
      fs.symlinkSync(target, at, 'file')
    } catch {
      // Windows without the privilege to make symlinks: a copy of a certificate serves as well.
      fs.copyFileSync(target, at)
      fs.chmodSync(at, 0o600)
    }
  }
  return true
}

/**
 * Creates `dir` (0700, with any missing parent) when it is missing; whether it did. A directory main creates gets this
 * run's mark, for post to remove it once it is empty.
 */
function makeDir(dir: string, run: string): boolean {
  // The directory, if it is there, and every directory above it: made, or used, only where no other user has a say.
  checkedPlace(`Input '${INPUT.dockerConfigDir}' (${dir})`, dir, 'dir')
  let first: string | undefined
  try {
    first = fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  } catch (error) {
    throw new UserError(
      `Input '${INPUT.dockerConfigDir}' is ${quote(dir)}, which is not a directory and could not be made one ` +
        `(${errorMessage(error)}). Give a directory path, or 'isolated'.`
    )
  }
  // Again, now that it is there: another user may have made it first, in a shared parent such as /tmp.
  checkedPlace(`Input '${INPUT.dockerConfigDir}' (${dir})`, dir, 'dir')
  if (first === undefined) return false
  writeMark(dir, {run, created: first})
  return true
}

function writeMark(dir: string, mark: Mark): void {
  fs.writeFileSync(path.join(dir, MARK_FILE), JSON.stringify(mark), {mode: 0o600, flag: 'wx'})
}

/**
 * Takes away what main made (post, after the logins in it are undone): an isolated directory's logins (under
 * RUNNER_TEMP the directory and its links stay for later post steps; elsewhere it goes whole, links removed as links),
 * or a directory main created, once nothing but an empty config.json is left in it. Acts only on a directory that
 * holds this run's mark (and, for an isolated one, with its name, directly in RUNNER_TEMP); with 'logout: false' it
 * stays. Never throws: whatever goes wrong is a warning.
 */
export function closeDockerConfigDir(state: {run: string; logout: boolean; dockerConfigDir: DockerConfigDirState}, env: NodeJS.ProcessEnv): void {
  const made = state.dockerConfigDir
  const what = made.kind === 'isolated' ? `The isolated Docker config directory ${made.dir}` : `The Docker config directory ${made.dir}`
  if (!state.logout) {
    log.info(`'logout' is false: ${lowerFirst(what)} stays, with the logins in it (DOCKER_CONFIG still points there).`)
    return
  }
  try {
    const mark = checkMade(made, state.run, env)
    if (mark === 'gone') {
      log.info(`${what} is gone already: nothing to remove.`)
      return
    }
    if (typeof mark === 'string') {
      log.warning(`${what}, named in the saved state, was left alone: ${mark}.`)
      return
    }
    if (made.kind === 'isolated' && env.RUNNER_TEMP) {
      // Post steps run last step first: one for a step before the login (docker/setup-buildx-action's `buildx rm`)
      // still runs with DOCKER_CONFIG pointing here, and finds its builder through the buildx link. So the logins go
      // now, and the directory with its links goes with RUNNER_TEMP, which the runner empties after the job.
      emptyIsolated(made.dir)
      log.info(
        `${what} is emptied of its logins (config.json and its copy of the earlier ones); the directory and its links ` +
          `stay for the post steps still to run, and go with RUNNER_TEMP at the end of the job.`
      )
      return
    }
    if (made.kind === 'isolated') {
      unlinkLinks(made.dir)
      fs.rmSync(made.dir, {recursive: true, force: true})
      log.info(`${what} is removed.`)
      return
    }
    log.info(removeCreated(made.dir, mark.created))
  } catch (error) {
    log.warning(`Could not remove ${lowerFirst(what)}: ${errorMessage(error)}`)
  }
}

/**
 * Takes the links main made in an isolated directory off one by one, as links, before the directory itself goes: the
 * recursive removal then meets none. Node's recursive rm has had platform bugs with links (a junction on Windows, a
 * dangling link), and following one there would delete the user's own cli-plugins, contexts or builders.
 */
function unlinkLinks(dir: string): void {
  for (const name of [...LINKED_DIRS, ...CERT_FILES]) {
    const at = path.join(dir, name)
    let stat: fs.Stats
    try {
      stat = fs.lstatSync(at)
    } catch {
      continue // not made (nothing to link to), or gone already
    }
    // unlink takes a directory symlink or a junction off on Windows too, never what it points to.
    if (stat.isSymbolicLink()) fs.unlinkSync(at)
  }
}

/**
 * Removes from an isolated directory everything but the links main made and its mark: config.json (the copy of the
 * earlier logins), the ledger, and whatever else the job's tools wrote there. The links are never followed.
 */
function emptyIsolated(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    // The daemon's TLS files stay too: on Windows without the right to make symlinks they are copies, not links.
    if (name === MARK_FILE || CERT_FILES.includes(name)) continue
    const at = path.join(dir, name)
    if (fs.lstatSync(at).isSymbolicLink()) continue
    fs.rmSync(at, {recursive: true, force: true})
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/**
 * The mark of this run in the directory the state names, or why the directory is not to be touched ('gone' when it is
 * not there at all).
 */
function checkMade(made: DockerConfigDirState, run: string, env: NodeJS.ProcessEnv): Mark | 'gone' | string {
  if (made.kind === 'isolated') {
    const parent = isolatedParent(env)
    if (path.dirname(made.dir) !== parent || !ISOLATED_NAME.test(path.basename(made.dir))) {
      return `it is not a directory this action makes (${ISOLATED_PREFIX}… directly in ${parent})`
    }
  }
  let stat: fs.Stats
  try {
    stat = fs.lstatSync(made.dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    throw error
  }
  if (!stat.isDirectory()) return 'it is not a directory (a symlink, say)'
  if (process.getuid && stat.uid !== process.getuid()) return 'it belongs to another user'
  let mark: Partial<Mark> | null = null
  try {
    mark = JSON.parse(readSmallFile(path.join(made.dir, MARK_FILE), MARK_MAX).toString('utf8')) as Partial<Mark> | null
  } catch {
    // no mark, or not ours: refused below
  }
  const created = mark?.created
  const within =
    typeof created === 'string' &&
    path.isAbsolute(created) &&
    path.resolve(created) === created &&
    (made.kind === 'isolated' ? created === made.dir : created === made.dir || made.dir.startsWith(created + path.sep))
  if (mark?.run !== run || !within) return `it holds no mark of this run (${MARK_FILE}), so this run did not make it`
  return {run, created}
}

/**
 * Removes what is left of a directory main created for a path: its mark, a config.json that holds nothing any more,
 * then the directory and the parents main created with it, each only when empty. Returns the line for the log.
 */
function removeCreated(dir: string, created: string): string {
  fs.rmSync(path.join(dir, MARK_FILE), {force: true})
  const config = path.join(dir, 'config.json')
  if (holdsNothing(config)) fs.rmSync(config, {force: true})
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      fs.rmdirSync(at)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOTEMPTY' || code === 'EEXIST') {
        return at === dir
          ? `The Docker config directory ${dir}, created by the main step, is kept: later steps put files there.`
          : `The Docker config directory ${dir}, created by the main step, is removed; ${at} is kept: it holds other files.`
      }
      throw error
    }
    if (at === created) return `The Docker config directory ${dir}, created by the main step, is removed.`
  }
}

/** Whether a config.json holds nothing but an empty auths (what is left once the logins are off). */
function holdsNothing(file: string): boolean {
  try {
    const config = JSON.parse(readSmallFile(file, MARK_MAX).toString('utf8')) as Record<string, unknown> | null
    if (typeof config !== 'object' || config === null || Array.isArray(config)) return false
    const keys = Object.keys(config)
    const auths = config.auths
    return keys.every(k => k === 'auths') && (auths === undefined || (typeof auths === 'object' && auths !== null && Object.keys(auths).length === 0))
  } catch {
    return false
  }
}
