import type {Mask} from '../credential.js'
import {quote, UserError} from '../errors.js'
import {INPUT} from '../names.js'
import type {RetryHooks} from '../retry.js'
import {isLoopbackHost, SAMPLE_REGION, serviceUrl, type UrlInput} from '../service-url.js'
import {parseDuration, type DurationLimits} from './auth-inputs.js'
import type {Keys} from './key-source.js'

// Keyless login's part of a cloud: the exchange of the job's GitHub OIDC token for a temporary key pair, which each
// provider describes as a Federation (what to ask for, where, and the call itself, loaded on demand), and the rules of
// the keyless inputs that every cloud's federation applies. The key source that turns a Federation into keys is
// ./key-sources/github-oidc.ts; the token request and the exchange around the cloud's call are in ../oidc/, which only
// keyless logins load.

/** A validity when 'duration' is not given: an hour, as builds outlive shorter tokens (docker/login-action#1070). */
export const KEYLESS_DEFAULT_SECONDS = 3600

/** A cloud's rules for the session name it records with the temporary keys. */
export interface SessionNameRules {
  /** The service, for messages: "Alibaba Cloud STS". */
  service: string
  maxLength: number
}

// The characters both clouds take in a session name (Alibaba documents these; Huawei documents none, and these are
// the ones every cloud's STS accepts).
const SESSION_CHAR = /[A-Za-z0-9.@_-]/
const SESSION_MIN = 2

/** 'role-session-name': the value, checked against the cloud's rules; undefined when not given (a default is built). */
export function parseSessionName(value: string, rules: SessionNameRules): string | undefined {
  if (value === '') return undefined
  const bad = [...value].find(char => !SESSION_CHAR.test(char))
  if (value.length < SESSION_MIN || value.length > rules.maxLength || bad !== undefined) {
    throw new UserError(
      `Input 'role-session-name' is ${quote(value)}: ${rules.service} takes ${SESSION_MIN} to ${rules.maxLength} characters, ` +
        `each a letter, a digit or one of . @ _ -${bad === undefined ? '' : ` (not ${quote(bad)})`}. Change it, or remove it for the default.`
    )
  }
  return value
}

/**
 * The session name when 'role-session-name' is not given: github-<owner>-<repository>-<run ID>-<run attempt>, so that
 * the cloud's audit log says which run used the keys. Characters the cloud does not take become '-'; when it is too
 * long, the repository part is cut, never the run.
 */
export function defaultSessionName(env: NodeJS.ProcessEnv, rules: SessionNameRules): string {
  const shape = (text: string): string => [...text].map(char => (SESSION_CHAR.test(char) ? char : '-')).join('')
  const run = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT].filter(part => part !== undefined && part !== '').map(part => shape(part as string))
  const suffix = run.length > 0 ? `-${run.join('-')}`.slice(0, rules.maxLength - 'github'.length) : ''
  const repository = env.GITHUB_REPOSITORY ? `-${shape(env.GITHUB_REPOSITORY)}` : ''
  const room = rules.maxLength - 'github'.length - suffix.length
  return `github${repository.slice(0, Math.max(0, room)).replace(/-+$/, '')}${suffix}`
}

/**
 * The service's base URL for a region: 'sts-endpoint' (with {region} put in) or the cloud's default. Plain HTTP is
 * refused beyond loopback: the OIDC token and the keys that come back would cross the network readable.
 */
export function stsUrl(value: string, region: string, fallback: (region: string) => string): URL {
  // The example in a message about a value that is not a URL is the cloud's own default.
  const input: UrlInput = {input: INPUT.stsEndpoint, host: 'STS endpoint host', example: fallback(SAMPLE_REGION)}
  const url = serviceUrl(input, value, region, fallback)
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new UserError(
      `Input 'sts-endpoint' is a plain http:// URL (${url.origin}): the job's OIDC token and the temporary keys would cross ` + `the network unencrypted. Use https://.`
    )
  }
  return url
}

/** Checks 'sts-endpoint' as the inputs are read; returns it as given ('' for the default). */
export function checkStsEndpoint(value: string, fallback: (region: string) => string): string {
  if (value !== '') stsUrl(value, SAMPLE_REGION, fallback)
  return value
}

/** 'duration' for keyless login: within the cloud's limits, an hour when not given. */
export function keylessDuration(value: string, limits: DurationLimits): number {
  return parseDuration(value, limits) ?? KEYLESS_DEFAULT_SECONDS
}

/** The claims of the job's OIDC token that messages may show (none of them is secret). */
export interface TokenClaims {
  sub?: string
  aud?: string
  iss?: string
  /** Seconds since the epoch. */
  exp?: number
}

/** What a cloud's exchange is given. */
export interface ExchangeRequest {
  /** The job's OIDC token: a credential, masked already; it goes in a request body or header, never in a URL. */
  jwt: string
  /** Its claims, for the messages (the trust policy refused subject 'repo:…'). */
  claims: TokenClaims
  /** The audience it was asked for ('audience', or the cloud's default). */
  audience: string
  /** The service's base URL. */
  endpoint: URL
  /** The session name; '' for an exchange that takes none. */
  sessionName: string
  durationSeconds: number
  /** Gets each secret of the answer the moment it is read. */
  mask: Mask
  hooks: RetryHooks
}

/** One cloud's way of exchanging the job's OIDC token for a temporary key pair. */
export interface Federation {
  /** The service and call, for messages: "Alibaba Cloud STS AssumeRoleWithOIDC". */
  readonly service: string
  /** What the keys act as, for the log: "RAM role acs:ram::123:role/push". */
  readonly identity: string
  /** The 'aud' to ask GitHub for. */
  readonly audience: string
  readonly durationSeconds: number
  /** The session name's rules, and the one given; absent for an exchange that takes none. */
  readonly session?: {given: string | undefined; rules: SessionNameRules}
  /** 'sts-endpoint' as given ('' for the default). */
  readonly endpointInput: string
  defaultEndpoint(region: string): string
  /**
   * The exchange: loads the cloud's code on demand and sends the token. Throws ApiError in the cloud's terms (what to
   * fix), or ApiTransportError when no answer came.
   */
  exchange(request: ExchangeRequest): Promise<Keys>
}
