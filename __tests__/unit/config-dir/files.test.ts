import {jest} from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {failing, failingFs} from '../../support/failing-fs.js'
import {UserError} from '../../../src/errors.js'
import * as core from '../../fixtures/core.js'

jest.unstable_mockModule('node:fs', failingFs)
jest.unstable_mockModule('@actions/core', () => core)
const {closeDockerConfigDir, MARK_FILE, openDockerConfigDir} = await import('../../../src/config-dir/files.js')

const RUN = 'a1b2c3d4e5f6a7b8c9d0e1f2'
const OTHER_RUN = 'ffffffffffffffffffffffff'
const ISOLATED_NAME = /^cloud-registry-login-config-[0-9a-f]{24}$/

let root: string
/** RUNNER_TEMP of the job. */
let temp: string
/** The job's existing Docker config directory (DOCKER_CONFIG). */
let existing: string
let env: NodeJS.ProcessEnv
const exported: [string, string][] = []
const exportVariable = (name: string, value: string): void => void exported.push([name, value])

beforeEach(() => {
  for (const name of Object.keys(failing)) delete failing[name as keyof typeof fs]
  core.resetCore()
  exported.length = 0
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-config-dir-'))
  temp = path.join(root, 'runner-temp')
  existing = path.join(root, 'home', '.docker')
  fs.mkdirSync(temp)
  fs.mkdirSync(existing, {recursive: true})
  env = {RUNNER_TEMP: temp, DOCKER_CONFIG: existing}
})
afterEach(() => fs.rmSync(root, {recursive: true, force: true}))

const mode = (file: string): number => fs.statSync(file).mode & 0o777
const mark = (dir: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, MARK_FILE), 'utf8'))
// What main must remove in post, of an isolated directory made for RUN.
const isolate = () => openDockerConfigDir({kind: 'isolated'}, RUN, env, exportVariable).made

/** Every name under `dir`, with what it is, sorted: what must not change. */
function tree(dir: string): string[] {
  return fs
    .readdirSync(dir, {recursive: true, withFileTypes: true})
    .map(e => {
      const p = path.join(e.parentPath, e.name)
      const what = e.isSymbolicLink() ? `-> ${fs.readlinkSync(p)}` : e.isDirectory() ? '/' : fs.readFileSync(p, 'utf8')
      return `${path.relative(dir, p)} ${what}`
    })
    .sort()
}

function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('did not throw')
}

describe('openDockerConfigDir: isolated', () => {
  it('makes a 0700 directory with an unguessable name under RUNNER_TEMP, marked for this run, and exports it as DOCKER_CONFIG', () => {
    fs.writeFileSync(path.join(existing, 'config.json'), '{"auths":{"a.example":{"auth":"eDp5"}}}')
    const opened = openDockerConfigDir({kind: 'isolated'}, RUN, env, exportVariable)
    const [name] = fs.readdirSync(temp)
    const dir = path.join(temp, name)
    expect(name).toMatch(ISOLATED_NAME)
    expect(opened).toEqual({dir, made: {kind: 'isolated', dir}})
    expect(mode(dir)).toBe(0o700)
    expect(env.DOCKER_CONFIG).toBe(existing)
    expect(exported).toEqual([['DOCKER_CONFIG', dir]])
    expect(mark(dir)).toEqual({run: RUN, created: dir})
    expect(core.lines(core.info)).toEqual([`Docker config: ${dir}, this job's own (a copy of ${existing}/config.json); DOCKER_CONFIG points there for the rest of the job.`])
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('two runs get two directories', () => {
    const a = isolate()
    const b = isolate()
    expect(a?.dir).not.toBe(b?.dir)
  })

  it.each<[string, (dir: string) => void, string[], string]>([
    ['no config.json', () => {}, [], `no config.json in EXISTING to copy`],
    [
      'a config.json: copied byte for byte, 0600',
      dir => fs.writeFileSync(path.join(dir, 'config.json'), '{ "auths": {}, "psFormat": "x" }\n', {mode: 0o644}),
      ['config.json { "auths": {}, "psFormat": "x" }\n'],
      'a copy of EXISTING/config.json'
    ],
    [
      'a symlinked config.json: what it points to is copied',
      dir => {
        fs.writeFileSync(path.join(root, 'real.json'), '{"auths":{}}')
        fs.symlinkSync(path.join(root, 'real.json'), path.join(dir, 'config.json'))
      },
      ['config.json {"auths":{}}'],
      'a copy of EXISTING/config.json'
    ],
    [
      'a config.json symlink to nothing: as if there were none',
      dir => fs.symlinkSync(path.join(root, 'nowhere.json'), path.join(dir, 'config.json')),
      [],
      'no config.json in EXISTING to copy'
    ],
    [
      'cli-plugins, contexts and buildx: linked, not copied',
      dir => {
        for (const sub of ['cli-plugins', 'contexts/meta', 'buildx/instances']) fs.mkdirSync(path.join(dir, sub), {recursive: true})
        fs.writeFileSync(path.join(dir, 'cli-plugins', 'docker-buildx'), 'bin')
      },
      ['cli-plugins -> EXISTING/cli-plugins', 'contexts -> EXISTING/contexts', 'buildx -> EXISTING/buildx'],
      'no config.json in EXISTING to copy, links to its cli-plugins, contexts, buildx'
    ],
    [
      "the daemon's TLS files: linked, as docker looks for them in the config directory",
      dir => {
        for (const f of ['ca.pem', 'key.pem']) fs.writeFileSync(path.join(dir, f), f)
      },
      ['ca.pem -> EXISTING/ca.pem', 'key.pem -> EXISTING/key.pem'],
      'no config.json in EXISTING to copy, links to its ca.pem, key.pem'
    ],
    [
      'nothing else: the ledger, the lock, other files stay behind',
      dir => {
        for (const f of ['.cloud-registry-login.json', 'daemon.json', 'other']) fs.writeFileSync(path.join(dir, f), '{}')
      },
      [],
      'no config.json in EXISTING to copy'
    ]
  ])('%s', (_, setup, expected, note) => {
    setup(existing)
    const made = isolate()
    const dir = made?.dir as string
    const contents = fs.readdirSync(dir).filter(n => n !== MARK_FILE)
    const described = contents.map(n => {
      const p = path.join(dir, n)
      return fs.lstatSync(p).isSymbolicLink() ? `${n} -> ${fs.readlinkSync(p)}` : `${n} ${fs.readFileSync(p, 'utf8')}`
    })
    expect(described.sort()).toEqual(expected.map(e => e.replaceAll('EXISTING', existing)).sort())
    if (contents.includes('config.json')) expect(mode(path.join(dir, 'config.json'))).toBe(0o600)
    expect(core.lines(core.info)[0]).toContain(`(${note.replaceAll('EXISTING', existing)})`)
  })

  it.each([
    ['credsStore', {credsStore: 'pass'}, 'docker-credential-pass'],
    ['credHelpers', {credHelpers: {'a.example': 'ecr-login', 'b.example': 'ecr-login', 'c.example': 'gcloud'}}, 'docker-credential-ecr-login, docker-credential-gcloud']
  ])('a config.json with %s: copied, with a warning that those logins are shared', (_, config, names) => {
    fs.writeFileSync(path.join(existing, 'config.json'), JSON.stringify(config))
    isolate()
    expect(core.lines(core.warning)).toEqual([
      `${existing}/config.json names the credential helper ${names}: the docker logins it covers are kept there, which ` +
        `every job of this user shares, so 'docker-config-dir: isolated' keeps only the logins in config.json apart. ` +
        `Remove credsStore and credHelpers from that config to isolate them all.`
    ])
  })

  it.each([
    ['not JSON', '{auths'],
    ['null', 'null'],
    ['empty helpers', '{"credsStore":"","credHelpers":{}}']
  ])('a config.json that is %s: copied as it is, without a warning (docker says what is wrong with it)', (_, text) => {
    fs.writeFileSync(path.join(existing, 'config.json'), text)
    const made = isolate()
    expect(fs.readFileSync(path.join(made?.dir as string, 'config.json'), 'utf8')).toBe(text)
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('a config.json that is not a regular file: refused, naming it, and nothing is left under RUNNER_TEMP', () => {
    fs.mkdirSync(path.join(existing, 'config.json'))
    const error = thrown(isolate)
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      `Input 'docker-config-dir' is 'isolated', but the job's Docker config ${existing}/config.json could not be copied: ` +
        `${existing}/config.json is a directory, not a regular file. Fix or remove that file, or leave 'docker-config-dir' empty.`
    )
    expect(fs.readdirSync(temp)).toEqual([])
    expect(env.DOCKER_CONFIG).toBe(existing)
    expect(exported).toEqual([])
  })

  it('a RUNNER_TEMP where no directory can be made: refused, saying what to check', () => {
    env.RUNNER_TEMP = path.join(root, 'a-file')
    fs.writeFileSync(env.RUNNER_TEMP, '')
    expect(thrown(isolate).message).toMatch(/^Input 'docker-config-dir' is 'isolated', and its directory goes in .*a-file: .*a-file, on the way to .*, is not a directory\./)
  })

  it('a failure half-way (a link that cannot be made) removes the directory', () => {
    fs.mkdirSync(path.join(existing, 'cli-plugins'))
    failing.symlinkSync = () => {
      throw new Error('EPERM: operation not permitted')
    }
    const error = thrown(isolate)
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(/^Input 'docker-config-dir' is 'isolated', but .* could not be set up: EPERM: operation not permitted\.$/)
    expect(fs.readdirSync(temp)).toEqual([])
  })

  it('a TLS file that cannot be linked (Windows without the privilege) is copied, 0600', () => {
    fs.writeFileSync(path.join(existing, 'cert.pem'), 'CERT', {mode: 0o644})
    failing.symlinkSync = () => {
      throw new Error('EPERM')
    }
    const dir = isolate()?.dir as string
    expect(fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8')).toBe('CERT')
    expect(mode(path.join(dir, 'cert.pem'))).toBe(0o600)
  })

  it('without RUNNER_TEMP: a directory of its own under the system temporary directory', () => {
    delete env.RUNNER_TEMP
    const made = isolate()
    try {
      expect(path.dirname(made?.dir as string)).toBe(path.resolve(os.tmpdir()))
      expect(path.basename(made?.dir as string)).toMatch(ISOLATED_NAME)
      expect(mode(made?.dir as string)).toBe(0o700)
    } finally {
      fs.rmSync(made?.dir as string, {recursive: true, force: true})
    }
  })
})

describe('openDockerConfigDir: a path', () => {
  it('a missing one is created 0700 with its missing parents, marked with the first one created, and exported', () => {
    const dir = path.join(root, 'configs', 'job', 'docker')
    const opened = openDockerConfigDir({kind: 'path', dir}, RUN, env, exportVariable)
    expect(opened).toEqual({dir, made: {kind: 'created', dir}})
    expect(mode(dir)).toBe(0o700)
    expect(mark(dir)).toEqual({run: RUN, created: path.join(root, 'configs')})
    expect(env.DOCKER_CONFIG).toBe(existing)
    expect(exported).toEqual([['DOCKER_CONFIG', dir]])
    expect(core.lines(core.info)).toEqual([`Docker config: ${dir}, created ('docker-config-dir'); DOCKER_CONFIG points there for the rest of the job.`])
  })

  it('an existing one is used as it is: nothing to remove later, no mark', () => {
    const opened = openDockerConfigDir({kind: 'path', dir: existing}, RUN, {RUNNER_TEMP: temp}, exportVariable)
    expect(opened).toEqual({dir: existing})
    expect(fs.readdirSync(existing)).toEqual([])
    expect(exported).toEqual([['DOCKER_CONFIG', existing]])
    expect(core.lines(core.info)).toEqual([`Docker config: ${existing} ('docker-config-dir'); DOCKER_CONFIG points there for the rest of the job.`])
  })

  const REFUSED_TAIL =
    '. Nothing was written there: on a shared runner the action writes credentials only where no other user can change ' +
    "them. Use a place of this user's own (a directory only it can write to), or have the runner's administrator fix " +
    'that owner or mode.'

  it('an existing one others may write to: refused, nothing exported (they could replace the config.json holding the logins)', () => {
    fs.chmodSync(existing, 0o777)
    const error = thrown(() => openDockerConfigDir({kind: 'path', dir: existing}, RUN, {RUNNER_TEMP: temp}, exportVariable))
    expect(error.message).toBe(
      `Input 'docker-config-dir' (${existing}): ${existing} may be written to by other users (mode 777): they could ` + `replace what the action writes there${REFUSED_TAIL}`
    )
    expect(exported).toEqual([])
  })

  // Giving a directory away takes root.
  ;(process.getuid?.() === 0 ? it : it.skip)('an existing one of another user: refused, naming the owner, nothing exported', () => {
    fs.chownSync(existing, 65534, 65534)
    const error = thrown(() => openDockerConfigDir({kind: 'path', dir: existing}, RUN, {RUNNER_TEMP: temp}, exportVariable))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(
      new RegExp(
        `^Input 'docker-config-dir' \\(${existing}\\): ${existing} is a directory of uid 65534( \\(\\w+\\))?, another user, who could point it \\(or what it holds\\) elsewhere\\. Nothing was written there`
      )
    )
    expect(exported).toEqual([])
  })

  ;(process.getuid?.() === 0 ? it : it.skip)('a symbolic link of another user, to a directory of ours: refused', () => {
    const link = path.join(root, 'planted')
    fs.symlinkSync(existing, link)
    fs.lchownSync(link, 65534, 65534)
    const error = thrown(() => openDockerConfigDir({kind: 'path', dir: link}, RUN, {RUNNER_TEMP: temp}, exportVariable))
    expect(error.message).toMatch(new RegExp(`^Input 'docker-config-dir' \\(${link}\\): ${link} is a symbolic link of uid 65534`))
    expect(exported).toEqual([])
  })

  ;(process.getuid?.() === 0 ? it : it.skip)('a new one under a parent of another user: refused before anything is made', () => {
    const parent = path.join(root, 'theirs')
    fs.mkdirSync(parent)
    fs.chownSync(parent, 65534, 65534)
    const dir = path.join(parent, 'docker')
    const error = thrown(() => openDockerConfigDir({kind: 'path', dir}, RUN, {RUNNER_TEMP: temp}, exportVariable))
    expect(error.message).toMatch(new RegExp(`^Input 'docker-config-dir' \\(${dir}\\): ${parent}, on the way to ${dir}, is a directory of uid 65534`))
    expect(fs.existsSync(dir)).toBe(false)
  })

  it.each([
    ['a file', (p: string) => (fs.mkdirSync(path.dirname(p)), fs.writeFileSync(p, ''))],
    ['under a file', (p: string) => fs.writeFileSync(path.dirname(p), '')]
  ])('%s: refused, naming the input', (_, setup) => {
    const dir = path.join(root, 'plain', 'docker')
    setup(dir)
    const error = thrown(() => openDockerConfigDir({kind: 'path', dir}, RUN, env, exportVariable))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(new RegExp(`^Input 'docker-config-dir' \\(${dir}\\): .*is not a directory\\. Nothing was written there`))
    expect(exported).toEqual([])
  })
})

describe('closeDockerConfigDir: what main made goes', () => {
  const close = (dockerConfigDir: unknown, logout = true, run = RUN): void => closeDockerConfigDir({run, logout, dockerConfigDir: dockerConfigDir as never}, env)

  it('isolated in RUNNER_TEMP: emptied of its logins, its links (never followed) left for later post steps', () => {
    fs.mkdirSync(path.join(existing, 'cli-plugins'))
    fs.writeFileSync(path.join(existing, 'cli-plugins', 'docker-buildx'), 'bin')
    fs.mkdirSync(path.join(existing, 'contexts'))
    fs.writeFileSync(path.join(existing, 'ca.pem'), 'CA')
    fs.writeFileSync(path.join(existing, 'config.json'), '{"auths":{}}')
    const before = tree(existing)
    const made = isolate()
    const dir = made?.dir as string
    fs.writeFileSync(path.join(dir, 'config.json'), '{"auths":{"a.example":{"auth":"eDp5"}}}')
    fs.writeFileSync(path.join(dir, '.cloud-registry-login.json'), '{}')
    fs.mkdirSync(path.join(dir, 'scan'))
    core.resetCore()
    close(made)
    const left = fs.readdirSync(dir).sort()
    expect(left).toEqual([MARK_FILE, 'ca.pem', 'cli-plugins', 'contexts'].sort())
    expect(left.filter(name => name !== MARK_FILE).every(name => fs.lstatSync(path.join(dir, name)).isSymbolicLink())).toBe(true)
    expect(tree(existing)).toEqual(before)
    expect(core.lines(core.info)).toEqual([
      `The isolated Docker config directory ${dir} is emptied of its logins (config.json and its copy of the earlier ` +
        `ones); the directory and its links stay for the post steps still to run, and go with RUNNER_TEMP at the end of the job.`
    ])
    // Run again (post twice): nothing more to take, nothing fails.
    close(made)
    expect(fs.readdirSync(dir).sort()).toEqual(left)
  })

  it('isolated without RUNNER_TEMP: removed whole, each link taken off as a link first, so the recursive removal meets none', () => {
    env = {DOCKER_CONFIG: existing}
    for (const name of ['cli-plugins', 'contexts', 'buildx']) {
      fs.mkdirSync(path.join(existing, name))
      fs.writeFileSync(path.join(existing, name, 'kept'), name)
    }
    fs.writeFileSync(path.join(existing, 'key.pem'), 'KEY')
    const before = tree(existing)
    const made = isolate()
    const dir = made?.dir as string
    // A dangling link too: the original went while the job ran.
    fs.rmSync(path.join(existing, 'buildx'), {recursive: true})
    const linksAtRemoval: string[][] = []
    failing.rmSync = (...args: unknown[]) => {
      if (args[0] === dir) linksAtRemoval.push(fs.readdirSync(dir).filter(n => fs.lstatSync(path.join(dir, n)).isSymbolicLink()))
      return (fs.rmSync as (...a: unknown[]) => unknown)(...args)
    }
    try {
      close(made)
    } finally {
      fs.rmSync(dir, {recursive: true, force: true}) // under the system's temp directory, outside root
    }
    expect(linksAtRemoval).toEqual([[]])
    expect(core.lines(core.info)).toContain(`The isolated Docker config directory ${dir} is removed.`)
    expect(tree(existing)).toEqual(before.filter(line => !line.startsWith('buildx')))
  })

  it('isolated, gone already (post run twice): says so', () => {
    const made = isolate()
    fs.rmSync(made?.dir as string, {recursive: true})
    core.resetCore()
    close(made)
    expect(core.lines(core.info)).toEqual([`The isolated Docker config directory ${made?.dir} is gone already: nothing to remove.`])
  })

  it('logout: false: it stays, and the log says so', () => {
    const made = isolate()
    core.resetCore()
    close(made, false)
    expect(fs.existsSync(path.join(made?.dir as string, MARK_FILE))).toBe(true)
    expect(core.lines(core.info)).toEqual([
      `'logout' is false: the isolated Docker config directory ${made?.dir} stays, with the logins in it (DOCKER_CONFIG still points there).`
    ])
  })

  it.each<[string, string | undefined, boolean, string]>([
    ['an empty config.json is removed, then every directory main created', '{\n  "auths": {}\n}', false, 'removed'],
    ['no config.json at all', undefined, false, 'removed'],
    ['a config.json of {} too', '{}', false, 'removed'],
    ['a config.json with a login in it stays, and so does the directory', '{"auths":{"a.example":{}}}', true, 'kept'],
    ['a config.json with settings stays', '{"auths":{},"psFormat":"x"}', true, 'kept'],
    ['a config.json that is not JSON stays', '{', true, 'kept'],
    ['a config.json of null stays', 'null', true, 'kept']
  ])('a path main created: %s', (_, config, stays, word) => {
    const dir = path.join(root, 'configs', 'docker')
    const {made} = openDockerConfigDir({kind: 'path', dir}, RUN, env, exportVariable)
    if (config !== undefined) fs.writeFileSync(path.join(dir, 'config.json'), config)
    core.resetCore()
    close(made)
    expect(fs.existsSync(path.join(root, 'configs'))).toBe(stays)
    if (stays) expect(fs.readdirSync(dir)).toEqual(['config.json'])
    expect(core.lines(core.info)).toEqual([
      word === 'removed'
        ? `The Docker config directory ${dir}, created by the main step, is removed.`
        : `The Docker config directory ${dir}, created by the main step, is kept: later steps put files there.`
    ])
  })

  it('a path main created, whose parent a later step filled: the directory goes, the parent stays', () => {
    const dir = path.join(root, 'configs', 'docker')
    const {made} = openDockerConfigDir({kind: 'path', dir}, RUN, env, exportVariable)
    fs.writeFileSync(path.join(root, 'configs', 'other'), '')
    core.resetCore()
    close(made)
    expect(fs.readdirSync(path.join(root, 'configs'))).toEqual(['other'])
    expect(core.lines(core.info)).toEqual([
      `The Docker config directory ${dir}, created by the main step, is removed; ${path.join(root, 'configs')} is kept: it holds other files.`
    ])
  })

  it('a failure is a warning', () => {
    const dir = path.join(root, 'configs', 'docker')
    const {made} = openDockerConfigDir({kind: 'path', dir}, RUN, env, exportVariable)
    failing.rmdirSync = () => {
      throw Object.assign(new Error('EBUSY: resource busy'), {code: 'EBUSY'})
    }
    core.resetCore()
    close(made)
    expect(core.lines(core.warning)).toEqual([`Could not remove the Docker config directory ${dir}: EBUSY: resource busy`])
  })
})

describe('closeDockerConfigDir: a forged state never makes it delete what main did not make', () => {
  /** A directory with files in it, at `dir`, that must survive. */
  function victim(dir: string): string[] {
    fs.mkdirSync(path.join(dir, 'sub'), {recursive: true})
    fs.writeFileSync(path.join(dir, 'precious'), 'data')
    fs.writeFileSync(path.join(dir, 'sub', 'more'), 'data')
    return tree(dir)
  }
  const NAME = 'cloud-registry-login-config-0123456789abcdef01234567'

  it.each<[string, () => {kind: string; dir: string}, string]>([
    ['an isolated directory outside RUNNER_TEMP', () => ({kind: 'isolated', dir: path.join(root, NAME)}), 'it is not a directory this action makes'],
    ['an isolated directory deeper under RUNNER_TEMP', () => ({kind: 'isolated', dir: path.join(temp, 'x', NAME)}), 'it is not a directory this action makes'],
    ['RUNNER_TEMP itself', () => ({kind: 'isolated', dir: temp}), 'it is not a directory this action makes'],
    [
      'a directory under RUNNER_TEMP with another name',
      () => ({kind: 'isolated', dir: path.join(temp, 'cloud-registry-login-config-x')}),
      'it is not a directory this action makes'
    ],
    ['our name, but no mark', () => ({kind: 'isolated', dir: path.join(temp, NAME)}), 'it holds no mark of this run'],
    ['a created path with no mark', () => ({kind: 'created', dir: path.join(root, 'home')}), 'it holds no mark of this run']
  ])('%s: left alone, with a warning', (_, state, reason) => {
    const {dir} = state()
    const before = victim(dir)
    close(state())
    expect(tree(dir)).toEqual(before)
    expect(core.lines(core.warning)).toEqual([expect.stringContaining(`${dir}, named in the saved state, was left alone: ${reason}`)])
  })

  it.each<[string, unknown]>([
    ["another run's", {run: OTHER_RUN, created: 'DIR'}],
    ['one not naming the directory', {run: RUN, created: '/elsewhere'}],
    ['one naming a parent, for an isolated directory', {run: RUN, created: 'TEMP'}],
    ['one with a relative path', {run: RUN, created: 'x'}],
    ['one that is not JSON', '{'],
    ['null', null]
  ])('a mark that is %s: left alone', (_, content) => {
    const dir = path.join(temp, NAME)
    const before = victim(dir)
    const text = JSON.stringify(content).replace('"DIR"', JSON.stringify(dir)).replace('"TEMP"', JSON.stringify(temp))
    fs.writeFileSync(path.join(dir, MARK_FILE), typeof content === 'string' ? content : text)
    const withMark = tree(dir)
    close({kind: 'isolated', dir})
    expect(tree(dir)).toEqual(withMark)
    expect(before.length + 1).toBe(withMark.length)
    expect(core.lines(core.warning)).toEqual([expect.stringContaining('it holds no mark of this run')])
  })

  it('a created path whose mark names a directory that is not it or a parent: left alone', () => {
    const dir = path.join(root, 'mine')
    victim(dir)
    fs.writeFileSync(path.join(dir, MARK_FILE), JSON.stringify({run: RUN, created: path.join(root, 'min')}))
    const before = tree(dir)
    close({kind: 'created', dir})
    expect(tree(dir)).toEqual(before)
  })

  it('our name with our mark, but a symlink to a directory: left alone, link and target', () => {
    const target = path.join(root, 'target')
    const before = victim(target)
    fs.writeFileSync(path.join(target, MARK_FILE), JSON.stringify({run: RUN, created: path.join(temp, NAME)}))
    fs.symlinkSync(target, path.join(temp, NAME))
    close({kind: 'isolated', dir: path.join(temp, NAME)})
    expect(tree(target).filter(e => !e.startsWith(MARK_FILE))).toEqual(before)
    expect(fs.lstatSync(path.join(temp, NAME)).isSymbolicLink()).toBe(true)
    expect(core.lines(core.warning)).toEqual([expect.stringContaining('it is not a directory (a symlink, say)')])
  })

  it("our name with our mark, but another user's directory: left alone", () => {
    const dir = path.join(temp, NAME)
    victim(dir)
    fs.writeFileSync(path.join(dir, MARK_FILE), JSON.stringify({run: RUN, created: dir}))
    const before = tree(dir)
    const uid = jest.spyOn(process, 'getuid').mockReturnValue(12345)
    try {
      close({kind: 'isolated', dir})
    } finally {
      uid.mockRestore()
    }
    expect(tree(dir)).toEqual(before)
    expect(core.lines(core.warning)).toEqual([expect.stringContaining('it belongs to another user')])
  })

  it('a directory that cannot be looked at: a warning', () => {
    failing.lstatSync = () => {
      throw Object.assign(new Error('EACCES: permission denied'), {code: 'EACCES'})
    }
    close({kind: 'isolated', dir: path.join(temp, NAME)})
    expect(core.lines(core.warning)).toEqual([`Could not remove the isolated Docker config directory ${path.join(temp, NAME)}: EACCES: permission denied`])
  })

  function close(dockerConfigDir: {kind: string; dir: string}): void {
    closeDockerConfigDir({run: RUN, logout: true, dockerConfigDir: dockerConfigDir as never}, env)
  }
})

describe('exporting DOCKER_CONFIG to the later steps', () => {
  it('through GITHUB_ENV, with core.exportVariable', () => {
    env.GITHUB_ENV = path.join(root, 'github-env')
    const dir = path.join(root, 'mine')
    openDockerConfigDir({kind: 'path', dir}, RUN, env)
    expect(core.exportVariable.mock.calls).toEqual([['DOCKER_CONFIG', dir]])
    expect(core.warning).not.toHaveBeenCalled()
  })

  it('without GITHUB_ENV: a warning saying what to set, and no set-env command', () => {
    const dir = path.join(root, 'mine')
    openDockerConfigDir({kind: 'path', dir}, RUN, env)
    expect(core.exportVariable).not.toHaveBeenCalled()
    expect(core.lines(core.warning)).toEqual([
      `GITHUB_ENV is not set, so DOCKER_CONFIG could not be set for the later steps of the job: set DOCKER_CONFIG=${dir} in those that use docker.`
    ])
  })
})
