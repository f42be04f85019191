import {spawn} from 'node:child_process'

// Runs an external program (docker, a credential helper) with a deadline. A daemon that accepts the connection and
// never answers would otherwise hold the step until the job's own timeout, hours later.

export interface CommandOptions {
  env: Record<string, string>
  /** Written to the program's stdin, then stdin is closed (a password goes here, never in the arguments). */
  input?: string
  /** After this long the program is stopped (SIGTERM, then SIGKILL) and the result says it timed out. */
  timeoutMs: number
}

export interface CommandResult {
  /** The exit code; null when the program was stopped by a signal (the deadline's, or another). */
  exitCode: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}

/** Output kept per stream: a program that floods its output is cut there, not held in memory. */
const OUTPUT_CAP = 256 * 1024
const KILL_GRACE_MS = 2000
/** How long output is still read after the program has ended, when a child of its own keeps the pipes open. */
const DRAIN_MS = 500

/** Runs `file` with `args`; never throws for the program's own failure (the result says), only when it cannot start. */
export function runCommand(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    // windowsHide: no console window flashes up on a Windows runner with a desktop session.
    const child = spawn(file, args, {env: options.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true})
    const out = {stdout: '', stderr: ''}
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].setEncoding('utf8')
      child[name].on('data', (chunk: string) => {
        if (out[name].length < OUTPUT_CAP) out[name] += chunk.slice(0, OUTPUT_CAP - out[name].length)
      })
    }
    let timedOut = false
    let killer: NodeJS.Timeout | undefined
    // On Windows there are no signals: Node ends the process at once for either (TerminateProcess), and the second
    // kill finds it gone. Elsewhere SIGTERM lets it clean up first. Only the program itself is stopped, on every
    // platform; a child it started that holds the pipes open is cut off by the drain below.
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS)
    }, options.timeoutMs)
    // A program can end while a child of its own (a daemon that a credential helper starts) holds its output open,
    // for as long as that child lives: the answer is in by then, and waiting for the rest would outlast any deadline.
    let drain: NodeJS.Timeout | undefined
    child.on('exit', () => {
      drain = setTimeout(() => {
        child.stdout.destroy()
        child.stderr.destroy()
      }, DRAIN_MS)
    })
    child.on('error', error => {
      clearTimeout(timer)
      clearTimeout(killer)
      clearTimeout(drain)
      reject(error)
    })
    child.on('close', code => {
      clearTimeout(timer)
      clearTimeout(killer)
      clearTimeout(drain)
      resolve({exitCode: code, stdout: out.stdout, stderr: out.stderr, timedOut})
    })
    // A program that exits without reading its input closes the pipe: that is its answer, not our error.
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input ?? '')
  })
}
