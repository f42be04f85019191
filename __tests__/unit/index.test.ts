import {jest} from '@jest/globals'
import type {main as realMain} from '../../src/main.js'
import type {post as realPost} from '../../src/post.js'
import type {isPost as realIsPost} from '../../src/state.js'
import * as core from '../fixtures/core.js'

// index.ts dispatches as it is imported: each test imports it afresh, with main, post and the state's isPost replaced.
const main = jest.fn<typeof realMain>()
const post = jest.fn<typeof realPost>()
const isPost = jest.fn<typeof realIsPost>()
jest.unstable_mockModule('@actions/core', () => core)
jest.unstable_mockModule('../../src/main.js', () => ({main}))
jest.unstable_mockModule('../../src/post.js', () => ({post}))
jest.unstable_mockModule('../../src/state.js', () => ({isPost}))

beforeEach(() => {
  core.resetCore()
  for (const fn of [main, post, isPost]) fn.mockReset()
  main.mockResolvedValue(undefined)
  post.mockResolvedValue(undefined)
  jest.resetModules()
})

/** Imports index.ts, as the runner starts the bundle, and waits for its dispatch to finish. */
async function start(): Promise<void> {
  await import('../../src/index.js')
  await new Promise(resolve => setImmediate(resolve))
}

/** The UserError class index.ts sees (the module registry is fresh in each test). */
async function userError(message: string): Promise<Error> {
  const {UserError} = await import('../../src/errors.js')
  return new UserError(message)
}

const UNEXPECTED = `(an unexpected failure of the action: please report it, with this log, in the action's issue tracker)`

describe('the main run', () => {
  beforeEach(() => isPost.mockReturnValue(false))

  it('runs main with the real world, and not post', async () => {
    await start()
    expect(main.mock.calls).toEqual([[]])
    expect(post).not.toHaveBeenCalled()
    expect(core.setFailed).not.toHaveBeenCalled()
  })

  it("fails the step with a UserError's message as it is", async () => {
    main.mockRejectedValue(await userError("Input 'region' is required."))
    await start()
    expect(core.lines(core.setFailed)).toEqual(["Input 'region' is required."])
  })

  it('cleans the message: no workflow command, no control character, no fragment of a secret main masked', async () => {
    const {rememberSecret} = await import('../../src/secrets.js')
    rememberSecret('Wq3rT8yUi0pAs2dFg4hJk6lZx8cVb0nMq2wE4rT6')
    main.mockRejectedValue(await userError('bad: Wq3rT8yUi0pAs2…\n::stop-commands::x\r##[warning]y'))
    await start()
    expect(core.lines(core.setFailed)).toEqual(['bad: ***…\n\\::stop-commands::x\\r##[\\warning]y'])
  })

  it.each([
    ['an Error', new TypeError("Cannot read properties of undefined (reading 'host')"), "Cannot read properties of undefined (reading 'host')"],
    ['a thrown string', 'ECONNRESET', 'ECONNRESET'],
    ['a thrown object', {code: 42}, '{"code":42}']
  ])('fails the step on %s with its message, asking for a report', async (_, thrown, message) => {
    main.mockRejectedValue(thrown)
    await start()
    expect(core.lines(core.setFailed)).toEqual([`${message} ${UNEXPECTED}`])
  })
})

describe('the post run', () => {
  beforeEach(() => isPost.mockReturnValue(true))

  it('runs post with the real world, and not main', async () => {
    await start()
    expect(post.mock.calls).toEqual([[]])
    expect(main).not.toHaveBeenCalled()
    expect(core.warning).not.toHaveBeenCalled()
  })

  it.each([
    ['an Error', new Error('EACCES: permission denied'), 'EACCES: permission denied'],
    ['a UserError', 'user', "Input 'hosts-dir' is odd."]
  ])('never fails the job: %s from post becomes a warning', async (_, thrown, message) => {
    post.mockRejectedValue(thrown === 'user' ? await userError(message) : thrown)
    await start()
    expect(core.lines(core.warning)).toEqual([`Cleaning up the registry credentials failed: ${message}`])
    expect(core.setFailed).not.toHaveBeenCalled()
  })
})
