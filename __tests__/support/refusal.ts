import {expect} from '@jest/globals'
import {UserError} from '../../src/errors.js'

/** The UserError `action` throws; the test fails when it throws nothing, or anything but a UserError. */
export function userError(action: () => unknown): UserError {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  throw new Error('expected a UserError, and nothing was thrown')
}

/** The message of the UserError `action` throws (see userError). */
export function refusal(action: () => unknown): string {
  return userError(action).message
}
