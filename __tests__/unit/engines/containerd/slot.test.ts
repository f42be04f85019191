import * as fs from 'node:fs'
import * as path from 'node:path'
import * as toml from '../../../../src/engines/containerd/hosts-toml.js'
import {readHostsFile} from '../../../../src/engines/containerd/files.js'
import {basicAuthorization, sha256, type HostsRecord} from '../../../../src/engines/containerd/record.js'
import {holdsOurs, hostsSlot, Moved} from '../../../../src/engines/containerd/slot.js'
import {modeOf, useTempDir} from '../../../support/engine-kit.js'

const HOST = 'registry.example.com:5000'
const URL_ = `https://${HOST}`
const AUTH = basicAuthorization('user', 'the-password')
const OURS = toml.renderHostsToml(URL_, AUTH)

const root = useTempDir('containerd-slot')
const file = (): string => path.join(root(), HOST, 'hosts.toml')
const put = (text: string): void => {
  fs.mkdirSync(path.dirname(file()), {recursive: true})
  fs.writeFileSync(file(), text)
}
const record = (over: Partial<HostsRecord> = {}): HostsRecord => ({host: HOST, scheme: 'https', digest: sha256(OURS), auth: sha256(AUTH), added: 'file', ...over})

describe('hostsSlot: a hosts.toml as the ledger sees it', () => {
  it('refuses its first read when the file changed since our value was rendered from it, so the engine merges again', () => {
    put('server = "https://before.example"\n')
    const rendered = {digest: sha256('server = "https://before.example"\n')}
    put('server = "https://changed.example"\n')
    const slot = hostsSlot(file(), URL_, sha256(AUTH), 'table', toml, rendered)
    expect(() => slot.read()).toThrow(Moved)
    // Only the first read checks: later reads under the same lock give the file as it is.
    expect(slot.read()).toEqual(readHostsFile(file()))
  })

  it('reads without a check when it expects nothing (post), and none for no file', () => {
    expect(hostsSlot(file(), URL_, sha256(AUTH), 'file', toml).read()).toBeUndefined()
  })

  it('writes a value with its permission bits only (never set-uid), and removes the file for none', async () => {
    const slot = hostsSlot(file(), URL_, sha256(AUTH), 'file', toml)
    const uid = process.getuid?.() ?? 0
    const gid = process.getgid?.() ?? 0
    await slot.write({data: Buffer.from(OURS).toString('base64'), mode: 0o4640, uid, gid})
    expect(fs.readFileSync(file(), 'utf8')).toBe(OURS)
    expect(modeOf(file())).toBe(0o640)
    await slot.write(undefined)
    expect(fs.existsSync(file())).toBe(false)
  })

  it('keeps values in the ledger, compares them by the digest of their bytes, and takes only a HostsFile back', () => {
    const slot = hostsSlot(file(), URL_, sha256(AUTH), 'file', toml)
    const value = {data: Buffer.from(OURS).toString('base64'), mode: 0o600, uid: 0, gid: 0}
    expect(slot.keepValues).toBe(true)
    expect(slot.digest(value)).toBe(sha256(OURS))
    expect(slot.isValue(value)).toBe(true)
    expect(slot.isValue({...value, path: '/etc/shadow'})).toBe(false)
  })

  it('strips only our header from a file changed since; says to remove it by hand when the file is no longer TOML', () => {
    const slot = hostsSlot(file(), URL_, sha256(AUTH), 'table', toml)
    const changed = `${toml.renderHostsToml(URL_, AUTH, 'server = "https://mirror.example"\n')}\n# theirs\n`
    const current = {data: Buffer.from(changed).toString('base64'), mode: 0o600, uid: 0, gid: 0}
    const stripped = slot.strip?.(current, current)
    const left = Buffer.from(stripped?.data ?? '', 'base64').toString('utf8')
    expect(left).not.toContain(AUTH)
    expect(left).toContain('https://mirror.example')
    const broken = {...current, data: Buffer.from('[host.\n').toString('base64')}
    expect(() => slot.strip?.(broken, broken)).toThrow(/no longer valid TOML .*could not be taken out: remove it by hand$/)
  })
})

describe('holdsOurs: proof without the ledger that main wrote there', () => {
  it('holds exactly what the record wrote', () => {
    put(OURS)
    expect(holdsOurs(file(), record(), toml)).toBe(true)
  })

  it('holds our header in a file changed since', () => {
    put(`${OURS}\n[host."https://mirror.example"]\ncapabilities = ["pull"]\n`)
    expect(holdsOurs(file(), record(), toml)).toBe(true)
  })

  it.each<[string, () => void]>([
    ['another header', () => put(toml.renderHostsToml(URL_, basicAuthorization('user', 'another-password')))],
    ['no file', () => undefined],
    ['a directory', () => fs.mkdirSync(file(), {recursive: true})]
  ])('does not hold ours with %s', (_name, make) => {
    make()
    expect(holdsOurs(file(), record(), toml)).toBe(false)
  })
})
