import {createHmac} from 'node:crypto'

/**
 * Huawei Cloud SWR long-term login key: lowercase hex of HMAC-SHA256 with the SK as key and the AK as message.
 * This is the vendor's own recipe (`printf "$AK" | openssl dgst -sha256 -hmac "$SK"`); no API call is involved.
 * The key cannot be turned back into the SK but is a permanent credential: callers must mask it at once.
 */
export function swrLoginKey(accessKeyId: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(accessKeyId, 'utf8').digest('hex')
}

/** SWR user name for a region: the region's project name, "@", the AK. */
export function swrUsername(region: string, accessKeyId: string): string {
  return `${region}@${accessKeyId}`
}

/**
 * Registry host of SWR in a region. Dublin (eu-west-101) is served from Huawei Cloud Europe's own domain; every
 * other region follows the one pattern. Other Huawei-based clouds use the `registry` input instead.
 */
export function swrDefaultRegistry(region: string): string {
  const domain = region === 'eu-west-101' ? 'myhuaweicloud.eu' : 'myhuaweicloud.com'
  return `swr.${region}.${domain}`
}

/** Base URL of the SWR API in a region (Dublin on the .eu domain, like its registry). */
export function swrApiEndpoint(region: string): string {
  const domain = region === 'eu-west-101' ? 'myhuaweicloud.eu' : 'myhuaweicloud.com'
  return `https://swr-api.${region}.${domain}`
}
