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
