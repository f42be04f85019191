import {jest} from '@jest/globals'
import {ApiError} from '../../../src/api-errors.js'
import {UserError} from '../../../src/errors.js'
import {githubIdToken, noTokenError, tokenClaims, tokenUrl, TOKEN_URL_VAR, TOKEN_VAR} from '../../../src/oidc/github-token.js'
import {closedPort, localServers, maskRecorder, type LocalServer, type Reply} from '../../support/local-server.js'
import {refusal} from '../../support/refusal.js'

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
const CLAIMS = {
  sub: 'repo:octo/app:ref:refs/heads/main',
  aud: 'sts.aliyuncs.com',
  iss: 'https://token.actions.githubusercontent.com',
  exp: 1767229200
}
// Real-looking: a header, the claims, and a signature of the length RS256 gives.
const JWT = `${b64url({alg: 'RS256', typ: 'JWT', kid: 'k1'})}.${b64url(CLAIMS)}.${Buffer.from('s1gnature-'.repeat(25)).toString('base64url')}`
// The runner's request token: a credential of its own (it can ask for tokens of any audience).
const BEARER = 'eyRunnerRequestToken.Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0'
const PATH = '/_apis/distributedtask/hubs/build/plans/7f3e/jobs/9a1b/idtoken?api-version=2.0'
const SERVICE = "GitHub's OIDC token service"

/** Every secret, and a fragment from each end: none may show in a message. */
function expectNoSecret(message: string): void {
  for (const secret of [JWT, BEARER]) {
    expect(message).not.toContain(secret)
    expect(message).not.toContain(secret.slice(0, 12))
    expect(message).not.toContain(secret.slice(-12))
  }
}

describe('noTokenError', () => {
  it('says why the job cannot ask, and every way to give it the permission', () => {
    const error = noTokenError(TOKEN_URL_VAR)
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      "Keyless login ('oidc-provider') needs the job's GitHub OIDC token, and this job cannot request one " +
        "(ACTIONS_ID_TOKEN_REQUEST_URL is not set). Give the job 'permissions: id-token: write' (and 'contents: read' if " +
        'it checks out code: naming one permission sets every other to none). In a reusable workflow, the calling job must ' +
        "grant 'id-token: write' too. Pull requests from forks never get an OIDC token: log in on push there, or skip the " +
        'login for them.'
    )
  })
})

describe('tokenUrl', () => {
  it("keeps the runner's query (api-version) and adds the audience", () => {
    const url = tokenUrl(`https://pipelines.actions.githubusercontent.com${PATH}`, 'sts.aliyuncs.com')
    expect(url.href).toBe(`https://pipelines.actions.githubusercontent.com${PATH}&audience=sts.aliyuncs.com`)
  })

  it('encodes an audience that would break the query', () => {
    const url = tokenUrl(`https://x.example.com${PATH}`, 'https://ex.com/a b&c=d#e')
    expect(url.search).toBe('?api-version=2.0&audience=https%3A%2F%2Fex.com%2Fa+b%26c%3Dd%23e')
    expect(url.searchParams.get('audience')).toBe('https://ex.com/a b&c=d#e')
    expect(url.searchParams.get('api-version')).toBe('2.0')
    expect(url.hash).toBe('')
  })

  it('replaces an audience the URL carries already', () => {
    expect(tokenUrl('https://x.example.com/t?audience=old&api-version=2.0', 'new').search).toBe('?audience=new&api-version=2.0')
  })

  it('refuses a value that is not a URL, blaming the runner', () => {
    expect(refusal(() => tokenUrl('not a url', 'a'))).toBe(
      'ACTIONS_ID_TOKEN_REQUEST_URL is not a URL: the runner sets it, so this runner is unusual. Run the job again on another runner.'
    )
  })
})

describe('tokenClaims', () => {
  it('reads sub, aud, iss and exp', () => {
    expect(tokenClaims(JWT)).toEqual(CLAIMS)
  })

  it('joins an audience that is a list, keeping its strings only', () => {
    const jwt = `h.${b64url({aud: ['sts.aliyuncs.com', 42, 'sts.huaweicloud.com']})}.s`
    expect(tokenClaims(jwt).aud).toBe('sts.aliyuncs.com, sts.huaweicloud.com')
  })

  it('leaves out claims of the wrong type, and takes no others', () => {
    const claims = tokenClaims(`h.${b64url({sub: 7, aud: {x: 1}, iss: null, exp: '1767229200', repository: 'octo/app'})}.s`)
    expect(claims).toEqual({})
    expect(claims.sub).toBeUndefined()
    expect(claims.exp).toBeUndefined()
    expect(claims).not.toHaveProperty('repository')
  })

  it.each([
    ['an empty string', ''],
    ['no dots', 'not-a-jwt'],
    ['a payload that is not base64 JSON', 'h.!!!not base64!!!.s'],
    ['a payload of JSON null', `h.${b64url(null)}.s`],
    ['a payload of a JSON string', `h.${b64url('repo:octo/app')}.s`],
    ['a payload of a JSON number', `h.${b64url(42)}.s`]
  ])('is {} for %s', (_name, jwt) => {
    expect(tokenClaims(jwt)).toEqual({})
  })
})

describe('githubIdToken against a local server', () => {
  const serve = localServers()
  const env = (local: LocalServer, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    [TOKEN_URL_VAR]: new URL(PATH, local.url).href,
    [TOKEN_VAR]: BEARER,
    ...more
  })
  const ok: Reply = {status: 200, body: JSON.stringify({count: 1, value: JWT})}

  /** The call's error, which must be an ApiError free of both secrets. */
  async function apiError(pending: Promise<unknown>): Promise<ApiError> {
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ApiError)
    expectNoSecret((error as ApiError).message)
    return error as ApiError
  }

  it('sends a GET to the runner URL with its api-version and the audience, the request token as a bearer token', async () => {
    const local = await serve(() => ok)
    await expect(
      githubIdToken(
        'sts.aliyuncs.com',
        env(local),
        () => undefined,
        () => undefined
      )
    ).resolves.toBe(JWT)
    expect(local.received).toHaveLength(1)
    const [sent] = local.received
    expect(sent.method).toBe('GET')
    expect(sent.url).toBe(`${PATH}&audience=sts.aliyuncs.com`)
    expect(sent.headers.authorization).toBe(`Bearer ${BEARER}`)
    expect(sent.headers.accept).toBe('application/json')
    expect(sent.body).toBe('')
  })

  it('sends an audience that needs escaping so that GitHub reads it back whole', async () => {
    const local = await serve(() => ok)
    const audience = 'api://AzureADTokenExchange?x=1&y=2'
    await githubIdToken(
      audience,
      env(local),
      () => undefined,
      () => undefined
    )
    const url = new URL(local.received[0].url, local.url)
    expect(url.searchParams.get('audience')).toBe(audience)
    expect(url.searchParams.get('api-version')).toBe('2.0')
    expect([...url.searchParams.keys()]).toEqual(['api-version', 'audience'])
  })

  it('masks the request token before it is sent and the JWT before it returns, each once', async () => {
    const rec = maskRecorder()
    let maskedWhenSent: string[] = []
    const local = await serve(() => {
      maskedWhenSent = [...rec.masked]
      return ok
    })
    await githubIdToken('sts.aliyuncs.com', env(local), rec.mask, () => undefined)
    rec.done()
    expect(maskedWhenSent).toEqual([BEARER])
    expect(rec.masked).toEqual([BEARER, JWT])
    expect(rec.late).toEqual([])
  })

  it('logs nothing when the first try answers', async () => {
    const local = await serve(() => ok)
    const logged: string[] = []
    await githubIdToken(
      'a',
      env(local),
      () => undefined,
      line => void logged.push(line)
    )
    expect(logged).toEqual([])
  })

  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['no request URL', {[TOKEN_VAR]: BEARER}, TOKEN_URL_VAR],
    ['an empty request URL', {[TOKEN_URL_VAR]: '', [TOKEN_VAR]: BEARER}, TOKEN_URL_VAR],
    ['no request token', {[TOKEN_URL_VAR]: 'https://x.example.com/t?api-version=2.0'}, TOKEN_VAR],
    ['an empty request token', {[TOKEN_URL_VAR]: 'https://x.example.com/t?api-version=2.0', [TOKEN_VAR]: ''}, TOKEN_VAR],
    // The URL is named first: neither is set for a job without the permission.
    ['neither', {}, TOKEN_URL_VAR]
  ])('refuses with %s, naming the variable and what the job needs, masking nothing', async (_name, given, missing) => {
    const masked: string[] = []
    const error = await githubIdToken(
      'a',
      given,
      secret => void masked.push(secret),
      () => undefined
    ).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error).not.toBeInstanceOf(ApiError)
    const message = (error as UserError).message
    expect(message).toBe(noTokenError(missing).message)
    expect(message).toContain(`(${missing} is not set)`)
    expect(message).toContain("'permissions: id-token: write'")
    expect(message).toContain('In a reusable workflow, the calling job must grant')
    expect(message).toContain('Pull requests from forks never get an OIDC token')
    expect(masked).toEqual([])
  })

  it('refuses a request URL that is not a URL, having masked the request token', async () => {
    const masked: string[] = []
    const error = await githubIdToken(
      'a',
      {[TOKEN_URL_VAR]: '::', [TOKEN_VAR]: BEARER},
      secret => void masked.push(secret),
      () => undefined
    ).catch((e: unknown) => e)
    expect((error as UserError).message).toMatch(/^ACTIONS_ID_TOKEN_REQUEST_URL is not a URL/)
    expect(masked).toEqual([BEARER])
  })

  it.each<[number, string, string]>([
    [401, 'Unauthorized', "The job's permission to request one may have lapsed (a very long job): run it again."],
    [403, 'Forbidden', "The job's permission to request one may have lapsed (a very long job): run it again."],
    [404, 'Not Found', "Run the job again; if it persists, check 'audience'."],
    [400, 'Bad audience', "Run the job again; if it persists, check 'audience'."]
  ])('reports HTTP %i with what GitHub said and what to do, without trying again', async (status, said, advice) => {
    const local = await serve(() => ({status, body: JSON.stringify({message: said})}))
    const error = await apiError(
      githubIdToken(
        'sts.aliyuncs.com',
        env(local),
        () => undefined,
        () => undefined
      )
    )
    expect(error.message).toBe(`${SERVICE} refused a token for audience 'sts.aliyuncs.com': ${said} (HTTP ${status}). ${advice}`)
    expect(local.received).toHaveLength(1)
  })

  it('says "no error details" for an error without a body', async () => {
    const local = await serve(() => ({status: 401}))
    const error = await apiError(
      githubIdToken(
        'a',
        env(local),
        () => undefined,
        () => undefined
      )
    )
    expect(error.message).toBe(
      `${SERVICE} refused a token for audience 'a': no error details (HTTP 401). The job's permission to request one may have lapsed (a very long job): run it again.`
    )
  })

  it('never shows the request token, even when GitHub echoes it', async () => {
    const local = await serve(() => ({status: 401, body: JSON.stringify({message: `Bearer ${BEARER} is not valid; expected ${BEARER.slice(5, 30)}`})}))
    const error = await apiError(
      githubIdToken(
        'a',
        env(local),
        () => undefined,
        () => undefined
      )
    )
    expect(error.message).toMatch(/^GitHub's OIDC token service refused a token for audience 'a': Bearer \*\*\* is not valid; expected \*\*\* \(HTTP 401\)\./)
  })

  describe('a server error', () => {
    // The call takes no retry hooks of its own (callApi gives only the log line): the real backoff runs. With the
    // jitter at zero, its waits are 0.5 s and 1 s.
    beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0))
    afterEach(() => jest.restoreAllMocks())

    it('is tried three times, each retry logged, then reported with the last answer', async () => {
      const local = await serve(n => ({status: 500, body: JSON.stringify({message: `broken ${n}`})}))
      const logged: string[] = []
      const error = await apiError(
        githubIdToken(
          'sts.aliyuncs.com',
          env(local),
          () => undefined,
          line => void logged.push(line)
        )
      )
      expect(local.received).toHaveLength(3)
      expect(logged).toEqual([`${SERVICE}: API call try 1 failed (HTTP 500); trying again in 0.5 s`, `${SERVICE}: API call try 2 failed (HTTP 500); trying again in 1.0 s`])
      expect(error.message).toBe(`${SERVICE} refused a token for audience 'sts.aliyuncs.com': broken 3 (HTTP 500). Run the job again; if it persists, check 'audience'.`)
    })

    it('that passes is followed by the token', async () => {
      const local = await serve(n => (n === 1 ? {status: 503} : ok))
      await expect(
        githubIdToken(
          'a',
          env(local),
          () => undefined,
          () => undefined
        )
      ).resolves.toBe(JWT)
      expect(local.received).toHaveLength(2)
      // Each try asks the same: the bearer token and the audience every time.
      expect(local.received[1].url).toBe(local.received[0].url)
      expect(local.received[1].headers.authorization).toBe(`Bearer ${BEARER}`)
    })

    it('or no answer at all is reported as such, with no input to check', async () => {
      const port = await closedPort()
      const error = await apiError(
        githubIdToken(
          'a',
          {[TOKEN_URL_VAR]: `http://127.0.0.1:${port}${PATH}`, [TOKEN_VAR]: BEARER},
          () => undefined,
          () => undefined
        )
      )
      expect(error.message).toBe(
        `${SERVICE} gave no answer (127.0.0.1:${port}: ECONNREFUSED, over several tries). Check the runner's network and proxy (HTTPS_PROXY, NO_PROXY).`
      )
    })
  })

  it('reports a redirect as a likely proxy problem, never following it', async () => {
    const local = await serve(() => ({status: 302, headers: {location: `https://elsewhere.example.com/steal?t=${BEARER}`}}))
    const error = await apiError(
      githubIdToken(
        'a',
        env(local),
        () => undefined,
        () => undefined
      )
    )
    expect(error.message).toBe(
      `${SERVICE} (127.0.0.1:${local.port}) redirected to https://elsewhere.example.com (HTTP 302): a proxy is likely wrong. Check the runner's proxy settings (HTTPS_PROXY, NO_PROXY).`
    )
    expect(local.received).toHaveLength(1)
  })

  it.each<[string, string]>([
    ['a body that is not JSON', '<html>ok</html>'],
    ['no value', JSON.stringify({count: 0})],
    ['an empty value', JSON.stringify({value: ''})],
    ['a value that is not a string', JSON.stringify({value: {jwt: JWT}})],
    ['JSON that is not an object', JSON.stringify([JWT])],
    ['JSON null', 'null']
  ])('refuses HTTP 200 with %s', async (_name, body) => {
    const local = await serve(() => ({status: 200, body}))
    const masked: string[] = []
    const error = await apiError(
      githubIdToken(
        'a',
        env(local),
        secret => void masked.push(secret),
        () => undefined
      )
    )
    expect(error.message).toBe(`${SERVICE} answered HTTP 200 without a token. Run the job again.`)
    expect(masked).toEqual([BEARER])
  })

  it.each([
    ['one part', 'opaque-token-value-123456'],
    ['two parts', 'header.payload'],
    ['four parts', `${JWT}.extra`]
  ])('refuses a token of %s, which is not a JWT, masking it and never showing it', async (_name, value) => {
    const local = await serve(() => ({status: 200, body: JSON.stringify({value})}))
    const masked: string[] = []
    const error = await apiError(
      githubIdToken(
        'a',
        env(local),
        secret => void masked.push(secret),
        () => undefined
      )
    )
    expect(error.message).toBe(`${SERVICE} answered with a token that is not a JWT. Run the job again.`)
    // Masked as read: the value is a credential whatever its shape.
    expect(masked).toEqual([BEARER, value])
    expect(error.message).not.toContain(value.slice(0, 10))
  })
})
