import {execFileSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {certsDirCa, certsDirs} from '../../../../src/engines/docker-config/certs-d.js'
import {useTempDir} from '../../../support/engine-kit.js'

const tmp = useTempDir('certs-d')
let root: string
beforeEach(() => {
  root = tmp()
})

describe('certsDirCa: the *.crt files of <dir>/<host>/, read safely', () => {
  it('reads every *.crt of every directory, in order, and nothing else', () => {
    const a = path.join(root, 'a')
    const b = path.join(root, 'b')
    fs.mkdirSync(path.join(a, 'reg.example:5000'), {recursive: true})
    fs.mkdirSync(path.join(b, 'reg.example:5000', 'dir.crt'), {recursive: true})
    fs.writeFileSync(path.join(a, 'reg.example:5000', 'z.crt'), 'Z')
    fs.writeFileSync(path.join(a, 'reg.example:5000', 'ca.crt'), 'CA')
    fs.writeFileSync(path.join(a, 'reg.example:5000', 'client.cert'), 'client')
    fs.writeFileSync(path.join(a, 'reg.example:5000', 'client.key'), 'key')
    fs.writeFileSync(path.join(b, 'reg.example:5000', 'b.crt'), 'B')
    execFileSync('mkfifo', [path.join(b, 'reg.example:5000', 'fifo.crt')])
    expect(certsDirCa('reg.example:5000', [a, path.join(root, 'missing'), b])).toEqual(['CA', 'Z', 'B'])
  })

  it.each(['', '..', '.hidden', 'a/b', 'a\\b'])('reads nothing for a host that is not one: %j', host => {
    fs.mkdirSync(path.join(root, 'x'), {recursive: true})
    fs.writeFileSync(path.join(root, 'x', 'ca.crt'), 'CA')
    expect(certsDirCa(host, [path.join(root, 'x')])).toEqual([])
  })

  it('reads at most 16 files of one directory', () => {
    fs.mkdirSync(path.join(root, 'many', 'h'), {recursive: true})
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(root, 'many', 'h', `${String(i).padStart(2, '0')}.crt`), String(i))
    expect(certsDirCa('h', [path.join(root, 'many')])).toHaveLength(16)
  })
})

describe('certsDirs', () => {
  it.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, number, string[]]>([
    ['root on Linux', {HOME: '/root'}, 'linux', 0, ['/etc/containers/certs.d', '/etc/docker/certs.d']],
    ['a user on Linux: the rootless one first', {HOME: '/home/u'}, 'linux', 1000, ['/home/u/.config/containers/certs.d', '/etc/containers/certs.d', '/etc/docker/certs.d']],
    ['a user without HOME', {}, 'darwin', 501, ['/etc/containers/certs.d', '/etc/docker/certs.d']],
    ['Windows', {ProgramData: 'C:\\ProgramData'}, 'win32', 0, ['C:\\ProgramData\\docker\\certs.d']],
    ['Windows without ProgramData', {}, 'win32', 0, []]
  ])('%s', (_name, env, platform, uid, dirs) => expect(certsDirs(env, platform, uid)).toEqual(dirs))
})
