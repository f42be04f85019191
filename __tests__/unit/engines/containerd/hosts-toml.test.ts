import {parse} from 'smol-toml'
import {renderHostsToml, tlsSettings, whatWeAdd, withoutOurHeader} from '../../../../src/engines/containerd/hosts-toml.js'
import {basicAuthorization, sha256, type Added} from '../../../../src/engines/containerd/record.js'

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

describe('whatWeAdd', () => {
  it.each<[string, string | undefined, Added]>([
    ['no file', undefined, 'file'],
    ['an empty file', '', 'table'],
    ['a file with mirrors only', EXISTING_WITH_MIRROR, 'table'],
    ['our table without headers', `[host."${URL_}"]\ncapabilities = ["pull"]\n`, 'header'],
    ['our table with other headers', `[host."${URL_}".header]\nX-A = ["1"]\n`, 'header'],
    ['our table with an Authorization', `[host."${URL_}".header]\nauthorization = ["Basic eDp5"]\n`, 'replaced'],
    ['our table with exactly our Authorization', `[host."${URL_}".header]\nAuthorization = ["${AUTH}"]\n`, 'same']
  ])('%s → %s', (_name, existing, added) => expect(whatWeAdd(URL_, existing, sha256(AUTH))).toBe(added))
})

describe('withoutOurHeader', () => {
  const authSha = sha256(AUTH)
  const ours = renderHostsToml(URL_, AUTH)

  it('undefined when we made the file and only our own table would be left (the file should go)', () => {
    expect(withoutOurHeader(ours, URL_, authSha, 'file')).toBeUndefined()
    expect(withoutOurHeader(`${ours}\n\n`, URL_, authSha, 'file')).toBeUndefined()
  })

  it('keeps what someone added to a file we made, drops our table', () => {
    const changed = `${ours}\n[host."https://mirror.example"]\ncapabilities = ["pull"]\n`
    expect(parse(withoutOurHeader(changed, URL_, authSha, 'file') as string)).toEqual({server: URL_, host: {'https://mirror.example': {capabilities: ['pull']}}})
    const topLevel = `ca = "/etc/ca.pem"\n${ours}`
    expect(parse(withoutOurHeader(topLevel, URL_, authSha, 'file') as string)).toEqual({server: URL_, ca: '/etc/ca.pem'})
  })

  it('keeps our table when someone added a setting to it', () => {
    const changed = ours.replace('capabilities', 'skip_verify = true\ncapabilities')
    expect(parse(withoutOurHeader(changed, URL_, authSha, 'file') as string)).toEqual({
      server: URL_,
      host: {[URL_]: {skip_verify: true, capabilities: ['pull', 'resolve', 'push']}}
    })
  })

  it('null when our header is no longer there', () => {
    expect(withoutOurHeader(ours.replace(AUTH, 'Basic c29tZW9uZTplbHNl'), URL_, authSha, 'file')).toBeNull()
    expect(withoutOurHeader(`server = "${URL_}"\n`, URL_, authSha, 'file')).toBeNull()
    expect(withoutOurHeader(ours, 'https://other.example', authSha, 'file')).toBeNull()
  })

  it('takes only our value out of several Authorization values', () => {
    const both = ours.replace(`"${AUTH}"`, `"Basic eDp5", "${AUTH}"`)
    expect(parse(withoutOurHeader(both, URL_, authSha, 'file') as string)).toEqual({
      server: URL_,
      host: {[URL_]: {capabilities: ['pull', 'resolve', 'push'], header: {Authorization: ['Basic eDp5']}}}
    })
  })

  it('removes only our table from a file that had mirrors, keeping a change made after us', () => {
    const written = renderHostsToml(URL_, AUTH, EXISTING_WITH_MIRROR)
    const changed = written.replace('X-Mirror-Token = [ "abc" ]', 'X-Mirror-Token = [ "rotated" ]')
    expect(changed).not.toBe(written)
    expect(parse(withoutOurHeader(changed, URL_, authSha, 'table') as string)).toEqual({
      server: URL_,
      ca: '/etc/certs/corp-ca.pem',
      host: {'https://mirror.example': {capabilities: ['pull', 'resolve'], ca: '/etc/certs/mirror.pem', header: {'X-Mirror-Token': ['rotated']}}}
    })
  })

  it.each<Added>(['header', 'replaced'])('keeps a table that was there (%s), without our header', added => {
    const original = `[host."${URL_}"]\n  capabilities = ["pull", "resolve", "push"]\n  [host."${URL_}".header]\n    X-Keep = ["1"]\n`
    const changed = `${renderHostsToml(URL_, AUTH, original)}\n[host."https://added.example"]\ncapabilities = ["pull"]\n`
    expect(parse(withoutOurHeader(changed, URL_, authSha, added) as string)).toEqual({
      host: {[URL_]: {capabilities: ['pull', 'resolve', 'push'], header: {'X-Keep': ['1']}}, 'https://added.example': {capabilities: ['pull']}}
    })
  })

  it('throws on text that is not TOML', () => {
    expect(() => withoutOurHeader('not = [valid', URL_, authSha, 'file')).toThrow()
  })
})

describe('tlsSettings', () => {
  it.each<[string, string | undefined, {caFiles: string[]; skipVerify: boolean}]>([
    ['no file', undefined, {caFiles: [], skipVerify: false}],
    ['not TOML', 'x = [', {caFiles: [], skipVerify: false}],
    ['a top-level ca for our server', `server = "${URL_}"\nca = "/etc/ca.pem"\n`, {caFiles: ['/etc/ca.pem'], skipVerify: false}],
    ['a top-level ca for another server', `server = "https://other"\nca = "/etc/ca.pem"\n`, {caFiles: [], skipVerify: false}],
    [
      'our table: ca list, relative, skip_verify',
      `[host."${URL_}"]\nca = ["a.pem", "/b.pem"]\nskip_verify = true\n`,
      {caFiles: ['/hosts/h/a.pem', '/b.pem'], skipVerify: true}
    ],
    ['a mirror table only', EXISTING_WITH_MIRROR.replace(`server = "${URL_}"`, 'server = "https://x"'), {caFiles: [], skipVerify: false}]
  ])('%s', (_name, existing, expected) => expect(tlsSettings(existing, URL_, '/hosts/h')).toEqual(expected))
})
