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

/**
 * The bytes of `file` (symlinks followed), read only when it is a regular file of at most `max` bytes; throws
 * FileRefused naming the file otherwise, and the file system's own error (ENOENT, EACCES…) when it cannot be opened.
 * Checked before opening (opening a FIFO would wait for a writer) and again on what was opened (O_NONBLOCK, so a path
 * swapped for a FIFO in between does not block either); never more than `max` bytes are read, however the file grows.
 */
export function readSmallFile(file: string, max = SMALL_FILE_MAX): Buffer {
  check(file, fs.statSync(file), max)
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0))
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
