import {randomBytes} from 'node:crypto'
import * as fs from 'node:fs'
import * as core from '@actions/core'
import {maskCredential, maskOnce, type Credential, type Mask} from './credential.js'
import {openDockerConfigDir} from './config-dir/index.js'
import {dockerConfigJson} from './engines/shared/auth-file.js'
import type {Engine, EngineName} from './engines/engine.js'
import {chooseEngines, type EngineChoice} from './engines/index.js'
import {placesFor, type Places} from './places.js'
import {errorMessage, quote, UserError} from './errors.js'
import {getInputs, type Inputs} from './inputs.js'
import * as log from './log.js'
import {loginRegistry, StateJournal} from './login.js'
import {OUTPUT} from './names.js'
import {obtainCredential, type ObtainContext, type Target} from './providers/provider.js'
import {defaultRuntime, openEngines, type Runtime} from './runtime.js'
import {markMainStarted, saveLoginState} from './state.js'
import {PlaceError} from './trust.js'

/** How one target went: its credential and what each engine did, or why it failed. */
type Result = {target: Target; credential: Credential; summaries: string[]} | {target: Target; error: string}

/** A credential made before anything was printed (a local one), or why it could not be made. */
type Early = {credential: Credential} | {error: unknown}

/**
 * The main step: inputs → targets → shared work (keyless login's keys) → credentials → engines → outputs → summary.
 * Throws (for index.ts to report) only before any login; a registry that fails after that fails the step with its
 * message, and post undoes the rest.
 */
export async function main(runtime: Runtime = defaultRuntime()): Promise<void> {
  startState(runtime.env)
  const mask = maskOnce(secret => core.setSecret(secret))
  // Nothing is printed until every secret the inputs give is masked, in every form: the secret inputs (getInputs), and
  // the credentials made from them without an API (an SWR long-term key, an ACR fixed password as user:password and
  // base64). Credentials from an API are masked as they arrive.
  const {inputs, warnings} = getInputs(name => core.getInput(name, {trimWhitespace: false}), mask, runtime.env, runtime.providers)
  const context: ObtainContext = {mask, log: log.info, env: runtime.env}
  const early = obtainLocal(inputs.targets, context)
  for (const warning of warnings) log.warning(warning)
  // Work the targets share (keyless login's token exchange), before anything is written: a refusal ends the step here.
  await inputs.source.prepare?.(
    inputs.targets.map(t => t.region),
    context
  )

  const run = randomBytes(12).toString('hex')
  const configDir = await openDockerConfigDir(inputs.dockerConfigDir, run, runtime.env)
  // The engines write to that directory, and run their tools with it (podman's auth file follows DOCKER_CONFIG).
  const env = configDir ? {...runtime.env, DOCKER_CONFIG: configDir.dir} : runtime.env
  const places = placesFor(inputs.hostsDir, env)
  const engines = openEngines({...runtime, env}, places, run)
  // Saved before anything can fail, so that post removes a Docker config directory main made even then.
  const journal = new StateJournal({logout: inputs.logout, run, places, dockerConfigDir: configDir?.made, records: []})
  saveLoginState(journal.state)
  const choice = trustedPlaces(await chooseEngines(inputs.engines, engines), inputs.engines === 'auto')

  const results = await log.group(groupTitle(inputs, choice), async () => {
    logPlan(inputs, choice)
    return loginAll(inputs.targets, early, choice.engines, journal, context)
  })
  setOutputs(results, engines, choice, places, mask)
  reportFailures(results, inputs.logout)
}

/**
 * Marks the main run in the runner's state file, or refuses to start without one: what main saves there is how post
 * learns that it is post and what to undo, so logins made without it could never be removed. Its absence is the
 * environment's doing, not the action's, and is said so.
 */
function startState(env: NodeJS.ProcessEnv): void {
  const file = env.GITHUB_STATE ?? ''
  const runner = `this step must run under the GitHub runner (or an emulator that provides the runner's files)`
  if (file === '') throw new UserError(`GITHUB_STATE is not set: ${runner}.`)
  if (!fs.existsSync(file)) throw new UserError(`GITHUB_STATE names ${quote(file)}, which does not exist: ${runner}.`)
  try {
    markMainStarted()
  } catch (error) {
    throw new UserError(`Saving the step's state in GITHUB_STATE (${quote(file)}) failed (${errorMessage(error)}): ${runner}.`)
  }
}

/**
 * The engines whose places no other user controls, checked before the first write to any of them. An engine asked
 * for by name whose place is refused fails the step; one `engine: auto` picked is left out with a warning, as long as
 * another remains (a runner with skopeo installed and a shared auth file still logs docker in).
 */
function trustedPlaces(choice: EngineChoice, auto: boolean): EngineChoice {
  const kept: Engine[] = []
  let refused: unknown
  for (const engine of choice.engines) {
    try {
      engine.checkPlace?.()
      kept.push(engine)
    } catch (error) {
      if (!auto || !(error instanceof PlaceError)) throw error
      refused ??= error
      log.warning(`${engine.name} left out ('engine: auto'): ${errorMessage(error)}`)
    }
  }
  if (kept.length === 0) throw refused
  return {...choice, engines: kept}
}

/** The credentials made from the inputs alone (no API call), made now: each masks every form of itself as it is made. */
function obtainLocal(targets: readonly Target[], context: ObtainContext): Map<Target, Early> {
  const early = new Map<Target, Early>()
  for (const target of targets) {
    if (target.kind !== 'local') continue
    try {
      early.set(target, {credential: target.source.obtain(target, context)})
    } catch (error) {
      // Kept as a value, not a rejected promise: nothing awaits it until the logins start.
      early.set(target, {error})
    }
  }
  return early
}

function groupTitle(inputs: Inputs, choice: EngineChoice): string {
  const count = inputs.targets.length === 1 ? '1 registry' : `${inputs.targets.length} registries`
  return `Logging in to ${count} with ${choice.engines.map(e => e.name).join(' and ')}`
}

function logPlan(inputs: Inputs, choice: EngineChoice): void {
  log.info(`Engines: ${choice.engines.map(e => e.name).join(', ')} (${choice.reason})`)
  log.info(`Credential: ${inputs.source.description}`)
  for (const engine of choice.engines) {
    const line = engine.describe?.()
    if (line) log.info(line)
  }
}

/**
 * Each target's credential (made already when it is a local one), then its logins. Registries are independent, so they
 * run together.
 */
async function loginAll(targets: Target[], early: ReadonlyMap<Target, Early>, engines: readonly Engine[], journal: StateJournal, context: ObtainContext): Promise<Result[]> {
  const settled = await Promise.allSettled(
    targets.map(async target => {
      const made = early.get(target)
      if (made && 'error' in made) throw made.error
      const credential = made?.credential ?? (await obtainCredential(target, context))
      // The source has masked every form already; again here (maskOnce skips repeats) so that no source can forget.
      maskCredential(credential, context.mask)
      const summaries = await loginRegistry({
        credential,
        engines,
        journal,
        advice: kind => target.source.advice(kind),
        warn: log.warning
      })
      return {credential, summaries}
    })
  )
  return targets.map((target, i): Result => {
    const outcome = settled[i]
    if (outcome?.status !== 'fulfilled') {
      const error = errorMessage(outcome?.reason)
      log.info(`✗ ${target.registry.host}: ${error}`)
      return {target, error}
    }
    const {credential, summaries} = outcome.value
    const until = credential.expiresAt ? `, valid until ${credential.expiresAt}` : ''
    log.info(`✓ ${target.registry.host} as ${credential.username}: ${summaries.join(', ')}${until}`)
    return {target, credential, summaries}
  })
}

function setOutputs(results: Result[], engines: Record<EngineName, Engine>, choice: EngineChoice, places: Places, mask: Mask): void {
  const succeeded = results.flatMap(r => ('credential' in r ? [r.credential] : []))
  const first = succeeded[0]
  if (first) {
    core.setOutput(OUTPUT.registry, first.registry.host)
    core.setOutput(OUTPUT.username, first.username)
    core.setOutput(OUTPUT.ctrUser, `${first.username}:${first.password}`)
  }
  core.setOutput(OUTPUT.registries, JSON.stringify(succeeded.map(c => c.registry.host)))
  // A new secret form: masked, and so is its base64, the form it takes in a Secret's data, before it is set.
  const config = dockerConfigJson(succeeded)
  mask(config)
  mask(Buffer.from(config, 'utf8').toString('base64'))
  core.setOutput(OUTPUT.dockerConfigJson, config)
  core.setOutput(OUTPUT.dockerConfigDir, places.dockerConfig)
  // Each engine's own outputs (containerd: hosts-dir), empty for the engines that configured nothing.
  for (const engine of Object.values(engines)) {
    const used = first !== undefined && choice.engines.includes(engine)
    for (const [name, value] of Object.entries(engine.outputs?.(used) ?? {})) core.setOutput(name, value)
  }
  // The soonest expiry: the time by which the job must be done with all of them.
  const expiries = succeeded
    .map(c => c.expiresAt)
    .filter((t): t is string => t !== undefined)
    .sort()
  core.setOutput(OUTPUT.expiresAt, expiries[0] ?? '')
}

function reportFailures(results: Result[], logout: boolean): void {
  const failures = results.flatMap(r => ('error' in r ? [r] : []))
  const [first] = failures
  if (first === undefined) return
  if (results.length === 1) {
    log.fail(first.error)
    return
  }
  const lines = failures.map(f => `- ${f.target.registry.host} (${f.target.region}): ${f.error}`)
  const succeeded = results.length - failures.length
  // What became of the rest, only when there is a rest: with logout false, post leaves them in place.
  const [others, them, stay] = succeeded === 1 ? ['the other is', 'it', 'stays'] : [`the other ${succeeded} are`, 'them', 'stay']
  const rest = succeeded === 0 ? '' : `; ${others} logged in` + (logout ? ` and the post step logs ${them} out` : ` and ${stay} so ('logout' is false)`)
  const what = succeeded === 0 ? `all ${results.length} registries` : `${failures.length} of ${results.length} registries`
  log.fail(`Login failed for ${what}${rest}.\n${lines.join('\n')}`)
}
