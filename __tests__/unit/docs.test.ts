// The README and the CI workflow are what users copy: every example must use only inputs and outputs that action.yml
// declares, give the required inputs, and the README's tables must list exactly what action.yml declares.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parse} from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const read = (f: string): string => fs.readFileSync(path.join(root, f), 'utf8')

interface ActionYml {
  name: string
  description: string
  author: string
  branding: {icon: string; color: string}
  inputs: Record<string, {required?: boolean; default?: string; description: string}>
  outputs: Record<string, {description: string}>
  runs: {using: string; main: string; post: string}
}
const action = parse(read('action.yml')) as ActionYml
const inputNames = Object.keys(action.inputs)
const outputNames = Object.keys(action.outputs)
const required = inputNames.filter(n => action.inputs[n].required)

type Step = {id?: string; uses?: string; with?: Record<string, unknown>}

function stepsUsingAction(node: unknown, isOurs: (uses: string) => boolean): Step[] {
  if (Array.isArray(node)) return node.flatMap(n => stepsUsingAction(n, isOurs))
  if (typeof node !== 'object' || node === null) return []
  const obj = node as Record<string, unknown>
  const here = typeof obj.uses === 'string' && isOurs(obj.uses) ? [obj as Step] : []
  return [...here, ...Object.values(obj).flatMap(v => stepsUsingAction(v, isOurs))]
}

function checkExample(text: string, isOurs: (uses: string) => boolean): string[] {
  const problems: string[] = []
  const steps = stepsUsingAction(parse(text), isOurs)
  for (const step of steps) {
    const given = Object.keys(step.with ?? {})
    for (const key of given) if (!inputNames.includes(key)) problems.push(`unknown input '${key}'`)
    for (const key of required) if (!given.includes(key)) problems.push(`required input '${key}' missing`)
    const hasKeyPair = given.includes('access-key-id') && given.includes('access-key-secret')
    const hasPassword = given.includes('username') && given.includes('password')
    const keyless = given.includes('oidc-provider')
    if (!hasKeyPair && !hasPassword && !keyless) problems.push('neither a key pair, username/password nor oidc-provider')
  }
  const ids = new Set(steps.map(s => s.id).filter(Boolean))
  for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
    if (ids.has(m[1]) && !outputNames.includes(m[2])) problems.push(`unknown output '${m[2]}'`)
  }
  return problems
}

// The action itself, not this repository's reusable workflow (…/.github/workflows/….yml@ref), whose `with:` holds the
// workflow's inputs and is checked against them by GitHub's parser in workflows.test.ts.
const isTheAction = (uses: string): boolean => uses.includes('cloud-registry-login') && !uses.includes('/.github/workflows/')

const readme = read('README.md')
const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1])

describe('action.yml', () => {
  it('declares a node24 action whose main and post are the bundle, with name, description, author and branding', () => {
    expect(action.runs).toEqual({using: 'node24', main: 'dist/index.js', post: 'dist/index.js'})
    expect(action.name).toBeTruthy()
    expect(action.description.length).toBeGreaterThan(20)
    expect(action.author).toBeTruthy()
    expect(action.branding.icon && action.branding.color).toBeTruthy()
  })

  // Which inputs and outputs exist is proven by names.test.ts (src/names.ts names exactly those action.yml declares) and
  // by the README's tables below; which are required is the action's behaviour, checked here.
  it('requires only region: the key pair is not needed for every way in (inputs.ts says when it is)', () => {
    expect(required).toEqual(['region'])
  })
})

describe('README', () => {
  it('has YAML examples that use the action', () => {
    const ours = yamlBlocks.filter(b => stepsUsingAction(parse(b), isTheAction).length > 0)
    expect(ours.length).toBeGreaterThanOrEqual(6)
  })

  it.each(yamlBlocks.map((b, i) => [i, b]))('example %i uses only declared inputs and outputs', (_i, block) => {
    expect(checkExample(block as string, isTheAction)).toEqual([])
  })

  it('lists every input and output of action.yml in its tables, and nothing else', () => {
    const tableNames = (heading: string): string[] => {
      const section = readme.split(`## ${heading}\n`)[1].split('\n## ')[0]
      return [...section.matchAll(/^\| `([\w-]+)` \|/gm)].map(m => m[1])
    }
    expect(tableNames('Inputs').sort()).toEqual([...inputNames].sort())
    expect(tableNames('Outputs').sort()).toEqual([...outputNames].sort())
  })

  it('shows the two commands near the top', () => {
    const top = readme.split('\n').slice(0, 12).join('\n')
    expect(top).toContain('./script/demo')
    expect(top).toContain('./script/test')
  })
})

describe('.github/workflows/ci.yml', () => {
  it('runs script/test, checks dist, and uses the action from the repository with valid inputs', () => {
    const text = read('.github/workflows/ci.yml')
    const workflow = parse(text) as {jobs: Record<string, unknown>}
    expect(text).toContain('./script/test')
    expect(text).toContain('script/check-dist')
    expect(stepsUsingAction(workflow, u => u === './').length).toBeGreaterThan(0)
    expect(checkExample(text, u => u === './')).toEqual([])
  })

  it('runs the action on Linux, Windows and macOS', () => {
    const workflow = parse(read('.github/workflows/ci.yml')) as {
      jobs: {platforms: {'runs-on': string; strategy: {matrix: {include: {os: string; engine: string}[]}}}}
    }
    const {platforms} = workflow.jobs
    expect(platforms['runs-on']).toBe('${{ matrix.os }}')
    expect([...new Set(platforms.strategy.matrix.include.map(leg => leg.os))].sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest'])
    // Every engine that needs no daemon, on a real runner.
    expect([...new Set(platforms.strategy.matrix.include.map(leg => leg.engine))].sort()).toEqual(['docker-config', 'podman'])
  })
})

it('.ci/run runs script/test', () => {
  expect(read('.ci/run')).toMatch(/^exec \.\/script\/test$/m)
})
