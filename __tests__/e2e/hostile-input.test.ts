// End-to-end: hostile and unlucky inputs through the built action. Line breaks that would put workflow commands into
// the log are refused, naming the input; swapped key pairs of real shape are refused before the SK can reach docker's
// command line, the log or an output; a cloud API that echoes part of a security token has that part taken out. Every
// line of every step is scanned for injected commands, for every secret form, and for fragments of the secrets.
import * as http from 'node:http'
import type {AddressInfo} from 'node:net'
import {assertMasked, assertNoInjectedCommands, assertNoSecretFragments, jobs, testEnv, type Inputs, type Job, type StepResult} from './harness.js'

const env = testEnv()

// Real-shaped key pairs, made up: Huawei (AK 20 upper-case letters and digits, SK 40 of both cases) and Alibaba (AK
// 'LTAI' and 20, SK 30).
const HUAWEI = {ak: 'HPUAXMSFVQ4ZLDP8B2RW', sk: 'Wq3rT8yUi0pAs2dFg4hJk6lZx8cVb0nMq2wE4rT6'}
const ALIBABA = {ak: 'LTAI5tQwErTyUiOpAsDfGh12', sk: 'Yt7uI9oP0aSdFgHjKl1ZxCvBnM2q3W'}
const TOKEN = 'gQpjbi1ub3J0aC00HostileEchoSecurityToken0123456789abcdefXYZ'

/** The secrets themselves, scanned for in every form and in fragments of 8 characters. */
const ATOMS = [env.sk, env.key, env.acrFixed.password, HUAWEI.sk, ALIBABA.sk, TOKEN]
const forms = (user: string, password: string): string[] => [password, `${user}:${password}`, Buffer.from(`${user}:${password}`).toString('base64')]
const SECRETS = (): string[] => [...ATOMS, ...forms(`cn-north-4@${env.ak}`, env.key), ...forms(env.acrFixed.user, env.acrFixed.password)]
const newJob = jobs(env, SECRETS)

/** What every hostile run must show: no command but the action's own, no fragment of any secret. */
function assertClean(job: Job): void {
  assertNoInjectedCommands(job)
  assertNoSecretFragments(job, ATOMS)
}

/** The step failed with one error that names `input`, and printed no warning the injected text asked for. */
function expectRefused(main: StepResult, input: string | RegExp): string {
  expect(main.code).not.toBe(0)
  expect(main.errors).toHaveLength(1)
  const error = main.errors[0]
  expect(error).toMatch(typeof input === 'string' ? new RegExp(`^Input '${input}'`) : input)
  expect(main.warnings.filter(w => /pwned/.test(w))).toEqual([])
  expect(main.outputs.get('username') ?? '').toBe('')
  return error
}

// What a value needs to run commands in the log: a line break, then a command; stop-commands would silence the
// add-mask lines after it.
const INJECTED = '\n::warning::pwned\n::stop-commands::pwnedtoken\n##[warning]pwned'

describe('injected line breaks', () => {
  const swr = (): Inputs => ({'access-key-id': env.ak, 'access-key-secret': env.sk, region: 'cn-north-4', registry: `http://${env.httpRegistry}`})
  const acrFixed = (): Inputs => ({
    provider: 'acr',
    username: env.acrFixed.user,
    password: env.acrFixed.password,
    region: 'cn-hangzhou',
    registry: `http://${env.httpRegistry}`
  })

  it.each<[string, () => Inputs, string | RegExp]>([
    ['hosts-dir', () => ({...swr(), 'hosts-dir': `/tmp/certs.d${INJECTED}`}), 'hosts-dir'],
    ["ACR's username", () => ({...acrFixed(), username: `${env.acrFixed.user}${INJECTED}`}), 'username'],
    ['registry', () => ({...swr(), registry: `http://${env.httpRegistry}${INJECTED}`}), 'registry'],
    ['access-key-id', () => ({...swr(), 'access-key-id': `${env.ak}${INJECTED}`}), 'access-key-id'],
    ['api-endpoint', () => ({...swr(), 'login-type': 'temporary', 'api-endpoint': `http://127.0.0.1:9${INJECTED}`}), 'api-endpoint'],
    [
      'instance-id',
      () => ({provider: 'acr', 'access-key-id': ALIBABA.ak, 'access-key-secret': ALIBABA.sk, region: 'cn-hangzhou', 'instance-id': `cri-abc${INJECTED}`}),
      'instance-id'
    ],
    ['logout', () => ({...swr(), logout: `true${INJECTED}`}), 'logout'],
    ['provider', () => ({...swr(), provider: `swr${INJECTED}`}), 'provider'],
    // Lists take line breaks between items; the injected items are then not region IDs or engines.
    ['region (a list)', () => ({...swr(), region: `cn-north-4${INJECTED}`}), 'region'],
    ['engine (a list)', () => ({...swr(), engine: `docker${INJECTED}`}), 'engine'],
    ['region, with a control character inside an item', () => ({...swr(), region: 'cn-north-4\x1b[2J\rap-southeast-3'}), /^Input 'region' contains a control character/]
  ])('in %s: refused, naming the input, and nothing reaches the log as a command', async (_name, inputs, input) => {
    const job = newJob()
    const main = await job.main(inputs())
    const error = expectRefused(main, input)
    expect(error).not.toMatch(/^\s*::/m)
    expect(job.dockerAuths()).toEqual({})
    assertClean(job)
    // Whatever was read as a secret was masked before the refusal was printed.
    const given = inputs()
    assertMasked(job, [given['access-key-secret'] ?? given.password])
  })

  it('a 100 KB value gives a short error, not a huge annotation', async () => {
    const job = newJob()
    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: `cn-north-4, ${'x'.repeat(100_000)}`})
    expectRefused(main, 'region')
    expect(main.stdout.length).toBeLessThan(5_000)
    assertClean(job)
  })
})

describe('swapped key pairs of real shape', () => {
  it.each<[string, Inputs, string]>([
    [
      'SWR long-term (the AK would go on docker login --username)',
      {'access-key-id': HUAWEI.sk, 'access-key-secret': HUAWEI.ak, region: 'cn-north-4', registry: `http://${env.httpRegistry}`},
      HUAWEI.sk
    ],
    [
      'SWR temporary',
      {'access-key-id': HUAWEI.sk, 'access-key-secret': HUAWEI.ak, region: 'cn-north-4', 'login-type': 'temporary', 'api-endpoint': 'http://127.0.0.1:9'},
      HUAWEI.sk
    ],
    ['ACR token', {provider: 'acr', 'access-key-id': ALIBABA.sk, 'access-key-secret': ALIBABA.ak, region: 'cn-hangzhou', 'api-endpoint': 'http://127.0.0.1:9'}, ALIBABA.sk]
  ])('%s: refused as swapped; the SK is masked and never printed, output or used', async (_name, inputs, sk) => {
    const job = newJob()
    const main = await job.main(inputs)
    const error = expectRefused(main, /^Inputs 'access-key-id' and 'access-key-secret' look swapped/)
    expect(error).not.toContain(sk.slice(0, 8))
    expect([...main.outputs.values()].join('\n')).not.toContain(sk.slice(0, 8))
    expect(job.dockerAuths()).toEqual({})
    assertMasked(job, [sk])
    assertClean(job)
  })

  it('the same keys the right way round pass the checks (and fail only where no API answers)', async () => {
    const job = newJob()
    const main = await job.main({
      'access-key-id': HUAWEI.ak,
      'access-key-secret': HUAWEI.sk,
      region: 'cn-north-4',
      'login-type': 'temporary',
      'api-endpoint': 'http://127.0.0.1:9'
    })
    expect(main.code).not.toBe(0)
    expect(main.errors.join('\n')).toMatch(/gave no answer/)
    expect(main.errors.join('\n')).not.toMatch(/swapped|access key ID/)
    assertClean(job)
  })
})

describe('an API that echoes part of a secret', () => {
  let server: http.Server | undefined
  afterEach(async () => {
    await new Promise<void>(resolve => (server ? server.close(() => resolve()) : resolve()))
    server = undefined
  })

  /** A stand-in for the SWR API that refuses every call, quoting `echo` of what it received. */
  async function echoingApi(echo: (token: string) => string): Promise<string> {
    server = http.createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        const token = String(req.headers['x-security-token'] ?? '')
        res.writeHead(401, {'content-type': 'application/json', 'x-request-id': 'req-echo'})
        res.end(JSON.stringify({error_code: 'APIGW.0307', error_msg: echo(token)}))
      })
    })
    await new Promise<void>(resolve => server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it.each<[string, (token: string) => string]>([
    ['a prefix of the security token', token => `The token ${token.slice(0, 24)}… is expired or invalid`],
    ['a middle part of it, after a line break and a command', token => `bad token\n::warning::pwned ${token.slice(10, 30)}`],
    ['its suffix, percent-encoded', token => `x-security-token%3A${encodeURIComponent(token.slice(-16))} rejected`]
  ])('%s: taken out of the error and the log', async (_name, echo) => {
    const url = await echoingApi(echo)
    const job = newJob()
    const main = await job.main({
      'access-key-id': 'HSTACRLE2EHOSTILE000',
      'access-key-secret': HUAWEI.sk,
      'security-token': TOKEN,
      region: 'cn-north-4',
      'login-type': 'temporary',
      registry: `http://${env.httpRegistry}`,
      'api-endpoint': url
    })
    expect(main.code).not.toBe(0)
    expect(main.errors.join('\n')).toMatch(/SWR CreateSecret in cn-north-4 failed: APIGW\.0307/)
    expect(main.errors.join('\n')).toContain('***')
    assertMasked(job, [TOKEN, HUAWEI.sk])
    assertClean(job)
  })
})
