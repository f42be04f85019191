import * as fs from 'node:fs'
import * as path from 'node:path'

// Where a tool is on PATH. Synchronous stat calls on purpose: a lookup walks a dozen directories, and every job asks
// for a few tools (docker; ctr, nerdctl, containerd for `engine: auto`; a credential helper), so the thread-pool round
// trip of an asynchronous stat per directory would add milliseconds to every step for nothing.

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The absolute path of `tool` on PATH (with PATHEXT on Windows), or '' when there is none. */
export function findOnPath(tool: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (tool === '') return ''
  if (tool.includes('/') || (platform === 'win32' && tool.includes('\\'))) return isExecutable(tool, platform) ? path.resolve(tool) : ''
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(dir => dir !== '')
  const extensions = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(e => e !== '')] : ['']
  for (const dir of dirs) {
    for (const extension of extensions) {
      const file = path.resolve(dir, tool + extension)
      if (isExecutable(file, platform)) return file
    }
  }
  return ''
}
