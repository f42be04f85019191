import type {Engine, EngineFactory, EngineName} from './engines/engine.js'
import {ENGINE_NAMES, ENGINES} from './engines/index.js'
import type {Places} from './places.js'
import type {LockOptions} from './lock.js'
import * as log from './log.js'
import {PROVIDERS} from './providers/index.js'
import type {Provider, ProviderName} from './providers/provider.js'
import type {RetryPolicy} from './retry.js'
import {findOnPath} from './which.js'

/**
 * What main and post take from the world: the environment, PATH, and the tables of providers and engines. The action
 * uses the real ones; unit tests pass fakes of the provider and engine interfaces.
 */
export interface Runtime {
  env: NodeJS.ProcessEnv
  /** The absolute path of a tool on PATH, or '' when there is none. */
  which: (tool: string) => Promise<string>
  providers: Record<ProviderName, Provider>
  engines: Record<EngineName, EngineFactory>
  retryPolicy?: RetryPolicy
}

export function defaultRuntime(): Runtime {
  return {env: process.env, which: async tool => findOnPath(tool, process.env), providers: PROVIDERS, engines: ENGINES}
}

/** Every engine, made for this run with the places it may write to (and, for post, how long its locks may be waited on). */
export function openEngines(runtime: Runtime, places: Places, run: string, lock?: LockOptions): Record<EngineName, Engine> {
  const context = {
    places,
    run,
    which: runtime.which,
    env: runtime.env,
    log: (line: string) => log.info(line),
    warn: (line: string) => log.warning(line),
    retryPolicy: runtime.retryPolicy,
    ...(lock ? {lock} : {})
  }
  return Object.fromEntries(ENGINE_NAMES.map(name => [name, runtime.engines[name](context)])) as Record<EngineName, Engine>
}
