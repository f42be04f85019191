import {explainDockerFailure, failureLine} from '../../src/docker-errors.js'

const HOST = 'swr.cn-north-4.myhuaweicloud.com'

// Real stderr of `docker login`, as seen on a test machine (docker CLI 28).
const UNAUTHORIZED_LOCAL = 'Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized'
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
  'Error response from daemon: Get "https://swr.nowhere-1.myhuaweicloud.com/v2/": dial tcp: lookup ' +
  'swr.nowhere-1.myhuaweicloud.com on 10.255.255.53:53: no such host'
const REFUSED = 'Error response from daemon: Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused'
const SWR_BLOCK = 'Error response from daemon: denied: Not allow to login, upload or download image'
const CLIENT_TIMEOUT =
  `Error response from daemon: Get "https://${HOST}/v2/": net/http: request canceled while waiting for connection ` +
  '(Client.Timeout exceeded while awaiting headers)'
const IO_TIMEOUT = `Error response from daemon: Get "https://${HOST}/v2/": dial tcp 100.125.4.25:443: i/o timeout`
const DNS_TIMEOUT = `Error response from daemon: Get "https://${HOST}/v2/": dial tcp: lookup ${HOST} on 127.0.0.53:53: i/o timeout`
const DNS_MISBEHAVING = `Error response from daemon: Get "https://${HOST}/v2/": dial tcp: lookup ${HOST} on 127.0.0.53:53: server misbehaving`
const TLS_TIMEOUT = `Error response from daemon: Get "https://${HOST}/v2/": net/http: TLS handshake timeout`
const BAD_GATEWAY = `Error response from daemon: received unexpected HTTP status: 502 Bad Gateway`
const UNAVAILABLE = `Error response from daemon: received unexpected HTTP status: 503 Service Unavailable`
const TOO_MANY = `Error response from daemon: Get "https://${HOST}/v2/": toomanyrequests: too many requests`
const X509_UNKNOWN_CA =
  'Error response from daemon: Get "https://registry.local/v2/": tls: failed to verify certificate: ' +
  'x509: certificate signed by unknown authority'
const X509_EXPIRED = `Error response from daemon: Get "https://${HOST}/v2/": x509: certificate has expired or is not yet valid`
const DAEMON_DOWN = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'
const SWR_UNAUTHORIZED = `Error response from daemon: Get "https://${HOST}/v2/": unauthorized: authentication required`
const FORBIDDEN = `Error response from daemon: login attempt to https://${HOST}/v2/ failed with status: 403 Forbidden`
const PLAIN_HTTP = `Error response from daemon: Get "https://127.0.0.1:5000/v2/": http: server gave HTTP response to HTTPS client`
const RESET = `Error response from daemon: Get "https://${HOST}/v2/": read tcp 10.1.0.4:51234->100.125.4.25:443: read: connection reset by peer`
const EOF = `Error response from daemon: Get "https://${HOST}/v2/": EOF`

describe('failureLine', () => {
  it.each([
    ['a single line', UNAUTHORIZED_LOCAL, UNAUTHORIZED_LOCAL],
    ['docker 28 fallback lines first', `${CLI28_FALLBACK_NOISE}\n${UNAUTHORIZED_LOCAL}\n`, UNAUTHORIZED_LOCAL],
    ['the unencrypted-store warning first', `${UNENCRYPTED_WARNING}${SWR_BLOCK}`, SWR_BLOCK],
    ['both kinds of noise, CRLF line ends', `${CLI28_FALLBACK_NOISE}\r\n${UNENCRYPTED_WARNING.replace(/\n/g, '\r\n')}${DNS}\r\n`, DNS],
    ['surrounding spaces', `   \n  ${REFUSED}  \n\n`, REFUSED],
    ['"Login did not succeed" header', `Login did not succeed, error: \n${SWR_UNAUTHORIZED}`, SWR_UNAUTHORIZED],
    ['the older "password will be stored" warning', `WARNING! Your password will be stored unencrypted in /x.\n${FORBIDDEN}`, FORBIDDEN],
    ['nothing', '', ''],
    ['noise only', `${CLI28_FALLBACK_NOISE}\n${UNENCRYPTED_WARNING}`, '']
  ])('%s', (_name, stderr, expected) => {
    expect(failureLine(stderr)).toBe(expected)
  })
})

describe('explainDockerFailure', () => {
  it.each([
    // [name, stderr, explanation pattern, transient]
    ['wrong password (local registry)', UNAUTHORIZED_LOCAL, /rejected the credentials/, false],
    ['wrong password after docker 28 fallback noise', `${CLI28_FALLBACK_NOISE}\n${UNAUTHORIZED_LOCAL}`, /rejected the credentials/, false],
    ['wrong password, SWR wording', SWR_UNAUTHORIZED, /rejected the credentials/, false],
    ['DNS: no such host', DNS, /cannot be resolved/, false],
    ['DNS server timeout', DNS_TIMEOUT, /DNS server/, true],
    ['DNS server misbehaving', DNS_MISBEHAVING, /DNS server/, true],
    ['connection refused', REFUSED, /Nothing accepts connections/, false],
    ['SWR block', SWR_BLOCK, /temporarily blocked/, false],
    ['SWR block after the warning', `${UNENCRYPTED_WARNING}${SWR_BLOCK}`, /temporarily blocked/, false],
    ['client timeout', CLIENT_TIMEOUT, /timed out/, true],
    ['i/o timeout', IO_TIMEOUT, /timed out/, true],
    ['TLS handshake timeout', TLS_TIMEOUT, /timed out/, true],
    ['502', BAD_GATEWAY, /server error/, true],
    ['503', UNAVAILABLE, /server error/, true],
    ['429', TOO_MANY, /server error or asked to slow down/, true],
    ['x509 unknown authority', X509_UNKNOWN_CA, /TLS certificate/, false],
    ['x509 expired', X509_EXPIRED, /TLS certificate/, false],
    ['daemon not running', DAEMON_DOWN, /Docker daemon is not reachable/, false],
    ['403', FORBIDDEN, /denied the login/, false],
    ['plain HTTP registry', PLAIN_HTTP, /speaks plain HTTP/, false],
    ['connection reset', RESET, /cut off/, true],
    ['EOF', EOF, /cut off/, true]
  ])('%s', (_name, stderr, explanation, transient) => {
    const failure = explainDockerFailure(HOST, stderr, 1)
    expect(failure.explanation).toMatch(explanation)
    expect(failure.transient).toBe(transient)
  })

  it('puts the meaningful line in detail, not the noise around it', () => {
    const failure = explainDockerFailure('127.0.0.1:5000', `${CLI28_FALLBACK_NOISE}\n${UNAUTHORIZED_LOCAL}\n${UNENCRYPTED_WARNING}`, 1)
    expect(failure.detail).toBe(UNAUTHORIZED_LOCAL)
    // The fallback noise mentions plain HTTP: the explanation must follow the real failure, not the noise.
    expect(failure.explanation).not.toMatch(/plain HTTP/)
    expect(failure.explanation).toMatch(/^127\.0\.0\.1:5000 rejected the credentials/)
  })

  it('judges by the meaningful line first, even when the noise matches another rule', () => {
    // The https:// try of the fallback hit a plain-HTTP registry; the http:// try then timed out: that is the failure.
    const timeout = 'Error response from daemon: Get "http://127.0.0.1:5000/v2/": net/http: request canceled ' +
      '(Client.Timeout exceeded while awaiting headers)'
    const failure = explainDockerFailure('127.0.0.1:5000', `${CLI28_FALLBACK_NOISE.split('\n')[0]}\n${timeout}`, 1)
    expect(failure).toEqual({
      explanation: "Connecting to 127.0.0.1:5000 timed out, over several tries. Check the runner's network and proxy settings (HTTPS_PROXY, NO_PROXY, and the Docker daemon's own proxy settings), then run the job again.",
      detail: timeout,
      transient: true
    })
  })

  it('tells the user to wait after an SWR block, and names the host', () => {
    const failure = explainDockerFailure(HOST, SWR_BLOCK, 1)
    expect(failure.explanation).toContain(HOST)
    expect(failure.explanation).toMatch(/wait/)
    expect(failure.explanation).toMatch(/30 minutes/)
    expect(failure.detail).toBe(SWR_BLOCK)
  })

  it.each([
    ['no such host', DNS],
    ['x509', X509_EXPIRED],
    ['refused', REFUSED],
    ['block', SWR_BLOCK],
    ['unauthorized', SWR_UNAUTHORIZED]
  ])('names the host in the explanation (%s)', (_name, stderr) => {
    expect(explainDockerFailure('registry.example.com:5000', stderr, 1).explanation).toContain('registry.example.com:5000')
  })

  it('suggests the CA file path for the host when the certificate is not trusted', () => {
    expect(explainDockerFailure('registry.local', X509_UNKNOWN_CA, 1).explanation).toContain('/etc/docker/certs.d/registry.local/ca.crt')
  })

  it('suggests http:// for a plain-HTTP registry', () => {
    expect(explainDockerFailure('127.0.0.1:5000', PLAIN_HTTP, 1).explanation).toContain("'registry: http://127.0.0.1:5000'")
  })

  it('falls back to the whole output when the first line says nothing known', () => {
    const failure = explainDockerFailure(HOST, `Error: something new\n${IO_TIMEOUT}`, 1)
    expect(failure.detail).toBe('Error: something new')
    expect(failure.transient).toBe(true)
    expect(failure.explanation).toMatch(/timed out/)
  })

  describe('the Docker daemon message', () => {
    const saved = process.env.DOCKER_HOST
    afterEach(() => {
      if (saved === undefined) delete process.env.DOCKER_HOST
      else process.env.DOCKER_HOST = saved
    })

    it('names DOCKER_HOST when it is set', () => {
      process.env.DOCKER_HOST = 'tcp://10.0.0.9:2376'
      expect(explainDockerFailure(HOST, DAEMON_DOWN, 1).explanation).toContain('DOCKER_HOST=tcp://10.0.0.9:2376')
    })

    it('says "default socket" when it is not', () => {
      delete process.env.DOCKER_HOST
      const failure = explainDockerFailure(HOST, DAEMON_DOWN, 1)
      expect(failure.explanation).toContain('DOCKER_HOST=default socket')
      expect(failure.explanation).toContain("'engine: containerd'")
    })
  })

  it.each([
    ['empty stderr', '', 1, 'docker exited with code 1 and printed nothing'],
    ['whitespace only', ' \n\n', 125, 'docker exited with code 125 and printed nothing'],
    ['noise only', UNENCRYPTED_WARNING, 1, 'docker exited with code 1 and printed nothing']
  ])('%s: a plain explanation with the exit code', (_name, stderr, code, detail) => {
    expect(explainDockerFailure(HOST, stderr, code)).toEqual({
      explanation: `docker login to ${HOST} failed. docker's own message follows; check 'registry' and 'region' against it.`,
      detail,
      transient: false
    })
  })

  it('an unknown message is reported as is and not retried', () => {
    expect(explainDockerFailure(HOST, 'Error: Cannot perform an interactive login from a non TTY device', 1)).toEqual({
      explanation: `docker login to ${HOST} failed. docker's own message follows; check 'registry' and 'region' against it.`,
      detail: 'Error: Cannot perform an interactive login from a non TTY device',
      transient: false
    })
  })
})
