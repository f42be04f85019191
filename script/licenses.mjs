#!/usr/bin/env node
// Writes dist/licenses.txt: the license of every package the bundle can contain, that is every production
// dependency in package-lock.json, with its license text. (ncc's own --license output lists only one chunk's packages
// once the bundle is split, and notices such as BSD's must ship with the code.)
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'))

const entries = Object.entries(lock.packages)
  .filter(([where, info]) => where.startsWith('node_modules/') && !info.dev && !info.devOptional && !info.optional)
  .map(([where, info]) => ({where, name: where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length), ...info}))
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1))

const out = []
for (const pkg of entries) {
  const dir = path.join(root, pkg.where)
  const file = fs.existsSync(dir) ? fs.readdirSync(dir).find(f => /^(licen[cs]e|copying)(\.|$)/i.test(f)) : undefined
  const text = file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : `(no license file in the package; package.json says ${pkg.license ?? 'nothing'})`
  out.push(`${pkg.name}@${pkg.version}\n${pkg.license ?? 'UNKNOWN'}\n${text}\n`)
}
fs.mkdirSync(path.join(root, 'dist'), {recursive: true})
fs.writeFileSync(path.join(root, 'dist', 'licenses.txt'), out.join('\n'))
console.log(`licenses: ${entries.length} packages in dist/licenses.txt`)
