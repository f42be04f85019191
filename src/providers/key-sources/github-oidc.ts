import {UserError} from '../../errors.js'
import type {Keys, KeySource} from '../key-source.js'
import type {Federation} from '../keyless.js'
import type {ObtainContext} from '../provider.js'
import type {KeySourceKind} from './kind.js'

// Keyless login: the job's GitHub OIDC token, exchanged with the cloud for a temporary key pair, so that no key is
// stored in GitHub. Each cloud describes its exchange as a Federation (../keyless.ts); the token request and the
// exchange around the cloud's call are in ../../oidc/, which only keyless logins load.

/**
 * The key pair of a federation: asked for once, on the first call (the first region picks a regional endpoint), and
 * shared by every login after it. Its code is loaded then, not before.
 */
export function federatedKeys(federation: Federation): KeySource {
  let pending: Promise<Keys> | undefined
  const keys = (regions: readonly string[], context: ObtainContext): Promise<Keys> =>
    (pending ??= import('../../oidc/federate.js').then(({federate}) => federate(federation, regions[0] ?? '', context)))
  const {service, identity, durationSeconds} = federation
  return {
    description: `, signed with temporary keys for ${federation.identity} (keyless: the job's GitHub OIDC token)`,
    federation: {service, identity, durationSeconds},
    keys,
    prepare: async (regions, context) => void (await keys(regions, context))
  }
}

export const githubOidc: KeySourceKind = {
  name: 'github-oidc',
  // 'oidc-provider' alone turns keyless login on; the others only say more about it.
  turnedOnBy: ['oidcProvider'],
  goesWith: ['roleToAssume', 'audience', 'roleSessionName', 'stsEndpoint'],
  temporary: true,
  readsDuration: true,
  words: {
    login: 'keyless login',
    how: "keylessly, with the job's GitHub OIDC token",
    it: 'keyless login',
    remove: "'oidc-provider' (with 'role-to-assume')",
    readme: '"Keyless login (OIDC)" in the README'
  },
  build(inputs, cloud) {
    if (cloud.federation === undefined) {
      throw new UserError(`Keyless login ('oidc-provider') is not available for this provider. Remove 'oidc-provider' and the keyless inputs.`)
    }
    return federatedKeys(cloud.federation(inputs))
  }
}
