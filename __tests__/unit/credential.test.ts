import {maskCredential, maskOnce, MIN_MASK, secretForms} from '../../src/credential.js'
import {forgetSecrets, redactRemembered} from '../../src/secrets.js'

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

describe('secretForms', () => {
  it('gives the password, user:password and its base64 (what a docker config.json holds)', () => {
    expect(secretForms({username: 'cn-north-4@AK', password: 'pw'})).toEqual(['pw', 'cn-north-4@AK:pw', 'Y24tbm9ydGgtNEBBSzpwdw=='])
  })

  it('encodes non-ASCII as UTF-8 before base64, as docker and containerd do', () => {
    expect(secretForms({username: 'ü', password: 'é'})[2]).toBe('w7w6w6k=')
  })

  it('keeps a colon in the password as it is', () => {
    expect(secretForms({username: 'u', password: 'p:q'})).toEqual(['p:q', 'u:p:q', b64('u:p:q')])
  })
})

describe('maskOnce', () => {
  it('passes each distinct non-empty value on once, in order', () => {
    const masked: string[] = []
    const once = maskOnce(secret => masked.push(secret))
    for (const secret of ['aaaa', 'bbbb', 'aaaa', '', 'cccc', 'bbbb', '']) once(secret)
    expect(masked).toEqual(['aaaa', 'bbbb', 'cccc'])
  })

  it('keeps separate memories for separate wrappers', () => {
    const masked: string[] = []
    const first = maskOnce(secret => masked.push(`1:${secret}`))
    const second = maskOnce(secret => masked.push(`2:${secret}`))
    first('xxxx')
    second('xxxx')
    first('xxxx')
    expect(masked).toEqual(['1:xxxx', '2:xxxx'])
  })

  it('lets a mask that throws stop the caller', () => {
    const once = maskOnce(() => {
      throw new Error('cannot mask')
    })
    expect(() => once('xxxx')).toThrow('cannot mask')
  })

  // The runner replaces every occurrence of a mask: 'x' would blank every x in the log.
  it.each(['x', 'pw', 'abc'])(`registers no mask shorter than ${MIN_MASK} characters (%j), nor remembers it for the log`, secret => {
    forgetSecrets()
    const masked: string[] = []
    maskOnce(s => masked.push(s))(secret)
    expect(masked).toEqual([])
    expect(redactRemembered(`a ${secret} b`)).toBe(`a ${secret} b`)
  })

  it(`registers a mask of ${MIN_MASK} characters and more`, () => {
    const masked: string[] = []
    const once = maskOnce(s => masked.push(s))
    once('x'.repeat(MIN_MASK))
    once('y'.repeat(MIN_MASK + 1))
    expect(masked).toEqual(['x'.repeat(MIN_MASK), 'y'.repeat(MIN_MASK + 1)])
  })
})

describe('maskCredential', () => {
  it('masks every secret form, password first', () => {
    const masked: string[] = []
    maskCredential({username: 'u', password: 'p'}, secret => masked.push(secret))
    expect(masked).toEqual(['p', 'u:p', b64('u:p')])
  })

  it('through maskOnce, masks a form shared by several credentials once (one password, two regions)', () => {
    const masked: string[] = []
    const once = maskOnce(secret => masked.push(secret))
    maskCredential({username: 'cn-north-4@AK', password: 'login-key'}, once)
    maskCredential({username: 'ap-southeast-3@AK', password: 'login-key'}, once)
    expect(masked).toEqual(['login-key', 'cn-north-4@AK:login-key', b64('cn-north-4@AK:login-key'), 'ap-southeast-3@AK:login-key', b64('ap-southeast-3@AK:login-key')])
  })
})

describe('maskOnce and the log', () => {
  beforeEach(() => forgetSecrets())
  afterEach(() => forgetSecrets())

  it('remembers each secret it masks, so the log takes out its fragments too', () => {
    const once = maskOnce(() => undefined)
    once('Wq3rT8yUi0pAs2dFg4hJk6lZx8cVb0nMq2wE4rT6')
    expect(redactRemembered('echo Wq3rT8yUi0pA…')).toBe('echo ***…')
  })
})
