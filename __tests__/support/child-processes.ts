import {spawn} from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'

// Tests of what must hold *between* processes (a lock, a shared ledger) run real node processes. Those cannot load
// TypeScript, so the modules they need are compiled to plain ESM beside the script that drives them.

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src')

/** Compiles `src/<name>.ts` for each name into `dir` (as `<name>.js`, ESM), for child processes to import. */
export function compileModules(dir: string, names: readonly string[]): void {
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}')
  for (const name of names) {
    const source = fs.readFileSync(path.join(SRC, `${name}.ts`), 'utf8')
    const {outputText} = ts.transpileModule(source, {
      compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022}
    })
    fs.writeFileSync(path.join(dir, `${name}.js`), outputText)
  }
}

export interface NodeRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `node script ...args` and collects what it printed. */
export function runNode(script: string, args: readonly string[]): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', code => resolve({code, stdout, stderr}))
  })
}

/** Runs `count` copies of `script` at once, each given its index and `args`; fails naming any copy that failed. */
export async function runTogether(count: number, script: string, args: readonly string[]): Promise<NodeRun[]> {
  const runs = await Promise.all(Array.from({length: count}, (_, i) => runNode(script, [String(i), ...args])))
  const failed = runs.findIndex(run => run.code !== 0)
  if (failed >= 0) throw new Error(`copy ${failed} of ${script} failed (exit ${runs[failed].code}): ${runs[failed].stderr}`)
  return runs
}
