// End-to-end: every workflow the README shows, and the starter templates, run as pasted. The workflow stand-in
// (workflow-runner.ts) runs them with GitHub's expression evaluator, the built dist/ as each step of this action, and
// the real docker, containerd, podman, buildah and skopeo, against the TLS registry that answers for the examples' own
// host names (swr.cn-north-4.myhuaweicloud.com, registry.cn-hangzhou.aliyuncs.com, …). The clouds' APIs and token
// services the examples reach without any endpoint input are fakes listening at their real names too (script/test-env
// maps those names to 127.0.0.2 and 127.0.0.3 in the test's namespace), checking signatures with the official SDKs. The
// secrets are the ones the examples name, holding keys the fakes and the registry accept; a repository with a
// Dockerfile is what actions/checkout brings.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parse} from 'yaml'
import {FakeCloud, type KeyPair} from './fake-cloud.js'
import {FakeGitHubOidc, FakeSts} from './fake-oidc.js'
import {jobs, testEnv} from './harness.js'
import {NotRunnable, runWorkflow, type WorkflowRun} from './workflow-runner.js'

const env = testEnv()
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

// The README's placeholders, which the fakes take for the real thing: an Enterprise Edition instance, and the accounts
// whose OIDC providers, roles and agencies the keyless examples name.
const INSTANCE = 'cri-xxxxxxxxxxxxxxxx'
const ALIBABA_ACCOUNT = 'acs:ram::1234567890123456'
const HUAWEI_ACCOUNT = 'iam::0123456789abcdef0123456789abcdef'
const ALIBABA = {accessKeyId: 'LTAI5tReadmeExampleKey12', accessKeySecret: 'Rk7uI9oP0aSdFgHjKl1ZxCvBnM2q3W'}
const ALIBABA_STS: Required<KeyPair> = {
  accessKeyId: 'STS.NUreadmeExampleTemporaryKey',
  accessKeySecret: 'Ws3eR5tY7uI9oP1aS3dF5gH7jK9lZx',
  securityToken: 'CAIS+readmeExampleStsToken/0123456789abcdefghijklmnop=='
}
const HUAWEI_STS: Required<KeyPair> = {
  accessKeyId: 'HSTAREADMEEXAMPLE000',
  accessKeySecret: 'readmeExampleHuaweiTemporarySecret012345',
  securityToken: 'gQpjbi1ub3J0aC00readmeExampleSecurityToken'
}

/** The secrets the examples name, as a repository would hold them. */
const SECRETS: Record<string, string> = {
  HW_AK: env.ak,
  HW_SK: env.sk,
  HUAWEI_AK: env.ak,
  HUAWEI_SK: env.sk,
  OTC_AK: env.ak,
  OTC_SK: env.sk,
  ALIYUN_AK: ALIBABA.accessKeyId,
  ALIYUN_SK: ALIBABA.accessKeySecret,
  ACR_USERNAME: env.acrFixed.user,
  ACR_PASSWORD: env.acrFixed.password,
  MY_ALIBABA_KEY_ID: ALIBABA.accessKeyId,
  MY_ALIBABA_KEY_SECRET: ALIBABA.accessKeySecret
}

const newJob = jobs(env, () => [
  env.sk,
  env.key,
  ALIBABA.accessKeySecret,
  ALIBABA_STS.accessKeySecret,
  ALIBABA_STS.securityToken,
  HUAWEI_STS.accessKeySecret,
  HUAWEI_STS.securityToken,
  env.swrTemp.password,
  env.acrTemp.token,
  env.acrFixed.password
])

let cloud: FakeCloud
let github: FakeGitHubOidc
let sts: FakeSts
let repository: string

beforeAll(async () => {
  const tls = {cert: env.tlsCert, key: env.tlsKey}
  cloud = new FakeCloud({
    swr: {registryHost: env.tlsHosts.get('cn-north-4') as string, user: env.swrTemp.user, password: env.swrTemp.password},
    acr: {user: env.acrTemp.user, token: env.acrTemp.token, instanceId: INSTANCE}
  })
  cloud.accept({accessKeyId: env.ak, accessKeySecret: env.sk}).accept(ALIBABA).accept(ALIBABA_STS).accept(HUAWEI_STS)
  await cloud.start({host: env.apiAddress, port: 443, tls})
  github = await new FakeGitHubOidc('repo:octo-org/app:ref:refs/heads/main').start()
  sts = new FakeSts(github, {
    trust: {clientIds: ['sts.aliyuncs.com', 'sts.huaweicloud.com', 'my-github-client-id'], subjects: ['repo:octo-org/app:ref:refs/heads/main']},
    keys: ALIBABA_STS,
    keysOf: {huawei: HUAWEI_STS},
    alibaba: {providerArn: `${ALIBABA_ACCOUNT}:oidc-provider/github`, roleArn: `${ALIBABA_ACCOUNT}:role/github-push`},
    huawei: {providerUrn: `${HUAWEI_ACCOUNT}:oidcProvider:github`, agencyUrn: `${HUAWEI_ACCOUNT}:agency:github-push`, idp: 'github-actions'}
  })
  await sts.start({host: env.stsAddress, port: 443, tls})
  // What actions/checkout brings: a repository with a Dockerfile that builds without the network.
  repository = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-repository-'))
  fs.writeFileSync(path.join(repository, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /\n')
  fs.writeFileSync(path.join(repository, 'hello.txt'), 'cloud-registry-login README example\n')
})

afterAll(async () => {
  await cloud?.stop()
  await sts?.stop()
  await github?.stop()
  fs.rmSync(repository, {recursive: true, force: true})
})

/** Each YAML block of the README, named by the heading above it (and its place under that heading). */
function readmeWorkflows(): [string, string][] {
  const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const seen = new Map<string, number>()
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => {
    const before = text.slice(0, m.index)
    const heading = [...before.matchAll(/^#{2,4} (.+)$/gm)].pop()?.[1] ?? '(top)'
    const n = (seen.get(heading) ?? 0) + 1
    seen.set(heading, n)
    return [`README "${heading}" #${n}`, m[1]]
  })
}

const templates = fs
  .readdirSync(path.join(ROOT, 'workflow-templates'))
  .filter(f => f.endsWith('.yml'))
  .map(f => [`workflow-templates/${f}`, fs.readFileSync(path.join(ROOT, 'workflow-templates', f), 'utf8')] as [string, string])
const workflows = [...readmeWorkflows(), ...templates]

// What cannot run on this machine, and why: each must still pass GitHub's parser and actionlint (workflows.test.ts).
const NOT_RUNNABLE: Record<string, RegExp> = {
  'README "Jobs without a docker CLI" #1': /runs in a container/
}

/** The event a workflow runs on here: push, unless it only runs on pull requests. */
function eventOf(text: string): 'push' | 'pull_request' {
  const on = (parse(text) as {on: unknown}).on
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(on as object)
  return events.includes('push') || !events.includes('pull_request') ? 'push' : 'pull_request'
}

function expectSucceeded(run: WorkflowRun): void {
  const failed = run.jobs.filter(j => j.result === 'failure')
  if (failed.length > 0) throw new Error(`jobs ${failed.map(j => j.name).join(', ')} failed:\n${run.log()}`)
  // Every job that logged in logged out again in its post step, and nothing it wrote is left under RUNNER_TEMP but the
  // mark of an isolated Docker config directory (no secret: the runner empties RUNNER_TEMP after the job).
  for (const job of run.jobs) {
    expect(job.posts.map(p => p.code)).toEqual(job.mains.map(() => 0))
    if (job.job && job.mains.length > 0 && job.mains.every(m => m.inputs.logout !== 'false')) {
      const temp = job.job.runnerTempFiles().filter(f => !/^cloud-registry-login-config-[0-9a-f]+\/\.cloud-registry-login-dir$/.test(f))
      expect({job: job.name, auths: job.job.dockerAuths(), temp}).toEqual({job: job.name, auths: {}, temp: []})
    }
  }
}

describe('every workflow the README shows, and the starter templates, run as pasted', () => {
  it('finds them: the README has at least 25, each under a heading of its own or numbered under it', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(27)
    expect(new Set(workflows.map(([name]) => name)).size).toBe(workflows.length)
  })

  it.each(workflows)('%s', async (name, text) => {
    let run: WorkflowRun
    try {
      run = await runWorkflow(text, {env, newJob, secrets: SECRETS, repository, event: eventOf(text), oidcEnv: github.env()})
    } catch (error) {
      if (!(error instanceof NotRunnable)) throw error
      expect({name, why: error.message}).toEqual({name, why: expect.stringMatching(NOT_RUNNABLE[name] ?? /^$/)})
      return
    }
    expect(NOT_RUNNABLE[name]).toBeUndefined()
    expectSucceeded(run)
    // Every example logs in at least once, through the built action (called workflows included).
    expect(run.jobs.flatMap(j => j.mains).length).toBeGreaterThan(0)
  })
})

describe('the reusable workflow, called as the README shows', () => {
  const caller = (secrets: string): string =>
    [
      'on: push',
      'permissions: {contents: read, id-token: write}',
      'jobs:',
      '  image:',
      '    uses: cloud-registry-login/cloud-registry-login/.github/workflows/push-to-registries.yml@v1',
      '    with: {regions: "cn-north-4, ap-southeast-3", namespace: my-org, image: inherit-app}',
      `    ${secrets}`
    ].join('\n')

  it('with secrets: inherit, reads HW_AK and HW_SK, logs in to both regions and pushes the image to each', async () => {
    const run = await runWorkflow(caller('secrets: inherit'), {env, newJob, secrets: {HW_AK: env.ak, HW_SK: env.sk}, repository})
    expectSucceeded(run)
    const [push] = run.jobs
    expect(push.name).toBe('image/push')
    expect(JSON.parse(push.outputs.images)).toEqual([
      ...['cn-north-4', 'ap-southeast-3'].map(r => `${env.tlsHosts.get(r)}/my-org/inherit-app:5f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a`)
    ])
    expect(push.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    // Logged in with a Docker config of the job's own (the workflow's default docker-config-dir: isolated).
    expect(push.mains[0].outputs.get('docker-config-dir')).toContain(push.job?.runnerTemp)
  })

  it('with the names of the first release mapped explicitly, still works', async () => {
    const run = await runWorkflow(caller('secrets: {access-key-id: "${{ secrets.HW_AK }}", access-key-secret: "${{ secrets.HW_SK }}"}'), {
      env,
      newJob,
      secrets: {HW_AK: env.ak, HW_SK: env.sk},
      repository
    })
    expectSucceeded(run)
  })

  it('with secrets: inherit and no such secrets, fails saying that no credential reached the job, and why', async () => {
    const run = await runWorkflow(caller('secrets: inherit'), {env, newJob, secrets: {SOMETHING_ELSE: 'x'}, repository})
    const [push] = run.jobs
    expect(push.result).toBe('failure')
    expect(push.mains[0].errors).toEqual([
      expect.stringMatching(/^No credential reached this job: 'access-key-id' and 'access-key-secret' are both empty\. .*secrets: inherit/)
    ])
  })
})
