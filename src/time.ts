// Times the cloud APIs hand back, in the forms seen from them: ISO 8601 with 0, 3, 6 or 9 fractional digits, with a
// zone or without one (meaning UTC).

/** An API's time as ISO 8601 in UTC with milliseconds, or undefined when it is not a time. */
export function isoTime(value: string | undefined): string | undefined {
  if (!value) return undefined
  const normalised = value.trim().replace(/(\.\d{3})\d+/, '$1')
  const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(normalised) ? normalised : `${normalised}Z`)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}
