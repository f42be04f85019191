import * as path from 'node:path'
import {OUTPUT} from '../../names.js'
import {checkedPlace} from '../../trust.js'
import type {Engine, EngineContext} from '../engine.js'
import {isHostsRecord, type HostsRecord} from './record.js'

// containerd's registry host configuration (docs/hosts.md): <hosts-dir>/<host[:port]>/hosts.toml. ctr and nerdctl read
// it with --hosts-dir, the CRI plugin through its config_path. A `[host."<url>".header]` table adds headers to every
// request to that host; an Authorization header with Basic credentials authenticates with Basic-auth registries on any
// containerd version. What the engine is (its tools, place, records and by-hand advice) is here; what it does is
// ./login.ts, loaded when there is work: the registry check, and hosts.toml written under the ledger and taken out
// again (its file work in ./files.ts, the ledger's view of a hosts.toml in ./slot.ts). Its record is ./record.ts.

// Any of these on PATH means containerd is in use on this runner; hosts.toml serves all of them.
const CONTAINERD_TOOLS = ['ctr', 'nerdctl', 'containerd']

/** The hosts directory as messages name it. */
export const hostsDirWhat = (hostsDir: string): string => `The containerd hosts directory ('hosts-dir', ${hostsDir})`

/** What the engine does, loaded on demand (./login.ts). */
export type ContainerdWork = Required<Pick<Engine<HostsRecord>, 'holds' | 'prepare' | 'login' | 'undo' | 'release'>>

/** The containerd engine: a hosts.toml per registry in the hosts directory, which ctr, nerdctl and the CRI read. */
export function containerdEngine(context: EngineContext): Engine<HostsRecord> {
  const {hostsDir} = context.places
  let loaded: Promise<ContainerdWork> | undefined
  const work = (): Promise<ContainerdWork> => (loaded ??= import('./login.js').then(m => m.containerdWork(context)))

  return {
    name: 'containerd',
    place: 'hostsDir',
    tools: CONTAINERD_TOOLS,
    removal: `the Authorization header taken out of <registry>/hosts.toml under 'hosts-dir'`,

    async detect() {
      const paths = await Promise.all(CONTAINERD_TOOLS.map(tool => context.which(tool)))
      return CONTAINERD_TOOLS.filter((_, i) => paths[i])
    },

    // Writing files needs no tool: asked for by name, containerd always works (the file waits for its reader).
    unusable: async () => undefined,

    describe: () => `containerd hosts directory: ${hostsDir}`,

    checkPlace() {
      checkedPlace(hostsDirWhat(hostsDir), hostsDir, 'dir')
    },

    holds: async record => (await work()).holds(record),

    byHand: record =>
      `remains in ${path.join(hostsDir, record.host, 'hosts.toml')}: take the Authorization header for ` +
      `${record.scheme}://${record.host} out of that file (or delete the file, if it held nothing else)`,

    outputs: used => ({[OUTPUT.hostsDir]: used ? hostsDir : ''}),

    prepare(credential) {
      // Started as soon as the work is loaded; settled here too, since login may never await it.
      work()
        .then(w => w.prepare(credential))
        .catch(() => undefined)
    },

    login: async (credential, journal) => (await work()).login(credential, journal),

    undo: async record => (await work()).undo(record),

    release: async record => (await work()).release(record),

    owns: (record): record is HostsRecord => isHostsRecord(record),

    label: record => ({host: record.host, thing: `the credential from ${path.join(hostsDir, record.host, 'hosts.toml')}`})
  }
}
