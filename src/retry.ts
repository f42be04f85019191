/** How often and how patiently to try again. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number
  /** Delay before the second try, in ms; doubled for each try after it. */
  baseDelayMs: number
  /** No single delay is longer than this. */
  maxDelayMs: number
}

/** Three tries, about 1 s and 2 s apart: enough for a blip, short enough not to stall a job. */
export const DEFAULT_RETRY: RetryPolicy = {attempts: 3, baseDelayMs: 1000, maxDelayMs: 8000}

/**
 * Delay before try number `attempt + 1` (attempt counts from 1): exponential, capped, with "equal jitter" (half fixed,
 * half random) so that the many jobs of a matrix that failed together do not all come back at the same instant.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(exp / 2 + random() * (exp / 2))
}

/**
 * What a caller adds to the policy: how to wait and what to tell the log, and, for a caller with a budget for the whole
 * job (a login that must finish within a minute), when to stop trying.
 */
export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /** Called before each wait, to tell the log why and how long. */
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void
  /** A wait the failure itself asks for (a server's Retry-After), honoured when longer than the backoff. */
  minDelay?: (error: unknown) => number | undefined
  /** The clock `deadline` is read by (Date.now unless given). */
  now?: () => number
  /**
   * When trying must be over, by `now`: no wait is begun after which less than `minTryMs` would be left, since a try
   * started that late could only run out of time. None: only the policy's tries limit the retries.
   */
  deadline?: number
  /** The least time worth starting a try with (0 unless given). */
  minTryMs?: number
  /**
   * Tries made whatever the deadline says (1, the first, unless given): a budget spent by a slow first try still
   * leaves a short blip its second chance. Never more than the policy's tries, and never after an error that is not
   * transient.
   */
  minTries?: number
}

const realSleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/**
 * Runs `task` until it succeeds, it throws something `isTransient` rejects, the tries run out or the deadline is too
 * near for another; then throws the last error, without waiting after it. Only transient failures are retried: a
 * wrong password stays wrong, and some registries (SWR) block an account that keeps trying. The one retry loop of the
 * action: the API calls, the CLI logins and the registry check all go through it.
 */
export async function retry<T>(
  task: (attempt: number) => Promise<T>,
  isTransient: (error: unknown) => boolean,
  policy: RetryPolicy = DEFAULT_RETRY,
  hooks: RetryHooks = {}
): Promise<T> {
  const sleep = hooks.sleep ?? realSleep
  const now = hooks.now ?? Date.now
  const minTries = hooks.minTries ?? 1
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt)
    } catch (error) {
      if (attempt >= policy.attempts || !isTransient(error)) throw error
      const asked = hooks.minDelay?.(error)
      const delay = Math.max(backoffDelay(policy, attempt, hooks.random), Math.min(asked ?? 0, policy.maxDelayMs))
      if (hooks.deadline !== undefined && attempt >= minTries && hooks.deadline - now() - delay < (hooks.minTryMs ?? 0)) throw error
      hooks.onRetry?.(attempt, delay, error)
      await sleep(delay)
    }
  }
}
