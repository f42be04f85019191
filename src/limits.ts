// Limits and character sets that several modules check against, each defined once.

/**
 * The longest path Linux takes (PATH_MAX). Paths also travel to post in the saved state, an environment variable that
 * Linux caps at 128 KB: a longer one would stop post from starting at all.
 */
export const PATH_MAX = 4096

/** A line break, or any other control character (C0, DEL, C1), or a Unicode line or paragraph separator. */
export const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u

/**
 * What the log shows escaped (see log.ts and quote in errors.ts): CONTROL's characters and the format characters
 * (zero-width ones, bidi overrides, the soft hyphen), which print as nothing or reorder what follows.
 */
export const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu

/** A try of a program is not started with less time than this left before its deadline: it could only time out. */
export const MIN_TRY_MS = 2_000
