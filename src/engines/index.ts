import {UserError} from '../errors.js'
import {containerdEngine} from './containerd/index.js'
import {dockerEngine} from './docker/index.js'
import {dockerConfigEngine} from './docker-config/index.js'
import type {Engine, EngineFactory, EngineName} from './engine.js'
import {podmanEngine} from './podman/index.js'

// The table of engines, apart from the interface they implement (./engine.ts), so that no engine imports the table
// that imports it; and the choice of the engines a run uses.

/** Every engine, by the name the `engine` input uses, in the order a registry's logins run. */
export const ENGINES: Record<EngineName, EngineFactory> = {
  docker: dockerEngine,
  containerd: containerdEngine,
  'docker-config': dockerConfigEngine,
  podman: podmanEngine
}

export const ENGINE_NAMES = Object.keys(ENGINES) as EngineName[]

/** The engines to use, and one line for the log on how they were chosen. */
export interface EngineChoice {
  engines: Engine[]
  reason: string
}

/** Resolves the `engine` input against what is on PATH. Throws UserError when an engine asked for cannot work here. */
export async function chooseEngines(requested: readonly EngineName[] | 'auto', engines: Record<EngineName, Engine>): Promise<EngineChoice> {
  if (requested !== 'auto') {
    const names = ENGINE_NAMES.filter(name => requested.includes(name))
    const reasons = await Promise.all(names.map(name => engines[name].unusable()))
    const at = reasons.findIndex(reason => reason !== undefined)
    if (at >= 0) throw new UserError(`Input 'engine' asks for ${names[at]}, but ${reasons[at]}`)
    return withoutCovered(
      names.map(name => engines[name]),
      `as set by 'engine'`
    )
  }
  const [found, picked] = await Promise.all([
    Promise.all(ENGINE_NAMES.map(name => engines[name].detect())),
    Promise.all(ENGINE_NAMES.map(name => engines[name].autoReason?.()))
  ])
  const detected = ENGINE_NAMES.filter((_, i) => (found[i] ?? []).length > 0 || picked[i] !== undefined)
  const reasons = await Promise.all(detected.map(name => engines[name].unusable()))
  const chosen = detected.filter((_, i) => reasons[i] === undefined)
  if (chosen.length === 0) {
    const looked = ENGINE_NAMES.filter(name => engines[name].tools.length > 0)
      .map(name => `${name}: ${engines[name].tools.join(', ')}`)
      .join('; ')
    throw new UserError(
      `Input 'engine' is 'auto', and none of the tools it looks for is on PATH (${looked}). ` +
        `Install one, or set 'engine' to ${ENGINE_NAMES.slice(0, -1).join(', ')} or ${ENGINE_NAMES[ENGINE_NAMES.length - 1]} explicitly.`
    )
  }
  const tools = chosen.flatMap(name => found[ENGINE_NAMES.indexOf(name)])
  const why = [...(tools.length > 0 ? [`found ${tools.join(', ')} on PATH`] : []), ...chosen.flatMap(name => picked[ENGINE_NAMES.indexOf(name)] ?? [])]
  return withoutCovered(
    chosen.map(name => engines[name]),
    `auto: ${why.join('; ')}`
  )
}

/** The engines chosen, less those the others already cover (each with its reason added to the log line). */
function withoutCovered(chosen: readonly Engine[], reason: string): EngineChoice {
  const kept: Engine[] = []
  const left: string[] = []
  for (const engine of chosen) {
    const covered = engine.coveredBy?.(chosen.filter(other => other !== engine && !left.includes(other.name)))
    if (covered === undefined) kept.push(engine)
    else left.push(`${engine.name} left out: ${covered}`)
  }
  return {engines: kept, reason: [reason, ...left].join('; ')}
}
