// Keyless login's three token exchanges are hand-written requests; here the official SDKs are their oracles on the wire.
// Each SDK runs its own exchange against a loopback server (see ../../support/sdk-oidc-oracles.ts), ours runs against
// another with the same inputs and the same answers, and the requests that arrive are compared: method, path, query
// (names, fixed values), the headers that matter, and the body field by field. What is left out (user-agent, the
// transport's own headers, the time) or differs on purpose is listed, with the reason, in the expectations themselves.
//
// - Alibaba STS AssumeRoleWithOIDC: @alicloud/credentials' OIDCRoleArnCredentialsProvider.
// - Huawei IAM v3 federation (unscoped token for the JWT, then securitytokens): @huaweicloud/huaweicloud-sdk-core's
//   BasicCredentials with an identity provider and an ID token file.
// - Huawei IAM v5 STS AssumeAgencyWithOIDC: no Node.js SDK has it (npm has no @huaweicloud/huaweicloud-sdk-sts, and
//   @huaweicloud/huaweicloud-sdk-iam, 3.1.172 its only version, has IAM v3 and v5 but not the STS calls), so the
//   oracle is the Go SDK's definition of the call, transcribed below.
import {assumeRoleWithOidc} from '../../../src/providers/acr/oidc.js'
import type {ExchangeRequest, TokenClaims} from '../../../src/providers/keyless.js'
import {assumeAgencyWithOidc, federatedKeysV3} from '../../../src/providers/swr/oidc.js'
import {localServers, type LocalServer, type Received, type Reply} from '../../support/local-server.js'
import {alibabaSdkAssumeRoleWithOidc, HUAWEI_SDK_DURATION_SECONDS, huaweiSdkFederatedKeys} from '../../support/sdk-oidc-oracles.js'

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
const CLAIMS: TokenClaims = {sub: 'repo:octo/app:ref:refs/heads/main', aud: 'sts.example.com', iss: 'https://token.actions.githubusercontent.com'}
// A JWT as GitHub issues them: three base64url parts (letters, digits, - and _), long enough to matter.
const JWT = `${b64url({alg: 'RS256', typ: 'JWT', kid: 'k1'})}.${b64url(CLAIMS)}.${Buffer.from('s1gnature-?>'.repeat(30)).toString('base64url')}`
const NO_WAIT = {sleep: async () => undefined}

/** Our exchange's request: `more` on defaults that do not matter to the wire. */
function exchange(local: LocalServer, more: Partial<ExchangeRequest>): ExchangeRequest {
  return {
    jwt: JWT,
    claims: CLAIMS,
    audience: 'sts.example.com',
    endpoint: local.url,
    sessionName: '',
    durationSeconds: 3600,
    mask: () => undefined,
    hooks: NO_WAIT,
    ...more
  }
}

// Headers of the connection, not of the call (host and content-length follow from the URL and the body, connection is
// the client's keep-alive choice), and the client's name: never compared.
const NOT_THE_CALL = new Set(['host', 'connection', 'content-length', 'user-agent'])

/** The headers of a request that belong to the call, with their values. */
function callHeaders(received: Received): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(received.headers)) {
    if (!NOT_THE_CALL.has(name) && value !== undefined) headers[name] = [value].flat().join(', ')
  }
  return headers
}

/** How two requests' call headers differ: the names only one sends, and the values of the names both send that differ. */
function headerDifferences(sdk: Received, ours: Received): {onlySdk: Record<string, string>; onlyOurs: Record<string, string>; changed: Record<string, [string, string]>} {
  const a = callHeaders(sdk)
  const b = callHeaders(ours)
  const onlySdk: Record<string, string> = {}
  const onlyOurs: Record<string, string> = {}
  const changed: Record<string, [string, string]> = {}
  for (const name of Object.keys(a)) {
    if (!(name in b)) onlySdk[name] = a[name]
    else if (a[name] !== b[name]) changed[name] = [a[name], b[name]]
  }
  for (const name of Object.keys(b)) if (!(name in a)) onlyOurs[name] = b[name]
  return {onlySdk, onlyOurs, changed}
}

const mediaType = (value: string | string[] | undefined): string => String(value).split(';')[0].trim().toLowerCase()
const path = (received: Received): string => new URL(received.url, 'http://127.0.0.1').pathname
const query = (received: Received): [string, string][] => [...new URL(received.url, 'http://127.0.0.1').searchParams]

describe('Alibaba STS AssumeRoleWithOIDC: ours sends what @alicloud/credentials sends', () => {
  const serve = localServers()
  const PROVIDER = 'acs:ram::1234567890123456:oidc-provider/github'
  const ROLE = 'acs:ram::1234567890123456:role/acr-push'
  // A session name of every kind of character Alibaba takes (letters, digits and . @ _ -).
  const SESSION = 'github-octo.app_9876543210@1'
  const DURATION = 1800
  const CREDENTIALS = {
    AccessKeyId: 'STS.NUxYz0123456789AbCdEf',
    AccessKeySecret: 'Fed3rat3dS3cr3tValue0123456789',
    SecurityToken: 'CAIS+Fed/Qw12Er34==',
    Expiration: '2099-01-01T01:00:00Z'
  }
  const answer = (): Reply => ({
    status: 200,
    body: JSON.stringify({RequestId: 'req-1', AssumedRoleUser: {Arn: `${ROLE}/${SESSION}`, AssumedRoleId: '3000:x'}, Credentials: CREDENTIALS})
  })

  /** The request each sends for the same inputs, and the keys each reads from the same answer. */
  async function both(names: {oidcProviderArn: string; roleArn: string} = {oidcProviderArn: PROVIDER, roleArn: ROLE}) {
    const sdkSide = await serve(answer)
    const sdkKeys = await alibabaSdkAssumeRoleWithOidc({endpoint: sdkSide.url, ...names, roleSessionName: SESSION, durationSeconds: DURATION, jwt: JWT})
    const ourSide = await serve(answer)
    const ourKeys = await assumeRoleWithOidc(names, exchange(ourSide, {sessionName: SESSION, durationSeconds: DURATION}))
    expect(sdkSide.received).toHaveLength(1)
    expect(ourSide.received).toHaveLength(1)
    return {sdk: sdkSide.received[0], ours: ourSide.received[0], sdkKeys, ourKeys}
  }

  it('the same method and path: POST /', async () => {
    const {sdk, ours} = await both()
    expect(sdk.method).toBe('POST')
    expect(ours.method).toBe(sdk.method)
    expect(path(sdk)).toBe('/')
    expect(path(ours)).toBe(path(sdk))
  })

  it('the same query: Version, Action, Format, Timestamp in that order, the same fixed values, the time in the same form', async () => {
    const {sdk, ours} = await both()
    const names = (q: [string, string][]): string[] => q.map(([name]) => name)
    expect(names(query(sdk))).toEqual(['Version', 'Action', 'Format', 'Timestamp'])
    expect(names(query(ours))).toEqual(names(query(sdk)))
    const fixed = (q: [string, string][]): [string, string][] => q.filter(([name]) => name !== 'Timestamp')
    expect(fixed(query(sdk))).toEqual([
      ['Version', '2015-04-01'],
      ['Action', 'AssumeRoleWithOIDC'],
      ['Format', 'JSON']
    ])
    expect(fixed(query(ours))).toEqual(fixed(query(sdk)))
    // The time each was sent at: the same form (UTC, seconds, no milliseconds), encoded the same way (: as %3A).
    const time = (received: Received): string => new URL(received.url, 'http://127.0.0.1').searchParams.get('Timestamp') ?? ''
    for (const received of [sdk, ours]) {
      expect(time(received)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(received.url).toMatch(/&Timestamp=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\dZ$/)
    }
    expect(Math.abs(Date.parse(time(ours)) - Date.parse(time(sdk)))).toBeLessThan(60_000)
    // Neither signs it: the call is anonymous, the token its proof.
    for (const received of [sdk, ours]) expect(names(query(received))).not.toEqual(expect.arrayContaining(['Signature']))
  })

  it('the same form body, field by field: the provider, the token, the role, the session name and the duration', async () => {
    const {sdk, ours} = await both()
    const fields = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body))
    expect(fields(sdk.body)).toEqual({OIDCProviderArn: PROVIDER, OIDCToken: JWT, RoleArn: ROLE, RoleSessionName: SESSION, DurationSeconds: String(DURATION)})
    expect(fields(ours.body)).toEqual(fields(sdk.body))
  })

  it('the same bytes for each field; only their order differs (the SDK puts OIDCToken before RoleArn), which a form does not mind', async () => {
    const {sdk, ours} = await both()
    const pairs = (body: string): string[] => body.split('&')
    expect(pairs(sdk.body).map(pair => pair.split('=')[0])).toEqual(['OIDCProviderArn', 'OIDCToken', 'RoleArn', 'RoleSessionName', 'DurationSeconds'])
    expect(pairs(ours.body).map(pair => pair.split('=')[0])).toEqual(['OIDCProviderArn', 'RoleArn', 'OIDCToken', 'RoleSessionName', 'DurationSeconds'])
    expect([...pairs(ours.body)].sort()).toEqual([...pairs(sdk.body)].sort())
  })

  it('decodes to the same form even for names with characters the two encoders write differently', async () => {
    // The SDK encodes with encodeURIComponent (space as %20, ! ' ( ) ~ as they are), we as a form does (space as +,
    // those as %XX). ARNs hold none of them; were one to, a form decoder reads the same value from both.
    const odd = {oidcProviderArn: "acs:ram::1:oidc-provider/git hub!(x)~'", roleArn: 'acs:ram::1:role/r*1'}
    const {sdk, ours} = await both(odd)
    const fields = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body))
    expect(fields(sdk.body)).toMatchObject({OIDCProviderArn: odd.oidcProviderArn, RoleArn: odd.roleArn})
    expect(fields(ours.body)).toEqual(fields(sdk.body))
  })

  it('the same headers that matter: a form content type, no Authorization, no signature; we add only Accept: application/json', async () => {
    const {sdk, ours} = await both()
    expect(sdk.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(ours.headers['content-type']).toBe(sdk.headers['content-type'])
    expect(headerDifferences(sdk, ours)).toEqual({
      onlySdk: {},
      // Ours asks for JSON in the Accept header too; the SDK relies on Format=JSON alone (which we send as well).
      onlyOurs: {accept: 'application/json'},
      changed: {}
    })
    for (const received of [sdk, ours]) {
      expect(Object.keys(received.headers).filter(name => name === 'authorization' || name.startsWith('x-acs-'))).toEqual([])
    }
  })

  it('the same keys read from the same answer', async () => {
    const {sdkKeys, ourKeys} = await both()
    expect(sdkKeys).toEqual({accessKeyId: CREDENTIALS.AccessKeyId, accessKeySecret: CREDENTIALS.AccessKeySecret, securityToken: CREDENTIALS.SecurityToken})
    expect(ourKeys).toMatchObject(sdkKeys)
    expect(ourKeys.expiresAt).toBe('2099-01-01T01:00:00.000Z')
  })
})

describe('Huawei IAM v3 federation: ours sends what @huaweicloud/huaweicloud-sdk-core sends', () => {
  const serve = localServers()
  // Identity provider names take letters, digits, - and _: the SDK puts the name in the path as it is, we
  // percent-encode it, which for these characters is the same.
  const IDP = 'github_actions-01'
  const IAM_TOKEN = `MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXXX${'Qw3rTy'.repeat(20)}`
  const CREDENTIAL = {
    access: 'HSTAQWERTYUIOPASDFGH',
    secret: 'Tmp5ecretAccessKey0123456789abcdefGHIJKL',
    securitytoken: 'gQpjbi1ub3J0aC00SecurityToken+Zx/Cv==',
    expires_at: '2099-01-01T06:00:00.000000Z'
  }
  /** The IAM: the unscoped token (in X-Subject-Token) at the first request, the keys at the second. */
  const iam = (n: number): Reply =>
    n === 1
      ? {
          status: 201,
          headers: {'X-Subject-Token': IAM_TOKEN},
          body: JSON.stringify({token: {methods: ['mapped'], user: {name: 'FederationUser'}, expires_at: '2099-01-01T00:00:00.000000Z'}})
        }
      : {status: 201, body: JSON.stringify({credential: CREDENTIAL})}

  /** The two requests each sends, and the keys each reads. The SDK always asks for 6 hours: so do we, here. */
  async function both() {
    const sdkSide = await serve(iam)
    const sdkKeys = await huaweiSdkFederatedKeys({iamEndpoint: sdkSide.url.href.replace(/\/$/, ''), idpId: IDP, jwt: JWT})
    const ourSide = await serve(iam)
    const ourKeys = await federatedKeysV3(IDP, exchange(ourSide, {durationSeconds: HUAWEI_SDK_DURATION_SECONDS}))
    expect(sdkSide.received).toHaveLength(2)
    expect(ourSide.received).toHaveLength(2)
    return {sdk: sdkSide.received, ours: ourSide.received, sdkKeys, ourKeys}
  }

  it('asks for 6 hours: the duration our test asks for to compare bodies byte for byte', () => {
    expect(HUAWEI_SDK_DURATION_SECONDS).toBe(21600)
  })

  it('step 1, the same call: POST /v3/OS-FEDERATION/identity_providers/<idp>/protocols/oidc/auth, no query', async () => {
    const {sdk, ours} = await both()
    expect(sdk[0].method).toBe('POST')
    expect(ours[0].method).toBe(sdk[0].method)
    expect(sdk[0].url).toBe(`/v3/OS-FEDERATION/identity_providers/${IDP}/protocols/oidc/auth`)
    expect(ours[0].url).toBe(sdk[0].url)
  })

  it('step 1, the same authorization: the JWT as a Bearer token, and no other credential', async () => {
    const {sdk, ours} = await both()
    expect(sdk[0].headers.authorization).toBe(`Bearer ${JWT}`)
    expect(ours[0].headers.authorization).toBe(sdk[0].headers.authorization)
    for (const received of [sdk[0], ours[0]]) {
      expect(Object.keys(received.headers).filter(name => /^x-(auth|security|sdk|subject)/.test(name))).toEqual([])
    }
  })

  it('step 1, the same body, byte for byte: an empty JSON object', async () => {
    const {sdk, ours} = await both()
    expect(sdk[0].body).toBe('{}')
    expect(ours[0].body).toBe(sdk[0].body)
  })

  it('step 2, the same call: POST /v3.0/OS-CREDENTIAL/securitytokens, no query', async () => {
    const {sdk, ours} = await both()
    expect(sdk[1].method).toBe('POST')
    expect(ours[1].method).toBe(sdk[1].method)
    expect(sdk[1].url).toBe('/v3.0/OS-CREDENTIAL/securitytokens')
    expect(ours[1].url).toBe(sdk[1].url)
  })

  it('step 2, the same authorization: the X-Subject-Token of step 1 as X-Auth-Token, and no longer the JWT', async () => {
    const {sdk, ours} = await both()
    expect(sdk[1].headers['x-auth-token']).toBe(IAM_TOKEN)
    expect(ours[1].headers['x-auth-token']).toBe(sdk[1].headers['x-auth-token'])
    for (const received of [sdk[1], ours[1]]) {
      expect(received.headers.authorization).toBeUndefined()
      expect(received.body).not.toContain(JWT.slice(0, 20))
    }
  })

  it('step 2, the same body, field by field and byte for byte: the token method and the duration', async () => {
    const {sdk, ours} = await both()
    expect(JSON.parse(sdk[1].body)).toEqual({auth: {identity: {methods: ['token'], token: {duration_seconds: 21600}}}})
    expect(JSON.parse(ours[1].body)).toEqual(JSON.parse(sdk[1].body))
    expect(ours[1].body).toBe(sdk[1].body)
  })

  it('the same headers that matter at both steps; the differences are the charset parameter, a misspelt header and compression', async () => {
    const {sdk, ours} = await both()
    for (const step of [0, 1]) {
      expect(mediaType(sdk[step].headers['content-type'])).toBe('application/json')
      expect(mediaType(ours[step].headers['content-type'])).toBe(mediaType(sdk[step].headers['content-type']))
      expect(ours[step].headers.accept).toBe(sdk[step].headers.accept)
    }
    // Step 1. The SDK's request also has "Accep: application/json" (a misspelling of Accept, in IamService; it sends
    // the real Accept as well, as we do), and axios' Accept-Encoding (we ask for no compression, and the answers are
    // small). Our content type names its charset, UTF-8, which JSON is anyway (RFC 8259): Huawei's API reference and
    // its Go SDK's own IAM token requests write it so.
    expect(headerDifferences(sdk[0], ours[0])).toEqual({
      onlySdk: {accep: 'application/json', 'accept-encoding': 'gzip, compress, deflate, br'},
      onlyOurs: {},
      changed: {'content-type': ['application/json', 'application/json;charset=UTF-8']}
    })
    // Step 2: the same, without the misspelt header.
    expect(headerDifferences(sdk[1], ours[1])).toEqual({
      onlySdk: {'accept-encoding': 'gzip, compress, deflate, br'},
      onlyOurs: {},
      changed: {'content-type': ['application/json', 'application/json;charset=UTF-8']}
    })
  })

  it('the same keys, and the same expiry, read from the same answers', async () => {
    const {sdkKeys, ourKeys} = await both()
    expect(sdkKeys).toMatchObject({accessKeyId: CREDENTIAL.access, accessKeySecret: CREDENTIAL.secret, securityToken: CREDENTIAL.securitytoken})
    expect(ourKeys).toMatchObject({accessKeyId: sdkKeys.accessKeyId, accessKeySecret: sdkKeys.accessKeySecret, securityToken: sdkKeys.securityToken})
    expect(Date.parse(ourKeys.expiresAt ?? '')).toBe(sdkKeys.expiredAt)
  })
})

// Huawei IAM v5 STS AssumeAgencyWithOIDC as the Go SDK defines it (github.com/huaweicloud/huaweicloud-sdk-go-v3,
// services/sts/v1 at commit abaf9ee8fb460ced91f547e4d730a07e52f52234: sts_meta.go GenReqDefForAssumeAgencyWithOIDC,
// model/model_assume_agency_with_oidc_req_body.go; the answer's fields from model_assume_agency_with_oidc_response.go
// and model_credentials_dto.go):
//
// | what          | Go SDK                                             | JSON                 | ours                  |
// | ------------- | -------------------------------------------------- | -------------------- | --------------------- |
// | method, path  | http.MethodPost, "/v5/agencies/assume-with-oidc"   |                      | the same              |
// | content type  | WithContentType("application/json")                |                      | ;charset=UTF-8 added  |
// | header fields | none (Body only: no X-Security-Token, anonymous)   |                      | none                  |
// | body          | ProviderUrn string                                 | provider_urn         | 'oidc-provider'       |
// |               | AgencyUrn string                                   | agency_urn           | 'role-to-assume'      |
// |               | AgencySessionName string, length [2,128]           | agency_session_name  | the session name      |
// |               | IdToken string, length [4,20000]                   | id_token             | the JWT               |
// |               | DurationSeconds *int32, omitempty, [900,43200]     | duration_seconds     | 'duration' (a number) |
// |               | Policy *string, omitempty                          | policy               | not sent              |
// |               | PolicyIds *[]string, omitempty                     | policy_ids           | not sent              |
// | answer        | Credentials *CredentialsDto                        | credentials          | read                  |
// |               | AccessKeyId, SecretAccessKey, SecurityToken string | access_key_id, …     | read                  |
// |               | Expiration *sdktime.SdkTime                        | expiration           | read                  |
const GO_SDK_ASSUME_AGENCY_WITH_OIDC = {
  method: 'POST',
  path: '/v5/agencies/assume-with-oidc',
  contentType: 'application/json',
  body: {
    provider_urn: {type: 'string', required: true},
    agency_urn: {type: 'string', required: true},
    agency_session_name: {type: 'string', required: true, length: [2, 128]},
    id_token: {type: 'string', required: true, length: [4, 20000]},
    duration_seconds: {type: 'number', required: false, range: [900, 43200]},
    policy: {type: 'string', required: false},
    policy_ids: {type: 'array', required: false}
  } as Record<string, {type: 'string' | 'number' | 'array'; required: boolean; length?: [number, number]; range?: [number, number]}>,
  answer: {object: 'credentials', fields: ['access_key_id', 'secret_access_key', 'security_token', 'expiration']}
}

describe("Huawei IAM v5 AssumeAgencyWithOIDC: ours sends what the Go SDK's definition describes (no Node.js SDK has the call)", () => {
  const serve = localServers()
  const FEDERATION = {providerUrn: 'iam::0a1b2c3d4e5f:oidcProvider:github', agencyUrn: 'iam::0a1b2c3d4e5f:agency:swr-push'}
  const SESSION = 'github-octo-app-9876543210-1'
  const go = GO_SDK_ASSUME_AGENCY_WITH_OIDC
  // An answer of the Go model's shape.
  const CREDENTIALS = {
    access_key_id: 'HSTAQWERTYUIOPASDFGH',
    secret_access_key: 'Tmp5ecretAccessKey0123456789abcdefGHIJKL',
    security_token: 'gQpjbi1ub3J0aC00SecurityToken+Zx/Cv==',
    expiration: '2099-01-01T01:00:00.000Z'
  }
  const answer = (): Reply => ({
    status: 200,
    body: JSON.stringify({
      credentials: CREDENTIALS,
      assumed_agency: {agency_urn: FEDERATION.agencyUrn},
      source_identity: 'x',
      audience: 'sts.example.com',
      provider: FEDERATION.providerUrn,
      subject_from_id_token: CLAIMS.sub
    })
  })

  async function ours(durationSeconds = 3600): Promise<{sent: Received; keys: Awaited<ReturnType<typeof assumeAgencyWithOidc>>}> {
    const local = await serve(answer)
    const keys = await assumeAgencyWithOidc(FEDERATION, exchange(local, {sessionName: SESSION, durationSeconds}))
    expect(local.received).toHaveLength(1)
    return {sent: local.received[0], keys}
  }

  it('the same method and path, no query', async () => {
    const {sent} = await ours()
    expect(sent.method).toBe(go.method)
    expect(sent.url).toBe(go.path)
  })

  it('the same content type (we name the charset, UTF-8, as for v3), and no header field: the definition has none, the call is anonymous', async () => {
    const {sent} = await ours()
    expect(mediaType(sent.headers['content-type'])).toBe(go.contentType)
    expect(sent.headers['content-type']).toBe('application/json;charset=UTF-8')
    expect(Object.keys(sent.headers).filter(name => name === 'authorization' || /^x-/.test(name))).toEqual([])
  })

  it('a body of the fields of the model only, each of its type, every required one given', async () => {
    const {sent} = await ours()
    const body = JSON.parse(sent.body) as Record<string, unknown>
    for (const [name, value] of Object.entries(body)) {
      expect(Object.keys(go.body)).toContain(name)
      expect(Array.isArray(value) ? 'array' : typeof value).toBe(go.body[name].type)
    }
    const required = Object.entries(go.body)
      .filter(([, field]) => field.required)
      .map(([name]) => name)
    expect(Object.keys(body)).toEqual(expect.arrayContaining(required))
  })

  it("the inputs' values, field by field, within the model's limits", async () => {
    const {sent} = await ours(43200)
    const body = JSON.parse(sent.body) as Record<string, unknown>
    expect(body).toEqual({
      provider_urn: FEDERATION.providerUrn,
      agency_urn: FEDERATION.agencyUrn,
      agency_session_name: SESSION,
      id_token: JWT,
      duration_seconds: 43200
    })
    for (const [name, field] of Object.entries(go.body)) {
      const value = body[name]
      if (field.length && typeof value === 'string') {
        expect(value.length).toBeGreaterThanOrEqual(field.length[0])
        expect(value.length).toBeLessThanOrEqual(field.length[1])
      }
      if (field.range && typeof value === 'number') {
        expect(Number.isInteger(value)).toBe(true)
        expect(value).toBeGreaterThanOrEqual(field.range[0])
        expect(value).toBeLessThanOrEqual(field.range[1])
      }
    }
  })

  it("reads the keys from the answer's fields as the model names them", async () => {
    const {keys} = await ours()
    expect(Object.keys(CREDENTIALS)).toEqual(go.answer.fields)
    expect(keys).toEqual({
      accessKeyId: CREDENTIALS.access_key_id,
      accessKeySecret: CREDENTIALS.secret_access_key,
      securityToken: CREDENTIALS.security_token,
      expiresAt: CREDENTIALS.expiration
    })
  })
})
