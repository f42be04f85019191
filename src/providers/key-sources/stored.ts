import type {KeyPair} from '../../credential.js'
import {checkKeyPair} from '../auth-inputs.js'
import type {KeySource} from '../key-source.js'
import type {KeySourceKind} from './kind.js'

// The key pair stored in GitHub and given in the inputs ('access-key-id', 'access-key-secret', and 'security-token'
// for a temporary one): the source used when the inputs turn on no other.

/** The key pair the inputs give (secrets already masked by inputs.ts), known before any call. */
export function storedKeys(pair: KeyPair): KeySource {
  return {description: '', pair, keys: async () => pair}
}

export const stored: KeySourceKind = {
  name: 'stored',
  // 'username' and 'password' are a stored credential too (ACR's fixed access password, not a key pair): given beside
  // another source, they are refused as these are. A provider that takes them looks at them before build.
  turnedOnBy: ['accessKeyId', 'accessKeySecret', 'securityToken', 'username', 'password'],
  goesWith: [],
  temporary: false,
  readsDuration: false,
  words: {login: 'a stored credential', how: 'with a stored credential', it: 'the stored credential'},
  build(inputs, cloud, mask) {
    const {accessKeyId, accessKeySecret} = checkKeyPair(inputs, cloud.keyPair, mask)
    const securityToken = inputs.securityToken === '' ? undefined : inputs.securityToken
    return storedKeys({accessKeyId, accessKeySecret, securityToken})
  }
}
