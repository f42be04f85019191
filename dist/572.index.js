export const id = 572;
export const ids = [572];
export const modules = {

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

/***/ 3632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sc: () => (/* binding */ notTheService),
/* harmony export */   et: () => (/* binding */ subjectOf),
/* harmony export */   iQ: () => (/* binding */ answerObject),
/* harmony export */   q7: () => (/* binding */ keysIn)
/* harmony export */ });
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5451);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7453);



function answered(service, response, dialect) {
    const requestId = dialect.fields(response).requestId;
    return `${service} answered HTTP ${response.status}${requestId === undefined ? '' : ` (request ID ${(0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .shortValue */ .wm)(requestId, [])})`}`;
}
function answerObject(service, response, name, dialect) {
    let value;
    try {
        value = JSON.parse(response.body)[name];
    }
    catch {
        throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${answered(service, response, dialect)} with a body that is not JSON. Run the job again; if it persists, check 'sts-endpoint'.`);
    }
    if (typeof value !== 'object' || value === null) {
        throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${answered(service, response, dialect)} without "${name}". Run the job again; if it persists, check 'sts-endpoint'.`);
    }
    return value;
}
const KEY_ID_RE = /^[A-Za-z0-9.]+$/;
const KEY_ID_MIN = 8;
const KEY_ID_MAX = 128;
function notKeyId(value) {
    if (!KEY_ID_RE.test(value))
        return 'it holds characters other than letters, digits and dots';
    if (value.length < KEY_ID_MIN || value.length > KEY_ID_MAX)
        return `it is ${value.length} characters long`;
    return undefined;
}
function keysIn(service, response, object, names, mask, dialect) {
    const again = `Run the job again; if it persists, check 'sts-endpoint'.`;
    const read = (name) => {
        const value = object[name];
        if (typeof value !== 'string' || value === '')
            throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${answered(service, response, dialect)} without "${name}". ${again}`);
        mask(value);
        return value;
    };
    const accessKeySecret = read(names.secret);
    const securityToken = read(names.token);
    const accessKeyId = read(names.id);
    const why = notKeyId(accessKeyId);
    if (why !== undefined) {
        throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${answered(service, response, dialect)} with a value of "${names.id}" that is not an access key ID (${why}; a key ID has ` +
            `${KEY_ID_MIN} to ${KEY_ID_MAX} letters, digits and dots). ${again}`);
    }
    const expiry = object[names.expiry];
    return { accessKeyId, accessKeySecret, securityToken, expiresAt: (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .isoTime */ .L)(typeof expiry === 'string' ? expiry : undefined) };
}
function notTheService(service, endpoint, response, secrets, dialect) {
    const { status } = response;
    const fields = dialect.fields(response);
    const noSuchApi = fields.code !== undefined && dialect.noSuchApi !== undefined && dialect.noSuchApi.test(fields.code);
    const foreign = (status === 404 || status === 405) && fields.code === undefined && fields.message === undefined;
    if (!noSuchApi && !foreign)
        return undefined;
    const what = noSuchApi ? `has no such API (${(0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describe */ .q0)(status, fields, secrets, dialect)})` : `answered HTTP ${status} without an error code or message`;
    return new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${endpoint.origin} ${what}: that is not ${service} answering, so 'sts-endpoint' or a proxy is likely wrong. Check ` +
        `'sts-endpoint' (leave it out for the service's default), and the runner's proxy settings (HTTPS_PROXY, NO_PROXY).`);
}
function subjectOf(claims) {
    return claims.sub === undefined ? 'not known (the token has no sub claim)' : (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(claims.sub, 300);
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

/***/ 8572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   assumeAgencyWithOidc: () => (/* binding */ assumeAgencyWithOidc),
/* harmony export */   federatedKeysV3: () => (/* binding */ federatedKeysV3)
/* harmony export */ });
/* unused harmony exports HUAWEI_V5, HUAWEI_V3, agencyHint, federationHint */
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5451);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6803);
/* harmony import */ var _oidc_exchange_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3632);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1418);





const HUAWEI_V5 = 'Huawei Cloud IAM STS AssumeAgencyWithOIDC';
const HUAWEI_V3 = 'Huawei Cloud IAM federation';
function tokenAdvice(message, context, clientIds) {
    const m = message.toLowerCase();
    if (/audience|\baud\b|client[ _]?id/.test(m)) {
        return `The token's audience, ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(context.audience)} (input 'audience'), is not the provider's ${clientIds}: set ` + `'audience' to it, or add it to the provider.`;
    }
    if (/expire/.test(m))
        return `The token had expired when IAM checked it: check the runner's clock (NTP), then run the job again.`;
    if (/issuer|\biss\b/.test(m)) {
        return `The provider's issuer URL must be the token's issuer, ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(context.claims.iss ?? 'https://token.actions.githubusercontent.com')}: correct it in the IAM console.`;
    }
    if (/signature|jwks|public key|\bkid\b/.test(m)) {
        return (`IAM could not verify the token's signature with the provider's signing keys. IAM does not fetch GitHub's keys ` +
            `itself: paste the current ones (https://token.actions.githubusercontent.com/.well-known/jwks) into the provider again.`);
    }
    return undefined;
}
function agencyHint(status, message, federation, context) {
    const m = message.toLowerCase();
    const token = tokenAdvice(message, context, `client IDs (IAM console: Identity Providers, the OIDC provider)`);
    if (token !== undefined)
        return token;
    if (status === 429 || /throttl|too many|flow control/.test(m))
        return `IAM is limiting this account's requests: wait a minute, then run the job again.`;
    if (/duration/.test(m)) {
        return (`'duration' (${context.durationSeconds} s) is longer than the agency allows: lower 'duration', or raise the agency's ` +
            `maximum session duration (IAM console: Agencies, the agency; up to 12 hours).`);
    }
    if (/session[ _]?name/.test(m))
        return `Check 'role-session-name': 2 to 128 letters, digits and . @ _ - (or remove it for the default).`;
    if (status === 404 || /not exist|not found|no such/.test(m)) {
        if (/provider/.test(m))
            return `There is no such OIDC provider: check 'oidc-provider', ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(federation.providerUrn, 200)} (IAM console: Identity Providers, its URN).`;
        if (/agency/.test(m))
            return `There is no such agency: check 'role-to-assume', ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(federation.agencyUrn, 200)} (IAM console: Agencies, its URN).`;
        return `Check 'oidc-provider' and 'role-to-assume': one of them names nothing in the account.`;
    }
    if (status === 403 || /trust|policy|not allowed|denied|deny|forbidden|permission/.test(m)) {
        return (`The trust policy of agency ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(federation.agencyUrn, 200)} does not let this token assume it (action ` +
            `sts:agencies:assumeWithOIDC). The token's subject (sub) is ${(0,_oidc_exchange_js__WEBPACK_IMPORTED_MODULE_3__/* .subjectOf */ .et)(context.claims)}: compare it with the ` +
            `policy's condition on the subject (a branch, tag or environment of this repository), and its audience ` +
            `condition with ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(context.audience)}; check that the policy names the provider in 'oidc-provider'.`);
    }
    if (status >= 500)
        return `Huawei Cloud IAM kept failing over several tries; run the job again later.`;
    return `Check 'oidc-provider', 'role-to-assume' and 'audience'.`;
}
function federationHint(status, message, idp, step, context) {
    const m = message.toLowerCase();
    if (step === 'token') {
        const token = tokenAdvice(message, context, `client ID (IAM console: Identity Providers, ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(idp)}, Modify)`);
        if (token !== undefined)
            return token;
    }
    if (status === 429 || /throttl|too many/.test(m))
        return `IAM is limiting this account's requests: wait a minute, then run the job again.`;
    if (step === 'token' && status === 404) {
        return (`There is no identity provider ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(idp)} with the OpenID Connect protocol: check 'oidc-provider' (IAM console: ` +
            `Identity Providers; its protocol must be OpenID Connect, its access type programmatic).`);
    }
    if (step === 'token' && (status === 401 || status === 403)) {
        return (`IAM did not let this token in. Either the identity provider's mapping rules map it to no user group (the token's ` +
            `subject, sub, is ${(0,_oidc_exchange_js__WEBPACK_IMPORTED_MODULE_3__/* .subjectOf */ .et)(context.claims)}: compare it with the rules' conditions), or the provider does not accept ` +
            `the token: its client ID must be 'audience' (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(context.audience)}), its issuer URL the token's issuer, and ` +
            `its signing keys GitHub's current ones (IAM does not fetch them itself).`);
    }
    if (step === 'keys' && /duration/.test(m))
        return `'duration' (${context.durationSeconds} s) is outside what IAM gives: 15 minutes to 24 hours.`;
    if (step === 'keys' && (status === 401 || status === 403)) {
        return `IAM refused temporary keys for the federated user: check that the user group the mapping rules assign may have them (and is not disabled).`;
    }
    if (status >= 500)
        return `Huawei Cloud IAM kept failing over several tries; run the job again later.`;
    return `Check 'oidc-provider' and 'audience'.`;
}
function refused(service, what, endpoint, response, secrets, hint) {
    const foreign = (0,_oidc_exchange_js__WEBPACK_IMPORTED_MODULE_3__/* .notTheService */ .Sc)(service, endpoint, response, secrets, _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HUAWEI_ERRORS */ .I);
    if (foreign !== undefined)
        throw foreign;
    const fields = _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HUAWEI_ERRORS */ .I.fields(response);
    throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${service} ${what}: ${(0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describe */ .q0)(response.status, fields, secrets, _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HUAWEI_ERRORS */ .I)}. ${hint((0,_api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .adviceText */ .YM)(fields.message, secrets, _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HUAWEI_ERRORS */ .I))}`);
}
const base = (endpoint) => endpoint.href.replace(/\/+$/, '');
async function assumeAgencyWithOidc(federation, request) {
    const url = new URL(`${base(request.endpoint)}/v5/agencies/assume-with-oidc`);
    const body = JSON.stringify({
        provider_urn: federation.providerUrn,
        agency_urn: federation.agencyUrn,
        agency_session_name: request.sessionName,
        id_token: request.jwt,
        duration_seconds: request.durationSeconds
    });
    const response = await (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .sendWithRetry */ .lx)(() => ({ method: 'POST', url, headers: { 'content-type': 'application/json;charset=UTF-8', accept: 'application/json' }, body }), {
        hooks: request.hooks
    });
    if (response.status !== 200 && response.status !== 201) {
        refused(HUAWEI_V5, 'refused', request.endpoint, response, [request.jwt], message => agencyHint(response.status, message, federation, request));
    }
    const credentials = (0,_oidc_exchange_js__WEBPACK_IMPORTED_MODULE_3__/* .answerObject */ .iQ)(HUAWEI_V5, response, 'credentials', _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HUAWEI_ERRORS */ .I);
    return (0,_oidc_exchange_js__WEBPACK_IMPORTED_MODULE_3__/* .keysIn */ .q7)(HUAWEI_V5, response, credentials, { id: 'access_key_id', secret: 'secret_access_key', token: 'security_token', expiry: 'expiration' }, request.mask, _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HUAWEI_ERRORS */ .I);
}
async function federatedKeysV3(idp, request) {
    const service = `${HUAWEI_V3} (identity provider ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(idp)})`;
    const tokenUrl = new URL(`${base(request.endpoint)}/v3/OS-FEDERATION/identity_providers/${encodeURIComponent(idp)}/protocols/oidc/auth`);
    const first = await (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .sendWithRetry */ .lx)(() => ({
        method: 'POST',
        url: tokenUrl,
        headers: { authorization: `Bearer ${request.jwt}`, 'content-type': 'application/json;charset=UTF-8', accept: 'application/json' },
        body: '{}'
    }), { hooks: request.hooks });
    if (first.status !== 200 && first.status !== 201) {
        refused(service, 'refused the token', request.endpoint, first, [request.jwt], message => federationHint(first.status, message, idp, 'token', request));
    }
    const iamToken = (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .header */ .wx)(first, 'x-subject-token');
    if (iamToken === undefined || iamToken === '') {
        throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${service} answered HTTP ${first.status} without an X-Subject-Token header. Run the job again; if it persists, check 'sts-endpoint'.`);
    }
    request.mask(iamToken);
    const keysUrl = new URL(`${base(request.endpoint)}/v3.0/OS-CREDENTIAL/securitytokens`);
    const body = JSON.stringify({ auth: { identity: { methods: ['token'], token: { duration_seconds: request.durationSeconds } } } });
    const second = await (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .sendWithRetry */ .lx)(() => ({ method: 'POST', url: keysUrl, headers: { 'x-auth-token': iamToken, 'content-type': 'application/json;charset=UTF-8', accept: 'application/json' }, body }), { hooks: request.hooks });
    if (second.status !== 200 && second.status !== 201) {
        refused(service, 'refused temporary keys', request.endpoint, second, [request.jwt, iamToken], message => federationHint(second.status, message, idp, 'keys', request));
    }
    const credential = (0,_oidc_exchange_js__WEBPACK_IMPORTED_MODULE_3__/* .answerObject */ .iQ)(service, second, 'credential', _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HUAWEI_ERRORS */ .I);
    return (0,_oidc_exchange_js__WEBPACK_IMPORTED_MODULE_3__/* .keysIn */ .q7)(service, second, credential, { id: 'access', secret: 'secret', token: 'securitytoken', expiry: 'expires_at' }, request.mask, _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HUAWEI_ERRORS */ .I);
}


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
