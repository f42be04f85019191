import type {Inputs} from './inputs.js'
import type {RegistryAddress} from './registry.js'
import {swrLoginKey, swrUsername} from './swr.js'

/** What one registry login needs: where, who, and the password (a secret). */
export interface Credential {
  region: string
  registry: RegistryAddress
  username: string
  password: string
}

/** Every form in which a credential can show up in a log: the password, `user:password`, and its base64. */
export function secretForms(credential: Pick<Credential, 'username' | 'password'>): string[] {
  const userPass = `${credential.username}:${credential.password}`
  return [credential.password, userPass, Buffer.from(userPass, 'utf8').toString('base64')]
}

/**
 * Derives the credential for each region. `mask` is called with every secret form the moment it exists, before the
 * credential is returned to anything that could print it.
 */
export function deriveCredentials(inputs: Inputs, mask: (secret: string) => void): Credential[] {
  const masked = new Set<string>()
  const maskOnce = (secret: string): void => {
    if (!masked.has(secret)) mask(secret)
    masked.add(secret)
  }
  // The key depends only on the key pair, not on the region.
  const key = swrLoginKey(inputs.accessKeyId, inputs.accessKeySecret)
  maskOnce(key)
  return inputs.regions.map((region, i) => {
    const credential = {
      region,
      registry: inputs.registries[i],
      username: swrUsername(region, inputs.accessKeyId),
      password: key
    }
    for (const form of secretForms(credential)) maskOnce(form)
    return credential
  })
}
