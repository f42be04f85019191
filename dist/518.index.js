export const id = 518;
export const ids = [518];
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

/***/ 1518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  swrCredential: () => (/* binding */ swrCredential)
});

// UNUSED EXPORTS: createSecretUrl, swrHint, swrTemporaryLogin

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
// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(7453);
// EXTERNAL MODULE: ./src/providers/swr/errors.ts
var errors = __webpack_require__(1418);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/percent-encode.ts
var percent_encode = __webpack_require__(5105);
;// CONCATENATED MODULE: ./src/providers/swr/signer.ts


const HUAWEI_ALGORITHM = 'SDK-HMAC-SHA256';
const sha256Hex = (data) => (0,external_node_crypto_.createHash)('sha256').update(data, 'utf8').digest('hex');
function sdkDate(date) {
    return date
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
}
function canonicalUri(pathname) {
    const uri = pathname.split('/').map(percent_encode/* percentEncode */.a).join('/');
    return uri.endsWith('/') ? uri : `${uri}/`;
}
function canonicalQuery(params) {
    const byName = new Map();
    for (const [name, value] of params)
        byName.set(name, [...(byName.get(name) ?? []), value]);
    return [...byName.keys()]
        .sort()
        .flatMap(name => byName.get(name).sort().map(value => `${(0,percent_encode/* percentEncode */.a)(name)}=${(0,percent_encode/* percentEncode */.a)(value)}`))
        .join('&');
}
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
function huaweiAuthorization(request, accessKeyId, accessKeySecret) {
    const date = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-sdk-date')?.[1];
    if (!date)
        throw new Error('the request to sign has no X-Sdk-Date header');
    const { text, signedHeaders } = canonicalRequest(request);
    const stringToSign = `${HUAWEI_ALGORITHM}\n${date}\n${sha256Hex(text)}`;
    const signature = (0,external_node_crypto_.createHmac)('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
    return `${HUAWEI_ALGORITHM} Access=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
function huaweiHeaders(input, credentials, now) {
    const headers = { ...(input.headers ?? {}), host: input.url.host, 'X-Sdk-Date': sdkDate(now) };
    if (credentials.securityToken)
        headers['X-Security-Token'] = credentials.securityToken;
    const authorization = huaweiAuthorization({ method: input.method, url: input.url, headers, body: input.body ?? '' }, credentials.accessKeyId, credentials.accessKeySecret);
    return { ...headers, Authorization: authorization };
}

;// CONCATENATED MODULE: ./src/providers/swr/api.ts








function createSecretUrl(request) {
    const url = new URL(request.endpoint.href.replace(/\/+$/, '') + '/v2/manage/utils/secret');
    url.searchParams.set('projectname', request.region);
    if (request.durationSeconds !== undefined)
        url.searchParams.set('duration_seconds', String(request.durationSeconds));
    return url;
}
function swrHint(status, code = '', message = '', federation) {
    const m = message.toLowerCase();
    if (code.startsWith('APIGW.0301') || code.startsWith('APIG.0301') || status === 401) {
        if (federation === undefined && /not exist/.test(m)) {
            return `The access key ID does not exist: check 'access-key-id' (and that it is a Huawei Cloud key).`;
        }
        if (/signature expired|request expired|x-sdk-date/.test(m)) {
            return `The runner's clock is more than 15 minutes off the cloud's: fix its time (NTP).`;
        }
        if (federation !== undefined) {
            return (`SWR did not accept ${(0,key_source/* federatedKeysNamed */.oX)(federation)}. If 'sts-endpoint' is set, check that it is the IAM of ` +
                `the site 'region' is in (Huawei Cloud Europe, eu-west-101, has accounts of its own); check the runner's clock ` +
                `(NTP); then run the job again.`);
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
        const who = federation === undefined ? `The key pair's user lacks` : `The keys act as ${federation.identity}, which lacks`;
        return `${who} the SWR permission to create a login secret (swr::createLoginSecret, e.g. in SWR Administrator).`;
    }
    if (status === 404)
        return `There is no such API at this endpoint: check 'region' and 'api-endpoint'.`;
    if (status >= 500 || status === 429)
        return `The SWR API kept failing over several tries; run the job again later.`;
    return federation === undefined ? `Check 'region', 'api-endpoint' and the key pair.` : `Check 'region' and 'api-endpoint'.`;
}
function fail(request, response, secrets) {
    const fields = errors/* HUAWEI_ERRORS */.I.fields(response);
    const hint = swrHint(response.status, fields.code, (0,api_errors/* adviceText */.YM)(fields.message, secrets, errors/* HUAWEI_ERRORS */.I), request.federation);
    throw new api_errors/* ApiError */.hD(`SWR CreateSecret in ${request.region} failed: ${(0,api_errors/* describe */.q0)(response.status, fields, secrets, errors/* HUAWEI_ERRORS */.I)}. ${hint}`);
}
async function swrTemporaryLogin(request, mask, hooks) {
    const url = createSecretUrl(request);
    const secrets = [request.accessKeySecret, ...(request.securityToken ? [request.securityToken] : [])];
    const response = await (0,http/* sendWithRetry */.lx)(() => ({
        method: 'POST',
        url,
        headers: huaweiHeaders({ method: 'POST', url, headers: { 'Content-Type': 'application/json' } }, request, new Date()),
        body: ''
    }), { hooks });
    if (response.status !== 200 && response.status !== 201)
        fail(request, response, secrets);
    let auths;
    try {
        auths = JSON.parse(response.body).auths;
    }
    catch {
        throw new api_errors/* ApiError */.hD(`SWR CreateSecret in ${request.region} answered HTTP ${response.status} with a body that is not JSON. Run again; if it persists, check 'api-endpoint'.`);
    }
    const entries = Object.entries(auths ?? {});
    const entry = entries.find(([host]) => host === request.registryHost) ?? (entries.length === 1 ? entries[0] : undefined);
    const encoded = entry?.[1]?.auth;
    if (typeof encoded !== 'string' || encoded === '') {
        throw new api_errors/* ApiError */.hD(`SWR CreateSecret in ${request.region} answered without a credential (${entries.length} entries in "auths"). ` + `Check 'region' and 'api-endpoint'.`);
    }
    mask(encoded);
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0 || colon === decoded.length - 1) {
        throw new api_errors/* ApiError */.hD(`SWR CreateSecret in ${request.region} answered with a credential that is not "user:password" in base64.`);
    }
    const login = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    mask(login.password);
    mask(decoded);
    let expiresAt = (0,time/* isoTime */.L)((0,http/* header */.wx)(response, 'x-swr-expireat'));
    (0,api_errors/* refuseExpired */.wG)({
        what: `SWR CreateSecret in ${request.region} answered with a login (X-Swr-Expireat)`,
        expiresAt,
        durationSeconds: request.durationSeconds,
        requestId: errors/* HUAWEI_ERRORS */.I.fields(response).requestId
    });
    if (expiresAt === undefined && request.durationSeconds !== undefined) {
        expiresAt = new Date(Date.now() + request.durationSeconds * 1000).toISOString();
    }
    return { ...login, expiresAt };
}
async function swrCredential(target, auth, { mask, log }) {
    const { region, registry, endpoint } = target;
    const login = await (0,api_call/* callApi */.p)('The SWR API', target, log, hooks => swrTemporaryLogin({ ...auth, endpoint, region, registryHost: registry.host }, mask, hooks));
    const credential = { region, registry, ...login };
    (0,src_credential/* maskCredential */.kV)(credential, mask);
    return credential;
}


/***/ }),

/***/ 1418:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ HUAWEI_ERRORS)
/* harmony export */ });
/* unused harmony export huaweiErrorFields */
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5451);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6803);


function huaweiErrorFields(response) {
    const body = (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .jsonBody */ .J9)(response);
    const first = Array.isArray(body) ? body[0] : body;
    const obj = (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(first) ? first : {};
    const nested = Array.isArray(obj.errors) && (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(obj.errors[0]) ? obj.errors[0] : (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(obj.error) ? obj.error : {};
    const text = _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .fieldText */ .gF;
    return {
        code: text(obj.error_code) ?? text(obj.errorCode) ?? text(obj.code) ?? text(nested.errorCode) ?? text(nested.error_code) ?? text(nested.code),
        message: text(obj.error_msg) ?? text(obj.errorMessage) ?? text(obj.message) ?? text(obj.errorMsg) ?? text(nested.errorMessage) ?? text(nested.error_msg) ?? text(nested.message),
        requestId: (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)(response, 'x-request-id') ?? text(obj.request_id)
    };
}
const HUAWEI_ERRORS = {
    fields: huaweiErrorFields,
    echoLabel: /,?\s*canonical[ _-]?request/i,
    echoUnlabelled: /\bx-(?:sdk|security)[\w-]*:(?=\S)/i,
    noSuchApi: /^APIGW?\.0101$/i
};


/***/ }),

/***/ 7453:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ isoTime)
/* harmony export */ });
function isoTime(value) {
    if (!value)
        return undefined;
    const normalised = value.trim().replace(/(\.\d{3})\d+/, '$1');
    const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(normalised) ? normalised : `${normalised}Z`);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}


/***/ })

};
