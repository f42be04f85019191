import * as fs from 'node:fs'
import * as path from 'node:path'
import {fingerprint} from '../../../../src/engines/shared/auth-file.js'
import {helperErase, helperGet, helperSlot, helperStore, type Helper} from '../../../../src/engines/shared/credential-helper.js'
import {UserError} from '../../../../src/errors.js'
import {readDockerConfigFile, useTempDir, writeDockerConfig} from '../../../support/engine-kit.js'
import {helperCalls, helperStore as heldLogins, installFakeHelper, setHelperStore} from '../../../support/fake-docker.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'

const dir = useTempDir('credential-helper')

describe('credential helpers, through a fake helper', () => {
  let bin: string
  let helperDir: string
  const helper = (overrides: Partial<Helper> = {}): Helper => ({
    name: 'fake',
    bin: path.join(bin, 'docker-credential-fake'),
    env: {PATH: process.env.PATH ?? '', FAKE_HELPER_DIR: helperDir},
    timeoutMs: 5000,
    secrets: ['s3cret'],
    ...overrides
  })
  const fail = (action: string, outcome: unknown): void => fs.writeFileSync(path.join(helperDir, `fake.fail.${action}.json`), JSON.stringify(outcome))

  beforeEach(() => {
    bin = path.join(dir(), 'bin')
    helperDir = path.join(dir(), 'helper')
    fs.mkdirSync(helperDir)
    installFakeHelper(bin, 'fake')
  })

  it('get, store and erase speak the helper protocol: the server URL or the JSON login on stdin', async () => {
    expect(await helperGet(helper(), HOST)).toBeUndefined()
    await helperStore(helper(), HOST, {Username: 'u', Secret: 's3cret'})
    expect(heldLogins(helperDir, 'fake')).toEqual({[HOST]: {Username: 'u', Secret: 's3cret'}})
    expect(await helperGet(helper(), HOST)).toEqual({Username: 'u', Secret: 's3cret'})
    await helperErase(helper(), HOST)
    await helperErase(helper(), HOST) // not there: fine
    expect(heldLogins(helperDir, 'fake')).toEqual({})
    expect(helperCalls(helperDir)).toEqual([
      `fake get ${HOST}`,
      `fake store {"ServerURL":"${HOST}","Username":"u","Secret":"(secret)"}`,
      `fake get ${HOST}`,
      `fake erase ${HOST}`,
      `fake erase ${HOST}`
    ])
  })

  it.each<[string, 'get' | 'store' | 'erase', unknown, RegExp]>([
    [
      'a failed get, the secret taken out of what it said',
      'get',
      {code: 1, stdout: 'keychain locked for s3cret\nmore'},
      /^docker-credential-fake get failed: keychain locked for \*\*\*$/
    ],
    ['a get that prints no JSON', 'get', {code: 0, stdout: 'not json'}, /get failed: its answer is not JSON/],
    ['a get without a Secret', 'get', {code: 0, stdout: '{"Username":"u"}'}, /get failed: its answer has no Secret/],
    ['a failed store that says nothing', 'store', {code: 3}, /store failed: exit code 3/],
    ['a failed store, stderr', 'store', {code: 1, stderr: 'no credentials username\n'}, /store failed: no credentials username/],
    ['a failed erase', 'erase', {code: 1, stdout: 'permission denied'}, /erase failed: permission denied/]
  ])('%s', async (_name, action, outcome, message) => {
    fail(action, outcome)
    const call = (): Promise<unknown> =>
      action === 'get' ? helperGet(helper(), HOST) : action === 'store' ? helperStore(helper(), HOST, {Username: 'u', Secret: 's3cret'}) : helperErase(helper(), HOST)
    await expect(call()).rejects.toThrow(message)
  })

  it.each<['get' | 'store']>([['get'], ['store']])('a %s that fails for want of a Windows logon session says so, and points at engine: docker-config', async action => {
    fail(action, {code: 1, stdout: 'A specified logon session does not exist. It may already have been terminated.\r\n'})
    const call = (): Promise<unknown> => (action === 'get' ? helperGet(helper(), HOST) : helperStore(helper(), HOST, {Username: 'u', Secret: 's3cret'}))
    await expect(call()).rejects.toThrow(
      new RegExp(
        `^docker-credential-fake ${action} failed: A specified logon session does not exist\\. It may already have been terminated\\. ` +
          `Windows' Credential Manager \\(docker-credential-wincred\\) cannot be used from this job.* Set 'engine: docker-config'`
      )
    )
  })

  it('a helper message without a full stop gets one before the advice', async () => {
    fail('store', {code: 1, stderr: 'error: ERROR_NO_SUCH_LOGON_SESSION'})
    await expect(helperStore(helper(), HOST, {Username: 'u', Secret: 's3cret'})).rejects.toThrow(
      /store failed: error: ERROR_NO_SUCH_LOGON_SESSION\. Windows' Credential Manager/
    )
  })

  it('a get without a user name reads as an empty one', async () => {
    fail('get', {code: 0, stdout: '{"Secret":"tok"}'})
    expect(await helperGet(helper(), HOST)).toEqual({Username: '', Secret: 'tok'})
  })

  it('a helper that hangs is stopped at its deadline', async () => {
    fail('get', {hang: true})
    const started = Date.now()
    await expect(helperGet(helper({timeoutMs: 300}), HOST)).rejects.toThrow('docker-credential-fake get did not finish within 0 s')
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('a helper that cannot be started is named', async () => {
    await expect(helperGet(helper({bin: path.join(bin, 'missing')}), HOST)).rejects.toThrow('docker-credential-fake could not be started')
  })

  describe('helperSlot', () => {
    const login = {Username: 'u', Secret: 's3cret'}

    it('stores in the helper with the empty auths marker, and erases both; its values are never kept', async () => {
      writeDockerConfig(dir(), {credsStore: 'fake', psFormat: 'x'})
      const slot = helperSlot(dir(), HOST, helper())
      expect(slot.keepValues).toBe(false)
      expect(await slot.read()).toBeUndefined()
      await slot.write(login)
      expect(await slot.read()).toEqual(login)
      expect(readDockerConfigFile(dir())).toEqual({credsStore: 'fake', psFormat: 'x', auths: {[HOST]: {}}})
      await slot.write(undefined)
      expect(heldLogins(helperDir, 'fake')).toEqual({})
      expect(readDockerConfigFile(dir())).toEqual({credsStore: 'fake', psFormat: 'x', auths: {}})
      expect(slot.digest(login)).toBe(fingerprint(login))
      expect(slot.digest({Username: 'u', Secret: 'other'})).not.toBe(slot.digest(login))
    })

    it('reads a login the helper holds without a marker in config.json', async () => {
      writeDockerConfig(dir(), {credsStore: 'fake'})
      setHelperStore(helperDir, 'fake', {[HOST]: {Username: 'earlier', Secret: 'old'}})
      expect(await helperSlot(dir(), HOST, helper()).read()).toEqual({Username: 'earlier', Secret: 'old'})
    })

    it('writes credsStore as docker does when the helper was the platform default, and keeps it on removal', async () => {
      const slot = helperSlot(dir(), HOST, helper(), true)
      await slot.write(login)
      expect(readDockerConfigFile(dir())).toEqual({auths: {[HOST]: {}}, credsStore: 'fake'})
      await slot.write(undefined)
      expect(readDockerConfigFile(dir())).toEqual({auths: {}, credsStore: 'fake'})
    })

    it('refuses an unparseable config.json before the helper changes', async () => {
      writeDockerConfig(dir(), '{')
      await expect(helperSlot(dir(), HOST, helper()).write(login)).rejects.toThrow(UserError)
      expect(helperCalls(helperDir)).toEqual([])
    })

    it.each<[string, Record<string, {Username: string; Secret: string}>]>([
      ['puts the earlier login back', {[HOST]: {Username: 'earlier', Secret: 'old'}}],
      ['erases ours when there was none', {}]
    ])('when the marker cannot be written after the helper stored the login, %s', async (_name, before) => {
      writeDockerConfig(dir(), {credsStore: 'fake'})
      setHelperStore(helperDir, 'fake', before)
      // Another program makes config.json unreadable at the moment the helper stores the login.
      fail('store', {clobber: {file: path.join(dir(), 'config.json'), text: '{'}})
      await expect(helperSlot(dir(), HOST, helper()).write(login)).rejects.toThrow(UserError)
      expect(heldLogins(helperDir, 'fake')).toEqual(before)
    })
  })
})
