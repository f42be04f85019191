export const id = 972;
export const ids = [972];
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

/***/ 4972:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  federate: () => (/* binding */ federate)
});

// EXTERNAL MODULE: ./src/api-call.ts
var api_call = __webpack_require__(9676);
// EXTERNAL MODULE: ./src/api-errors.ts
var api_errors = __webpack_require__(5451);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/names.ts
var names = __webpack_require__(6455);
// EXTERNAL MODULE: ./src/providers/keyless.ts
var keyless = __webpack_require__(7848);
// EXTERNAL MODULE: ./src/http.ts
var http = __webpack_require__(6803);
;// CONCATENATED MODULE: ./src/oidc/github-token.ts




const TOKEN_URL_VAR = 'ACTIONS_ID_TOKEN_REQUEST_URL';
const TOKEN_VAR = 'ACTIONS_ID_TOKEN_REQUEST_TOKEN';
const SERVICE = "GitHub's OIDC token service";
const GITHUB_ERRORS = {
    fields: response => {
        const body = (0,api_errors/* jsonBody */.J9)(response);
        const obj = (0,api_errors/* isRecord */.u4)(body) ? body : {};
        return { code: (0,api_errors/* fieldText */.gF)(obj.code), message: (0,api_errors/* fieldText */.gF)(obj.message) };
    }
};
function noTokenError(missing) {
    return new errors/* UserError */.yo(`Keyless login ('oidc-provider') needs the job's GitHub OIDC token, and this job cannot request one (${missing} is ` +
        `not set). Give the job 'permissions: id-token: write' (and 'contents: read' if it checks out code: naming one ` +
        `permission sets every other to none). In a reusable workflow, the calling job must grant 'id-token: write' too. ` +
        `Pull requests from forks never get an OIDC token: log in on push there, or skip the login for them.`);
}
function tokenUrl(base, audience) {
    let url;
    try {
        url = new URL(base);
    }
    catch {
        throw new errors/* UserError */.yo(`${TOKEN_URL_VAR} is not a URL: the runner sets it, so this runner is unusual. Run the job again on another runner.`);
    }
    url.searchParams.set('audience', audience);
    return url;
}
function tokenClaims(jwt) {
    const payload = jwt.split('.')[1];
    if (payload === undefined)
        return {};
    let claims;
    try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    }
    catch {
        return {};
    }
    if (typeof claims !== 'object' || claims === null)
        return {};
    const { sub, aud, iss, exp } = claims;
    const text = (value) => (typeof value === 'string' ? value : undefined);
    return {
        sub: text(sub),
        aud: Array.isArray(aud) ? aud.filter(a => typeof a === 'string').join(', ') : text(aud),
        iss: text(iss),
        exp: typeof exp === 'number' ? exp : undefined
    };
}
async function githubIdToken(audience, env, mask, log) {
    const base = env[TOKEN_URL_VAR] ?? '';
    const bearer = env[TOKEN_VAR] ?? '';
    if (base === '')
        throw noTokenError(TOKEN_URL_VAR);
    if (bearer === '')
        throw noTokenError(TOKEN_VAR);
    mask(bearer);
    const url = tokenUrl(base, audience);
    const response = await (0,api_call/* callApi */.p)(SERVICE, { endpoint: url, inputs: [] }, log, hooks => (0,http/* sendWithRetry */.lx)(() => ({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' } }), { hooks }));
    if (response.status !== 200) {
        throw new api_errors/* ApiError */.hD(`${SERVICE} refused a token for audience ${(0,errors/* quote */.hD)(audience)}: ${(0,api_errors/* describe */.q0)(response.status, GITHUB_ERRORS.fields(response), [bearer], GITHUB_ERRORS)}. ` +
            (response.status === 401 || response.status === 403
                ? `The job's permission to request one may have lapsed (a very long job): run it again.`
                : `Run the job again; if it persists, check 'audience'.`));
    }
    let value;
    try {
        value = JSON.parse(response.body).value;
    }
    catch {
        value = undefined;
    }
    if (typeof value !== 'string' || value === '') {
        throw new api_errors/* ApiError */.hD(`${SERVICE} answered HTTP 200 without a token. Run the job again.`);
    }
    mask(value);
    if (value.split('.').length !== 3)
        throw new api_errors/* ApiError */.hD(`${SERVICE} answered with a token that is not a JWT. Run the job again.`);
    return value;
}

;// CONCATENATED MODULE: ./src/oidc/federate.ts






async function federate(federation, region, context) {
    const { mask, log, env } = context;
    const endpoint = (0,keyless/* stsUrl */.on)(federation.endpointInput, region, region => federation.defaultEndpoint(region));
    const jwt = await githubIdToken(federation.audience, env, mask, log);
    const claims = tokenClaims(jwt);
    const { session } = federation;
    const sessionName = session === undefined ? '' : (session.given ?? (0,keyless/* defaultSessionName */.te)(env, session.rules));
    const keys = await (0,api_call/* callApi */.p)(federation.service, { endpoint, inputs: [names/* INPUT */.bO.stsEndpoint] }, log, hooks => federation.exchange({ jwt, claims, audience: federation.audience, endpoint, sessionName, durationSeconds: federation.durationSeconds, mask, hooks }));
    for (const secret of [keys.accessKeyId, keys.accessKeySecret, keys.securityToken])
        if (secret)
            mask(secret);
    const { durationSeconds } = federation;
    (0,api_errors/* refuseExpired */.wG)({ what: `${federation.service} (${endpoint.host}) answered with temporary keys`, expiresAt: keys.expiresAt, durationSeconds });
    const until = keys.expiresAt === undefined ? '' : `, valid until ${keys.expiresAt}`;
    const subject = claims.sub === undefined ? '' : `, subject ${(0,errors/* quote */.hD)(claims.sub, 200)}`;
    log(`Keyless: ${federation.service} (${endpoint.host}) issued temporary keys for ${federation.identity}${until} ` +
        `(GitHub OIDC token for audience ${(0,errors/* quote */.hD)(federation.audience)}${subject})`);
    return keys;
}


/***/ })

};
