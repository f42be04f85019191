import {basicAuthorization, isHostsRecord, sha256, type HostsRecord} from '../../../../src/engines/containerd/record.js'

const AUTH = basicAuthorization('cn-north-4@AccessKey', 'f004a0445bcaf37d946c882a22e1e5f9007ea3513c293aa2d3360af05b8875cd')

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

describe('isHostsRecord: only a record as main writes it, naming no path', () => {
  const REG_HOST = 'registry.example.com:5000'
  const record: HostsRecord = {host: REG_HOST, scheme: 'https', digest: sha256('x'), auth: sha256(AUTH), added: 'table'}

  const owns = (value: unknown): boolean => isHostsRecord(JSON.parse(JSON.stringify(value)))

  it.each<[string, (r: HostsRecord) => unknown]>([
    ['the record', r => r],
    ['every added', r => ({...r, added: 'replaced', scheme: 'http'})]
  ])('accepts %s', (_name, make) => expect(owns(make(record))).toBe(true))

  it.each<[string, (r: HostsRecord) => unknown]>([
    ['null', () => null],
    ['a string', () => 'hosts.toml'],
    ['an array', () => []],
    ['an unknown field (a path post would act on)', r => ({...r, backupFile: '/etc/shadow'})],
    ['no host', r => ({...r, host: undefined})],
    ['a host with a path', r => ({...r, host: `${REG_HOST}/x`})],
    ['a host going up', r => ({...r, host: '..'})],
    ['a host with a scheme', r => ({...r, host: `https://${REG_HOST}`})],
    ['a host in upper case', r => ({...r, host: REG_HOST.toUpperCase()})],
    ['another scheme', r => ({...r, scheme: 'ftp'})],
    ['a digest that is not sha256 hex', r => ({...r, digest: 'abc'})],
    ['an auth that is not sha256 hex', r => ({...r, auth: sha256('x').toUpperCase()})],
    ['an unknown added', r => ({...r, added: 'everything'})],
    ['a created directory (post takes those from the ledger only)', r => ({...r, created: '/'})],
    ['a target that is neither the link target nor holds ours', r => ({...r, target: '/etc/passwd'})],
    ['a relative target', r => ({...r, target: 'hosts.toml'})]
  ])('rejects %s', (_name, make) => expect(owns(make(record))).toBe(false))
})
