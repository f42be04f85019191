// What ships: the entry bundle stays lean (no HTTP client, no SDK), the API code lives in chunks only API logins
// load, and the official SDKs are test oracles only, never runtime dependencies.
import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = path.join(root, 'dist')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const read = (file: string): string => fs.readFileSync(path.join(dist, file), 'utf8')
const entry = read('index.js')
const chunks = fs.readdirSync(dist).filter(f => /^\d+\.index\.js$/.test(f))
const text = Object.fromEntries(['index.js', ...chunks].map(f => [f, read(f)]))

/**
 * The chunks a file loads on demand: ncc's `__nccwpck_require__.e(/* import() *\/ <id>)` for each dynamic import, or
 * `Promise.all(/* import() *\/[__nccwpck_require__.e(<id>), …])` for one that needs several chunks.
 */
const loads = (file: string): string[] => [...text[file].matchAll(/\.e\((?:\/\* import\(\) \*\/ ?)?(\d+)\)/g)].map(m => `${m[1]}.index.js`)
const holding = (pattern: RegExp): string[] => Object.keys(text).filter(f => pattern.test(text[f]))

// The markers of each part: the Huawei signer (SWR API), the Alibaba signer (ACR API), the HTTP client.
const HUAWEI = /SDK-HMAC-SHA256/
const ALIBABA = /x-acs-signature-nonce/
const UNDICI = /undici/

describe('dist/', () => {
  it('is an ES module package, as the runner loads it', () => {
    expect(JSON.parse(read('package.json'))).toEqual({type: 'module'})
  })

  it('keeps the HTTP client (undici) and the signers out of the entry bundle', () => {
    expect(entry).not.toMatch(UNDICI)
    expect(entry).not.toMatch(HUAWEI)
    expect(entry).not.toMatch(ALIBABA)
    // A guard against a dependency slipping into the entry, not a budget to fill (about 258 KB today; how it got there
    // is in CHANGELOG.md, why in docs/decisions.md): npm run bench judges what a change costs in start-up time.
    expect(entry.length).toBeLessThan(300_000)
  })

  it('loads every chunk on demand, from the entry or from a chunk the entry loads', () => {
    const reached = new Set<string>()
    const visit = (file: string): void => {
      for (const chunk of loads(file)) {
        expect(chunks).toContain(chunk)
        if (!reached.has(chunk)) {
          reached.add(chunk)
          visit(chunk)
        }
      }
    }
    visit('index.js')
    expect([...reached].sort()).toEqual([...chunks].sort())
  })

  it("has each provider's API code in a chunk of its own that the entry loads on demand: an SWR login loads no ACR code", () => {
    const swr = holding(HUAWEI)
    const acr = holding(ALIBABA)
    expect(swr).toHaveLength(1)
    expect(acr).toHaveLength(1)
    expect(swr).not.toEqual(acr)
    expect(loads('index.js')).toEqual(expect.arrayContaining([...swr, ...acr]))
  })

  it('has the HTTP client (undici) only in chunks that the API chunks load, not the entry', () => {
    const client = holding(UNDICI)
    expect(client.length).toBeGreaterThan(0)
    for (const chunk of client) {
      expect(loads('index.js')).not.toContain(chunk)
      for (const api of [...holding(HUAWEI), ...holding(ALIBABA)]) expect(loads(api)).toContain(chunk)
    }
  })

  it("has the file work of 'docker-config-dir' in a chunk the entry loads on demand: jobs that leave it empty never load it", () => {
    const files = holding(/cloud-registry-login-config-/)
    expect(files).toHaveLength(1)
    expect(files).not.toContain('index.js')
    expect(loads('index.js')).toContain(files[0])
  })

  it("has containerd's work in a chunk the entry loads on demand, and the TOML library in one that chunk loads: only jobs that write containerd credentials load them", () => {
    const work = holding(/the ledger of the hosts directory had no note of it/)
    expect(work).toHaveLength(1)
    expect(work).not.toContain('index.js')
    expect(loads('index.js')).toContain(work[0])
    const toml = holding(/smol-toml/)
    expect(toml).toHaveLength(1)
    expect(toml).not.toContain('index.js')
    expect(loads('index.js')).not.toContain(toml[0])
    expect(loads(work[0] as string)).toContain(toml[0])
  })

  it.each([
    ["GitHub's token request", /GitHub's OIDC token service/],
    ['Alibaba STS AssumeRoleWithOIDC (API version 2015-04-01)', /2015-04-01/],
    ['Huawei IAM v5 AssumeAgencyWithOIDC', /assume-with-oidc/],
    ['Huawei IAM v3 federation (securitytokens)', /OS-CREDENTIAL/]
  ])('keeps keyless login out of the entry: %s is in a chunk it loads on demand', (_name, marker) => {
    const files = holding(marker)
    expect(files).toHaveLength(1)
    expect(files).not.toContain('index.js')
    expect(loads('index.js')).toContain(files[0])
  })

  it('names every bundled package, with its license, in licenses.txt', () => {
    const licenses = fs.readFileSync(path.join(dist, 'licenses.txt'), 'utf8')
    const listed = new Set([...licenses.matchAll(/^(@?[^@\s]+)@\d[^\s]*$/gm)].map(m => m[1]))
    const bundled = new Set<string>()
    for (const file of Object.keys(text)) {
      for (const m of text[file].matchAll(/node_modules\/(@[^/\s]+\/[^/\s]+|[^/@\s][^/\s]*)\//g)) bundled.add(m[1])
    }
    expect(bundled.size).toBeGreaterThanOrEqual(4)
    expect([...bundled].filter(name => !listed.has(name))).toEqual([])
  })

  it('bundles no code of the official SDKs', () => {
    for (const file of Object.keys(text)) {
      expect(text[file]).not.toMatch(/AKSKSigner|kitx|json-bigint|huaweicloud-sdk-core\/auth/)
    }
  })
})

it('uses the official SDKs as devDependencies only', () => {
  for (const sdk of ['@huaweicloud/huaweicloud-sdk-core', '@alicloud/pop-core', '@alicloud/credentials']) {
    expect(pkg.devDependencies).toHaveProperty([sdk])
    expect(pkg.dependencies).not.toHaveProperty([sdk])
  }
})
