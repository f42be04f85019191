export const id = 398;
export const ids = [398];
export const modules = {

/***/ 5398:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  apiCredential: () => (/* binding */ apiCredential)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/percent-encode.ts
/**
 * RFC 3986 percent-encoding, as both vendors' signatures canonicalise names and values: the unreserved characters
 * (A-Z a-z 0-9 - _ . ~) stay, everything else becomes %XX of its UTF-8 bytes. encodeURIComponent leaves ! ' ( ) *
 * alone, so those are escaped on top.
 */
function percentEncode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

;// CONCATENATED MODULE: ./src/alibaba-signer.ts


// Alibaba Cloud API request signing, version 1 (HMAC-SHA1), in its two styles: RPC (parameters in the query, the
// Enterprise Edition's GetAuthorizationToken) and ROA (a REST path with the signature in the Authorization header, the
// Personal Edition's GET /tokens). Pure functions, checked against the published vector and against @alicloud/pop-core.
const hmacSha1Base64 = (key, data) => (0,external_node_crypto_.createHmac)('sha1', key).update(data, 'utf8').digest('base64');
/** Timestamp form of a time: YYYY-MM-DDTHH:MM:SSZ, UTC, no milliseconds. */
function rpcTimestamp(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/** "k=v" pairs sorted by name, both sides percent-encoded, joined with "&": the canonical query of an RPC request. */
function rpcCanonicalQuery(params) {
    return Object.keys(params)
        .sort()
        .map(name => `${percentEncode(name)}=${percentEncode(params[name])}`)
        .join('&');
}
function rpcStringToSign(method, params) {
    return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(rpcCanonicalQuery(params))}`;
}
/** The RPC signature: base64 HMAC-SHA1 keyed with the secret and "&". */
function rpcSignature(method, params, accessKeySecret) {
    return hmacSha1Base64(`${accessKeySecret}&`, rpcStringToSign(method, params));
}
/**
 * Every query parameter of a signed RPC request: the action's own, the common ones (Format, Version, AccessKeyId,
 * SignatureMethod/Version/Nonce, Timestamp, SecurityToken for STS), and Signature.
 */
function signedRpcParams(input, credentials, now, nonce) {
    const params = {
        Action: input.action,
        Format: 'JSON',
        Version: input.version,
        AccessKeyId: credentials.accessKeyId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        SignatureNonce: nonce,
        Timestamp: rpcTimestamp(now),
        ...(credentials.securityToken ? { SecurityToken: credentials.securityToken } : {}),
        ...(input.params ?? {})
    };
    return { ...params, Signature: rpcSignature(input.method, params, credentials.accessKeySecret) };
}
/** `x-acs-*` headers as "name:value\n" lines, sorted, values with line breaks turned to spaces and trimmed. */
function canonicalAcsHeaders(headers) {
    return Object.keys(headers)
        .filter(name => name.startsWith('x-acs-'))
        .sort()
        .map(name => `${name}:${headers[name].replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
        .join('');
}
/** The ROA string to sign. `headers` must have lower-case names. Query values go in as they are, not encoded. */
function roaStringToSign(method, path, query, headers) {
    const names = Object.keys(query).sort();
    const resource = names.length === 0 ? path : `${path}?${names.map(name => `${name}=${query[name]}`).join('&')}`;
    return [
        method.toUpperCase(),
        headers['accept'] ?? '',
        headers['content-md5'] ?? '',
        headers['content-type'] ?? '',
        headers['date'] ?? '',
        `${canonicalAcsHeaders(headers)}${resource}`
    ].join('\n');
}
/**
 * The headers of a signed ROA request, lower-case, as the official SDK sends them: accept, date, the signature
 * headers, the API version, content-md5 of the body, the STS headers, and Authorization (`acs <AK>:<signature>`,
 * keyed with the bare secret, no "&").
 */
function signedRoaHeaders(input, credentials, now, nonce) {
    const headers = {
        accept: 'application/json',
        date: now.toUTCString(),
        'x-acs-signature-nonce': nonce,
        'x-acs-signature-method': 'HMAC-SHA1',
        'x-acs-signature-version': '1.0',
        'x-acs-version': input.version,
        'content-md5': (0,external_node_crypto_.createHash)('md5').update(input.body ?? '', 'utf8').digest('base64')
    };
    if (credentials.securityToken) {
        headers['x-acs-accesskey-id'] = credentials.accessKeyId;
        headers['x-acs-security-token'] = credentials.securityToken;
    }
    const signature = hmacSha1Base64(credentials.accessKeySecret, roaStringToSign(input.method, input.path, input.query ?? {}, headers));
    return { ...headers, authorization: `acs ${credentials.accessKeyId}:${signature}` };
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
;// CONCATENATED MODULE: ./src/http.ts


let httpClientModule;
const loadHttpClient = () => (httpClientModule ??= __webpack_require__.e(/* import() */ 942).then(__webpack_require__.bind(__webpack_require__, 4942)));
/** A request that got no usable answer: no connection, a reset, a timeout, or a 5xx/429 after the last try. */
class ApiTransportError extends Error {
    transient;
    retryAfterMs;
    constructor(message, transient, 
    /** How long the server asked us to wait (Retry-After), in ms. */
    retryAfterMs) {
        super(message);
        this.transient = transient;
        this.retryAfterMs = retryAfterMs;
        this.name = 'ApiTransportError';
    }
}
/** Per try: long enough for a slow API, short enough that three tries of a hung connection stay well under a minute. */
const REQUEST_TIMEOUT_MS = 10_000;
// Network failures worth another try; anything else (a name that does not resolve, a bad certificate) will not change.
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Describes a network failure without echoing the request (its URL can carry signed parameters). */
function networkFailure(error, url) {
    const code = error?.code;
    const where = url.host;
    if (code === 'ENOTFOUND')
        return new ApiTransportError(`${where} cannot be resolved (ENOTFOUND)`, false);
    if (code && TRANSIENT_CODES.has(code))
        return new ApiTransportError(`${where}: ${code}`, true);
    if (code && /CERT|SSL|TLS/.test(code))
        return new ApiTransportError(`${where}: TLS certificate problem (${code})`, false);
    const message = (0,errors/* errorMessage */.gJ)(error);
    if (/socket hang up|timeout/i.test(message))
        return new ApiTransportError(`${where}: ${/timeout/i.test(message) ? 'timed out' : 'connection closed'}`, true);
    return new ApiTransportError(`${where}: ${code ?? 'request failed'}`, false);
}
/** One try, with a deadline on the whole exchange (connecting, waiting, and reading the body). */
async function sendOnce(request, timeoutMs) {
    const { HttpClient } = await loadHttpClient();
    const client = new HttpClient('cloud-registry-login', [], { socketTimeout: timeoutMs, allowRetries: false, allowRedirects: false, keepAlive: false });
    let timer;
    // Tears the connection down when the deadline passes, whatever phase it is in: the client's own socket timeout only
    // starts once a connection is made, and a connect that is never answered would otherwise keep the process alive
    // for minutes after the step has reported its failure.
    let destroy = () => client.dispose();
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => {
            destroy();
            reject(new ApiTransportError(`${request.url.host}: no answer within ${timeoutMs / 1000} s`, true));
        }, timeoutMs);
    });
    try {
        return await Promise.race([
            (async () => {
                let response;
                try {
                    // An explicit length, rather than Node's chunked encoding for a POST, which some gateways refuse.
                    const length = request.method === 'POST' ? { 'content-length': String(Buffer.byteLength(request.body ?? '', 'utf8')) } : {};
                    response = await client.request(request.method, request.url.toString(), request.body ?? null, { ...request.headers, ...length });
                }
                catch (error) {
                    throw networkFailure(error, request.url);
                }
                destroy = () => {
                    response.message.destroy();
                    client.dispose();
                };
                let body;
                try {
                    body = await response.readBody();
                }
                catch (error) {
                    throw networkFailure(error, request.url);
                }
                return { status: response.message.statusCode ?? 0, headers: response.message.headers, body };
            })(),
            deadline
        ]);
    }
    finally {
        clearTimeout(timer);
        client.dispose();
    }
}
/** Retry-After in ms: delay-seconds or an HTTP date; undefined when absent or not understood. */
function retryAfterMs(value, now = Date.now()) {
    if (value === undefined || value.trim() === '')
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
/** Whether a status is worth another try: server errors and "slow down". Never 4xx: credentials do not heal. */
function isTransientStatus(status) {
    return status >= 500 || status === 429;
}
/**
 * Sends a request built afresh for each try (signatures carry the time and a nonce, so a retry must be re-signed),
 * retrying network failures, 5xx and 429 with backoff. Returns the last response, whatever its status: the caller
 * reads the API's error from it. Throws ApiTransportError when no answer came.
 */
async function sendWithRetry(build, options = {}) {
    let last;
    try {
        return await (0,retry/* retry */.L5)(async () => {
            const response = await sendOnce(build(), options.timeoutMs ?? REQUEST_TIMEOUT_MS);
            if (isTransientStatus(response.status)) {
                last = response;
                throw new ApiTransportError(`HTTP ${response.status}`, true, retryAfterMs(header(response, 'retry-after')));
            }
            return response;
        }, error => error instanceof ApiTransportError && error.transient, options.policy ?? retry/* DEFAULT_RETRY */.vI, 
        // A 429 or 503 may say when to come back; the wait is still capped by the policy, so a job never stalls on it.
        { minDelay: error => (error instanceof ApiTransportError ? error.retryAfterMs : undefined), ...options.hooks });
    }
    catch (error) {
        // Out of tries on a 5xx/429: hand back that answer, so its error body is reported.
        if (last && error instanceof ApiTransportError && error.message === `HTTP ${last.status}`)
            return last;
        throw error;
    }
}
/** A response header as one string (case-insensitive name). */
function header(response, name) {
    const value = response.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
}

;// CONCATENATED MODULE: ./src/api-errors.ts



/** A cloud API said no (or said something we cannot use). The message is for the log: it says what to do. */
class ApiError extends errors/* UserError */.yo {
    constructor(message) {
        super(message);
        this.name = 'ApiError';
    }
}
const str = (v) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
/**
 * Reads code, message and request ID from an error body. Huawei's gateway answers {error_code, error_msg,
 * request_id}; SWR itself {errors: [{errorCode, errorMessage}]} or a bare array of those; Alibaba {Code, Message,
 * RequestId} or, from some ROA APIs, {code, message, requestId}. The request ID headers take precedence.
 */
function errorFields(response) {
    let body;
    try {
        body = JSON.parse(response.body);
    }
    catch {
        body = undefined;
    }
    const first = Array.isArray(body) ? body[0] : body;
    const obj = (typeof first === 'object' && first !== null ? first : {});
    const nested = Array.isArray(obj.errors) && typeof obj.errors[0] === 'object' && obj.errors[0] !== null ? obj.errors[0] : {};
    return {
        code: str(obj.error_code) ?? str(obj.errorCode) ?? str(obj.Code) ?? str(obj.code) ?? str(nested.errorCode) ?? str(nested.error_code),
        message: str(obj.error_msg) ?? str(obj.errorMessage) ?? str(obj.Message) ?? str(obj.message) ?? str(obj.errorMsg) ??
            str(nested.errorMessage) ?? str(nested.error_msg),
        requestId: header(response, 'x-request-id') ?? header(response, 'x-acs-request-id') ?? str(obj.request_id) ?? str(obj.RequestId) ??
            str(obj.requestId)
    };
}
/** A secret as it appears raw, and percent-encoded once and twice (as it does in an echoed string to sign). */
function secretVariants(secrets) {
    return secrets.flatMap(s => [s, percentEncode(s), percentEncode(percentEncode(s)), encodeURIComponent(s)]);
}
/**
 * The cloud's message, cut down for a log line: one line, at most 300 characters, and never past an echo of the
 * signed request (Huawei's gateway sends back the canonical request it computed, Alibaba's the string to sign, both
 * with the security token in them), with the given secrets, raw or percent-encoded, taken out in any case.
 */
function cleanMessage(message, secrets) {
    if (message === undefined)
        return undefined;
    // Redacted first: a secret cut in two by the length cap would no longer be found whole.
    let text = (0,errors/* redact */.E$)(message, secretVariants(secrets))
        .split(/,?\s*(?:canonicalRequest|(?:server )?string to sign)/i)[0]
        .replace(/\s+/g, ' ')
        .trim();
    if (text.length > 300)
        text = `${text.slice(0, 297)}...`;
    return text;
}
/** "API said: CODE: message (HTTP 401, request ID x)". */
function describe(status, fields, secrets) {
    const said = [fields.code, cleanMessage(fields.message, secrets)].filter(Boolean).join(': ') || 'no error details';
    const extra = [`HTTP ${status}`, fields.requestId ? `request ID ${fields.requestId}` : undefined].filter(Boolean).join(', ');
    return `${said} (${extra})`;
}

;// CONCATENATED MODULE: ./src/acr-api.ts




/** What to do about the errors people actually get from these calls. */
function acrHint(status, code = '') {
    const c = code.toLowerCase();
    if (c.startsWith('invalidaccesskeyid'))
        return `The access key ID does not exist or is disabled: check 'access-key-id'.`;
    if (c === 'signaturedoesnotmatch')
        return `The signature does not match: 'access-key-secret' is wrong.`;
    if (c === 'incompletesignature') {
        return `The request reached the API without parts of its signature: a proxy between the runner and the API may strip headers. Check HTTPS_PROXY.`;
    }
    if (c.startsWith('invalidtimestamp'))
        return `The runner's clock is more than 15 minutes off the cloud's: fix its time (NTP).`;
    if (c.startsWith('invalidsecuritytoken') || c === 'missingsecuritytoken') {
        return `The STS token is missing, expired or not this key pair's: pass a fresh one in 'security-token' with its key pair.`;
    }
    if (c.startsWith('forbidden') || c === 'noprivilege' || c === 'nopermission' || status === 403) {
        return `The key pair's user lacks the RAM permission cr:GetAuthorizationToken (e.g. AliyunContainerRegistryReadOnlyAccess).`;
    }
    if (c === 'user_not_exist') {
        return `This user has never been set up in Container Registry: sign in to the ACR console once (or set its registry password), then run again.`;
    }
    if (/instance/.test(c))
        return `The instance was not found in this region: check 'instance-id' and 'region'.`;
    if (status === 404)
        return `There is no such API at this endpoint: check 'region' and 'api-endpoint'.`;
    if (status >= 500 || status === 429)
        return `The ACR API kept failing over several tries; run the job again later.`;
    return `Check 'region', 'api-endpoint' and the key pair.`;
}
function parseJson(what, region, response) {
    try {
        const value = JSON.parse(response.body);
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
            return value;
    }
    catch {
        // reported below
    }
    throw new ApiError(`ACR ${what} in ${region} answered HTTP ${response.status} with a body that is not a JSON object. Run again; if it persists, check 'api-endpoint'.`);
}
function expiry(ms) {
    const n = typeof ms === 'string' ? Number(ms) : ms;
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? new Date(n).toISOString() : undefined;
}
function login(what, region, username, password, expires, mask) {
    if (typeof password !== 'string' || password === '' || typeof username !== 'string' || username === '') {
        throw new ApiError(`ACR ${what} in ${region} answered without a user name and token. Check 'region', 'instance-id' and 'api-endpoint'.`);
    }
    mask(password);
    return { username, password, expiresAt: expiry(expires) };
}
/**
 * Asks ACR for a temporary token (Enterprise Edition when `instanceId` is set). `mask` gets the token the moment it is
 * read. Throws ApiError (the API said no, or said something unusable) or ApiTransportError (no answer).
 */
async function acrTemporaryLogin(request, mask, hooks) {
    const credentials = { accessKeyId: request.accessKeyId, accessKeySecret: request.accessKeySecret, securityToken: request.securityToken };
    const secrets = [request.accessKeySecret, ...(request.securityToken ? [request.securityToken] : [])];
    const base = request.endpoint.href.replace(/\/+$/, '');
    if (request.instanceId === undefined) {
        const what = 'GetAuthorizationToken (Personal Edition)';
        const url = new URL(`${base}/tokens`);
        const response = await sendWithRetry(() => ({
            method: 'GET',
            url,
            // The path as sent: an api-endpoint with a path in front of /tokens signs that path too.
            headers: signedRoaHeaders({ method: 'GET', path: url.pathname, version: '2016-06-07' }, credentials, new Date(), (0,external_node_crypto_.randomUUID)())
        }), { hooks });
        if (response.status !== 200) {
            const fields = errorFields(response);
            throw new ApiError(`ACR ${what} in ${request.region} failed: ${describe(response.status, fields, secrets)}. ${acrHint(response.status, fields.code)}`);
        }
        const data = parseJson(what, request.region, response).data;
        return login(what, request.region, data?.tempUserName, data?.authorizationToken, data?.expireDate, mask);
    }
    const what = `GetAuthorizationToken (Enterprise Edition, ${request.instanceId})`;
    // POST, so that the signed parameters (the STS token among them) travel in the body, not in a URL a proxy may log.
    const response = await sendWithRetry(() => ({
        method: 'POST',
        url: new URL(`${base}/`),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: rpcCanonicalQuery(signedRpcParams({ method: 'POST', action: 'GetAuthorizationToken', version: '2018-12-01', params: { InstanceId: request.instanceId } }, credentials, new Date(), (0,external_node_crypto_.randomUUID)()))
    }), { hooks });
    const fields = errorFields(response);
    if (response.status !== 200) {
        throw new ApiError(`ACR ${what} in ${request.region} failed: ${describe(response.status, fields, secrets)}. ${acrHint(response.status, fields.code)}`);
    }
    const body = parseJson(what, request.region, response);
    if (body.IsSuccess !== true) {
        throw new ApiError(`ACR ${what} in ${request.region} answered IsSuccess: ${String(body.IsSuccess)}: ${describe(response.status, fields, secrets)}. ` +
            acrHint(response.status, fields.code));
    }
    return login(what, request.region, body.TempUsername, body.AuthorizationToken, body.ExpireTime, mask);
}

// EXTERNAL MODULE: ./src/credentials.ts
var credentials = __webpack_require__(3029);
;// CONCATENATED MODULE: ./src/huawei-signer.ts


// Huawei Cloud API request signing, "SDK-HMAC-SHA256" (the vendor's API signing guide; huaweicloud-sdk-go-v3
// core/auth/signer). A pure function of the request, the key pair and the time: no I/O, so it is checked against the
// published vectors and against the official Node SDK's signer in the tests.
const HUAWEI_ALGORITHM = 'SDK-HMAC-SHA256';
const sha256Hex = (data) => (0,external_node_crypto_.createHash)('sha256').update(data, 'utf8').digest('hex');
/** `X-Sdk-Date` form of a time: YYYYMMDDTHHMMSSZ, UTC. */
function sdkDate(date) {
    return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
/** The path with each segment escaped, always ending in "/" (the signature demands it even when the URL does not). */
function canonicalUri(pathname) {
    const uri = pathname.split('/').map(percentEncode).join('/');
    return uri.endsWith('/') ? uri : `${uri}/`;
}
/** Query parameters sorted by name (a repeated name's values sorted too), each side escaped, joined with "&". */
function canonicalQuery(params) {
    const byName = new Map();
    for (const [name, value] of params)
        byName.set(name, [...(byName.get(name) ?? []), value]);
    return [...byName.keys()]
        .sort()
        .flatMap(name => byName.get(name).sort().map(value => `${percentEncode(name)}=${percentEncode(value)}`))
        .join('&');
}
/** The canonical request, the hash of which is signed. Exported for the vectors. */
function canonicalRequest(request) {
    const headers = Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value.trim()]);
    headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const signedHeaders = headers.map(([name]) => name).join(';');
    const text = [
        request.method.toUpperCase(),
        canonicalUri(request.url.pathname),
        canonicalQuery(request.url.searchParams),
        headers.map(([name, value]) => `${name}:${value}\n`).join(''),
        signedHeaders,
        sha256Hex(request.body)
    ].join('\n');
    return { text, signedHeaders };
}
/**
 * Signs a request. `request.headers` must already hold every header that will be sent, `host` and `X-Sdk-Date`
 * included (see huaweiHeaders); the result is the Authorization header value.
 */
function huaweiAuthorization(request, accessKeyId, secretAccessKey) {
    const date = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-sdk-date')?.[1];
    if (!date)
        throw new Error('the request to sign has no X-Sdk-Date header');
    const { text, signedHeaders } = canonicalRequest(request);
    const stringToSign = `${HUAWEI_ALGORITHM}\n${date}\n${sha256Hex(text)}`;
    const signature = (0,external_node_crypto_.createHmac)('sha256', secretAccessKey).update(stringToSign, 'utf8').digest('hex');
    return `${HUAWEI_ALGORITHM} Access=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
/**
 * The headers for a signed request: the given ones plus host, X-Sdk-Date, X-Security-Token (for a temporary key pair)
 * and Authorization.
 */
function huaweiHeaders(input, credentials, now) {
    const headers = { ...(input.headers ?? {}), host: input.url.host, 'X-Sdk-Date': sdkDate(now) };
    if (credentials.securityToken)
        headers['X-Security-Token'] = credentials.securityToken;
    const authorization = huaweiAuthorization({ method: input.method, url: input.url, headers, body: input.body ?? '' }, credentials.accessKeyId, credentials.secretAccessKey);
    return { ...headers, Authorization: authorization };
}

;// CONCATENATED MODULE: ./src/swr-api.ts



/** The URL of the call. */
function createSecretUrl(request) {
    const url = new URL(request.endpoint.href.replace(/\/+$/, '') + '/v2/manage/utils/secret');
    url.searchParams.set('projectname', request.region);
    if (request.durationSeconds !== undefined)
        url.searchParams.set('duration_seconds', String(request.durationSeconds));
    return url;
}
/** ISO 8601 of an X-Swr-Expireat value (seen with 3 and with 6 fractional digits), or undefined if it is not a time. */
function parseExpireAt(value) {
    if (!value)
        return undefined;
    const normalised = value.trim().replace(/(\.\d{3})\d+/, '$1');
    const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(normalised) ? normalised : `${normalised}Z`);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
/** What to do about the errors people actually get from this call. */
function swrHint(status, code = '', message = '') {
    const m = message.toLowerCase();
    if (code.startsWith('APIGW.0301') || code.startsWith('APIG.0301') || status === 401) {
        // Most specific first: "signature expired" is about the clock, "verify aksk signature fail" about the secret.
        if (/not exist/.test(m))
            return `The access key ID does not exist: check 'access-key-id' (and that it is a Huawei Cloud key).`;
        if (/signature expired|request expired|x-sdk-date/.test(m)) {
            return `The runner's clock is more than 15 minutes off the cloud's: fix its time (NTP).`;
        }
        if (/reach the limit|locked|forbidden/.test(m)) {
            return `The key was locked after too many failed requests; it unlocks after about 5 minutes. Check 'access-key-secret', then run again.`;
        }
        if (/signature/.test(m)) {
            return `The signature does not match: 'access-key-secret' is wrong (or, with a temporary key pair, 'security-token' is not its token).`;
        }
        if (/token/.test(m))
            return `The security token is expired or does not belong to this key pair: get a fresh temporary key pair and token.`;
        return `Authentication failed: check 'access-key-id', 'access-key-secret' and, for a temporary key pair, 'security-token'.`;
    }
    if (status === 403 || /4030/.test(code)) {
        return `The key pair's user lacks the SWR permission to create a login secret (swr::createLoginSecret, e.g. in SWR Administrator).`;
    }
    if (status === 404)
        return `There is no such API at this endpoint: check 'region' and 'api-endpoint'.`;
    if (status >= 500 || status === 429)
        return `The SWR API kept failing over several tries; run the job again later.`;
    return `Check 'region', 'api-endpoint' and the key pair.`;
}
function fail(region, response, secrets) {
    const fields = errorFields(response);
    // The hint reads the cleaned message: the raw one can go on into an echoed canonical request.
    const hint = swrHint(response.status, fields.code, cleanMessage(fields.message, secrets));
    throw new ApiError(`SWR CreateSecret in ${region} failed: ${describe(response.status, fields, secrets)}. ${hint}`);
}
/**
 * Asks SWR for a temporary login. `mask` gets the password, user:password and the base64 of it the moment they are
 * decoded. Throws ApiError (the API said no, or said something unusable) or ApiTransportError (no answer).
 */
async function swrTemporaryLogin(request, mask, hooks) {
    const url = createSecretUrl(request);
    const secrets = [request.accessKeySecret, ...(request.securityToken ? [request.securityToken] : [])];
    const response = await sendWithRetry(() => ({
        method: 'POST',
        url,
        headers: huaweiHeaders({ method: 'POST', url, headers: { 'Content-Type': 'application/json' } }, { accessKeyId: request.accessKeyId, secretAccessKey: request.accessKeySecret, securityToken: request.securityToken }, new Date()),
        body: ''
    }), { hooks });
    if (response.status !== 200 && response.status !== 201)
        fail(request.region, response, secrets);
    let auths;
    try {
        auths = JSON.parse(response.body).auths;
    }
    catch {
        throw new ApiError(`SWR CreateSecret in ${request.region} answered HTTP ${response.status} with a body that is not JSON. Run again; if it persists, check 'api-endpoint'.`);
    }
    const entries = Object.entries(auths ?? {});
    const entry = entries.find(([host]) => host === request.registryHost) ?? (entries.length === 1 ? entries[0] : undefined);
    const encoded = entry?.[1]?.auth;
    if (typeof encoded !== 'string' || encoded === '') {
        throw new ApiError(`SWR CreateSecret in ${request.region} answered without a credential (${entries.length} entries in "auths"). ` +
            `Check 'region' and 'api-endpoint'.`);
    }
    mask(encoded);
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0 || colon === decoded.length - 1) {
        throw new ApiError(`SWR CreateSecret in ${request.region} answered with a credential that is not "user:password" in base64.`);
    }
    const login = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    mask(login.password);
    mask(decoded);
    let expiresAt = parseExpireAt(header(response, 'x-swr-expireat'));
    // When the header is missing, the validity asked for is the next best answer (the API's default is 6 hours).
    if (expiresAt === undefined && request.durationSeconds !== undefined) {
        expiresAt = new Date(Date.now() + request.durationSeconds * 1000).toISOString();
    }
    return { ...login, expiresAt };
}

;// CONCATENATED MODULE: ./src/cloud-api.ts






// The credentials that come from a signed API call. main.ts imports this module only when one is needed, so the
// HTTP client, the signers and the rest stay out of the start-up of every other login (ncc gives it its own chunk).
// It logs through the function it is given rather than @actions/core, which keeps @actions/core whole in the entry
// bundle (shared with a chunk, it would be split into slower-loading pieces).
/** Gets the credential for one region from the cloud API; every secret form is masked the moment it arrives. */
async function apiCredential(auth, region, registry, endpoint, mask, log) {
    const hooks = {
        onRetry: (attempt, delay, error) => log(`${region}: API call try ${attempt} failed (${(0,errors/* errorMessage */.gJ)(error)}); trying again in ${(delay / 1000).toFixed(1)} s`)
    };
    let login;
    try {
        login = await fetchLogin(auth, region, registry, endpoint, mask, hooks);
    }
    catch (error) {
        if (error instanceof ApiTransportError) {
            const api = auth.kind === 'swr-temporary' ? 'The SWR API' : 'The ACR API';
            throw new ApiError(`${api} gave no answer for ${region} (${error.message}${error.transient ? ', over several tries' : ''}). ` +
                `Check 'region' and 'api-endpoint' (${endpoint.origin}), and the runner's network and proxy (HTTPS_PROXY, NO_PROXY).`);
        }
        throw error;
    }
    const credential = { region, registry, ...login };
    (0,credentials/* maskCredential */.kV)(credential, mask);
    return credential;
}
async function fetchLogin(auth, region, registry, endpoint, mask, hooks) {
    if (auth.kind === 'swr-temporary') {
        return swrTemporaryLogin({
            endpoint,
            region,
            registryHost: registry.host,
            accessKeyId: auth.accessKeyId,
            accessKeySecret: auth.accessKeySecret,
            securityToken: auth.securityToken,
            durationSeconds: auth.durationSeconds
        }, mask, hooks);
    }
    if (auth.kind === 'acr-token') {
        return acrTemporaryLogin({
            endpoint,
            region,
            accessKeyId: auth.accessKeyId,
            accessKeySecret: auth.accessKeySecret,
            securityToken: auth.securityToken,
            instanceId: auth.instanceId
        }, mask, hooks);
    }
    throw new Error(`no API gives a '${auth.kind}' credential`);
}


/***/ })

};
