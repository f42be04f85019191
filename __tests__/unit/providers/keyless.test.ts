import {jest} from '@jest/globals'
import {UserError} from '../../../src/errors.js'
import {
  checkStsEndpoint,
  defaultSessionName,
  KEYLESS_DEFAULT_SECONDS,
  keylessDuration,
  parseSessionName,
  stsUrl,
  type SessionNameRules
} from '../../../src/providers/keyless.js'
import {refusal} from '../../support/refusal.js'

const ALIBABA: SessionNameRules = {service: 'Alibaba Cloud STS', maxLength: 64}
const HUAWEI: SessionNameRules = {service: 'Huawei Cloud IAM', maxLength: 128}

describe('parseSessionName', () => {
  it('is undefined when not given: a default is built', () => {
    expect(parseSessionName('', ALIBABA)).toBeUndefined()
  })

  it.each<[string, SessionNameRules]>([
    ['ab', ALIBABA],
    ['a'.repeat(64), ALIBABA],
    ['a'.repeat(128), HUAWEI],
    ['deploy.prod@octo_app-42', ALIBABA],
    ['ABCxyz0189.@_-', HUAWEI]
  ])('takes %j (%o)', (value, rules) => {
    expect(parseSessionName(value, rules)).toBe(value)
  })

  const rule = (rules: SessionNameRules): string => `${rules.service} takes 2 to ${rules.maxLength} characters, each a letter, a digit or one of . @ _ -`

  it.each<[string, string, SessionNameRules, string]>([
    ['one character', 'a', ALIBABA, `Input 'role-session-name' is 'a': ${rule(ALIBABA)}. Change it, or remove it for the default.`],
    ['one past the maximum', 'a'.repeat(65), ALIBABA, `Input 'role-session-name' is '${'a'.repeat(65)}': ${rule(ALIBABA)}. Change it, or remove it for the default.`],
    [
      'one past the maximum (Huawei)',
      'b'.repeat(129),
      HUAWEI,
      // quote() cuts an input at 100 characters: a long name is not repeated whole.
      `Input 'role-session-name' is '${'b'.repeat(99)}…': ${rule(HUAWEI)}. Change it, or remove it for the default.`
    ],
    ['a space', 'my session', ALIBABA, `Input 'role-session-name' is 'my session': ${rule(ALIBABA)} (not ' '). Change it, or remove it for the default.`],
    ['a slash', 'octo/app', HUAWEI, `Input 'role-session-name' is 'octo/app': ${rule(HUAWEI)} (not '/'). Change it, or remove it for the default.`],
    ['a non-ASCII letter', 'büild', ALIBABA, `Input 'role-session-name' is 'büild': ${rule(ALIBABA)} (not 'ü'). Change it, or remove it for the default.`],
    // A line break is shown escaped, so that the message stays one line and says which character it is.
    ['a line break', 'ab\ncd', ALIBABA, `Input 'role-session-name' is 'ab\\ncd': ${rule(ALIBABA)} (not '\\n'). Change it, or remove it for the default.`],
    ['too short and a bad character', '*', ALIBABA, `Input 'role-session-name' is '*': ${rule(ALIBABA)} (not '*'). Change it, or remove it for the default.`]
  ])('refuses %s', (_name, value, rules, expected) => {
    expect(refusal(() => parseSessionName(value, rules))).toBe(expected)
  })

  it('names the first bad character', () => {
    expect(refusal(() => parseSessionName('ok:then/no', ALIBABA))).toContain("(not ':')")
  })
})

describe('defaultSessionName', () => {
  const RUN = {GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '9876543210', GITHUB_RUN_ATTEMPT: '2'}

  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['a run', RUN, 'github-octo-app-9876543210-2'],
    ["the characters of a repository's name that STS takes, kept", {...RUN, GITHUB_REPOSITORY: 'Octo_Org/my.app-2'}, 'github-Octo_Org-my.app-2-9876543210-2'],
    ['bad characters, each made a hyphen', {...RUN, GITHUB_REPOSITORY: 'octo/ä pp+x'}, 'github-octo---pp-x-9876543210-2'],
    ['a bad character in the run ID', {...RUN, GITHUB_RUN_ID: '12 34'}, 'github-octo-app-12-34-2'],
    ['no repository', {GITHUB_RUN_ID: '9876543210', GITHUB_RUN_ATTEMPT: '2'}, 'github-9876543210-2'],
    ['an empty repository', {...RUN, GITHUB_REPOSITORY: ''}, 'github-9876543210-2'],
    ['no run attempt', {GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '9876543210'}, 'github-octo-app-9876543210'],
    ['an empty run attempt', {...RUN, GITHUB_RUN_ATTEMPT: ''}, 'github-octo-app-9876543210'],
    ['no run ID', {GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ATTEMPT: '2'}, 'github-octo-app-2'],
    ['no GitHub variables at all (not on a runner)', {}, 'github']
  ])('%s: %s', (_name, env, expected) => {
    expect(defaultSessionName(env, ALIBABA)).toBe(expected)
  })

  it('cuts the repository part of a name that is too long, and keeps the run', () => {
    const env = {...RUN, GITHUB_REPOSITORY: `octo/${'a'.repeat(100)}`}
    const name = defaultSessionName(env, ALIBABA)
    expect(name).toBe(`github-octo-${'a'.repeat(64 - 'github-octo-'.length - '-9876543210-2'.length)}-9876543210-2`)
    expect(name).toHaveLength(64)
  })

  it('the same name under the longer Huawei limit is not cut', () => {
    const env = {...RUN, GITHUB_REPOSITORY: `octo/${'a'.repeat(100)}`}
    expect(defaultSessionName(env, HUAWEI)).toBe(`github-octo-${'a'.repeat(100)}-9876543210-2`)
  })

  it('leaves no hyphen dangling where the repository part is cut', () => {
    // The cut falls inside the run of hyphens: 'github-octo-app' and the run, not 'github-octo-app-----'.
    const rules = {service: 'STS', maxLength: 'github-octo-app-----'.length + '-1-1'.length}
    expect(defaultSessionName({GITHUB_REPOSITORY: 'octo/app------xyz', GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1'}, rules)).toBe('github-octo-app-1-1')
  })

  it('drops the repository altogether when the run fills the name, and cuts the run only to fit', () => {
    const rules = {service: 'STS', maxLength: 16}
    expect(defaultSessionName({...RUN, GITHUB_RUN_ID: '1'.repeat(30)}, rules)).toBe(`github-${'1'.repeat(9)}`)
  })

  it.each<[string, NodeJS.ProcessEnv, SessionNameRules]>([
    ['a run', RUN, ALIBABA],
    ['a long repository', {...RUN, GITHUB_REPOSITORY: `o/${'r'.repeat(200)}`}, ALIBABA],
    ['a long repository (Huawei)', {...RUN, GITHUB_REPOSITORY: `o/${'r'.repeat(200)}`}, HUAWEI],
    ['odd characters everywhere', {GITHUB_REPOSITORY: 'ö/ü ä', GITHUB_RUN_ID: '∞', GITHUB_RUN_ATTEMPT: '#'}, ALIBABA],
    ['nothing', {}, ALIBABA]
  ])('is always a name the cloud takes: %s', (_name, env, rules) => {
    const name = defaultSessionName(env, rules)
    expect(parseSessionName(name, rules)).toBe(name)
  })
})

describe('stsUrl', () => {
  const fallback = (region: string): string => `https://sts.${region}.example.com`

  it.each<[string, string, string, string]>([
    ['the default for the region, when not given', '', 'cn-hangzhou', 'https://sts.cn-hangzhou.example.com/'],
    ['the input, as given', 'https://sts-vpc.cn-shanghai.aliyuncs.com', 'cn-hangzhou', 'https://sts-vpc.cn-shanghai.aliyuncs.com/'],
    ['{region} put in', 'https://sts.{region}.aliyuncs.com', 'ap-southeast-1', 'https://sts.ap-southeast-1.aliyuncs.com/'],
    ['{region} put in everywhere', 'https://{region}.gw.example.com/{region}/sts', 'eu-west-101', 'https://eu-west-101.gw.example.com/eu-west-101/sts'],
    ['a port and a path', 'https://gw.example.com:8443/sts/', 'cn-north-4', 'https://gw.example.com:8443/sts/'],
    // Plain HTTP on loopback never leaves the machine (a local proxy, a test's fake).
    ['http:// to 127.0.0.1', 'http://127.0.0.1:8080', 'cn-north-4', 'http://127.0.0.1:8080/'],
    ['http:// to 127.1.2.3', 'http://127.1.2.3', 'cn-north-4', 'http://127.1.2.3/'],
    ['http:// to localhost', 'http://localhost:9000/sts', 'cn-north-4', 'http://localhost:9000/sts'],
    ['http:// to LOCALHOST', 'HTTP://LOCALHOST:9000', 'cn-north-4', 'http://localhost:9000/'],
    ['http:// to [::1]', 'http://[::1]:9000', 'cn-north-4', 'http://[::1]:9000/']
  ])('%s', (_name, value, region, expected) => {
    expect(stsUrl(value, region, fallback).href).toBe(expected)
  })

  it.each([
    ['http://sts.aliyuncs.com', 'http://sts.aliyuncs.com'],
    ['http://sts.{region}.aliyuncs.com', 'http://sts.cn-north-4.aliyuncs.com'],
    ['http://10.0.0.1:8080/sts', 'http://10.0.0.1:8080'],
    // Names that only start or end like loopback are not loopback.
    ['http://localhost.example.com', 'http://localhost.example.com'],
    ['http://127.0.0.1.nip.io', 'http://127.0.0.1.nip.io'],
    ['http://0.0.0.0', 'http://0.0.0.0']
  ])('refuses plain HTTP beyond loopback: %s', (value, origin) => {
    expect(refusal(() => stsUrl(value, 'cn-north-4', fallback))).toBe(
      `Input 'sts-endpoint' is a plain http:// URL (${origin}): the job's OIDC token and the temporary keys would cross ` + `the network unencrypted. Use https://.`
    )
  })

  it('refuses a default that is plain HTTP beyond loopback, too', () => {
    expect(refusal(() => stsUrl('', 'cn-north-4', () => 'http://sts.example.com'))).toMatch(/^Input 'sts-endpoint' is a plain http:\/\/ URL \(http:\/\/sts\.example\.com\)/)
  })

  it('refuses user info, without showing it', () => {
    const message = refusal(() => stsUrl('https://admin:Hunter2Secret@sts.aliyuncs.com', 'cn-north-4', fallback))
    expect(message).toBe("Input 'sts-endpoint' must be an https:// (or http://) URL without user info, query or fragment: 'https://***@sts.aliyuncs.com'.")
    expect(message).not.toContain('Hunter2')
  })

  it.each([
    ['a query', 'https://sts.aliyuncs.com/?Action=x'],
    ['a fragment', 'https://sts.aliyuncs.com/#x'],
    ['another scheme', 'ftp://sts.aliyuncs.com']
  ])('refuses %s', (_name, value) => {
    expect(refusal(() => stsUrl(value, 'cn-north-4', fallback))).toBe(
      `Input 'sts-endpoint' must be an https:// (or http://) URL without user info, query or fragment: '${value}'.`
    )
  })

  it.each(['sts.aliyuncs.com', 'https://', 'not a url'])("refuses %j, which is not a URL, with the cloud's default as the example", value => {
    expect(refusal(() => stsUrl(value, 'ap-southeast-1', fallback))).toBe(
      `Input 'sts-endpoint' is not a URL: '${value}'. Expected https://host[:port], e.g. https://sts.cn-north-4.example.com.`
    )
  })

  it('refuses a placeholder other than {region}', () => {
    expect(refusal(() => stsUrl('https://sts.{Region}.aliyuncs.com', 'cn-north-4', fallback))).toBe(
      "Input 'sts-endpoint' has a placeholder other than {region}: 'https://sts.{Region}.aliyuncs.com'."
    )
  })
})

describe('checkStsEndpoint', () => {
  it("returns '' for the default, without building it (the region is not known yet)", () => {
    const fallback = jest.fn((region: string) => `https://sts.${region}.example.com`)
    expect(checkStsEndpoint('', fallback)).toBe('')
    expect(fallback).not.toHaveBeenCalled()
  })

  it('returns a pattern as given, {region} and all', () => {
    expect(checkStsEndpoint('https://sts.{region}.aliyuncs.com', () => 'unused')).toBe('https://sts.{region}.aliyuncs.com')
  })

  it.each([
    ['plain HTTP', 'http://sts.{region}.aliyuncs.com', /^Input 'sts-endpoint' is a plain http:\/\/ URL \(http:\/\/sts\.cn-north-4\.aliyuncs\.com\)/],
    ['a non-URL', 'sts.aliyuncs.com', /^Input 'sts-endpoint' is not a URL/],
    ['user info', 'https://u:p@sts.aliyuncs.com', /^Input 'sts-endpoint' must be an https:\/\/ \(or http:\/\/\) URL without user info/],
    ['an unknown placeholder', 'https://sts.{zone}.aliyuncs.com', /^Input 'sts-endpoint' has a placeholder other than \{region\}/],
    ['a host label too long', `https://${'a'.repeat(64)}.example.com`, /^Input 'sts-endpoint' has a host name that is too long/],
    // The URL parser would take it as https://sts.aliyuncs.com: a typo is named, not guessed at.
    [
      'one slash after the scheme',
      'https:/sts.aliyuncs.com',
      /^Input 'sts-endpoint': 'https:\/sts\.aliyuncs\.com' has one slash after the scheme: write 'https:\/\/sts\.aliyuncs\.com'\.$/
    ]
  ])('refuses %s as the inputs are read', (_name, value, why) => {
    expect(refusal(() => checkStsEndpoint(value, () => 'https://unused.example.com'))).toMatch(why)
  })
})

describe('keylessDuration', () => {
  const ALIBABA_LIMITS = {service: 'Alibaba Cloud STS', minSeconds: 15 * 60, maxSeconds: 12 * 60 * 60}
  const HUAWEI_V3_LIMITS = {service: 'Huawei Cloud IAM', minSeconds: 15 * 60, maxSeconds: 24 * 60 * 60}

  it('is an hour when not given', () => {
    expect(KEYLESS_DEFAULT_SECONDS).toBe(3600)
    expect(keylessDuration('', ALIBABA_LIMITS)).toBe(3600)
    expect(keylessDuration('', HUAWEI_V3_LIMITS)).toBe(3600)
  })

  it.each<[string, number]>([
    ['15m', 900],
    ['900', 900],
    ['2h', 7200],
    ['1h30m', 5400],
    ['12h', 43200]
  ])('%s is %i s within the limits', (value, seconds) => {
    expect(keylessDuration(value, ALIBABA_LIMITS)).toBe(seconds)
  })

  it.each<[string, typeof ALIBABA_LIMITS, string]>([
    ['14m', ALIBABA_LIMITS, "Input 'duration' is '14m': shorter than Alibaba Cloud STS allows. Use a time like 15m, 2h or 12h (15 minutes to 12 hours)."],
    ['899', ALIBABA_LIMITS, "Input 'duration' is '899': shorter than Alibaba Cloud STS allows. Use a time like 15m, 2h or 12h (15 minutes to 12 hours)."],
    ['12h1s', ALIBABA_LIMITS, "Input 'duration' is '12h1s': longer than Alibaba Cloud STS allows. Use a time like 15m, 2h or 12h (15 minutes to 12 hours)."],
    ['25h', HUAWEI_V3_LIMITS, "Input 'duration' is '25h': longer than Huawei Cloud IAM allows. Use a time like 15m, 2h or 24h (15 minutes to 24 hours)."],
    ['1d', ALIBABA_LIMITS, "Input 'duration' is '1d': not a duration. Use a time like 15m, 2h or 12h (15 minutes to 12 hours)."]
  ])('refuses %s', (value, limits, expected) => {
    expect(refusal(() => keylessDuration(value, limits))).toBe(expected)
  })

  it('takes up to the limits it is given: 24 hours for one that allows it', () => {
    expect(keylessDuration('24h', HUAWEI_V3_LIMITS)).toBe(86400)
    expect(() => keylessDuration('24h', ALIBABA_LIMITS)).toThrow(UserError)
  })
})
