// tsconfig.json's "paths" swaps @actions/http-client for src/http-client-stub.ts in the bundle, so that the entry does
// not load undici for @actions/core's OIDC code, which the action never calls. The stub must fail loudly when used,
// and must export exactly what @actions/core imports: a routine upgrade of @actions/core that imports another name
// would otherwise bundle without complaint and break at run time.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'
import * as stub from '../../src/http-client-stub.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const STUB = 'src/http-client-stub.ts'
const PACKAGE = '@actions/http-client'

const parseText = (name: string, text: string): ts.SourceFile => ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true)
const parse = (file: string): ts.SourceFile => parseText(file, fs.readFileSync(path.join(ROOT, file), 'utf8'))

const isClientSpecifier = (specifier: string): boolean => specifier === PACKAGE || specifier.startsWith(`${PACKAGE}/`)

/**
 * What a module imports from @actions/http-client (any subpath): the specifiers and the names. A name that cannot be
 * listed (`import * as`, `export *`, a dynamic import or require) is recorded as '*', which matches no export.
 */
function clientImports(source: ts.SourceFile): {specifiers: Set<string>; names: Set<string>} {
  const specifiers = new Set<string>()
  const names = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && isClientSpecifier(node.moduleSpecifier.text)) {
      specifiers.add(node.moduleSpecifier.text)
      const clause = node.importClause
      if (clause?.name) names.add('default')
      const bindings = clause?.namedBindings
      if (bindings && ts.isNamespaceImport(bindings)) names.add('*')
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add((e.propertyName ?? e.name).text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && isClientSpecifier(node.moduleSpecifier.text)) {
      specifiers.add(node.moduleSpecifier.text)
      const clause = node.exportClause
      if (clause && ts.isNamedExports(clause)) for (const e of clause.elements) names.add((e.propertyName ?? e.name).text)
      else names.add('*')
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length > 0 &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      isClientSpecifier(node.arguments[0].text)
    ) {
      specifiers.add(node.arguments[0].text)
      names.add('*')
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return {specifiers, names}
}

/** The names a module exports, read from its declarations. */
function exportedNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>()
  const exported = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some(m => m.kind === ts.SyntaxKind.ExportKeyword)
  const isDefault = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some(m => m.kind === ts.SyntaxKind.DefaultKeyword)
  for (const statement of source.statements) {
    if (ts.isExportAssignment(statement)) names.add('default')
    else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements) names.add(e.name.text)
    } else if (exported(statement)) {
      if (isDefault(statement)) names.add('default')
      else if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text)
      } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name) names.add(statement.name.text)
    }
  }
  return names
}

const coreDir = 'node_modules/@actions/core/lib'
const coreFiles = fs
  .readdirSync(path.join(ROOT, coreDir))
  .filter(f => f.endsWith('.js'))
  .map(f => `${coreDir}/${f}`)
const core = coreFiles.map(file => clientImports(parse(file)))
const coreNames = [...new Set(core.flatMap(c => [...c.names]))].sort()
const coreSpecifiers = [...new Set(core.flatMap(c => [...c.specifiers]))].sort()
const stubNames = [...exportedNames(parse(STUB))].sort()

describe('the stub', () => {
  it('exports something to check (the parse found its exports, and they are what the module gives)', () => {
    expect(stubNames.length).toBeGreaterThan(0)
    expect(Object.keys(stub).sort()).toEqual(stubNames)
  })

  it.each(Object.keys(stub))('%s throws an error that says why, when used', name => {
    const exported = (stub as Record<string, unknown>)[name] as new () => unknown
    expect(() => new exported()).toThrow('@actions/http-client is not bundled with this action (see src/http-client-stub.ts)')
  })
})

describe('the import reader (so that the check below can fail)', () => {
  it.each<[string, string, string[], string[]]>([
    ['named imports, renamed or not', `import {HttpClient, HttpCodes as C} from '@actions/http-client'`, ['@actions/http-client'], ['HttpClient', 'HttpCodes']],
    ['a subpath', `import {BearerCredentialHandler} from '@actions/http-client/lib/auth'`, ['@actions/http-client/lib/auth'], ['BearerCredentialHandler']],
    ['a default import', `import client from '@actions/http-client'`, ['@actions/http-client'], ['default']],
    ['a namespace import', `import * as hc from '@actions/http-client'`, ['@actions/http-client'], ['*']],
    ['a re-export', `export {HttpClient as H} from '@actions/http-client'`, ['@actions/http-client'], ['HttpClient']],
    ['export *', `export * from '@actions/http-client/lib/interfaces'`, ['@actions/http-client/lib/interfaces'], ['*']],
    ['a dynamic import', `async function f() { return import('@actions/http-client') }`, ['@actions/http-client'], ['*']],
    ['a require', `const hc = require('@actions/http-client')`, ['@actions/http-client'], ['*']],
    ['other packages only', `import {HttpClient} from '@actions/http-client-other'\nimport * as os from 'os'`, [], []]
  ])('reads %s', (_name, text, specifiers, names) => {
    const found = clientImports(parseText('x.js', text))
    expect([[...found.specifiers].sort(), [...found.names].sort()]).toEqual([specifiers, names])
  })

  it.each<[string, string, string[]]>([
    ['classes, functions and constants', 'export class A {}\nexport function b() {}\nexport const c = 1, d = 2\nclass Hidden {}', ['A', 'b', 'c', 'd']],
    ['an export list and a default', 'class A {}\nexport {A as B}\nexport default 1', ['B', 'default']]
  ])('reads the exports of %s', (_name, text, names) => {
    expect([...exportedNames(parseText('x.ts', text))].sort()).toEqual(names)
  })
})

describe("the stub against @actions/core's imports", () => {
  it('exports exactly the names @actions/core imports from @actions/http-client', () => {
    // If this fails after an upgrade of @actions/core: add (or remove) the names in src/http-client-stub.ts, or, if
    // @actions/core now needs the real client at load time, drop the "paths" entries and the stub.
    expect(coreNames).not.toContain('*')
    expect(coreNames).toEqual(stubNames)
  })

  it('imports it only by specifiers that tsconfig.json points at the stub', () => {
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config as {compilerOptions: {paths: Record<string, string[]>}}
    const paths = config.compilerOptions.paths
    expect(coreSpecifiers.length).toBeGreaterThan(0)
    for (const specifier of coreSpecifiers) expect([specifier, paths[specifier]]).toEqual([specifier, [STUB]])
  })
})
