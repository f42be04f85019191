import {jest} from '@jest/globals'
import * as path from 'node:path'
import type {EngineContext, EngineFactory, EngineName} from '../../src/engines/engine.js'
import {ENGINE_NAMES, ENGINES} from '../../src/engines/index.js'
import {PROVIDERS} from '../../src/providers/index.js'
import * as core from '../fixtures/core.js'
import {fakeEngine} from '../support/fakes.js'

jest.unstable_mockModule('@actions/core', () => core)
const {defaultRuntime, openEngines} = await import('../../src/runtime.js')

beforeEach(() => core.resetCore())

describe('defaultRuntime', () => {
  it('is the real world: the tables of providers and engines, and the process environment', () => {
    const runtime = defaultRuntime()
    expect(runtime.providers).toBe(PROVIDERS)
    expect(runtime.engines).toBe(ENGINES)
    expect(runtime.env).toBe(process.env)
    expect(runtime.retryPolicy).toBeUndefined()
  })

  it("finds a tool on PATH by its absolute path, and answers '' (not an error) for one that is not there", async () => {
    const {which} = defaultRuntime()
    const node = await which('node')
    expect(path.isAbsolute(node)).toBe(true)
    expect(path.basename(node)).toBe('node')
    await expect(which('no-such-tool-cloud-registry-login')).resolves.toBe('')
  })
})

describe('openEngines', () => {
  const places = {hostsDir: '/h/certs.d', dockerConfig: '/h/docker', authFile: '/h/containers/auth.json', tempDir: '/h/temp'}

  it('makes every engine with the places given and one context from the runtime', async () => {
    const contexts: Partial<Record<EngineName, EngineContext>> = {}
    const events: string[] = []
    const factory =
      (name: EngineName): EngineFactory =>
      context => {
        contexts[name] = context
        return fakeEngine(name, events)
      }
    const runtime = {
      env: {RUNNER_TEMP: '/elsewhere'},
      which: async (tool: string) => `/bin/${tool}`,
      providers: PROVIDERS,
      engines: {docker: factory('docker'), containerd: factory('containerd'), 'docker-config': factory('docker-config'), podman: factory('podman')},
      retryPolicy: {attempts: 1, baseDelayMs: 0, maxDelayMs: 0}
    }
    const engines = openEngines(runtime, places, 'a1b2c3d4e5f6a7b8c9d0e1f2')

    expect(Object.keys(engines).sort()).toEqual([...ENGINE_NAMES].sort())
    for (const name of ENGINE_NAMES) {
      expect(engines[name].name).toBe(name)
      const context = contexts[name] as EngineContext
      expect(context.places).toBe(places)
      expect(context.which).toBe(runtime.which)
      expect(context.env).toBe(runtime.env)
      expect(context.retryPolicy).toBe(runtime.retryPolicy)
    }
    // The engines' lines go to the log: log as info, warn as a warning.
    contexts.docker?.log('docker: logging in')
    contexts.containerd?.warn('containerd: odd file')
    expect(core.lines(core.info)).toEqual(['docker: logging in'])
    expect(core.lines(core.warning)).toEqual(['containerd: odd file'])
  })

  it('the real engine factories take the context it makes', () => {
    const engines = openEngines(defaultRuntime(), places, 'a1b2c3d4e5f6a7b8c9d0e1f2')
    expect(ENGINE_NAMES.map(name => engines[name].name)).toEqual(ENGINE_NAMES)
    expect(core.info).not.toHaveBeenCalled()
  })
})
