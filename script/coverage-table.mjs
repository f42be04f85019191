#!/usr/bin/env node
// Prints the unit tests' coverage of every src/ module as a table, from jest's coverage-summary.json. script/test runs
// jest with --json (for its closing count), and in that mode jest's own text table is not printed.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

const file = process.argv[2]
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const summary = JSON.parse(fs.readFileSync(file, 'utf8'))
const pct = m => (m.total === 0 ? 100 : m.pct).toFixed(1).padStart(6)
const rows = Object.entries(summary)
  .filter(([name]) => name !== 'total')
  .map(([name, m]) => [path.relative(root, name), m])
  .sort(([a], [b]) => a.localeCompare(b))
const width = Math.max(...rows.map(([name]) => name.length), 'All files'.length)
console.log(`${'File'.padEnd(width)}  % Lines  % Stmts  % Branch  % Funcs`)
for (const [name, m] of [...rows, ['All files', summary.total]]) {
  console.log(`${name.padEnd(width)}  ${pct(m.lines)}   ${pct(m.statements)}   ${pct(m.branches)}    ${pct(m.functions)}`)
}
