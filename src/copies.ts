import {randomBytes} from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

// Copies of what the action replaces (a hosts.toml, a config.json login), kept for post to put back. They can hold
// someone's credentials, so they live in one private directory (0700) per process under RUNNER_TEMP, outside the
// workspace, each file 0600; post discards each after use, and the directory with the last one.

const dirs = new Map<string, string>()

function privateDir(env: NodeJS.ProcessEnv): string {
  const base = env.RUNNER_TEMP || os.tmpdir()
  let dir = dirs.get(base)
  if (dir === undefined || !fs.existsSync(dir)) {
    fs.mkdirSync(base, {recursive: true})
    dir = fs.mkdtempSync(path.join(base, 'cloud-registry-login-'))
    fs.chmodSync(dir, 0o700)
    dirs.set(base, dir)
  }
  return dir
}

/** Keeps `data` in a new private file named after `kind` (e.g. "hosts.toml"); returns its path. */
export function keepCopy(data: string | Buffer, kind: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = path.join(privateDir(env), `${randomBytes(6).toString('hex')}-${kind}`)
  fs.writeFileSync(file, data, {mode: 0o600})
  return file
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
