import type {LoginCredential} from './credential.js'
import type {Engine, EngineName, Journal} from './engines/engine.js'
import {EngineFailure, type FailureKind} from './failure.js'
import {errorMessage, UserError} from './errors.js'
import {saveLoginState, type LoginState} from './state.js'

// Logging in to one registry: each engine in turn, with a stack of undos. All or nothing: when an engine fails, what
// the engines before it did for this registry is undone, whatever the engines are.

/** Keeps the saved state in step with the engines: saved again after every change, so post always knows what to undo. */
export class StateJournal {
  constructor(
    readonly state: LoginState,
    private readonly save: (state: LoginState) => void = saveLoginState
  ) {}

  /** The journal one engine writes its records to. */
  for(engine: EngineName): Journal<unknown> {
    return {
      add: record => {
        this.state.records.push({engine, record})
        this.save(this.state)
      },
      drop: record => {
        const at = this.state.records.findIndex(r => r.engine === engine && r.record === record)
        if (at >= 0) this.state.records.splice(at, 1)
        this.save(this.state)
      }
    }
  }
}

export interface RegistryLogin {
  credential: LoginCredential
  engines: readonly Engine[]
  journal: StateJournal
  /** The provider's advice for a kind of engine failure. */
  advice: (kind: FailureKind) => string | undefined
  warn: (line: string) => void
}

/**
 * Logs in to one registry with every engine, in order; returns each engine's summary for the log. When an engine
 * fails, the engines that already logged in are undone (last first), and the failure is thrown with the provider's
 * advice in it. An undo that fails is left in the state for post to try again.
 */
export async function loginRegistry({credential, engines, journal, advice, warn}: RegistryLogin): Promise<string[]> {
  const done: {engine: Engine; record: unknown}[] = []
  // What an engine checks first runs alongside the engines before it (a registry far away costs its round trips once).
  for (const engine of engines) engine.prepare?.(credential)
  try {
    const summaries: string[] = []
    for (const engine of engines) {
      const {record, summary} = await engine.login(credential, journal.for(engine.name))
      done.push({engine, record})
      summaries.push(summary)
    }
    return summaries
  } catch (error) {
    for (const {engine, record} of done.reverse()) {
      try {
        await engine.undo(record)
        journal.for(engine.name).drop(record)
      } catch (undoError) {
        const {host, thing} = engine.label(record)
        warn(`${host}: could not undo ${thing} (${errorMessage(undoError)}); the post step will try again.`)
      }
    }
    if (error instanceof EngineFailure) throw new UserError(error.withAdvice(advice(error.kind)))
    throw error
  }
}
