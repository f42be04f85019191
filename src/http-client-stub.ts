// Why this file exists: @actions/core imports @actions/http-client (and with it undici, ~1 MB) at load time, only for
// core.getIDToken (OIDC), which this action never calls. Loading it costs about 40 ms in every main and post run of
// every job that uses the action. tsconfig.json's "paths" points ncc's bundle at this stub instead; calling anything in
// it fails loudly, so a future use of OIDC cannot silently get a broken client.
//
// The action's own HTTP (the cloud API logins) loads the real client by its file path, in src/http.ts, so that it is
// bundled into a chunk only those logins load. Remove the "paths" entries (and this file) before using
// core.getIDToken.

function unavailable(): never {
  throw new Error('@actions/http-client is not bundled with this action (see src/http-client-stub.ts)')
}

export class HttpClient {
  constructor() {
    unavailable()
  }
}

export class BearerCredentialHandler {
  constructor() {
    unavailable()
  }
}
