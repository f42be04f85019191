import type {FailureKind} from '../../failure.js'
import {CUT_OFF_RULE, NETWORK_RULES, ruleFor, serverBusy, type CliFailure} from '../shared/cli-failures.js'

// What went wrong with a podman, buildah or skopeo login, read from the tool's stderr. podman and buildah print
// "Error: <what>"; skopeo logs `time="…" level=fatal msg="<what>"`. Neither ever echoes the password (it came on stdin),
// but the telling line is still redacted by the caller. Loaded with the podman engine's work, on demand.

interface Rule {
  test: RegExp
  kind: FailureKind
  transient: boolean
  statement: (host: string, tool: string) => string
}

// The first rule that matches wins: the specific ones first.
const RULES: Rule[] = [
  {
    test: /not allow(ed)? to login/i,
    kind: 'blocked',
    transient: false,
    statement: host => `${host} refused the login because the account is temporarily blocked after too many requests or failed logins.`
  },
  {
    test: /invalid username\/password|unauthorized|authentication required|status code 401|\b401 Unauthorized|incorrect username or password/i,
    kind: 'unauthorized',
    transient: false,
    statement: host => `${host} rejected the credentials.`
  },
  {
    test: /requested access to the resource is denied|forbidden|status code 403|\b403\b/i,
    kind: 'denied',
    transient: false,
    statement: host => `${host} denied the login.`
  },
  ...NETWORK_RULES,
  {
    test: /server gave HTTP response to HTTPS client/i,
    kind: 'other',
    transient: false,
    statement: host => `${host} speaks plain HTTP. Set 'registry: http://${host}' (the login then skips TLS, as --tls-verify=false does).`
  },
  {
    test: /x509:|certificate|tls: /i,
    kind: 'tls',
    transient: false,
    statement: host =>
      `The TLS certificate of ${host} is not trusted or not valid. For a private registry, put its CA certificate in ` +
      `/etc/containers/certs.d/${host}/ca.crt (podman, buildah and skopeo read it there).`
  },
  {
    test: /timeout|timed out|deadline exceeded|Client\.Timeout/i,
    kind: 'other',
    transient: true,
    statement: host =>
      `Connecting to ${host} timed out, over several tries. Check the runner's network and proxy settings ` + `(HTTPS_PROXY, NO_PROXY), then run the job again.`
  },
  {
    test: /status code (500|502|503|504|429)\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|too many requests/i,
    kind: 'other',
    transient: true,
    statement: serverBusy
  },
  CUT_OFF_RULE
]

/** Warnings that say nothing about the failure (rootless podman without subordinate ids, say). */
const NOISE = /level=(warning|info|debug)\b|^WARN\[/i

/**
 * The line of a tool's stderr that names the failure: skopeo's fatal log message (unquoted), else podman's "Error:"
 * line, else the first line that is not a warning. Whole: the caller takes the secrets out, then cuts it.
 */
export function podmanFailureLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l !== '')
  for (const line of lines) {
    const fatal = /level=(?:fatal|error) msg="((?:[^"\\]|\\.)*)"/.exec(line)
    if (fatal)
      return (fatal[1] ?? '')
        .replace(/\\(.)/g, (_, c: string) => (c === 'n' ? ' ' : c === 't' ? ' ' : c))
        .replace(/\s+/g, ' ')
        .trim()
  }
  const error = lines.find(l => l.startsWith('Error: '))
  if (error) return error.slice('Error: '.length)
  return lines.find(l => !NOISE.test(l)) ?? ''
}

/** Explains a failed `<tool> login` to `host` from the tool's stderr (and its exit code, when it printed nothing). */
export function explainPodmanFailure(host: string, tool: string, stderr: string, exitCode: number): CliFailure {
  const detail = podmanFailureLine(stderr) || `${tool} exited with code ${exitCode} and printed nothing`
  const rule = ruleFor(RULES, detail, stderr)
  if (!rule) return {kind: 'other', statement: `${tool} login to ${host} failed, for a reason ${tool}'s own message gives.`, detail, transient: false}
  return {kind: rule.kind, statement: rule.statement(host, tool), detail, transient: rule.transient}
}
