// A small stand-in for GitHub's runner service, so that the end-to-end tests can run the README's workflows and the
// reusable workflow as pasted: expressions are evaluated by GitHub's own evaluator (@actions/expressions), matrices are
// expanded, jobs run in the order their `needs` give, a reusable workflow is called with its inputs and secrets
// (`secrets: inherit` or mapped), and job outputs that hold a masked value are dropped, as the runner drops them.
//
// Each step runs as the runner runs it: this action's main through the harness (the built dist/, INPUT_* with
// action.yml's defaults, fresh runner files) and its post at the end of the job with the job's environment; `run:`
// steps with `bash --noprofile --norc -eo pipefail` in the workspace, with GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH
// honoured. The few other actions the examples use have stand-ins that do their part with the same real clients
// (checkout copies a repository in; build-push-action builds with docker and pushes). A step of any other action, a job
// in a container, or a leg on another OS is not run here: the runner says so (NotRunnable), and the tests list such
// examples by name.
import {spawnSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Evaluator, Lexer, Parser, data} from '@actions/expressions'
import {parse as parseYaml} from 'yaml'
import {readFileCommands} from '../../script/file-commands.mjs'
import type {Job, StepResult, TestEnv} from './harness.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const OUR_ACTION = 'cloud-registry-login/cloud-registry-login'

/** Something a workflow asks for that this stand-in cannot do here, said instead of pretending. */
export class NotRunnable extends Error {}

type Value = unknown
type Context = Record<string, Value>

interface StepSpec {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, Value>
  env?: Record<string, Value>
  if?: string | boolean
  shell?: string
  'working-directory'?: string
}
interface JobSpec {
  name?: string
  'runs-on'?: Value
  needs?: string | string[]
  if?: string | boolean
  uses?: string
  with?: Record<string, Value>
  secrets?: 'inherit' | Record<string, Value>
  permissions?: Record<string, string> | string
  strategy?: {matrix?: Record<string, Value>}
  container?: Value
  env?: Record<string, Value>
  outputs?: Record<string, string>
  steps?: StepSpec[]
}
interface WorkflowSpec {
  on?: Value
  env?: Record<string, Value>
  permissions?: Record<string, string> | string
  jobs: Record<string, JobSpec>
}
interface CallSpec {
  inputs?: Record<string, {type?: string; default?: Value; required?: boolean}>
  secrets?: Record<string, {required?: boolean}>
  outputs?: Record<string, {value: string}>
}

export interface StepRun {
  name: string
  outcome: 'success' | 'failure' | 'skipped'
  output: string
}

export interface JobRun {
  /** The job's ID, with the called workflow's job and the matrix leg: `image/push`, `push (cn-north-4)`. */
  name: string
  result: 'success' | 'failure' | 'skipped'
  steps: StepRun[]
  outputs: Record<string, string>
  /** This action's main steps, and the post steps run for them (in the order run). */
  mains: StepResult[]
  posts: StepResult[]
  job?: Job
}

export interface WorkflowOptions {
  env: TestEnv
  /** Makes a harness job for each job run (the harness scans its log for secrets after the test). */
  newJob: () => Job
  /** The repository's secrets (and organization's), by name. */
  secrets: Record<string, string>
  /** The files actions/checkout puts in the workspace. */
  repository: string
  event?: 'push' | 'pull_request'
  /** What the runner gives a job that may request an OIDC token (`id-token: write`). */
  oidcEnv?: Record<string, string>
}

export interface WorkflowRun {
  jobs: JobRun[]
  /** Every step's name, outcome and output, for a failure message. */
  log(): string
}

// ---------------------------------------------------------------------------------------------------------------------
// Expressions

const CONTEXTS = ['github', 'env', 'secrets', 'vars', 'inputs', 'matrix', 'steps', 'needs', 'runner', 'job', 'jobs', 'strategy']
const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled']

/** Whether the steps (or needed jobs) so far all succeeded: what success() and failure() read. */
interface Status {
  ok: boolean
}

function toData(value: Value): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData
}

function truthy(d: data.ExpressionData): boolean {
  switch (d.kind) {
    case data.Kind.Boolean:
      return (d as data.BooleanData).value
    case data.Kind.Null:
      return false
    case data.Kind.Number:
      return d.number() !== 0 && !Number.isNaN(d.number())
    case data.Kind.String:
      return (d as data.StringData).value !== ''
    case data.Kind.Array:
    case data.Kind.Dictionary:
      return true
  }
}

function evaluate(expression: string, context: Context, status: Status = {ok: true}): data.ExpressionData {
  const lexed = new Lexer(expression).lex()
  const functions = STATUS_FUNCTIONS.map(name => ({name, minArgs: 0, maxArgs: 0}))
  const tree = new Parser(lexed.tokens, CONTEXTS, functions).parse()
  const calls = new Map(
    STATUS_FUNCTIONS.map(name => [
      name,
      {
        name,
        minArgs: 0,
        maxArgs: 0,
        call: () => new data.BooleanData(name === 'always' || (name === 'success' ? status.ok : name === 'failure' ? !status.ok : false))
      }
    ])
  )
  return new Evaluator(tree, toData(context) as data.Dictionary, calls).evaluate()
}

/**
 * A workflow value with its `${{ }}` expressions evaluated: the expression's own value when it is the whole value (a
 * boolean stays one), else a string with each expression's result put in.
 */
function resolve(value: Value, context: Context): Value {
  if (typeof value !== 'string') return value
  const whole = /^\$\{\{([\s\S]*?)\}\}$/.exec(value.trim())
  if (whole && !whole[1].includes('${{')) return JSON.parse(JSON.stringify(evaluate(whole[1], context), data.replacer)) as Value
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => evaluate(expression, context).coerceString())
}

function resolveString(value: Value, context: Context): string {
  const resolved = resolve(value, context)
  if (resolved === null || resolved === undefined) return ''
  return typeof resolved === 'object' ? JSON.stringify(resolved) : String(resolved)
}

/** An `if:`: bare or in `${{ }}`; without a status function it means `success() && (…)`, as on GitHub. */
function condition(value: string | boolean | undefined, context: Context, status: Status): boolean {
  if (value === undefined) return status.ok
  if (typeof value === 'boolean') return value && status.ok
  const text = value.trim()
  const expression = /^\$\{\{([\s\S]*)\}\}$/.exec(text)?.[1] ?? text
  const withStatus = STATUS_FUNCTIONS.some(name => new RegExp(`\\b${name}\\s*\\(`).test(expression)) ? expression : `success() && (${expression})`
  return truthy(evaluate(withStatus, context, status))
}

// ---------------------------------------------------------------------------------------------------------------------
// The runner

/** Runs a workflow (its YAML text) with these secrets and this repository, and says how each job went. */
export async function runWorkflow(text: string, options: WorkflowOptions): Promise<WorkflowRun> {
  const workflow = parseYaml(text) as WorkflowSpec
  const event = options.event ?? 'push'
  const github = {
    repository: 'octo-org/app',
    repository_owner: 'octo-org',
    actor: 'octocat',
    event_name: event,
    sha: '5f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
    ref: event === 'push' ? 'refs/heads/main' : 'refs/pull/7/merge',
    ref_name: event === 'push' ? 'main' : '7/merge',
    ref_type: 'branch',
    run_id: '1234567890',
    run_attempt: '1',
    event: event === 'pull_request' ? {pull_request: {number: 7, head: {repo: {full_name: 'octo-org/app'}}}} : {}
  }
  const runs: JobRun[] = []
  await runJobs(workflow, {github, secrets: options.secrets, inputs: {}, vars: {}}, options, runs, '')
  return {
    jobs: runs,
    // As the runner shows it: add-mask lines consumed, and every masked value (and secret) replaced by ***.
    log: () => {
      const masks = [
        ...runs
          .flatMap(run => run.job?.lines ?? [])
          .filter(l => l.startsWith('::add-mask::'))
          .map(l => l.slice('::add-mask::'.length)),
        ...Object.values(options.secrets)
      ]
        .filter(m => m !== '')
        .sort((a, b) => b.length - a.length)
      const shown = (text: string): string =>
        masks.reduce(
          (t, m) => t.split(m).join('***'),
          text
            .split('\n')
            .filter(l => !l.startsWith('::add-mask::'))
            .join('\n')
        )
      return runs
        .map(run =>
          [
            `job ${run.name}: ${run.result}`,
            ...run.steps.map(s => `  step ${s.name}: ${s.outcome}\n${indent(shown(s.output), 4)}`),
            ...run.posts.map(p => `  post: ${p.code}\n${indent(shown(p.stdout + p.stderr), 4)}`)
          ].join('\n')
        )
        .join('\n')
    }
  }
}

function indent(text: string, n: number): string {
  return text.replace(/^(?=.)/gm, ' '.repeat(n))
}

/** Runs a workflow's jobs in the order of their needs; returns each job's outputs and result, by ID. */
async function runJobs(
  workflow: WorkflowSpec,
  base: Context,
  options: WorkflowOptions,
  runs: JobRun[],
  prefix: string
): Promise<Record<string, {result: string; outputs: Record<string, string>}>> {
  const done: Record<string, {result: string; outputs: Record<string, string>}> = {}
  const pending = Object.keys(workflow.jobs)
  while (pending.length > 0) {
    const next = pending.findIndex(id => needsOf(workflow.jobs[id]).every(need => need in done))
    if (next < 0) throw new Error(`jobs ${pending.join(', ')} need each other or a job that does not exist`)
    const [id] = pending.splice(next, 1)
    const spec = workflow.jobs[id]
    const needs = Object.fromEntries(needsOf(spec).map(need => [need, done[need]]))
    const status = {ok: needsOf(spec).every(need => done[need].result === 'success')}
    const context: Context = {...base, needs, env: resolveEnv(workflow.env, base)}
    if (!condition(spec.if, context, status)) {
      runs.push({name: `${prefix}${id}`, result: 'skipped', steps: [], outputs: {}, mains: [], posts: []})
      done[id] = {result: 'skipped', outputs: {}}
      continue
    }
    const permissions = spec.permissions ?? workflow.permissions
    done[id] = spec.uses !== undefined ? await callWorkflow(id, spec, context, options, runs, prefix) : await runJob(id, spec, context, permissions, options, runs, prefix)
  }
  return done
}

function needsOf(spec: JobSpec): string[] {
  return spec.needs === undefined ? [] : Array.isArray(spec.needs) ? spec.needs : [spec.needs]
}

function resolveEnv(env: Record<string, Value> | undefined, context: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, resolveString(v, context)]))
}

/** Calls a reusable workflow of this repository, as GitHub does: typed inputs with defaults, inherited or mapped secrets. */
async function callWorkflow(
  id: string,
  spec: JobSpec,
  context: Context,
  options: WorkflowOptions,
  runs: JobRun[],
  prefix: string
): Promise<{result: string; outputs: Record<string, string>}> {
  const uses = spec.uses as string
  const m = new RegExp(`^(?:${OUR_ACTION}/|\\./)(\\.github/workflows/[^@]+)(?:@.+)?$`).exec(uses)
  if (!m) throw new NotRunnable(`job ${id} calls ${uses}, a workflow of another repository`)
  const called = parseYaml(fs.readFileSync(path.join(ROOT, m[1]), 'utf8')) as WorkflowSpec & {on: {workflow_call?: CallSpec}}
  const call = called.on.workflow_call ?? {}
  const given = Object.fromEntries(Object.entries(spec.with ?? {}).map(([k, v]) => [k, resolve(v, context)]))
  const inputs: Record<string, Value> = {}
  for (const [name, input] of Object.entries(call.inputs ?? {})) {
    if (!(name in given) && input.required) throw new Error(`job ${id}: the called workflow's input '${name}' is required`)
    const value = name in given ? given[name] : (input.default ?? (input.type === 'boolean' ? false : input.type === 'number' ? 0 : ''))
    inputs[name] = input.type === 'boolean' ? value === true || value === 'true' : value
  }
  for (const name of Object.keys(given)) if (!(name in (call.inputs ?? {}))) throw new Error(`job ${id}: the called workflow has no input '${name}'`)
  const callerSecrets = context.secrets as Record<string, string>
  const secrets: Record<string, string> =
    spec.secrets === 'inherit' ? {...callerSecrets} : Object.fromEntries(Object.entries(spec.secrets ?? {}).map(([k, v]) => [k, resolveString(v, context)]))
  // What the called workflow cannot read: a secret it does not declare (inherit passes them all, by name).
  const declared = Object.keys(call.secrets ?? {})
  if (spec.secrets !== 'inherit')
    for (const name of Object.keys(secrets)) if (!declared.includes(name)) throw new Error(`job ${id}: the called workflow has no secret '${name}'`)
  const jobs = await runJobs(called, {github: context.github, vars: context.vars, inputs, secrets}, options, runs, `${prefix}${id}/`)
  const result = Object.values(jobs).every(j => j.result === 'success' || j.result === 'skipped') ? 'success' : 'failure'
  const outputs = Object.fromEntries(Object.entries(call.outputs ?? {}).map(([name, o]) => [name, resolveString(o.value, {...context, jobs})]))
  return {result, outputs}
}

/** The matrix legs of a job: the product of its lists, then `include` entries added (GitHub's rules, simply). */
function legs(spec: JobSpec, context: Context): Record<string, Value>[] {
  const matrix = spec.strategy?.matrix
  if (matrix === undefined) return [{}]
  let product: Record<string, Value>[] = [{}]
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue
    const list = resolve(values, context)
    if (!Array.isArray(list)) throw new NotRunnable(`the matrix value '${key}' is not a list`)
    product = product.flatMap(leg => list.map(v => ({...leg, [key]: v})))
  }
  const include = (matrix.include ?? []) as Record<string, Value>[]
  if (include.length > 0 && Object.keys(product[0]).length === 0) product = []
  return [...product, ...include]
}

async function runJob(
  id: string,
  spec: JobSpec,
  context: Context,
  permissions: WorkflowSpec['permissions'],
  options: WorkflowOptions,
  runs: JobRun[],
  prefix: string
): Promise<{result: string; outputs: Record<string, string>}> {
  if (spec.container !== undefined) throw new NotRunnable(`job ${id} runs in a container (${JSON.stringify(spec.container)})`)
  let result = 'success'
  let outputs: Record<string, string> = {}
  for (const matrix of legs(spec, context)) {
    const legContext = {...context, matrix}
    const name = `${prefix}${id}${Object.keys(matrix).length > 0 ? ` (${Object.values(matrix).join(', ')})` : ''}`
    const runsOn = resolveString(spec['runs-on'], legContext)
    if (!/^ubuntu-|^self-hosted|linux/i.test(runsOn)) {
      runs.push({name: `${name} on ${runsOn}: not run here (Linux only)`, result: 'skipped', steps: [], outputs: {}, mains: [], posts: []})
      continue
    }
    const run = await runLeg(name, spec, legContext, permissions, options)
    runs.push(run)
    if (run.result !== 'success') result = 'failure'
    // With a matrix, the job's outputs are the last leg's to finish (GitHub leaves their order open).
    outputs = run.outputs
  }
  return {result, outputs}
}

/** Whether a job's permissions let it request an OIDC token. */
function grantsIdToken(permissions: WorkflowSpec['permissions']): boolean {
  return permissions === 'write-all' || (typeof permissions === 'object' && permissions['id-token'] === 'write')
}

async function runLeg(name: string, spec: JobSpec, context: Context, permissions: WorkflowSpec['permissions'], options: WorkflowOptions): Promise<JobRun> {
  const job = options.newJob()
  const run: JobRun = {name, result: 'success', steps: [], outputs: {}, mains: [], posts: [], job}
  const workspace = job.environment().GITHUB_WORKSPACE
  fs.mkdirSync(workspace, {recursive: true})
  const standIns = standInBin(job)
  const steps: Record<string, {outputs: Record<string, string>; outcome: string; conclusion: string}> = {}
  const status = {ok: true}
  // What GITHUB_ENV and GITHUB_PATH added, for every later step (and the posts).
  const added: Record<string, string> = {}
  const paths: string[] = []
  const github: Record<string, string> = {...(context.github as Record<string, string>), workspace}
  const runner = {os: 'Linux', arch: 'X64', temp: job.runnerTemp, name: 'stand-in'}
  const jobEnv = resolveEnv(spec.env, {...context, github, runner})
  const base = (): Record<string, string> => ({
    ...job.environment(),
    GITHUB_SHA: github.sha,
    GITHUB_REF: github.ref,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_EVENT_NAME: github.event_name,
    GITHUB_RUN_ID: github.run_id,
    GITHUB_RUN_ATTEMPT: '1',
    // Node (this action's API calls) trusts the test CA the way a runner trusts its registries' CAs.
    NODE_EXTRA_CA_CERTS: options.env.tlsCa,
    CONTAINERD_ADDRESS: options.env.containerdSock,
    KUBECONFIG: path.join(job.dir, 'no-kubeconfig'),
    ...(grantsIdToken(permissions) ? options.oidcEnv : {}),
    ...jobEnv,
    ...added,
    PATH: [standIns, ...paths, job.environment().PATH].join(':')
  })
  for (const [index, step] of (spec.steps ?? []).entries()) {
    const stepContext = {...context, github, runner, steps, env: {...jobEnv, ...added}, job: {status: status.ok ? 'success' : 'failure'}}
    const stepName = step.name ?? step.uses ?? (step.run ?? '').split('\n')[0]
    if (!condition(step.if, stepContext, status)) {
      run.steps.push({name: stepName, outcome: 'skipped', output: ''})
      if (step.id) steps[step.id] = {outputs: {}, outcome: 'skipped', conclusion: 'skipped'}
      continue
    }
    const env = {...base(), ...resolveEnv(step.env, stepContext)}
    const done = await runStep(step, stepContext, env, {job, workspace, repository: options.repository, index})
    run.steps.push({name: stepName, outcome: done.ok ? 'success' : 'failure', output: done.output})
    if (done.main) run.mains.push(done.main)
    if (step.id) steps[step.id] = {outputs: done.outputs, outcome: done.ok ? 'success' : 'failure', conclusion: done.ok ? 'success' : 'failure'}
    Object.assign(added, done.env)
    paths.unshift(...done.paths.reverse())
    if (!done.ok) status.ok = false
  }
  // Post steps, last first, for every main that ran, with the job's environment as it stands at the end.
  for (const main of [...run.mains].reverse()) run.posts.push(await job.post(main, {...base()}))
  if (run.posts.some(p => p.code !== 0)) status.ok = false
  run.result = status.ok ? 'success' : 'failure'
  // The runner drops an output that holds a masked value ("Skip output '…' since it may contain secret").
  const masked = [
    ...job.lines.filter(l => l.startsWith('::add-mask::')).map(l => l.slice('::add-mask::'.length)),
    ...Object.values(context.secrets as Record<string, string>)
  ].filter(s => s !== '')
  for (const [key, value] of Object.entries(spec.outputs ?? {})) {
    const resolved = resolveString(value, {...context, github, runner, steps})
    if (!masked.some(secret => resolved.includes(secret))) run.outputs[key] = resolved
  }
  return run
}

/** Programs a runner has that this machine lacks or has otherwise: passwordless sudo, and a cluster for kubectl. */
function standInBin(job: Job): string {
  const bin = path.join(job.dir, 'stand-in-bin')
  fs.mkdirSync(bin, {recursive: true})
  // The tests run as root: sudo has nothing to add, and keeps the environment (CONTAINERD_ADDRESS, say).
  fs.writeFileSync(path.join(bin, 'sudo'), '#!/bin/sh\nexec "$@"\n', {mode: 0o755})
  // kubectl works on the client (create … --dry-run=client) as it is; what would reach a cluster is recorded instead,
  // one file per call, for the test to read.
  const kubectl = spawnSync('sh', ['-c', 'command -v kubectl'], {encoding: 'utf8'}).stdout.trim()
  fs.writeFileSync(
    path.join(bin, 'kubectl'),
    [
      '#!/bin/sh',
      `cluster=${JSON.stringify(path.join(job.dir, 'cluster'))}`,
      'for a in "$@"; do case "$a" in apply|set|rollout|delete|patch) mkdir -p "$cluster"; n=$(ls "$cluster" | wc -l);',
      '  printf "%s\\n" "$*" > "$cluster/$n.args"; [ "$a" = apply ] && cat > "$cluster/$n.yaml"; exit 0;; esac; done',
      `exec ${JSON.stringify(kubectl)} "$@"`,
      ''
    ].join('\n'),
    {mode: 0o755}
  )
  return bin
}

interface StepDone {
  ok: boolean
  output: string
  outputs: Record<string, string>
  /** What it added to GITHUB_ENV and GITHUB_PATH. */
  env: Record<string, string>
  paths: string[]
  main?: StepResult
}

async function runStep(
  step: StepSpec,
  context: Context,
  env: Record<string, string>,
  where: {job: Job; workspace: string; repository: string; index: number}
): Promise<StepDone> {
  const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, resolveString(v, context)]))
  if (step.run !== undefined) return runScript(resolveString(step.run, context), env, where, step)
  const uses = step.uses ?? ''
  const action = uses.replace(/@.*$/, '')
  if (action === OUR_ACTION || uses === './') {
    const main = await where.job.main(inputs, env)
    return {ok: main.code === 0, output: main.stdout + main.stderr, outputs: Object.fromEntries(main.outputs), env: main.jobEnv, paths: [], main}
  }
  switch (action) {
    case 'actions/checkout':
      fs.cpSync(where.repository, where.workspace, {recursive: true})
      return {ok: true, output: `checked out ${where.repository}`, outputs: {}, env: {}, paths: []}
    case 'docker/setup-buildx-action':
    case 'docker/setup-qemu-action':
      // docker builds with its own builder here, for the runner's platform.
      return {ok: true, output: `${action}: nothing to set up here`, outputs: {}, env: {}, paths: []}
    case 'docker/build-push-action':
      return buildAndPush(inputs, env, where)
    default:
      throw new NotRunnable(`step '${uses}': no stand-in for that action here`)
  }
}

function runScript(script: string, env: Record<string, string>, where: {job: Job; workspace: string; index: number}, step: StepSpec): StepDone {
  if (step.shell !== undefined && step.shell !== 'bash') throw new NotRunnable(`a run step with shell '${step.shell}'`)
  const files = runnerFiles(where.job, where.index)
  const file = path.join(where.job.dir, `step-${where.index}.sh`)
  fs.writeFileSync(file, script)
  const cwd = step['working-directory'] ? path.resolve(where.workspace, step['working-directory']) : where.workspace
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {cwd, env: {...env, ...files}, encoding: 'utf8', timeout: 300_000})
  return {
    ok: r.status === 0,
    output: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`,
    outputs: Object.fromEntries(readFileCommands(files.GITHUB_OUTPUT)),
    env: Object.fromEntries(readFileCommands(files.GITHUB_ENV)),
    paths: fs.readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean)
  }
}

function runnerFiles(job: Job, index: number): Record<string, string> {
  return Object.fromEntries(
    ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE'].map(name => {
      const file = path.join(job.dir, `step-${index}-${name.toLowerCase()}`)
      fs.writeFileSync(file, '')
      return [name, file]
    })
  )
}

/** docker/build-push-action's part, with docker's own builder: build the context once, tag it, push each tag. */
function buildAndPush(inputs: Record<string, string>, env: Record<string, string>, where: {workspace: string}): StepDone {
  const tags = inputs.tags
    .split(/[,\n]/)
    .map(t => t.trim())
    .filter(Boolean)
  const context = path.resolve(where.workspace, inputs.context || '.')
  const file = inputs.file ? ['-f', path.resolve(where.workspace, inputs.file)] : []
  const outputs: string[] = []
  const docker = (...args: string[]): boolean => {
    const r = spawnSync('docker', args, {cwd: where.workspace, env, encoding: 'utf8', timeout: 300_000})
    outputs.push(`$ docker ${args.join(' ')}\n${r.stdout}${r.stderr}`)
    return r.status === 0
  }
  let ok = docker('build', ...file, ...tags.flatMap(t => ['-t', t]), context)
  let digest = ''
  if (ok && inputs.push === 'true') {
    for (const tag of tags) {
      ok = docker('push', tag)
      if (!ok) break
      digest = /digest: (sha256:[0-9a-f]{64})/.exec(outputs[outputs.length - 1])?.[1] ?? digest
    }
  }
  return {ok, output: outputs.join('\n'), outputs: {digest}, env: {}, paths: []}
}
