// Runs after the post step of the action under test: the login it wrote must be gone from config.json, and the login
// that was there before the job must still be there. A thrown error fails the job.
import * as fs from 'node:fs'
import * as path from 'node:path'

const registry = process.env.INPUT_REGISTRY
const keep = process.env.INPUT_KEEP
const file = path.join(process.env.DOCKER_CONFIG, 'config.json')
const auths = JSON.parse(fs.readFileSync(file, 'utf8')).auths ?? {}
if (Object.hasOwn(auths, registry)) throw new Error(`${file} still holds the login for ${registry} after the post step`)
if (!Object.hasOwn(auths, keep)) throw new Error(`${file} lost the login for ${keep}, which was there before the job`)
console.log(`${file} after the post step: ${Object.keys(auths).join(', ')} (the login for ${registry} is gone)`)
