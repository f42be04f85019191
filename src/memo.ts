/**
 * `compute`, run at most once per key: a later call with the same key gets what the first one returned (for a
 * promise, that same promise, pending or settled). For what an engine would otherwise ask twice in one run: where a
 * tool is on PATH (detect, unusable and login all want to know), or a check that `prepare` starts and `login` awaits.
 */
export function memo<A, V>(compute: (arg: A) => V, keyOf: (arg: A) => string = String): (arg: A) => V {
  const results = new Map<string, V>()
  return arg => {
    const key = keyOf(arg)
    if (results.has(key)) return results.get(key) as V
    const value = compute(arg)
    results.set(key, value)
    return value
  }
}
