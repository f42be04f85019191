import {closeDockerConfigDir} from './config-dir/index.js'
import {RecordRefused, type Engine, type EngineName} from './engines/engine.js'
import {ENGINE_NAMES} from './engines/index.js'
import {ledgerDir, ownPlaces, PLACE_KINDS, placesFor, type EnginePlace, type Places} from './places.js'
import {errorMessage} from './errors.js'
import {PlaceError} from './trust.js'
import {Ledger} from './ledger.js'
import {defaultRuntime, openEngines, type Runtime} from './runtime.js'
import * as log from './log.js'
import {loadLoginState, type LoginState} from './state.js'

/**
 * Refused records each get a warning up to this many, then one line for the rest: a state stuffed with thousands of
 * forged records must not flood the log (each warning names the places, paths of up to 4 KB each).
 */
const REFUSALS_SHOWN = 3

/**
 * The longest post waits for the places' locks, all of them together: a lock held by a job at work is released within
 * seconds; one left by a process that is gone, or that names a holder that cannot be, is taken over at once (lock.ts).
 * Past this, post says what stays where and how to remove it, rather than hold the job's end for minutes.
 */
export const POST_LOCK_BUDGET_MS = 20_000

/**
 * The post step: undo exactly what main recorded, last change first, each on its own, so one failure does not keep
 * the others in place. Each engine checks that a record is its own, and within its places, before acting on it. It
 * never fails the job: whatever goes wrong becomes a warning.
 */
export async function post(runtime: Runtime = defaultRuntime()): Promise<void> {
  let state
  try {
    state = loadLoginState()
  } catch (error) {
    log.warning(
      `Could not read what the main step did (${errorMessage(error)}), so no credentials were removed. On a self-hosted ` +
        `runner, remove them by hand: ${byHand(runtime)}, and an isolated Docker config directory under RUNNER_TEMP.`
    )
    return
  }
  if (!state) {
    log.info('The main step stored no credentials: nothing to remove.')
    return
  }
  await undoRecords(state, runtime)
  // Last: the logins in it are off by now (a credential helper's among them, which outlive the directory).
  await closeDockerConfigDir(state, runtime.env)
}

/** Every record main saved, last first, in the places it may act in; or each released, with 'logout: false'. */
async function undoRecords(state: LoginState, runtime: Runtime): Promise<void> {
  if (state.records.length === 0) {
    log.info('The main step stored no credentials: nothing to remove.')
    return
  }
  const engines = openEngines(runtime, state.places, state.run, {deadline: {at: Date.now() + POST_LOCK_BUDGET_MS}})
  const records = [...state.records].reverse()
  const trusted = placeCheck(state.places, state.run, runtime.env, engines)
  if (!state.logout) {
    log.info(`'logout' is false: the credentials stay in place for later jobs on this runner.`)
    for (const {engine: name, record} of records) await releaseRecord(engines[name], record, trusted)
    return
  }

  await log.group('Removing the credentials the main step added', async () => {
    const refused: EngineName[] = []
    for (const {engine: name, record} of records) {
      const engine = engines[name]
      if ((await trusted(engine, record)) && !(await undoRecord(engine, record, state.places, refused.length < REFUSALS_SHOWN))) refused.push(name)
    }
    if (refused.length > REFUSALS_SHOWN) {
      const more = refused.slice(REFUSALS_SHOWN)
      const by = ENGINE_NAMES.map(name => [name, more.filter(n => n === name).length] as const).filter(([, n]) => n > 0)
      log.warning(
        `${more.length} more saved records (${by.map(([name, n]) => `${n} ${name}`).join(', ')}) are not ones this action ` +
          `writes, or point outside the places main used: they were left alone.`
      )
    }
  })
}

/** How the engines' logins come off by hand (each engine's own words), without repeats. */
function removals(engines: readonly Engine[]): string[] {
  return [...new Set(engines.map(engine => engine.removal))]
}

/**
 * How to take every engine's logins off by hand, with no state to go by: the engines, made for this environment's
 * places, say it. An environment where even those cannot be found (no home directory) gets the general advice.
 */
function byHand(runtime: Runtime): string {
  try {
    return removals(Object.values(openEngines(runtime, placesFor(undefined, runtime.env), 'unknown'))).join(', ')
  } catch {
    return "each engine's own logout for every registry the main step logged in to (its log names them)"
  }
}

/** Whether post may act on one record: in its engine's place, as the saved state names it. */
type PlaceTrust = (engine: Engine, record: unknown) => Promise<boolean>

/**
 * Which records post may act on. First, who controls the place now (trust.ts): one that another user can change is
 * refused with a warning, whatever the state says, since a ledger or a file there may have been planted since main.
 * Then whether main wrote there: the place post itself would use for this job (ownPlaces: by its own environment), or
 * one whose ledger holds a login of this very run (see ledger.ts); or, when that ledger is gone or damaged, a place that still holds exactly what the record
 * wrote (the engine's holds): post then takes exactly that off, and nothing else. Saved state that names any other
 * directory is not acted on: post would otherwise delete and write files wherever a changed state pointed. Each
 * refusal is one warning per place.
 */
function placeCheck(places: Places, run: string, env: NodeJS.ProcessEnv, engines: Record<EngineName, Engine>): PlaceTrust {
  const own = ownPlaces(env)
  const verdicts = new Map<EnginePlace, 'trusted' | 'refused' | 'unproven'>()
  const warned = new Set<EnginePlace>()
  const verdictOf = (engine: Engine): 'trusted' | 'refused' | 'unproven' => {
    const {place} = engine
    let verdict = verdicts.get(place)
    if (verdict !== undefined) return verdict
    const dir = places[place]
    try {
      engine.checkPlace?.()
      verdict = dir === own[place] || ledgerProves(place, places, run) ? 'trusted' : 'unproven'
    } catch (error) {
      const why = error instanceof PlaceError ? `${error.what}: ${error.refused.message}.` : errorMessage(error)
      const byHand = removals(Object.values(engines).filter(other => other.place === place))
      log.warning(
        `${why} Post left everything there as it is: what another user controls may have been planted since the main ` +
          `step, and is not to be written through. If this job logged in there, its logins stay until removed by hand ` +
          `(${byHand.join(' or ')}).`
      )
      verdict = 'refused'
    }
    // The same verdict for every engine of that place: they share it (two engines that write the Docker config, say).
    for (const other of Object.values(engines)) if (other.place === place) verdicts.set(place, verdict)
    return verdict
  }
  return async (engine, record) => {
    const verdict = verdictOf(engine)
    if (verdict !== 'unproven') return verdict === 'trusted'
    try {
      if (engine.owns(record) && (await engine.holds?.(record))) return true
    } catch {
      // cannot tell: left alone, as below
    }
    if (!warned.has(engine.place)) {
      warned.add(engine.place)
      log.warning(
        `The saved state says main wrote to ${places[engine.place]}, but no login of this run is recorded there, so nothing there was ` +
          `touched. That is expected when the post step runs a second time, or when another program has since replaced ` +
          `what this run wrote there; otherwise the saved state was changed.`
      )
    }
    return false
  }
}

/**
 * Whether a place's ledger holds a login of this run. A file's ledger is in the directory that holds it, and that
 * proves nothing when the directory is another place's (the Docker config's, the hosts directory's): a state naming a
 * file there would have post act, for the file's engine, on the other engines' slots.
 */
function ledgerProves(place: EnginePlace, places: Places, run: string): boolean {
  const dir = ledgerDir(place, places[place])
  if (PLACE_KINDS[place] === 'file') {
    const others = (Object.keys(PLACE_KINDS) as EnginePlace[]).filter(other => other !== place && PLACE_KINDS[other] === 'dir')
    if (others.some(other => places[other] === dir)) return false
  }
  return holdsRun(dir, run)
}

function holdsRun(dir: string, run: string): boolean {
  try {
    return new Ledger(dir).holds(run)
  } catch {
    return false // an unreadable ledger proves nothing
  }
}

/** Lets one record's change stay for good (logout: false), where the place is this run's; a failure is a warning. */
async function releaseRecord(engine: Engine, record: unknown, trusted: PlaceTrust): Promise<void> {
  try {
    if (engine.release && engine.owns(record) && (await trusted(engine, record))) await engine.release(record)
  } catch (error) {
    log.warning(`Could not note that the ${engine.name} login stays for later jobs: ${errorMessage(error)}`)
  }
}

/**
 * Undoes one record, on its own: whatever goes wrong is a warning, and the next record is still undone. Returns false
 * for a record its engine does not own (left alone, with a warning when `warn`).
 */
async function undoRecord(engine: Engine, record: unknown, places: Places, warn: boolean): Promise<boolean> {
  try {
    if (!engine.owns(record)) {
      if (warn) {
        log.warning(
          `A saved ${engine.name} record is not one this action writes, or points outside the places main used ` + `(${JSON.stringify(places)}): it was left alone.`
        )
      }
      return false
    }
    const {host, thing} = engine.label(record)
    try {
      log.info(`${host}: ${await engine.undo(record)}`)
    } catch (error) {
      // Say that it stays, where, and what removes it: a full disk or a held lock must not leave a silent credential.
      const remains = error instanceof RecordRefused ? undefined : engine.byHand?.(record)
      const why = errorMessage(error)
      log.warning(`${host}: could not remove ${thing}: ${why}${remains ? `${why.endsWith('.') ? '' : '.'} The credential ${remains}.` : ''}`)
    }
  } catch (error) {
    log.warning(`Could not undo a ${engine.name} record: ${errorMessage(error)}`)
  }
  return true
}
