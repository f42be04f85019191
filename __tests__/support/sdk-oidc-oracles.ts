// The official SDKs' OIDC token exchanges as oracles for ours: each runs for real, through the SDK's own HTTP layer,
// against a URL the test gives (a LocalServer, which records what arrives), so that the tests can compare what the
// SDK sends with what we send. Only the SDKs' entry points are used, with one exception each, said where it is made.
//
// Both SDKs read the job's OIDC token from a file (Huawei: BasicCredentials' idTokenFile; Alibaba: oidcTokenFilePath,
// i.e. ALIBABA_CLOUD_OIDC_TOKEN_FILE): it is written to a mkdtemp directory of its own and removed after the call.
import * as fs from 'node:fs'
import {createRequire} from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'

const require = createRequire(import.meta.url)

/** Runs `use` with a file holding `jwt` (nothing else: Alibaba's SDK does not trim it), removed afterwards. */
async function withTokenFile<T>(jwt: string, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'oidc-sdk-oracle-'))
  try {
    const file = path.join(dir, 'token')
    await fs.promises.writeFile(file, jwt, {mode: 0o600})
    return await use(file)
  } finally {
    await fs.promises.rm(dir, {recursive: true, force: true})
  }
}

/** Temporary keys as an SDK reads them from the answers. */
export interface SdkKeys {
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
}

// --- Huawei: @huaweicloud/huaweicloud-sdk-core, BasicCredentials with an identity provider and an ID token file ----
//
// Before each request, BaseCredentials.processAuthRequest calls updateFederalAuthTokenByIdToken when idpId and
// idTokenFile are set and it holds no unexpired keys: IamService.createUnscopedTokenWithIdToken (POST
// v3/OS-FEDERATION/identity_providers/<idpId>/protocols/oidc/auth, the JWT as bearer token) and
// createTemporaryAccessKeyByToken (POST v3.0/OS-CREDENTIAL/securitytokens, X-Subject-Token as X-Auth-Token, 6 hours),
// both sent by an unsigned client at iamEndpoint. The oracle calls that method directly: the SWR call that would
// follow is not part of the exchange.

interface HuaweiCredential {
  withIdpId(id: string): HuaweiCredential
  withIdTokenFile(file: string): HuaweiCredential
  withIamEndpoint(endpoint: string): HuaweiCredential
  needUpdateFederalAuthToken(): boolean
  updateFederalAuthTokenByIdToken(client: unknown): Promise<void>
  getAk(): string
  getSk(): string
  getSecurityToken(): string
  getExpiredAt(): number | undefined
}
const {BasicCredentials} = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials') as {BasicCredentials: new () => HuaweiCredential}
const {HcClient} = require('@huaweicloud/huaweicloud-sdk-core/HcClient') as {
  HcClient: new (httpClient: unknown) => {withCredential(credential: HuaweiCredential): {withEndpoints(endpoints: string[]): unknown}}
}
const {DefaultHttpClient} = require('@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient') as {
  DefaultHttpClient: new (options: object | undefined, endpoints: string[]) => unknown
}
/** The duration the SDK asks securitytokens for, always (IamService.DEFAULT_DURATION_SECONDS). */
export const HUAWEI_SDK_DURATION_SECONDS = (require('@huaweicloud/huaweicloud-sdk-core/internal/services/iam.service') as {IamService: {DEFAULT_DURATION_SECONDS: number}})
  .IamService.DEFAULT_DURATION_SECONDS

/** Runs the SDK's federation (identity provider `idpId`, IAM at `iamEndpoint`) with `jwt`; the keys it reads. */
export async function huaweiSdkFederatedKeys(input: {iamEndpoint: string; idpId: string; jwt: string}): Promise<SdkKeys & {expiredAt?: number}> {
  return withTokenFile(input.jwt, async file => {
    const credential = new BasicCredentials().withIdpId(input.idpId).withIdTokenFile(file).withIamEndpoint(input.iamEndpoint)
    if (!credential.needUpdateFederalAuthToken()) throw new Error('the SDK would not exchange the ID token')
    // A client as ClientBuilder.build makes one (which cannot be loaded here: its user-agent module requires uuid, which
    // the SDK does not declare). Its options do not matter: the IAM calls go through a client of their own, made by
    // overrideEndpoints([iamEndpoint]) without them.
    const client = new HcClient(new DefaultHttpClient(undefined, [input.iamEndpoint])).withCredential(credential).withEndpoints([input.iamEndpoint])
    await credential.updateFederalAuthTokenByIdToken(client)
    return {accessKeyId: credential.getAk(), accessKeySecret: credential.getSk(), securityToken: credential.getSecurityToken(), expiredAt: credential.getExpiredAt()}
  })
}

// --- Alibaba: @alicloud/credentials, OIDCRoleArnCredentialsProvider -------------------------------------------------
//
// The provider (what `new Credential({type: 'oidc_role_arn', …})` and the default chain use) POSTs AssumeRoleWithOIDC to
// https://<stsEndpoint>/: stsEndpoint is a host, and the scheme is fixed (withProtocol('https') in
// getCredentialsInternal). To reach a loopback server over plain HTTP, the oracle wraps the provider's doRequest, the
// hook the SDK keeps "for mock", so that it changes the built request's protocol to http and nothing else, then hands it
// to the SDK's own doRequest (its URL builder, form encoder and HTTP client, httpx).

interface AlibabaRequest {
  protocol: string
  host: string
}
type DoRequest = (request: AlibabaRequest) => Promise<unknown>
interface AlibabaProviderBuilder {
  withOIDCProviderArn(arn: string): AlibabaProviderBuilder
  withOIDCTokenFilePath(file: string): AlibabaProviderBuilder
  withRoleArn(arn: string): AlibabaProviderBuilder
  withRoleSessionName(name: string): AlibabaProviderBuilder
  withDurationSeconds(seconds: number): AlibabaProviderBuilder
  withStsEndpoint(host: string): AlibabaProviderBuilder
  build(): {doRequest: DoRequest; getCredentials(): Promise<SdkKeys>}
}
const credentialsRequire = createRequire(require.resolve('@alicloud/credentials'))
const {OIDCRoleArnCredentialsProvider} = credentialsRequire('./client') as {OIDCRoleArnCredentialsProvider: {builder(): AlibabaProviderBuilder}}
const {doRequest} = credentialsRequire('./providers/http') as {doRequest: DoRequest}

/** Runs the SDK's AssumeRoleWithOIDC against `endpoint` (http://host:port) with `jwt`; the keys it reads. */
export async function alibabaSdkAssumeRoleWithOidc(input: {
  endpoint: URL
  oidcProviderArn: string
  roleArn: string
  roleSessionName: string
  durationSeconds: number
  jwt: string
}): Promise<SdkKeys> {
  return withTokenFile(input.jwt, async file => {
    const provider = OIDCRoleArnCredentialsProvider.builder()
      .withOIDCProviderArn(input.oidcProviderArn)
      .withOIDCTokenFilePath(file)
      .withRoleArn(input.roleArn)
      .withRoleSessionName(input.roleSessionName)
      .withDurationSeconds(input.durationSeconds)
      .withStsEndpoint(input.endpoint.host)
      .build()
    provider.doRequest = async request => {
      // The one change, checked to be one: the SDK's scheme is https and its host the endpoint's.
      if (request.protocol !== 'https' || request.host !== input.endpoint.host) {
        throw new Error(`@alicloud/credentials built a request for ${request.protocol}://${request.host}`)
      }
      request.protocol = 'http'
      return doRequest(request)
    }
    const {accessKeyId, accessKeySecret, securityToken} = await provider.getCredentials()
    return {accessKeyId, accessKeySecret, securityToken}
  })
}
