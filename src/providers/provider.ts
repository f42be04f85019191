import type {Credential, Mask} from '../credential.js'
import type {FailureKind} from '../failure.js'
import type {RegionKnowledge} from '../region-hints.js'
import type {RegistryAddress} from '../registry.js'
import type {AuthInputs} from './auth-inputs.js'

// One axis of growth: where a credential comes from. A provider reads its own auth inputs and turns them into a
// credential source; main never asks which provider or which kind of login it is dealing with. The table of providers
// is in ./index.ts, apart from this interface, so that no provider imports the table that imports it.

/** The values of the `provider` input. Adding one here makes the compiler ask for its entry in PROVIDERS (./index.ts). */
export type ProviderName = 'swr' | 'acr'

/**
 * What a source's `obtain` may use besides the target: the mask, a line in the log (API retries), and the job's
 * environment (keyless login reads the runner's token variables and the run's IDs from it).
 */
export interface ObtainContext {
  mask: Mask
  log: (line: string) => void
  env: NodeJS.ProcessEnv
}

interface SourceBase {
  /** The line that describes the credential in the log, e.g. "SWR long-term login key, derived ... (no API call)". */
  readonly description: string
  /** The registry host of a region when 'registry' is not given. Throws UserError when there is no default. */
  defaultRegistry(region: string): string
  /** Checks the regions against the auth inputs (an instance lives in one region). Throws UserError. */
  checkRegions?(regions: readonly string[]): void
  /** Checks a registry address against the auth inputs (an Enterprise Edition domain needs its instance). Throws UserError. */
  checkRegistry?(registry: RegistryAddress): void
  /** What to do about an engine's failure of this kind, in this provider's terms; undefined when there is nothing to add. */
  advice(kind: FailureKind): string | undefined
  /**
   * Work every target shares, done once before anything is written, when there is any: keyless login's exchange of
   * the job's OIDC token for a key pair. A refusal then fails the step once, with one message. Gets every region, in
   * order.
   */
  prepare?(regions: readonly string[], context: ObtainContext): Promise<void>
}

/** A credential made here, from the inputs alone (a derived key, a fixed password). */
export interface LocalSource extends SourceBase {
  readonly kind: 'local'
  obtain(target: LocalTarget, context: ObtainContext): Credential
}

/** A credential issued by the cloud's API; its code is loaded only when a login needs it. */
export interface ApiSource extends SourceBase {
  readonly kind: 'api'
  /** The API's base URL in a region when 'api-endpoint' is not given. */
  defaultEndpoint(region: string): string
  obtain(target: ApiTarget, context: ObtainContext): Promise<Credential>
}

export type CredentialSource = LocalSource | ApiSource

interface TargetBase {
  provider: ProviderName
  region: string
  registry: RegistryAddress
}
export interface LocalTarget extends TargetBase {
  kind: 'local'
  source: LocalSource
}
export interface ApiTarget extends TargetBase {
  kind: 'api'
  source: ApiSource
  /** The API that issues this target's credential. */
  endpoint: URL
}
/** One registry to log in to, with everything needed to get its credential. */
export type Target = LocalTarget | ApiTarget

export interface Provider {
  readonly name: ProviderName
  /** Its regions and registry domains, for hints about a region that may be mistyped or another cloud's. */
  readonly regions: RegionKnowledge
  /**
   * The auth inputs this provider reads. Its own checks refuse the others in its own words; any given input not in
   * this list is refused for it all the same, so that a provider cannot ignore one silently.
   */
  readonly accepts: readonly (keyof AuthInputs)[]
  /**
   * Reads the auth inputs (trimmed; the secret ones already masked) and works out how credentials are obtained.
   * `mask` takes any other input that turns out to hold a secret (an SK in 'access-key-id'). Throws UserError naming
   * the input when they do not fit together.
   */
  credentialSource(inputs: AuthInputs, mask: Mask): CredentialSource
}

/** Gets a target's credential, locally or from its API. Every secret form is masked before it returns. */
export async function obtainCredential(target: Target, context: ObtainContext): Promise<Credential> {
  // The two arms read alike, but each narrows the target to the kind its source takes: no cast, no endpoint-less API call.
  switch (target.kind) {
    case 'local':
      return target.source.obtain(target, context)
    case 'api':
      return target.source.obtain(target, context)
  }
}
