import {chooseEngines} from '../../src/engines.js'
import {UserError} from '../../src/errors.js'

/** A `which` over a fixed PATH: the tools given are found under /usr/bin; it records what was asked. */
function pathWith(...tools: string[]): {which: (tool: string) => Promise<string>; asked: string[]} {
  const asked: string[] = []
  return {
    asked,
    which: async tool => {
      asked.push(tool)
      return tools.includes(tool) ? `/usr/bin/${tool}` : ''
    }
  }
}

describe('chooseEngines: auto', () => {
  it.each([
    [['docker'], ['docker'], '/usr/bin/docker', 'auto: found docker on PATH'],
    [['ctr'], ['containerd'], undefined, 'auto: found ctr on PATH'],
    [['nerdctl'], ['containerd'], undefined, 'auto: found nerdctl on PATH'],
    [['containerd'], ['containerd'], undefined, 'auto: found containerd on PATH'],
    [['docker', 'ctr'], ['docker', 'containerd'], '/usr/bin/docker', 'auto: found docker, ctr on PATH'],
    [['docker', 'containerd', 'ctr', 'nerdctl'], ['docker', 'containerd'], '/usr/bin/docker', 'auto: found docker, ctr, nerdctl, containerd on PATH'],
    [['nerdctl', 'ctr'], ['containerd'], undefined, 'auto: found ctr, nerdctl on PATH']
  ])('PATH with %j → %j', async (tools, engines, docker, reason) => {
    const {which} = pathWith(...tools)
    const choice = await chooseEngines('auto', which)
    expect(choice).toEqual({engines, docker, reason})
  })

  it('with nothing on PATH, fails naming the engine input', async () => {
    const {which, asked} = pathWith('podman')
    const error = await chooseEngines('auto', which).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(/^Input 'engine' is 'auto', and neither docker nor containerd/)
    expect(asked.sort()).toEqual(['containerd', 'ctr', 'docker', 'nerdctl'])
  })
})

describe('chooseEngines: explicit', () => {
  it('docker when docker is on PATH', async () => {
    expect(await chooseEngines(['docker'], pathWith('docker').which)).toEqual({
      engines: ['docker'],
      docker: '/usr/bin/docker',
      reason: "as set by 'engine'"
    })
  })

  it.each([[['docker']], [['docker', 'containerd']], [['containerd', 'docker']]])(
    '%j when docker is missing fails naming the engine input',
    async engines => {
      await expect(chooseEngines(engines as ('docker' | 'containerd')[], pathWith('ctr').which)).rejects.toThrow(
        /^Input 'engine' asks for docker, but the docker CLI is not on PATH/
      )
    }
  )

  it('containerd is taken as asked, without looking at PATH', async () => {
    const {which, asked} = pathWith()
    expect(await chooseEngines(['containerd'], which)).toEqual({
      engines: ['containerd'],
      docker: undefined,
      reason: "as set by 'engine'"
    })
    expect(asked).toEqual([])
  })

  it('docker and containerd, in the order given', async () => {
    expect(await chooseEngines(['containerd', 'docker'], pathWith('docker').which)).toEqual({
      engines: ['containerd', 'docker'],
      docker: '/usr/bin/docker',
      reason: "as set by 'engine'"
    })
  })
})
