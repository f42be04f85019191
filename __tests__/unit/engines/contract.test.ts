// The engine contract (src/engines/engine.ts), asked of every engine in the table post and main use (ENGINES in
// src/engines/index.ts): what post relies on without knowing which engine it holds. Each engine runs in a temporary
// directory against a registry on loopback and fake tools (support/fake-docker.ts, fake-podman.ts). A new engine is
// covered by adding its fixture below: FIXTURES is a Record over EngineName, so without one this file does not compile.
import * as fs from 'node:fs'
import * as path from 'node:path'
import type {LoginCredential} from '../../../src/credential.js'
import type {Engine, EngineContext, EngineName, Journal} from '../../../src/engines/engine.js'
import {ENGINE_NAMES, ENGINES} from '../../../src/engines/index.js'
import type {Places} from '../../../src/places.js'
import {b64, engineContext, readBack, recordingJournal, RUN_A, RUN_B, UNWRITABLE, unwritableJournal, useTempDir} from '../../support/engine-kit.js'
import {installFakeDocker, whichIn} from '../../support/fake-docker.js'
import {installFakePodman} from '../../support/fake-podman.js'
import {LocalServer} from '../../support/local-server.js'

/** What an engine needs to work in `root`, and how to see from outside whether its place holds a login. */
interface Fixture {
  /**
   * Puts the engine's tools (fakes) in `root` and says where they are: the context the engine is made with, over the
   * kit's (engineContext). `tools` false: nothing on PATH, for what the engine says then.
   */
  context(root: string, tools: boolean): Partial<Omit<EngineContext, 'places'>> & {places?: Partial<Places>}
  /** Whether the engine's place now holds a login with exactly this credential, read as its readers read it. */
  holds(places: Places, credential: LoginCredential): boolean
}

const RETRY = {attempts: 3, baseDelayMs: 1, maxDelayMs: 1}

/** Whether the `auths` of a Docker-format file hold this credential in the file store. */
function authsHold(file: string, credential: LoginCredential): boolean {
  if (!fs.existsSync(file)) return false
  const auths = (JSON.parse(fs.readFileSync(file, 'utf8')) as {auths?: Record<string, {auth?: string}>}).auths
  return auths?.[credential.registry.host]?.auth === b64(`${credential.username}:${credential.password}`)
}

/** The docker CLI (fake) and credential helpers' directory, as the docker engine's own tests set them up. */
function dockerTools(root: string, tools: boolean): Partial<EngineContext> {
  const bin = path.join(root, 'bin')
  const fake = path.join(root, 'fake-docker')
  const helpers = path.join(root, 'helpers')
  fs.mkdirSync(path.join(fake, 'calls'), {recursive: true})
  fs.mkdirSync(helpers, {recursive: true})
  fs.mkdirSync(bin, {recursive: true})
  if (tools) installFakeDocker(bin)
  return {which: whichIn(bin), env: {PATH: process.env.PATH, FAKE_DOCKER_DIR: fake, FAKE_HELPER_DIR: helpers}, retryPolicy: RETRY}
}

const FIXTURES: Record<EngineName, Fixture> = {
  docker: {
    context: dockerTools,
    holds: (places, credential) => authsHold(path.join(places.dockerConfig, 'config.json'), credential)
  },
  containerd: {
    // Any of ctr, nerdctl and containerd shows containerd in use; the engine itself runs none of them.
    context(root, tools) {
      const bin = path.join(root, 'bin')
      fs.mkdirSync(bin, {recursive: true})
      if (tools) fs.writeFileSync(path.join(bin, 'ctr'), '', {mode: 0o755})
      return {which: whichIn(bin)}
    },
    holds(places, credential) {
      const file = path.join(places.hostsDir, credential.registry.host, 'hosts.toml')
      return fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(`Basic ${b64(`${credential.username}:${credential.password}`)}`)
    }
  },
  'docker-config': {
    // It writes the file itself, with or without a docker CLI; the fake docker only shows it where one is.
    context: dockerTools,
    holds: (places, credential) => authsHold(path.join(places.dockerConfig, 'config.json'), credential)
  },
  podman: {
    context(root, tools) {
      const bin = path.join(root, 'bin')
      const xdg = path.join(root, 'xdg')
      fs.mkdirSync(bin, {recursive: true})
      fs.mkdirSync(xdg, {recursive: true, mode: 0o700})
      if (tools) installFakePodman(bin)
      return {
        places: {authFile: path.join(xdg, 'containers', 'auth.json')},
        which: whichIn(bin),
        env: {PATH: process.env.PATH, FAKE_PODMAN_DIR: path.join(root, 'fake-podman'), XDG_RUNTIME_DIR: xdg},
        retryPolicy: RETRY
      }
    },
    holds: (places, credential) => authsHold(places.authFile, credential)
  }
}

let registry: LocalServer
beforeAll(async () => {
  registry = await LocalServer.start(() => ({status: 200}))
})
afterAll(() => registry.close())

const root = useTempDir('contract')

/** Our login, and another job's (another run of the action, another key) to the same registry. */
const ours = (): LoginCredential => ({registry: {scheme: 'http', host: `127.0.0.1:${registry.port}`}, username: 'user-ours', password: 'our-password-0123456789'})
const theirs = (): LoginCredential => ({...ours(), username: 'user-theirs', password: 'their-password-9876543210'})

/** Every file under `dir` with its bytes, for "nothing changed". */
function snapshot(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {}
  const files: Record<string, string> = {}
  for (const entry of fs.readdirSync(dir, {recursive: true, encoding: 'utf8'})) {
    const file = path.join(dir, entry)
    if (fs.statSync(file).isFile()) files[entry] = fs.readFileSync(file).toString('base64')
  }
  return files
}

describe.each(ENGINE_NAMES)('the %s engine keeps the engine contract', name => {
  const fixture = FIXTURES[name]
  let context: EngineContext
  const make = (overrides: Partial<EngineContext> = {}): Engine => ENGINES[name]({...context, ...overrides})
  /** The directory of the engine's place (the auth file's directory for a file). */
  const placeDir = (engine: Engine): string => (engine.place === 'authFile' ? path.dirname(context.places.authFile) : context.places[engine.place])

  beforeEach(() => {
    context = engineContext(root(), fixture.context(root(), true))
  })

  it('is the engine its name says, with a place, and wording for post: removal advice, a label, by-hand advice', async () => {
    const engine = make()
    expect(engine.name).toBe(name)
    expect(Object.keys(context.places)).toContain(engine.place)
    expect(engine.removal).toMatch(/\S/)
    expect(engine.describe?.() ?? 'none').toMatch(/\S/)
    const {record, summary} = await engine.login(ours(), recordingJournal())
    expect(summary).toMatch(/\S/)
    const label = engine.label(readBack(record))
    expect(label.host).toBe(ours().registry.host)
    expect(label.thing).toMatch(/\S/)
    expect(engine.byHand?.(readBack(record)) ?? 'none').toMatch(/\S/)
    await engine.undo(record)
  })

  it('answers detect and unusable: its tools found with them on PATH, nothing found (and an answer) without', async () => {
    const engine = make()
    const found = await engine.detect()
    expect(engine.tools).toEqual(expect.arrayContaining(found))
    if (engine.tools.length > 0) expect(found.length).toBeGreaterThan(0)
    expect(await engine.unusable()).toBeUndefined()

    const bare = ENGINES[name](engineContext(root(), fixture.context(path.join(root(), 'bare'), false)))
    expect(await bare.detect()).toEqual([])
    const unusable = await bare.unusable()
    expect(unusable === undefined || /\S/.test(unusable)).toBe(true)
  })

  it('notes its record before it changes anything: at the note, the place does not hold the login yet', async () => {
    const engine = make()
    const seen: boolean[] = []
    const journal: Journal<unknown> = {
      add: () => void seen.push(fixture.holds(context.places, ours())),
      drop: () => undefined
    }
    await engine.login(ours(), journal)
    expect(seen).not.toHaveLength(0)
    expect(seen[0]).toBe(false)
    expect(fixture.holds(context.places, ours())).toBe(true)
  })

  it('changes nothing when its record cannot be noted (the saved state is not writable)', async () => {
    const engine = make()
    const before = snapshot(placeDir(engine))
    await expect(engine.login(ours(), unwritableJournal())).rejects.toThrow(new Error(UNWRITABLE))
    expect(fixture.holds(context.places, ours())).toBe(false)
    expect(snapshot(placeDir(engine))).toEqual(before)
  })

  it('owns its record read back from the saved state, and nothing that is not a record', async () => {
    const engine = make()
    const {record} = await engine.login(ours(), recordingJournal())
    expect(engine.owns(readBack(record))).toBe(true)
    for (const junk of [null, undefined, 'record', 42, [], {}, {host: ours().registry.host}]) expect(engine.owns(junk)).toBe(false)
    await engine.undo(record)
  })

  it("undoes only its own run's login: another run's login to the same registry is left in place", async () => {
    const a = make({run: RUN_A})
    const b = make({run: RUN_B})
    const {record: mine} = await a.login(ours(), recordingJournal())
    const {record: other} = await b.login(theirs(), recordingJournal())
    await make({run: RUN_A}).undo(readBack(mine))
    expect(fixture.holds(context.places, theirs())).toBe(true)
    expect(fixture.holds(context.places, ours())).toBe(false)
    await make({run: RUN_B}).undo(readBack(other))
    expect(fixture.holds(context.places, theirs())).toBe(false)
  })

  it('undo takes the login off, and a second undo of the same record changes nothing', async () => {
    const {record} = await make().login(ours(), recordingJournal())
    expect(fixture.holds(context.places, ours())).toBe(true)
    // Its own proof without the ledger (holds, optional) agrees with what the place holds.
    expect((await make().holds?.(readBack(record))) ?? true).toBe(true)
    expect(await make().undo(readBack(record))).toMatch(/\S/)
    expect(fixture.holds(context.places, ours())).toBe(false)
    expect((await make().holds?.(readBack(record))) ?? false).toBe(false)
    const after = snapshot(placeDir(make()))
    expect(await make().undo(readBack(record))).toMatch(/\S/)
    expect(snapshot(placeDir(make()))).toEqual(after)
    // Nothing of the credential is left in the place, not even in post's bookkeeping (the ledger).
    const secret = b64(`${ours().username}:${ours().password}`)
    expect(Object.values(after).some(data => Buffer.from(data, 'base64').toString('utf8').includes(secret))).toBe(false)
  })
})
