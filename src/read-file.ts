import * as fs from 'node:fs'

// Files the action reads at a path the user (or the runner's setup) controls: a Docker config, a CA certificate, a
// hosts.toml. A FIFO there would block the step for good, and /dev/zero or a huge file would fill the memory, so each
// is read only when it is a regular file of a size a config can have.

/** The most a config file or certificate the action reads may hold: far above any real one. */
export const SMALL_FILE_MAX = 4 * 1024 * 1024

/** A file refused before it was read: `reason` says why ("is a FIFO, not a regular file"), to follow its name. */
export class FileRefused extends Error {
  constructor(
    readonly file: string,
    readonly reason: string
  ) {
    super(`${file} ${reason}`)
    this.name = 'FileRefused'
  }
}

function kind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory'
  if (stat.isFIFO()) return 'a FIFO'
  if (stat.isCharacterDevice()) return 'a character device'
  if (stat.isSocket()) return 'a socket'
  return 'a block device'
}

function check(file: string, stat: fs.Stats, max: number): void {
  if (!stat.isFile()) throw new FileRefused(file, `is ${kind(stat)}, not a regular file`)
  if (stat.size > max) throw new FileRefused(file, `is larger than ${max} bytes (it has ${stat.size})`)
}

export interface ReadOptions {
  /** The most bytes the file may hold. */
  max?: number
  /**
   * Refuse a symlink instead of following it (O_NOFOLLOW where the platform has it): for the action's own files (a
   * ledger, a lock), which it never makes links.
   */
  noFollow?: boolean
}

/**
 * The bytes of `file` (symlinks followed unless `noFollow`), read only when it is a regular file of at most `max` bytes;
 * throws FileRefused naming the file otherwise, and the file system's own error (ENOENT, EACCES…) when it cannot be
 * opened. Checked before opening (opening a FIFO would wait for a writer) and again on what was opened (O_NONBLOCK, so
 * a path swapped for a FIFO in between does not block either); never more than `max` bytes are read, however the file
 * grows.
 */
export function readSmallFile(file: string, options: number | ReadOptions = {}): Buffer {
  const {max = SMALL_FILE_MAX, noFollow = false} = typeof options === 'number' ? {max: options} : options
  const before = noFollow ? fs.lstatSync(file) : fs.statSync(file)
  if (noFollow && before.isSymbolicLink()) throw new FileRefused(file, 'is a symbolic link, not a regular file')
  check(file, before, max)
  let fd: number
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (noFollow ? (fs.constants.O_NOFOLLOW ?? 0) : 0))
  } catch (error) {
    // A link swapped in since the check: O_NOFOLLOW refuses it (ELOOP).
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new FileRefused(file, 'is a symbolic link, not a regular file')
    throw error
  }
  try {
    check(file, fs.fstatSync(fd), max)
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      // Up to one byte more than allowed, to see a file that grew after the check.
      const chunk = Buffer.alloc(Math.min(64 * 1024, max + 1 - total))
      const n = fs.readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) break
      chunks.push(chunk.subarray(0, n))
      total += n
      if (total > max) throw new FileRefused(file, `is larger than ${max} bytes`)
    }
    return Buffer.concat(chunks, total)
  } finally {
    fs.closeSync(fd)
  }
}
