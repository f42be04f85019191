import {UserError} from '../../errors.js'
import {INPUT} from '../../names.js'
import type {AuthInputs, LoginType} from '../auth-inputs.js'
import {githubOidc} from './github-oidc.js'
import type {KeySourceKind} from './kind.js'
import {stored} from './stored.js'

// The list of key sources, and the one choice among them: which source the inputs turn on, with every refusal of a
// mix worded here once, for every provider and every source. A provider hands in only its cloud's parts (./kind.ts).

/** Every key source, in the order the refusals name them. The stored keys are used when the inputs turn on no other. */
export const KEY_SOURCES: readonly KeySourceKind[] = [githubOidc, stored]

/** The source used when the inputs turn on none: the stored keys, whose own checks say that none were given. */
const DEFAULT_SOURCE = stored

const given = (inputs: AuthInputs, names: readonly (keyof AuthInputs)[]): (keyof AuthInputs)[] => names.filter(name => inputs[name] !== '')
const listed = (names: readonly (keyof AuthInputs)[], joint = ', '): string => names.map(name => `'${INPUT[name]}'`).join(joint)

/** The sources whose inputs are given, in the order of KEY_SOURCES. */
function turnedOn(inputs: AuthInputs): KeySourceKind[] {
  return KEY_SOURCES.filter(source => given(inputs, source.turnedOnBy).length > 0)
}

/** The source the inputs turn on, refusing nothing (see chooseKeySource): for what must be known before the refusals. */
export function keySourceFor(inputs: AuthInputs): KeySourceKind {
  return turnedOn(inputs)[0] ?? DEFAULT_SOURCE
}

/**
 * The one key source for the inputs. Refuses, in this order: the inputs of two sources at once ("choose one"); an
 * input that means nothing without a source that is not chosen; and 'login-type: long-term' with a source whose keys
 * are always temporary. The source's own checks of its inputs come with its build.
 */
export function chooseKeySource(inputs: AuthInputs, loginType: LoginType | undefined): KeySourceKind {
  const [chosen = DEFAULT_SOURCE, other] = turnedOn(inputs)
  if (other !== undefined) {
    const mine = listed(given(inputs, chosen.turnedOnBy))
    const theirs = given(inputs, other.turnedOnBy)
    throw new UserError(
      `Inputs ${mine} and ${listed(theirs)} are both given: ${mine} logs in ${chosen.words.how}, and ` +
        `${theirs.length === 1 ? 'the other' : 'the others'} ${other.words.how}. Choose one: remove ${listed(theirs)} ` +
        `for ${chosen.words.login}, or ${chosen.words.remove ?? mine} to use ${other.words.it}.`
    )
  }
  for (const source of KEY_SOURCES) {
    if (source === chosen) continue
    const [stray] = given(inputs, source.goesWith)
    if (stray === undefined) continue
    const on = listed(source.turnedOnBy, ' or ')
    const see = source.words.readme === undefined ? '' : ` (see ${source.words.readme})`
    throw new UserError(`Input '${INPUT[stray]}' is for ${source.words.login}, which ${on} turns on, and ${on} is empty. Set ${on}${see}, ` + `or remove '${INPUT[stray]}'.`)
  }
  if (chosen.temporary && loginType === 'long-term') {
    const login = chosen.words.login.charAt(0).toUpperCase() + chosen.words.login.slice(1)
    throw new UserError(
      `${login} (${listed(chosen.turnedOnBy, ' or ')}) gives temporary keys, and a login made with them is temporary ` +
        `too: 'login-type: long-term' cannot be met. Remove 'login-type'.`
    )
  }
  return chosen
}
