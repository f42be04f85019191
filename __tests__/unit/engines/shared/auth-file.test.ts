import {jest} from '@jest/globals'
import {execFileSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {
  authKey,
  configFile,
  defaultStore,
  dockerConfigJson,
  fileEntry,
  fileSlot,
  fingerprint,
  FINGERPRINT_RE,
  isHelperName,
  privateLoginConfig,
  readDockerConfig,
  storeFor,
  updateDockerConfig
} from '../../../../src/engines/shared/auth-file.js'
import {UserError} from '../../../../src/errors.js'
import {modeOf, readDockerConfigFile, writeDockerConfig} from '../../../support/engine-kit.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const OTHER = 'registry.example.com:5000'
let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-docker-config-'))
})
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

describe('authKey', () => {
  it.each([
    [HOST, HOST],
    [OTHER, OTHER],
    ['docker.io', 'https://index.docker.io/v1/'],
    ['index.docker.io', 'https://index.docker.io/v1/']
  ])('%s → %s', (host, key) => expect(authKey(host)).toBe(key))
})

describe('dockerConfigJson', () => {
  const login = (host: string, username: string, password: string) => ({registry: {scheme: 'https' as const, host}, username, password})
  /** An entry read back as docker and the kubelet read it: base64, then split at the first ':'. */
  const decode = (auth: string): [string, string] => {
    const text = Buffer.from(auth, 'base64').toString('utf8')
    const colon = text.indexOf(':')
    return [text.slice(0, colon), text.slice(colon + 1)]
  }

  it('no login: empty, not an empty document', () => {
    expect(dockerConfigJson([])).toBe('')
  })

  it('one auths entry per registry, under the key docker files it under, each decoding to its user and password', () => {
    const logins = [
      login(HOST, 'cn-north-4@AKEXAMPLE', 'a'.repeat(64)),
      login(OTHER, 'cr_temp_user', 'pw:with:colons'),
      login('docker.io', 'me', ' spaces "quotes" \\ and ünïcødé\n'),
      login('10.0.0.1:5000', 'u', '')
    ]
    const doc = JSON.parse(dockerConfigJson(logins)) as {auths: Record<string, {auth: string}>}
    expect(Object.keys(doc)).toEqual(['auths'])
    expect(Object.keys(doc.auths)).toEqual([HOST, OTHER, 'https://index.docker.io/v1/', '10.0.0.1:5000'])
    expect(Object.values(doc.auths).map(entry => Object.keys(entry))).toEqual([['auth'], ['auth'], ['auth'], ['auth']])
    expect(Object.values(doc.auths).map(entry => decode(entry.auth))).toEqual(logins.map(l => [l.username, l.password]))
  })

  it('is one line, so that the runner masks it as one value', () => {
    expect(dockerConfigJson([login(HOST, 'u', 'line1\nline2')])).not.toMatch(/\n/)
  })
})

describe('configFile', () => {
  it('is config.json in the directory, there or not', () => {
    expect(configFile(dir)).toBe(path.join(dir, 'config.json'))
  })

  it('follows symlinks to the file they name, a dangling one included, relative or absolute', () => {
    const target = path.join(dir, 'dotfiles', 'docker.json')
    fs.mkdirSync(path.join(dir, 'home'))
    fs.symlinkSync('../dotfiles/link.json', path.join(dir, 'home', 'config.json'))
    fs.mkdirSync(path.join(dir, 'dotfiles'))
    fs.symlinkSync(target, path.join(dir, 'dotfiles', 'link.json'))
    expect(configFile(path.join(dir, 'home'))).toBe(target)
  })

  it('refuses a symlink loop', () => {
    fs.symlinkSync('config.json', path.join(dir, 'config.json'))
    expect(() => configFile(dir)).toThrow('too many levels of symbolic links')
  })

  it.each<[NodeJS.Platform, string, string]>([
    ['win32', 'C:\\Users\\runneradmin\\.docker', 'C:\\Users\\runneradmin\\.docker\\config.json'],
    ['win32', 'D:/a/_temp/docker/', 'D:\\a\\_temp\\docker\\config.json'],
    ['darwin', '/Users/runner/.docker', '/Users/runner/.docker/config.json']
  ])("on %s, %s: joined with that platform's separator", (platform, configDir, expected) => {
    expect(configFile(configDir, platform)).toBe(expected)
  })
})

describe('readDockerConfig', () => {
  it('no file: no config', () => {
    expect(readDockerConfig(path.join(dir, 'missing'))).toEqual({file: path.join(dir, 'missing', 'config.json'), config: undefined})
  })

  it.each<[string, string, unknown]>([
    ['an empty file (docker reads it as empty)', '', {}],
    ['blanks only', '\n  \n', {}],
    ['logins and settings', JSON.stringify({auths: {[HOST]: {auth: 'eA=='}}, psFormat: 'x'}), {auths: {[HOST]: {auth: 'eA=='}}, psFormat: 'x'}],
    ['a null auths entry', JSON.stringify({auths: {[HOST]: null}}), {auths: {[HOST]: null}}],
    ['stores', JSON.stringify({credsStore: 'pass', credHelpers: {[HOST]: 'gcr'}}), {credsStore: 'pass', credHelpers: {[HOST]: 'gcr'}}]
  ])('reads %s', (_name, text, config) => {
    const file = writeDockerConfig(dir, text)
    expect(readDockerConfig(dir)).toEqual({file, config})
  })

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"auths": {', /is not valid JSON/],
    ['a JSON array', '[1]', /is not a JSON object/],
    ['JSON null', 'null', /is not a JSON object/],
    ['auths a list', '{"auths": []}', /an 'auths' that is not an object/],
    ['an auths entry a string', `{"auths": {"${HOST}": "x"}}`, new RegExp(`an 'auths' entry for "${HOST.replace(/\./g, '\\.')}" that is not an object`)],
    ['credsStore a number', '{"credsStore": 1}', /a 'credsStore' that is not a string/],
    ['credHelpers with a number', '{"credHelpers": {"a": 1}}', /a 'credHelpers' that is not a map of names/]
  ])('refuses %s with a UserError naming the file and what to do', (_name, text, why) => {
    const file = writeDockerConfig(dir, text)
    let error: unknown
    try {
      readDockerConfig(dir)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(why)
    expect((error as Error).message).toContain(`The Docker config ${file} `)
    expect((error as Error).message).toMatch(/nothing was changed\. Fix the file/)
  })

  // [what, how to make it at config.json, the file the message names (where a link points), why]
  it.each<[string, (file: string) => void, string | undefined, string]>([
    ['a directory', file => fs.mkdirSync(file), undefined, 'is a directory, not a regular file'],
    // A FIFO would block the step for good, waiting for a writer.
    ['a FIFO', file => execFileSync('mkfifo', [file]), undefined, 'is a FIFO, not a regular file'],
    ['a link to /dev/zero', file => fs.symlinkSync('/dev/zero', file), '/dev/zero', 'is a character device, not a regular file'],
    ['over 4 MiB', file => fs.writeFileSync(file, `{"x": "${'a'.repeat(4 * 1024 * 1024)}"}`), undefined, 'is larger than 4194304 bytes (it has 4194313)']
  ])('refuses %s before reading it, naming the file and changing nothing', (_name, make, named, reason) => {
    const file = path.join(dir, 'config.json')
    make(file)
    expect(() => readDockerConfig(dir)).toThrow(
      new UserError(
        `The Docker config ${named ?? file} ${reason}, so no login was written to it and nothing was changed. ` +
          `Fix the file (or remove it if it holds nothing you need), then run the job again.`
      )
    )
  })

  it('a file it cannot open is an error naming it', () => {
    // A dangling link inside a file: ENOTDIR, not "no config".
    fs.writeFileSync(path.join(dir, 'plain'), '')
    fs.symlinkSync(path.join(dir, 'plain', 'config.json'), path.join(dir, 'config.json'))
    expect(() => readDockerConfig(dir)).toThrow(`Cannot read the Docker config ${path.join(dir, 'plain', 'config.json')}: ENOTDIR`)
  })
})

describe('updateDockerConfig', () => {
  it('makes a file that is not there 0600, its own', () => {
    updateDockerConfig(dir, config => {
      config.auths = {[HOST]: {auth: 'bmV3'}}
    })
    expect(modeOf(path.join(dir, 'config.json'))).toBe(0o600)
  })

  it("changes what it is told to, keeps every other key, writes through a rename, keeping the file's mode (as docker login does)", () => {
    const file = writeDockerConfig(dir, {auths: {[OTHER]: {auth: 'b3RoZXI='}}, credHelpers: {'gcr.io': 'gcloud'}, psFormat: 'table', currentContext: 'ci'})
    fs.chmodSync(file, 0o644)
    const inode = fs.statSync(file).ino
    updateDockerConfig(dir, config => {
      config.auths = {...config.auths, [HOST]: {auth: 'bmV3'}}
    })
    expect(readDockerConfigFile(dir)).toEqual({
      auths: {[OTHER]: {auth: 'b3RoZXI='}, [HOST]: {auth: 'bmV3'}},
      credHelpers: {'gcr.io': 'gcloud'},
      psFormat: 'table',
      currentContext: 'ci'
    })
    expect(modeOf(file)).toBe(0o644)
    expect(fs.statSync(file).ino).not.toBe(inode)
    expect(fs.readdirSync(dir)).toEqual(['config.json'])
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^\{\n\t"auths"[\s\S]*\}\n$/)
  })

  it('creates the file, and its directory 0700, when there is none', () => {
    const configDir = path.join(dir, 'new', '.docker')
    updateDockerConfig(configDir, config => {
      config.auths = {[HOST]: {}}
    })
    expect(readDockerConfigFile(configDir)).toEqual({auths: {[HOST]: {}}})
    expect(modeOf(configDir)).toBe(0o700)
  })

  it('writes where a symlinked config.json points: the link stays a link', () => {
    const target = writeDockerConfig(path.join(dir, 'dotfiles'), {psFormat: 'table'})
    const configDir = path.join(dir, '.docker')
    fs.mkdirSync(configDir)
    fs.symlinkSync(target, path.join(configDir, 'config.json'))
    updateDockerConfig(configDir, config => {
      config.auths = {[HOST]: {}}
    })
    expect(fs.lstatSync(path.join(configDir, 'config.json')).isSymbolicLink()).toBe(true)
    expect(readDockerConfigFile(path.join(dir, 'dotfiles'))).toEqual({psFormat: 'table', auths: {[HOST]: {}}})
    expect(fs.readdirSync(configDir)).toEqual(['config.json'])
  })

  it('refuses a file it cannot parse and leaves it exactly as it was', () => {
    const file = writeDockerConfig(dir, '{"auths": {')
    const change = jest.fn()
    expect(() => updateDockerConfig(dir, change)).toThrow(UserError)
    expect(change).not.toHaveBeenCalled()
    expect(fs.readFileSync(file, 'utf8')).toBe('{"auths": {')
  })

  it('takes its temporary file away when the rename fails', () => {
    // Someone makes config.json a directory with something in it while the new file is being prepared.
    expect(() =>
      updateDockerConfig(dir, () => {
        fs.mkdirSync(path.join(dir, 'config.json', 'inside'), {recursive: true})
      })
    ).toThrow()
    expect(fs.readdirSync(dir)).toEqual(['config.json'])
    expect(fs.readdirSync(path.join(dir, 'config.json'))).toEqual(['inside'])
  })
})

describe('storeFor: the store docker would use for a registry', () => {
  const detect = (name: string) => jest.fn(async () => name)
  const file = (): string => path.join(dir, 'config.json')

  it.each<[string, unknown, string, unknown]>([
    [
      'credHelpers for the host wins over credsStore',
      {credsStore: 'pass', credHelpers: {[HOST]: 'ecr-login'}},
      'x',
      {kind: 'helper', name: 'ecr-login', where: `credHelpers["${HOST}"] in FILE`, detected: false}
    ],
    ['an empty credHelpers name: the file, even with credsStore', {credsStore: 'pass', credHelpers: {[HOST]: ''}}, 'x', {kind: 'file'}],
    [
      'credsStore when credHelpers names other hosts',
      {credsStore: 'desktop', credHelpers: {[OTHER]: 'gcr'}},
      'x',
      {kind: 'helper', name: 'desktop', where: 'credsStore in FILE', detected: false}
    ],
    ['credHelpers for another host only: the file (no detection: the file names a store)', {credHelpers: {[OTHER]: 'gcr'}}, 'x', {kind: 'file'}],
    ['auths present, no store: the file (no detection)', {auths: {[OTHER]: {auth: 'eA=='}}}, 'pass', {kind: 'file'}],
    [
      'an empty config: the platform default',
      {},
      'pass',
      {kind: 'helper', name: 'pass', where: expect.stringContaining("docker's default credential store"), detected: true}
    ],
    [
      'empty auths and an empty credsStore: the platform default',
      {auths: {}, credsStore: ''},
      'secretservice',
      {kind: 'helper', name: 'secretservice', where: expect.any(String), detected: true}
    ],
    ['no default on PATH: the file', {psFormat: 'x'}, '', {kind: 'file'}]
  ])('%s', async (_name, config, detected, expected) => {
    writeDockerConfig(dir, config)
    const store = await storeFor(readDockerConfig(dir), HOST, detect(detected))
    expect(JSON.parse(JSON.stringify(store).split(file()).join('FILE'))).toEqual(expected)
  })

  it('no config.json at all: the platform default, named with the file it would go in', async () => {
    const store = await storeFor(readDockerConfig(dir), HOST, detect('pass'))
    expect(store).toEqual({
      kind: 'helper',
      name: 'pass',
      where: `docker's default credential store on this platform (docker-credential-pass is on PATH and ${file()} names no store)`,
      detected: true
    })
  })

  it('asks for the platform default only when the file says nothing about logins', async () => {
    writeDockerConfig(dir, {credsStore: 'pass'})
    const ask = detect('osxkeychain')
    await storeFor(readDockerConfig(dir), HOST, ask)
    expect(ask).not.toHaveBeenCalled()
  })

  it.each(['../../bin/sh', 'x/y', '-rf', 'a b'])('refuses a helper name that is not a plain name (%j)', async name => {
    writeDockerConfig(dir, {credsStore: name})
    await expect(storeFor(readDockerConfig(dir), HOST, detect(''))).rejects.toThrow(UserError)
  })
})

describe('defaultStore: docker/cli DetectDefaultStore', () => {
  const which = (found: string[]) => async (tool: string) => (found.includes(tool) ? `/usr/bin/${tool}` : '')

  it.each<[NodeJS.Platform, string[], string]>([
    ['linux', ['pass', 'docker-credential-pass'], 'pass'],
    ['linux', ['pass'], ''],
    ['linux', ['docker-credential-secretservice'], 'secretservice'],
    ['linux', ['docker-credential-pass'], ''], // no pass: secretservice, which is not there
    ['linux', [], ''],
    ['darwin', ['docker-credential-osxkeychain'], 'osxkeychain'],
    ['darwin', [], ''],
    ['win32', ['docker-credential-wincred'], 'wincred'],
    ['freebsd', ['docker-credential-pass', 'pass'], '']
  ])('%s with %j on PATH → %j', async (platform, found, expected) => {
    expect(await defaultStore(which(found), platform)).toBe(expected)
  })

  it('looks at the platform it runs on by default', async () => {
    expect(await defaultStore(async () => '')).toBe('')
  })
})

describe('isHelperName', () => {
  it.each([
    ['pass', true],
    ['ecr-login', true],
    ['desktop.exe', true],
    ['a_b', true],
    ['', false],
    ['-x', false],
    ['../x', false],
    ['x/y', false],
    ['x y', false],
    ['x'.repeat(65), false]
  ])('%j → %s', (name, ok) => expect(isHelperName(name)).toBe(ok))
})

describe('privateLoginConfig', () => {
  it('keeps the settings, drops logins and stores, and names the host so that docker detects no default store', () => {
    const config = {
      auths: {[OTHER]: {auth: 'eA=='}},
      credsStore: 'desktop',
      credHelpers: {[HOST]: 'ecr-login'},
      currentContext: 'remote',
      HttpHeaders: {'X-Meta': '1'},
      proxies: {default: {httpsProxy: 'http://proxy:3128'}}
    }
    expect(privateLoginConfig(config, HOST)).toEqual({
      currentContext: 'remote',
      HttpHeaders: {'X-Meta': '1'},
      proxies: {default: {httpsProxy: 'http://proxy:3128'}},
      auths: {[HOST]: {}}
    })
    expect(config.auths).toEqual({[OTHER]: {auth: 'eA=='}}) // the real one is not changed
  })

  it('works without a config', () => {
    expect(privateLoginConfig(undefined, HOST)).toEqual({auths: {[HOST]: {}}})
  })
})

describe('fingerprint', () => {
  it('ignores key order, tells values apart, and has the checked form', () => {
    const a = fingerprint({auth: 'eA==', email: 'a@b'})
    expect(fingerprint({email: 'a@b', auth: 'eA=='})).toBe(a)
    expect(fingerprint({auth: 'eQ=='})).not.toBe(a)
    expect(fingerprint({nested: {b: 1, a: [2, {d: 1, c: 0}]}})).toBe(fingerprint({nested: {a: [2, {c: 0, d: 1}], b: 1}}))
    expect(a).toMatch(FINGERPRINT_RE)
    expect(a).not.toContain('eA==')
  })
})

describe('fileSlot', () => {
  const entry = fileEntry('user', 'pass')

  it('fileEntry is base64 of user:password', () => {
    expect(entry).toEqual({auth: Buffer.from('user:pass').toString('base64')})
  })

  it('reads, writes and removes the auths entry for its key, nothing else', async () => {
    writeDockerConfig(dir, {auths: {[OTHER]: {auth: 'eA=='}}, psFormat: 'x'})
    const slot = fileSlot(dir, HOST)
    expect(slot.keepValues).toBe(true)
    expect(await slot.read()).toBeUndefined()
    await slot.write(entry)
    expect(await slot.read()).toEqual(entry)
    expect(readDockerConfigFile(dir)).toEqual({auths: {[OTHER]: {auth: 'eA=='}, [HOST]: entry}, psFormat: 'x'})
    await slot.write(undefined)
    expect(readDockerConfigFile(dir)).toEqual({auths: {[OTHER]: {auth: 'eA=='}}, psFormat: 'x'})
    expect(slot.digest(entry)).toBe(fingerprint(entry))
  })

  it('a null entry reads as none; removing the last entry leaves an empty auths, as docker does', async () => {
    writeDockerConfig(dir, {auths: {[HOST]: null}})
    const slot = fileSlot(dir, HOST)
    expect(await slot.read()).toBeUndefined()
    await slot.write(undefined)
    expect(readDockerConfigFile(dir)).toEqual({auths: {}})
  })
})
