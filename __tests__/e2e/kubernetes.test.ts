// End-to-end: the docker-config-json output is a pull secret that works. Each of its entries logs a real docker in to
// its registry, and kubectl (client dry-run) makes a kubernetes.io/dockerconfigjson Secret whose data is the document.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {expectOk, jobs, secretForms, testEnv, type Job} from './harness.js'

const env = testEnv()
const [R1, R2] = [...env.tlsHosts.keys()]
const HTTP_REGION = 'cn-north-4'
const users = [R1, R2, HTTP_REGION].map(r => `${r}@${env.ak}`)
const newJob = jobs(env, () => secretForms(env.sk, env.key, users))

type Doc = {auths: Record<string, {auth: string}>}

/** `docker login --password-stdin` with each entry of the document, in a DOCKER_CONFIG of its own. */
function loginWithEach(job: Job, doc: Doc): void {
  const config = path.join(job.dir, 'fresh-docker-config')
  fs.mkdirSync(config, {mode: 0o700})
  for (const [host, {auth}] of Object.entries(doc.auths)) {
    const decoded = Buffer.from(auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)]
    const r = job.sh('sh', ['-c', 'printf %s "$PW" | docker login --username "$USER_NAME" --password-stdin "$HOST"'], {
      DOCKER_CONFIG: config,
      PW: password,
      USER_NAME: user,
      HOST: host
    })
    expect({host, code: r.code}).toEqual({host, code: 0})
  }
  const written = JSON.parse(fs.readFileSync(path.join(config, 'config.json'), 'utf8')) as Doc
  expect(Object.keys(written.auths).sort()).toEqual(Object.keys(doc.auths).sort())
}

/** kubectl's Secret for the document, made on the client only. */
function dryRunSecret(job: Job, config: string): {type: string; data: Record<string, string>} {
  const r = job.sh(
    'sh',
    ['-c', 'kubectl create secret generic regcred --type=kubernetes.io/dockerconfigjson --from-literal=.dockerconfigjson="$DOCKER_CONFIG_JSON" --dry-run=client -o json'],
    {DOCKER_CONFIG_JSON: config, KUBECONFIG: path.join(job.dir, 'no-kubeconfig')}
  )
  expect(r.code).toBe(0)
  return JSON.parse(r.out) as {type: string; data: Record<string, string>}
}

describe('docker-config-json', () => {
  it('two TLS registries: one entry each, each logs docker in, and kubectl makes the Secret of it', async () => {
    const job = newJob()
    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: `${R1}, ${R2}`, engine: 'docker'})
    expectOk(main)
    const config = main.outputs.get('docker-config-json') as string
    const doc = JSON.parse(config) as Doc
    const hosts = [env.tlsHosts.get(R1), env.tlsHosts.get(R2)] as string[]
    expect(Object.keys(doc.auths)).toEqual(hosts)
    expect(Object.values(doc.auths).map(e => Buffer.from(e.auth, 'base64').toString())).toEqual([R1, R2].map(r => `${r}@${env.ak}:${env.key}`))
    // Masked, and so is the form it takes in a Secret's data, before anything could print them.
    const masks = main.stdout
      .split('\n')
      .filter(l => l.startsWith('::add-mask::'))
      .map(l => l.slice('::add-mask::'.length))
    expect(masks).toEqual(expect.arrayContaining([config, Buffer.from(config).toString('base64')]))

    loginWithEach(job, doc)
    const secret = dryRunSecret(job, config)
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson')
    expect(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString('utf8')).toBe(config)
    expectOk(await job.post(main))
  })

  it('the plain-HTTP registry: its entry logs docker in over HTTP', async () => {
    const job = newJob()
    const main = await job.main({
      'access-key-id': env.ak,
      'access-key-secret': env.sk,
      region: HTTP_REGION,
      registry: `http://${env.httpRegistry}`,
      engine: 'docker'
    })
    expectOk(main)
    const doc = JSON.parse(main.outputs.get('docker-config-json') as string) as Doc
    expect(Object.keys(doc.auths)).toEqual([env.httpRegistry])
    loginWithEach(job, doc)
    expectOk(await job.post(main))
  })

  it('only the registries that logged in are in it, and it is empty when none did', async () => {
    const job = newJob()
    const main = await job.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: `${R1}, ${env.downRegion}`, engine: 'docker'})
    expect(main.code).not.toBe(0)
    expect(Object.keys((JSON.parse(main.outputs.get('docker-config-json') as string) as Doc).auths)).toEqual([env.tlsHosts.get(R1)])
    expectOk(await job.post(main))

    const none = newJob()
    const failed = await none.main({'access-key-id': env.ak, 'access-key-secret': env.sk, region: env.downRegion, engine: 'docker'})
    expect(failed.code).not.toBe(0)
    expect(failed.outputs.get('docker-config-json')).toBe('')
    expectOk(await none.post(failed))
  })
})
