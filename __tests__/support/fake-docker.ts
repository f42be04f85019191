// A fake `docker` and fake `docker-credential-<name>` helpers for the docker engine's unit tests: small Node scripts
// (started by this very Node, so no root and no real Docker) that record every call under a directory of their own
// and answer as files there say.
import * as fs from 'node:fs'
import * as path from 'node:path'

/**
 * The fake docker. Each call is recorded in $FAKE_DOCKER_DIR/calls/<n>.json: argv, stdin, environment, the config.json
 * of the DOCKER_CONFIG it ran with and the entries of that directory, start and end times. It answers as
 * $FAKE_DOCKER_DIR/outcome.<n>.json says ({code, stderr, sleep, hang}, and {clobber: {file, text}} to write a file
 * as it starts: another program at work), else as $FAKE_DOCKER_DIR/outcome.json, else it
 * succeeds; `docker version` answers as daemon.json says ({hang: true} or {code}).
 */
const FAKE_DOCKER = `
const fs = require('node:fs'), path = require('node:path')
const dir = process.env.FAKE_DOCKER_DIR
const countFile = path.join(dir, 'count')
let n
for (;;) {
  // One number per call, even for calls at the same moment: whoever creates calls/<n>.lock owns n.
  n = (fs.existsSync(countFile) ? Number(fs.readFileSync(countFile, 'utf8')) : 0) + 1
  try { fs.mkdirSync(path.join(dir, 'calls', n + '.lock'), {recursive: false}); fs.writeFileSync(countFile, String(n)); break } catch {}
}
const args = process.argv.slice(2)
const config = process.env.DOCKER_CONFIG
const read = f => { try { return fs.readFileSync(f, 'utf8') } catch { return undefined } }
const record = {argv: args, env: process.env, start: Date.now(), configJson: read(path.join(config, 'config.json')),
  configEntries: fs.existsSync(config) ? fs.readdirSync(config).sort() : [],
  contextsLink: (() => { try { return fs.readlinkSync(path.join(config, 'contexts')) } catch { return undefined } })()}
const save = () => fs.writeFileSync(path.join(dir, 'calls', n + '.json'), JSON.stringify(record))
save()
const stdin = args[0] === 'login' ? fs.readFileSync(0, 'utf8') : undefined
record.stdin = stdin
save()
const outcome = args[0] === 'version'
  ? JSON.parse(read(path.join(dir, 'daemon.json')) ?? '{}')
  : JSON.parse(read(path.join(dir, 'outcome.' + n + '.json')) ?? read(path.join(dir, 'outcome.json')) ?? '{}')
if (outcome.clobber) fs.writeFileSync(outcome.clobber.file, outcome.clobber.text)
const finish = () => {
  record.end = Date.now()
  save()
  if (outcome.stderr) process.stderr.write(outcome.stderr)
  if (outcome.code) process.exit(outcome.code)
  if (args[0] === 'login') {
    // What docker does in the private directory: the login in its file.
    const file = path.join(config, 'config.json')
    const c = JSON.parse(read(file) ?? '{}')
    c.auths = c.auths || {}
    c.auths[args[4]] = {auth: Buffer.from(args[2] + ':' + stdin).toString('base64')}
    fs.writeFileSync(file, JSON.stringify(c))
    process.stdout.write('Login Succeeded\\n')
  }
  if (args[0] === 'version') process.stdout.write('28.2.2\\n')
}
if (outcome.hang) setInterval(() => undefined, 1000)
else if (outcome.sleep) setTimeout(finish, outcome.sleep)
else finish()
`

/**
 * A fake credential helper, speaking docker-credential-helpers' protocol over a JSON file of logins
 * ($FAKE_HELPER_DIR/<name>.store.json: {serverURL: {Username, Secret}}). Every call is appended to
 * $FAKE_HELPER_DIR/calls.log as "<name> <action> <stdin without the secret>". $FAKE_HELPER_DIR/<name>.fail.<action>.json
 * ({code, stdout, hang}) makes an action fail or hang.
 */
const FAKE_HELPER = `
const fs = require('node:fs'), path = require('node:path')
const dir = process.env.FAKE_HELPER_DIR
const name = path.basename(process.argv[1]).slice('docker-credential-'.length)
const action = process.argv[2]
const input = fs.readFileSync(0, 'utf8')
const storeFile = path.join(dir, name + '.store.json')
const store = fs.existsSync(storeFile) ? JSON.parse(fs.readFileSync(storeFile, 'utf8')) : {}
const logged = action === 'store' ? JSON.stringify({...JSON.parse(input), Secret: '(secret)'}) : input
fs.appendFileSync(path.join(dir, 'calls.log'), name + ' ' + action + ' ' + logged + '\\n')
const failFile = path.join(dir, name + '.fail.' + action + '.json')
const fail = fs.existsSync(failFile) ? JSON.parse(fs.readFileSync(failFile, 'utf8')) : undefined
// A side effect, then the action as usual: another program changing a file at that moment.
if (fail?.clobber) fs.writeFileSync(fail.clobber.file, fail.clobber.text)
if (fail?.hang) setInterval(() => undefined, 1000)
else if (fail && !fail.clobber) { process.stdout.write(fail.stdout ?? ''); process.stderr.write(fail.stderr ?? ''); process.exit(fail.code ?? 1) }
else if (action === 'get') {
  const login = store[input]
  if (!login) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1) }
  process.stdout.write(JSON.stringify({ServerURL: input, ...login}))
} else if (action === 'store') {
  const c = JSON.parse(input)
  store[c.ServerURL] = {Username: c.Username, Secret: c.Secret}
  fs.writeFileSync(storeFile, JSON.stringify(store))
} else if (action === 'erase') {
  if (!store[input]) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1) }
  delete store[input]
  fs.writeFileSync(storeFile, JSON.stringify(store))
} else { process.exit(2) }
`

function writeScript(file: string, body: string): string {
  fs.writeFileSync(file, `#!${process.execPath}\n${body}`, {mode: 0o755})
  return file
}

/** Puts the fake docker in `bin`; returns its path. */
export function installFakeDocker(bin: string): string {
  fs.mkdirSync(bin, {recursive: true})
  return writeScript(path.join(bin, 'docker'), FAKE_DOCKER)
}

/** Puts a fake docker-credential-<name> in `bin`; returns its path. */
export function installFakeHelper(bin: string, name: string): string {
  fs.mkdirSync(bin, {recursive: true})
  return writeScript(path.join(bin, `docker-credential-${name}`), FAKE_HELPER)
}

/** A `which` over one directory, as the engine's context gives it (the absolute path, or ''). */
export function whichIn(bin: string): (tool: string) => Promise<string> {
  return async tool => {
    const file = path.join(bin, tool)
    return fs.existsSync(file) ? file : ''
  }
}

export interface DockerCall {
  argv: string[]
  env: Record<string, string>
  stdin?: string
  start: number
  end?: number
  /** config.json in the DOCKER_CONFIG docker ran with, as text. */
  configJson?: string
  configEntries: string[]
  contextsLink?: string
}

/** The calls a fake tool recorded in `dir`/calls (one numbered JSON file each), in order. */
export function recordedCalls<C>(dir: string): C[] {
  const calls = path.join(dir, 'calls')
  if (!fs.existsSync(calls)) return []
  return fs
    .readdirSync(calls)
    .filter(f => f.endsWith('.json'))
    .sort((a, b) => parseInt(a) - parseInt(b))
    .map(f => JSON.parse(fs.readFileSync(path.join(calls, f), 'utf8')) as C)
}

/** The fake docker's calls, in order. */
export function dockerCalls(dir: string): DockerCall[] {
  return recordedCalls<DockerCall>(dir)
}

/** What the fake docker answers on its n-th call (or on every call, without n). */
export function dockerAnswers(
  dir: string,
  outcome: {code?: number; stderr?: string; sleep?: number; hang?: boolean; clobber?: {file: string; text: string}},
  n?: number
): void {
  fs.writeFileSync(path.join(dir, n === undefined ? 'outcome.json' : `outcome.${n}.json`), JSON.stringify(outcome))
}

/** The fake helpers' calls, one line each. */
export function helperCalls(dir: string): string[] {
  const file = path.join(dir, 'calls.log')
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(0, -1) : []
}

/** The logins the fake helper `name` holds. */
export function helperStore(dir: string, name: string): Record<string, {Username: string; Secret: string}> {
  const file = path.join(dir, `${name}.store.json`)
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, {Username: string; Secret: string}>) : {}
}

export function setHelperStore(dir: string, name: string, logins: Record<string, {Username: string; Secret: string}>): void {
  fs.writeFileSync(path.join(dir, `${name}.store.json`), JSON.stringify(logins))
}
