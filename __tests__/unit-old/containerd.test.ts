import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {parse} from 'smol-toml'
import {
  basicAuthorization,
  removeEmptyDirs,
  renderHostsToml,
  sha256,
  undoHostsFile,
  withoutOurHeader,
  writeHostsFile
} from '../../src/containerd.js'

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
  let runnerTemp: string
  let work: string
  let env: NodeJS.ProcessEnv
  const mode = (p: string): number => fs.statSync(p).mode & 0o7777

  // One RUNNER_TEMP for the whole file: containerd.ts keeps its backup directory for the life of the process.
  beforeAll(() => {
    runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-runner-temp-'))
    env = {RUNNER_TEMP: runnerTemp}
  })
  afterAll(() => fs.rmSync(runnerTemp, {recursive: true, force: true}))
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-containerd-'))
  })
  afterEach(() => fs.rmSync(work, {recursive: true, force: true}))

  it('new file: creates dirs 0700 and the file 0600, records the created dirs deepest first', () => {
    const hostsDir = path.join(work, 'a', 'certs.d')
    const change = writeHostsFile(hostsDir, HOST, URL_, AUTH, env)
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
    const change = writeHostsFile(work, 'registry.local:5000', 'http://registry.local:5000', AUTH, env)
    expect(change.createdDirs).toEqual([path.join(work, 'registry.local:5000')])
    expect(change.file).toBe(path.join(work, 'registry.local:5000', 'hosts.toml'))
  })

  it('new file, undone while unchanged: file and created dirs go, the hosts dir parent stays', () => {
    const hostsDir = path.join(work, 'a', 'certs.d')
    const change = writeHostsFile(hostsDir, HOST, URL_, AUTH, env)
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

    const change = writeHostsFile(work, HOST, URL_, AUTH, env)
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
    const change = writeHostsFile(work, HOST, URL_, AUTH, env)
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
    const change = writeHostsFile(work, HOST, URL_, AUTH, env)
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
    const change = writeHostsFile(work, HOST, URL_, AUTH, env)
    fs.appendFileSync(change.file, '\n\n')
    expect(undoHostsFile(change)).toBe('removed')
    expect(fs.existsSync(change.file)).toBe(false)
    expect(fs.existsSync(path.dirname(change.file))).toBe(false)
  })

  it('file that no longer holds our header is left as it is', () => {
    const change = writeHostsFile(work, HOST, URL_, AUTH, env)
    const theirs = `server = "${URL_}"\n# theirs now\n`
    fs.writeFileSync(change.file, theirs)
    expect(undoHostsFile(change)).toBe('untouched')
    expect(fs.readFileSync(change.file, 'utf8')).toBe(theirs)
  })

  it('file deleted in between (we created it): nothing to do, dirs cleaned up', () => {
    const change = writeHostsFile(work, HOST, URL_, AUTH, env)
    fs.rmSync(change.file)
    expect(undoHostsFile(change)).toBe('untouched')
    expect(fs.readdirSync(work)).toEqual([])
  })

  it('file deleted in between (it existed): the original comes back', () => {
    const dir = path.join(work, HOST)
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'hosts.toml'), EXISTING_WITH_MIRROR, {mode: 0o600})
    fs.chmodSync(path.join(dir, 'hosts.toml'), 0o604)
    const change = writeHostsFile(work, HOST, URL_, AUTH, env)
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

    expect(() => writeHostsFile(work, HOST, URL_, AUTH, env)).toThrow(/is not valid TOML, so it was left as it is/)
    expect(fs.readFileSync(file, 'utf8')).toBe('not = [valid\n')
    expect(fs.readdirSync(dir)).toEqual(['hosts.toml'])
    expect(fs.readdirSync(runnerTemp).flatMap(d => fs.readdirSync(path.join(runnerTemp, d)))).toEqual(backupsBefore)
  })
})

describe('removeEmptyDirs', () => {
  let work: string
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-dirs-'))
  })
  afterEach(() => fs.rmSync(work, {recursive: true, force: true}))

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
