import {jest} from '@jest/globals'
import type {LoginCredential} from '../../src/credential.js'
import {EngineFailure, type FailureKind} from '../../src/failure.js'
import {UserError} from '../../src/errors.js'
import {loginRegistry, StateJournal} from '../../src/login.js'
import type {LoginState} from '../../src/state.js'
import {engineFailure, FAILURE_KINDS, fakeEngine, type FakeEngineOptions} from '../support/fakes.js'

const HOST = 'registry.cn-north-4.example'
const CREDENTIAL: LoginCredential = {registry: {scheme: 'https', host: HOST}, username: 'user', password: 'secret'}
const PLACES = {hostsDir: '/runner/temp/containerd/certs.d', dockerConfig: '/runner/docker', authFile: '/runner/containers/auth.json', tempDir: '/runner/temp'}

/** A journal over an empty state, and every state it saved (copied at the time: the journal saves one object). */
function journal(): {journal: StateJournal; saved: LoginState[]} {
  const saved: LoginState[] = []
  const j = new StateJournal({logout: true, run: 'a1b2c3d4e5f6a7b8c9d0e1f2', places: PLACES, records: []}, state => saved.push(structuredClone(state)))
  return {journal: j, saved}
}

/** The hosts of a state's records, as "<engine>:<record's engine id>". */
const recordsOf = (state: LoginState): string[] => state.records.map(({engine, record}) => `${engine}:${(record as {fake: string}).fake}`)

describe('StateJournal', () => {
  it('saves the state after every add and every drop, with the record in it and then out of it', () => {
    const {journal: j, saved} = journal()
    const docker = {fake: 'docker', host: HOST}
    const containerd = {fake: 'containerd', host: HOST}
    j.for('docker').add(docker)
    j.for('containerd').add(containerd)
    j.for('docker').drop(docker)
    expect(saved.map(recordsOf)).toEqual([['docker:docker'], ['docker:docker', 'containerd:containerd'], ['containerd:containerd']])
    expect(j.state.records).toEqual([{engine: 'containerd', record: containerd}])
  })

  it.each([
    ['a record it never saw', 'docker', {fake: 'docker', host: 'elsewhere'}],
    ['an equal record that is another object', 'docker', {fake: 'docker', host: HOST}],
    ['the same record under another engine', 'containerd', 'same']
  ] as const)('dropping %s is harmless: nothing is removed', (_, engine, which) => {
    const {journal: j, saved} = journal()
    const record = {fake: 'docker', host: HOST}
    j.for('docker').add(record)
    expect(() => j.for(engine).drop(which === 'same' ? record : which)).not.toThrow()
    expect(j.state.records).toEqual([{engine: 'docker', record}])
    expect(saved.at(-1)?.records).toEqual([{engine: 'docker', record}])
  })
})

/** Engines over one event list; `options` per engine, in login order. */
function engines(...options: [name: 'docker' | 'containerd', FakeEngineOptions?][]) {
  const events: string[] = []
  return {events, engines: options.map(([name, opts]) => fakeEngine(name, events, opts))}
}

const ADVICE: Record<FailureKind, string | undefined> = {
  unauthorized: 'Check the key pair.',
  denied: 'Check the permissions.',
  blocked: 'Wait half an hour.',
  'not-found': "Check 'region'.",
  tls: 'The key may have been deleted.',
  other: undefined
}

function run(engineList: ReturnType<typeof engines>['engines'], j = journal()) {
  const warn = jest.fn<(line: string) => void>()
  const advice = jest.fn((kind: FailureKind) => ADVICE[kind])
  const login = loginRegistry({credential: CREDENTIAL, engines: engineList, journal: j.journal, advice, warn})
  return {login, warn, advice, ...j}
}

describe('loginRegistry', () => {
  it("starts every engine's prepare before the first login, so that their checks overlap the logins before them", async () => {
    const {events, engines: list} = engines(['docker'], ['containerd'])
    for (const engine of list) engine.prepare = credential => void events.push(`${engine.name} prepare ${credential.registry.host}`)
    await loginRegistry({credential: CREDENTIAL, engines: list, journal: journal().journal, advice: () => undefined, warn: () => undefined})
    expect(events.slice(0, 2)).toEqual([`docker prepare ${HOST}`, `containerd prepare ${HOST}`])
    expect(events.slice(2).some(e => e.includes('prepare'))).toBe(false)
  })

  it('logs in with every engine in order, each noting its record before its change, and returns their summaries', async () => {
    const {events, engines: list} = engines(['docker'], ['containerd'])
    const {login, warn, journal: j, saved} = run(list)
    await expect(login).resolves.toEqual(['docker logged in', 'containerd logged in'])
    expect(events).toEqual([
      `docker login ${HOST}`,
      `docker add ${HOST}`,
      `docker change ${HOST}`,
      `containerd login ${HOST}`,
      `containerd add ${HOST}`,
      `containerd change ${HOST}`
    ])
    expect(list.map(e => e.received)).toEqual([[CREDENTIAL], [CREDENTIAL]])
    expect(recordsOf(j.state)).toEqual(['docker:docker', 'containerd:containerd'])
    expect(saved).toHaveLength(2)
    expect(warn).not.toHaveBeenCalled()
  })

  describe('when an engine fails', () => {
    it.each(FAILURE_KINDS)('%s: undoes the engine before it, drops its record, and throws with the advice in the message', async kind => {
      const {events, engines: list} = engines(['docker'], ['containerd', {failLogin: {[HOST]: kind}}])
      const {login, warn, advice, journal: j, saved} = run(list)
      const expected = engineFailure(kind, HOST, 'containerd').withAdvice(ADVICE[kind])
      const error = await login.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UserError)
      expect((error as Error).message).toBe(expected)
      expect(advice).toHaveBeenCalledWith(kind)
      expect(events.slice(3)).toEqual([`containerd login ${HOST}`, `containerd add ${HOST}`, `containerd drop ${HOST}`, `docker undo ${HOST}`])
      expect(j.state.records).toEqual([])
      expect(saved.at(-1)?.records).toEqual([])
      expect(warn).not.toHaveBeenCalled()
    })

    it('composes statement, advice and detail, and leaves the advice out for a kind the provider has nothing for', async () => {
      const failure = new EngineFailure('unauthorized', `${HOST} rejected the credentials.`, 'docker: 401 Unauthorized')
      const {engines: list} = engines(['docker', {failLogin: {[HOST]: failure}}])
      await expect(run(list).login).rejects.toThrow(new UserError(`${HOST} rejected the credentials. Check the key pair. (docker: 401 Unauthorized)`))
      const other = new EngineFailure('other', `${HOST} is down.`, '')
      const {engines: list2} = engines(['docker', {failLogin: {[HOST]: other}}])
      await expect(run(list2).login).rejects.toThrow(new UserError(`${HOST} is down.`))
    })

    it('with three engines and the third failing, undoes the second, then the first', async () => {
      const {events, engines: list} = engines(['docker'], ['containerd'], ['docker', {id: 'docker#2', failLogin: {[HOST]: 'denied'}}])
      const {login, journal: j} = run(list)
      await expect(login).rejects.toThrow(engineFailure('denied', HOST, 'docker#2').withAdvice(ADVICE.denied))
      expect(events.filter(e => e.includes('undo'))).toEqual([`containerd undo ${HOST}`, `docker undo ${HOST}`])
      expect(j.state.records).toEqual([])
    })

    it('when the first engine fails there is nothing to undo', async () => {
      const {events, engines: list} = engines(['docker', {failLogin: {[HOST]: 'tls'}}], ['containerd'])
      const {login, warn} = run(list)
      await expect(login).rejects.toThrow(UserError)
      expect(events).toEqual([`docker login ${HOST}`, `docker add ${HOST}`, `docker drop ${HOST}`])
      expect(warn).not.toHaveBeenCalled()
    })

    it.each([
      ['a plain Error', new Error('spawn docker ENOENT')],
      ['a UserError that is not an EngineFailure', new UserError("Input 'hosts-dir' is not a directory")]
    ])('passes %s through unchanged, after the undo', async (_, error) => {
      const {events, engines: list} = engines(['docker'], ['containerd', {failLogin: {[HOST]: error}}])
      const {login, advice} = run(list)
      await expect(login).rejects.toBe(error)
      expect(advice).not.toHaveBeenCalled()
      expect(events.at(-1)).toBe(`docker undo ${HOST}`)
    })

    it('an undo that fails stays in the state for post, with a warning, and the login failure is still the error', async () => {
      const {events, engines: list} = engines(
        ['docker', {failUndo: {[HOST]: new Error('config.json is read-only')}}],
        ['containerd'],
        ['docker', {id: 'docker#2', failLogin: {[HOST]: 'blocked'}}]
      )
      const {login, warn, journal: j} = run(list)
      await expect(login).rejects.toThrow(engineFailure('blocked', HOST, 'docker#2').withAdvice(ADVICE.blocked))
      // The other undo still ran, and only its record left the state.
      expect(events.filter(e => e.includes('undo'))).toEqual([`containerd undo ${HOST}`, `docker undo ${HOST}`])
      expect(recordsOf(j.state)).toEqual(['docker:docker'])
      expect(warn.mock.calls).toEqual([[`${HOST}: could not undo the docker login (config.json is read-only); the post step will try again.`]])
    })
  })
})
