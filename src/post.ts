import type {Engine, Places} from './engines/engine.js'
import {errorMessage} from './errors.js'
import * as log from './log.js'
import {defaultRuntime, openEngines, type Runtime} from './runtime.js'
import {loadLoginState} from './state.js'

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
        `runner, remove them by hand: 'docker logout <registry>', and the <registry>/hosts.toml files under 'hosts-dir'.`
    )
    return
  }
  if (!state || state.records.length === 0) {
    log.info('The main step stored no credentials: nothing to remove.')
    return
  }
  if (!state.logout) {
    log.info(`'logout' is false: the credentials stay in place for later jobs on this runner.`)
    return
  }
  const engines = openEngines(runtime, state.places)
  const records = [...state.records].reverse()

  await log.group('Removing the credentials the main step added', async () => {
    for (const {engine: name, record} of records) await undoRecord(engines[name], record, state.places)
  })
}

/** Undoes one record, on its own: whatever goes wrong is a warning, and the next record is still undone. */
async function undoRecord(engine: Engine, record: unknown, places: Places): Promise<void> {
  try {
    if (!engine.owns(record)) {
      log.warning(
        `A saved ${engine.name} record is not one this action writes, or points outside the places main used ` +
          `(${JSON.stringify(places)}): it was left alone.`
      )
      return
    }
    const {host, thing} = engine.label(record)
    try {
      log.info(`${host}: ${await engine.undo(record)}`)
    } catch (error) {
      log.warning(`${host}: could not remove ${thing}: ${errorMessage(error)}`)
    }
  } catch (error) {
    log.warning(`Could not undo a ${engine.name} record: ${errorMessage(error)}`)
  }
}
