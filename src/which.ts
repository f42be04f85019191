import * as fs from 'node:fs'
import {pathFor} from './platform.js'

// Where a tool is on PATH. Synchronous stat calls on purpose: a lookup walks a dozen directories, and every job asks
// for a few tools (docker; ctr, nerdctl, containerd for `engine: auto`; a credential helper), so the thread-pool round
// trip of an asynchronous stat per directory would add milliseconds to every step for nothing.

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false
    // Windows has no execute bit: the extension (one of PATHEXT, see pathCandidates) is what makes a program.
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The files `tool` may be, in the order they are tried: a path as it is; else each PATH directory in turn, and on
 * Windows each with every PATHEXT extension (the bare name only when it has an extension already, as cmd.exe does: a
 * file without one is no program Windows can start, such as the shell scripts Git for Windows puts on PATH).
 */
export function pathCandidates(tool: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[] {
  if (tool === '') return []
  const windows = platform === 'win32'
  const p = pathFor(platform)
  if (tool.includes('/') || (windows && tool.includes('\\'))) return [p.resolve(tool)]
  // A copy of the environment keeps Windows' own spelling, Path (process.env itself ignores case there).
  const dirs = (env.PATH ?? env.Path ?? '')
    .split(p.delimiter)
    // cmd.exe accepts a quoted PATH entry ("C:\Program Files\Docker"); the quotes are not part of the directory.
    .map(dir => (windows && /^".*"$/.test(dir) ? dir.slice(1, -1) : dir))
    .filter(dir => dir !== '')
  const extensions = windows ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(e => e !== '') : ['']
  if (windows && p.extname(tool) !== '') extensions.unshift('')
  return dirs.flatMap(dir => extensions.map(extension => p.resolve(dir, tool + extension)))
}

/** The absolute path of `tool` on PATH (with PATHEXT on Windows), or '' when there is none. */
export function findOnPath(tool: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return pathCandidates(tool, env, platform).find(file => isExecutable(file, platform)) ?? ''
}
