import {OUTPUT} from '../../names.js'
import {isRegistryHost} from '../../registry.js'
import type {Replaced} from '../../ledger.js'
import * as path from 'node:path'
import {authFileLocation, type AuthFileLocation} from '../../places.js'
import {checkedPlace} from '../../trust.js'
import {authsSlot, fingerprint, FINGERPRINT_RE, followLinks, readDockerConfig} from '../shared/auth-file.js'
import type {Engine, EngineContext} from '../engine.js'
import {memo} from '../../memo.js'

// The podman engine: where the auth file of podman, buildah and skopeo is, and what a record is. The rest, and why, is
// in ./login.ts, loaded when the engine has work to do.

/** What one podman login changed: small and bounded, no paths (the auth file is in the places). */
export interface PodmanLogin {
  /** host[:port] logged in to: also the key of its entry in the auth file. */
  host: string
  /** The fingerprint of the entry written: post removes only that. */
  digest: string
  /** What the file held for the host before, when it held something. */
  replaced?: Exclude<Replaced, 'none'>
}

export interface PodmanTimings {
  /** The whole login to one registry, every try included. */
  loginMs: number
}

export const PODMAN_TIMINGS: PodmanTimings = {loginMs: 60_000}

/**
 * What the engine does, as opposed to what it is (its name, tools, records and by-hand advice, all here): the work in
 * ./login.ts, loaded when there is some.
 */
export type PodmanWork = Required<Pick<Engine<PodmanLogin>, 'unusable' | 'login' | 'undo' | 'release'>>

/** The tools that log in to the auth file, in the order the proof prefers them. */
export const PODMAN_TOOLS = ['podman', 'skopeo', 'buildah'] as const

/** Those of PODMAN_TOOLS on PATH, in the order the proof prefers them. */
export async function toolsOnPath(which: (tool: string) => Promise<string>): Promise<string[]> {
  const paths = await Promise.all(PODMAN_TOOLS.map(tool => which(tool)))
  return PODMAN_TOOLS.filter((_, i) => paths[i] !== '')
}

/** What the auth file is called in messages. */
export const AUTH_FILE = 'the podman auth file'

/** Who controls the auth file and its directory (trust.ts): throws a PlaceError naming the rule that chose it. */
export function checkAuthFilePlace(location: AuthFileLocation, place: string): void {
  const what = `The podman auth file (${location.source}: ${place})`
  checkedPlace(what, path.dirname(place), 'dir')
  checkedPlace(what, place, 'file')
}

/** Whether `value` is a PodmanLogin as login() writes it, and nothing more. */
export function isPodmanLogin(value: unknown): value is PodmanLogin {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const r = value as Record<string, unknown>
  if (!Object.keys(r).every(k => k === 'host' || k === 'digest' || k === 'replaced')) return false
  if (typeof r.host !== 'string' || !isRegistryHost(r.host)) return false
  if (typeof r.digest !== 'string' || !FINGERPRINT_RE.test(r.digest)) return false
  return r.replaced === undefined || r.replaced === 'login' || r.replaced === 'layer' || r.replaced === 'same'
}

/**
 * What to add when the Docker config keeps logins in a credential helper: podman, buildah and skopeo read only the
 * file's `auths` (containers/image reads no credsStore), so a login the Docker engine puts in the helper is docker's
 * alone. '' when the config names none (or cannot be read: the Docker engine says so itself).
 */
function configHelperNote(dir: string): string {
  try {
    const {config} = readDockerConfig(dir)
    if (!config?.credsStore && Object.keys(config?.credHelpers ?? {}).length === 0) return ''
  } catch {
    return ''
  }
  return (
    ` (but that config names a credential helper, credsStore or credHelpers, which podman, buildah and skopeo do not ` +
    `read: where the login goes into the helper, only docker sees it; set 'engine: podman' alone, or REGISTRY_AUTH_FILE, ` +
    `for them)`
  )
}

/** The podman engine for one run of the action (main or post); its work (./login.ts) is loaded on demand. */
export function podmanEngine(context: EngineContext, timings: PodmanTimings = PODMAN_TIMINGS): Engine<PodmanLogin> {
  const place = context.places.authFile
  const helperNote = (): string => configHelperNote(context.places.dockerConfig)
  const location = authFileLocation(context.env)
  const which = memo(context.which)
  let loaded: Promise<PodmanWork> | undefined
  const work = (): Promise<PodmanWork> => (loaded ??= import('./login.js').then(m => m.podmanWork({...context, which}, timings)))
  const found = (): Promise<string[]> => toolsOnPath(which)
  return {
    name: 'podman',
    place: 'authFile',
    tools: PODMAN_TOOLS,
    removal: `'podman logout <registry>'`,
    detect: found,
    unusable: async () =>
      (await found()).length > 0
        ? (await work()).unusable()
        : `none of podman, skopeo and buildah is on PATH. Install podman (or skopeo), or set 'engine: docker-config' (the Docker config file, which they read too).`,
    coveredBy: others => {
      // When the auth file is Docker's config.json (DOCKER_CONFIG set), the login a Docker engine writes there, under
      // the same ledger, is the one podman, buildah and skopeo read: a second one on top would be the same login.
      const docker = others.find(other => other.place === 'dockerConfig')
      if (!docker || place !== path.join(context.places.dockerConfig, 'config.json')) return undefined
      return `its auth file is the Docker config (${place}), where the ${docker.name} engine writes the login${helperNote()}`
    },
    describe: () => `podman auth file: ${place} (${location.source})`,
    checkPlace: () => checkAuthFilePlace(location, place),
    async holds(record) {
      try {
        const current = authsSlot(followLinks(place), record.host, AUTH_FILE).read()
        return current !== undefined && fingerprint(current) === record.digest
      } catch {
        return false
      }
    },
    byHand: record => `remains in ${place}: remove it with 'podman logout --authfile ${place} ${record.host}' (or delete its entry in "auths")`,
    outputs: used => ({[OUTPUT.authFile]: used ? place : ''}),
    login: async (credential, journal) => (await work()).login(credential, journal),
    undo: async record => (await work()).undo(record),
    release: async record => (await work()).release(record),
    owns: (record): record is PodmanLogin => isPodmanLogin(record),
    label: record => ({host: record.host, thing: `the podman login in ${place}`})
  }
}
