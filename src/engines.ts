import * as io from '@actions/io'
import {UserError} from './errors.js'
import type {Engine} from './inputs.js'

/** The engines to configure, and the docker CLI to run when docker is one of them. */
export interface EngineChoice {
  engines: Engine[]
  /** Absolute path of the docker CLI; set whenever `engines` includes docker. */
  docker?: string
  /** One line for the log: what was chosen and why. */
  reason: string
}

// Any of these on PATH means containerd is in use on this runner; hosts.toml serves all of them.
const CONTAINERD_TOOLS = ['ctr', 'nerdctl', 'containerd']

/** Resolves `engine` against what is on PATH. `which` is injectable for tests. */
export async function chooseEngines(
  requested: Engine[] | 'auto',
  which: (tool: string) => Promise<string> = tool => io.which(tool, false)
): Promise<EngineChoice> {
  if (requested !== 'auto') {
    let docker: string | undefined
    if (requested.includes('docker')) {
      docker = await which('docker')
      if (!docker) {
        throw new UserError(
          `Input 'engine' asks for docker, but the docker CLI is not on PATH. Install Docker on the runner, ` +
            `or set 'engine: containerd'.`
        )
      }
    }
    return {engines: requested, docker, reason: `as set by 'engine'`}
  }

  const [docker, ...containerdTools] = await Promise.all(['docker', ...CONTAINERD_TOOLS].map(tool => which(tool)))
  const containerdFound = CONTAINERD_TOOLS.filter((_, i) => containerdTools[i])
  const engines: Engine[] = []
  if (docker) engines.push('docker')
  if (containerdFound.length > 0) engines.push('containerd')
  if (engines.length === 0) {
    throw new UserError(
      `Input 'engine' is 'auto', and neither docker nor containerd (ctr, nerdctl, containerd) is on PATH. ` +
        `Install one, or set 'engine' to docker or containerd explicitly.`
    )
  }
  const found = [...(docker ? ['docker'] : []), ...containerdFound].join(', ')
  return {engines, docker: docker || undefined, reason: `auto: found ${found} on PATH`}
}
