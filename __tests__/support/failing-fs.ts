import * as fs from 'node:fs'

// node:fs with calls a test can make fail (an ES module namespace cannot be spied on): a test file passes failingFs to
// jest.unstable_mockModule('node:fs', failingFs) before it imports the module under test, then sets `failing.<call>`.

/** The calls to make fail, by name; cleared by the test (for each name, delete failing[name]). */
export const failing: Partial<Record<keyof typeof fs, (...args: unknown[]) => unknown>> = {}

/** The mock module: every function of node:fs, each going to `failing[name]` when it is set. */
export function failingFs(): Record<string, unknown> {
  const wrapped = Object.fromEntries(
    Object.entries(fs).map(([name, value]) => [
      name,
      typeof value === 'function' ? (...args: unknown[]) => (failing[name as keyof typeof fs] ?? (value as (...a: unknown[]) => unknown))(...args) : value
    ])
  )
  return {...wrapped, default: wrapped}
}
