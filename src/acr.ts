// Alibaba Cloud Container Registry (ACR): host names and API endpoints.

/**
 * Registry host of ACR Personal Edition in a region (instances created before 2024-09; newer ones have their own
 * crpi-….personal.cr.aliyuncs.com host, which the `registry` input takes). Enterprise Edition has no default.
 */
export function acrDefaultRegistry(region: string): string {
  return `registry.${region}.aliyuncs.com`
}

/** Base URL of the Container Registry API in a region (the VPC one is cr-vpc.<region>.aliyuncs.com). */
export function acrApiEndpoint(region: string): string {
  return `https://cr.${region}.aliyuncs.com`
}
