import {ApiError} from './api-errors.js'
import {cut, errorMessage} from './errors.js'
import {ApiTransportError, UnusableAnswerError} from './http.js'
import type {RetryHooks} from './retry.js'

// What every cloud API login does around its call: says in the log why it tries again, and turns "no answer" (and an
// answer that is not the API's: a redirect, an oversized body) into a message that names the region, the endpoint and
// what to check. Only the API chunk loads this (see http.ts).

/**
 * Runs `call` (which sends with the hooks it is given) for `region`. `api` names the API for the log ("The SWR API").
 * Throws ApiError, also for a call that got no answer.
 */
export async function callApi<T>(
  api: string,
  target: {region: string; endpoint: URL},
  log: (line: string) => void,
  call: (hooks: RetryHooks) => Promise<T>
): Promise<T> {
  const {region, endpoint} = target
  const hooks: RetryHooks = {
    // That try's own reason ("HTTP 503", "host: ECONNRESET"), short: the advice belongs to the final message only.
    onRetry: (attempt, delay, error) =>
      log(`${region}: API call try ${attempt} failed (${cut(errorMessage(error), 200)}); trying again in ${(delay / 1000).toFixed(1)} s`)
  }
  try {
    return await call(hooks)
  } catch (error) {
    if (error instanceof ApiTransportError) {
      throw new ApiError(
        `${api} gave no answer for ${region} (${error.message}${error.transient ? ', over several tries' : ''}). ` +
          `Check 'region' and 'api-endpoint' (${endpoint.origin}), and the runner's network and proxy (HTTPS_PROXY, NO_PROXY).`
      )
    }
    if (error instanceof UnusableAnswerError) {
      throw new ApiError(
        `${api} for ${region} ${error.what}: 'api-endpoint' (${endpoint.origin}) or a proxy is likely wrong. ` +
          `Check 'api-endpoint' and 'region', and the runner's proxy settings (HTTPS_PROXY, NO_PROXY).`
      )
    }
    throw error
  }
}
