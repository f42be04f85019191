import {randomBytes} from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

// Copies of what the action replaces (a hosts.toml, a config.json login), kept for post to put back. They can hold
// someone's credentials, so they live in one private directory (0700) per process under the temp directory given
// (RUNNER_TEMP: outside the workspace), each file 0600; post discards each after use, and the directory with the last.

const PREFIX = 'cloud-registry-login-'
const dirs = new Map<string, string>()

function privateDir(tempDir: string): string {
  let dir = dirs.get(tempDir)
  if (dir === undefined || !fs.existsSync(dir)) {
    fs.mkdirSync(tempDir, {recursive: true})
    dir = fs.mkdtempSync(path.join(tempDir, PREFIX))
    fs.chmodSync(dir, 0o700)
    dirs.set(tempDir, dir)
  }
  return dir
}

/** Keeps `data` in a new private file under `tempDir` named after `kind` (e.g. "hosts.toml"); returns its path. */
export function keepCopy(data: string | Buffer, kind: string, tempDir: string): string {
  const file = path.join(privateDir(tempDir), `${randomBytes(6).toString('hex')}-${kind}`)
  fs.writeFileSync(file, data, {mode: 0o600})
  return file
}

/**
 * Whether `file` is where keepCopy puts copies under `tempDir`: a file directly in one of our private directories.
 * Post reads and deletes copies named in saved state, so it checks first that the name points nowhere else.
 */
export function isOwnCopy(file: string, tempDir: string): boolean {
  if (!path.isAbsolute(file) || path.normalize(file) !== file) return false
  const dir = path.dirname(file)
  return path.dirname(dir) === path.resolve(tempDir) && path.basename(dir).startsWith(PREFIX) && path.basename(file) !== ''
}

/** Removes a copy, and its directory once that is empty (other copies may still be waiting in it). */
export function discardCopy(file: string): void {
  fs.rmSync(file, {force: true})
  try {
    fs.rmdirSync(path.dirname(file))
  } catch {
    // not empty, or already gone
  }
}
