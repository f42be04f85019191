import {callApi} from '../../src/api-call.js'
import {ApiError} from '../../src/api-errors.js'
import {UserError} from '../../src/errors.js'
import {ApiTransportError, UnusableAnswerError} from '../../src/http.js'
import {retry, type RetryHooks} from '../../src/retry.js'

const TARGET = {region: 'cn-north-4', endpoint: new URL('https://swr-api.cn-north-4.myhuaweicloud.com/gw/path?x=1')}

/** callApi with a log that records its lines. */
async function run<T>(call: (hooks: RetryHooks) => Promise<T>): Promise<{result?: T; error?: unknown; logged: string[]}> {
  const logged: string[] = []
  try {
    return {result: await callApi('The SWR API', TARGET, line => void logged.push(line), call), logged}
  } catch (error) {
    return {error, logged}
  }
}

describe('callApi: an answer', () => {
  it('returns what the call returns, and logs nothing', async () => {
    expect(await run(async () => 'credential')).toEqual({result: 'credential', logged: []})
  })
})

describe('callApi: the retry log lines', () => {
  it('says, before each wait, which try failed in which region, why, and for how long it waits', async () => {
    let tries = 0
    const {result, logged} = await run(hooks =>
      retry(
        async () => {
          if (++tries < 3) throw new ApiTransportError(tries === 1 ? 'HTTP 503' : '127.0.0.1:1: ECONNRESET', true)
          return 'ok'
        },
        () => true,
        {attempts: 3, baseDelayMs: 1000, maxDelayMs: 8000},
        {...hooks, sleep: async () => undefined, random: () => 0}
      )
    )
    expect(result).toBe('ok')
    expect(logged).toEqual([
      'cn-north-4: API call try 1 failed (HTTP 503); trying again in 0.5 s',
      'cn-north-4: API call try 2 failed (127.0.0.1:1: ECONNRESET); trying again in 1.0 s'
    ])
  })

  it("gives that try's own reason, cut to 200 characters, never the final message", async () => {
    const {logged} = await run(async hooks => hooks.onRetry?.(1, 1000, new ApiTransportError(`host: ${'x'.repeat(100_000)}`, true)))
    expect(logged).toEqual([`cn-north-4: API call try 1 failed (host: ${'x'.repeat(193)}…); trying again in 1.0 s`])
  })

  it('describes a failure that is not an Error by its value', async () => {
    const {logged} = await run(async hooks => hooks.onRetry?.(1, 250, {code: 'E1'}))
    expect(logged).toEqual(['cn-north-4: API call try 1 failed ({"code":"E1"}); trying again in 0.3 s'])
  })
})

describe("callApi: no answer, or an answer that is not the API's", () => {
  it.each([
    [
      'a transient failure (over several tries)',
      new ApiTransportError('swr-api.cn-north-4.myhuaweicloud.com: no answer within 10 s', true),
      'The SWR API gave no answer for cn-north-4 (swr-api.cn-north-4.myhuaweicloud.com: no answer within 10 s, over several tries). ' +
        "Check 'region' and 'api-endpoint' (https://swr-api.cn-north-4.myhuaweicloud.com), and the runner's network and proxy (HTTPS_PROXY, NO_PROXY)."
    ],
    [
      'a failure not worth another try',
      new ApiTransportError('swr-api.cn-north-4.myhuaweicloud.com cannot be resolved (ENOTFOUND)', false),
      'The SWR API gave no answer for cn-north-4 (swr-api.cn-north-4.myhuaweicloud.com cannot be resolved (ENOTFOUND)). ' +
        "Check 'region' and 'api-endpoint' (https://swr-api.cn-north-4.myhuaweicloud.com), and the runner's network and proxy (HTTPS_PROXY, NO_PROXY)."
    ]
  ])("turns %s into an ApiError naming the API, the region and the endpoint's origin", async (_name, transportError, message) => {
    const {error} = await run(async () => {
      throw transportError
    })
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe(message)
  })

  it.each([
    [
      'a redirect',
      new UnusableAnswerError('127.0.0.1:9', 'redirected to https://portal.example.com (HTTP 302)'),
      "The SWR API for cn-north-4 (127.0.0.1:9) redirected to https://portal.example.com (HTTP 302): 'api-endpoint' " +
        "(https://swr-api.cn-north-4.myhuaweicloud.com) or a proxy is likely wrong. Check 'api-endpoint' and 'region', and the runner's proxy settings (HTTPS_PROXY, NO_PROXY)."
    ],
    [
      'an oversized answer',
      new UnusableAnswerError('127.0.0.1:9', 'sent an oversized answer (more than 1 MiB; reading stopped there)'),
      "The SWR API for cn-north-4 (127.0.0.1:9) sent an oversized answer (more than 1 MiB; reading stopped there): 'api-endpoint' " +
        "(https://swr-api.cn-north-4.myhuaweicloud.com) or a proxy is likely wrong. Check 'api-endpoint' and 'region', and the runner's proxy settings (HTTPS_PROXY, NO_PROXY)."
    ]
  ])('turns %s into an ApiError that says what came back, not "no answer"', async (_name, thrown, message) => {
    const {error, logged} = await run(async () => {
      throw thrown
    })
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe(message)
    expect(logged).toEqual([])
  })

  it.each<[string, unknown]>([
    ['an ApiError (the API said no)', new ApiError('SWR CreateSecret in cn-north-4 failed: ...')],
    ['a UserError', new UserError('bad input')],
    ['any other error', new TypeError('a bug')],
    ['a non-Error', 'rejected']
  ])('passes %s through as it is', async (_name, thrown) => {
    const {error, logged} = await run(async () => {
      throw thrown
    })
    expect(error).toBe(thrown)
    expect(logged).toEqual([])
  })
})
