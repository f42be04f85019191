import {ApiError} from './api-errors.js'
import {cut, errorMessage} from './errors.js'
import {ApiTransportError, UnusableAnswerError} from './http.js'
import type {RetryHooks} from './retry.js'

// What every cloud API login does around its call: says in the log why it tries again, and turns "no answer" (and an
// answer that is not the API's: a redirect, an oversized body) into a message that names the region, the endpoint and
// what to check. Only the API chunk loads this (see http.ts).

/** Where a call goes, for its log lines and messages. */
export interface CallPlace {
  /** The region it is for, when it is for one: it starts the retry lines and is named in the failure. */
  region?: string
  endpoint: URL
  /**
   * The inputs that say where it goes, the one naming the URL last: 'region' and 'api-endpoint' when not given. Empty
   * for a service no input names (GitHub's token service, which the runner gives).
   */
  inputs?: readonly string[]
}

/** "'a'", "'a' and 'b'", "'a', 'b' and 'c'". */
function listed(names: readonly string[]): string {
  const quoted = names.map(name => `'${name}'`)
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`
}

/**
 * Runs `call` (which sends with the hooks it is given) for `place`. `api` names the API for the log ("The SWR API").
 * Throws ApiError, also for a call that got no answer.
 */
export async function callApi<T>(api: string, place: CallPlace, log: (line: string) => void, call: (hooks: RetryHooks) => Promise<T>): Promise<T> {
  const {region, endpoint, inputs = ['region', 'api-endpoint']} = place
  const forRegion = region === undefined ? '' : ` for ${region}`
  const hooks: RetryHooks = {
    // That try's own reason ("HTTP 503", "host: ECONNRESET"), short: the advice belongs to the final message only.
    onRetry: (attempt, delay, error) =>
      log(`${region ?? api}: API call try ${attempt} failed (${cut(errorMessage(error), 200)}); trying again in ${(delay / 1000).toFixed(1)} s`)
  }
  try {
    return await call(hooks)
  } catch (error) {
    if (error instanceof ApiTransportError) {
      const check = inputs.length === 0 ? 'Check' : `Check ${listed(inputs)} (${endpoint.origin}), and`
      throw new ApiError(
        `${api} gave no answer${forRegion} (${error.message}${error.transient ? ', over several tries' : ''}). ` +
          `${check} the runner's network and proxy (HTTPS_PROXY, NO_PROXY).`
      )
    }
    if (error instanceof UnusableAnswerError) {
      const urlInput = inputs[inputs.length - 1]
      const check =
        urlInput === undefined
          ? 'a proxy is likely wrong. Check'
          : `'${urlInput}' (${endpoint.origin}) or a proxy is likely wrong. Check ${listed([urlInput, ...inputs.slice(0, -1)])}, and`
      // The host that answered is named: a redirect says "<host> redirected to <other host>", whatever 'api' calls it.
      throw new ApiError(`${api}${forRegion} (${error.host}) ${error.what}: ${check} the runner's proxy settings (HTTPS_PROXY, NO_PROXY).`)
    }
    throw error
  }
}
