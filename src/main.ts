import {randomBytes} from 'node:crypto'
import * as core from '@actions/core'
import {maskCredential, maskOnce, type Credential, type Mask} from './credential.js'
import {chooseEngines, placesFor, type Engine, type EngineChoice, type EngineName} from './engines/engine.js'
import {errorMessage} from './errors.js'
import {getInputs, type Inputs} from './inputs.js'
import {loginRegistry, StateJournal} from './login.js'
import {OUTPUT} from './names.js'
import {obtainCredential, type Target} from './providers/provider.js'
import {defaultRuntime, openEngines, type Runtime} from './runtime.js'
import {markMainStarted, saveLoginState} from './state.js'

/** How one target went: its credential and what each engine did, or why it failed. */
type Result = {target: Target; credential: Credential; summaries: string[]} | {target: Target; error: string}

/**
 * The main step: inputs → targets → credentials → engines → outputs → summary. Throws (for index.ts to report) only
 * before any login; a registry that fails after that fails the step with its message, and post undoes the rest.
 */
export async function main(runtime: Runtime = defaultRuntime()): Promise<void> {
  markMainStarted()
  const mask = maskOnce(secret => core.setSecret(secret))
  const inputs = readInputs(runtime, mask)
  const places = placesFor(inputs.hostsDir, runtime.env)
  const run = randomBytes(12).toString('hex')
  const engines = openEngines(runtime, places, run)
  const choice = await chooseEngines(inputs.engines, engines)
  const journal = new StateJournal({logout: inputs.logout, run, places, records: []})
  saveLoginState(journal.state)

  const results = await core.group(groupTitle(inputs, choice), async () => {
    logPlan(inputs, choice)
    return loginAll(inputs.targets, choice.engines, journal, mask)
  })
  setOutputs(results, engines, choice)
  reportFailures(results)
}

/** Every input, checked; warnings about unwise values go to the log. */
function readInputs(runtime: Runtime, mask: Mask): Inputs {
  // Untrimmed: inputs.ts decides what blanks to take off, in one place.
  const {inputs, warnings} = getInputs(name => core.getInput(name, {trimWhitespace: false}), mask, runtime.env, runtime.providers)
  for (const warning of warnings) core.warning(warning)
  return inputs
}

function groupTitle(inputs: Inputs, choice: EngineChoice): string {
  const count = inputs.targets.length === 1 ? '1 registry' : `${inputs.targets.length} registries`
  return `Logging in to ${count} with ${choice.engines.map(e => e.name).join(' and ')}`
}

function logPlan(inputs: Inputs, choice: EngineChoice): void {
  core.info(`Engines: ${choice.engines.map(e => e.name).join(', ')} (${choice.reason})`)
  core.info(`Credential: ${inputs.source.description}`)
  for (const engine of choice.engines) {
    const line = engine.describe?.()
    if (line) core.info(line)
  }
}

/** Each target's credential, then its logins. Registries are independent, so they run together. */
async function loginAll(targets: Target[], engines: readonly Engine[], journal: StateJournal, mask: Mask): Promise<Result[]> {
  const context = {mask, log: (line: string) => core.info(line)}
  const settled = await Promise.allSettled(
    targets.map(async target => {
      const credential = await obtainCredential(target, context)
      // The source has masked every form already; again here (maskOnce skips repeats) so that no source can forget.
      maskCredential(credential, mask)
      const summaries = await loginRegistry({
        credential,
        engines,
        journal,
        advice: kind => target.source.advice(kind),
        warn: line => core.warning(line)
      })
      return {credential, summaries}
    })
  )
  return settled.map((outcome, i): Result => {
    const target = targets[i]
    if (outcome.status === 'rejected') {
      const error = errorMessage(outcome.reason)
      core.info(`✗ ${target.registry.host}: ${error}`)
      return {target, error}
    }
    const {credential, summaries} = outcome.value
    const until = credential.expiresAt ? `, valid until ${credential.expiresAt}` : ''
    core.info(`✓ ${target.registry.host} as ${credential.username}: ${summaries.join(', ')}${until}`)
    return {target, credential, summaries}
  })
}

function setOutputs(results: Result[], engines: Record<EngineName, Engine>, choice: EngineChoice): void {
  const succeeded = results.flatMap(r => ('credential' in r ? [r.credential] : []))
  const first = succeeded[0]
  if (first) {
    core.setOutput(OUTPUT.registry, first.registry.host)
    core.setOutput(OUTPUT.username, first.username)
    core.setOutput(OUTPUT.ctrUser, `${first.username}:${first.password}`)
  }
  core.setOutput(OUTPUT.registries, JSON.stringify(succeeded.map(c => c.registry.host)))
  // Each engine's own outputs (containerd: hosts-dir), empty for the engines that configured nothing.
  for (const engine of Object.values(engines)) {
    const used = first !== undefined && choice.engines.includes(engine)
    for (const [name, value] of Object.entries(engine.outputs?.(used) ?? {})) core.setOutput(name, value)
  }
  // The soonest expiry: the time by which the job must be done with all of them.
  const expiries = succeeded.map(c => c.expiresAt).filter((t): t is string => t !== undefined).sort()
  core.setOutput(OUTPUT.expiresAt, expiries[0] ?? '')
}

function reportFailures(results: Result[]): void {
  const failures = results.flatMap(r => ('error' in r ? [r] : []))
  if (failures.length === 0) return
  if (results.length === 1) {
    core.setFailed(failures[0].error)
    return
  }
  const lines = failures.map(f => `- ${f.target.registry.host} (${f.target.region}): ${f.error}`)
  core.setFailed(
    `Login failed for ${failures.length} of ${results.length} registries; the others are logged in and the ` +
      `post step logs them out.\n${lines.join('\n')}`
  )
}
