// A fake `podman` (also installed as `skopeo` and `buildah`: the three take the same login arguments) for the podman
// engine's unit tests: a small Node script, started by this very Node, that records every call under a directory of its
// own and answers as files there say.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {recordedCalls} from './fake-docker.js'

/**
 * Each call is recorded in $FAKE_PODMAN_DIR/calls/<n>.json: the tool's name, argv, stdin and environment. It answers
 * as $FAKE_PODMAN_DIR/outcome.<n>.json says ({code, stderr, hang, entry}, and {clobber: {file, text}} to write a
 * file as it starts: another program at work), else as outcome.json, else it succeeds:
 * `login` then writes {auths: {<host>: {auth: base64(user:stdin)}}} (or `entry` instead) to the --authfile, as the
 * real tools do.
 */
const FAKE_PODMAN = `
const fs = require('node:fs'), path = require('node:path')
const dir = process.env.FAKE_PODMAN_DIR
const countFile = path.join(dir, 'count')
fs.mkdirSync(path.join(dir, 'calls'), {recursive: true})
let n
for (;;) {
  n = (fs.existsSync(countFile) ? Number(fs.readFileSync(countFile, 'utf8')) : 0) + 1
  try { fs.mkdirSync(path.join(dir, 'calls', n + '.lock'), {recursive: false}); fs.writeFileSync(countFile, String(n)); break } catch {}
}
const args = process.argv.slice(2)
const read = f => { try { return fs.readFileSync(f, 'utf8') } catch { return undefined } }
const stdin = fs.readFileSync(0, 'utf8')
const record = {tool: path.basename(process.argv[1]), argv: args, env: process.env, stdin}
fs.writeFileSync(path.join(dir, 'calls', n + '.json'), JSON.stringify(record))
const outcome = JSON.parse(read(path.join(dir, 'outcome.' + n + '.json')) ?? read(path.join(dir, 'outcome.json')) ?? '{}')
if (outcome.clobber) fs.writeFileSync(outcome.clobber.file, outcome.clobber.text)
if (outcome.hang) setInterval(() => undefined, 1000)
else {
  if (outcome.stderr) process.stderr.write(outcome.stderr)
  if (outcome.code) process.exit(outcome.code)
  const file = args[args.indexOf('--authfile') + 1]
  const user = args[args.indexOf('--username') + 1]
  const host = args[args.length - 1]
  const c = JSON.parse(read(file) ?? '{}')
  c.auths = c.auths || {}
  if (outcome.entry !== null) c.auths[host] = outcome.entry ?? {auth: Buffer.from(user + ':' + stdin).toString('base64')}
  fs.writeFileSync(file, JSON.stringify(c), {mode: 0o600})
  process.stdout.write('Login Succeeded!\\n')
}
`

/** Puts the fake as each of `tools` (podman, skopeo, buildah) in `bin`; returns `bin`. */
export function installFakePodman(bin: string, tools: readonly string[] = ['podman']): string {
  fs.mkdirSync(bin, {recursive: true})
  for (const tool of tools) fs.writeFileSync(path.join(bin, tool), `#!${process.execPath}\n${FAKE_PODMAN}`, {mode: 0o755})
  return bin
}

export interface PodmanCall {
  tool: string
  argv: string[]
  env: Record<string, string>
  stdin: string
}

/** The fake's calls, in order. */
export function podmanCalls(dir: string): PodmanCall[] {
  return recordedCalls<PodmanCall>(dir)
}

/** What the fake answers on its n-th call (or on every call, without n); `entry: null` writes no login at all. */
export function podmanAnswers(
  dir: string,
  outcome: {code?: number; stderr?: string; hang?: boolean; entry?: unknown; clobber?: {file: string; text: string}},
  n?: number
): void {
  fs.mkdirSync(path.join(dir, 'calls'), {recursive: true})
  fs.writeFileSync(path.join(dir, n === undefined ? 'outcome.json' : `outcome.${n}.json`), JSON.stringify(outcome))
}
