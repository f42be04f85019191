import {cut} from '../../errors.js'
import type {FailureKind} from '../../failure.js'

// What a registry tool's failed login means, read from what it printed: the shape every tool's explanation takes, the
// network rules docker and the containers tools (podman, buildah, skopeo) share, docker's own rules, and the advice for
// a credential helper that cannot run. Podman's own rules live with the podman engine, which loads them on demand.

/** What went wrong with a tool's login (`docker login`, `podman login`…), read from its stderr. */
export interface CliFailure {
  kind: FailureKind
  /** What happened, naming the registry, and what to do about the tool or the network; nothing about the credential's source. */
  statement: string
  /** The line of the tool's own output that says what failed (the caller takes the secrets out, then cuts it). */
  detail: string
  /** Whether trying again soon may work (timeouts, 5xx, resets); never for credentials or blocks. */
  transient: boolean
}

/**
 * The rule for a failure: the first that matches the telling line, else the first that matches anything the tool
 * printed (the telling line may be a wrapper, "login failed", around the cause).
 */
export function ruleFor<R extends {test: RegExp}>(rules: readonly R[], line: string, output: string): R | undefined {
  return rules.find(r => r.test.test(line)) ?? rules.find(r => r.test.test(output))
}

interface Rule {
  test: RegExp
  kind: FailureKind
  transient: boolean
  statement: (host: string, dockerHost: string, platform: NodeJS.Platform) => string
}

/**
 * Windows' Credential Manager refuses a process without an interactive logon session (ERROR_NO_SUCH_LOGON_SESSION): a
 * runner running as a service, on some Windows runner images (actions/runner-images#11211), or over SSH.
 */
const NO_LOGON_SESSION = /specified logon session does not exist|ERROR_NO_SUCH_LOGON_SESSION/i

const NO_LOGON_SESSION_ADVICE =
  `Windows' Credential Manager (docker-credential-wincred) cannot be used from this job: it needs an interactive ` +
  `logon session, which the runner's service does not have on some Windows runner images ` +
  `(actions/runner-images#11211). Set 'engine: docker-config' to keep the login in the Docker config file itself ` +
  `(if config.json names "credsStore": "wincred", remove that line in a step before this one).`

/**
 * Advice for a credential helper's failure (docker-credential-<name> get, store or erase), from what the helper said:
 * a sentence to add to the message, or '' when there is nothing to add.
 */
export function helperAdvice(said: string): string {
  return NO_LOGON_SESSION.test(said) ? NO_LOGON_SESSION_ADVICE : ''
}

/** Where the Docker daemon looks for a registry's CA certificate (docs.docker.com, "Verify repository client with certificates"). */
export function daemonCaFile(host: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `%ProgramData%\\docker\\certs.d\\${host}\\ca.crt`
  if (platform === 'darwin') return `~/.docker/certs.d/${host}/ca.crt (Docker Desktop)`
  return `/etc/docker/certs.d/${host}/ca.crt`
}

/**
 * What a Go registry client (docker's, and containers/image's in podman, buildah and skopeo) says when the network,
 * not the registry, is at fault: the same words in both, so one list serves both engines' tables.
 */
export const NETWORK_RULES: readonly {test: RegExp; kind: FailureKind; transient: boolean; statement: (host: string) => string}[] = [
  {
    test: /no such host|Name or service not known|nodename nor servname/i,
    kind: 'not-found',
    transient: false,
    statement: host => `${host} cannot be resolved.`
  },
  {
    test: /server misbehaving|Temporary failure in name resolution|lookup \S+ on \S+: (i\/o timeout|try again)/i,
    kind: 'other',
    transient: true,
    statement: host =>
      `Looking up ${host} failed in the DNS server, a problem of the runner's network that persisted over several tries. ` +
      `Run the job again; if it keeps failing, check the runner's DNS settings.`
  },
  {
    test: /connection refused/i,
    kind: 'other',
    transient: false,
    statement: host => `Nothing accepts connections at ${host}. Check 'registry' (host and port), and that the registry is up.`
  }
]

/** What both clients say of a registry that answers with a server error or a rate limit, once retries are spent. */
export const serverBusy = (host: string): string =>
  `${host} answered with a server error or asked to slow down, over several tries. Run the job again later, and ` + `check the provider's service status if it keeps failing.`

/** A connection that broke off, in the same words from both clients: the last, most general network rule of each. */
export const CUT_OFF_RULE: (typeof NETWORK_RULES)[number] = {
  test: /connection reset|broken pipe|unexpected EOF|\bEOF\b/i,
  kind: 'other',
  transient: true,
  statement: host =>
    `The connection to ${host} was cut off, over several tries. Check proxies and firewalls between the runner and ` +
    `the registry (HTTPS_PROXY, NO_PROXY), then run the job again.`
}

// Order matters: the first rule that matches wins, so the specific ones (a registry's block) come before the general ones.
const RULES: Rule[] = [
  {
    // docker's own credential store, where a `docker login` used one ("Error saving credentials: error storing
    // credentials - err: exit status 1, out: `A specified logon session does not exist…`").
    test: NO_LOGON_SESSION,
    kind: 'other',
    transient: false,
    statement: host => `docker could not store the login for ${host}. ${NO_LOGON_SESSION_ADVICE}`
  },
  {
    // SWR's words; it blocks an account for a while after too many requests or failed logins.
    test: /not allow(ed)? to login|Not allow to login/i,
    kind: 'blocked',
    transient: false,
    statement: host => `${host} refused the login because the account is temporarily blocked after too many requests or failed logins.`
  },
  {
    test: /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|permission denied while trying to connect to the Docker daemon/i,
    kind: 'other',
    transient: false,
    statement: (_, dockerHost) =>
      `The Docker daemon is not reachable (DOCKER_HOST=${cut(dockerHost, 200)}). ` +
      `Start Docker or fix DOCKER_HOST, or set 'engine: docker-config' or 'engine: containerd' on a runner without a Docker daemon.`
  },
  {
    test: /unauthorized|authentication required|status: 401|401 Unauthorized|incorrect username or password/i,
    kind: 'unauthorized',
    transient: false,
    statement: host => `${host} rejected the credentials.`
  },
  {
    test: /denied|forbidden|status: 403/i,
    kind: 'denied',
    transient: false,
    statement: host => `${host} denied the login.`
  },
  ...NETWORK_RULES,
  {
    test: /x509:|certificate|tls: /i,
    kind: 'tls',
    transient: false,
    statement: (host, _, platform) =>
      `The TLS certificate of ${host} is not trusted or not valid. For a private registry, put its CA certificate in ` + `${daemonCaFile(host, platform)}.`
  },
  {
    test: /server gave HTTP response to HTTPS client/i,
    kind: 'other',
    transient: false,
    statement: host => `${host} speaks plain HTTP. Set 'registry: http://${host}' and list it in the Docker daemon's insecure-registries.`
  },
  {
    test: /timeout|timed out|deadline exceeded|Client\.Timeout/i,
    kind: 'other',
    transient: true,
    statement: host =>
      `Connecting to ${host} timed out, over several tries. Check the runner's network and proxy settings ` +
      `(HTTPS_PROXY, NO_PROXY, and the Docker daemon's own proxy settings), then run the job again.`
  },
  {
    // Status codes only where docker reports a status, so a host name like reg-500.example.com does not count.
    test: /status:? (500|502|503|504|429)\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|too many requests/i,
    kind: 'other',
    transient: true,
    statement: serverBusy
  },
  CUT_OFF_RULE
]

// Lines docker prints that say nothing about the failure: its plain-text credential store warning, and the log lines
// of the CLI's own login fallback (`time="…" level=info msg="Error logging in to endpoint, trying next endpoint"`).
const NOISE = [
  /^WARNING! Your (credentials are|password will be) stored unencrypted/i,
  /^Configure a credential helper/i,
  /^https:\/\/docs\.docker\.com\//i,
  /^time="[^"]*" level=/,
  /^Login did not succeed, error:\s*$/i
]

/**
 * The line of docker's output that names the failure: the first line that is not boilerplate. Whole: the caller takes
 * the secrets out first and cuts it after, as a secret cut in two would no longer be found.
 */
export function failureLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l !== '' && !NOISE.some(re => re.test(l)))
  return lines[0] ?? ''
}

/**
 * Explains a failed `docker login` to `host` from docker's stderr (and exit code, when stderr is empty); `dockerHost` is
 * the DOCKER_HOST docker ran with, if any. docker logs in with a private config that names no credential store (see
 * privateLoginConfig), so a credential helper's failure cannot show up here: the action calls helpers itself.
 */
export function explainDockerFailure(host: string, stderr: string, exitCode: number, dockerHost?: string, platform: NodeJS.Platform = process.platform): CliFailure {
  const detail = failureLine(stderr) || `docker exited with code ${exitCode} and printed nothing`
  const rule = ruleFor(RULES, detail, stderr)
  if (!rule) {
    return {kind: 'other', statement: `docker login to ${host} failed, for a reason docker's own message gives.`, detail, transient: false}
  }
  return {kind: rule.kind, statement: rule.statement(host, dockerHost || 'default socket', platform), detail, transient: rule.transient}
}

/**
 * Explains a `docker login` to `host` that did not finish within `seconds` (every try included): the daemon's fault
 * when it did not answer a plain request either (`daemonAnswers` false: it accepted the connection and went silent,
 * or it is gone), else the registry's.
 */
export function explainDockerTimeout(host: string, seconds: number, daemonAnswers: boolean, dockerHost?: string): CliFailure {
  if (!daemonAnswers) {
    const where = dockerHost ? `DOCKER_HOST=${cut(dockerHost, 200)}` : 'DOCKER_HOST is unset: the default socket or the current docker context'
    return {
      kind: 'other',
      statement:
        `The Docker daemon did not answer within ${seconds} s (${where}). Check that dockerd is running and responsive ` +
        `there (restart it if it hangs), or fix DOCKER_HOST; on a runner without a Docker daemon, set 'engine: docker-config' or 'engine: containerd'.`,
      detail: `docker login was stopped after ${seconds} s, and the daemon did not answer 'docker version' either`,
      transient: false
    }
  }
  return {
    kind: 'other',
    statement:
      `Logging in to ${host} did not finish within ${seconds} s: the registry did not answer the Docker daemon in time. ` +
      `Check 'registry' and the network between the daemon and the registry (the daemon's own proxy settings, ` +
      `HTTPS_PROXY, NO_PROXY), then run the job again.`,
    detail: `docker login was stopped after ${seconds} s; the daemon itself answers`,
    transient: false
  }
}
