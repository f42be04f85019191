import {randomBytes} from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

/** Who should own a file written for someone else (root writing into a user's directory). */
export interface Owner {
  uid: number
  gid: number
}

/**
 * Writes `file` whole, so that a reader sees the old content or the new, never half of it: the data goes to a temporary
 * file beside it (same directory, so the rename stays on one file system), which is renamed over the real one. The
 * mode is set explicitly (the umask may have narrowed it); the owner is given back when root writes for someone else.
 * The temporary file is created exclusively ('wx'): a name planted there beforehand (a symlink to another file, in a
 * directory someone else can write) makes the write fail instead of writing through it. On any failure the temporary
 * file is removed and the real one is untouched.
 */
export function writeFileAtomic(file: string, data: string | Buffer, options: {mode: number; owner?: Owner}): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    fs.writeFileSync(tmp, data, {mode: options.mode, flag: 'wx'})
    fs.chmodSync(tmp, options.mode)
    const {owner} = options
    // No owners to give back on Windows (getuid is undefined there).
    if (owner && process.getuid && (owner.uid !== process.getuid() || owner.gid !== process.getgid?.())) {
      try {
        fs.chownSync(tmp, owner.uid, owner.gid)
      } catch {
        // Not root: the file stays ours. Only root can give it back, and only root could have replaced it anyway.
      }
    }
    fs.renameSync(tmp, file)
  } catch (error) {
    fs.rmSync(tmp, {force: true})
    throw error
  }
}
