import * as core from '@actions/core'
import * as path from 'node:path'
import {deriveCredentials, type Credential} from './credentials.js'
import {chooseEngines} from './engines.js'
import {errorMessage} from './errors.js'
import {getInputs} from './inputs.js'
import {loginRegistry, serialQueue} from './login.js'
import {emptyState, markMainStarted, saveLoginState} from './state.js'

/**
 * The main step: read and check every input, derive and mask the credentials, log in to each registry with each
 * engine, and leave post an exact record of what was done. Throws (for index.ts to report) only before any login.
 */
export async function main(): Promise<void> {
  markMainStarted()
  // Untrimmed: inputs.ts decides what blanks to take off, in one place.
  const inputs = getInputs(
    name => core.getInput(name, {trimWhitespace: false}),
    secret => core.setSecret(secret)
  )
  const workspace = process.env.GITHUB_WORKSPACE
  if (workspace && (inputs.hostsDir + path.sep).startsWith(path.resolve(workspace) + path.sep)) {
    core.warning(
      `'hosts-dir' (${inputs.hostsDir}) is inside the workspace: credential files there can end up in images, caches ` +
        `and artifacts. Prefer a directory under RUNNER_TEMP (the default) or /etc/containerd/certs.d.`
    )
  }
  const credentials = deriveCredentials(inputs, secret => core.setSecret(secret))
  const choice = await chooseEngines(inputs.engines)

  const state = emptyState(inputs.logout)
  saveLoginState(state)

  const plural = credentials.length === 1 ? '1 registry' : `${credentials.length} registries`
  const failures: {credential: Credential; message: string}[] = []
  const succeeded: Credential[] = []
  await core.group(`Logging in to ${plural} with ${choice.engines.join(' and ')}`, async () => {
    core.info(`Engines: ${choice.engines.join(', ')} (${choice.reason})`)
    if (choice.engines.includes('containerd')) core.info(`containerd hosts directory: ${inputs.hostsDir}`)
    const dockerQueue = serialQueue()
    const context = {choice, hostsDir: inputs.hostsDir, state}
    // Registries are independent: run them together; docker's part is serialised inside loginRegistry.
    const results = await Promise.allSettled(credentials.map(c => loginRegistry(c, context, dockerQueue)))
    results.forEach((result, i) => {
      const credential = credentials[i]
      const who = `${credential.registry.host} as ${credential.username}`
      if (result.status === 'fulfilled') {
        succeeded.push(credential)
        core.info(`✓ ${who}: ${result.value.join(', ')}`)
      } else {
        const message = errorMessage(result.reason)
        failures.push({credential, message})
        core.info(`✗ ${who}: ${message}`)
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

  if (failures.length === 1 && credentials.length === 1) {
    core.setFailed(failures[0].message)
  } else if (failures.length > 0) {
    const lines = failures.map(f => `- ${f.credential.registry.host} (${f.credential.region}): ${f.message}`)
    core.setFailed(
      `Login failed for ${failures.length} of ${credentials.length} registries; the others are logged in and the ` +
        `post step logs them out.\n${lines.join('\n')}`
    )
  }
}
