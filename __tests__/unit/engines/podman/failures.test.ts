import type {FailureKind} from '../../../../src/failure.js'
import {explainPodmanFailure, podmanFailureLine} from '../../../../src/engines/podman/failures.js'

describe('podmanFailureLine: the line that names the failure', () => {
  it.each<[string, string, string]>([
    ['podman', 'Error: logging into "h:5000": invalid username/password\n', 'logging into "h:5000": invalid username/password'],
    [
      'skopeo, quoted',
      'time="2026-11-23T11:23:19Z" level=fatal msg="logging into \\"h:5000\\": invalid username/password"\n',
      'logging into "h:5000": invalid username/password'
    ],
    [
      'skopeo, multi-line error in one message',
      'time="t" level=fatal msg="1 error occurred:\\n\\t* mkdir /run/containers/65534: permission denied\\n\\n"',
      '1 error occurred: * mkdir /run/containers/65534: permission denied'
    ],
    [
      'warnings of rootless podman before the error',
      'time="t" level=warning msg="\\"/\\" is not a shared mount"\nError: authenticating creds for "h": pinging container registry h: connection refused\n',
      'authenticating creds for "h": pinging container registry h: connection refused'
    ],
    ['only warnings, then a bare line', 'time="t" level=warning msg="x"\nsomething broke\n', 'something broke'],
    ['nothing', '\n\n', '']
  ])('%s', (_name, stderr, line) => {
    expect(podmanFailureLine(stderr)).toBe(line)
  })
})

describe('explainPodmanFailure: the kind of failure', () => {
  const h = '127.0.0.1:5077'
  it.each<[string, string, FailureKind, boolean, RegExp]>([
    ['podman wrong password', `Error: logging into "${h}": invalid username/password`, 'unauthorized', false, /rejected the credentials/],
    ['skopeo wrong password', `time="t" level=fatal msg="logging into \\"${h}\\": invalid username/password"`, 'unauthorized', false, /rejected the credentials/],
    [
      '401 from a token server',
      'Error: authenticating creds for "h": Requesting bearer token: invalid status code from registry 401 (Unauthorized)',
      'unauthorized',
      false,
      /rejected/
    ],
    ['SWR blocks the account', 'Error: logging into "h": Not allow to login, please wait', 'blocked', false, /temporarily blocked/],
    ['403', 'Error: authenticating creds for "h": requested access to the resource is denied', 'denied', false, /denied the login/],
    [
      'unknown host',
      'Error: authenticating creds for "nosuch.invalid": pinging container registry nosuch.invalid: Get "https://nosuch.invalid/v2/": dial tcp: lookup nosuch.invalid on 10.0.0.53:53: no such host',
      'not-found',
      false,
      /cannot be resolved/
    ],
    ['DNS server trouble', 'Error: pinging container registry h: dial tcp: lookup h on 10.0.0.53:53: server misbehaving', 'other', true, /DNS server/],
    [
      'connection refused',
      `time="t" level=fatal msg="authenticating creds for \\"${h}\\": pinging container registry ${h}: Get \\"https://${h}/v2/\\": dial tcp ${h}: connect: connection refused"`,
      'other',
      false,
      /Nothing accepts connections/
    ],
    [
      'HTTPS to plain HTTP',
      `time="t" level=fatal msg="pinging container registry ${h}: Get \\"https://${h}/v2/\\": http: server gave HTTP response to HTTPS client"`,
      'other',
      false,
      /speaks plain HTTP\. Set 'registry: http:\/\/127\.0\.0\.1:5077'/
    ],
    [
      'unknown CA',
      'Error: pinging container registry h: Get "https://h/v2/": x509: certificate signed by unknown authority',
      'tls',
      false,
      /\/etc\/containers\/certs\.d\/127\.0\.0\.1:5077\/ca\.crt/
    ],
    [
      'timeout',
      'Error: pinging container registry h: Get "https://h/v2/": net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      'other',
      true,
      /timed out/
    ],
    ['503', 'Error: pinging container registry h: received unexpected HTTP status: 503 Service Unavailable', 'other', true, /server error/],
    ['cut off', 'Error: pinging container registry h: Get "https://h/v2/": EOF', 'other', true, /cut off/],
    ['something else', 'Error: short-name resolution enforced', 'other', false, /^podman login to 127\.0\.0\.1:5077 failed, for a reason podman's own message gives\.$/]
  ])('%s', (_name, stderr, kind, transient, statement) => {
    const failure = explainPodmanFailure(h, 'podman', stderr, 125)
    expect(failure).toMatchObject({kind, transient})
    expect(failure.statement).toMatch(statement)
  })

  it('an empty stderr says the exit code', () => {
    expect(explainPodmanFailure(h, 'skopeo', '', 1).detail).toBe('skopeo exited with code 1 and printed nothing')
  })

  it('a rule can match a later line when the telling line alone says nothing', () => {
    expect(explainPodmanFailure(h, 'podman', 'Error: login failed\ncaused by: x509: certificate has expired', 125).kind).toBe('tls')
  })
})
