import {percentEncode} from '../../src/percent-encode.js'

// RFC 3986, as both vendors' signatures canonicalise: unreserved characters stay, the rest is %XX of UTF-8 bytes.
describe('percentEncode', () => {
  it.each([
    ['empty', '', ''],
    ['unreserved characters stay', 'abc-_.~XYZ019', 'abc-_.~XYZ019'],
    ["what encodeURIComponent leaves alone: ! ' ( ) *", "a b!'()*", 'a%20b%21%27%28%29%2A'],
    ['space, plus, slash, equals', ' +/=', '%20%2B%2F%3D'],
    ['reserved delimiters', ':?#[]@&;,$', '%3A%3F%23%5B%5D%40%26%3B%2C%24'],
    ['percent itself', '100%', '100%25'],
    ['two-byte UTF-8', 'é', '%C3%A9'],
    ['three-byte UTF-8', '中', '%E4%B8%AD'],
    ['four-byte UTF-8 (an astral character)', '🔑', '%F0%9F%94%91']
  ])('%s: %j → %j', (_name, input, expected) => expect(percentEncode(input)).toBe(expected))

  it('encodes a second time what it encoded once (its own "%" included)', () => {
    expect(percentEncode(percentEncode('a b'))).toBe('a%2520b')
  })
})
