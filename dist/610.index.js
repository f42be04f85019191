export const id = 610;
export const ids = [610];
export const modules = {

/***/ 3610:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   explainPodmanFailure: () => (/* binding */ explainPodmanFailure),
/* harmony export */   podmanFailureLine: () => (/* binding */ podmanFailureLine),
/* harmony export */   podmanWork: () => (/* binding */ podmanWork)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1200);
/* harmony import */ var _credential_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3302);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7894);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9809);
/* harmony import */ var _docker_config_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2178);
/* harmony import */ var _docker_config_writer_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9252);
/* harmony import */ var _docker_errors_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4739);
/* harmony import */ var _failure_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(1633);
/* harmony import */ var _podman_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(8022);












const MIN_TRY_MS = 2_000;
const WORDS = { login: 'podman login', store: 'the auth file', place: "the auth file's directory" };
const RULES = [
    {
        test: /not allow(ed)? to login/i,
        kind: 'blocked',
        transient: false,
        statement: host => `${host} refused the login because the account is temporarily blocked after too many requests or failed logins.`
    },
    {
        test: /invalid username\/password|unauthorized|authentication required|status code 401|\b401 Unauthorized|incorrect username or password/i,
        kind: 'unauthorized',
        transient: false,
        statement: host => `${host} rejected the credentials.`
    },
    {
        test: /requested access to the resource is denied|forbidden|status code 403|\b403\b/i,
        kind: 'denied',
        transient: false,
        statement: host => `${host} denied the login.`
    },
    ..._docker_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .NETWORK_RULES */ .LL,
    {
        test: /server gave HTTP response to HTTPS client/i,
        kind: 'other',
        transient: false,
        statement: host => `${host} speaks plain HTTP. Set 'registry: http://${host}' (the login then skips TLS, as --tls-verify=false does).`
    },
    {
        test: /x509:|certificate|tls: /i,
        kind: 'tls',
        transient: false,
        statement: host => `The TLS certificate of ${host} is not trusted or not valid. For a private registry, put its CA certificate in ` +
            `/etc/containers/certs.d/${host}/ca.crt (podman, buildah and skopeo read it there).`
    },
    {
        test: /timeout|timed out|deadline exceeded|Client\.Timeout/i,
        kind: 'other',
        transient: true,
        statement: host => `Connecting to ${host} timed out, over several tries. Check the runner's network and proxy settings ` +
            `(HTTPS_PROXY, NO_PROXY), then run the job again.`
    },
    {
        test: /status code (500|502|503|504|429)\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|too many requests/i,
        kind: 'other',
        transient: true,
        statement: host => `${host} answered with a server error or asked to slow down, over several tries. Run the job again later, and ` +
            `check the provider's service status if it keeps failing.`
    },
    {
        test: /connection reset|broken pipe|unexpected EOF|\bEOF\b/i,
        kind: 'other',
        transient: true,
        statement: host => `The connection to ${host} was cut off, over several tries. Check proxies and firewalls between the runner and ` +
            `the registry (HTTPS_PROXY, NO_PROXY), then run the job again.`
    }
];
const NOISE = /level=(warning|info|debug)\b|^WARN\[/i;
function podmanFailureLine(stderr) {
    const lines = stderr.split(/\r?\n/).map(l => l.trim()).filter(l => l !== '');
    for (const line of lines) {
        const fatal = /level=(?:fatal|error) msg="((?:[^"\\]|\\.)*)"/.exec(line);
        if (fatal)
            return fatal[1].replace(/\\(.)/g, (_, c) => (c === 'n' ? ' ' : c === 't' ? ' ' : c)).replace(/\s+/g, ' ').trim();
    }
    const error = lines.find(l => l.startsWith('Error: '));
    if (error)
        return error.slice('Error: '.length);
    return lines.find(l => !NOISE.test(l)) ?? '';
}
function explainPodmanFailure(host, tool, stderr, exitCode) {
    const detail = podmanFailureLine(stderr) || `${tool} exited with code ${exitCode} and printed nothing`;
    const rule = RULES.find(r => r.test.test(detail)) ?? RULES.find(r => r.test.test(stderr));
    if (!rule)
        return { kind: 'other', statement: `${tool} login to ${host} failed, for a reason ${tool}'s own message gives.`, detail, transient: false };
    return { kind: rule.kind, statement: rule.statement(host, tool), detail, transient: rule.transient };
}
function canWrite(dir) {
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync(dir, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK);
        return true;
    }
    catch {
        return false;
    }
}
function podmanWork(context, timings = _podman_js__WEBPACK_IMPORTED_MODULE_11__/* .PODMAN_TIMINGS */ .AF) {
    const { places, env } = context;
    const place = places.authFile;
    const ledger = new _ledger_js__WEBPACK_IMPORTED_MODULE_5__/* .Ledger */ .Oc(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(place), { lock: context.lock, warn: context.warn, env: context.env });
    const ledgerKey = (host) => (node_path__WEBPACK_IMPORTED_MODULE_1__.basename(place) === 'config.json' ? host : `${node_path__WEBPACK_IMPORTED_MODULE_1__.basename(place)} ${host}`);
    const { which } = context;
    const found = async () => {
        const paths = await Promise.all(_podman_js__WEBPACK_IMPORTED_MODULE_11__/* .PODMAN_TOOLS */ .cB.map(tool => which(tool)));
        return _podman_js__WEBPACK_IMPORTED_MODULE_11__/* .PODMAN_TOOLS */ .cB.filter((_, i) => paths[i] !== '');
    };
    const target = () => (0,_docker_config_js__WEBPACK_IMPORTED_MODULE_7__/* .followLinks */ .n1)(place);
    const location = (0,_podman_js__WEBPACK_IMPORTED_MODULE_11__/* .authFileLocation */ .YY)(env);
    function placeProblem() {
        if (location.runtimeDir && node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(location.file) === place && !node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(location.runtimeDir)) {
            return (`XDG_RUNTIME_DIR is ${location.runtimeDir}, which does not exist, so podman would not use it. Create that ` +
                `directory, or unset XDG_RUNTIME_DIR, or set REGISTRY_AUTH_FILE to the auth file to use.`);
        }
        let dir = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(place);
        while (!node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(dir) && node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(dir) !== dir)
            dir = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(dir);
        let why;
        if (!node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(dir).isDirectory())
            why = `${dir} is not a directory`;
        else if (!canWrite(dir))
            why = `this user cannot write to ${dir}`;
        return why && `${_podman_js__WEBPACK_IMPORTED_MODULE_11__/* .AUTH_FILE */ .u1} ${place} (${location.source}) cannot be written: ${why}. Set XDG_RUNTIME_DIR or REGISTRY_AUTH_FILE to a place this user can write.`;
    }
    function checkPlace(key) {
        const file = target();
        const problem = placeProblem();
        if (problem)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${problem} No login was written.`);
        const { config } = (0,_docker_config_js__WEBPACK_IMPORTED_MODULE_7__/* .readAuthsFile */ .y9)(file, _podman_js__WEBPACK_IMPORTED_MODULE_11__/* .AUTH_FILE */ .u1);
        const helper = config?.credHelpers?.[key];
        if (helper) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${file} names the credential helper docker-credential-${helper} for ${key} (credHelpers), so podman would keep ` +
                `the login there, and this engine writes only the file: nothing was changed. Remove that credHelpers entry, ` +
                `or set REGISTRY_AUTH_FILE to another file.`);
        }
    }
    async function prove(credential, tool, key) {
        const { host } = credential.registry;
        const bin = await which(tool);
        const secrets = (0,_credential_js__WEBPACK_IMPORTED_MODULE_3__/* .secretForms */ .eo)(credential);
        const policy = context.retryPolicy ?? _retry_js__WEBPACK_IMPORTED_MODULE_6__/* .DEFAULT_RETRY */ .vI;
        const deadline = Date.now() + timings.loginMs;
        node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(places.tempDir, { recursive: true });
        const dir = node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync(node_path__WEBPACK_IMPORTED_MODULE_1__.join(places.tempDir, 'cloud-registry-login-podman-'));
        const file = node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, 'auth.json');
        const tls = credential.registry.scheme === 'http' ? ['--tls-verify=false'] : [];
        const args = ['login', '--authfile', file, '--username', credential.username, '--password-stdin', ...tls, host];
        try {
            for (let attempt = 1;; attempt++) {
                let result;
                try {
                    result = await (0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .runCommand */ .d)(bin, args, { env: (0,_docker_config_writer_js__WEBPACK_IMPORTED_MODULE_8__/* .toolEnv */ .oW)(env), input: credential.password, timeoutMs: Math.max(deadline - Date.now(), 1) });
                }
                catch (error) {
                    throw new Error(`${tool} could not be started (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error), secrets)})`);
                }
                if (result.timedOut) {
                    const seconds = Math.round(timings.loginMs / 1000);
                    throw new _failure_js__WEBPACK_IMPORTED_MODULE_10__/* .EngineFailure */ .F('other', `Logging in to ${host} did not finish within ${seconds} s. Check 'registry' and the network between the runner ` +
                        `and the registry (HTTPS_PROXY, NO_PROXY), then run the job again.`, `${tool}: login was stopped after ${seconds} s`);
                }
                if (result.exitCode === 0)
                    break;
                const explained = explainPodmanFailure(host, tool, result.stderr, result.exitCode ?? -1);
                const detail = `${tool}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .cut */ .Jj)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(explained.detail, secrets), 300)}`;
                const failure = new _failure_js__WEBPACK_IMPORTED_MODULE_10__/* .EngineFailure */ .F(explained.kind, explained.statement, detail, explained.transient);
                if (!failure.transient || attempt >= policy.attempts)
                    throw failure;
                const delay = (0,_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .backoffDelay */ .EY)(policy, attempt);
                if (deadline - Date.now() - delay < MIN_TRY_MS)
                    throw failure;
                context.log(`${host}: ${tool} login try ${attempt} failed (${detail}); trying again in ${(delay / 1000).toFixed(1)} s`);
                await new Promise(resolve => setTimeout(resolve, delay));
            }
            const entry = (0,_docker_config_js__WEBPACK_IMPORTED_MODULE_7__/* .readAuthsFile */ .y9)(file, `the private auth file of ${tool} login`).config?.auths?.[key];
            if (typeof entry !== 'object' || entry === null)
                throw new Error(`${tool} login succeeded but wrote no login for ${key} to its auth file`);
            return entry;
        }
        finally {
            node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(dir, { recursive: true, force: true });
        }
    }
    return {
        name: 'podman',
        place: 'authFile',
        tools: _podman_js__WEBPACK_IMPORTED_MODULE_11__/* .PODMAN_TOOLS */ .cB,
        detect: found,
        unusable: async () => placeProblem(),
        async login(credential, journal) {
            const { host } = credential.registry;
            const secrets = (0,_credential_js__WEBPACK_IMPORTED_MODULE_3__/* .secretForms */ .eo)(credential);
            const [tool] = await found();
            if (!tool)
                throw new Error('none of podman, skopeo and buildah is on PATH any more');
            checkPlace(host);
            const value = await prove(credential, tool, host);
            const file = target();
            const slot = (0,_docker_config_js__WEBPACK_IMPORTED_MODULE_7__/* .authsSlot */ .oh)(file, host, _podman_js__WEBPACK_IMPORTED_MODULE_11__/* .AUTH_FILE */ .u1);
            let record = { host, digest: slot.digest(value) };
            journal.add(record);
            try {
                node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(place), { recursive: true, mode: 0o700 });
                (0,_podman_js__WEBPACK_IMPORTED_MODULE_11__/* .checkAuthFilePlace */ .MA)(location, place);
            }
            catch (error) {
                if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo) {
                    journal.drop(record);
                    throw error;
                }
                journal.drop(record);
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`Cannot create the directory of ${_podman_js__WEBPACK_IMPORTED_MODULE_11__/* .AUTH_FILE */ .u1} ${place} (${location.source}): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}. Set ` +
                    `XDG_RUNTIME_DIR or REGISTRY_AUTH_FILE to a place this user can write.`);
            }
            let replaced;
            try {
                replaced = await ledger.push(ledgerKey(host), context.run, slot, value);
            }
            catch (error) {
                journal.drop(record);
                throw new Error(`could not write the podman login to ${file}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error), secrets)}`);
            }
            if (replaced !== 'none') {
                const updated = { ...record, replaced };
                journal.add(updated);
                journal.drop(record);
                record = updated;
            }
            return { record, summary: tool === 'podman' ? 'podman' : `podman auth file (checked with ${tool})` };
        },
        async undo(record) {
            if (!node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(place)))
                return `the directory of ${_podman_js__WEBPACK_IMPORTED_MODULE_11__/* .AUTH_FILE */ .u1} ${place} is gone: nothing to remove`;
            const slot = (0,_docker_config_js__WEBPACK_IMPORTED_MODULE_7__/* .authsSlot */ .oh)(target(), record.host, _podman_js__WEBPACK_IMPORTED_MODULE_11__/* .AUTH_FILE */ .u1);
            return (0,_docker_config_writer_js__WEBPACK_IMPORTED_MODULE_8__/* .removalLine */ .zj)(await ledger.pop(ledgerKey(record.host), context.run, slot, record.digest, record.replaced ?? 'none'), record, WORDS);
        },
        release: record => ledger.release(ledgerKey(record.host), context.run),
        owns: (record) => (0,_podman_js__WEBPACK_IMPORTED_MODULE_11__/* .isPodmanLogin */ .$$)(record),
        label: record => ({ host: record.host, thing: `the podman login in ${place}` })
    };
}


/***/ })

};
