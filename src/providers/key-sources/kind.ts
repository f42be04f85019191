import type {Mask} from '../../credential.js'
import type {AuthInputs, KeyPairRules} from '../auth-inputs.js'
import type {KeySource} from '../key-source.js'
import type {Federation} from '../keyless.js'

// What a key source is: one way of getting the key pair that signs a provider's API call (./stored.ts, ./github-oidc.ts).
// The list of them and the choice among them are in ./index.ts, apart from this interface, so that no source imports
// the list that imports it.

/**
 * What a provider hands in for its cloud: the parts the key sources build their keys from. A source that needs a new
 * kind of part (a reader of the runner's instance metadata, say) adds it here as an optional field, and each cloud that
 * has one sets it; no provider's code changes otherwise.
 */
export interface CloudParts {
  /** How the cloud's access key pairs are checked: its key shapes, the other vendors', the secrets in the examples. */
  keyPair: KeyPairRules
  /**
   * The cloud's exchange of the job's GitHub OIDC token for temporary keys, made from the keyless inputs (and checking
   * them: it throws UserError naming the input). Absent for a cloud without one.
   */
  federation?: (inputs: AuthInputs) => Federation
}

/** How a source is named in the refusals of ./index.ts, which word every rule once for all of them. */
export interface KeySourceWords {
  /** Its logins, after "for": "keyless login". */
  login: string
  /** How its logins are made, after "logs in": "keylessly, with the job's GitHub OIDC token". */
  how: string
  /** The source itself, after "to use": "the stored credential". */
  it: string
  /** What to remove to do without it, when more than the inputs that turn it on: "'oidc-provider' (with 'role-to-assume')". */
  remove?: string
  /** Where its inputs are explained, for the refusal of one given without it: '"Keyless login (OIDC)" in the README'. */
  readme?: string
}

/** One way of getting the key pair. Adding one is a module like ./github-oidc.ts and its entry in KEY_SOURCES. */
export interface KeySourceKind {
  /** Its name: 'stored', 'github-oidc'. */
  readonly name: string
  /** The inputs that turn it on: any of them given chooses it (and two sources turned on are refused). */
  readonly turnedOnBy: readonly (keyof AuthInputs)[]
  /** The inputs that mean nothing without it: any of them given while another source is chosen is refused. */
  readonly goesWith: readonly (keyof AuthInputs)[]
  /**
   * Whether its keys are always temporary: a login made with them is temporary too, and 'login-type: long-term' is
   * refused. (Stored keys are temporary only with a 'security-token'; each provider judges what that allows.)
   */
  readonly temporary: boolean
  /** Whether it reads 'duration' itself, as the validity of its keys within its cloud's limits: the provider then does not. */
  readonly readsDuration: boolean
  readonly words: KeySourceWords
  /**
   * Its key pair, built from the inputs and the cloud's part it needs. Throws UserError naming the input when the
   * inputs do not fit, or when the cloud has no such part.
   */
  build(inputs: AuthInputs, cloud: CloudParts, mask: Mask): KeySource
}
