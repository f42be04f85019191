import * as fs from 'node:fs'
import * as path from 'node:path'
import {readHostsFile, removeEmptyDirs} from '../../../../src/engines/containerd/files.js'
import {useTempDir} from '../../../support/engine-kit.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'
const root = useTempDir('containerd-files')
let work: string
beforeEach(() => {
  work = root()
})

describe('removeEmptyDirs', () => {
  it('removes the emptied directories from the host directory up to the topmost one main created', () => {
    const top = path.join(work, 'a')
    const hostDir = path.join(top, 'b', 'certs.d', HOST)
    fs.mkdirSync(hostDir, {recursive: true})
    removeEmptyDirs(hostDir, top)
    expect(fs.readdirSync(work)).toEqual([])
  })

  it('stops at the first directory that is not empty, and never goes above the topmost one', () => {
    const top = path.join(work, 'a', 'certs.d')
    const hostDir = path.join(top, HOST)
    fs.mkdirSync(hostDir, {recursive: true})
    fs.mkdirSync(path.join(top, 'other.example.com'))
    removeEmptyDirs(hostDir, top)
    expect(fs.readdirSync(top)).toEqual(['other.example.com'])
    fs.rmdirSync(path.join(top, 'other.example.com'))
    removeEmptyDirs(path.join(top, 'gone.example.com'), top)
    expect(fs.readdirSync(work)).toEqual(['a'])
  })

  it('does nothing without a created directory, or with one that is not on the way', () => {
    const hostDir = path.join(work, 'certs.d', HOST)
    fs.mkdirSync(hostDir, {recursive: true})
    removeEmptyDirs(hostDir, undefined)
    removeEmptyDirs(hostDir, path.join(work, 'elsewhere'))
    expect(fs.existsSync(hostDir)).toBe(true)
  })
})

describe('readHostsFile', () => {
  it('reads bytes, mode and owner; undefined when there is no file', () => {
    const file = path.join(work, 'hosts.toml')
    expect(readHostsFile(file)).toBeUndefined()
    expect(readHostsFile(path.join(work, 'hosts.toml', 'below-a-file'))).toBeUndefined()
    fs.writeFileSync(file, Buffer.from([0xff, 0x0a]), {mode: 0o640})
    fs.chmodSync(file, 0o640)
    expect(readHostsFile(file)).toEqual({data: '/wo=', mode: 0o640, uid: fs.statSync(file).uid, gid: fs.statSync(file).gid})
  })

  it('throws on anything else (a directory)', () => {
    expect(() => readHostsFile(work)).toThrow(/is a directory, not a regular file/)
  })
})
