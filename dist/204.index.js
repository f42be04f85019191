export const id = 204;
export const ids = [204];
export const modules = {

/***/ 9676:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ callApi)
/* harmony export */ });
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5451);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6803);



function listed(names) {
    const quoted = names.map(name => `'${name}'`);
    return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
async function callApi(api, place, log, call) {
    const { region, endpoint, inputs = ['region', 'api-endpoint'] } = place;
    const forRegion = region === undefined ? '' : ` for ${region}`;
    const hooks = {
        onRetry: (attempt, delay, error) => log(`${region ?? api}: API call try ${attempt} failed (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .cut */ .Jj)((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error), 200)}); trying again in ${(delay / 1000).toFixed(1)} s`)
    };
    try {
        return await call(hooks);
    }
    catch (error) {
        if (error instanceof _http_js__WEBPACK_IMPORTED_MODULE_2__/* .ApiTransportError */ .Em) {
            const check = inputs.length === 0 ? 'Check' : `Check ${listed(inputs)} (${endpoint.origin}), and`;
            throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${api} gave no answer${forRegion} (${error.message}${error.transient ? ', over several tries' : ''}). ` +
                `${check} the runner's network and proxy (HTTPS_PROXY, NO_PROXY).`);
        }
        if (error instanceof _http_js__WEBPACK_IMPORTED_MODULE_2__/* .UnusableAnswerError */ .qx) {
            const urlInput = inputs[inputs.length - 1];
            const check = urlInput === undefined
                ? 'a proxy is likely wrong. Check'
                : `'${urlInput}' (${endpoint.origin}) or a proxy is likely wrong. Check ${listed([urlInput, ...inputs.slice(0, -1)])}, and`;
            throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${api}${forRegion} (${error.host}) ${error.what}: ${check} the runner's proxy settings (HTTPS_PROXY, NO_PROXY).`);
        }
        throw error;
    }
}


/***/ }),

/***/ 5451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J9: () => (/* binding */ jsonBody),
/* harmony export */   YM: () => (/* binding */ adviceText),
/* harmony export */   gF: () => (/* binding */ fieldText),
/* harmony export */   hD: () => (/* binding */ ApiError),
/* harmony export */   q0: () => (/* binding */ describe),
/* harmony export */   u4: () => (/* binding */ isRecord),
/* harmony export */   wG: () => (/* binding */ refuseExpired),
/* harmony export */   wm: () => (/* binding */ shortValue)
/* harmony export */ });
/* unused harmony exports secretVariants, cleanMessage */
/* harmony import */ var _percent_encode_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5105);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);


class ApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo {
    constructor(message) {
        super(message);
        this.name = 'ApiError';
    }
}
const fieldText = (v) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function jsonBody(response) {
    try {
        return JSON.parse(response.body);
    }
    catch {
        return undefined;
    }
}
function secretVariants(secrets) {
    return secrets.flatMap(s => [s, (0,_percent_encode_js__WEBPACK_IMPORTED_MODULE_1__/* .percentEncode */ .a)(s), (0,_percent_encode_js__WEBPACK_IMPORTED_MODULE_1__/* .percentEncode */ .a)((0,_percent_encode_js__WEBPACK_IMPORTED_MODULE_1__/* .percentEncode */ .a)(s)), encodeURIComponent(s)]);
}
function shortValue(value, secrets, max = 100) {
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(value, secretVariants(secrets)).replace(/\s+/g, ' ').trim(), max);
}
const NEXT_LINE = /[\r\n]/;
const before = (text, pattern) => (pattern === undefined ? text : (text.split(pattern)[0] ?? ''));
function cleanMessage(message, secrets, dialect) {
    if (message === undefined)
        return undefined;
    const text = before((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(message, secretVariants(secrets)), dialect.echoLabel)
        .replace(/\s+/g, ' ')
        .trim();
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)(text, 300);
}
function adviceText(message, secrets, dialect) {
    const own = before((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(message ?? '', secretVariants(secrets)), dialect.echoLabel);
    return before(before(own, NEXT_LINE), dialect.echoUnlabelled).trim();
}
function describe(status, fields, secrets, dialect) {
    const short = (value) => (value === undefined ? undefined : shortValue(value, secrets));
    const said = [short(fields.code), cleanMessage(fields.message, secrets, dialect)].filter(Boolean).join(': ') || 'no error details';
    const requestId = short(fields.requestId);
    const extra = [`HTTP ${status}`, requestId ? `request ID ${requestId}` : undefined].filter(Boolean).join(', ');
    return `${said} (${extra})`;
}
function refuseExpired({ what, expiresAt, durationSeconds, requestId }, now = Date.now()) {
    if (expiresAt === undefined || Date.parse(expiresAt) > now)
        return;
    const id = requestId === undefined ? '' : ` (request ID ${shortValue(requestId, [])})`;
    const duration = durationSeconds === undefined ? '' : `, and 'duration' (${durationSeconds} s asked for)`;
    throw new ApiError(`${what} that had already expired on arrival: valid until ${expiresAt}, and the runner's clock says ` +
        `${new Date(now).toISOString()}${id}. Check the runner's clock (NTP), which is likely ahead of the cloud's${duration}; ` +
        `then run the job again.`);
}


/***/ }),

/***/ 6803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Em: () => (/* binding */ ApiTransportError),
/* harmony export */   lx: () => (/* binding */ sendWithRetry),
/* harmony export */   qx: () => (/* binding */ UnusableAnswerError),
/* harmony export */   wx: () => (/* binding */ header)
/* harmony export */ });
/* unused harmony exports RetryableStatusError, REQUEST_TIMEOUT_MS, MAX_BODY_BYTES, redirected, retryAfterMs, isTransientStatus */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9809);


let httpClientModule;
const loadHttpClient = () => (httpClientModule ??= __webpack_require__.e(/* import() */ 942).then(__webpack_require__.bind(__webpack_require__, 4942)));
class ApiTransportError extends Error {
    transient;
    retryAfterMs;
    constructor(message, transient, retryAfterMs) {
        super(message);
        this.transient = transient;
        this.retryAfterMs = retryAfterMs;
        this.name = 'ApiTransportError';
    }
}
class RetryableStatusError extends ApiTransportError {
    response;
    constructor(response) {
        super(`HTTP ${response.status}`, true, retryAfterMs(header(response, 'retry-after')));
        this.response = response;
        this.name = 'RetryableStatusError';
    }
}
class UnusableAnswerError extends Error {
    host;
    what;
    constructor(host, what) {
        super(`${host} ${what}`);
        this.host = host;
        this.what = what;
        this.name = 'UnusableAnswerError';
    }
}
const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_BODY_TEXT = `${MAX_BODY_BYTES / (1024 * 1024)} MiB`;
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);
function networkFailure(error, url) {
    const code = error?.code;
    const where = url.host;
    if (code === 'ENOTFOUND')
        return new ApiTransportError(`${where} cannot be resolved (ENOTFOUND)`, false);
    if (code && TRANSIENT_CODES.has(code))
        return new ApiTransportError(`${where}: ${code}`, true);
    if (code && /CERT|SSL|TLS/.test(code))
        return new ApiTransportError(`${where}: TLS certificate problem (${code})`, false);
    if (code === 'EPROTO')
        return new ApiTransportError(`${where}: the TLS handshake failed (EPROTO): is it an https:// endpoint?`, false);
    const message = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error);
    if (/socket hang up|timeout/i.test(message))
        return new ApiTransportError(`${where}: ${/timeout/i.test(message) ? 'timed out' : 'connection closed'}`, true);
    return new ApiTransportError(`${where}: ${code ?? 'request failed'}`, false);
}
function redirected(status, location, from) {
    if (location === undefined || location.trim() === '')
        return `answered HTTP ${status}, a redirect that says nowhere (no Location header)`;
    let to;
    try {
        to = new URL(location, from);
    }
    catch {
        return `answered HTTP ${status}, a redirect to a Location that is not a URL`;
    }
    if (to.origin === 'null')
        return `redirected to a ${to.protocol.slice(0, 20)} URL (HTTP ${status})`;
    if (to.origin === from.origin)
        return `redirected to another path of its own (HTTP ${status})`;
    return `redirected to ${to.origin.length > 100 ? `${to.origin.slice(0, 99)}…` : to.origin} (HTTP ${status})`;
}
async function readCapped(body, cap) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > cap) {
            body.destroy();
            return undefined;
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
async function sendOnce(request, timeoutMs) {
    const { HttpClient } = await loadHttpClient();
    const client = new HttpClient('cloud-registry-login', [], { socketTimeout: timeoutMs, allowRetries: false, allowRedirects: false, keepAlive: false });
    let timer;
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
                    const length = request.method === 'POST' ? { 'content-length': String(Buffer.byteLength(request.body ?? '', 'utf8')) } : {};
                    response = await client.request(request.method, request.url.toString(), request.body ?? null, { ...request.headers, ...length });
                }
                catch (error) {
                    throw networkFailure(error, request.url);
                }
                const { message } = response;
                destroy = () => {
                    message.destroy();
                    client.dispose();
                };
                const status = message.statusCode ?? 0;
                const host = request.url.host;
                if (status >= 300 && status < 400) {
                    message.destroy();
                    const location = message.headers.location;
                    throw new UnusableAnswerError(host, redirected(status, location, request.url));
                }
                const oversized = () => new UnusableAnswerError(host, `sent an oversized answer (more than ${MAX_BODY_TEXT}; reading stopped there)`);
                if (Number(message.headers['content-length']) > MAX_BODY_BYTES) {
                    message.destroy();
                    throw oversized();
                }
                let body;
                try {
                    body = await readCapped(message, MAX_BODY_BYTES);
                }
                catch (error) {
                    throw networkFailure(error, request.url);
                }
                if (body === undefined)
                    throw oversized();
                return { status, headers: message.headers, body };
            })(),
            deadline
        ]);
    }
    finally {
        clearTimeout(timer);
        client.dispose();
    }
}
function retryAfterMs(value, now = Date.now()) {
    if (value === undefined || value.trim() === '')
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
function isTransientStatus(status) {
    return status >= 500 || status === 429;
}
async function sendWithRetry(build, options = {}) {
    try {
        return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(async () => {
            const response = await sendOnce(build(), options.timeoutMs ?? REQUEST_TIMEOUT_MS);
            if (isTransientStatus(response.status))
                throw new RetryableStatusError(response);
            return response;
        }, error => error instanceof ApiTransportError && error.transient, options.policy ?? _retry_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_RETRY */ .vI, { minDelay: error => (error instanceof ApiTransportError ? error.retryAfterMs : undefined), ...options.hooks });
    }
    catch (error) {
        if (error instanceof RetryableStatusError)
            return error.response;
        throw error;
    }
}
function header(response, name) {
    const value = response.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
}


/***/ }),

/***/ 9204:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  acrCredential: () => (/* binding */ acrCredential)
});

// UNUSED EXPORTS: acrEnterpriseToken, acrHint, acrPersonalToken

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/api-call.ts
var api_call = __webpack_require__(9676);
// EXTERNAL MODULE: ./src/api-errors.ts
var api_errors = __webpack_require__(5451);
// EXTERNAL MODULE: ./src/credential.ts
var src_credential = __webpack_require__(3302);
// EXTERNAL MODULE: ./src/http.ts
var http = __webpack_require__(6803);
// EXTERNAL MODULE: ./src/providers/key-source.ts
var key_source = __webpack_require__(3955);
// EXTERNAL MODULE: ./src/providers/acr/errors.ts
var errors = __webpack_require__(6564);
// EXTERNAL MODULE: ./src/percent-encode.ts
var percent_encode = __webpack_require__(5105);
;// CONCATENATED MODULE: ./src/providers/acr/signer.ts


const hmacSha1Base64 = (key, data) => (0,external_node_crypto_.createHmac)('sha1', key).update(data, 'utf8').digest('base64');
function rpcTimestamp(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function rpcCanonicalQuery(params) {
    return Object.keys(params)
        .sort()
        .map(name => `${(0,percent_encode/* percentEncode */.a)(name)}=${(0,percent_encode/* percentEncode */.a)(params[name] ?? '')}`)
        .join('&');
}
function rpcStringToSign(method, params) {
    return `${method.toUpperCase()}&${(0,percent_encode/* percentEncode */.a)('/')}&${(0,percent_encode/* percentEncode */.a)(rpcCanonicalQuery(params))}`;
}
function rpcSignature(method, params, accessKeySecret) {
    return hmacSha1Base64(`${accessKeySecret}&`, rpcStringToSign(method, params));
}
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
function canonicalAcsHeaders(headers) {
    return Object.keys(headers)
        .filter(name => name.startsWith('x-acs-'))
        .sort()
        .map(name => `${name}:${(headers[name] ?? '').replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
        .join('');
}
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
function signedRoaHeaders(input, credentials, now, nonce) {
    const headers = {
        accept: 'application/json',
        date: now.toUTCString(),
        'x-acs-signature-nonce': nonce,
        'x-acs-signature-method': 'HMAC-SHA1',
        'x-acs-signature-version': '1.0',
        'x-acs-version': input.version,
        'content-md5': (0,external_node_crypto_.createHash)('md5')
            .update(input.body ?? '', 'utf8')
            .digest('base64')
    };
    if (credentials.securityToken) {
        headers['x-acs-accesskey-id'] = credentials.accessKeyId;
        headers['x-acs-security-token'] = credentials.securityToken;
    }
    const signature = hmacSha1Base64(credentials.accessKeySecret, roaStringToSign(input.method, input.path, input.query ?? {}, headers));
    return { ...headers, authorization: `acs ${credentials.accessKeyId}:${signature}` };
}

;// CONCATENATED MODULE: ./src/providers/acr/api.ts








function acrHint(status, code = '', federation) {
    const c = code.toLowerCase();
    const keysRefused = c.startsWith('invalidaccesskeyid') || c === 'signaturedoesnotmatch' || c.startsWith('invalidsecuritytoken') || c === 'missingsecuritytoken';
    if (federation !== undefined && keysRefused) {
        return (`ACR did not accept ${(0,key_source/* federatedKeysNamed */.oX)(federation)}. Check the runner's clock (NTP); if 'sts-endpoint' is set, ` +
            `check that it is Alibaba Cloud STS; then run the job again.`);
    }
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
        const who = federation === undefined ? `The key pair's user lacks` : `The keys act as ${federation.identity}, which lacks`;
        return `${who} the RAM permission cr:GetAuthorizationToken (e.g. AliyunContainerRegistryReadOnlyAccess).`;
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
    return federation === undefined ? `Check 'region', 'api-endpoint' and the key pair.` : `Check 'region' and 'api-endpoint'.`;
}
function parseJson(what, region, response) {
    try {
        const value = JSON.parse(response.body);
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
            return value;
    }
    catch {
    }
    throw new api_errors/* ApiError */.hD(`ACR ${what} in ${region} answered HTTP ${response.status} with a body that is not a JSON object. Run again; if it persists, check 'api-endpoint'.`);
}
function expiry(ms) {
    const n = typeof ms === 'string' ? Number(ms) : ms;
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? new Date(n).toISOString() : undefined;
}
function login(what, region, response, username, password, expires, mask) {
    if (typeof password !== 'string' || password === '' || typeof username !== 'string' || username === '') {
        throw new api_errors/* ApiError */.hD(`ACR ${what} in ${region} answered without a user name and token. Check 'region', 'instance-id' and 'api-endpoint'.`);
    }
    mask(password);
    const expiresAt = expiry(expires);
    (0,api_errors/* refuseExpired */.wG)({ what: `ACR ${what} in ${region} answered with a token`, expiresAt, requestId: errors/* ALIBABA_ERRORS */.N.fields(response).requestId });
    return { username, password, expiresAt };
}
function secretsOf(request) {
    return [request.accessKeySecret, ...(request.securityToken ? [request.securityToken] : [])];
}
function baseUrl(request) {
    return request.endpoint.href.replace(/\/+$/, '');
}
async function acrPersonalToken(request, mask, hooks) {
    const what = 'GetAuthorizationToken (Personal Edition)';
    const url = new URL(`${baseUrl(request)}/tokens`);
    const response = await (0,http/* sendWithRetry */.lx)(() => ({
        method: 'GET',
        url,
        headers: signedRoaHeaders({ method: 'GET', path: url.pathname, version: '2016-06-07' }, request, new Date(), (0,external_node_crypto_.randomUUID)())
    }), { hooks });
    if (response.status !== 200) {
        const fields = errors/* ALIBABA_ERRORS */.N.fields(response);
        const hint = acrHint(response.status, fields.code, request.federation);
        throw new api_errors/* ApiError */.hD(`ACR ${what} in ${request.region} failed: ${(0,api_errors/* describe */.q0)(response.status, fields, secretsOf(request), errors/* ALIBABA_ERRORS */.N)}. ${hint}`);
    }
    const data = parseJson(what, request.region, response).data;
    return login(what, request.region, response, data?.tempUserName, data?.authorizationToken, data?.expireDate, mask);
}
async function acrEnterpriseToken(request, instanceId, mask, hooks) {
    const what = `GetAuthorizationToken (Enterprise Edition, ${instanceId})`;
    const secrets = secretsOf(request);
    const response = await (0,http/* sendWithRetry */.lx)(() => ({
        method: 'POST',
        url: new URL(`${baseUrl(request)}/`),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: rpcCanonicalQuery(signedRpcParams({ method: 'POST', action: 'GetAuthorizationToken', version: '2018-12-01', params: { InstanceId: instanceId } }, request, new Date(), (0,external_node_crypto_.randomUUID)()))
    }), { hooks });
    const fields = errors/* ALIBABA_ERRORS */.N.fields(response);
    if (response.status !== 200) {
        throw new api_errors/* ApiError */.hD(`ACR ${what} in ${request.region} failed: ${(0,api_errors/* describe */.q0)(response.status, fields, secrets, errors/* ALIBABA_ERRORS */.N)}. ${acrHint(response.status, fields.code, request.federation)}`);
    }
    const body = parseJson(what, request.region, response);
    if (body.IsSuccess !== true) {
        throw new api_errors/* ApiError */.hD(`ACR ${what} in ${request.region} answered IsSuccess: ${(0,api_errors/* shortValue */.wm)(String(body.IsSuccess), secrets, 40)}: ${(0,api_errors/* describe */.q0)(response.status, fields, secrets, errors/* ALIBABA_ERRORS */.N)}. ` +
            acrHint(response.status, fields.code, request.federation));
    }
    return login(what, request.region, response, body.TempUsername, body.AuthorizationToken, body.ExpireTime, mask);
}
async function acrCredential(target, auth, { mask, log }) {
    const { region, registry, endpoint } = target;
    const { instanceId, ...keys } = auth;
    const request = { ...keys, endpoint, region };
    const login = await (0,api_call/* callApi */.p)('The ACR API', target, log, hooks => instanceId === undefined ? acrPersonalToken(request, mask, hooks) : acrEnterpriseToken(request, instanceId, mask, hooks));
    const credential = { region, registry, ...login };
    (0,src_credential/* maskCredential */.kV)(credential, mask);
    return credential;
}


/***/ }),

/***/ 6564:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ ALIBABA_ERRORS)
/* harmony export */ });
/* unused harmony export alibabaErrorFields */
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5451);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6803);


function alibabaErrorFields(response) {
    const body = (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .jsonBody */ .J9)(response);
    const obj = (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(body) ? body : {};
    const text = _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .fieldText */ .gF;
    return {
        code: text(obj.Code) ?? text(obj.code),
        message: text(obj.Message) ?? text(obj.message),
        requestId: (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)(response, 'x-acs-request-id') ?? text(obj.RequestId) ?? text(obj.requestId)
    };
}
const ALIBABA_ERRORS = {
    fields: alibabaErrorFields,
    echoLabel: /,?\s*(?:server )?string[ _-]?to[ _-]?sign/i,
    echoUnlabelled: /\bx-acs[\w-]*:(?=\S)|\b(?:GET|POST)&%2F/i,
    noSuchApi: /^(?:InvalidAction\.NotFound|InvalidApi\.NotFound)$/i
};


/***/ })

};
