import * as os from 'node:os'
import type {Engine, EngineContext, EngineName} from '../../../src/engines/engine.js'
import {chooseEngines, ENGINE_NAMES, ENGINES} from '../../../src/engines/index.js'
import {UserError} from '../../../src/errors.js'

/** What a fake engine finds on PATH, and what it says is missing. */
interface Probe {
  found: string[]
  missing?: string
  /** What autoReason() says: picked by auto for what is missing (docker-config). */
  picked?: string
}

/** An engine that only looks around: it answers from `probe` and counts the calls; anything else is a mistake. */
function fakeEngine(name: EngineName, tools: string[], probe: Probe): Engine & {detects: number; checks: number; picks: number} {
  const unused = (): never => {
    throw new Error(`${name}: only detect() and unusable() may be called by chooseEngines`)
  }
  return {
    name,
    place: 'hostsDir',
    tools,
    removal: `'${name} logout <registry>'`,
    detects: 0,
    checks: 0,
    picks: 0,
    async detect() {
      this.detects++
      return probe.found
    },
    async autoReason() {
      this.picks++
      return probe.picked
    },
    async unusable() {
      this.checks++
      return probe.missing
    },
    login: unused,
    undo: unused,
    owns: unused as unknown as Engine['owns'],
    label: unused
  }
}

const DOCKER_MISSING =
  "the docker CLI is not on PATH. Install Docker on the runner, or set 'engine: docker-config' (writes the Docker config file itself, for skopeo, podman, buildah, crane…) or 'engine: containerd'."

function engines(docker: Probe, containerd: Probe, dockerConfig: Probe = {found: []}, podman: Probe = nothing): Record<EngineName, ReturnType<typeof fakeEngine>> {
  return {
    docker: fakeEngine('docker', ['docker'], docker),
    containerd: fakeEngine('containerd', ['ctr', 'nerdctl', 'containerd'], containerd),
    'docker-config': fakeEngine('docker-config', [], dockerConfig),
    podman: fakeEngine('podman', ['podman', 'skopeo', 'buildah'], podman)
  }
}

const nothing: Probe = {found: []}
const NO_DOCKER = 'no docker CLI on PATH: writing the Docker config file'
const picked: Probe = {found: [], picked: NO_DOCKER}

const dockerFound: Probe = {found: ['docker']}
const dockerMissing: Probe = {found: [], missing: DOCKER_MISSING}

describe('chooseEngines: auto', () => {
  it.each<[string, Probe, Probe, EngineName[], string, Probe?]>([
    ['docker only', dockerFound, nothing, ['docker'], 'auto: found docker on PATH'],
    ['ctr only', dockerMissing, {found: ['ctr']}, ['containerd'], 'auto: found ctr on PATH'],
    ['nerdctl and containerd', dockerMissing, {found: ['nerdctl', 'containerd']}, ['containerd'], 'auto: found nerdctl, containerd on PATH'],
    ['both', dockerFound, {found: ['ctr']}, ['docker', 'containerd'], 'auto: found docker, ctr on PATH'],
    ['skopeo only', dockerMissing, nothing, ['podman'], 'auto: found skopeo on PATH', {found: ['skopeo']}],
    ['all three', dockerFound, {found: ['ctr']}, ['docker', 'containerd', 'podman'], 'auto: found docker, ctr, podman, buildah on PATH', {found: ['podman', 'buildah']}]
  ])('%s', async (_name, docker, containerd, chosen, reason, podman: Probe = nothing) => {
    const table = engines(docker, containerd, nothing, podman)
    const choice = await chooseEngines('auto', table)
    expect(choice.engines.map(e => e.name)).toEqual(chosen)
    expect(choice.engines[0]).toBe(table[chosen[0]])
    expect(choice.reason).toBe(reason)
    // Every engine looks for its tools; only those that found any are asked whether they can work.
    expect([table.docker.detects, table.containerd.detects]).toEqual([1, 1])
    expect([table.docker.checks, table.containerd.checks]).toEqual([docker.found.length > 0 ? 1 : 0, containerd.found.length > 0 ? 1 : 0])
  })

  it('an engine that found tools but cannot work is not chosen', async () => {
    const table = engines({found: ['docker'], missing: 'something else is missing'}, {found: ['ctr']})
    expect((await chooseEngines('auto', table)).engines).toEqual([table.containerd])
  })

  it('with nothing found, fails naming the input and every tool it looked for', async () => {
    const error = await chooseEngines('auto', engines(dockerMissing, nothing)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(
      "Input 'engine' is 'auto', and none of the tools it looks for is on PATH (docker: docker; containerd: ctr, nerdctl, containerd; " +
        "podman: podman, skopeo, buildah). Install one, or set 'engine' to docker, containerd, docker-config or podman explicitly."
    )
  })
})

describe('chooseEngines: auto and an engine picked by what is missing (docker-config)', () => {
  it.each<[string, Probe, Probe, Probe, EngineName[], string]>([
    ['no docker: docker-config alone', dockerMissing, nothing, picked, ['docker-config'], `auto: ${NO_DOCKER}`],
    ['no docker, ctr found: containerd and docker-config', dockerMissing, {found: ['ctr']}, picked, ['containerd', 'docker-config'], `auto: found ctr on PATH; ${NO_DOCKER}`],
    ['docker found: docker-config not picked', dockerFound, {found: ['ctr']}, nothing, ['docker', 'containerd'], 'auto: found docker, ctr on PATH']
  ])('%s', async (_name, docker, containerd, dockerConfig, chosen, reason) => {
    const table = engines(docker, containerd, dockerConfig)
    const choice = await chooseEngines('auto', table)
    expect(choice.engines.map(e => e.name)).toEqual(chosen)
    expect(choice.reason).toBe(reason)
    expect(table['docker-config'].picks).toBe(1)
    expect(table['docker-config'].checks).toBe(dockerConfig.picked === undefined ? 0 : 1)
  })

  it('an engine picked that cannot work is not chosen, and the message lists only engines that look for tools', async () => {
    const error = await chooseEngines('auto', engines(dockerMissing, nothing, {...picked, missing: 'broken'})).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(
      /^Input 'engine' is 'auto', and none of the tools it looks for is on PATH \(docker: docker; containerd: ctr, nerdctl, containerd; podman: podman, skopeo, buildah\)\./
    )
  })

  it('an explicit list never asks for the auto reason', async () => {
    const table = engines(dockerMissing, nothing, picked)
    expect((await chooseEngines(['docker-config'], table)).engines).toEqual([table['docker-config']])
    expect(table['docker-config'].picks).toBe(0)
  })
})

describe('chooseEngines: an engine the others already cover stays out', () => {
  function covering(table: ReturnType<typeof engines>): void {
    table.podman.coveredBy = others => (others.some(o => o.name === 'docker') ? 'the docker engine writes its file' : undefined)
  }
  it('auto: left out, and the log line says why', async () => {
    const table = engines(dockerFound, nothing, nothing, {found: ['podman']})
    covering(table)
    const choice = await chooseEngines('auto', table)
    expect(choice.engines).toEqual([table.docker])
    expect(choice.reason).toBe('auto: found docker, podman on PATH; podman left out: the docker engine writes its file')
  })
  it('an explicit list: the same', async () => {
    const table = engines(dockerFound, nothing, nothing, {found: ['podman']})
    covering(table)
    const choice = await chooseEngines(['docker', 'podman'], table)
    expect(choice.engines).toEqual([table.docker])
    expect(choice.reason).toBe(`as set by 'engine'; podman left out: the docker engine writes its file`)
  })
  it('kept when no other engine covers it', async () => {
    const table = engines(dockerMissing, {found: ['ctr']}, nothing, {found: ['podman']})
    covering(table)
    expect((await chooseEngines('auto', table)).engines).toEqual([table.containerd, table.podman])
  })
})

describe('chooseEngines: an explicit list', () => {
  it.each<[EngineName[], EngineName[]]>([
    [['docker'], ['docker']],
    [['containerd'], ['containerd']],
    [
      ['docker', 'containerd'],
      ['docker', 'containerd']
    ],
    // The table's order, not the input's: a registry's logins always run docker first.
    [
      ['containerd', 'docker'],
      ['docker', 'containerd']
    ]
  ])('%j → %j', async (requested, chosen) => {
    const table = engines(dockerFound, nothing)
    const choice = await chooseEngines(requested, table)
    expect(choice).toEqual({engines: chosen.map(name => table[name]), reason: "as set by 'engine'"})
  })

  it('asks only the engines named whether they can work, and looks for no tools', async () => {
    const table = engines(dockerFound, nothing)
    await chooseEngines(['docker'], table)
    expect([table.docker.checks, table.containerd.checks]).toEqual([1, 0])
    expect([table.docker.detects, table.containerd.detects]).toEqual([0, 0])
  })

  it('containerd asked for is taken even when none of its tools is on PATH', async () => {
    const table = engines(dockerMissing, nothing)
    expect((await chooseEngines(['containerd'], table)).engines).toEqual([table.containerd])
  })

  it.each<[EngineName[]]>([[['docker']], [['docker', 'containerd']], [['containerd', 'docker']]])(
    '%j with docker missing fails, naming the engine and what is missing',
    async requested => {
      const error = await chooseEngines(requested, engines(dockerMissing, {found: ['ctr']})).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UserError)
      expect((error as Error).message).toBe(`Input 'engine' asks for docker, but ${DOCKER_MISSING}`)
    }
  )

  it('names the first engine (in table order) that cannot work', async () => {
    const table = engines(dockerFound, {found: [], missing: 'no hosts directory'})
    await expect(chooseEngines(['containerd', 'docker'], table)).rejects.toThrow("Input 'engine' asks for containerd, but no hosts directory")
  })
})

describe('ENGINES and ENGINE_NAMES', () => {
  const context: EngineContext = {
    places: {hostsDir: '/etc/containerd/certs.d', dockerConfig: '/nonexistent/.docker', authFile: '/nonexistent/auth.json', tempDir: os.tmpdir()},
    run: 'a1b2c3d4e5f6a7b8c9d0e1f2',
    which: async () => '',
    env: {},
    log: () => undefined,
    warn: () => undefined
  }

  it('list the same engines, docker first (the order a registry logs in)', () => {
    expect(ENGINE_NAMES).toEqual(Object.keys(ENGINES))
    expect(ENGINE_NAMES).toEqual(['docker', 'containerd', 'docker-config', 'podman'])
  })

  it.each(ENGINE_NAMES)('the factory for %s makes an engine of that name', name => {
    const engine = ENGINES[name](context)
    expect(engine.name).toBe(name)
    // auto finds it by its tools, or picks it by what is missing.
    expect(engine.tools.length > 0 || engine.autoReason !== undefined).toBe(true)
  })
})
