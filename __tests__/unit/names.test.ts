import * as fs from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parse} from 'yaml'
import {INPUT, OUTPUT} from '../../src/names.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {inputs: object; outputs: object}

describe('names', () => {
  it('INPUT names exactly the inputs action.yml declares', () => {
    expect(Object.values(INPUT).sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('OUTPUT names exactly the outputs action.yml declares', () => {
    expect(Object.values(OUTPUT).sort()).toEqual(Object.keys(action.outputs).sort())
  })
})
