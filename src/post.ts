import * as core from '@actions/core'
import * as io from '@actions/io'
import {removeEmptyDirs, undoHostsFile} from './containerd.js'
import {errorMessage} from './errors.js'
import {undoDockerLogin} from './login.js'
import {loadLoginState} from './state.js'

/**
 * The post step: undo exactly what main recorded, each thing on its own, so one failure does not keep the others in
 * place. It never fails the job: whatever goes wrong becomes a warning.
 */
export async function post(): Promise<void> {
  let state
  try {
    state = loadLoginState()
  } catch (error) {
    core.warning(
      `Could not read what the main step did (${errorMessage(error)}), so no credentials were removed. On a self-hosted ` +
        `runner, remove them by hand: 'docker logout <registry>', and the <registry>/hosts.toml files under 'hosts-dir'.`
    )
    return
  }
  if (!state || (state.docker.length === 0 && state.containerd.length === 0)) {
    core.info('The main step stored no credentials: nothing to remove.')
    return
  }
  if (!state.logout) {
    core.info(`'logout' is false: the credentials stay in place for later jobs on this runner.`)
    return
  }
  const {docker: dockerLogins, containerd: hostsFiles} = state

  await core.group('Removing the credentials the main step added', async () => {
    if (dockerLogins.length > 0) {
      const docker = await io.which('docker', false)
      for (const record of dockerLogins) {
        try {
          if (!docker) throw new Error('the docker CLI is no longer on PATH')
          core.info(`${record.host}: docker ${await undoDockerLogin(docker, record)}`)
        } catch (error) {
          core.warning(`${record.host}: could not remove the docker login: ${errorMessage(error)}`)
        }
      }
    }
    for (const change of hostsFiles) {
      try {
        const result = undoHostsFile(change)
        const said = {
          removed: 'removed',
          restored: 'restored to what it was before',
          cleaned: 'changed since the main step: took out only our Authorization header',
          untouched: 'no longer holds our credential: left as it is'
        }[result]
        core.info(`${change.host}: containerd ${change.file} ${said}`)
      } catch (error) {
        core.warning(`${change.host}: could not remove the credential from ${change.file}: ${errorMessage(error)}`)
      }
    }
    // Directories main created and that are empty now (each undo removed its own copy of the original file).
    removeEmptyDirs(hostsFiles.flatMap(c => c.createdDirs))
  })
}
