// The cloud's side of keyless login, for the CI leg that runs it on a real runner with this run's real GitHub OIDC
// token: Alibaba Cloud STS AssumeRoleWithOIDC and ACR's Personal Edition token API (GET /tokens), on 127.0.0.1:$PORT.
// - STS accepts only an anonymous request (no signature, no key ID) whose OIDCToken GitHub signed (checked against
//   GitHub's published keys), issued by https://token.actions.githubusercontent.com for the audience sts.aliyuncs.com to
//   this repository ($GITHUB_REPOSITORY), and hands out a made-up temporary key pair.
// - The token API answers only a request signed by that key pair (the Authorization names its key ID) with its security
//   token, and hands out $REGISTRY_USER / $REGISTRY_PASSWORD, which basic-registry.mjs accepts. The signature itself is
//   not recomputed here: the unit and end-to-end tests check it against the official SDK.
// Each request is logged with what was wrong with it, never with a token. Runs until the job ends.
/* global fetch */
import {createPublicKey, createVerify} from 'node:crypto'
import * as http from 'node:http'
import {URLSearchParams} from 'node:url'

const {PORT = '5056', REGISTRY_USER = '', REGISTRY_PASSWORD = '', GITHUB_REPOSITORY = ''} = process.env
const ISSUER = 'https://token.actions.githubusercontent.com'
// GitHub's signing keys; another URL only to try this server out away from a runner.
const {JWKS_URL = `${ISSUER}/.well-known/jwks`} = process.env
const AUDIENCE = 'sts.aliyuncs.com'
// Made up for this job: only this server hands them out, and only this server accepts them.
const KEYS = {
  AccessKeyId: 'STS.NUci7kQw2ZpLmXv9RtYb3Nc',
  AccessKeySecret: 'Hq8vLx2NpR5tW9zY4mB7cF1jD6gS3a',
  SecurityToken: 'CAIS9hG2r7Gu6C3zgTkJs6clLd/Iw+Rx4Aq8Mn0Yo3We5Su7Zc9Ok2Lt4Hb6Ig8Ke'
}

const jwks = await (await fetch(JWKS_URL)).json()

/** Why the token is refused, as STS would see it; undefined when it is good. */
function refusal(jwt) {
  try {
    return check(jwt)
  } catch (error) {
    return `not a JWT (${error.message})`
  }
}

function check(jwt) {
  const [header, payload, signature] = String(jwt).split('.')
  if (signature === undefined) return 'not a JWT'
  const {kid, alg} = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
  const jwk = jwks.keys.find(key => key.kid === kid)
  if (alg !== 'RS256' || jwk === undefined) return `a key GitHub does not publish (kid ${kid}, alg ${alg})`
  const signed = createVerify('RSA-SHA256')
    .update(`${header}.${payload}`)
    .verify(createPublicKey({key: jwk, format: 'jwk'}), Buffer.from(signature, 'base64url'))
  if (!signed) return 'a signature that is not GitHub'
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  if (claims.iss !== ISSUER) return `issuer ${claims.iss}`
  if (claims.aud !== AUDIENCE) return `audience ${claims.aud}`
  if (!(claims.exp * 1000 > Date.now())) return 'expired'
  // repo:<owner>/<repo>:…, or with GitHub's immutable IDs: repo:<owner>@<id>/<repo>@<id>:…
  const [owner, repo] = GITHUB_REPOSITORY.split('/')
  const ours = claims.sub.startsWith(`repo:${GITHUB_REPOSITORY}:`) || new RegExp(`^repo:${owner}@\\d+/${repo}@\\d+:`).test(claims.sub)
  if (!ours) return `subject ${claims.sub}`
  console.log(`STS: a token of GitHub's for ${claims.sub}, audience ${claims.aud}`)
  return undefined
}

function answer(response, status, body) {
  response.writeHead(status, {'Content-Type': 'application/json'})
  response.end(JSON.stringify(body))
}

http
  .createServer((request, response) => {
    let body = ''
    request.on('data', chunk => (body += chunk))
    request.on('end', () => {
      const url = new URL(request.url, 'http://loopback')
      if (request.method === 'POST' && url.searchParams.get('Action') === 'AssumeRoleWithOIDC') {
        const form = new URLSearchParams(body)
        const signed = ['Signature', 'AccessKeyId'].some(name => url.searchParams.has(name) || form.has(name)) || request.headers.authorization
        const inUrl = url.searchParams.has('OIDCToken')
        const why = signed ? 'a signed request' : inUrl ? 'the token in the URL' : refusal(form.get('OIDCToken'))
        console.log(`STS: ${why ?? 'keys issued'} (RoleSessionName ${form.get('RoleSessionName')}, DurationSeconds ${form.get('DurationSeconds')})`)
        if (why) return answer(response, 401, {Code: 'AuthenticationFail.NoPermission', Message: `refused: ${why}`, RequestId: 'ci'})
        const Expiration = new Date(Date.now() + Number(form.get('DurationSeconds')) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
        return answer(response, 200, {RequestId: 'ci', Credentials: {...KEYS, Expiration}})
      }
      if (request.method === 'GET' && url.pathname === '/tokens') {
        const ours = String(request.headers.authorization).startsWith(`acs ${KEYS.AccessKeyId}:`) && request.headers['x-acs-security-token'] === KEYS.SecurityToken
        console.log(`ACR: ${ours ? 'token issued' : 'a request not signed with the keys STS issued'}`)
        if (!ours) return answer(response, 400, {code: 'InvalidAccessKeyId.NotFound', message: 'refused', requestId: 'ci'})
        return answer(response, 200, {data: {authorizationToken: REGISTRY_PASSWORD, tempUserName: REGISTRY_USER, expireDate: Date.now() + 3600_000}})
      }
      console.log(`unknown request: ${request.method} ${url.pathname}`)
      answer(response, 404, {Code: 'InvalidAction.NotFound', Message: 'no such API here'})
    })
  })
  .listen(Number(PORT), '127.0.0.1', () => console.log(`keyless cloud (STS, ACR tokens) on 127.0.0.1:${PORT}`))
