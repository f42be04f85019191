// Fakes of the two seams main and post are built on: a Provider (where a credential comes from) and an Engine (where it
// goes), typed against the real interfaces so that the compiler keeps them honest, and a Runtime that carries them.
// Everything the fake engines do is written to one list of events, in order ("docker add reg.a", "docker change
// reg.a", ...), so that a test can read what happened, and when, as one sequence.
import * as os from 'node:os'
import {maskCredential, type Credential, type LoginCredential} from '../../src/credential.js'
import type {Engine, EngineContext, EngineFactory, EngineName, Journal} from '../../src/engines/engine.js'
import {ENGINE_NAMES} from '../../src/engines/index.js'
import type {Places} from '../../src/places.js'
import {EngineFailure, type FailureKind} from '../../src/failure.js'
import type {AuthInputs} from '../../src/providers/auth-inputs.js'
import type {ApiSource, ApiTarget, CredentialSource, LocalSource, LocalTarget, ObtainContext, Provider, ProviderName} from '../../src/providers/provider.js'
import type {Runtime} from '../../src/runtime.js'

// A Record, so that a new kind of failure makes the compiler ask for it here too.
const KINDS: Record<FailureKind, null> = {unauthorized: null, denied: null, blocked: null, 'not-found': null, tls: null, other: null}
/** Every FailureKind. */
/** The auth inputs of a workflow that gives none of them: start from this and set the ones a case needs. */
export const NO_AUTH_INPUTS: AuthInputs = {
  accessKeyId: '',
  accessKeySecret: '',
  securityToken: '',
  username: '',
  password: '',
  loginType: '',
  duration: '',
  instanceId: '',
  oidcProvider: '',
  roleToAssume: '',
  audience: '',
  roleSessionName: '',
  stsEndpoint: ''
}

export const FAILURE_KINDS = Object.keys(KINDS) as FailureKind[]

// ---------------------------------------------------------------------------------------------------------------------
// Provider

export interface FakeSourceOptions {
  description?: string
  /** The registry host of a region; `registry.<region>.example` when not given. */
  defaultRegistry?: (region: string) => string
  /** What obtain returns for a region, over the defaults: username `user-<region>`, password `SECRET-<REGION>` (upper case: no fragment of it matches a host), no expiry. */
  credentials?: Record<string, Partial<Pick<Credential, 'username' | 'password' | 'expiresAt'>>>
  /** What obtain throws for a region. */
  failures?: Record<string, unknown>
  /** The source's advice for each kind of engine failure; a kind not listed has none. */
  advice?: Partial<Record<FailureKind, string>>
  /** The source's shared work before any login (keyless login's exchange); without it the source has no prepare(). */
  prepare?: (regions: readonly string[], context: ObtainContext) => Promise<void>
}

/** A fake source, and the targets its obtain was asked for, in order. */
export type FakeSource<S extends CredentialSource = CredentialSource> = S & {obtained: (LocalTarget | ApiTarget)[]}

function credentialFor(target: LocalTarget | ApiTarget, options: FakeSourceOptions, context: ObtainContext): Credential {
  const {region, registry} = target
  if (options.failures && region in options.failures) throw options.failures[region]
  const given = options.credentials?.[region] ?? {}
  const credential: Credential = {
    region,
    registry,
    username: given.username ?? `user-${region}`,
    password: given.password ?? `SECRET-${region.toUpperCase()}`,
    ...(given.expiresAt === undefined ? {} : {expiresAt: given.expiresAt})
  }
  // As every real source does before it returns: the password, user:password and its base64.
  maskCredential(credential, context.mask)
  return credential
}

function sourceBase(options: FakeSourceOptions) {
  return {
    description: options.description ?? 'a fake credential',
    defaultRegistry: options.defaultRegistry ?? ((region: string) => `registry.${region}.example`),
    advice: (kind: FailureKind) => options.advice?.[kind],
    ...(options.prepare === undefined ? {} : {prepare: options.prepare})
  }
}

/** A source that makes credentials locally (like SWR's derived key). */
export function fakeLocalSource(options: FakeSourceOptions = {}): FakeSource<LocalSource> {
  const obtained: LocalTarget[] = []
  return {
    ...sourceBase(options),
    kind: 'local',
    obtained,
    obtain(target, context) {
      obtained.push(target)
      return credentialFor(target, options, context)
    }
  }
}

/**
 * A source whose credentials come from an API (like SWR's CreateSecret), at `https://api.<region>.example` unless
 * 'api-endpoint' says otherwise. It logs one line per call through its context, as the API retries do.
 */
export function fakeApiSource(options: FakeSourceOptions = {}): FakeSource<ApiSource> {
  const obtained: ApiTarget[] = []
  return {
    ...sourceBase(options),
    kind: 'api',
    obtained,
    defaultEndpoint: region => `https://api.${region}.example`,
    async obtain(target, context) {
      obtained.push(target)
      await Promise.resolve()
      context.log(`Asking ${target.endpoint.origin} for a login to ${target.registry.host}`)
      return credentialFor(target, options, context)
    }
  }
}

/**
 * A provider whose auth inputs always give `source`, or that rejects them by throwing `source` when it is not one; it
 * accepts every auth input unless told which.
 */
export function fakeProvider(
  name: ProviderName,
  source: CredentialSource | Error,
  accepts: readonly (keyof AuthInputs)[] = Object.keys(NO_AUTH_INPUTS) as (keyof AuthInputs)[]
): Provider & {received: AuthInputs[]} {
  const received: AuthInputs[] = []
  return {
    name,
    regions: {cloud: `Example ${name}`, choose: `set 'provider: ${name}'`, known: [], domains: ['example']},
    accepts,
    received,
    credentialSource(inputs) {
      received.push(inputs)
      if (source instanceof Error) throw source
      return source
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Engine

/** A fake engine's record: `fake` is the marker owns() checks (the engine's id), `host` the registry. */
export interface FakeRecord {
  fake: string
  host: string
}

export interface FakeEngineOptions {
  /** Names the engine in events, records and summaries; its `name` when not given (three engines need two ids). */
  id?: string
  /** What detect() finds on PATH; [id] when not given ([] for docker-config, which auto picks by what is missing). */
  found?: string[]
  /** What autoReason() says (docker-config's "no docker CLI on PATH"); without it the engine has no autoReason(). */
  autoReason?: string
  /** What unusable() says is missing, to make the engine unusable. */
  missing?: string
  /** The line describe() returns; without it the engine has no describe(). */
  describe?: string
  /** The engine's outputs (containerd's hosts-dir, say); without it the engine has no outputs(). */
  outputs?: (used: boolean, places: Places) => Record<string, string>
  /** Hosts whose login fails: a kind gives an EngineFailure of that kind (see engineFailure), anything else is thrown as is. */
  failLogin?: Record<string, FailureKind | Error>
  /** Hosts whose undo throws this. */
  failUndo?: Record<string, unknown>
}

/** The EngineFailure a fake engine throws for a kind: "<host>: <id> saw <kind>." with the detail "<id> said <kind>". */
export function engineFailure(kind: FailureKind, host: string, id: string): EngineFailure {
  return new EngineFailure(kind, `${host}: ${id} saw ${kind}.`, `${id} said ${kind}`)
}

export type FakeEngine = Engine<FakeRecord> & {
  readonly id: string
  /** Every credential login() was given, in order. */
  readonly received: LoginCredential[]
}

/**
 * An engine that changes nothing but `events`. login notes its record in the journal ("<id> add <host>") before the
 * change ("<id> change <host>"); a login that fails takes the note back ("<id> drop <host>") and throws, leaving
 * nothing behind, as real engines do. undo writes "<id> undo <host>".
 */
export function fakeEngine(name: EngineName, events: string[], options: FakeEngineOptions = {}, places?: Places): FakeEngine {
  const id = options.id ?? name
  const received: LoginCredential[] = []
  const found = options.found ?? (name === 'docker-config' ? [] : [id])
  const engine: FakeEngine = {
    name,
    place: name === 'docker' || name === 'docker-config' ? 'dockerConfig' : name === 'podman' ? 'authFile' : 'hostsDir',
    id,
    received,
    tools: found,
    removal: `'${id} logout <registry>'`,
    async detect() {
      events.push(`${id} detect`)
      return found
    },
    async unusable() {
      events.push(`${id} unusable`)
      return options.missing
    },
    async login(credential: LoginCredential, journal: Journal<FakeRecord>) {
      const host = credential.registry.host
      received.push(credential)
      events.push(`${id} login ${host}`)
      // A real engine reads and checks things first: let other registries' logins run meanwhile.
      await Promise.resolve()
      const record: FakeRecord = {fake: id, host}
      events.push(`${id} add ${host}`)
      journal.add(record)
      const failure = options.failLogin?.[host]
      if (failure !== undefined) {
        events.push(`${id} drop ${host}`)
        journal.drop(record)
        throw failure instanceof Error ? failure : engineFailure(failure, host, id)
      }
      events.push(`${id} change ${host}`)
      return {record, summary: `${id} logged in`}
    },
    async undo(record) {
      events.push(`${id} undo ${record.host}`)
      if (options.failUndo && record.host in options.failUndo) throw options.failUndo[record.host]
      return `${id} logged out`
    },
    async release(record) {
      events.push(`${id} release ${record.host}`)
      if (options.failUndo && record.host in options.failUndo) throw options.failUndo[record.host]
    },
    owns(record): record is FakeRecord {
      const r = record as Partial<FakeRecord> | null
      return typeof r === 'object' && r !== null && r.fake === id && typeof r.host === 'string'
    },
    label: record => ({host: record.host, thing: `the ${id} login`})
  }
  const {describe, outputs, autoReason} = options
  if (describe !== undefined) engine.describe = () => describe
  if (autoReason !== undefined) engine.autoReason = async () => autoReason
  if (outputs !== undefined) engine.outputs = used => outputs(used, places ?? {hostsDir: '', dockerConfig: '', authFile: '', tempDir: ''})
  return engine
}

/** A containerd-like outputs(): hosts-dir, '' when the engine configured nothing. */
export const hostsDirOutput = (used: boolean, places: Places): Record<string, string> => ({'hosts-dir': used ? places.hostsDir : ''})

// ---------------------------------------------------------------------------------------------------------------------
// Runtime

export interface FakeWorldOptions {
  /** The source every provider gives, or the error their credentialSource throws; a fake local source when not given. */
  source?: CredentialSource | Error
  engines?: Partial<Record<EngineName, FakeEngineOptions>>
  env?: NodeJS.ProcessEnv
}

/** A Runtime of fakes, and what they saw. */
export interface FakeWorld {
  runtime: Runtime
  /** Everything the engines did, in order; tests may add their own entries (a saved state, say). */
  events: string[]
  /** The engines each factory made (post makes its own), by name, the latest last. */
  made: Partial<Record<EngineName, {engine: FakeEngine; context: EngineContext}[]>>
}

// GITHUB_STATE names a file that exists, as the runner's does; core is a fake, so nothing is written to it.
export const FAKE_ENV: NodeJS.ProcessEnv = {RUNNER_TEMP: '/runner/temp', DOCKER_CONFIG: '/runner/docker', GITHUB_STATE: os.devNull}

export function fakeWorld(options: FakeWorldOptions = {}): FakeWorld {
  const events: string[] = []
  const made: FakeWorld['made'] = {}
  const source = options.source ?? fakeLocalSource()
  const factory =
    (name: EngineName): EngineFactory =>
    context => {
      const engine = fakeEngine(name, events, options.engines?.[name], context.places)
      ;(made[name] ??= []).push({engine, context})
      return engine
    }
  const runtime: Runtime = {
    env: options.env ?? {...FAKE_ENV},
    which: async () => '',
    providers: {swr: fakeProvider('swr', source), acr: fakeProvider('acr', source)},
    engines: Object.fromEntries(ENGINE_NAMES.map(name => [name, factory(name)])) as Record<EngineName, EngineFactory>
  }
  return {runtime, events, made}
}
