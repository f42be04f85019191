import {EngineFailure, type FailureKind} from '../../src/failure.js'
import {UserError} from '../../src/errors.js'

const STATEMENT = 'swr.cn-north-4.myhuaweicloud.com rejected the credentials.'
const ADVICE = "Check 'access-key-id' and 'access-key-secret'."
const DETAIL = 'docker: Error response from daemon: unauthorized: authentication required'

describe('EngineFailure', () => {
  it('is a UserError named EngineFailure that keeps its parts', () => {
    const failure = new EngineFailure('unauthorized', STATEMENT, DETAIL, true)
    expect(failure).toBeInstanceOf(UserError)
    expect(failure).toBeInstanceOf(Error)
    expect(failure.name).toBe('EngineFailure')
    expect(failure).toMatchObject({kind: 'unauthorized', statement: STATEMENT, detail: DETAIL, transient: true})
  })

  it('is not transient unless said so', () => {
    expect(new EngineFailure('other', STATEMENT, '').transient).toBe(false)
  })

  it.each<[string, string, string]>([
    ['statement and detail', DETAIL, `${STATEMENT} (${DETAIL})`],
    ['statement only, no detail', '', STATEMENT]
  ])('message without advice: %s', (_name, detail, message) => {
    expect(new EngineFailure('unauthorized', STATEMENT, detail).message).toBe(message)
  })

  it.each<[string, string | undefined, string, string]>([
    ['advice and detail', ADVICE, DETAIL, `${STATEMENT} ${ADVICE} (${DETAIL})`],
    ['advice, no detail', ADVICE, '', `${STATEMENT} ${ADVICE}`],
    ['no advice (undefined), detail', undefined, DETAIL, `${STATEMENT} (${DETAIL})`],
    ['empty advice, detail', '', DETAIL, `${STATEMENT} (${DETAIL})`],
    ['neither', undefined, '', STATEMENT]
  ])('withAdvice: %s', (_name, advice, detail, message) => {
    const failure = new EngineFailure('denied', STATEMENT, detail)
    expect(failure.withAdvice(advice)).toBe(message)
    // The message itself never carries the advice: that is the provider's to add.
    expect(failure.message).toBe(detail ? `${STATEMENT} (${detail})` : STATEMENT)
  })

  it.each<FailureKind>(['unauthorized', 'denied', 'blocked', 'not-found', 'tls', 'other'])('keeps the kind %s', kind => {
    expect(new EngineFailure(kind, STATEMENT, '').kind).toBe(kind)
  })
})
