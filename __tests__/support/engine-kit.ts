// What the engine tests share: a context for an engine made in a temporary directory, a journal that remembers what it
// was told, a record as post reads it back, and writers for the files engines read (Docker's config.json, an auth
// file). Each engine test used to write its own copy of these; one copy keeps them alike, and a new engine's test
// starts from here.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type {EngineContext, Journal} from '../../src/engines/engine.js'
import type {Places} from '../../src/places.js'

/** Two runs of the action (two jobs sharing a runner): the ids their logins carry in the places' ledgers. */
export const RUN_A = 'a1b2c3d4e5f6a7b8c9d0e1f2'
export const RUN_B = 'b1b2c3d4e5f6a7b8c9d0e1f2'

/**
 * A fresh directory for each test, removed after it: call at the top of a file or a describe block, and read the
 * directory through the function it returns (it changes with every test).
 */
export function useTempDir(prefix: string): () => string {
  let dir = ''
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `crl-${prefix}-`))
  })
  afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))
  return () => dir
}

/** Every place inside `root`, none of them created: hosts directory, Docker config, auth file, runner temp. */
export function placesIn(root: string): Places {
  return {
    hostsDir: path.join(root, 'certs.d'),
    dockerConfig: path.join(root, 'docker'),
    authFile: path.join(root, 'containers', 'auth.json'),
    tempDir: path.join(root, 'temp')
  }
}

/** A context that keeps what the engine logs and warns, to read back. */
export type KitContext = EngineContext & {logs: string[]; warnings: string[]}

/**
 * The context an engine is made with in a test: run RUN_A, the places inside `root` (placesIn), nothing on PATH, no
 * environment, every log line and warning kept; `overrides` replace any of it (the places one by one).
 */
export function engineContext(root: string, overrides: Partial<Omit<EngineContext, 'places'>> & {places?: Partial<Places>} = {}): KitContext {
  const logs: string[] = []
  const warnings: string[] = []
  const {places, ...rest} = overrides
  return {
    run: RUN_A,
    which: async () => '',
    env: {},
    log: line => void logs.push(line),
    warn: line => void warnings.push(line),
    logs,
    warnings,
    ...rest,
    places: {...placesIn(root), ...places}
  }
}

/** A journal that remembers what it was told, in order (`events`), and which records stand noted now (`records`). */
export type RecordingJournal<R> = Journal<R> & {events: ['add' | 'drop', R][]; records: R[]}

/** A recording journal; `onAdd` hears how many records were added so far, each time one is (to act mid-login). */
export function recordingJournal<R>(onAdd?: (n: number) => void): RecordingJournal<R> {
  const events: ['add' | 'drop', R][] = []
  const records: R[] = []
  return {
    events,
    records,
    add: record => {
      events.push(['add', record])
      records.push(record)
      onAdd?.(events.filter(([event]) => event === 'add').length)
    },
    drop: record => {
      events.push(['drop', record])
      records.splice(records.indexOf(record), 1)
    }
  }
}

/** The message of unwritableJournal's failure. */
export const UNWRITABLE = 'GITHUB_STATE is not writable'

/** A journal that cannot note anything (the saved state's file is gone, say): add throws UNWRITABLE. */
export function unwritableJournal<R>(): Journal<R> {
  return {
    add: () => {
      throw new Error(UNWRITABLE)
    },
    drop: () => undefined
  }
}

/** What happened in a journal, without the records: ['add', 'drop', 'add']. */
export const journalOps = <R>(journal: RecordingJournal<R>): string[] => journal.events.map(([event]) => event)

/** A record as post gets it: through the saved state, as JSON. */
export const readBack = <R>(record: R): R => JSON.parse(JSON.stringify(record)) as R

/** Writes `content` to `file` (a string as it is, anything else as JSON), making its directory; returns the file. */
export function writeJson(file: string, content: unknown, mode?: number): string {
  fs.mkdirSync(path.dirname(file), {recursive: true})
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content), mode === undefined ? {} : {mode})
  return file
}

/** A JSON file read back. */
export const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>

/** Writes config.json in the Docker config directory `dir` (see writeJson); returns the file. */
export const writeDockerConfig = (dir: string, config: unknown): string => writeJson(path.join(dir, 'config.json'), config)

/** config.json in the Docker config directory `dir`, read back. */
export const readDockerConfigFile = (dir: string): Record<string, unknown> => readJson(path.join(dir, 'config.json'))

/** The permission bits of a file, with set-uid, set-gid and sticky. */
export const modeOf = (file: string): number => fs.statSync(file).mode & 0o7777

/** Base64 of a UTF-8 string: an `auths` entry's `auth`. */
export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

/** The error a promise rejects with; fails when it resolves or rejects with something that is not an Error. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.catch((e: unknown) => e)
  if (!(error instanceof Error)) throw new Error('expected a rejection with an Error')
  return error
}
