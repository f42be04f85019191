import {acrTemporaryLogin} from './acr-api.js'
import {maskCredential, type Credential} from './credentials.js'
import {ApiError} from './api-errors.js'
import {errorMessage} from './errors.js'
import {ApiTransportError} from './http.js'
import type {Auth} from './inputs.js'
import type {RegistryAddress} from './registry.js'
import type {RetryHooks} from './retry.js'
import {swrTemporaryLogin, type TemporaryLogin} from './swr-api.js'

// The credentials that come from a signed API call. main.ts imports this module only when one is needed, so the
// HTTP client, the signers and the rest stay out of the start-up of every other login (ncc gives it its own chunk).
// It logs through the function it is given rather than @actions/core, which keeps @actions/core whole in the entry
// bundle (shared with a chunk, it would be split into slower-loading pieces).

/** Gets the credential for one region from the cloud API; every secret form is masked the moment it arrives. */
export async function apiCredential(
  auth: Auth,
  region: string,
  registry: RegistryAddress,
  endpoint: URL,
  mask: (secret: string) => void,
  log: (line: string) => void
): Promise<Credential> {
  const hooks = {
    onRetry: (attempt: number, delay: number, error: unknown) =>
      log(`${region}: API call try ${attempt} failed (${errorMessage(error)}); trying again in ${(delay / 1000).toFixed(1)} s`)
  }
  let login
  try {
    login = await fetchLogin(auth, region, registry, endpoint, mask, hooks)
  } catch (error) {
    if (error instanceof ApiTransportError) {
      const api = auth.kind === 'swr-temporary' ? 'The SWR API' : 'The ACR API'
      throw new ApiError(
        `${api} gave no answer for ${region} (${error.message}${error.transient ? ', over several tries' : ''}). ` +
          `Check 'region' and 'api-endpoint' (${endpoint.origin}), and the runner's network and proxy (HTTPS_PROXY, NO_PROXY).`
      )
    }
    throw error
  }
  const credential: Credential = {region, registry, ...login}
  maskCredential(credential, mask)
  return credential
}

async function fetchLogin(
  auth: Auth,
  region: string,
  registry: RegistryAddress,
  endpoint: URL,
  mask: (secret: string) => void,
  hooks: RetryHooks
): Promise<TemporaryLogin> {
  if (auth.kind === 'swr-temporary') {
    return swrTemporaryLogin(
      {
        endpoint,
        region,
        registryHost: registry.host,
        accessKeyId: auth.accessKeyId,
        accessKeySecret: auth.accessKeySecret,
        securityToken: auth.securityToken,
        durationSeconds: auth.durationSeconds
      },
      mask,
      hooks
    )
  }
  if (auth.kind === 'acr-token') {
    return acrTemporaryLogin(
      {
        endpoint,
        region,
        accessKeyId: auth.accessKeyId,
        accessKeySecret: auth.accessKeySecret,
        securityToken: auth.securityToken,
        instanceId: auth.instanceId
      },
      mask,
      hooks
    )
  }
  throw new Error(`no API gives a '${auth.kind}' credential`)
}
