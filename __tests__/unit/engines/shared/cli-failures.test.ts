import {daemonCaFile, explainDockerFailure, explainDockerTimeout, failureLine, helperAdvice} from '../../../../src/engines/shared/cli-failures.js'
import type {FailureKind} from '../../../../src/failure.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'

// Real stderr of `docker login` (docker CLI 24–28), as seen on test machines and in reports.
const UNAUTHORIZED_LOCAL = 'Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized'
const UNAUTHORIZED_STATUS = `Error response from daemon: login attempt to https://${HOST}/v2/ failed with status: 401 Unauthorized`
const CLI28_FALLBACK_NOISE = [
  'time="2026-11-22T15:30:08Z" level=info msg="Error logging in to endpoint, trying next endpoint" ' +
    'endpoint="{false https://127.0.0.1:5000 false false false 0xc00038c780}" ' +
    'error="Get \\"https://127.0.0.1:5000/v2/\\": http: server gave HTTP response to HTTPS client"',
  'time="2026-11-22T15:30:08Z" level=info msg="Error logging in to endpoint, trying next endpoint" ' +
    'endpoint="{false http://127.0.0.1:5000 false false false 0xc00038c780}" ' +
    'error="login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized"'
].join('\n')
const UNENCRYPTED_WARNING = [
  "WARNING! Your credentials are stored unencrypted in '/x/config.json'.",
  'Configure a credential helper to remove this warning. See',
  'https://docs.docker.com/go/credential-store/',
  ''
].join('\n')
const DNS =
  'Error response from daemon: Get "https://swr.nowhere-1.myhuaweicloud.com/v2/": dial tcp: lookup ' + 'swr.nowhere-1.myhuaweicloud.com on 10.255.255.53:53: no such host'
const DNS_GLIBC = `Error response from daemon: Get "https://${HOST}/v2/": dial tcp: lookup ${HOST}: Name or service not known`
const REFUSED = 'Error response from daemon: Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused'
const SWR_BLOCK = 'Error response from daemon: denied: Not allow to login, upload or download image'
const CLIENT_TIMEOUT =
  `Error response from daemon: Get "https://${HOST}/v2/": net/http: request canceled while waiting for connection ` + '(Client.Timeout exceeded while awaiting headers)'
const IO_TIMEOUT = `Error response from daemon: Get "https://${HOST}/v2/": dial tcp 100.125.4.25:443: i/o timeout`
const DEADLINE = `Error response from daemon: Get "https://${HOST}/v2/": context deadline exceeded`
const DNS_TIMEOUT = `Error response from daemon: Get "https://${HOST}/v2/": dial tcp: lookup ${HOST} on 127.0.0.53:53: i/o timeout`
const DNS_MISBEHAVING = `Error response from daemon: Get "https://${HOST}/v2/": dial tcp: lookup ${HOST} on 127.0.0.53:53: server misbehaving`
const DNS_TEMPORARY = `Error response from daemon: Get "https://${HOST}/v2/": dial tcp: lookup ${HOST}: Temporary failure in name resolution`
const TLS_TIMEOUT = `Error response from daemon: Get "https://${HOST}/v2/": net/http: TLS handshake timeout`
const INTERNAL = `Error response from daemon: login attempt to https://${HOST}/v2/ failed with status: 500 Internal Server Error`
const BAD_GATEWAY = 'Error response from daemon: received unexpected HTTP status: 502 Bad Gateway'
const UNAVAILABLE = 'Error response from daemon: received unexpected HTTP status: 503 Service Unavailable'
const TOO_MANY = `Error response from daemon: Get "https://${HOST}/v2/": toomanyrequests: too many requests`
const X509_UNKNOWN_CA = 'Error response from daemon: Get "https://registry.local/v2/": tls: failed to verify certificate: ' + 'x509: certificate signed by unknown authority'
const X509_EXPIRED = `Error response from daemon: Get "https://${HOST}/v2/": x509: certificate has expired or is not yet valid`
const DAEMON_DOWN = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'
const DAEMON_PERMISSION =
  'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: ' +
  'Post "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/auth": dial unix /var/run/docker.sock: connect: permission denied'
const SWR_UNAUTHORIZED = `Error response from daemon: Get "https://${HOST}/v2/": unauthorized: authentication required`
const ACR_UNAUTHORIZED = 'Error response from daemon: Get "https://registry.cn-hangzhou.aliyuncs.com/v2/": unauthorized: incorrect username or password'
const FORBIDDEN = `Error response from daemon: login attempt to https://${HOST}/v2/ failed with status: 403 Forbidden`
const DENIED = `Error response from daemon: Get "https://${HOST}/v2/": denied: requested access to the resource is denied`
const PLAIN_HTTP = 'Error response from daemon: Get "https://127.0.0.1:5000/v2/": http: server gave HTTP response to HTTPS client'
const RESET = `Error response from daemon: Get "https://${HOST}/v2/": read tcp 10.1.0.4:51234->100.125.4.25:443: read: connection reset by peer`
const EOF = `Error response from daemon: Get "https://${HOST}/v2/": EOF`

const STATEMENTS = {
  blocked: `${HOST} refused the login because the account is temporarily blocked after too many requests or failed logins.`,
  unauthorized: `${HOST} rejected the credentials.`,
  denied: `${HOST} denied the login.`,
  notFound: `${HOST} cannot be resolved.`,
  dns: /^Looking up swr\.cn-north-4\.myhuaweicloud\.com failed in the DNS server/,
  refused: `Nothing accepts connections at ${HOST}. Check 'registry' (host and port), and that the registry is up.`,
  tls: /^The TLS certificate of swr\.cn-north-4\.myhuaweicloud\.com is not trusted or not valid\./,
  plainHttp: /^swr\.cn-north-4\.myhuaweicloud\.com speaks plain HTTP\./,
  timeout: /^Connecting to swr\.cn-north-4\.myhuaweicloud\.com timed out, over several tries\./,
  server: /^swr\.cn-north-4\.myhuaweicloud\.com answered with a server error or asked to slow down/,
  cutOff: /^The connection to swr\.cn-north-4\.myhuaweicloud\.com was cut off/,
  daemon: /^The Docker daemon is not reachable/
}

describe('failureLine', () => {
  it.each([
    ['a single line', UNAUTHORIZED_LOCAL, UNAUTHORIZED_LOCAL],
    ['docker 28 fallback lines first', `${CLI28_FALLBACK_NOISE}\n${UNAUTHORIZED_LOCAL}\n`, UNAUTHORIZED_LOCAL],
    ['the unencrypted-store warning first', `${UNENCRYPTED_WARNING}${SWR_BLOCK}`, SWR_BLOCK],
    ['both kinds of noise, CRLF line ends', `${CLI28_FALLBACK_NOISE}\r\n${UNENCRYPTED_WARNING.replace(/\n/g, '\r\n')}${DNS}\r\n`, DNS],
    ['surrounding spaces', `   \n  ${REFUSED}  \n\n`, REFUSED],
    ['"Login did not succeed" header', `Login did not succeed, error: \n${SWR_UNAUTHORIZED}`, SWR_UNAUTHORIZED],
    ['the older "password will be stored" warning', `WARNING! Your password will be stored unencrypted in /x.\n${FORBIDDEN}`, FORBIDDEN],
    ['the first of two telling lines', `${SWR_BLOCK}\n${UNAUTHORIZED_LOCAL}`, SWR_BLOCK],
    ['nothing', '', ''],
    ['noise only', `${CLI28_FALLBACK_NOISE}\n${UNENCRYPTED_WARNING}`, '']
  ])('%s', (_name, stderr, expected) => {
    expect(failureLine(stderr)).toBe(expected)
  })
})

describe('explainDockerFailure: what each docker message means', () => {
  it.each<[string, string, FailureKind, string | RegExp, boolean]>([
    // [name, stderr, kind, statement, transient]
    ['wrong password (status 401)', UNAUTHORIZED_STATUS, 'unauthorized', STATEMENTS.unauthorized, false],
    ['wrong password, SWR wording', SWR_UNAUTHORIZED, 'unauthorized', STATEMENTS.unauthorized, false],
    ['wrong password, ACR wording', ACR_UNAUTHORIZED, 'unauthorized', STATEMENTS.unauthorized, false],
    ['403', FORBIDDEN, 'denied', STATEMENTS.denied, false],
    ['access denied', DENIED, 'denied', STATEMENTS.denied, false],
    ['SWR block', SWR_BLOCK, 'blocked', STATEMENTS.blocked, false],
    ['SWR block after the unencrypted-store warning', `${UNENCRYPTED_WARNING}${SWR_BLOCK}`, 'blocked', STATEMENTS.blocked, false],
    ['DNS: no such host', DNS, 'not-found', STATEMENTS.notFound, false],
    ['DNS: Name or service not known', DNS_GLIBC, 'not-found', STATEMENTS.notFound, false],
    ['DNS server timeout', DNS_TIMEOUT, 'other', STATEMENTS.dns, true],
    ['DNS server misbehaving', DNS_MISBEHAVING, 'other', STATEMENTS.dns, true],
    ['DNS temporary failure', DNS_TEMPORARY, 'other', STATEMENTS.dns, true],
    ['connection refused', REFUSED, 'other', STATEMENTS.refused, false],
    ['x509 unknown authority', X509_UNKNOWN_CA, 'tls', STATEMENTS.tls, false],
    ['x509 expired', X509_EXPIRED, 'tls', STATEMENTS.tls, false],
    ['plain HTTP registry', PLAIN_HTTP, 'other', STATEMENTS.plainHttp, false],
    ['client timeout', CLIENT_TIMEOUT, 'other', STATEMENTS.timeout, true],
    ['i/o timeout', IO_TIMEOUT, 'other', STATEMENTS.timeout, true],
    ['context deadline exceeded', DEADLINE, 'other', STATEMENTS.timeout, true],
    ['TLS handshake timeout (a timeout, not a certificate problem)', TLS_TIMEOUT, 'other', STATEMENTS.timeout, true],
    ['500', INTERNAL, 'other', STATEMENTS.server, true],
    ['502', BAD_GATEWAY, 'other', STATEMENTS.server, true],
    ['503', UNAVAILABLE, 'other', STATEMENTS.server, true],
    ['429', TOO_MANY, 'other', STATEMENTS.server, true],
    ['connection reset', RESET, 'other', STATEMENTS.cutOff, true],
    ['EOF', EOF, 'other', STATEMENTS.cutOff, true],
    ['daemon not running', DAEMON_DOWN, 'other', STATEMENTS.daemon, false],
    ['no permission on the daemon socket (a daemon problem, not a registry denial)', DAEMON_PERMISSION, 'other', STATEMENTS.daemon, false]
  ])('%s', (_name, stderr, kind, statement, transient) => {
    const failure = explainDockerFailure(HOST, stderr, 1)
    expect(failure.kind).toBe(kind)
    if (typeof statement === 'string') expect(failure.statement).toBe(statement)
    else expect(failure.statement).toMatch(statement)
    expect(failure.transient).toBe(transient)
    expect(failure.detail).toBe(failureLine(stderr))
  })

  it("cuts DOCKER_HOST in what it says (docker's own line is cut by the caller, after redaction)", () => {
    const daemon = explainDockerFailure(HOST, DAEMON_DOWN, 1, `tcp://${'h'.repeat(5000)}:2375`)
    expect(daemon.statement).toContain(`(DOCKER_HOST=tcp://${'h'.repeat(193)}…). `)
  })

  it('puts the meaningful line in detail, not the noise around it', () => {
    const failure = explainDockerFailure('127.0.0.1:5000', `${CLI28_FALLBACK_NOISE}\n${UNAUTHORIZED_LOCAL}\n${UNENCRYPTED_WARNING}`, 1)
    // The fallback noise mentions plain HTTP: the statement must follow the real failure, not the noise.
    expect(failure).toEqual({
      kind: 'unauthorized',
      statement: '127.0.0.1:5000 rejected the credentials.',
      detail: UNAUTHORIZED_LOCAL,
      transient: false
    })
  })

  it('judges by the meaningful line first, even when the noise matches another rule', () => {
    // The https:// try of the fallback hit a plain-HTTP registry; the http:// try then timed out: that is the failure.
    const timeout = 'Error response from daemon: Get "http://127.0.0.1:5000/v2/": net/http: request canceled ' + '(Client.Timeout exceeded while awaiting headers)'
    expect(explainDockerFailure('127.0.0.1:5000', `${CLI28_FALLBACK_NOISE.split('\n')[0]}\n${timeout}`, 1)).toEqual({
      kind: 'other',
      statement:
        "Connecting to 127.0.0.1:5000 timed out, over several tries. Check the runner's network and proxy settings " +
        "(HTTPS_PROXY, NO_PROXY, and the Docker daemon's own proxy settings), then run the job again.",
      detail: timeout,
      transient: true
    })
  })

  it('falls back to the whole output when the telling line says nothing known', () => {
    const failure = explainDockerFailure(HOST, `Error: something new\n${IO_TIMEOUT}`, 1)
    expect(failure.detail).toBe('Error: something new')
    expect(failure.kind).toBe('other')
    expect(failure.transient).toBe(true)
    expect(failure.statement).toMatch(STATEMENTS.timeout)
  })

  it.each([
    ['no such host', DNS],
    ['x509', X509_EXPIRED],
    ['refused', REFUSED],
    ['block', SWR_BLOCK],
    ['unauthorized', SWR_UNAUTHORIZED],
    ['server error', BAD_GATEWAY]
  ])('names the host in the statement (%s)', (_name, stderr) => {
    expect(explainDockerFailure('registry.example.com:5000', stderr, 1).statement).toContain('registry.example.com:5000')
  })

  it('suggests the CA file path for the host when the certificate is not trusted', () => {
    expect(explainDockerFailure('registry.local', X509_UNKNOWN_CA, 1, undefined, 'linux').statement).toContain('/etc/docker/certs.d/registry.local/ca.crt')
    expect(explainDockerFailure('registry.local', X509_UNKNOWN_CA, 1, undefined, 'win32').statement).toContain('%ProgramData%\\docker\\certs.d\\registry.local\\ca.crt')
  })

  it.each<[NodeJS.Platform, string]>([
    ['linux', '/etc/docker/certs.d/reg.local:5000/ca.crt'],
    ['win32', '%ProgramData%\\docker\\certs.d\\reg.local:5000\\ca.crt'],
    ['darwin', '~/.docker/certs.d/reg.local:5000/ca.crt (Docker Desktop)']
  ])("the daemon's CA file on %s", (platform, expected) => {
    expect(daemonCaFile('reg.local:5000', platform)).toBe(expected)
  })

  describe('Windows: the Credential Manager without a logon session (actions/runner-images#11211)', () => {
    // docker's words when its own store fails, and the helper's when the action calls docker-credential-wincred.
    const DOCKER_SAVING =
      'Error saving credentials: error storing credentials - err: exit status 1, out: `A specified logon session does ' + 'not exist. It may already have been terminated.`'
    const HELPER_SAID = 'A specified logon session does not exist. It may already have been terminated.'

    it('a docker login that failed there says so and points at engine: docker-config', () => {
      const failure = explainDockerFailure(HOST, DOCKER_SAVING, 1)
      expect(failure).toEqual({kind: 'other', statement: expect.any(String), detail: DOCKER_SAVING, transient: false})
      expect(failure.statement).toMatch(new RegExp(`^docker could not store the login for ${HOST.replace(/\./g, '\\.')}\\. Windows' Credential Manager`))
      expect(failure.statement).toContain("Set 'engine: docker-config'")
      expect(failure.statement).toContain('actions/runner-images#11211')
    })

    it.each([
      ["the helper's own words", HELPER_SAID, true],
      ["docker's wrapping of them", DOCKER_SAVING, true],
      ['the Win32 error name', 'error getting credentials - ERROR_NO_SUCH_LOGON_SESSION', true],
      ['another helper failure', 'credentials not found in native keychain', false],
      ['nothing', '', false]
    ])('helperAdvice: %s', (_name, said, advises) => {
      const advice = helperAdvice(said)
      if (advises) expect(advice).toMatch(/^Windows' Credential Manager \(docker-credential-wincred\) cannot be used from this job.*'engine: docker-config'/)
      else expect(advice).toBe('')
    })
  })

  it('suggests http:// for a plain-HTTP registry', () => {
    expect(explainDockerFailure('127.0.0.1:5000', PLAIN_HTTP, 1).statement).toContain("'registry: http://127.0.0.1:5000'")
  })

  it('does not take a status-like number in a host name for a server error', () => {
    const failure = explainDockerFailure('reg-500.example.com', 'Error response from daemon: Get "https://reg-500.example.com/v2/": something odd', 1)
    expect(failure.kind).toBe('other')
    expect(failure.transient).toBe(false)
    expect(failure.statement).toBe("docker login to reg-500.example.com failed, for a reason docker's own message gives.")
  })

  describe('the Docker daemon statement', () => {
    it('names the DOCKER_HOST docker ran with', () => {
      expect(explainDockerFailure(HOST, DAEMON_DOWN, 1, 'tcp://10.0.0.9:2376').statement).toContain('DOCKER_HOST=tcp://10.0.0.9:2376')
    })

    it.each([undefined, ''])("says 'default socket' without one (%j), and offers containerd", dockerHost => {
      const failure = explainDockerFailure(HOST, DAEMON_DOWN, 1, dockerHost)
      expect(failure.statement).toContain('DOCKER_HOST=default socket')
      expect(failure.statement).toContain("'engine: containerd'")
    })
  })

  it.each([
    ['empty stderr', '', 1, 'docker exited with code 1 and printed nothing'],
    ['whitespace only', ' \n\n', 125, 'docker exited with code 125 and printed nothing'],
    ['noise only', UNENCRYPTED_WARNING, 1, 'docker exited with code 1 and printed nothing']
  ])('%s: a plain statement, the exit code in detail', (_name, stderr, code, detail) => {
    expect(explainDockerFailure(HOST, stderr, code)).toEqual({
      kind: 'other',
      statement: `docker login to ${HOST} failed, for a reason docker's own message gives.`,
      detail,
      transient: false
    })
  })

  it('an unknown message is reported as is and not retried', () => {
    expect(explainDockerFailure(HOST, 'Error: Cannot perform an interactive login from a non TTY device', 1)).toEqual({
      kind: 'other',
      statement: `docker login to ${HOST} failed, for a reason docker's own message gives.`,
      detail: 'Error: Cannot perform an interactive login from a non TTY device',
      transient: false
    })
  })
})

describe('explainDockerTimeout', () => {
  it('blames the registry when the daemon itself answers', () => {
    expect(explainDockerTimeout(HOST, 60, true)).toEqual({
      kind: 'other',
      statement:
        `Logging in to ${HOST} did not finish within 60 s: the registry did not answer the Docker daemon in time. Check ` +
        `'registry' and the network between the daemon and the registry (the daemon's own proxy settings, HTTPS_PROXY, ` +
        `NO_PROXY), then run the job again.`,
      detail: 'docker login was stopped after 60 s; the daemon itself answers',
      transient: false
    })
  })

  it.each<[string | undefined, string]>([
    ['tcp://10.0.0.9:2376', '(DOCKER_HOST=tcp://10.0.0.9:2376)'],
    [undefined, '(DOCKER_HOST is unset: the default socket or the current docker context)'],
    [`tcp://${'h'.repeat(5000)}`, `(DOCKER_HOST=tcp://${'h'.repeat(193)}…)`]
  ])('blames the daemon when it does not answer either (DOCKER_HOST %j)', (dockerHost, where) => {
    const failure = explainDockerTimeout(HOST, 60, false, dockerHost)
    expect(failure.statement).toBe(
      `The Docker daemon did not answer within 60 s ${where}. Check that dockerd is running and responsive there ` +
        `(restart it if it hangs), or fix DOCKER_HOST; on a runner without a Docker daemon, set 'engine: docker-config' or 'engine: containerd'.`
    )
    expect(failure).toMatchObject({kind: 'other', transient: false, detail: "docker login was stopped after 60 s, and the daemon did not answer 'docker version' either"})
  })
})
