/**
 * RFC 3986 percent-encoding, as both vendors' signatures canonicalise names and values: the unreserved characters
 * (A-Z a-z 0-9 - _ . ~) stay, everything else becomes %XX of its UTF-8 bytes. encodeURIComponent leaves ! ' ( ) *
 * alone, so those are escaped on top.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
