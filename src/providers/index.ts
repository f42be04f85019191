import {acr} from './acr/index.js'
import type {Provider, ProviderName} from './provider.js'
import {swr} from './swr/index.js'

// The table of providers, apart from the interface they implement (./provider.ts), so that no provider imports the
// table that imports it.

/** Every provider, by the value of the `provider` input. */
export const PROVIDERS: Record<ProviderName, Provider> = {swr, acr}

/** The provider when the `provider` input is empty (action.yml's default). */
export const DEFAULT_PROVIDER: ProviderName = 'swr'
