import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {parse} from 'smol-toml'
import {
  basicAuthorization,
  containerdEngine,
  isHostsFileChange,
  removeEmptyDirs,
  renderHostsToml,
  sha256,
  undoHostsFile,
  withoutOurHeader,
  writeHostsFile,
  type HostsFileChange
} from '../../../src/engines/containerd.js'
import type {EngineContext, Journal} from '../../../src/engines/engine.js'
import {EngineFailure} from '../../../src/engines/failure.js'

const RUN = 'a1b2c3d4e5f6a7b8c9d0e1f2'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const URL_ = `https://${HOST}`
const AUTH = basicAuthorization('cn-north-4@AccessKey', 'f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd')

// A hosts.toml someone already had: a mirror tried first, a CA, headers of their own, comments.
const EXISTING_WITH_MIRROR = `# Pull through our mirror first.
server = "${URL_}"
ca = "/etc/certs/corp-ca.pem"

[host."https://mirror.example"]
  capabilities = ["pull", "resolve"]
  ca = "/etc/certs/mirror.pem"
  # token for the mirror
  [host."https://mirror.example".header]
    X-Mirror-Token = ["abc"]
`

// One RUNNER_TEMP for the file (copies.ts keeps its private directory for the life of the process), and a fresh
// working directory for each test.
let runnerTemp: string
let work: string
beforeAll(() => {
  runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-runner-temp-'))
})
afterAll(() => fs.rmSync(runnerTemp, {recursive: true, force: true}))
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-containerd-'))
})
afterEach(() => fs.rmSync(work, {recursive: true, force: true}))

describe('basicAuthorization', () => {
  it.each([
    ['user', 'pass', 'Basic dXNlcjpwYXNz'],
    ['cn-north-4@AK', 'key', `Basic ${Buffer.from('cn-north-4@AK:key').toString('base64')}`],
    ['ü', 'é', 'Basic w7w6w6k=']
  ])('%s / %s → %s', (user, password, header) => expect(basicAuthorization(user, password)).toBe(header))
})

describe('sha256', () => {
  it('is lowercase hex of SHA-256, the same for a string and its UTF-8 bytes', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256(Buffer.from('abc'))).toBe(sha256('abc'))
  })
})

describe('renderHostsToml', () => {
  it('with no existing file: server, capabilities and the Authorization header, exactly', () => {
    const text = renderHostsToml(URL_, AUTH)
    expect(parse(text)).toEqual({
      server: URL_,
      host: {[URL_]: {capabilities: ['pull', 'resolve', 'push'], header: {Authorization: [AUTH]}}}
    })
    expect(text.endsWith('\n')).toBe(true)
    // The key is spelled exactly `Authorization`; containerd matches header names as written.
    expect(text).toMatch(/^Authorization = \[ ?"Basic [A-Za-z0-9+/=]+" ?\]$/m)
  })

  it('works for a plain-HTTP registry with a port', () => {
    const url = 'http://127.0.0.1:5000'
    expect(parse(renderHostsToml(url, 'Basic eDp5'))).toEqual({
      server: url,
      host: {[url]: {capabilities: ['pull', 'resolve', 'push'], header: {Authorization: ['Basic eDp5']}}}
    })
  })

  it('keeps everything in an existing file and appends our table last', () => {
    const text = renderHostsToml(URL_, AUTH, EXISTING_WITH_MIRROR)
    const doc = parse(text) as Record<string, unknown>
    const before = parse(EXISTING_WITH_MIRROR) as Record<string, unknown>
    expect(doc).toEqual({
      ...before,
      host: {
        ...(before.host as object),
        [URL_]: {capabilities: ['pull', 'resolve', 'push'], header: {Authorization: [AUTH]}}
      }
    })
    expect(Object.keys(doc.host as object)).toEqual(['https://mirror.example', URL_])
    // In the text too: the mirror comes first, so containerd still tries it first.
    const mirrorAt = text.indexOf('[host."https://mirror.example"]')
    const oursAt = text.indexOf(`[host."${URL_}"]`)
    expect(mirrorAt).toBeGreaterThanOrEqual(0)
    expect(oursAt).toBeGreaterThan(mirrorAt)
    expect(text.lastIndexOf('[host.')).toBe(text.indexOf(`[host."${URL_}".header]`))
    expect(text.trimEnd().endsWith(`Authorization = [ "${AUTH}" ]`)).toBe(true)
  })

  it('adds our header to an existing table for our host, keeping its settings and other headers', () => {
    const existing = `server = "${URL_}"

[host."${URL_}"]
  capabilities = ["pull", "resolve"]
  skip_verify = false
  [host."${URL_}".header]
    X-Trace = ["on"]
`
    expect(parse(renderHostsToml(URL_, AUTH, existing))).toEqual({
      server: URL_,
      host: {[URL_]: {capabilities: ['pull', 'resolve'], skip_verify: false, header: {'X-Trace': ['on'], Authorization: [AUTH]}}}
    })
  })

  it.each(['authorization', 'AUTHORIZATION', 'Authorization'])('replaces an existing %s header: one Authorization is sent', name => {
    const existing = `[host."${URL_}".header]\n  ${name} = ["Basic b2xkOm9sZA=="]\n  X-Other = ["1", "2"]\n`
    const text = renderHostsToml(URL_, AUTH, existing)
    const header = (parse(text) as {host: Record<string, {header: Record<string, unknown>}>}).host[URL_].header
    expect(header).toEqual({'X-Other': ['1', '2'], Authorization: [AUTH]})
    expect(text).not.toContain('b2xkOm9sZA==')
  })

  it('drops comments (they come back byte for byte when post restores the original)', () => {
    const text = renderHostsToml(URL_, AUTH, EXISTING_WITH_MIRROR)
    expect(text).not.toContain('# Pull through our mirror first.')
  })

  it('treats an empty existing file as an empty document (no server added)', () => {
    expect(parse(renderHostsToml(URL_, AUTH, ''))).toEqual({
      host: {[URL_]: {capabilities: ['pull', 'resolve', 'push'], header: {Authorization: [AUTH]}}}
    })
  })

  it.each([
    ['unclosed table header', '[host."https://x"\ncapabilities = ["pull"]\n'],
    ['a bare word', 'this is not toml\n'],
    ['a key set twice', 'server = "a"\nserver = "b"\n']
  ])('throws on invalid TOML: %s', (_name, existing) => {
    expect(() => renderHostsToml(URL_, AUTH, existing)).toThrow(/^Invalid TOML document/)
  })
})

describe('withoutOurHeader', () => {
  const ours = renderHostsToml(URL_, AUTH)
  const authSha = sha256(AUTH)

  it('undefined when only our own table would be left (the file should go)', () => {
    expect(withoutOurHeader(ours, URL_, authSha, undefined)).toBeUndefined()
  })

  it('keeps what someone added to a file we created, drops our table', () => {
    const changed = `${ours}\n[host."https://mirror.example"]\ncapabilities = ["pull"]\n`
    const text = withoutOurHeader(changed, URL_, authSha, undefined)
    expect(typeof text).toBe('string')
    expect(parse(text as string)).toEqual({server: URL_, host: {'https://mirror.example': {capabilities: ['pull']}}})
  })

  it('keeps a top-level key someone added to a file we created', () => {
    const changed = `ca = "/etc/ca.pem"\n${ours}`
    expect(parse(withoutOurHeader(changed, URL_, authSha, undefined) as string)).toEqual({server: URL_, ca: '/etc/ca.pem'})
  })

  it('null when our header is no longer there', () => {
    const replaced = ours.replace(AUTH, 'Basic c29tZW9uZTplbHNl')
    expect(withoutOurHeader(replaced, URL_, authSha, undefined)).toBeNull()
    expect(withoutOurHeader(`server = "${URL_}"\n`, URL_, authSha, undefined)).toBeNull()
    expect(withoutOurHeader(ours, 'https://other.example', authSha, undefined)).toBeNull()
  })

  it('finds our value among several Authorization values', () => {
    const both = ours.replace(`"${AUTH}"`, `"Basic eDp5", "${AUTH}"`)
    expect(withoutOurHeader(both, URL_, authSha, undefined)).toBeUndefined()
  })

  it('removes only our table from a file that had mirrors, keeping a change made after us', () => {
    const written = renderHostsToml(URL_, AUTH, EXISTING_WITH_MIRROR)
    const changed = written.replace('X-Mirror-Token = [ "abc" ]', 'X-Mirror-Token = [ "rotated" ]')
    expect(changed).not.toBe(written)
    const doc = parse(withoutOurHeader(changed, URL_, authSha, EXISTING_WITH_MIRROR) as string)
    expect(doc).toEqual({
      server: URL_,
      ca: '/etc/certs/corp-ca.pem',
      host: {'https://mirror.example': {capabilities: ['pull', 'resolve'], ca: '/etc/certs/mirror.pem', header: {'X-Mirror-Token': ['rotated']}}}
    })
  })

  it('puts back the original Authorization (under its original spelling) of a table that existed', () => {
    const original = `[host."${URL_}"]\n  capabilities = ["pull"]\n  [host."${URL_}".header]\n    authorization = ["Basic b2xkOm9sZA=="]\n    X-Keep = ["1"]\n`
    const written = renderHostsToml(URL_, AUTH, original)
    const changed = `${written}\n[host."https://added.example"]\ncapabilities = ["pull"]\n`
    expect(parse(withoutOurHeader(changed, URL_, authSha, original) as string)).toEqual({
      host: {
        [URL_]: {capabilities: ['pull'], header: {'X-Keep': ['1'], authorization: ['Basic b2xkOm9sZA==']}},
        'https://added.example': {capabilities: ['pull']}
      }
    })
  })

  it('drops the header table when our Authorization was all it held', () => {
    const original = `[host."${URL_}"]\n  capabilities = ["pull"]\n`
    const written = renderHostsToml(URL_, AUTH, original)
    const changed = written.replace('capabilities = [ "pull" ]', 'capabilities = [ "pull", "resolve" ]')
    expect(parse(withoutOurHeader(changed, URL_, authSha, original) as string)).toEqual({
      host: {[URL_]: {capabilities: ['pull', 'resolve']}}
    })
  })
})

describe('writeHostsFile / undoHostsFile', () => {
  const mode = (p: string): number => fs.statSync(p).mode & 0o7777


  it('new file: creates dirs 0700 and the file 0600, records the created dirs deepest first', () => {
    const hostsDir = path.join(work, 'a', 'certs.d')
    const change = writeHostsFile(hostsDir, HOST, URL_, AUTH, runnerTemp)
    const file = path.join(hostsDir, HOST, 'hosts.toml')
    const text = fs.readFileSync(file, 'utf8')

    expect(change).toEqual({
      host: HOST,
      file,
      hostUrl: URL_,
      writtenSha256: sha256(text),
      authorizationSha256: sha256(AUTH),
      createdDirs: [path.join(hostsDir, HOST), hostsDir, path.join(work, 'a')]
    })
    expect(text).toBe(renderHostsToml(URL_, AUTH))
    expect(mode(file)).toBe(0o600)
    for (const dir of change.createdDirs) expect(mode(dir)).toBe(0o700)
    // no temporary file left next to it
    expect(fs.readdirSync(path.join(hostsDir, HOST))).toEqual(['hosts.toml'])
  })

  it('records only the dirs it created', () => {
    const change = writeHostsFile(work, 'registry.local:5000', 'http://registry.local:5000', AUTH, runnerTemp)
    expect(change.createdDirs).toEqual([path.join(work, 'registry.local:5000')])
    expect(change.file).toBe(path.join(work, 'registry.local:5000', 'hosts.toml'))
  })

  it('new file, undone while unchanged: file and created dirs go, the hosts dir parent stays', () => {
    const hostsDir = path.join(work, 'a', 'certs.d')
    const change = writeHostsFile(hostsDir, HOST, URL_, AUTH, runnerTemp)
    expect(undoHostsFile(change)).toBe('removed')
    expect(fs.existsSync(path.join(work, 'a'))).toBe(false)
    expect(fs.readdirSync(work)).toEqual([])
  })

  it('existing file: kept aside, then restored byte for byte with its original mode', () => {
    const dir = path.join(work, HOST)
    fs.mkdirSync(dir)
    const file = path.join(dir, 'hosts.toml')
    const originalBytes = Buffer.from(EXISTING_WITH_MIRROR.replace(/\n/g, '\r\n') + '# trailing comment, no newline', 'utf8')
    fs.writeFileSync(file, originalBytes)
    fs.chmodSync(file, 0o644)

    const change = writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)
    expect(change.createdDirs).toEqual([])
    expect(change.originalMode).toBe(0o644)
    expect(change.backupFile).toBeDefined()
    const backupFile = change.backupFile as string
    expect(backupFile.startsWith(runnerTemp + path.sep)).toBe(true)
    expect(fs.readFileSync(backupFile).equals(originalBytes)).toBe(true)
    expect(mode(backupFile)).toBe(0o600)
    expect(mode(path.dirname(backupFile))).toBe(0o700)
    expect(mode(file)).toBe(0o600)
    const written = parse(fs.readFileSync(file, 'utf8')) as {host: Record<string, unknown>}
    expect(Object.keys(written.host)).toEqual(['https://mirror.example', URL_])

    expect(undoHostsFile(change)).toBe('restored')
    expect(fs.readFileSync(file).equals(originalBytes)).toBe(true)
    expect(mode(file)).toBe(0o644)
    expect(fs.existsSync(backupFile)).toBe(false)
    expect(fs.readdirSync(dir)).toEqual(['hosts.toml'])
  })

  it('file changed after we wrote it (we created it): only our table goes, their change stays', () => {
    const change = writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)
    fs.appendFileSync(change.file, '\n[host."https://mirror.example"]\ncapabilities = ["pull"]\n')
    fs.chmodSync(change.file, 0o640)

    expect(undoHostsFile(change)).toBe('cleaned')
    const text = fs.readFileSync(change.file, 'utf8')
    expect(text).not.toContain(AUTH)
    expect(parse(text)).toEqual({server: URL_, host: {'https://mirror.example': {capabilities: ['pull']}}})
    expect(mode(change.file)).toBe(0o640)
    // the dir holds a file now: it stays
    expect(fs.existsSync(path.dirname(change.file))).toBe(true)
  })

  it('file changed after we wrote it (it existed): our header goes, their change and the original stay', () => {
    const dir = path.join(work, HOST)
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'hosts.toml'), EXISTING_WITH_MIRROR)
    const change = writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)
    fs.writeFileSync(change.file, fs.readFileSync(change.file, 'utf8').replace('"abc"', '"rotated"'))

    expect(undoHostsFile(change)).toBe('cleaned')
    const text = fs.readFileSync(change.file, 'utf8')
    expect(text).not.toContain(AUTH)
    expect(parse(text)).toEqual({
      server: URL_,
      ca: '/etc/certs/corp-ca.pem',
      host: {'https://mirror.example': {capabilities: ['pull', 'resolve'], ca: '/etc/certs/mirror.pem', header: {'X-Mirror-Token': ['rotated']}}}
    })
    expect(fs.existsSync(change.backupFile as string)).toBe(false)
  })

  it('file we created, changed only by added blank lines: nothing of theirs to keep, so removed', () => {
    const change = writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)
    fs.appendFileSync(change.file, '\n\n')
    expect(undoHostsFile(change)).toBe('removed')
    expect(fs.existsSync(change.file)).toBe(false)
    expect(fs.existsSync(path.dirname(change.file))).toBe(false)
  })

  it('file that no longer holds our header is left as it is', () => {
    const change = writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)
    const theirs = `server = "${URL_}"\n# theirs now\n`
    fs.writeFileSync(change.file, theirs)
    expect(undoHostsFile(change)).toBe('untouched')
    expect(fs.readFileSync(change.file, 'utf8')).toBe(theirs)
  })

  it('file deleted in between (we created it): nothing to do, dirs cleaned up', () => {
    const change = writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)
    fs.rmSync(change.file)
    expect(undoHostsFile(change)).toBe('untouched')
    expect(fs.readdirSync(work)).toEqual([])
  })

  it('file deleted in between (it existed): the original comes back', () => {
    const dir = path.join(work, HOST)
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'hosts.toml'), EXISTING_WITH_MIRROR, {mode: 0o600})
    fs.chmodSync(path.join(dir, 'hosts.toml'), 0o604)
    const change = writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)
    fs.rmSync(change.file)
    expect(undoHostsFile(change)).toBe('restored')
    expect(fs.readFileSync(change.file, 'utf8')).toBe(EXISTING_WITH_MIRROR)
    expect(mode(change.file)).toBe(0o604)
    expect(fs.existsSync(change.backupFile as string)).toBe(false)
  })

  it('invalid existing TOML: throws, and leaves the file, the dirs and the backups as they were', () => {
    const dir = path.join(work, HOST)
    fs.mkdirSync(dir)
    const file = path.join(dir, 'hosts.toml')
    fs.writeFileSync(file, 'not = [valid\n')
    const backupsBefore = fs.readdirSync(runnerTemp).flatMap(d => fs.readdirSync(path.join(runnerTemp, d)))

    expect(() => writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)).toThrow(/is not valid TOML, so it was left as it is/)
    expect(fs.readFileSync(file, 'utf8')).toBe('not = [valid\n')
    expect(fs.readdirSync(dir)).toEqual(['hosts.toml'])
    expect(fs.readdirSync(runnerTemp).flatMap(d => fs.readdirSync(path.join(runnerTemp, d)))).toEqual(backupsBefore)
  })
})

describe('removeEmptyDirs', () => {

  it('removes empty dirs deepest first, whatever the order given, and leaves non-empty ones', () => {
    const a = path.join(work, 'a')
    const ab = path.join(a, 'b')
    const abc = path.join(ab, 'c')
    const ad = path.join(a, 'd')
    fs.mkdirSync(abc, {recursive: true})
    fs.mkdirSync(ad)
    fs.writeFileSync(path.join(ad, 'keep.txt'), 'x')

    removeEmptyDirs([a, ab, abc, ad, abc])
    expect(fs.existsSync(abc)).toBe(false)
    expect(fs.existsSync(ab)).toBe(false)
    expect(fs.existsSync(path.join(ad, 'keep.txt'))).toBe(true)
    expect(fs.existsSync(a)).toBe(true)
  })

  it('ignores dirs that are already gone', () => {
    const gone = path.join(work, 'gone')
    const empty = path.join(work, 'empty')
    fs.mkdirSync(empty)
    removeEmptyDirs([gone, empty])
    expect(fs.readdirSync(work)).toEqual([])
  })

  it('removes shared parents only once every child is gone', () => {
    const parent = path.join(work, 'certs.d')
    const one = path.join(parent, 'one.example')
    const two = path.join(parent, 'two.example')
    fs.mkdirSync(one, {recursive: true})
    fs.mkdirSync(two)
    removeEmptyDirs([one, parent])
    expect(fs.existsSync(parent)).toBe(true)
    removeEmptyDirs([two, parent])
    expect(fs.existsSync(parent)).toBe(false)
  })
})

describe('writeHostsFile / undoHostsFile: a symlinked hosts.toml', () => {

  it('is changed where it points; the link stays a link, and post restores the target', () => {
    const managed = path.join(work, 'managed')
    fs.mkdirSync(managed)
    const target = path.join(managed, 'swr.toml')
    fs.writeFileSync(target, EXISTING_WITH_MIRROR)
    const hostsDir = path.join(work, 'certs.d')
    fs.mkdirSync(path.join(hostsDir, HOST), {recursive: true})
    const link = path.join(hostsDir, HOST, 'hosts.toml')
    fs.symlinkSync(target, link)

    const change = writeHostsFile(hostsDir, HOST, URL_, AUTH, runnerTemp)
    expect(change.file).toBe(fs.realpathSync(target))
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true)
    expect(fs.readlinkSync(link)).toBe(target)
    expect(fs.readFileSync(link, 'utf8')).toContain(AUTH)
    // the temporary file was made next to the target, and is gone
    expect(fs.readdirSync(managed)).toEqual(['swr.toml'])

    expect(undoHostsFile(change)).toBe('restored')
    expect(fs.readlinkSync(link)).toBe(target)
    expect(fs.readFileSync(target, 'utf8')).toBe(EXISTING_WITH_MIRROR)
  })

  it.each<[string, (link: string, other: string) => void]>([
    ['removed', link => fs.rmSync(link)],
    ['pointed elsewhere', (link, other) => {
      fs.rmSync(link)
      fs.symlinkSync(other, link)
    }]
  ])('link %s after main: post still owns the former target while it holds our header, and restores it', (_name, change_) => {
    const managed = path.join(work, 'managed')
    fs.mkdirSync(managed)
    const target = path.join(managed, 'swr.toml')
    const other = path.join(managed, 'other.toml')
    fs.writeFileSync(target, EXISTING_WITH_MIRROR)
    fs.writeFileSync(other, EXISTING_WITH_MIRROR)
    const hostsDir = path.join(work, 'certs.d')
    fs.mkdirSync(path.join(hostsDir, HOST), {recursive: true})
    const link = path.join(hostsDir, HOST, 'hosts.toml')
    fs.symlinkSync(target, link)

    const change = writeHostsFile(hostsDir, HOST, URL_, AUTH, runnerTemp)
    expect(change.link).toBe(link)
    change_(link, other)
    const saved = JSON.parse(JSON.stringify(change)) as HostsFileChange
    expect(isHostsFileChange(saved, hostsDir, runnerTemp)).toBe(true)
    expect(undoHostsFile(saved)).toBe('restored')
    expect(fs.readFileSync(target, 'utf8')).toBe(EXISTING_WITH_MIRROR)
    // once the former target no longer holds our header, it is not ours to touch
    expect(isHostsFileChange(saved, hostsDir, runnerTemp)).toBe(false)
    expect(isHostsFileChange({...saved, link: path.join(hostsDir, 'other.example.com', 'hosts.toml')}, hostsDir, runnerTemp)).toBe(false)
  })

  it('pointing nowhere: throws, and leaves the link and the directories as they were', () => {
    const hostsDir = path.join(work, 'certs.d')
    fs.mkdirSync(path.join(hostsDir, HOST), {recursive: true})
    const link = path.join(hostsDir, HOST, 'hosts.toml')
    fs.symlinkSync(path.join(work, 'gone.toml'), link)

    expect(() => writeHostsFile(hostsDir, HOST, URL_, AUTH, runnerTemp)).toThrow(`${link} is a symlink to a file that does not exist`)
    expect(fs.readlinkSync(link)).toBe(path.join(work, 'gone.toml'))
    expect(fs.existsSync(path.join(work, 'gone.toml'))).toBe(false)
  })

  it('a hosts.toml that is a directory: throws, and leaves it as it is', () => {
    const blocker = path.join(work, HOST, 'hosts.toml')
    fs.mkdirSync(blocker, {recursive: true})
    expect(() => writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)).toThrow(/EISDIR/)
    expect(fs.statSync(blocker).isDirectory()).toBe(true)
    expect(fs.readdirSync(path.join(work, HOST))).toEqual(['hosts.toml'])
  })
})

describe('undoHostsFile: owner and failures', () => {
  beforeEach(() => {
    fs.mkdirSync(path.join(work, HOST))
    fs.writeFileSync(path.join(work, HOST, 'hosts.toml'), EXISTING_WITH_MIRROR)
  })

  it('gives the restored file back to its original owner when it may (root), and keeps it ours when not', () => {
    const change = writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)
    const us = process.getuid?.() ?? 0
    const someoneElse = {uid: us + 4242, gid: (process.getgid?.() ?? 0) + 4242}
    expect(undoHostsFile({...change, originalOwner: someoneElse})).toBe('restored')
    const st = fs.statSync(change.file)
    expect(st.uid).toBe(us === 0 ? someoneElse.uid : us)
    expect(fs.readFileSync(change.file, 'utf8')).toBe(EXISTING_WITH_MIRROR)
  })

  it('when the original cannot be put back, throws and keeps the copy for another try, with no temporary file left', () => {
    const change = writeHostsFile(work, HOST, URL_, AUTH, runnerTemp)
    fs.rmSync(path.join(work, HOST), {recursive: true})
    expect(() => undoHostsFile(change)).toThrow(/ENOENT/)
    expect(fs.readFileSync(change.backupFile as string, 'utf8')).toBe(EXISTING_WITH_MIRROR)
    expect(fs.readdirSync(work)).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------------------------------

/** A journal that remembers what it was told, in order. */
function recordingJournal(): Journal<HostsFileChange> & {events: string[]; records: HostsFileChange[]} {
  const events: string[] = []
  const records: HostsFileChange[] = []
  return {
    events,
    records,
    add: record => {
      events.push('add')
      records.push(record)
    },
    drop: () => void events.push('drop')
  }
}

describe('containerdEngine', () => {
  let hostsDir: string
  const warnings: string[] = []

  function context(onPath: string[] = []): EngineContext {
    return {
      places: {hostsDir, dockerConfig: path.join(work, 'docker'), tempDir: runnerTemp},
      run: RUN,
      which: async tool => (onPath.includes(tool) ? `/usr/local/bin/${tool}` : ''),
      env: {},
      log: () => undefined,
      warn: line => void warnings.push(line)
    }
  }
  const credential = {registry: {scheme: 'https' as const, host: HOST}, username: 'cn-north-4@AK', password: 'the-login-key'}

  beforeEach(() => {
    hostsDir = path.join(work, 'certs.d')
    warnings.length = 0
  })

  it.each<[string[], string[]]>([
    [[], []],
    [['ctr'], ['ctr']],
    [['nerdctl'], ['nerdctl']],
    [['containerd', 'ctr', 'docker'], ['ctr', 'containerd']],
    [['ctr', 'nerdctl', 'containerd'], ['ctr', 'nerdctl', 'containerd']]
  ])('with %j on PATH it detects %j, and never says anything is missing', async (onPath, found) => {
    const engine = containerdEngine(context(onPath))
    expect(await engine.detect()).toEqual(found)
    expect(await engine.unusable()).toBeUndefined()
  })

  it('names its tools, its hosts directory, and its output', () => {
    const engine = containerdEngine(context())
    expect(engine.name).toBe('containerd')
    expect(engine.tools).toEqual(['ctr', 'nerdctl', 'containerd'])
    expect(engine.describe?.()).toBe(`containerd hosts directory: ${hostsDir}`)
    expect(engine.outputs?.(true)).toEqual({'hosts-dir': hostsDir})
    expect(engine.outputs?.(false)).toEqual({'hosts-dir': ''})
  })

  it('login writes the hosts.toml with Basic credentials, then notes the change', async () => {
    const engine = containerdEngine(context())
    const journal = recordingJournal()
    const {record, summary} = await engine.login(credential, journal)
    const file = path.join(hostsDir, HOST, 'hosts.toml')

    expect(summary).toBe(`containerd (${file})`)
    expect(record.file).toBe(file)
    expect(journal.records).toEqual([record])
    expect(journal.events).toEqual(['add'])
    expect(parse(fs.readFileSync(file, 'utf8'))).toEqual({
      server: URL_,
      host: {[URL_]: {capabilities: ['pull', 'resolve', 'push'], header: {Authorization: [basicAuthorization('cn-north-4@AK', 'the-login-key')]}}}
    })
    expect(engine.owns(record)).toBe(true)
    expect(engine.label(record)).toEqual({host: HOST, thing: `the credential from ${file}`})
  })

  it('login whose note cannot be saved takes the file back, so no credential is left that post would not know of', async () => {
    const engine = containerdEngine(context())
    const failing = {
      add: () => {
        throw new Error('GITHUB_STATE is not writable')
      },
      drop: () => undefined
    }
    await expect(engine.login(credential, failing)).rejects.toThrow('GITHUB_STATE is not writable')
    expect(fs.existsSync(path.join(hostsDir, HOST, 'hosts.toml'))).toBe(false)
    expect(fs.existsSync(hostsDir)).toBe(false)
  })

  it('login to a plain-HTTP registry with a port uses an http:// host table', async () => {
    const engine = containerdEngine(context())
    const {record} = await engine.login({...credential, registry: {scheme: 'http', host: '127.0.0.1:5000'}}, recordingJournal())
    expect(record.file).toBe(path.join(hostsDir, '127.0.0.1:5000', 'hosts.toml'))
    expect(record.hostUrl).toBe('http://127.0.0.1:5000')
    expect(Object.keys((parse(fs.readFileSync(record.file, 'utf8')) as {host: object}).host)).toEqual(['http://127.0.0.1:5000'])
  })

  it.each<[string, () => void, RegExp]>([
    [
      'the hosts directory is under a file',
      () => {
        fs.mkdirSync(work, {recursive: true})
        fs.writeFileSync(path.join(work, 'file'), '')
        hostsDir = path.join(work, 'file', 'certs.d')
      },
      /ENOTDIR/
    ],
    [
      'an existing hosts.toml is not TOML',
      () => {
        fs.mkdirSync(path.join(hostsDir, HOST), {recursive: true})
        fs.writeFileSync(path.join(hostsDir, HOST, 'hosts.toml'), 'not = [valid\n')
      },
      /is not valid TOML, so it was left as it is/
    ]
  ])('login fails as EngineFailure "other" when %s, notes nothing', async (_name, arrange, cause) => {
    arrange()
    const journal = recordingJournal()
    const error = await containerdEngine(context()).login(credential, journal).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EngineFailure)
    const failure = error as EngineFailure
    expect(failure.kind).toBe('other')
    expect(failure.transient).toBe(false)
    expect(failure.detail).toBe('')
    expect(failure.message).toMatch(/^could not write containerd credentials: /)
    expect(failure.message).toMatch(cause)
    expect(failure.message.endsWith(`. Check 'hosts-dir' (${hostsDir}).`)).toBe(true)
    expect(journal.events).toEqual([])
  })

  it.each<[string, (file: string) => void, string]>([
    ['unchanged', () => undefined, 'removed'],
    ['changed since', file => fs.appendFileSync(file, '\n[host."https://mirror.example"]\ncapabilities = ["pull"]\n'), 'changed since the main step: took out only our Authorization header'],
    ['no longer ours', file => fs.writeFileSync(file, `server = "${URL_}"\n`), 'no longer holds our credential: left as it is']
  ])('undo of a file it created, %s', async (_name, meanwhile, said) => {
    const engine = containerdEngine(context())
    const {record} = await engine.login(credential, recordingJournal())
    meanwhile(record.file)
    expect(await engine.undo(record)).toBe(`containerd ${record.file} ${said}`)
    const left = fs.existsSync(record.file) ? fs.readFileSync(record.file, 'utf8') : ''
    expect(left).not.toContain(basicAuthorization(credential.username, credential.password))
  })

  it('undo of a file that was there before puts it back', async () => {
    fs.mkdirSync(path.join(hostsDir, HOST), {recursive: true})
    fs.writeFileSync(path.join(hostsDir, HOST, 'hosts.toml'), EXISTING_WITH_MIRROR)
    const engine = containerdEngine(context())
    const {record} = await engine.login(credential, recordingJournal())
    expect(await engine.undo(record)).toBe(`containerd ${record.file} restored to what it was before`)
    expect(fs.readFileSync(record.file, 'utf8')).toBe(EXISTING_WITH_MIRROR)
  })
})

describe('isHostsFileChange and owns(): only records within the places given', () => {
  let hostsDir: string
  let change: HostsFileChange

  beforeEach(() => {
    hostsDir = path.join(work, 'etc', 'certs.d')
    fs.mkdirSync(path.join(hostsDir, HOST), {recursive: true})
    fs.writeFileSync(path.join(hostsDir, HOST, 'hosts.toml'), EXISTING_WITH_MIRROR, {mode: 0o644})
    // a change with every optional part: a backup, the original mode and owner
    change = writeHostsFile(hostsDir, HOST, URL_, AUTH, runnerTemp)
  })

  const owns = (value: unknown): boolean => isHostsFileChange(JSON.parse(JSON.stringify(value)), hostsDir, runnerTemp)
  const variant = (patch: Record<string, unknown>): Record<string, unknown> => ({...change, ...patch})

  it('accepts the changes writeHostsFile makes, read back from JSON', () => {
    expect(change.backupFile).toBeDefined()
    expect(change.originalOwner).toBeDefined()
    expect(owns(change)).toBe(true)
    const fresh = writeHostsFile(hostsDir, 'registry.local:5000', 'http://registry.local:5000', AUTH, runnerTemp)
    expect(owns(fresh)).toBe(true)
  })

  it('accepts createdDirs on the way to the host directory', () => {
    expect(owns(variant({createdDirs: [path.join(hostsDir, HOST), hostsDir, path.join(work, 'etc'), work]}))).toBe(true)
    expect(owns(variant({createdDirs: []}))).toBe(true)
  })

  it('accepts the current target of a symlinked hosts.toml, and the plain path once the file is gone', () => {
    const target = path.join(work, 'managed.toml')
    fs.writeFileSync(target, '')
    const link = path.join(hostsDir, HOST, 'hosts.toml')
    fs.rmSync(link)
    fs.symlinkSync(target, link)
    expect(owns(variant({file: fs.realpathSync(target)}))).toBe(true)
    expect(owns(variant({file: link}))).toBe(true)
    // not a former target
    expect(owns(variant({file: path.join(work, 'other.toml')}))).toBe(false)
    fs.rmSync(link)
    expect(owns(variant({file: link}))).toBe(true)
  })

  it.each<[string, (c: HostsFileChange, places: {hostsDir: string; work: string; runnerTemp: string}) => unknown]>([
    ['null', () => null],
    ['a string', () => 'hosts.toml'],
    ['an array', () => []],
    ['no host', c => ({...c, host: undefined})],
    ['host a number', c => ({...c, host: 5000})],
    ['no file', c => ({...c, file: undefined})],
    ['no hostUrl', c => ({...c, hostUrl: undefined})],
    ['no writtenSha256', c => ({...c, writtenSha256: undefined})],
    ['authorizationSha256 a number', c => ({...c, authorizationSha256: 1})],
    ['backupFile a number', c => ({...c, backupFile: 7})],
    ['originalMode negative', c => ({...c, originalMode: -1})],
    ['originalMode not an integer', c => ({...c, originalMode: 1.5})],
    ['originalMode a string', c => ({...c, originalMode: '0644'})],
    ['originalMode with the set-user-ID bit', c => ({...c, originalMode: 0o4755})],
    ['originalOwner null', c => ({...c, originalOwner: null})],
    ['originalOwner without gid', c => ({...c, originalOwner: {uid: 0}})],
    ['originalOwner uid negative', c => ({...c, originalOwner: {uid: -1, gid: 0}})],
    ['createdDirs not an array', c => ({...c, createdDirs: '/'})],
    ['createdDirs with a number', c => ({...c, createdDirs: [1]})],
    ['a host with a path', c => ({...c, host: `${HOST}/x`})],
    ['a host with a scheme', c => ({...c, host: URL_})],
    ['a host in upper case', c => ({...c, host: HOST.toUpperCase()})],
    ['a host going up', c => ({...c, host: '..'})],
    ['an empty host', c => ({...c, host: ''})],
    ['another host than the file is for', c => ({...c, host: 'other.example.com'})],
    ['a file outside the hosts directory', () => ({...change, file: '/etc/passwd'})],
    ['a file next to hosts.toml', (c, p) => ({...c, file: path.join(p.hostsDir, HOST, 'other.toml')})],
    ['a file under another hosts directory', (c, p) => ({...c, file: path.join(p.work, 'certs.d', HOST, 'hosts.toml')})],
    ['a file path with ..', (c, p) => ({...c, file: path.join(p.hostsDir, HOST, 'x') + '/../hosts.toml'})],
    ['a created dir beside the host directory', (c, p) => ({...c, createdDirs: [path.join(p.hostsDir, 'other.example.com')]})],
    ['a created dir below the host directory', (c, p) => ({...c, createdDirs: [path.join(p.hostsDir, HOST, 'sub')]})],
    ['a created dir whose name only starts like a parent', (c, p) => ({...c, createdDirs: [`${p.hostsDir}-x`]})],
    ['a relative created dir', c => ({...c, createdDirs: ['certs.d']})],
    ['a backup outside the temp directory', () => ({...change, backupFile: '/etc/shadow'})],
    ['a backup in the temp directory but not in one of our copy dirs', (c, p) => ({...c, backupFile: path.join(p.runnerTemp, 'x.toml')})],
    ['a backup in a copy dir of another name', (c, p) => ({...c, backupFile: path.join(p.runnerTemp, 'someone-else', 'x.toml')})],
    ['a backup path going up', c => ({...c, backupFile: `${path.dirname(c.backupFile as string)}/../../x`})],
    ['a relative backup', () => ({...change, backupFile: 'cloud-registry-login-x/y'})]
  ])('rejects %s', (_name, make) => {
    expect(owns(make(change, {hostsDir, work, runnerTemp}))).toBe(false)
  })

  it('the engine owns what isHostsFileChange accepts for its own places only', () => {
    const context = (places: {hostsDir: string; tempDir: string}): EngineContext => ({
      places: {...places, dockerConfig: '/nonexistent'},
      run: RUN,
      which: async () => '',
      env: {},
      log: () => undefined,
      warn: () => undefined
    })
    expect(containerdEngine(context({hostsDir, tempDir: runnerTemp})).owns(change)).toBe(true)
    expect(containerdEngine(context({hostsDir: path.join(work, 'elsewhere'), tempDir: runnerTemp})).owns(change)).toBe(false)
    expect(containerdEngine(context({hostsDir, tempDir: work})).owns(change)).toBe(false)
  })
})
