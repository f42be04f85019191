// tsconfig.json's "paths" swaps @actions/exec for src/exec-stub.ts in the bundle: @actions/core imports it (and with it
// @actions/io) only for core.platform.getDetails(), which the action never calls. The stub must fail loudly when used
// and must offer everything @actions/core takes from it: an upgrade of @actions/core that uses more would otherwise
// bundle without complaint and break at run time.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import * as stub from '../../src/exec-stub.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const CORE_LIB = path.join(ROOT, 'node_modules', '@actions', 'core', 'lib')

/** Every .js file of @actions/core that mentions @actions/exec, with the names it uses from it. */
function coreUses(): Map<string, Set<string>> {
  const uses = new Map<string, Set<string>>()
  for (const file of fs.readdirSync(CORE_LIB).filter(f => f.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(CORE_LIB, file), 'utf8')
    if (!text.includes('@actions/exec')) continue
    const namespace = /import \* as (\w+) from '@actions\/exec'/.exec(text)?.[1]
    const names = new Set<string>(namespace ? [...text.matchAll(new RegExp(`\\b${namespace}\\.(\\w+)`, 'g'))].map(m => m[1]) : ['(not a namespace import)'])
    uses.set(file, names)
  }
  return uses
}

describe('src/exec-stub.ts', () => {
  it('offers every name @actions/core uses from @actions/exec (today: getExecOutput, in platform.js)', () => {
    const uses = coreUses()
    expect([...uses.keys()]).toEqual(['platform.js'])
    for (const names of uses.values()) for (const name of names) expect(Object.keys(stub)).toContain(name)
  })

  it('fails loudly when called', () => {
    expect(() => stub.getExecOutput()).toThrow('@actions/exec is not bundled with this action (see src/exec-stub.ts)')
  })

  it('is what tsconfig.json maps @actions/exec to', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as {compilerOptions: {paths: Record<string, string[]>}}
    expect(tsconfig.compilerOptions.paths['@actions/exec']).toEqual(['src/exec-stub.ts'])
  })
})
