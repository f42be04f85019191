import * as os from 'node:os'
import * as path from 'node:path'

// The platform a path is built for. Functions that build paths take the platform as a parameter (process.platform by
// default) and the path functions from here, so that the unit tests, which run on Linux, can prove the Windows paths
// with path.win32 as well.

/** The path functions of `platform`: path.win32 on Windows, path.posix everywhere else. */
export function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix
}

/**
 * The user's home directory as the docker CLI finds it (docker/cli homedir.Get): USERPROFILE on Windows, HOME
 * elsewhere; the system's answer when that is unset.
 */
export function homeDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  return (platform === 'win32' ? env.USERPROFILE : env.HOME) || os.homedir()
}
