import {quote} from './errors.js'
import type {RegistryAddress} from './registry.js'

// Hints, never refusals, about region IDs: the action takes any region of the right shape (new regions appear all the
// time, and other clouds reuse the vendors' APIs), so a list can only ever suggest. It catches the usual slips: a
// missing hyphen (cn-north4), another cloud's region (cn-hangzhou with SWR, eu-west-1 for Huawei's Dublin), and a
// 'registry' of one region given with another 'region'.

/** What a provider knows of its regions, for the hints. */
export interface RegionKnowledge {
  /** The service, for messages: 'Huawei Cloud SWR'. */
  cloud: string
  /** How to choose this provider: "set 'provider: swr' (or leave 'provider' out)". */
  choose: string
  /** Region IDs known to have the service. Suggestions only: a region not listed is never refused. */
  known: readonly string[]
  /** The domains its registry hosts end with: a 'registry' elsewhere is another cloud's, with regions of its own. */
  domains: readonly string[]
  /** A few words on some regions, shown with a suggestion: {'eu-west-101': 'Dublin'}. */
  notes?: Readonly<Record<string, string>>
}

/** Edit distance (insertions, deletions, substitutions), for short strings. */
function distance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = row
  }
  return previous[b.length] ?? 0
}

/**
 * The known regions `region` was most likely meant to be: those that read the same without hyphens (cn-north4), else
 * those that extend it with digits (eu-west-1 for eu-west-101), else the nearest within two edits. At most two.
 */
export function nearestRegions(region: string, known: readonly string[]): string[] {
  const bare = (r: string): string => r.replace(/-/g, '')
  const same = known.filter(r => bare(r) === bare(region))
  if (same.length > 0) return same.slice(0, 2)
  const extended = known.filter(r => r.startsWith(region) && /^\d+$/.test(r.slice(region.length)))
  if (extended.length > 0) return extended.slice(0, 2)
  const scored = known.map(r => [r, distance(region, r)] as const).filter(([, d]) => d <= 2)
  const best = Math.min(...scored.map(([, d]) => d))
  return scored
    .filter(([, d]) => d === best)
    .map(([r]) => r)
    .slice(0, 2)
}

/** Whether a registry host is one of this cloud's (its domain, or a subdomain of it). */
function isHostOf(host: string, knowledge: RegionKnowledge): boolean {
  const name = host.replace(/:\d+$/, '')
  return knowledge.domains.some(domain => name === domain || name.endsWith(`.${domain}`))
}

function named(region: string, knowledge: RegionKnowledge): string {
  const note = knowledge.notes?.[region]
  return note === undefined ? `'${region}'` : `'${region}' (${note})`
}

/** The hint for one region the provider does not know, or undefined when there is nothing useful to say. */
function unknownRegionHint(region: string, provider: RegionKnowledge, others: readonly RegionKnowledge[]): string | undefined {
  const near = nearestRegions(region, provider.known)
  const elsewhere = others.find(other => other.known.includes(region))
  if (near.length === 0 && elsewhere === undefined) return undefined
  const parts = [`Input 'region' has ${quote(region)}, which is not a region of ${provider.cloud} this action knows`]
  if (near.length > 0) parts.push(`did you mean ${near.map(r => named(r, provider)).join(' or ')}?`)
  if (elsewhere !== undefined) parts.push(`(${quote(region)} is a region of ${elsewhere.cloud}: for it, ${elsewhere.choose}.)`)
  return `${parts[0]}: ${parts.slice(1).join(' ')} The login goes on; if the registry cannot be found, this is why.`
}

/** The region a registry host names in one of its labels (swr.<region>.…, registry.<region>.…), if any. */
function regionOfHost(host: string, knowledge: readonly RegionKnowledge[]): string | undefined {
  const labels = host.replace(/:\d+$/, '').split('.')
  return labels.find(label => knowledge.some(k => k.known.includes(label)))
}

/** A provider, as far as the hints need it (the interface imports RegionKnowledge from here: naming it would make a cycle). */
interface Knowing {
  regions: RegionKnowledge
}

/** A target, as far as the hints need it: its region and its registry. */
interface Placed {
  region: string
  registry: RegistryAddress
}

/**
 * Warnings about the regions of the targets: a region the provider does not know (with the nearest it does, and the
 * cloud that has it), and a 'registry' input that names another region than 'region'. Only for the provider's own
 * hosts: a 'registry' on another domain belongs to another cloud, whose regions this action cannot know.
 */
export function regionWarnings(provider: Knowing, others: readonly Knowing[], targets: readonly Placed[], registryInput: string): string[] {
  const mine = provider.regions
  const theirs = others.map(other => other.regions)
  const warnings: string[] = []
  for (const target of targets) {
    if (!isHostOf(target.registry.host, mine)) continue
    if (!mine.known.includes(target.region)) {
      const hint = unknownRegionHint(target.region, mine, theirs)
      if (hint !== undefined) warnings.push(hint)
    }
    if (registryInput === '' || registryInput.includes('{region}')) continue
    const named = regionOfHost(target.registry.host, [mine])
    if (named !== undefined && named !== target.region) {
      warnings.push(
        `Input 'registry' (${target.registry.host}) is the registry of region ${named}, but 'region' is ${target.region}: ` +
          `the login is made for 'region', and ${mine.cloud} in another region refuses it. Set 'region' to ${named}, or leave ` +
          `'registry' out to use the registry of ${target.region}.`
      )
    }
  }
  return warnings
}
