// Reading and making the runner's file commands (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV …), for the scripts that
// run the action as the runner does (runner.mjs, bench.mjs).
import * as fs from 'node:fs'
import * as path from 'node:path'

/** name → value from a file-command file (`name<<delimiter` blocks, the form @actions/core writes). */
export function readFileCommands(file) {
  const out = {}
  if (!fs.existsSync(file)) return out
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    out[m[1]] = value.join('\n')
  }
  return out
}

/** Empty runner files for one step, named `<prefix><name in lower case>` in `dir`; returns the env that names them. */
export function runnerFiles(dir, prefix = '') {
  fs.mkdirSync(dir, {recursive: true})
  const files = {}
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']) {
    files[name] = path.join(dir, `${prefix}${name.toLowerCase()}`)
    fs.writeFileSync(files[name], '')
  }
  return files
}
