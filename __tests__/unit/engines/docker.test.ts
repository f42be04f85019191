import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type {LoginCredential} from '../../../src/credential.js'
import {
  dockerConfigDir,
  dockerEngine,
  dockerEnv,
  existingLogin,
  restoreLogin,
  serialQueue,
  type DockerLogin
} from '../../../src/engines/docker.js'
import type {EngineContext, Journal} from '../../../src/engines/engine.js'
import {EngineFailure} from '../../../src/engines/failure.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const OTHER = 'registry.example.com:5000'
const mode = (p: string): number => fs.statSync(p).mode & 0o7777
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

/** A directory for one test, removed after it. */
function tempDirs(prefix: string): () => string {
  let dir = ''
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  })
  afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))
  return () => dir
}

function writeConfig(configDir: string, config: unknown): string {
  fs.mkdirSync(configDir, {recursive: true})
  const file = path.join(configDir, 'config.json')
  fs.writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config))
  return file
}

const readConfig = (configDir: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')) as Record<string, unknown>

describe('dockerConfigDir', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['DOCKER_CONFIG set', {DOCKER_CONFIG: '/opt/docker-config'}, '/opt/docker-config'],
    ['DOCKER_CONFIG empty', {DOCKER_CONFIG: ''}, path.join(os.homedir(), '.docker')],
    ['DOCKER_CONFIG unset', {}, path.join(os.homedir(), '.docker')]
  ])('%s', (_name, env, expected) => {
    expect(dockerConfigDir(env)).toBe(expected)
  })
})

describe('dockerEnv', () => {
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/bin:/bin',
    HOME: '/home/runner',
    DOCKER_HOST: 'unix:///run/docker.sock',
    HTTPS_PROXY: 'http://proxy:3128',
    DOCKER_CONFIG: '/somewhere/else',
    INPUT_ACCESS_KEY_SECRET: 'the-secret-key',
    'INPUT_ACCESS-KEY-ID': 'AKID',
    STATE_login: '{"logout":true}',
    STATE_isPost: 'true',
    ACTIONS_RUNTIME_TOKEN: 'runtime-token',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example',
    GITHUB_STATE: '/runner/_temp/_runner_file_commands/save_state_1',
    GITHUB_ENV: '/runner/_temp/_runner_file_commands/set_env_1',
    GITHUB_OUTPUT: '/runner/_temp/_runner_file_commands/set_output_1',
    GITHUB_PATH: '/runner/_temp/_runner_file_commands/add_path_1',
    GITHUB_STEP_SUMMARY: '/runner/_temp/_runner_file_commands/step_summary_1',
    GITHUB_WORKSPACE: '/home/runner/work/repo',
    GITHUB_TOKEN_LIKE_INPUT: 'kept: only the names listed are dropped',
    UNSET: undefined
  }

  it("drops the inputs, the saved state, the runner's tokens and file commands; keeps the rest; pins DOCKER_CONFIG", () => {
    expect(dockerEnv('/home/runner/.docker', env)).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      DOCKER_HOST: 'unix:///run/docker.sock',
      HTTPS_PROXY: 'http://proxy:3128',
      DOCKER_CONFIG: '/home/runner/.docker',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example',
      GITHUB_WORKSPACE: '/home/runner/work/repo',
      GITHUB_TOKEN_LIKE_INPUT: 'kept: only the names listed are dropped'
    })
  })

  it('sets DOCKER_CONFIG when the environment has none, and does not change the environment given', () => {
    const given = {PATH: '/bin'}
    expect(dockerEnv('/cfg', given)).toEqual({PATH: '/bin', DOCKER_CONFIG: '/cfg'})
    expect(given).toEqual({PATH: '/bin'})
  })
})

/** A promise with its resolve in hand. */
function deferred<T = void>(): {promise: Promise<T>; resolve: (value: T) => void} {
  let resolve!: (value: T) => void
  const promise = new Promise<T>(res => {
    resolve = res
  })
  return {promise, resolve}
}

/** Lets every pending promise callback run. */
const settle = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

describe('serialQueue', () => {
  it('runs tasks one at a time, in call order', async () => {
    const queue = serialQueue()
    const events: string[] = []
    const gates = [deferred(), deferred(), deferred()]
    const results = gates.map((gate, i) =>
      queue(async () => {
        events.push(`start ${i}`)
        await gate.promise
        events.push(`end ${i}`)
        return i * 10
      })
    )
    await settle()
    expect(events).toEqual(['start 0'])

    // Finishing out of order changes nothing: task 2 waits for task 1.
    gates[2].resolve()
    await settle()
    expect(events).toEqual(['start 0'])

    gates[0].resolve()
    await settle()
    expect(events).toEqual(['start 0', 'end 0', 'start 1'])

    gates[1].resolve()
    await expect(Promise.all(results)).resolves.toEqual([0, 10, 20])
    expect(events).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2'])
  })

  it('goes on after a task rejects, and the rejection reaches only its own caller', async () => {
    const queue = serialQueue()
    const events: string[] = []
    const failure = new Error('docker login failed')
    const first = queue(async () => {
      events.push('first')
      throw failure
    })
    const second = queue(async () => {
      events.push('second')
      return 'second ok'
    })
    const third = queue(async () => {
      events.push('third')
      throw 'string rejection'
    })
    const fourth = queue(async () => {
      events.push('fourth')
      return 4
    })

    await expect(first).rejects.toBe(failure)
    await expect(second).resolves.toBe('second ok')
    await expect(third).rejects.toBe('string rejection')
    await expect(fourth).resolves.toBe(4)
    expect(events).toEqual(['first', 'second', 'third', 'fourth'])
  })

  it('does not start the next task while a rejected one is still settling', async () => {
    const queue = serialQueue()
    const events: string[] = []
    const gate = deferred()
    const first = queue(async () => {
      events.push('start 1')
      await gate.promise
      events.push('end 1')
      throw new Error('late failure')
    })
    const second = queue(async () => {
      events.push('start 2')
    })
    await settle()
    expect(events).toEqual(['start 1'])
    gate.resolve()
    await expect(first).rejects.toThrow('late failure')
    await second
    expect(events).toEqual(['start 1', 'end 1', 'start 2'])
  })

  it('a task that throws synchronously is a rejection, not a crash of the queue', async () => {
    const queue = serialQueue()
    const bad = queue((() => {
      throw new Error('sync')
    }) as () => Promise<never>)
    const good = queue(async () => 'after')
    await expect(bad).rejects.toThrow('sync')
    await expect(good).resolves.toBe('after')
  })

  it('separate queues do not wait for each other', async () => {
    const a = serialQueue()
    const b = serialQueue()
    const gate = deferred()
    const events: string[] = []
    const blocked = a(async () => {
      await gate.promise
      events.push('a')
    })
    await b(async () => void events.push('b'))
    expect(events).toEqual(['b'])
    gate.resolve()
    await blocked
    expect(events).toEqual(['b', 'a'])
  })
})

describe('existingLogin', () => {
  const dir = tempDirs('crl-docker-config-')
  const entry = {auth: b64('user:old-password')}

  it('no config.json (nor its directory) → none', () => {
    expect(existingLogin(HOST, path.join(dir(), 'missing'))).toEqual({stored: 'none'})
  })

  it.each<[string, unknown, ReturnType<typeof existingLogin>]>([
    ['an auths entry with auth', {auths: {[HOST]: entry}}, {stored: 'file', entry}],
    ['an auths entry with an identity token', {auths: {[HOST]: {identitytoken: 'tok'}}}, {stored: 'file', entry: {identitytoken: 'tok'}}],
    ['an entry with other fields kept whole', {auths: {[HOST]: {auth: 'x', email: 'a@b'}}}, {stored: 'file', entry: {auth: 'x', email: 'a@b'}}],
    ['an empty entry (no secret in the file)', {auths: {[HOST]: {}}}, {stored: 'none'}],
    ['an entry that is not an object', {auths: {[HOST]: 'x'}}, {stored: 'none'}],
    ['an entry for another registry only', {auths: {[OTHER]: entry}}, {stored: 'none'}],
    ['no auths', {psFormat: 'table'}, {stored: 'none'}],
    ['credsStore and an entry (the entry is a marker)', {credsStore: 'desktop', auths: {[HOST]: {}}}, {stored: 'elsewhere'}],
    ['credsStore and an entry with a secret', {credsStore: 'pass', auths: {[HOST]: entry}}, {stored: 'elsewhere'}],
    ['credHelpers for the host and an entry', {credHelpers: {[HOST]: 'ecr-login'}, auths: {[HOST]: {}}}, {stored: 'elsewhere'}],
    ['credsStore, no entry for the host', {credsStore: 'desktop', auths: {[OTHER]: {}}}, {stored: 'none'}],
    ['credHelpers for another host, the entry in the file', {credHelpers: {[OTHER]: 'gcr'}, auths: {[HOST]: entry}}, {stored: 'file', entry}],
    ['not JSON', '{"auths": {', {stored: 'none'}],
    ['a JSON array', '[]', {stored: 'none'}],
    ['JSON null', 'null', {stored: 'none'}]
  ])('%s', (_name, config, expected) => {
    writeConfig(dir(), config)
    expect(existingLogin(HOST, dir())).toEqual(expected)
  })

  it('config.json that cannot be read (a directory) → none: docker login will say what is wrong', () => {
    fs.mkdirSync(path.join(dir(), 'config.json'))
    expect(existingLogin(HOST, dir())).toEqual({stored: 'none'})
  })
})

describe('restoreLogin', () => {
  const dir = tempDirs('crl-docker-config-')
  const entry = {auth: b64('user:old-password')}

  it('merges the entry into config.json, keeping every other key and entry', () => {
    writeConfig(dir(), {auths: {[OTHER]: {auth: 'b3RoZXI='}}, credHelpers: {'gcr.io': 'gcloud'}, psFormat: 'table', experimental: 'enabled'})
    restoreLogin(HOST, entry, dir())
    expect(readConfig(dir())).toEqual({
      auths: {[OTHER]: {auth: 'b3RoZXI='}, [HOST]: entry},
      credHelpers: {'gcr.io': 'gcloud'},
      psFormat: 'table',
      experimental: 'enabled'
    })
  })

  it('replaces what is there for the host', () => {
    writeConfig(dir(), {auths: {[HOST]: {auth: 'bmV3'}}})
    restoreLogin(HOST, entry, dir())
    expect(readConfig(dir())).toEqual({auths: {[HOST]: entry}})
  })

  it('creates config.json (and its directory) when docker logout left none', () => {
    const configDir = path.join(dir(), 'new', '.docker')
    restoreLogin(HOST, entry, configDir)
    expect(readConfig(configDir)).toEqual({auths: {[HOST]: entry}})
    expect(mode(configDir)).toBe(0o700)
  })

  it('writes the file 0600, through a rename (a new inode, no temporary file left)', () => {
    const file = writeConfig(dir(), {auths: {}})
    fs.chmodSync(file, 0o644)
    const before = fs.statSync(file).ino
    restoreLogin(HOST, entry, dir())
    expect(mode(file)).toBe(0o600)
    expect(fs.statSync(file).ino).not.toBe(before)
    expect(fs.readdirSync(dir())).toEqual(['config.json'])
    expect(fs.readFileSync(file, 'utf8').endsWith('}\n')).toBe(true)
  })

  it('follows a symlinked config.json: the target changes, the link stays', () => {
    const dotfiles = path.join(dir(), 'dotfiles')
    const target = writeConfig(dotfiles, {auths: {}, psFormat: 'table'})
    const configDir = path.join(dir(), '.docker')
    fs.mkdirSync(configDir)
    fs.symlinkSync(target, path.join(configDir, 'config.json'))

    restoreLogin(HOST, entry, configDir)
    expect(fs.lstatSync(path.join(configDir, 'config.json')).isSymbolicLink()).toBe(true)
    expect(readConfig(dotfiles)).toEqual({auths: {[HOST]: entry}, psFormat: 'table'})
    expect(fs.readdirSync(configDir)).toEqual(['config.json'])
  })

  it.each([
    ['not JSON', '{"auths": {', /JSON/],
    ['a JSON array', '[1]', /is not a JSON object/],
    ['JSON null', 'null', /is not a JSON object/]
  ])('refuses to replace a config.json it cannot parse (%s)', (_name, text, error) => {
    const file = writeConfig(dir(), text)
    expect(() => restoreLogin(HOST, entry, dir())).toThrow(error)
    expect(fs.readFileSync(file, 'utf8')).toBe(text)
    expect(fs.readdirSync(dir())).toEqual(['config.json'])
  })
})

// ---------------------------------------------------------------------------------------------------------------------
// The engine, with a fake docker: a shell script that records each call (argv, stdin, environment, and the journal as
// it was when docker ran) under $FAKE_DOCKER_DIR/calls/<n>/, and answers as $FAKE_DOCKER_DIR/outcome.<n> says (first
// line the exit code, the rest its stderr); with no outcome file it succeeds, changing config.json as docker would.

const FAKE_DOCKER = `#!/bin/sh
dir="$FAKE_DOCKER_DIR"
n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$dir/count"
call="$dir/calls/$n"
mkdir -p "$call"
echo "start $n" >> "$dir/order"
for arg in "$@"; do printf '%s\\n' "$arg"; done > "$call/argv"
env > "$call/env"
if [ -f "$dir/journal" ]; then cp "$dir/journal" "$call/journal"; fi
if [ "$1" = login ]; then cat > "$call/stdin"; fi
if [ -f "$dir/sleep" ]; then sleep "$(cat "$dir/sleep")"; fi
echo "end $n" >> "$dir/order"
if [ -f "$dir/outcome.$n" ]; then
  tail -n +2 "$dir/outcome.$n" >&2
  exit "$(head -n 1 "$dir/outcome.$n")"
fi
case "$1" in
  login) "$NODE" -e "$EDIT" "$DOCKER_CONFIG/config.json" set "$5" "$3" "$(cat "$call/stdin")"; echo "Login Succeeded" ;;
  logout) "$NODE" -e "$EDIT" "$DOCKER_CONFIG/config.json" delete "$2"; echo "Removing login credentials for $2" ;;
esac
`

// What docker does to config.json: sets or deletes the host's auths entry.
const EDIT = `
const fs = require('node:fs'), path = require('node:path')
const [file, op, host, user, password] = process.argv.slice(1)
const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}
config.auths = config.auths || {}
if (op === 'set') config.auths[host] = config.credsStore ? {} : {auth: Buffer.from(user + ':' + password).toString('base64')}
else delete config.auths[host]
fs.mkdirSync(path.dirname(file), {recursive: true})
fs.writeFileSync(file, JSON.stringify(config, null, '\\t'))
`

interface Call {
  argv: string[]
  stdin?: string
  env: Record<string, string>
  /** The journal's records when docker ran (undefined: there was no journal file yet). */
  journal?: DockerLogin[]
}

describe('dockerEngine with a fake docker', () => {
  const root = tempDirs('crl-docker-engine-')
  let fake: string
  let docker: string
  let configDir: string
  let tempDir: string
  let logs: string[]
  let warnings: string[]
  let which: string[]

  const CREDENTIAL: LoginCredential = {
    registry: {scheme: 'https', host: HOST},
    username: 'cn-north-4@HPUAEXAMPLEAK',
    password: 'f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd'
  }
  const USER_PASS_B64 = b64(`${CREDENTIAL.username}:${CREDENTIAL.password}`)
  const OLD_ENTRY = {auth: b64('cn-north-4@OLD:old-password')}

  beforeEach(() => {
    fake = path.join(root(), 'fake')
    fs.mkdirSync(fake)
    docker = path.join(root(), 'bin', 'docker')
    fs.mkdirSync(path.dirname(docker))
    fs.writeFileSync(docker, FAKE_DOCKER, {mode: 0o755})
    configDir = path.join(root(), 'home', '.docker')
    tempDir = path.join(root(), 'runner-temp')
    logs = []
    warnings = []
    which = []
  })

  function context(overrides: Partial<EngineContext> = {}): EngineContext {
    return {
      places: {hostsDir: path.join(root(), 'certs.d'), dockerConfig: configDir, tempDir},
      run: 'a1b2c3d4e5f6a7b8c9d0e1f2',
      which: async tool => {
        which.push(tool)
        return tool === 'docker' ? docker : ''
      },
      env: {
        PATH: process.env.PATH,
        NODE: process.execPath,
        EDIT,
        FAKE_DOCKER_DIR: fake,
        // What docker must not see, and a DOCKER_CONFIG a later step might have set: main's directory wins.
        DOCKER_CONFIG: path.join(root(), 'not-this-one'),
        INPUT_ACCESS_KEY_SECRET: 'the-secret-key',
        STATE_login: '{}',
        ACTIONS_RUNTIME_TOKEN: 'runtime-token',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token'
      },
      log: line => void logs.push(line),
      warn: line => void warnings.push(line),
      retryPolicy: {attempts: 3, baseDelayMs: 1, maxDelayMs: 1},
      ...overrides
    }
  }

  /** A journal that writes its records to the file the fake docker copies, so each call shows what was noted. */
  function journal(): Journal<DockerLogin> & {events: [string, DockerLogin][]} {
    const events: [string, DockerLogin][] = []
    const records: DockerLogin[] = []
    const save = (): void => fs.writeFileSync(path.join(fake, 'journal'), JSON.stringify(records))
    return {
      events,
      add: record => {
        events.push(['add', record])
        records.push(record)
        save()
      },
      drop: record => {
        events.push(['drop', record])
        records.splice(records.indexOf(record), 1)
        save()
      }
    }
  }

  /** What docker answers on its n-th call. */
  const answer = (n: number, code: number, stderr: string): void => fs.writeFileSync(path.join(fake, `outcome.${n}`), `${code}\n${stderr}\n`)

  function calls(): Call[] {
    const dir = path.join(fake, 'calls')
    if (!fs.existsSync(dir)) return []
    return fs
      .readdirSync(dir)
      .sort((a, b) => Number(a) - Number(b))
      .map(n => {
        const read = (name: string): string | undefined =>
          fs.existsSync(path.join(dir, n, name)) ? fs.readFileSync(path.join(dir, n, name), 'utf8') : undefined
        const env = Object.fromEntries(
          (read('env') ?? '').split('\n').filter(l => l.includes('=')).map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
        )
        const journalText = read('journal')
        return {
          argv: (read('argv') ?? '').split('\n').slice(0, -1),
          stdin: read('stdin'),
          env,
          journal: journalText === undefined ? undefined : (JSON.parse(journalText) as DockerLogin[])
        }
      })
  }

  /** The private copies under tempDir. */
  const copies = (): string[] =>
    fs.existsSync(tempDir) ? fs.readdirSync(tempDir).flatMap(d => fs.readdirSync(path.join(tempDir, d)).map(f => path.join(tempDir, d, f))) : []

  const UNAUTHORIZED =
    `Error response from daemon: Get "https://${HOST}/v2/": unauthorized: authentication required ` +
    `(user ${CREDENTIAL.username}:${CREDENTIAL.password}, basic ${USER_PASS_B64}, password ${CREDENTIAL.password})`
  const TIMEOUT = `Error response from daemon: Get "https://${HOST}/v2/": net/http: TLS handshake timeout`

  describe('detect and unusable', () => {
    it('finds docker on PATH, and looks it up once per engine', async () => {
      const engine = dockerEngine(context())
      expect(await engine.detect()).toEqual(['docker'])
      expect(await engine.unusable()).toBeUndefined()
      expect(await engine.detect()).toEqual(['docker'])
      expect(which).toEqual(['docker'])
      expect(engine.tools).toEqual(['docker'])
      expect(engine.name).toBe('docker')
    })

    it('says what to do when docker is missing', async () => {
      const engine = dockerEngine(context({which: async () => ''}))
      expect(await engine.detect()).toEqual([])
      expect(await engine.unusable()).toBe("the docker CLI is not on PATH. Install Docker on the runner, or set 'engine: containerd'.")
    })
  })

  describe('login', () => {
    it('runs docker login with the password on stdin only, in main\'s config directory, and notes it first', async () => {
      const j = journal()
      const engine = dockerEngine(context())
      const result = await engine.login(CREDENTIAL, j)

      expect(result).toEqual({record: {host: HOST, configDir}, summary: 'docker'})
      expect(j.events).toEqual([['add', result.record]])
      const [call, ...more] = calls()
      expect(more).toEqual([])
      expect(call.argv).toEqual(['login', '--username', CREDENTIAL.username, '--password-stdin', HOST])
      expect(call.stdin).toBe(CREDENTIAL.password)
      for (const arg of call.argv) expect(arg).not.toContain(CREDENTIAL.password)
      // noted before docker ran
      expect(call.journal).toEqual([{host: HOST, configDir}])
      // docker's environment: DOCKER_CONFIG pinned, no inputs, state or runner tokens
      expect(call.env.DOCKER_CONFIG).toBe(configDir)
      for (const name of ['INPUT_ACCESS_KEY_SECRET', 'STATE_login', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
        expect(call.env[name]).toBeUndefined()
      }
      expect(Object.values(call.env).join('\n')).not.toContain(CREDENTIAL.password)
      expect(readConfig(configDir)).toEqual({auths: {[HOST]: {auth: USER_PASS_B64}}})
      expect(engine.owns(result.record)).toBe(true)
      expect(engine.label(result.record)).toEqual({host: HOST, thing: 'the docker login'})
      expect(warnings).toEqual([])
      expect(copies()).toEqual([])
    })

    it('keeps a private copy (0600) of the config.json login it replaces', async () => {
      writeConfig(configDir, {auths: {[HOST]: OLD_ENTRY, [OTHER]: {auth: 'eA=='}}})
      const engine = dockerEngine(context())
      const {record} = await engine.login(CREDENTIAL, journal())

      expect(record.previousEntryFile).toBeDefined()
      const copy = record.previousEntryFile as string
      expect(copies()).toEqual([copy])
      expect(JSON.parse(fs.readFileSync(copy, 'utf8'))).toEqual(OLD_ENTRY)
      expect(mode(copy)).toBe(0o600)
      expect(engine.owns(JSON.parse(JSON.stringify(record)))).toBe(true)
      // the copy is noted with the record, before docker ran
      expect(calls()[0].journal).toEqual([{host: HOST, configDir, previousEntryFile: copy}])
    })

    it('warns when a credential helper held a login for the registry: post cannot bring it back', async () => {
      writeConfig(configDir, {credsStore: 'desktop', auths: {[HOST]: {}}})
      const {record} = await dockerEngine(context()).login(CREDENTIAL, journal())
      expect(record).toEqual({host: HOST, configDir})
      expect(warnings).toEqual([
        `${HOST}: Docker already had a login for this registry in a credential helper; it was replaced, and the post ` +
          `step's logout cannot bring it back. Set 'logout: false' to keep this login instead.`
      ])
    })

    it('a rejected login is not retried; it fails with its kind, the secrets taken out of docker\'s words, and leaves nothing', async () => {
      writeConfig(configDir, {auths: {[HOST]: OLD_ENTRY}})
      answer(1, 1, `WARNING! Your password will be stored unencrypted in ${configDir}/config.json.\n${UNAUTHORIZED}`)
      const j = journal()
      const error = await dockerEngine(context()).login(CREDENTIAL, j).catch((e: unknown) => e)

      expect(error).toBeInstanceOf(EngineFailure)
      const failure = error as EngineFailure
      expect(failure.kind).toBe('unauthorized')
      expect(failure.transient).toBe(false)
      expect(failure.statement).toBe(`${HOST} rejected the credentials.`)
      expect(failure.detail).toBe(
        `docker: Error response from daemon: Get "https://${HOST}/v2/": unauthorized: authentication required ` +
          '(user ***, basic ***, password ***)'
      )
      expect(failure.message).not.toContain(CREDENTIAL.password)
      expect(failure.message).not.toContain(USER_PASS_B64)
      expect(calls()).toHaveLength(1)
      expect(logs).toEqual([])
      // the record was added, then dropped (the same one); its copy is gone
      expect(j.events.map(([event]) => event)).toEqual(['add', 'drop'])
      expect(j.events[1][1]).toBe(j.events[0][1])
      expect(fs.existsSync(j.events[0][1].previousEntryFile as string)).toBe(false)
      expect(copies()).toEqual([])
      expect(readConfig(configDir)).toEqual({auths: {[HOST]: OLD_ENTRY}})
    })

    it('a transient failure is tried again, and the retry is logged', async () => {
      answer(1, 1, TIMEOUT)
      const j = journal()
      const {record} = await dockerEngine(context()).login(CREDENTIAL, j)
      expect(calls().map(c => c.argv[0])).toEqual(['login', 'login'])
      expect(logs).toHaveLength(1)
      expect(logs[0]).toMatch(/^swr\.cn-north-4\.myhuaweicloud\.com: docker login try 1 failed \(docker: [^()]*TLS handshake timeout\); trying again in 0\.0 s$/)
      expect(j.events).toEqual([['add', record]])
      expect(readConfig(configDir)).toEqual({auths: {[HOST]: {auth: USER_PASS_B64}}})
    })

    it('a transient failure that persists fails after the tries the policy allows', async () => {
      for (const n of [1, 2, 3, 4]) answer(n, 1, TIMEOUT)
      const j = journal()
      const error = await dockerEngine(context()).login(CREDENTIAL, j).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EngineFailure)
      expect(error).toMatchObject({kind: 'other', transient: true, detail: `docker: ${TIMEOUT}`})
      expect(calls()).toHaveLength(3)
      expect(logs).toHaveLength(2)
      expect(j.events.map(([event]) => event)).toEqual(['add', 'drop'])
    })

    it('with docker gone from PATH, fails and drops its record', async () => {
      const j = journal()
      await expect(dockerEngine(context({which: async () => ''})).login(CREDENTIAL, j)).rejects.toThrow('the docker CLI is no longer on PATH')
      expect(j.events.map(([event]) => event)).toEqual(['add', 'drop'])
    })

    it('runs one docker command at a time: concurrent logins do not race on config.json', async () => {
      fs.writeFileSync(path.join(fake, 'sleep'), '0.2')
      const engine = dockerEngine(context())
      const second = {...CREDENTIAL, registry: {scheme: 'https' as const, host: OTHER}}
      await Promise.all([engine.login(CREDENTIAL, journal()), engine.login(second, journal())])
      expect(fs.readFileSync(path.join(fake, 'order'), 'utf8')).toBe('start 1\nend 1\nstart 2\nend 2\n')
      expect(Object.keys(readConfig(configDir).auths as object).sort()).toEqual([HOST, OTHER].sort())
    })
  })

  describe('undo', () => {
    /** The engine of a post step with another config directory about (a later step's DOCKER_CONFIG): the record's wins. */
    const postEngine = (): ReturnType<typeof dockerEngine> =>
      dockerEngine(context({places: {hostsDir: path.join(root(), 'certs.d'), dockerConfig: path.join(root(), 'not-this-one'), tempDir}}))

    it('runs docker logout in the config directory of the record, whatever DOCKER_CONFIG says now', async () => {
      const {record} = await dockerEngine(context()).login(CREDENTIAL, journal())
      expect(await postEngine().undo(record)).toBe('docker logged out')
      const logout = calls()[1]
      expect(logout.argv).toEqual(['logout', HOST])
      expect(logout.stdin).toBeUndefined()
      expect(logout.env.DOCKER_CONFIG).toBe(configDir)
      expect(logout.env.INPUT_ACCESS_KEY_SECRET).toBeUndefined()
      expect(readConfig(configDir)).toEqual({auths: {}})
    })

    it('puts back the config.json login it replaced, and discards the copy', async () => {
      writeConfig(configDir, {auths: {[HOST]: OLD_ENTRY, [OTHER]: {auth: 'eA=='}}, psFormat: 'table'})
      const {record} = await dockerEngine(context()).login(CREDENTIAL, journal())
      expect(readConfig(configDir).auths).toEqual({[HOST]: {auth: USER_PASS_B64}, [OTHER]: {auth: 'eA=='}})

      expect(await postEngine().undo(record)).toBe('docker logged out, earlier login restored')
      expect(readConfig(configDir)).toEqual({auths: {[HOST]: OLD_ENTRY, [OTHER]: {auth: 'eA=='}}, psFormat: 'table'})
      expect(fs.existsSync(record.previousEntryFile as string)).toBe(false)
      expect(copies()).toEqual([])
    })

    it.each([
      ['with docker\'s first line', `Error: could not remove credentials\nmore\n`, `docker logout ${HOST} failed: Error: could not remove credentials`],
      ['with the exit code when docker says nothing', '', `docker logout ${HOST} failed: exit code 3`]
    ])('a failed logout throws %s, and keeps the copy for another try', async (_name, stderr, message) => {
      writeConfig(configDir, {auths: {[HOST]: OLD_ENTRY}})
      const {record} = await dockerEngine(context()).login(CREDENTIAL, journal())
      answer(2, 3, stderr)
      await expect(dockerEngine(context()).undo(record)).rejects.toThrow(message)
      expect(fs.existsSync(record.previousEntryFile as string)).toBe(true)
    })

    it('with docker no longer on PATH, throws', async () => {
      await expect(dockerEngine(context({which: async () => ''})).undo({host: HOST, configDir})).rejects.toThrow(
        'the docker CLI is no longer on PATH'
      )
    })
  })

  describe('owns: only its own records, in main\'s config directory, with copies among ours', () => {
    const ownCopy = (): string => path.join(tempDir, 'cloud-registry-login-AbC123', '0a1b2c3d4e5f-docker-login.json')

    it.each<[string, () => unknown]>([
      ['a record without a copy', () => ({host: HOST, configDir})],
      ['a record with a copy', () => ({host: HOST, configDir, previousEntryFile: ownCopy()})],
      ['a host with a port', () => ({host: '127.0.0.1:5000', configDir})]
    ])('accepts %s', (_name, make) => {
      expect(dockerEngine(context()).owns(make())).toBe(true)
    })

    it.each<[string, () => unknown]>([
      ['null', () => null],
      ['a string', () => HOST],
      ['no host', () => ({configDir})],
      ['host a number', () => ({host: 5000, configDir})],
      ['no configDir', () => ({host: HOST})],
      ['another configDir', () => ({host: HOST, configDir: path.join(root(), 'not-this-one')})],
      ['a configDir spelled differently', () => ({host: HOST, configDir: `${configDir}/`})],
      ['previousEntryFile a number', () => ({host: HOST, configDir, previousEntryFile: 1})],
      ['previousEntryFile outside the temp directory', () => ({host: HOST, configDir, previousEntryFile: '/etc/shadow'})],
      ['previousEntryFile directly in the temp directory', () => ({host: HOST, configDir, previousEntryFile: path.join(tempDir, 'x.json')})],
      ['previousEntryFile in another directory there', () => ({host: HOST, configDir, previousEntryFile: path.join(tempDir, 'other', 'x.json')})],
      ['previousEntryFile going up', () => ({host: HOST, configDir, previousEntryFile: `${path.dirname(ownCopy())}/../../x.json`})],
      ['previousEntryFile relative', () => ({host: HOST, configDir, previousEntryFile: 'cloud-registry-login-AbC123/x.json'})],
      ['a host with a scheme', () => ({host: `https://${HOST}`, configDir})],
      ['a host with a path', () => ({host: `${HOST}/org`, configDir})],
      ['a host in upper case', () => ({host: HOST.toUpperCase(), configDir})],
      ['a host with a flag in it', () => ({host: '--password=x', configDir})],
      ['an empty host', () => ({host: '', configDir})]
    ])('rejects %s', (_name, make) => {
      expect(dockerEngine(context()).owns(make())).toBe(false)
    })
  })
})
