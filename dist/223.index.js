export const id = 223;
export const ids = [223];
export const modules = {

/***/ 1223:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkRegistry: () => (/* binding */ checkRegistry)
/* harmony export */ });
/* unused harmony exports CONTAINERD_WORDING, parseChallenge, proxyFor */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _failure_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1633);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9809);





const CONTAINERD_WORDING = {
    given: 'containerd was given it',
    asks: "'registry' asks containerd to use",
    proxy: 'as containerd may',
    sends: 'containerd would send it there when it pulls',
    untrusted: skipVerify => `${skipVerify ? 'hosts.toml sets skip_verify for it' : "containerd may trust it (a 'ca' in hosts.toml, or a CA in containerd's own system store)"}. ` +
        `If pulls fail with an x509 error, name its CA in hosts.toml ('ca').`
};
const CHECK_RETRY = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 2000 };
const REQUEST_MS = 10_000;
const TOTAL_MS = 30_000;
const BODY_CAP = 256 * 1024;
const USER_AGENT = 'cloud-registry-login (registry check)';
class NoAnswer extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
    }
}
function trustedCa(extra) {
    const get = node_tls__WEBPACK_IMPORTED_MODULE_2__.getCACertificates;
    if (extra.length === 0 && get === undefined)
        return undefined;
    const own = get === undefined ? [...node_tls__WEBPACK_IMPORTED_MODULE_2__.rootCertificates] : [...get('default'), ...get('system')];
    return [...own, ...extra];
}
async function get(url, headers, transport) {
    try {
        return await getOnce(url, headers, transport);
    }
    catch (error) {
        if (url.protocol !== 'https:' || !(error instanceof NoAnswer) || !CERTIFICATE.test(error.code))
            throw error;
        const ca = transport.wideCa();
        if (ca === undefined)
            throw error;
        return getOnce(url, headers, transport, ca);
    }
}
function getOnce(url, headers, transport, ca) {
    const ms = Math.max(1, Math.min(transport.requestMs, transport.deadline - Date.now()));
    return new Promise((resolve, reject) => {
        const options = { method: 'GET', headers: { 'user-agent': USER_AGENT, ...headers }, agent: false };
        if (url.protocol === 'https:' && ca)
            options.ca = ca;
        const request = (url.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_1__ : node_http__WEBPACK_IMPORTED_MODULE_0__).request(url, options, response => {
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                if (size < BODY_CAP)
                    chunks.push(chunk);
                size += chunk.length;
                if (size >= BODY_CAP)
                    response.destroy();
            });
            const done = () => {
                clearTimeout(timer);
                resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8').slice(0, BODY_CAP) });
            };
            response.on('end', done);
            response.on('close', done);
            response.on('error', done);
        });
        const timer = setTimeout(() => request.destroy(new NoAnswer('TIMEOUT', `no answer within ${Math.round(ms / 100) / 10} s`)), ms);
        request.on('error', error => {
            clearTimeout(timer);
            reject(error instanceof NoAnswer ? error : new NoAnswer(error.code ?? 'ERROR', error.message));
        });
        request.end();
    });
}
function speaksTls(url, transport) {
    const ms = Math.max(1, Math.min(transport.requestMs, transport.deadline - Date.now()));
    return new Promise(resolve => {
        const socket = node_tls__WEBPACK_IMPORTED_MODULE_2__.connect({
            host: url.hostname,
            port: Number(url.port || 443),
            servername: /^[\d.]+$/.test(url.hostname) ? undefined : url.hostname,
            rejectUnauthorized: false
        });
        const end = (result) => {
            clearTimeout(timer);
            socket.destroy();
            resolve(result);
        };
        const timer = setTimeout(() => end(false), ms);
        socket.on('secureConnect', () => end(true));
        socket.on('error', () => end(false));
    });
}
async function speaksHttp(url, transport) {
    const plain = new URL(url);
    plain.protocol = 'http:';
    if (!url.port)
        plain.port = '443';
    try {
        await get(plain, {}, transport);
        return true;
    }
    catch {
        return false;
    }
}
function parseChallenge(value) {
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(value ?? '');
    if (!m)
        return undefined;
    const params = {};
    const [, scheme = '', rest = ''] = m;
    for (const [, name = '', quoted, bare = ''] of rest.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g))
        params[name.toLowerCase()] = (quoted ?? bare).replace(/\\(.)/g, '$1');
    return { scheme: scheme.toLowerCase(), params };
}
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|ISSUER|HOSTNAME/;
const WRONG_VERSION = /EPROTO|WRONG_VERSION|PACKET_LENGTH|HTTP_REQUEST|record layer failure/i;
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];
function proxyFor(url, env) {
    const names = url.protocol === 'https:' ? PROXY_VARS : PROXY_VARS.slice(2);
    const name = names.find(n => env[n]);
    if (!name)
        return undefined;
    const host = url.hostname.toLowerCase();
    const skip = (env.NO_PROXY ?? env.no_proxy ?? '').split(/[\s,]+/).filter(Boolean);
    const bypassed = skip.some(entry => {
        const bare = entry
            .toLowerCase()
            .replace(/:\d+$/, '')
            .replace(/^\*?\./, '.');
        return bare === '*' || host === bare.replace(/^\./, '') || (bare.startsWith('.') && host.endsWith(bare));
    });
    return bypassed ? undefined : name;
}
async function checkRegistry(check) {
    const requestMs = check.requestMs ?? REQUEST_MS;
    const deadline = Date.now() + (check.totalMs ?? TOTAL_MS);
    let wide;
    const transport = { wideCa: () => (wide ??= { ca: trustedCa(check.extraCa ?? []) }).ca, requestMs, deadline };
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .retry */ .L5)(() => checkOnce(check, transport), error => error instanceof _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F && error.transient, CHECK_RETRY, { sleep: check.sleep, random: () => 1, deadline, minTryMs: requestMs });
}
async function checkOnce(check, transport) {
    const words = check.wording ?? CONTAINERD_WORDING;
    const base = new URL(check.url);
    const host = base.host;
    const v2 = new URL('/v2/', base);
    const https_ = base.protocol === 'https:';
    const wrongScheme = (use) => new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('other', use === 'http'
        ? `${host} speaks plain HTTP, but ${words.asks} https://. Set 'registry: http://${host}'.`
        : `${host} speaks HTTPS, but ${words.asks} plain http://. Set 'registry: https://${host}' ` + `(or leave the scheme out: https is the default).`, `registry check: GET ${v2.href}`);
    let answer;
    try {
        answer = await get(v2, { authorization: check.authorization }, transport);
    }
    catch (error) {
        const { code, message } = error;
        if (https_ && CERTIFICATE.test(code)) {
            return (`${host}: the credential was not checked before ${words.given}: Node does not trust the registry's ` +
                `TLS certificate (${code}), and ${words.untrusted(check.skipVerify === true)}`);
        }
        if (https_ && WRONG_VERSION.test(`${code} ${message}`) && (await speaksHttp(v2, transport)))
            throw wrongScheme('http');
        const tlsPort = /ECONNRESET|HPE_|socket hang up/i.test(`${code} ${message}`) || (code === 'ECONNREFUSED' && base.port === '');
        if (!https_ && tlsPort && (await speaksTls(v2, transport)))
            throw wrongScheme('https');
        const proxy = proxyFor(v2, check.env ?? {});
        if (proxy) {
            return (`${host}: the credential was not checked before ${words.given}: the registry could not be reached ` +
                `directly (${code === 'TIMEOUT' ? message : code}), and this check does not go through the proxy in ${proxy}, ` +
                `${words.proxy}.`);
        }
        throw unreachable(host, code, message, v2);
    }
    if (!https_ && (isHttpsRedirect(answer) || (answer.status === 400 && /https|tls|ssl/i.test(answer.body)))) {
        if (isHttpsRedirect(answer) || (await speaksTls(v2, transport)))
            throw wrongScheme('https');
    }
    return judge(host, answer, `GET ${v2.href}`, async (challenge) => token(host, https_, challenge, check.authorization, transport, words));
}
function isHttpsRedirect(answer) {
    return answer.status >= 300 && answer.status < 400 && /^https:/i.test(answer.headers.location ?? '');
}
async function judge(host, answer, asked, onBearer) {
    const detail = `registry check: ${asked}: HTTP ${answer.status}`;
    const status = answer.status;
    if (status >= 200 && status < 300)
        return undefined;
    if (status === 401) {
        const challenge = parseChallenge(headerOf(answer, 'www-authenticate'));
        if (onBearer && challenge?.scheme === 'bearer')
            return onBearer(challenge.params);
        throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('unauthorized', `${host} rejected the credentials.`, detail);
    }
    if (status === 403)
        throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('denied', `${host} denied the login.`, detail);
    if (status === 429 || status >= 500) {
        throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('other', `${host} answered with a server error or asked to slow down, over several tries. Run the job again later, and ` +
            `check the registry's service status if it keeps failing.`, detail, true);
    }
    if (status >= 300 && status < 400) {
        const to = originOf(headerOf(answer, 'location'));
        throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('other', `${host} answered with a redirect${to ? ` to ${to}` : ''} where a registry answers itself: check 'registry'.`, detail);
    }
    throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('other', `${host} does not answer as a container registry does: check 'registry'.`, detail);
}
async function token(host, overHttps, challenge, authorization, transport, words) {
    let realm;
    try {
        realm = new URL(challenge.realm ?? '');
        if (realm.protocol !== 'https:' && realm.protocol !== 'http:')
            throw new Error('not http');
    }
    catch {
        throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('other', `${host} asks for a token from a token service it does not name properly.`, 'registry check: a Bearer challenge without a usable realm');
    }
    if (overHttps && realm.protocol === 'http:') {
        return (`${host}: the credential was not checked before ${words.given}: the registry answers over https://, but ` +
            `its token service ${realm.origin} is plain HTTP, and this check does not send a credential over plain HTTP. ` +
            `${words.sends}: have the registry name an https:// token service.`);
    }
    if (challenge.service !== undefined)
        realm.searchParams.set('service', challenge.service);
    let answer;
    try {
        answer = await get(realm, { authorization }, transport);
    }
    catch (error) {
        const { code, message } = error;
        if (realm.protocol === 'https:' && CERTIFICATE.test(code)) {
            return `${host}: the credential was not checked before ${words.given}: Node does not trust the TLS certificate of its token service ${realm.host} (${code}).`;
        }
        throw unreachable(realm.host, code, message, realm, `the token service of ${host}`);
    }
    const where = `GET ${realm.origin}${realm.pathname}`;
    const verdict = await judge(host, answer, where);
    if (verdict !== undefined)
        return verdict;
    let granted = false;
    try {
        const body = JSON.parse(answer.body);
        granted = [body.token, body.access_token].some(t => typeof t === 'string' && t !== '');
    }
    catch {
    }
    if (!granted)
        throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('other', `The token service of ${host} answered without a token.`, `registry check: ${where}: HTTP ${answer.status}`);
    return undefined;
}
function unreachable(host, code, message, url, what = host) {
    const detail = `registry check: GET ${url.origin}${url.pathname}: ${code === 'TIMEOUT' ? message : code}`;
    if (code === 'ENOTFOUND')
        return new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('not-found', `${what === host ? host : what} cannot be resolved.`, detail);
    if (code === 'ECONNREFUSED') {
        return new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('other', `Nothing accepts connections at ${url.host}. Check 'registry' (host and port), and that the registry is up.`, detail);
    }
    if (code === 'TIMEOUT') {
        return new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('other', `${url.host} did not answer. Check 'registry', and the runner's network and proxy settings (HTTPS_PROXY, NO_PROXY).`, detail);
    }
    const transient = /ECONNRESET|EPIPE|EAI_AGAIN|ECONNABORTED|socket hang up/i.test(`${code} ${message}`);
    return new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .EngineFailure */ .F('other', `Could not reach ${what} at ${url.host}. Check 'registry', and the runner's network.`, detail, transient);
}
function headerOf(answer, name) {
    const value = answer.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
function originOf(location) {
    try {
        return location ? new URL(location).origin : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ })

};
