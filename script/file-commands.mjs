// Reading and making the runner's file commands (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV …), for the scripts that
// run the action as the runner does (runner.mjs, bench.mjs) and for the tests (the e2e harness, state.test.ts).
import * as fs from 'node:fs'
import * as path from 'node:path'

/**
 * name → value from a file-command file: `name<<delimiter` blocks (the form @actions/core writes) or `name=value`
 * lines; the last value of a name wins, and a file that does not exist holds none. The one reader for the scripts and
 * the tests (script/file-commands.d.mts types it for them).
 */
export function readFileCommands(file) {
  const out = new Map()
  if (!fs.existsSync(file)) return out
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const value = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i])
      out.set(heredoc[1], value.join('\n'))
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      out.set(lines[i].slice(0, at), lines[i].slice(at + 1))
    }
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
