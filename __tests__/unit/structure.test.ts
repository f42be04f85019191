import * as fs from 'node:fs'
import * as path from 'node:path'
import ts from 'typescript'

// The shape of src/ that lets a new provider, key source or engine be one module plus one registration (CONTRIBUTING):
// no import cycle, engines that know only themselves and what they share, and main, post and the config-dir setup
// that know engines only through their interface and table. Static imports count, type-only ones included; a lazy
// import() does not, since it is how a chunk is split off and loads only when its path runs.

const SRC = path.resolve('src')

/** Every module of src/ (relative to it, with '/'), and the src/ modules it imports statically. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const files = fs.readdirSync(SRC, {recursive: true, encoding: 'utf8'}).filter(f => f.endsWith('.ts'))
  for (const file of files.map(f => f.split(path.sep).join('/'))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(SRC, file), 'utf8'), ts.ScriptTarget.Latest)
    const imports: string[] = []
    for (const statement of source.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue
      const target = path.posix.join(path.posix.dirname(file), specifier.text.replace(/\.js$/, '.ts'))
      imports.push(fs.existsSync(path.join(SRC, target)) ? target : path.posix.join(target.replace(/\.ts$/, ''), 'index.ts'))
    }
    graph.set(file, imports)
  }
  return graph
}

/** The strongly connected components of more than one module (or one that imports itself): Tarjan's algorithm. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const order = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    order.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, order.get(w) as number))
    }
    if (low.get(v) !== order.get(v)) return
    const component: string[] = []
    let w: string | undefined
    do {
      w = stack.pop() as string
      onStack.delete(w)
      component.push(w)
    } while (w !== v)
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort())
  }
  for (const v of graph.keys()) if (!order.has(v)) visit(v)
  return found
}

/** The engine a module belongs to ('docker' for engines/docker/login.ts), or undefined outside an engine's folder. */
function engineOf(module: string): string | undefined {
  const match = /^engines\/([^/]+)\//.exec(module)
  return match && match[1] !== 'shared' ? match[1] : undefined
}

const graph = importGraph()

describe('the modules of src/', () => {
  it('import one another without a cycle, type-only imports included', () => {
    expect(cycles(graph)).toEqual([])
  })

  it('every import names a module that exists', () => {
    const missing = [...graph].flatMap(([module, imports]) => imports.filter(i => !graph.has(i)).map(i => `${module} -> ${i}`))
    expect(missing).toEqual([])
  })

  it('an engine imports no other engine: what engines share lives in engines/shared/', () => {
    const crossings = [...graph].flatMap(([module, imports]) => {
      const own = engineOf(module)
      return own ? imports.filter(i => engineOf(i) !== undefined && engineOf(i) !== own).map(i => `${module} -> ${i}`) : []
    })
    expect(crossings).toEqual([])
  })

  it.each(['main.ts', 'post.ts', 'runtime.ts', 'config-dir/index.ts', 'config-dir/files.ts'])('%s knows engines only through their interface and table', module => {
    expect(graph.get(module)?.filter(i => engineOf(i) !== undefined)).toEqual([])
  })

  it('post.ts names no engine or client: what it undoes and how to undo it by hand come from the engines', () => {
    const source = ts.createSourceFile('post.ts', fs.readFileSync(path.join(SRC, 'post.ts'), 'utf8'), ts.ScriptTarget.Latest)
    const names: string[] = []
    const collect = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) || ts.isIdentifier(node)) names.push(node.text)
      else if (ts.isTemplateExpression(node)) names.push(node.head.text, ...node.templateSpans.map(s => s.literal.text))
      ts.forEachChild(node, collect)
    }
    collect(source)
    // 'Docker config' is a place (the directory DOCKER_CONFIG names), not the docker engine.
    const words = names.join(' ').replace(/Docker config/gi, '')
    expect(words.match(/\b(docker|podman|containerd|ctr|buildah|skopeo|nerdctl|helm)\b/gi) ?? []).toEqual([])
  })
})
