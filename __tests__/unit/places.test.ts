import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {PLACE_KINDS, PLACE_NAMES, defaultHostsDir, ledgerDir, ownPlaces, placesFor, type Places} from '../../src/places.js'

describe('placesFor', () => {
  const runAuth = `/run/containers/${process.getuid?.() ?? 0}/auth.json`
  it.each<[string, NodeJS.ProcessEnv, {dockerConfig: string; authFile: string; tempDir: string}]>([
    [
      'DOCKER_CONFIG and RUNNER_TEMP set (podman then uses config.json there too)',
      {DOCKER_CONFIG: '/home/runner/.docker-alt', RUNNER_TEMP: '/home/runner/work/_temp'},
      {dockerConfig: '/home/runner/.docker-alt', authFile: '/home/runner/.docker-alt/config.json', tempDir: '/home/runner/work/_temp'}
    ],
    ['neither set', {}, {dockerConfig: path.join(os.homedir(), '.docker'), authFile: runAuth, tempDir: os.tmpdir()}],
    ['both empty', {DOCKER_CONFIG: '', RUNNER_TEMP: ''}, {dockerConfig: path.join(os.homedir(), '.docker'), authFile: runAuth, tempDir: os.tmpdir()}],
    [
      'relative and untidy paths made absolute',
      {DOCKER_CONFIG: 'cfg/docker', RUNNER_TEMP: '/home/runner/work/_temp/'},
      {dockerConfig: path.resolve('cfg/docker'), authFile: path.resolve('cfg/docker/config.json'), tempDir: '/home/runner/work/_temp'}
    ],
    [
      'XDG_RUNTIME_DIR set: the auth file under it',
      {XDG_RUNTIME_DIR: '/run/user/1001'},
      {dockerConfig: path.join(os.homedir(), '.docker'), authFile: '/run/user/1001/containers/auth.json', tempDir: os.tmpdir()}
    ],
    [
      'REGISTRY_AUTH_FILE set (relative): it wins, made absolute',
      {REGISTRY_AUTH_FILE: 'auth/./my.json', XDG_RUNTIME_DIR: '/run/user/1001', DOCKER_CONFIG: '/d'},
      {dockerConfig: '/d', authFile: path.resolve('auth/my.json'), tempDir: os.tmpdir()}
    ]
  ])('%s', (_name, env, expected) => {
    expect(placesFor('/etc/containerd/certs.d/', env)).toEqual({hostsDir: '/etc/containerd/certs.d', ...expected})
  })

  it('the default hosts directory is under RUNNER_TEMP when it is set', () => {
    expect(placesFor(undefined, {RUNNER_TEMP: '/home/runner/work/_temp'}).hostsDir).toBe('/home/runner/work/_temp/containerd/certs.d')
    expect(defaultHostsDir({RUNNER_TEMP: '/r'})).toBe('/r/containerd/certs.d')
  })

  it.each<[string, NodeJS.ProcessEnv]>([
    ['unset', {}],
    ['empty', {RUNNER_TEMP: ''}]
  ])('with RUNNER_TEMP %s, the default is a private directory of its own, never a shared predictable one', (_name, env) => {
    const one = placesFor(undefined, env).hostsDir
    const two = placesFor(undefined, env).hostsDir
    expect(one).toMatch(new RegExp(`^${os.tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/cloud-registry-login-[0-9a-f]{24}/certs\\.d$`))
    expect(two).not.toBe(one)
    expect(one).not.toBe(path.join(os.tmpdir(), 'containerd', 'certs.d'))
    // Named, not made: the containerd engine creates it (0700) only when it writes there.
    expect(fs.existsSync(path.dirname(one))).toBe(false)
  })
})

describe('placesFor and defaultHostsDir on Windows and macOS runners', () => {
  // The runners' own values: RUNNER_TEMP and the home directory of each image.
  const windows = {RUNNER_TEMP: 'D:\\a\\_temp', USERPROFILE: 'C:\\Users\\runneradmin'}
  const macos = {RUNNER_TEMP: '/Users/runner/work/_temp', HOME: '/Users/runner'}

  it.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, string | undefined, Places]>([
    [
      'Windows, defaults',
      windows,
      'win32',
      undefined,
      {
        hostsDir: 'D:\\a\\_temp\\containerd\\certs.d',
        dockerConfig: 'C:\\Users\\runneradmin\\.docker',
        authFile: 'C:\\Users\\runneradmin\\.config\\containers\\auth.json',
        tempDir: 'D:\\a\\_temp'
      }
    ],
    [
      'Windows, DOCKER_CONFIG with forward slashes and a hosts-dir with a trailing separator',
      {...windows, DOCKER_CONFIG: 'D:/a/_temp/docker'},
      'win32',
      'C:\\containerd\\certs.d\\',
      {hostsDir: 'C:\\containerd\\certs.d', dockerConfig: 'D:\\a\\_temp\\docker', authFile: 'D:\\a\\_temp\\docker\\config.json', tempDir: 'D:\\a\\_temp'}
    ],
    [
      'macOS, defaults',
      macos,
      'darwin',
      undefined,
      {
        hostsDir: '/Users/runner/work/_temp/containerd/certs.d',
        dockerConfig: '/Users/runner/.docker',
        authFile: '/Users/runner/.config/containers/auth.json',
        tempDir: '/Users/runner/work/_temp'
      }
    ]
  ])('%s', (_name, env, platform, hostsDir, expected) => {
    expect(placesFor(hostsDir, env, platform)).toEqual(expected)
  })

  it.each<[NodeJS.Platform, string]>([
    ['win32', 'D:\\a\\_temp\\containerd\\certs.d'],
    ['darwin', 'D:\\a\\_temp/containerd/certs.d']
  ])('defaultHostsDir joins with the separator of %s', (platform, expected) => {
    expect(defaultHostsDir({RUNNER_TEMP: 'D:\\a\\_temp'}, platform)).toBe(expected)
  })
})

describe('PLACE_NAMES', () => {
  it('names every place placesFor fills in (saved state is checked against this list)', () => {
    expect([...PLACE_NAMES].sort()).toEqual(Object.keys(placesFor('/h', {})).sort())
  })
})

describe('PLACE_KINDS and ledgerDir', () => {
  it('a directory holds its own ledger; a file’s ledger is in the directory that holds it', () => {
    expect(PLACE_KINDS).toEqual({hostsDir: 'dir', dockerConfig: 'dir', authFile: 'file'})
    expect(ledgerDir('dockerConfig', '/home/u/.docker')).toBe('/home/u/.docker')
    expect(ledgerDir('authFile', '/run/user/1/containers/auth.json')).toBe('/run/user/1/containers')
  })
})

describe('ownPlaces: the places post itself would use for this job', () => {
  it('the Docker config and auth file of the environment, and the hosts directory under RUNNER_TEMP', () => {
    const env = {HOME: '/home/u', RUNNER_TEMP: '/rt', XDG_RUNTIME_DIR: '/run/user/1'}
    expect(ownPlaces(env)).toEqual({
      dockerConfig: '/home/u/.docker',
      authFile: '/run/user/1/containers/auth.json',
      hostsDir: '/rt/containerd/certs.d'
    })
  })

  it('no hosts directory without RUNNER_TEMP: that default is a new random directory each time', () => {
    expect(ownPlaces({HOME: '/home/u'}).hostsDir).toBeUndefined()
  })
})
