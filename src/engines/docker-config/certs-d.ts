import * as fs from 'node:fs'
import * as path from 'node:path'
import {pathFor} from '../../platform.js'
import {readSmallFile} from '../../read-file.js'

// Where docker and the containers clients find a registry's CA (certs.d directories), read as a file at a path others
// control is read: what the docker-config engine's registry check trusts beside the system's CAs, so that it accepts
// the registries those clients would accept.

/** At most this many CA files are read from one certs.d directory of a host: a real one holds one or two. */
const CA_FILES_MAX = 16

/**
 * The certs.d directories where docker and the containers clients (podman, buildah, skopeo) look for a registry's CA:
 * `<dir>/<host[:port]>/*.crt`. The user's own (containers' rootless one) only for a user other than root, as they do.
 */
export function certsDirs(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, uid = process.getuid?.() ?? 0): string[] {
  const p = pathFor(platform)
  if (platform === 'win32') return env.ProgramData ? [p.join(env.ProgramData, 'docker', 'certs.d')] : []
  const dirs = uid !== 0 && env.HOME ? [p.join(env.HOME, '.config', 'containers', 'certs.d')] : []
  return [...dirs, '/etc/containers/certs.d', '/etc/docker/certs.d']
}

/**
 * The PEM text of the `*.crt` files under `<dir>/<host>/` of each certs.d directory. Each is read as any file at a path
 * others control is (read-file.ts: only a regular file, of a size a certificate can have); one that cannot be read is
 * skipped, as a directory that is not there (the clients would fail on it with their own message).
 */
export function certsDirCa(host: string, dirs: readonly string[]): string[] {
  // A registry host never holds a path separator; checked all the same, as it names a directory.
  if (host === '' || host.startsWith('.') || /[/\\]/.test(host)) return []
  return dirs.flatMap(dir => {
    const hostDir = path.join(dir, host)
    let names: string[]
    try {
      names = fs
        .readdirSync(hostDir)
        .filter(name => name.endsWith('.crt'))
        .sort()
        .slice(0, CA_FILES_MAX)
    } catch {
      return []
    }
    return names.flatMap(name => {
      try {
        return [readSmallFile(path.join(hostDir, name)).toString('utf8')]
      } catch {
        return []
      }
    })
  })
}
