import * as core from '@actions/core'
import * as path from 'node:path'
import {localCredential, maskOnce, type Credential} from './credentials.js'
import {chooseEngines} from './engines.js'
import {errorMessage} from './errors.js'
import {getInputs, type Inputs} from './inputs.js'
import {loginRegistry, serialQueue} from './login.js'
import type {RegistryAddress} from './registry.js'
import {emptyState, markMainStarted, saveLoginState} from './state.js'

/** One registry to log in to: a region, its registry, and the API that issues its credential (if any). */
interface Target {
  region: string
  registry: RegistryAddress
  endpoint?: URL
}

/** Where the credentials come from: derived here, or from the cloud's API (loaded only then). */
async function credentialSource(inputs: Inputs, mask: (secret: string) => void): Promise<(target: Target) => Promise<Credential>> {
  const callsApi = inputs.auth.kind === 'swr-temporary' || inputs.auth.kind === 'acr-token'
  if (!callsApi) {
    return async target => localCredential(inputs.auth, target.region, target.registry, mask) as Credential
  }
  const {apiCredential} = await import('./cloud-api.js')
  return target => apiCredential(inputs.auth, target.region, target.registry, target.endpoint as URL, mask, line => core.info(line))
}

/**
 * The main step: read and check every input, obtain and mask the credentials, log in to each registry with each
 * engine, and leave post an exact record of what was done. Throws (for index.ts to report) only before any login.
 */
export async function main(): Promise<void> {
  markMainStarted()
  const mask = maskOnce(secret => core.setSecret(secret))
  // Untrimmed: inputs.ts decides what blanks to take off, in one place.
  const inputs = getInputs(name => core.getInput(name, {trimWhitespace: false}), mask)
  const workspace = process.env.GITHUB_WORKSPACE
  if (workspace && (inputs.hostsDir + path.sep).startsWith(path.resolve(workspace) + path.sep)) {
    core.warning(
      `'hosts-dir' (${inputs.hostsDir}) is inside the workspace: credential files there can end up in images, caches ` +
        `and artifacts. Prefer a directory under RUNNER_TEMP (the default) or /etc/containerd/certs.d.`
    )
  }
  for (const endpoint of inputs.apiEndpoints) {
    if (endpoint.protocol === 'http:' && !/^(?:127\.|localhost$|\[::1\]$)/.test(endpoint.hostname)) {
      core.warning(
        `'api-endpoint' ${endpoint.origin} is plain HTTP: the key pair's signature, the security token and the ` +
          `credential that comes back cross the network unencrypted. Use https://.`
      )
      break
    }
  }
  const choice = await chooseEngines(inputs.engines)
  const credentialFor = await credentialSource(inputs, mask)
  const targets: Target[] = inputs.regions.map((region, i) => ({region, registry: inputs.registries[i], endpoint: inputs.apiEndpoints[i]}))

  const state = emptyState(inputs.logout)
  saveLoginState(state)

  const count = targets.length === 1 ? '1 registry' : `${targets.length} registries`
  const failures: {target: Target; message: string}[] = []
  const succeeded: Credential[] = []
  await core.group(`Logging in to ${count} with ${choice.engines.join(' and ')}`, async () => {
    core.info(`Engines: ${choice.engines.join(', ')} (${choice.reason})`)
    core.info(`Credential: ${describeAuth(inputs)}`)
    if (choice.engines.includes('containerd')) core.info(`containerd hosts directory: ${inputs.hostsDir}`)
    const dockerQueue = serialQueue()
    const context = {choice, hostsDir: inputs.hostsDir, state}
    // Registries are independent: run them together; docker's part is serialised inside loginRegistry.
    const results = await Promise.allSettled(
      targets.map(async target => {
        const credential = await credentialFor(target)
        return {credential, done: await loginRegistry(credential, context, dockerQueue)}
      })
    )
    results.forEach((result, i) => {
      const target = targets[i]
      if (result.status === 'fulfilled') {
        const {credential, done} = result.value
        succeeded.push(credential)
        const until = credential.expiresAt ? `, valid until ${credential.expiresAt}` : ''
        core.info(`✓ ${target.registry.host} as ${credential.username}: ${done.join(', ')}${until}`)
      } else {
        const message = errorMessage(result.reason)
        failures.push({target, message})
        core.info(`✗ ${target.registry.host}: ${message}`)
      }
    })
  })

  const first = succeeded[0]
  if (first) {
    core.setOutput('registry', first.registry.host)
    core.setOutput('username', first.username)
    core.setOutput('ctr-user', `${first.username}:${first.password}`)
  }
  core.setOutput('registries', JSON.stringify(succeeded.map(c => c.registry.host)))
  core.setOutput('hosts-dir', choice.engines.includes('containerd') && first ? inputs.hostsDir : '')
  // The soonest expiry: the time by which the job must be done with all of them.
  const expiries = succeeded.map(c => c.expiresAt).filter((t): t is string => t !== undefined).sort()
  core.setOutput('expires-at', expiries[0] ?? '')

  if (failures.length === 1 && targets.length === 1) {
    core.setFailed(failures[0].message)
  } else if (failures.length > 0) {
    const lines = failures.map(f => `- ${f.target.registry.host} (${f.target.region}): ${f.message}`)
    core.setFailed(
      `Login failed for ${failures.length} of ${targets.length} registries; the others are logged in and the ` +
        `post step logs them out.\n${lines.join('\n')}`
    )
  }
}

function describeAuth(inputs: Inputs): string {
  switch (inputs.auth.kind) {
    case 'swr-long-term':
      return 'SWR long-term login key, derived from the access key pair (no API call)'
    case 'swr-temporary':
      return `SWR temporary login from the CreateSecret API${inputs.auth.durationSeconds ? `, valid ${inputs.auth.durationSeconds} s` : ''}`
    case 'acr-token':
      return inputs.auth.instanceId
        ? `ACR Enterprise Edition temporary token for ${inputs.auth.instanceId}`
        : 'ACR Personal Edition temporary token'
    case 'acr-password':
      return 'ACR fixed access password'
  }
}
