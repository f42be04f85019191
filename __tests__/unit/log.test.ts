import {jest} from '@jest/globals'
import * as core from '../fixtures/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const log = await import('../../src/log.js')
const {forgetSecrets, rememberSecret} = await import('../../src/secrets.js')

const TOKEN = 'CAIS+SecurityToken/Xy12Zw34==Vb56Qq90Rr'

beforeEach(() => {
  core.resetCore()
  forgetSecrets()
})

/**
 * Whether the runner could read `line` as a workflow command: "::" after blanks (TryParseV2), or "##[" anywhere followed
 * by what could be a command name (TryParse; a name never starts with a backslash).
 */
function isCommand(line: string): boolean {
  return /^[\s\u0085]*::/.test(line) || /##\[(?!\\)/.test(line)
}

/** Every control character: C0, DEL, C1. */
const CONTROLS = [...Array.from({length: 0x20}, (_, i) => i), 0x7f, ...Array.from({length: 0x20}, (_, i) => 0x80 + i)].map(c => String.fromCharCode(c))

describe('clean', () => {
  it.each(CONTROLS.filter(c => c !== '\n').map(c => [c.charCodeAt(0).toString(16), c]))('shows control character 0x%s as a visible escape', (_hex, char) => {
    const out = log.clean(`a${char}b`)
    expect(out).not.toContain(char)
    expect(out).toMatch(/^a\\(x[0-9a-f]{2}|t|r)b$/)
  })

  it.each<[string, string, string]>([
    ['ESC (colours, cursor moves)', '\x1b[2Ax', 'a\\x1b[2Ax'],
    ['CSI (C1)', '\u009b2A', 'a\\x9b2A'],
    ['a tab', '\tx', 'a\\tx'],
    ['a zero-width space', '\u200bx', 'a\\u200bx'],
    ['a bidi override', '\u202ex', 'a\\u202ex'],
    ['a soft hyphen (collation ignores it)', '\u00adx', 'a\\xadx'],
    ['a line separator', '\u2028x', 'a\\u2028x'],
    ['a byte-order mark', '\ufeffx', 'a\\ufeffx']
  ])('escapes %s', (_name, text, expected) => {
    expect(log.clean(`a${text}`)).toBe(expected)
  })

  it.each<[string, string, string]>([
    ['a command', '::warning::x', '\\::warning::x'],
    ['stop-commands', '::stop-commands::tok', '\\::stop-commands::tok'],
    ['after spaces', '   ::error::x', '   \\::error::x'],
    ['after a tab (escaped, so no longer blank)', '\t::error::x', '\\t::error::x'],
    ['after a no-break space (.NET TrimStart takes it off)', '\u00a0::error::x', '\u00a0\\::error::x'],
    ['after an ideographic space', '\u3000::error::x', '\u3000\\::error::x'],
    ['the old form at the start', '##[warning]x', '##[\\warning]x'],
    ['the old form inside a line (the runner finds it anywhere)', '>>> ##[add-mask]x', '>>> ##[\\add-mask]x'],
    ['the old form twice', '##[a]##[b]', '##[\\a]##[\\b]'],
    ['"::" inside a line stays (only a leading one is a command)', 'see a::b', 'see a::b']
  ])('neutralises %s', (_name, text, expected) => {
    expect(log.clean(text)).toBe(expected)
  })

  it.each<[string, string, string]>([
    ['LF', 'ok\n::warning::x', 'ok\n\\::warning::x'],
    ['CRLF', 'ok\r\n::warning::x', 'ok\n\\::warning::x'],
    ['a lone CR (a line break to the runner), shown', 'ok\r::warning::x', 'ok\\r::warning::x'],
    ['several lines, each on its own', '::a::\n  ::b::\nc\n##[d]', '\\::a::\n  \\::b::\nc\n##[\\d]']
  ])('makes every line of a text inert: %s', (_name, text, expected) => {
    const out = log.clean(text)
    expect(out).toBe(expected)
    for (const line of out.split(/\r\n|\r|\n/)) expect(isCommand(line)).toBe(false)
  })

  it('takes out the remembered secrets and their fragments, before anything else', () => {
    rememberSecret(TOKEN)
    expect(log.clean(`token ${TOKEN}, echoed ${TOKEN.slice(0, 12)}…\n::x::${TOKEN.slice(-9)}`)).toBe('token ***, echoed ***…\n\\::x::***')
  })

  it('cuts a huge text', () => {
    const out = log.clean('x'.repeat(100_000))
    expect(out).toHaveLength(log.MAX_TEXT)
    expect(out.endsWith('…')).toBe(true)
    expect(log.clean('x'.repeat(log.MAX_TEXT))).toHaveLength(log.MAX_TEXT)
  })
})

describe('printing', () => {
  const HOSTILE = `a\n::stop-commands::x ${TOKEN}\x1b[1A`
  const CLEAN = 'a\n\\::stop-commands::x ***\\x1b[1A'

  beforeEach(() => rememberSecret(TOKEN))

  it('info, warning and fail print the cleaned text', () => {
    log.info(HOSTILE)
    log.warning(HOSTILE)
    log.fail(HOSTILE)
    expect(core.lines(core.info)).toEqual([CLEAN])
    expect(core.lines(core.warning)).toEqual([CLEAN])
    expect(core.lines(core.setFailed)).toEqual([CLEAN])
  })

  it('group cleans its title and returns what the callback returns', async () => {
    expect(await log.group(HOSTILE, async () => 42)).toBe(42)
    expect(core.group.mock.calls[0][0]).toBe(CLEAN)
  })
})
