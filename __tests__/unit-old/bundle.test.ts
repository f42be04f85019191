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
const entry = fs.readFileSync(path.join(dist, 'index.js'), 'utf8')
const chunks = fs.readdirSync(dist).filter(f => /^\d+\.index\.js$/.test(f))

describe('dist/', () => {
  it('is an ES module package, as the runner loads it', () => {
    expect(JSON.parse(fs.readFileSync(path.join(dist, 'package.json'), 'utf8'))).toEqual({type: 'module'})
  })

  it('keeps the HTTP client (undici) and the signers out of the entry bundle', () => {
    expect(entry).not.toMatch(/undici/)
    expect(entry).not.toMatch(/SDK-HMAC-SHA256|x-acs-signature-nonce/)
    expect(entry.length).toBeLessThan(300_000)
  })

  it('has the API code in chunks the entry imports on demand', () => {
    const all = chunks.map(f => fs.readFileSync(path.join(dist, f), 'utf8')).join('\n')
    expect(all).toMatch(/SDK-HMAC-SHA256/)
    expect(all).toMatch(/x-acs-signature-nonce/)
    // Each chunk is reached from the entry or from another chunk.
    const texts = ['index.js', ...chunks].map(f => fs.readFileSync(path.join(dist, f), 'utf8'))
    for (const chunk of chunks) {
      const id = chunk.replace('.index.js', '')
      expect(texts.filter(t => new RegExp(`\\b${id}\\b`).test(t)).length).toBeGreaterThanOrEqual(2)
    }
    expect(chunks.some(chunk => new RegExp(`\\b${chunk.replace('.index.js', '')}\\b`).test(entry))).toBe(true)
  })

  it('names every bundled package, with its license, in licenses.txt', () => {
    const licenses = fs.readFileSync(path.join(dist, 'licenses.txt'), 'utf8')
    const listed = new Set([...licenses.matchAll(/^(@?[^@\s]+)@\d[^\s]*$/gm)].map(m => m[1]))
    const bundled = new Set<string>()
    for (const file of ['index.js', ...chunks]) {
      const text = fs.readFileSync(path.join(dist, file), 'utf8')
      for (const m of text.matchAll(/node_modules\/(@[^/\s]+\/[^/\s]+|[^/@\s][^/\s]*)\//g)) bundled.add(m[1])
    }
    expect(bundled.size).toBeGreaterThanOrEqual(4)
    expect([...bundled].filter(name => !listed.has(name))).toEqual([])
  })

  it('bundles no code of the official SDKs', () => {
    for (const file of ['index.js', ...chunks]) {
      const text = fs.readFileSync(path.join(dist, file), 'utf8')
      expect(text).not.toMatch(/AKSKSigner|kitx|json-bigint|huaweicloud-sdk-core\/auth/)
    }
  })
})

it('uses the official SDKs as devDependencies only', () => {
  for (const sdk of ['@huaweicloud/huaweicloud-sdk-core', '@alicloud/pop-core']) {
    expect(pkg.devDependencies).toHaveProperty([sdk])
    expect(pkg.dependencies).not.toHaveProperty([sdk])
  }
})
