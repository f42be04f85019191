#!/usr/bin/env node
// A small stand-in for the GitHub runner, for script/demo: runs dist/index.js as one step of a job and prints its log
// the way the runner shows it (workflow commands consumed, registered secrets replaced by ***).
//
//   node script/runner.mjs main <job-dir>     inputs from INPUT_* in the environment
//   node script/runner.mjs post <job-dir>     state from what main saved in <job-dir>
//
// <job-dir> keeps the runner files and the list of masked values between the two steps.
import {spawnSync} from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {readFileCommands, runnerFiles} from './file-commands.mjs'

const [step, jobDir] = process.argv.slice(2)
if (!['main', 'post'].includes(step) || !jobDir) {
  console.error('usage: runner.mjs main|post <job-dir>')
  process.exit(2)
}
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js')
fs.mkdirSync(jobDir, {recursive: true})

const files = runnerFiles(jobDir, `${step}-`)
const env = {...process.env, ...files, GITHUB_ACTIONS: 'true', RUNNER_OS: 'Linux'}
if (step === 'post') {
  for (const [k, v] of readFileCommands(path.join(jobDir, 'main-github_state'))) env[`STATE_${k}`] = v
  Object.assign(env, Object.fromEntries(readFileCommands(path.join(jobDir, 'main-github_env'))))
}

const r = spawnSync(process.execPath, [dist], {env, encoding: 'utf8'})
const masksFile = path.join(jobDir, 'masks.json')
const masks = fs.existsSync(masksFile) ? JSON.parse(fs.readFileSync(masksFile, 'utf8')) : []
const mask = line => masks.reduce((l, s) => l.split(s).join('***'), line)
for (const line of `${r.stdout}${r.stderr}`.split('\n')) {
  if (line.startsWith('::add-mask::')) {
    masks.push(line.slice('::add-mask::'.length))
    masks.sort((a, b) => b.length - a.length)
    continue
  }
  const cmd = /^::(\w+)(?: [^:]*)?::(.*)$/.exec(line)
  if (!cmd) {
    if (line !== '') console.log(`    ${mask(line)}`)
  } else if (cmd[1] === 'group') console.log(`  ▸ ${mask(cmd[2])}`)
  else if (cmd[1] === 'error' || cmd[1] === 'warning') console.log(`    ${cmd[1].toUpperCase()}: ${mask(cmd[2].replace(/%0A/g, '\n    '))}`)
}
fs.writeFileSync(masksFile, JSON.stringify(masks), {mode: 0o600})
if (step === 'main') {
  const outputs = readFileCommands(files.GITHUB_OUTPUT)
  fs.writeFileSync(path.join(jobDir, 'outputs.json'), JSON.stringify(Object.fromEntries(outputs)), {mode: 0o600})
  for (const [k, v] of outputs) console.log(`    output ${k} = ${mask(v)}`)
}
process.exit(r.status ?? 1)
