import {percentEncode} from './percent-encode.js'

// Taking secrets out of text: whole occurrences, and any fragment long enough to matter. An API that echoes the first
// half of a security token, or an error cut in the middle of a password, leaks what it shows: matching whole values
// only would miss both.

/**
 * The shortest run of a secret's characters that is replaced on its own. Eight: the secrets here are machine-made
 * (40- and 30-character SKs, 64-hex login keys, tokens of hundreds of characters), so seven characters leave far more
 * than enough unknown, while a chance match of eight characters from a 62-letter alphabet (1 in 2·10^14 per place;
 * 1 in 4·10^9 for hex) does not garble ordinary log text. Shorter secrets are replaced where they occur whole.
 */
export const MIN_FRAGMENT = 8

/** What is put in place of a secret, or of a run of fragments of secrets: the runner's own marker. */
export const REDACTED = '***'

// The colon between a user name and a password: raw, and percent-encoded once and twice (see rememberSecret).
const USER_SEPARATORS = [':', '%3A', '%253A']

// A JSON string value as it stands inside a document that is remembered (see rememberSecret): raw, and percent-encoded
// once and twice.
const JSON_FORMS = [(s: string): string => s, percentEncode, (s: string): string => percentEncode(percentEncode(s))]

/** The secrets of one set, indexed for redaction: whole values, and every MIN_FRAGMENT-long run of the ones that count. */
class SecretIndex {
  private readonly whole: string[]
  private readonly fragments = new Set<string>()

  constructor(secrets: Iterable<string>) {
    const all = [...new Set([...secrets].filter(s => s !== ''))]
    this.whole = all.sort((a, b) => b.length - a.length)
    for (const secret of all) {
      // `user:password` (and any value that is a known secret behind a prefix and a colon) is replaced whole, but its
      // fragments are the password's: the user name in front is public (SWR's is <region>@<AK>), and indexing it would
      // blank every mention of the region or the AK in the log.
      if (all.some(other => USER_SEPARATORS.some(sep => secret.length > other.length + sep.length && secret.endsWith(sep + other)))) continue
      // Likewise a JSON document holding known secrets as string values (the docker-config-json output), as it is and
      // percent-encoded: the rest of it is registry hosts and punctuation, which the log names elsewhere.
      if (all.some(other => other !== secret && JSON_FORMS.some(form => secret.includes(form(JSON.stringify(other)))))) continue
      for (let i = 0; i + MIN_FRAGMENT <= secret.length; i++) this.fragments.add(secret.slice(i, i + MIN_FRAGMENT))
    }
  }

  redact(text: string): string {
    if (this.whole.length === 0 || text === '') return text
    const hidden = new Uint8Array(text.length)
    let any = false
    for (const secret of this.whole) {
      for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
        hidden.fill(1, at, at + secret.length)
        any = true
      }
    }
    if (this.fragments.size > 0) {
      for (let i = 0; i + MIN_FRAGMENT <= text.length; i++) {
        if (this.fragments.has(text.slice(i, i + MIN_FRAGMENT))) {
          hidden.fill(1, i, i + MIN_FRAGMENT)
          any = true
        }
      }
    }
    if (!any) return text
    // Each maximal run of hidden characters becomes one marker: neither the run's length nor its seams show.
    let out = ''
    for (let i = 0; i < text.length;) {
      if (hidden[i] === 0) {
        out += text[i++]
        continue
      }
      while (i < text.length && hidden[i] === 1) i++
      out += REDACTED
    }
    return out
  }
}

/**
 * Replaces every occurrence of each secret, and every run of at least MIN_FRAGMENT characters that also occurs in one
 * of them, with "***" (one marker per maximal run).
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  return new SecretIndex(secrets).redact(text)
}

// Every secret this process has registered with the runner (maskOnce in credential.ts adds them). Process-wide, like
// the runner's own list of masks: the log module reads it for every line, whichever module prints.
const known = new Set<string>()
let index: SecretIndex | undefined

/**
 * Records a secret for the log's redaction, with the forms it takes inside a signed request echoed back by an API
 * (percent-encoded once and twice).
 */
export function rememberSecret(secret: string): void {
  if (secret === '') return
  for (const form of [secret, percentEncode(secret), percentEncode(percentEncode(secret))]) {
    if (!known.has(form)) {
      known.add(form)
      index = undefined
    }
  }
}

/** `text` with every remembered secret, and every long enough fragment of one, replaced. */
export function redactRemembered(text: string): string {
  if (known.size === 0) return text
  index ??= new SecretIndex(known)
  return index.redact(text)
}

/** Forgets every remembered secret: for tests, which run many "processes" in one. */
export function forgetSecrets(): void {
  known.clear()
  index = undefined
}
