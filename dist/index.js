import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1200:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  d: () => (/* binding */ runCommand)
});

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/command.ts

const OUTPUT_CAP = 256 * 1024;
const KILL_GRACE_MS = 2000;
const DRAIN_MS = 500;
function runCommand(file, args, options) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_namespaceObject.spawn)(file, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
        const out = { stdout: '', stderr: '' };
        for (const name of ['stdout', 'stderr']) {
            child[name].setEncoding('utf8');
            child[name].on('data', (chunk) => {
                if (out[name].length < OUTPUT_CAP)
                    out[name] += chunk.slice(0, OUTPUT_CAP - out[name].length);
            });
        }
        let timedOut = false;
        let killer;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
            killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
        }, options.timeoutMs);
        let drain;
        child.on('exit', () => {
            drain = setTimeout(() => {
                child.stdout.destroy();
                child.stderr.destroy();
            }, DRAIN_MS);
        });
        child.on('error', error => {
            clearTimeout(timer);
            clearTimeout(killer);
            clearTimeout(drain);
            reject(error);
        });
        child.on('close', code => {
            clearTimeout(timer);
            clearTimeout(killer);
            clearTimeout(drain);
            resolve({ exitCode: code, stdout: out.stdout, stderr: out.stderr, timedOut });
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input ?? '');
    });
}


/***/ }),

/***/ 3302:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   S_: () => (/* binding */ maskOnce),
/* harmony export */   eo: () => (/* binding */ secretForms),
/* harmony export */   kV: () => (/* binding */ maskCredential)
/* harmony export */ });
/* unused harmony export MIN_MASK */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7194);

function secretForms(credential) {
    const userPass = `${credential.username}:${credential.password}`;
    return [credential.password, userPass, Buffer.from(userPass, 'utf8').toString('base64')];
}
const MIN_MASK = 4;
function maskOnce(mask) {
    const masked = new Set();
    return secret => {
        if (secret.length < MIN_MASK || masked.has(secret))
            return;
        masked.add(secret);
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .rememberSecret */ .Gz)(secret);
        mask(secret);
    };
}
function maskCredential(credential, mask) {
    for (const form of secretForms(credential))
        mask(form);
}


/***/ }),

/***/ 2261:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ hostsDirWhat),
/* harmony export */   c: () => (/* binding */ containerdEngine)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6455);
/* harmony import */ var _trust_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(689);
/* harmony import */ var _record_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1188);




const CONTAINERD_TOOLS = ['ctr', 'nerdctl', 'containerd'];
const hostsDirWhat = (hostsDir) => `The containerd hosts directory ('hosts-dir', ${hostsDir})`;
function containerdEngine(context) {
    const { hostsDir } = context.places;
    let loaded;
    const work = () => (loaded ??= __nccwpck_require__.e(/* import() */ 112).then(__nccwpck_require__.bind(__nccwpck_require__, 2112)).then(m => m.containerdWork(context)));
    return {
        name: 'containerd',
        place: 'hostsDir',
        tools: CONTAINERD_TOOLS,
        removal: `the Authorization header taken out of <registry>/hosts.toml under 'hosts-dir'`,
        async detect() {
            const paths = await Promise.all(CONTAINERD_TOOLS.map(tool => context.which(tool)));
            return CONTAINERD_TOOLS.filter((_, i) => paths[i]);
        },
        unusable: async () => undefined,
        describe: () => `containerd hosts directory: ${hostsDir}`,
        checkPlace() {
            (0,_trust_js__WEBPACK_IMPORTED_MODULE_2__/* .checkedPlace */ .fb)(hostsDirWhat(hostsDir), hostsDir, 'dir');
        },
        holds: async (record) => (await work()).holds(record),
        byHand: record => `remains in ${node_path__WEBPACK_IMPORTED_MODULE_0__.join(hostsDir, record.host, 'hosts.toml')}: take the Authorization header for ` +
            `${record.scheme}://${record.host} out of that file (or delete the file, if it held nothing else)`,
        outputs: used => ({ [_names_js__WEBPACK_IMPORTED_MODULE_1__/* .OUTPUT */ .aQ.hostsDir]: used ? hostsDir : '' }),
        prepare(credential) {
            work()
                .then(w => w.prepare(credential))
                .catch(() => undefined);
        },
        login: async (credential, journal) => (await work()).login(credential, journal),
        undo: async (record) => (await work()).undo(record),
        release: async (record) => (await work()).release(record),
        owns: (record) => (0,_record_js__WEBPACK_IMPORTED_MODULE_3__/* .isHostsRecord */ .rJ)(record),
        label: record => ({ host: record.host, thing: `the credential from ${node_path__WEBPACK_IMPORTED_MODULE_0__.join(hostsDir, record.host, 'hosts.toml')}` })
    };
}


/***/ }),

/***/ 1188:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   aR: () => (/* binding */ basicAuthorization),
/* harmony export */   rJ: () => (/* binding */ isHostsRecord),
/* harmony export */   sc: () => (/* binding */ sha256)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2976);


function basicAuthorization(username, password) {
    return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
function sha256(data) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex');
}
const ADDED = ['file', 'table', 'header', 'replaced', 'same'];
const RECORD_KEYS = new Set(['host', 'scheme', 'digest', 'auth', 'added']);
const isSha256 = (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
function isHostsRecord(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const c = value;
    const shaped = Object.keys(c).every(k => RECORD_KEYS.has(k)) &&
        typeof c.host === 'string' &&
        (0,_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .isRegistryHost */ .EV)(c.host) &&
        (c.scheme === 'https' || c.scheme === 'http') &&
        isSha256(c.digest) &&
        isSha256(c.auth) &&
        ADDED.includes(c.added);
    return shaped;
}


/***/ }),

/***/ 9105:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ RecordRefused)
/* harmony export */ });
class RecordRefused extends Error {
}


/***/ }),

/***/ 2237:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AF: () => (/* binding */ PODMAN_TIMINGS),
/* harmony export */   Ii: () => (/* binding */ toolsOnPath),
/* harmony export */   MA: () => (/* binding */ checkAuthFilePlace),
/* harmony export */   e$: () => (/* binding */ podmanEngine),
/* harmony export */   u1: () => (/* binding */ AUTH_FILE)
/* harmony export */ });
/* unused harmony exports PODMAN_TOOLS, isPodmanLogin */
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6455);
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2976);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _places_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3235);
/* harmony import */ var _trust_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(689);
/* harmony import */ var _shared_auth_file_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(2230);
/* harmony import */ var _memo_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(5025);







const PODMAN_TIMINGS = { loginMs: 60_000 };
const PODMAN_TOOLS = ['podman', 'skopeo', 'buildah'];
async function toolsOnPath(which) {
    const paths = await Promise.all(PODMAN_TOOLS.map(tool => which(tool)));
    return PODMAN_TOOLS.filter((_, i) => paths[i] !== '');
}
const AUTH_FILE = 'the podman auth file';
function checkAuthFilePlace(location, place) {
    const what = `The podman auth file (${location.source}: ${place})`;
    (0,_trust_js__WEBPACK_IMPORTED_MODULE_4__/* .checkedPlace */ .fb)(what, node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(place), 'dir');
    (0,_trust_js__WEBPACK_IMPORTED_MODULE_4__/* .checkedPlace */ .fb)(what, place, 'file');
}
function isPodmanLogin(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const r = value;
    if (!Object.keys(r).every(k => k === 'host' || k === 'digest' || k === 'replaced'))
        return false;
    if (typeof r.host !== 'string' || !(0,_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .isRegistryHost */ .EV)(r.host))
        return false;
    if (typeof r.digest !== 'string' || !_shared_auth_file_js__WEBPACK_IMPORTED_MODULE_5__/* .FINGERPRINT_RE */ .ZU.test(r.digest))
        return false;
    return r.replaced === undefined || r.replaced === 'login' || r.replaced === 'layer' || r.replaced === 'same';
}
function configHelperNote(dir) {
    try {
        const { config } = (0,_shared_auth_file_js__WEBPACK_IMPORTED_MODULE_5__/* .readDockerConfig */ .TO)(dir);
        if (!config?.credsStore && Object.keys(config?.credHelpers ?? {}).length === 0)
            return '';
    }
    catch {
        return '';
    }
    return (` (but that config names a credential helper, credsStore or credHelpers, which podman, buildah and skopeo do not ` +
        `read: where the login goes into the helper, only docker sees it; set 'engine: podman' alone, or REGISTRY_AUTH_FILE, ` +
        `for them)`);
}
function podmanEngine(context, timings = PODMAN_TIMINGS) {
    const place = context.places.authFile;
    const helperNote = () => configHelperNote(context.places.dockerConfig);
    const location = (0,_places_js__WEBPACK_IMPORTED_MODULE_3__/* .authFileLocation */ .YY)(context.env);
    const which = (0,_memo_js__WEBPACK_IMPORTED_MODULE_6__/* .memo */ .p)(context.which);
    let loaded;
    const work = () => (loaded ??= __nccwpck_require__.e(/* import() */ 87).then(__nccwpck_require__.bind(__nccwpck_require__, 5087)).then(m => m.podmanWork({ ...context, which }, timings)));
    const found = () => toolsOnPath(which);
    return {
        name: 'podman',
        place: 'authFile',
        tools: PODMAN_TOOLS,
        removal: `'podman logout <registry>'`,
        detect: found,
        unusable: async () => (await found()).length > 0
            ? (await work()).unusable()
            : `none of podman, skopeo and buildah is on PATH. Install podman (or skopeo), or set 'engine: docker-config' (the Docker config file, which they read too).`,
        coveredBy: others => {
            const docker = others.find(other => other.place === 'dockerConfig');
            if (!docker || place !== node_path__WEBPACK_IMPORTED_MODULE_2__.join(context.places.dockerConfig, 'config.json'))
                return undefined;
            return `its auth file is the Docker config (${place}), where the ${docker.name} engine writes the login${helperNote()}`;
        },
        describe: () => `podman auth file: ${place} (${location.source})`,
        checkPlace: () => checkAuthFilePlace(location, place),
        async holds(record) {
            try {
                const current = (0,_shared_auth_file_js__WEBPACK_IMPORTED_MODULE_5__/* .authsSlot */ .oh)((0,_shared_auth_file_js__WEBPACK_IMPORTED_MODULE_5__/* .followLinks */ .n1)(place), record.host, AUTH_FILE).read();
                return current !== undefined && (0,_shared_auth_file_js__WEBPACK_IMPORTED_MODULE_5__/* .fingerprint */ .Rj)(current) === record.digest;
            }
            catch {
                return false;
            }
        },
        byHand: record => `remains in ${place}: remove it with 'podman logout --authfile ${place} ${record.host}' (or delete its entry in "auths")`,
        outputs: used => ({ [_names_js__WEBPACK_IMPORTED_MODULE_0__/* .OUTPUT */ .aQ.authFile]: used ? place : '' }),
        login: async (credential, journal) => (await work()).login(credential, journal),
        undo: async (record) => (await work()).undo(record),
        release: async (record) => (await work()).release(record),
        owns: (record) => isPodmanLogin(record),
        label: record => ({ host: record.host, thing: `the podman login in ${place}` })
    };
}


/***/ }),

/***/ 6279:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Jg: () => (/* binding */ dockerByHand),
  gh: () => (/* binding */ dockerConfigWriter),
  gT: () => (/* binding */ dockerEnv),
  yz: () => (/* binding */ isDockerLogin),
  zj: () => (/* binding */ removalLine),
  MC: () => (/* binding */ storeSummary),
  oW: () => (/* binding */ toolEnv)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/credential.ts
var src_credential = __nccwpck_require__(3302);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/ledger.ts + 2 modules
var src_ledger = __nccwpck_require__(7894);
// EXTERNAL MODULE: ./src/registry.ts
var registry = __nccwpck_require__(2976);
// EXTERNAL MODULE: ./src/trust.ts
var trust = __nccwpck_require__(689);
// EXTERNAL MODULE: ./src/engines/shared/auth-file.ts
var auth_file = __nccwpck_require__(2230);
// EXTERNAL MODULE: ./src/command.ts + 1 modules
var command = __nccwpck_require__(1200);
// EXTERNAL MODULE: ./src/engines/shared/cli-failures.ts
var cli_failures = __nccwpck_require__(9575);
;// CONCATENATED MODULE: ./src/engines/shared/credential-helper.ts




const NOT_FOUND = 'credentials not found in native keychain';
async function callHelper(helper, action, input) {
    const program = `docker-credential-${helper.name}`;
    let result;
    try {
        result = await (0,command/* runCommand */.d)(helper.bin, [action], { env: helper.env, input, timeoutMs: helper.timeoutMs });
    }
    catch (error) {
        throw new Error(`${program} could not be started (${error.message})`);
    }
    if (result.timedOut) {
        throw new Error(`${program} ${action} did not finish within ${Math.round(helper.timeoutMs / 1000)} s (a helper waiting for an unlock prompt, say)`);
    }
    if (result.exitCode === 0)
        return { ok: true, out: result.stdout };
    const said = (0,errors/* redact */.E$)(`${result.stdout}\n${result.stderr}`, helper.secrets).trim().split(/\r?\n/)[0]?.trim().slice(0, 300) ?? '';
    return { ok: false, out: said || `exit code ${result.exitCode}` };
}
function helperFailure(helper, action, said) {
    const advice = (0,cli_failures/* helperAdvice */.VI)(said);
    const sentence = advice && !/[.!]$/.test(said) ? `${said}.` : said;
    return new Error(`docker-credential-${helper.name} ${action} failed: ${sentence}${advice ? ` ${advice}` : ''}`);
}
async function helperGet(helper, key) {
    const { ok, out } = await callHelper(helper, 'get', key);
    if (!ok) {
        if (out === NOT_FOUND)
            return undefined;
        throw helperFailure(helper, 'get', out);
    }
    let parsed;
    try {
        parsed = JSON.parse(out);
    }
    catch {
        throw helperFailure(helper, 'get', 'its answer is not JSON');
    }
    const login = parsed;
    if (typeof login !== 'object' || login === null || typeof login.Secret !== 'string') {
        throw helperFailure(helper, 'get', 'its answer has no Secret');
    }
    return { Username: typeof login.Username === 'string' ? login.Username : '', Secret: login.Secret };
}
async function helperStore(helper, key, login) {
    const { ok, out } = await callHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: login.Username, Secret: login.Secret }));
    if (!ok)
        throw helperFailure(helper, 'store', out);
}
async function helperErase(helper, key) {
    const { ok, out } = await callHelper(helper, 'erase', key);
    if (!ok && out !== NOT_FOUND)
        throw helperFailure(helper, 'erase', out);
}
function helperSlot(dir, key, helper, detected = false) {
    const mark = (present) => (0,auth_file/* updateDockerConfig */.it)(dir, config => {
        const auths = { ...(config.auths ?? {}) };
        if (present)
            auths[key] = {};
        else
            delete auths[key];
        config.auths = auths;
        if (present && detected && !config.credsStore)
            config.credsStore = helper.name;
    });
    return {
        read: () => helperGet(helper, key),
        async write(value) {
            if (value === undefined) {
                await helperErase(helper, key);
                mark(false);
                return;
            }
            (0,auth_file/* readDockerConfig */.TO)(dir);
            const previous = await helperGet(helper, key);
            await helperStore(helper, key, value);
            try {
                mark(true);
            }
            catch (error) {
                await (previous ? helperStore(helper, key, previous) : helperErase(helper, key)).catch(() => undefined);
                throw error;
            }
        },
        digest: login => (0,auth_file/* fingerprint */.Rj)({ Username: login.Username, Secret: login.Secret }),
        keepValues: false,
        isValue: (_value) => false,
        mismatch: `docker-credential-${helper.name} get did not return the login its store was just given (a helper that changes ` +
            `or drops what it stores?): that login was erased from it again, and nothing was written`
    };
}

// EXTERNAL MODULE: ./src/engines/engine.ts
var engine = __nccwpck_require__(9105);
;// CONCATENATED MODULE: ./src/engines/shared/auth-file-writer.ts










const FILE_COMMANDS = new Set(['GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']);
function toolEnv(env) {
    const out = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined || name.startsWith('INPUT_') || name.startsWith('STATE_'))
            continue;
        if (name === 'ACTIONS_RUNTIME_TOKEN' || name === 'ACTIONS_ID_TOKEN_REQUEST_TOKEN')
            continue;
        if (FILE_COMMANDS.has(name))
            continue;
        out[name] = value;
    }
    return out;
}
function dockerEnv(configDir, env) {
    return { ...toolEnv(env), DOCKER_CONFIG: configDir };
}
function isDockerLogin(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const r = value;
    if (!Object.keys(r).every(k => k === 'host' || k === 'digest' || k === 'replaced' || k === 'helper'))
        return false;
    if (typeof r.host !== 'string' || !(0,registry/* isRegistryHost */.EV)(r.host))
        return false;
    if (typeof r.digest !== 'string' || !auth_file/* FINGERPRINT_RE */.ZU.test(r.digest))
        return false;
    if (r.replaced !== undefined && r.replaced !== 'login' && r.replaced !== 'layer' && r.replaced !== 'same')
        return false;
    return r.helper === undefined || (typeof r.helper === 'string' && (0,auth_file/* isHelperName */.kG)(r.helper));
}
function removalLine(removal, record, words) {
    const { login, store, place } = words ?? {
        login: 'docker login',
        store: record.helper ? `docker-credential-${record.helper}` : 'config.json',
        place: 'the Docker config directory'
    };
    switch (removal) {
        case 'removed':
            return `${login} removed`;
        case 'restored':
            return `${login} removed; the earlier login restored`;
        case 'uncovered':
            return `${login} removed; the login of another job still running (another run of this action) is back in place`;
        case 'superseded':
            return `another job's newer ${login} left in place; ours was already replaced by it`;
        case 'stripped':
        case 'changed':
            return `the login in ${store} was changed since the main step (by someone else): left alone`;
        case 'lost':
            return (`${login} removed; could not put back the earlier login, because it was kept in ${store}, and this ` +
                `action never copies a credential helper's logins. Log in again if it is still needed.`);
        case 'removed-untracked':
            return record.replaced === 'login' || record.replaced === 'layer'
                ? `${login} removed; the login it replaced could not be put back, because the note of it in ${place} ` +
                    `(${src_ledger/* LEDGER_FILE */.th}) was deleted. Log in again if it is still needed.`
                : `${login} removed`;
        case 'handed-over':
            return (`left in ${store} for another job that is still running, whose login ours had replaced there (a credential ` +
                `helper's logins are never copied, so that one cannot come back): that job's post step removes it`);
        case 'already':
            return 'already removed: nothing to do';
    }
}
function storeSummary(store) {
    return store.kind === 'helper' ? `in docker-credential-${store.name}` : '';
}
function dockerByHand(configDir, record) {
    const key = (0,auth_file/* authKey */.MY)(record.host);
    return record.helper
        ? `remains in docker-credential-${record.helper}: remove it with 'printf %s ${key} | docker-credential-${record.helper} erase', ` +
            `and its empty entry from ${external_node_path_.join(configDir, 'config.json')}`
        : `remains in ${external_node_path_.join(configDir, 'config.json')}: remove it with 'DOCKER_CONFIG=${configDir} docker logout ${record.host}' ` +
            `(or delete the "${key}" entry of "auths" in that file)`;
}
function dockerConfigWriter(context, which, helperMs) {
    const configDir = context.places.dockerConfig;
    const ledger = new src_ledger/* Ledger */.Oc(configDir, { lock: context.lock, warn: context.warn, env: context.env });
    const WHAT = `The Docker config (DOCKER_CONFIG, else ~/.docker: ${configDir})`;
    const checkPlace = () => {
        (0,trust/* checkedPlace */.fb)(WHAT, configDir, 'dir');
        (0,trust/* checkedPlace */.fb)(WHAT, external_node_path_.join(configDir, 'config.json'), 'file');
    };
    async function helperFor(name, where, secrets) {
        const bin = await which(`docker-credential-${name}`);
        if (!bin) {
            throw new Error(`the credential helper docker-credential-${name} (${where}) is not on PATH. Install it, or change the Docker config ` +
                `so that logins for this registry go elsewhere.`);
        }
        return { name, bin, env: dockerEnv(configDir, context.env), timeoutMs: helperMs, secrets };
    }
    async function slotFor(store, key, secrets) {
        if (store.kind === 'file')
            return (0,auth_file/* fileSlot */.vK)(configDir, key);
        return helperSlot(configDir, key, await helperFor(store.name, store.where, secrets), store.detected);
    }
    return {
        async plan(credential) {
            const key = (0,auth_file/* authKey */.MY)(credential.registry.host);
            const read = (0,auth_file/* readDockerConfig */.TO)(configDir);
            const store = await (0,auth_file/* storeFor */.fV)(read, key, () => (0,auth_file/* defaultStore */.LS)(which));
            const slot = await slotFor(store, key, (0,src_credential/* secretForms */.eo)(credential));
            return { read, key, store, slot };
        },
        async write({ read, store, slot }, credential, journal) {
            const { host } = credential.registry;
            const value = store.kind === 'file' ? (0,auth_file/* fileEntry */.nV)(credential.username, credential.password) : { Username: credential.username, Secret: credential.password };
            let record = { host, digest: slot.digest(value), ...(store.kind === 'helper' ? { helper: store.name } : {}) };
            journal.add(record);
            let replaced;
            try {
                external_node_fs_.mkdirSync(configDir, { recursive: true, mode: 0o700 });
                checkPlace();
                replaced = await ledger.push(host, context.run, slot, value, store.kind === 'helper' ? store.name : undefined);
            }
            catch (error) {
                journal.drop(record);
                const where = store.kind === 'file' ? read.file : `docker-credential-${store.name} (${store.where})`;
                throw new Error(`could not write the docker login to ${where}: ${(0,errors/* redact */.E$)((0,errors/* errorMessage */.gJ)(error), (0,src_credential/* secretForms */.eo)(credential))}`);
            }
            if (replaced !== 'none') {
                const updated = { ...record, replaced };
                journal.add(updated);
                journal.drop(record);
                record = updated;
            }
            if (replaced === 'login' && !slot.keepValues) {
                context.warn(`${host}: docker-credential-${store.kind === 'helper' ? store.name : ''} already held a login for this registry; ` +
                    `it was replaced, and the post step cannot put it back (this action never copies a credential helper's ` +
                    `logins). Set 'logout: false' to keep the new login instead, or log in again after this job.`);
            }
            return record;
        },
        async undo(record) {
            if (!external_node_fs_.existsSync(configDir))
                return `the Docker config directory ${configDir} is gone: nothing to remove`;
            const key = (0,auth_file/* authKey */.MY)(record.host);
            let slot;
            if (record.helper) {
                const { config, file } = (0,auth_file/* readDockerConfig */.TO)(configDir);
                const named = [config?.credsStore, ...Object.values(config?.credHelpers ?? {}), await (0,auth_file/* defaultStore */.LS)(which)];
                if (!named.includes(record.helper) && ledger.noteOf(record.host, context.run) !== record.helper) {
                    throw new engine/* RecordRefused */.a(`the saved state names docker-credential-${record.helper}, which ${file} does not name, and the ledger holds no login of this run there: left alone`);
                }
                slot = await slotFor({ kind: 'helper', name: record.helper, where: `named in ${file}`, detected: false }, key, []);
            }
            else {
                slot = (0,auth_file/* fileSlot */.vK)(configDir, key);
            }
            return removalLine(await ledger.pop(record.host, context.run, slot, record.digest, record.replaced ?? 'none'), record);
        },
        release: record => ledger.release(record.host, context.run),
        checkPlace,
        async holds(record) {
            if (record.helper)
                return false;
            try {
                const current = (0,auth_file/* fileSlot */.vK)(configDir, (0,auth_file/* authKey */.MY)(record.host)).read();
                return current !== undefined && (0,auth_file/* fingerprint */.Rj)(current) === record.digest;
            }
            catch {
                return false;
            }
        }
    };
}


/***/ }),

/***/ 2230:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ defaultStore),
/* harmony export */   MY: () => (/* binding */ authKey),
/* harmony export */   Rj: () => (/* binding */ fingerprint),
/* harmony export */   TF: () => (/* binding */ dockerConfigJson),
/* harmony export */   TO: () => (/* binding */ readDockerConfig),
/* harmony export */   ZU: () => (/* binding */ FINGERPRINT_RE),
/* harmony export */   Ze: () => (/* binding */ configFile),
/* harmony export */   fV: () => (/* binding */ storeFor),
/* harmony export */   it: () => (/* binding */ updateDockerConfig),
/* harmony export */   kG: () => (/* binding */ isHelperName),
/* harmony export */   n1: () => (/* binding */ followLinks),
/* harmony export */   nV: () => (/* binding */ fileEntry),
/* harmony export */   oh: () => (/* binding */ authsSlot),
/* harmony export */   vK: () => (/* binding */ fileSlot),
/* harmony export */   vg: () => (/* binding */ privateLoginConfig),
/* harmony export */   y9: () => (/* binding */ readAuthsFile)
/* harmony export */ });
/* unused harmony exports DOCKER_CONFIG, updateAuthsFile, isAuthEntry */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3916);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(3728);
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(9834);
/* harmony import */ var _trust_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(689);
/* harmony import */ var _write_file_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(8655);








const CONFIG_FILE = 'config.json';
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
function authKey(host) {
    return host === 'docker.io' || host === 'index.docker.io' ? DOCKER_HUB_KEY : host;
}
function configFile(dir, platform = process.platform) {
    return followLinks((0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .pathFor */ .p)(platform).join(dir, CONFIG_FILE), platform);
}
function followLinks(start, platform = process.platform) {
    const p = (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .pathFor */ .p)(platform);
    let file = start;
    for (let hops = 0; hops < 40; hops++) {
        let target;
        try {
            target = node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync(file);
        }
        catch {
            return file;
        }
        file = p.resolve(p.dirname(file), target);
    }
    throw new Error(`${start}: too many levels of symbolic links`);
}
function isStringMap(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(v => typeof v === 'string');
}
function readDockerConfig(dir) {
    return readAuthsFile(configFile(dir), DOCKER_CONFIG);
}
const DOCKER_CONFIG = 'the Docker config';
function readAuthsFile(file, what) {
    const refuse = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${capitalize(what)} ${file} ${why}, so no login was written to it and nothing was changed. Fix the file ` +
        `(or remove it if it holds nothing you need), then run the job again.`);
    let text;
    try {
        text = (0,_read_file_js__WEBPACK_IMPORTED_MODULE_5__/* .readSmallFile */ .EW)(file).toString('utf8');
    }
    catch (error) {
        if (error instanceof _read_file_js__WEBPACK_IMPORTED_MODULE_5__/* .FileRefused */ .rV)
            throw refuse(error.reason);
        if (error.code === 'ENOENT')
            return { file, config: undefined };
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`Cannot read ${what} ${file}: ${error.message}. Check its permissions.`);
    }
    if (text.trim() === '')
        return { file, config: {} };
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        throw refuse(`is not valid JSON (${error.message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw refuse('is not a JSON object');
    const config = parsed;
    const auths = config.auths;
    if (auths !== undefined && auths !== null) {
        if (typeof auths !== 'object' || Array.isArray(auths))
            throw refuse(`has an 'auths' that is not an object`);
        for (const [key, entry] of Object.entries(auths)) {
            if (entry !== null && (typeof entry !== 'object' || Array.isArray(entry)))
                throw refuse(`has an 'auths' entry for ${JSON.stringify(key.slice(0, 100))} that is not an object`);
        }
    }
    if (config.credsStore !== undefined && typeof config.credsStore !== 'string')
        throw refuse(`has a 'credsStore' that is not a string`);
    if (config.credHelpers !== undefined && config.credHelpers !== null && !isStringMap(config.credHelpers)) {
        throw refuse(`has a 'credHelpers' that is not a map of names`);
    }
    return { file, config };
}
function updateDockerConfig(dir, change) {
    updateAuthsFile(configFile(dir), DOCKER_CONFIG, change);
}
function updateAuthsFile(file, what, change) {
    const { config = {} } = readAuthsFile(file, what);
    change(config);
    node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(file), { recursive: true, mode: 0o700 });
    const st = node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync(file, { throwIfNoEntry: false });
    const trusted = (0,_trust_js__WEBPACK_IMPORTED_MODULE_6__/* .trustedUsers */ .G6)();
    const owner = st && (trusted === undefined || trusted.owners.has(st.uid)) ? { uid: st.uid, gid: st.gid } : undefined;
    const kept = st ? { mode: st.mode & 0o777, ...(owner ? { owner } : {}) } : { mode: 0o600 };
    (0,_write_file_js__WEBPACK_IMPORTED_MODULE_7__/* .writeFileAtomic */ .Z)(file, `${JSON.stringify(config, null, '\t')}\n`, kept);
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
function containsAuth(config) {
    if (!config)
        return false;
    return (typeof config.credsStore === 'string' && config.credsStore !== '') || Object.keys(config.credHelpers ?? {}).length > 0 || Object.keys(config.auths ?? {}).length > 0;
}
async function defaultStore(which, platform = process.platform) {
    let name = '';
    if (platform === 'darwin')
        name = 'osxkeychain';
    else if (platform === 'win32')
        name = 'wincred';
    else if (platform === 'linux')
        name = (await which('pass')) ? 'pass' : 'secretservice';
    if (name === '')
        return '';
    return (await which(`docker-credential-${name}`)) ? name : '';
}
function isHelperName(name) {
    return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name);
}
async function storeFor(read, key, detect) {
    const { config, file } = read;
    let name;
    let where;
    let detected = false;
    const named = config?.credHelpers && Object.hasOwn(config.credHelpers, key) ? config.credHelpers[key] : undefined;
    if (named !== undefined) {
        name = named;
        where = `credHelpers["${key}"] in ${file}`;
    }
    else if (containsAuth(config)) {
        name = config?.credsStore ?? '';
        where = `credsStore in ${file}`;
    }
    else {
        name = await detect();
        where = `docker's default credential store on this platform (docker-credential-${name} is on PATH and ${file} names no store)`;
        detected = true;
    }
    if (name === '')
        return { kind: 'file' };
    if (!isHelperName(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`The credential helper ${JSON.stringify(name.slice(0, 100))} (${where}) is not a helper name docker can run. Fix the Docker config.`);
    }
    return { kind: 'helper', name, where, detected };
}
function privateLoginConfig(config, key) {
    const settings = { ...config };
    delete settings.auths;
    delete settings.credsStore;
    delete settings.credHelpers;
    return { ...settings, auths: { [key]: {} } };
}
function fingerprint(value) {
    const canonical = (v) => {
        if (Array.isArray(v))
            return v.map(canonical);
        if (typeof v !== 'object' || v === null)
            return v;
        return Object.fromEntries(Object.keys(v)
            .sort()
            .map(k => [k, canonical(v[k])]));
    };
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(`cloud-registry-login docker\n${JSON.stringify(canonical(value))}`)
        .digest('hex')
        .slice(0, 40);
}
const FINGERPRINT_RE = /^[0-9a-f]{40}$/;
function fileEntry(username, password) {
    return { auth: Buffer.from(`${username}:${password}`, 'utf8').toString('base64') };
}
function dockerConfigJson(logins) {
    if (logins.length === 0)
        return '';
    const auths = Object.fromEntries(logins.map(l => [authKey(l.registry.host), fileEntry(l.username, l.password)]));
    return JSON.stringify({ auths });
}
function fileSlot(dir, key) {
    return authsSlot(configFile(dir), key, DOCKER_CONFIG);
}
function authsSlot(file, key, what) {
    return {
        read: () => {
            const entry = readAuthsFile(file, what).config?.auths?.[key];
            return entry === undefined || entry === null ? undefined : entry;
        },
        write: value => updateAuthsFile(file, what, config => {
            const auths = { ...(config.auths ?? {}) };
            if (value === undefined)
                delete auths[key];
            else
                auths[key] = value;
            config.auths = auths;
        }),
        digest: fingerprint,
        keepValues: true,
        isValue: isAuthEntry
    };
}
const AUTH_ENTRY_MAX = 64 * 1024;
function isAuthEntry(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    return JSON.stringify(value).length <= AUTH_ENTRY_MAX;
}


/***/ }),

/***/ 9575:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Du: () => (/* binding */ serverBusy),
/* harmony export */   I$: () => (/* binding */ CUT_OFF_RULE),
/* harmony export */   LL: () => (/* binding */ NETWORK_RULES),
/* harmony export */   VI: () => (/* binding */ helperAdvice),
/* harmony export */   g0: () => (/* binding */ explainDockerFailure),
/* harmony export */   sG: () => (/* binding */ ruleFor),
/* harmony export */   zS: () => (/* binding */ explainDockerTimeout)
/* harmony export */ });
/* unused harmony exports daemonCaFile, failureLine */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);

function ruleFor(rules, line, output) {
    return rules.find(r => r.test.test(line)) ?? rules.find(r => r.test.test(output));
}
const NO_LOGON_SESSION = /specified logon session does not exist|ERROR_NO_SUCH_LOGON_SESSION/i;
const NO_LOGON_SESSION_ADVICE = `Windows' Credential Manager (docker-credential-wincred) cannot be used from this job: it needs an interactive ` +
    `logon session, which the runner's service does not have on some Windows runner images ` +
    `(actions/runner-images#11211). Set 'engine: docker-config' to keep the login in the Docker config file itself ` +
    `(if config.json names "credsStore": "wincred", remove that line in a step before this one).`;
function helperAdvice(said) {
    return NO_LOGON_SESSION.test(said) ? NO_LOGON_SESSION_ADVICE : '';
}
function daemonCaFile(host, platform) {
    if (platform === 'win32')
        return `%ProgramData%\\docker\\certs.d\\${host}\\ca.crt`;
    if (platform === 'darwin')
        return `~/.docker/certs.d/${host}/ca.crt (Docker Desktop)`;
    return `/etc/docker/certs.d/${host}/ca.crt`;
}
const NETWORK_RULES = [
    {
        test: /no such host|Name or service not known|nodename nor servname/i,
        kind: 'not-found',
        transient: false,
        statement: host => `${host} cannot be resolved.`
    },
    {
        test: /server misbehaving|Temporary failure in name resolution|lookup \S+ on \S+: (i\/o timeout|try again)/i,
        kind: 'other',
        transient: true,
        statement: host => `Looking up ${host} failed in the DNS server, a problem of the runner's network that persisted over several tries. ` +
            `Run the job again; if it keeps failing, check the runner's DNS settings.`
    },
    {
        test: /connection refused/i,
        kind: 'other',
        transient: false,
        statement: host => `Nothing accepts connections at ${host}. Check 'registry' (host and port), and that the registry is up.`
    }
];
const serverBusy = (host) => `${host} answered with a server error or asked to slow down, over several tries. Run the job again later, and ` + `check the provider's service status if it keeps failing.`;
const CUT_OFF_RULE = {
    test: /connection reset|broken pipe|unexpected EOF|\bEOF\b/i,
    kind: 'other',
    transient: true,
    statement: host => `The connection to ${host} was cut off, over several tries. Check proxies and firewalls between the runner and ` +
        `the registry (HTTPS_PROXY, NO_PROXY), then run the job again.`
};
const RULES = [
    {
        test: NO_LOGON_SESSION,
        kind: 'other',
        transient: false,
        statement: host => `docker could not store the login for ${host}. ${NO_LOGON_SESSION_ADVICE}`
    },
    {
        test: /not allow(ed)? to login|Not allow to login/i,
        kind: 'blocked',
        transient: false,
        statement: host => `${host} refused the login because the account is temporarily blocked after too many requests or failed logins.`
    },
    {
        test: /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|permission denied while trying to connect to the Docker daemon/i,
        kind: 'other',
        transient: false,
        statement: (_, dockerHost) => `The Docker daemon is not reachable (DOCKER_HOST=${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)(dockerHost, 200)}). ` +
            `Start Docker or fix DOCKER_HOST, or set 'engine: docker-config' or 'engine: containerd' on a runner without a Docker daemon.`
    },
    {
        test: /unauthorized|authentication required|status: 401|401 Unauthorized|incorrect username or password/i,
        kind: 'unauthorized',
        transient: false,
        statement: host => `${host} rejected the credentials.`
    },
    {
        test: /denied|forbidden|status: 403/i,
        kind: 'denied',
        transient: false,
        statement: host => `${host} denied the login.`
    },
    ...NETWORK_RULES,
    {
        test: /x509:|certificate|tls: /i,
        kind: 'tls',
        transient: false,
        statement: (host, _, platform) => `The TLS certificate of ${host} is not trusted or not valid. For a private registry, put its CA certificate in ` + `${daemonCaFile(host, platform)}.`
    },
    {
        test: /server gave HTTP response to HTTPS client/i,
        kind: 'other',
        transient: false,
        statement: host => `${host} speaks plain HTTP. Set 'registry: http://${host}' and list it in the Docker daemon's insecure-registries.`
    },
    {
        test: /timeout|timed out|deadline exceeded|Client\.Timeout/i,
        kind: 'other',
        transient: true,
        statement: host => `Connecting to ${host} timed out, over several tries. Check the runner's network and proxy settings ` +
            `(HTTPS_PROXY, NO_PROXY, and the Docker daemon's own proxy settings), then run the job again.`
    },
    {
        test: /status:? (500|502|503|504|429)\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|too many requests/i,
        kind: 'other',
        transient: true,
        statement: serverBusy
    },
    CUT_OFF_RULE
];
const NOISE = [
    /^WARNING! Your (credentials are|password will be) stored unencrypted/i,
    /^Configure a credential helper/i,
    /^https:\/\/docs\.docker\.com\//i,
    /^time="[^"]*" level=/,
    /^Login did not succeed, error:\s*$/i
];
function failureLine(stderr) {
    const lines = stderr
        .split(/\r?\n/)
        .map(l => l.trim())
        .filter(l => l !== '' && !NOISE.some(re => re.test(l)));
    return lines[0] ?? '';
}
function explainDockerFailure(host, stderr, exitCode, dockerHost, platform = process.platform) {
    const detail = failureLine(stderr) || `docker exited with code ${exitCode} and printed nothing`;
    const rule = ruleFor(RULES, detail, stderr);
    if (!rule) {
        return { kind: 'other', statement: `docker login to ${host} failed, for a reason docker's own message gives.`, detail, transient: false };
    }
    return { kind: rule.kind, statement: rule.statement(host, dockerHost || 'default socket', platform), detail, transient: rule.transient };
}
function explainDockerTimeout(host, seconds, daemonAnswers, dockerHost) {
    if (!daemonAnswers) {
        const where = dockerHost ? `DOCKER_HOST=${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)(dockerHost, 200)}` : 'DOCKER_HOST is unset: the default socket or the current docker context';
        return {
            kind: 'other',
            statement: `The Docker daemon did not answer within ${seconds} s (${where}). Check that dockerd is running and responsive ` +
                `there (restart it if it hangs), or fix DOCKER_HOST; on a runner without a Docker daemon, set 'engine: docker-config' or 'engine: containerd'.`,
            detail: `docker login was stopped after ${seconds} s, and the daemon did not answer 'docker version' either`,
            transient: false
        };
    }
    return {
        kind: 'other',
        statement: `Logging in to ${host} did not finish within ${seconds} s: the registry did not answer the Docker daemon in time. ` +
            `Check 'registry' and the network between the daemon and the registry (the daemon's own proxy settings, ` +
            `HTTPS_PROXY, NO_PROXY), then run the job again.`,
        detail: `docker login was stopped after ${seconds} s; the daemon itself answers`,
        transient: false
    };
}


/***/ }),

/***/ 3587:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ proveWithCli)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1200);
/* harmony import */ var _credential_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3302);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(3916);
/* harmony import */ var _failure_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(1633);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(351);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(9809);








async function proveWithCli(context, credential, cli) {
    const { host } = credential.registry;
    const { tool } = cli;
    const secrets = (0,_credential_js__WEBPACK_IMPORTED_MODULE_3__/* .secretForms */ .eo)(credential);
    const deadline = Date.now() + cli.loginMs;
    node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(context.places.tempDir, { recursive: true });
    const dir = node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync(node_path__WEBPACK_IMPORTED_MODULE_1__.join(context.places.tempDir, `cloud-registry-login-${cli.engine}-`));
    try {
        const { args, env } = cli.setUp(dir);
        const once = async () => {
            let result;
            try {
                result = await (0,_command_js__WEBPACK_IMPORTED_MODULE_2__/* .runCommand */ .d)(cli.bin, args, { env, input: credential.password, timeoutMs: Math.max(deadline - Date.now(), 1) });
            }
            catch (error) {
                throw new Error(`${tool} could not be started (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error), secrets)})`);
            }
            if (result.timedOut) {
                const failure = await cli.timedOut(Math.round(cli.loginMs / 1000));
                throw new _failure_js__WEBPACK_IMPORTED_MODULE_5__/* .EngineFailure */ .F(failure.kind, failure.statement, `${tool}: ${failure.detail}`, false);
            }
            if (result.exitCode === 0)
                return;
            const explained = cli.explain(result.stderr, result.exitCode ?? -1);
            const detail = `${tool}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .cut */ .Jj)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(explained.detail, secrets), 300)}`;
            throw new _failure_js__WEBPACK_IMPORTED_MODULE_5__/* .EngineFailure */ .F(explained.kind, explained.statement, detail, explained.transient);
        };
        await (0,_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .retry */ .L5)(once, error => error instanceof _failure_js__WEBPACK_IMPORTED_MODULE_5__/* .EngineFailure */ .F && error.transient, context.retryPolicy ?? _retry_js__WEBPACK_IMPORTED_MODULE_6__/* .DEFAULT_RETRY */ .vI, {
            deadline,
            minTryMs: _limits_js__WEBPACK_IMPORTED_MODULE_7__/* .MIN_TRY_MS */ .UK,
            onRetry: (attempt, delay, error) => context.log(`${host}: ${tool} login try ${attempt} failed (${error instanceof _failure_js__WEBPACK_IMPORTED_MODULE_5__/* .EngineFailure */ .F ? error.detail : (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}); ` +
                `trying again in ${(delay / 1000).toFixed(1)} s`)
        });
        return cli.result(dir);
    }
    finally {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(dir, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Jj: () => (/* binding */ cut),
/* harmony export */   RK: () => (/* binding */ visible),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/* unused harmony export MAX_QUOTED */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(351);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7194);



class UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    if (typeof error !== 'object' || error === null)
        return String(error);
    try {
        return JSON.stringify(error) ?? String(error);
    }
    catch {
        return (0,node_util__WEBPACK_IMPORTED_MODULE_0__.inspect)(error, { depth: 2, breakLength: Infinity });
    }
}
function redact(text, secrets) {
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redactSecrets */ .fp)(text, secrets);
}
const MAX_QUOTED = 100;
const NAMED = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function visible(char) {
    const code = char.codePointAt(0) ?? 0;
    return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}
function quote(value, max = MAX_QUOTED) {
    return `'${cut(value.replace(_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .UNSAFE */ .Pk, visible), max)}'`;
}
function cut(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}


/***/ }),

/***/ 1633:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ EngineFailure)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);

class EngineFailure extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo {
    kind;
    statement;
    detail;
    transient;
    constructor(kind, statement, detail, transient = false) {
        super(composeFailure(statement, undefined, detail));
        this.kind = kind;
        this.statement = statement;
        this.detail = detail;
        this.transient = transient;
        this.name = 'EngineFailure';
    }
    withAdvice(advice) {
        return composeFailure(this.statement, advice, this.detail);
    }
}
function composeFailure(statement, advice, detail) {
    return [statement, advice].filter(Boolean).join(' ') + (detail ? ` (${detail})` : '');
}


/***/ }),

/***/ 7894:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  th: () => (/* binding */ LEDGER_FILE),
  Oc: () => (/* binding */ Ledger)
});

// UNUSED EXPORTS: LAYER_MAX_AGE_MS, LOCK_FILE, LedgerUnreadable

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: ./src/read-file.ts
var read_file = __nccwpck_require__(9834);
;// CONCATENATED MODULE: ./src/process-identity.ts


function startOf(pid) {
    try {
        const stat = (0,read_file/* readSmallFile */.EW)(`/proc/${pid}/stat`, 4096).toString('utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const start = fields[19];
        return start !== undefined && /^\d+$/.test(start) ? start : undefined;
    }
    catch {
        return undefined;
    }
}
let bootCache;
function bootId() {
    if (bootCache === undefined) {
        try {
            bootCache = (0,read_file/* readSmallFile */.EW)('/proc/sys/kernel/random/boot_id', 256).toString('utf8').trim() || null;
        }
        catch {
            bootCache = null;
        }
    }
    return bootCache ?? undefined;
}
function identityOf(pid = process.pid) {
    const start = startOf(pid);
    const boot = bootId();
    return { host: external_node_os_.hostname(), pid, ...(start !== undefined ? { start } : {}), ...(boot !== undefined ? { boot } : {}) };
}
function isProcessIdentity(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const v = value;
    return (typeof v.host === 'string' &&
        v.host.length <= 255 &&
        Number.isSafeInteger(v.pid) &&
        v.pid > 0 &&
        (v.start === undefined || (typeof v.start === 'string' && /^\d{1,20}$/.test(v.start))) &&
        (v.boot === undefined || (typeof v.boot === 'string' && /^[0-9a-f-]{1,64}$/.test(v.boot))));
}
function isRunning(id) {
    if (id.host !== external_node_os_.hostname())
        return undefined;
    const boot = bootId();
    if (id.boot !== undefined && boot !== undefined && id.boot !== boot)
        return false;
    try {
        process.kill(id.pid, 0);
    }
    catch (error) {
        if (error.code !== 'EPERM')
            return false;
    }
    if (id.start === undefined)
        return true;
    const start = startOf(id.pid);
    return start === undefined ? undefined : start === id.start;
}

;// CONCATENATED MODULE: ./src/lock.ts




const DEFAULTS = { waitMs: 90_000, staleMs: 75_000 };
const FUTURE_SLACK_MS = 5_000;
const YOUNG_MS = 2_000;
const LOCK_MAX = 4096;
class LockRefused extends Error {
}
function look(file, now) {
    let text;
    try {
        text = (0,read_file/* readSmallFile */.EW)(file, { max: LOCK_MAX, noFollow: true }).toString('utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { kind: 'none' };
        if (error instanceof read_file/* FileRefused */.rV) {
            if (/larger than/.test(error.reason))
                return { kind: 'unreadable', ageMs: ageOf(file, now) };
            return { kind: 'other', what: error.reason };
        }
        return { kind: 'other', what: `cannot be read (${error.code ?? error.message})` };
    }
    try {
        const parsed = JSON.parse(text);
        if (isProcessIdentity(parsed)) {
            const { since, token } = parsed;
            if (typeof since === 'number' && typeof token === 'string')
                return { kind: 'holder', holder: parsed };
        }
    }
    catch {
    }
    return { kind: 'unreadable', ageMs: ageOf(file, now) };
}
function ageOf(file, now) {
    try {
        return now - external_node_fs_.lstatSync(file).mtimeMs;
    }
    catch {
        return 0;
    }
}
function takeOverReason(found, staleMs, now) {
    switch (found.kind) {
        case 'none':
            return undefined;
        case 'other':
            return `it ${found.what}`;
        case 'unreadable':
            return found.ageMs >= YOUNG_MS ? 'it names no holder (empty, or not a lock of this action: a full disk, say)' : undefined;
        case 'holder': {
            const { holder } = found;
            if (holder.since > now + FUTURE_SLACK_MS)
                return `its holder's start time is in the future (${new Date(holder.since).toISOString()})`;
            if (isRunning(holder) === false)
                return `its holder, process ${holder.pid}, is gone`;
            if (now - holder.since > staleMs)
                return `it has been held for ${Math.round((now - holder.since) / 1000)} s, far longer than any holder needs`;
            return undefined;
        }
    }
}
function create(file, holder) {
    const tmp = `${file}.${holder.token}.tmp`;
    try {
        external_node_fs_.writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600, flag: 'wx' });
    }
    catch (error) {
        external_node_fs_.rmSync(tmp, { force: true });
        throw new Error(`the lock ${file} could not be made (${error.code ?? error.message})`);
    }
    try {
        external_node_fs_.linkSync(tmp, file);
        return true;
    }
    catch (error) {
        const code = error.code;
        if (code === 'EEXIST')
            return false;
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS')
            return createInPlace(file, holder);
        throw new Error(`the lock ${file} could not be made (${code ?? error.message})`);
    }
    finally {
        external_node_fs_.rmSync(tmp, { force: true });
    }
}
function createInPlace(file, holder) {
    let fd;
    try {
        fd = external_node_fs_.openSync(file, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL | (external_node_fs_.constants.O_NOFOLLOW ?? 0), 0o600);
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return false;
        throw error;
    }
    try {
        external_node_fs_.writeSync(fd, JSON.stringify(holder));
    }
    catch (error) {
        external_node_fs_.closeSync(fd);
        external_node_fs_.rmSync(file, { force: true });
        throw error;
    }
    external_node_fs_.closeSync(fd);
    return true;
}
function removeEntry(file) {
    try {
        const st = external_node_fs_.lstatSync(file);
        if (st.isDirectory())
            external_node_fs_.rmdirSync(file);
        else
            external_node_fs_.unlinkSync(file);
        return true;
    }
    catch (error) {
        return error.code === 'ENOENT';
    }
}
function takeOver(file, holder, staleMs) {
    const guard = `${file}.takeover`;
    if (!create(guard, holder)) {
        if (takeOverReason(look(guard, Date.now()), staleMs, Date.now()) !== undefined)
            removeEntry(guard);
        return false;
    }
    try {
        const reason = takeOverReason(look(file, Date.now()), staleMs, Date.now());
        if (reason === undefined)
            return false;
        if (!removeEntry(file)) {
            throw new LockRefused(`${file} is not a lock this action can take over: ${reason}, and it cannot be removed. Remove it if no job is running on this machine, then run the job again.`);
        }
        return true;
    }
    finally {
        external_node_fs_.rmSync(guard, { force: true });
    }
}
async function withLock(file, task, options = {}) {
    const { waitMs, staleMs } = { ...DEFAULTS, ...options };
    const sleep = options.sleep ?? ((ms) => new Promise(resolve => setTimeout(resolve, ms)));
    const token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    const deadline = Math.min(Date.now() + waitMs, options.deadline?.at ?? Infinity);
    for (let attempt = 0;; attempt++) {
        const now = Date.now();
        const holder = { ...identityOf(), since: now, token };
        if (create(file, holder))
            break;
        if (takeOverReason(look(file, now), staleMs, now) !== undefined && takeOver(file, holder, staleMs))
            continue;
        if (now >= deadline) {
            const found = look(file, now);
            const who = found.kind === 'holder' ? ` (process ${found.holder.pid} on ${found.holder.host}, since ${new Date(found.holder.since).toISOString()})` : '';
            throw new Error(`another process has held the lock ${file} for too long${who}. If no other job is running on this machine, ` + `delete that file and run the job again.`);
        }
        await sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random() / 2));
    }
    try {
        return await task();
    }
    finally {
        const found = look(file, Date.now());
        if (found.kind === 'holder' && found.holder.token === token)
            external_node_fs_.rmSync(file, { force: true });
    }
}

// EXTERNAL MODULE: ./src/write-file.ts
var write_file = __nccwpck_require__(8655);
;// CONCATENATED MODULE: ./src/ledger.ts






const LEDGER_FILE = '.cloud-registry-login.json';
const LOCK_FILE = '.cloud-registry-login.lock';
const LEDGER_MAX = 4 * 1024 * 1024;
const LAYER_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const DIGEST_RE = /^[0-9a-f]{16,128}$/;
class LedgerUnreadable extends Error {
}
class Ledger {
    dir;
    file;
    lockFile;
    lockOptions;
    warn;
    env;
    constructor(dir, options = {}) {
        this.dir = dir;
        this.file = external_node_path_.join(dir, LEDGER_FILE);
        this.lockFile = external_node_path_.join(dir, LOCK_FILE);
        this.lockOptions = options.lock ?? {};
        this.warn = options.warn ?? (() => undefined);
        this.env = options.env ?? process.env;
    }
    locked(task) {
        return withLock(this.lockFile, task, this.lockOptions);
    }
    liveness() {
        const { RUNNER_NAME, GITHUB_RUN_ID, GITHUB_JOB, GITHUB_RUN_ATTEMPT } = this.env;
        const parent = process.ppid > 1 ? identityOf(process.ppid) : undefined;
        return {
            ...(parent ? { process: parent } : {}),
            at: Date.now(),
            ...(RUNNER_NAME ? { runner: RUNNER_NAME.slice(0, 200) } : {}),
            ...(GITHUB_RUN_ID ? { job: `${GITHUB_RUN_ID}/${(GITHUB_JOB ?? '').slice(0, 100)}/${GITHUB_RUN_ATTEMPT ?? ''}` } : {})
        };
    }
    isDead(layer, now) {
        if (!layer.live)
            return false;
        if (now - layer.live.at > LAYER_MAX_AGE_MS)
            return true;
        return layer.live.process !== undefined && isRunning(layer.live.process) === false;
    }
    checked(key, entry, slot) {
        if (!entry)
            return entry;
        const sound = (kept) => !('value' in kept) || (slot.keepValues && slot.isValue(kept.value) && slot.digest(kept.value) === kept.digest);
        const layers = entry.layers.filter(sound);
        const base = entry.base === null || sound(entry.base) ? entry.base : { digest: entry.base.digest };
        if (layers.length !== entry.layers.length || base !== entry.base) {
            this.warn(`${this.file}: an entry for ${key} holds a value that is not one this action writes (its shape or its digest does ` +
                `not match), so it was refused and will never be written back. If no job is running, delete that file.`);
        }
        return { base, layers };
    }
    async retire(key, entry, slot, current) {
        const now = Date.now();
        const dead = entry.layers.filter(layer => this.isDead(layer, now));
        if (dead.length === 0)
            return current;
        const top = entry.layers[entry.layers.length - 1];
        const live = entry.layers.filter(layer => !dead.includes(layer));
        entry.layers = live;
        const who = dead.map(layer => (layer.live?.job ? `job ${layer.live.job}${layer.live.runner ? ` on ${layer.live.runner}` : ''}` : `run ${layer.id}`));
        const currentDigest = current === undefined ? undefined : slot.digest(current);
        if (top === undefined || !dead.includes(top) || currentDigest !== top.digest) {
            this.warn(`${key}: retired the login of ${who.join(', ')}, which ended without its post step: it will never be written back.`);
            return current;
        }
        const below = live[live.length - 1];
        const next = below ?? entry.base;
        let after = current;
        if (next === null) {
            await slot.write(undefined);
            after = undefined;
        }
        else if ('value' in next) {
            await slot.write(next.value);
            after = next.value;
        }
        else if (next.digest !== top.digest) {
            if (below) {
                below.digest = top.digest;
            }
            else {
                await slot.write(undefined);
                after = undefined;
            }
        }
        this.warn(`${key}: took off the login of ${who.join(', ')}, which ended without its post step, and put back what was under ` +
            `it${next === null || (!('value' in next) && !below) ? ' (nothing that could be put back)' : ''}.`);
        return after;
    }
    holds(id) {
        const data = this.read();
        return Object.values(data.slots).some(entry => entry.layers.some(layer => layer.id === id));
    }
    noteOf(key, id) {
        try {
            return this.read().slots[key]?.layers.find(layer => layer.id === id)?.note;
        }
        catch {
            return undefined;
        }
    }
    async push(key, id, slot, value, note) {
        return this.locked(async () => {
            const data = this.read();
            this.dropDeadBelow(data, key);
            let current = await slot.read();
            let entry = this.checked(key, data.slots[key], slot);
            if (entry)
                current = await this.retire(key, entry, slot, current);
            const currentDigest = current === undefined ? undefined : slot.digest(current);
            const top = entry?.layers[entry.layers.length - 1];
            let replaced;
            if (entry && top && currentDigest === top.digest) {
                replaced = 'layer';
            }
            else {
                entry = { base: current === undefined ? null : this.keep(slot, current), layers: [] };
                replaced = current === undefined ? 'none' : 'login';
            }
            if (currentDigest === slot.digest(value))
                replaced = 'same';
            entry.layers = entry.layers.filter(layer => layer.id !== id);
            entry.layers.push({ id, ...this.keep(slot, value), ...(note === undefined ? {} : { note }), live: this.liveness() });
            data.slots[key] = entry;
            const before = this.read();
            this.write(data);
            let written = false;
            try {
                await slot.write(value);
                written = true;
                const after = await slot.read();
                if (after === undefined || slot.digest(after) !== slot.digest(value)) {
                    throw new Error(slot.mismatch ?? 'another program replaced it at the same moment (one that does not take our lock)');
                }
            }
            catch (error) {
                if (written)
                    await this.undoWrite(slot, value, current);
                this.write(before);
                throw error;
            }
            return replaced;
        });
    }
    async pop(key, id, slot, digest, replaced = 'none') {
        return this.locked(async () => {
            let data;
            try {
                data = this.read();
            }
            catch (error) {
                if (!(error instanceof LedgerUnreadable))
                    throw error;
                this.warn(`${error.message}: it was left as it is, and nothing it noted can be put back.`);
                if ((await this.digestOf(slot)) !== digest || replaced === 'same')
                    return 'already';
                await slot.write(undefined);
                return 'removed-untracked';
            }
            this.dropDeadBelow(data, key);
            let current = await slot.read();
            const entry = this.checked(key, data.slots[key], slot);
            if (entry)
                current = await this.retire(key, entry, slot, current);
            const at = entry ? entry.layers.findIndex(layer => layer.id === id) : -1;
            const currentDigest = current === undefined ? undefined : slot.digest(current);
            const ours = entry?.layers[at];
            if (!entry || ours === undefined) {
                if (entry) {
                    if (entry.layers.length === 0)
                        delete data.slots[key];
                    else
                        data.slots[key] = entry;
                    this.write(data);
                }
                const live = entry?.layers.some(layer => layer.digest === currentDigest) ?? false;
                if (currentDigest !== digest || replaced === 'same' || live)
                    return 'already';
                await slot.write(undefined);
                return 'removed-untracked';
            }
            const isTop = at === entry.layers.length - 1;
            entry.layers.splice(at, 1);
            let removal;
            if (!isTop) {
                removal = 'superseded';
            }
            else if (currentDigest === ours.digest) {
                const below = entry.layers[entry.layers.length - 1];
                const next = below ?? entry.base;
                if (next === null) {
                    await slot.write(undefined);
                    removal = 'removed';
                }
                else if ('value' in next) {
                    await slot.write(next.value);
                    removal = below ? 'uncovered' : 'restored';
                }
                else if (next.digest === ours.digest) {
                    removal = below ? 'uncovered' : 'restored';
                }
                else if (below) {
                    below.digest = ours.digest;
                    removal = 'handed-over';
                }
                else {
                    await slot.write(undefined);
                    removal = 'lost';
                }
            }
            else {
                const stripped = current !== undefined && slot.strip && 'value' in ours ? slot.strip(current, ours.value) : null;
                if (stripped === null) {
                    removal = 'changed';
                }
                else {
                    await slot.write(stripped);
                    removal = 'stripped';
                }
                entry.layers = [];
            }
            if (entry.layers.length === 0)
                delete data.slots[key];
            else
                data.slots[key] = entry;
            this.write(data);
            return removal;
        });
    }
    async digestOf(slot) {
        const current = await slot.read();
        return current === undefined ? undefined : slot.digest(current);
    }
    dropDeadBelow(data, key) {
        const now = Date.now();
        for (const [other, entry] of Object.entries(data.slots)) {
            if (other === key)
                continue;
            const top = entry.layers[entry.layers.length - 1];
            entry.layers = entry.layers.filter(layer => layer === top || !this.isDead(layer, now));
        }
    }
    async release(key, id) {
        return this.locked(() => {
            const data = this.read();
            const entry = data.slots[key];
            const at = entry ? entry.layers.findIndex(layer => layer.id === id) : -1;
            if (!entry || at < 0)
                return;
            if (at === entry.layers.length - 1)
                delete data.slots[key];
            else
                entry.layers.splice(at, 1);
            this.write(data);
        });
    }
    async undoWrite(slot, value, previous) {
        try {
            const now = slot.keepValues ? await slot.read() : value;
            if (now !== undefined && slot.digest(now) === slot.digest(value))
                await slot.write(previous);
        }
        catch {
        }
    }
    tracks(key) {
        try {
            return (this.read().slots[key]?.layers.length ?? 0) > 0;
        }
        catch (error) {
            return !(error instanceof LedgerUnreadable);
        }
    }
    keep(slot, value) {
        return slot.keepValues ? { digest: slot.digest(value), value } : { digest: slot.digest(value) };
    }
    read() {
        let text;
        try {
            text = (0,read_file/* readSmallFile */.EW)(this.file, { max: LEDGER_MAX, noFollow: true }).toString('utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return { version: 1, slots: {} };
            if (error instanceof read_file/* FileRefused */.rV)
                throw new LedgerUnreadable(`${this.file} ${error.reason}, not a ledger of this action`);
            throw error;
        }
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
        }
        if (!isLedgerFile(parsed)) {
            throw new LedgerUnreadable(`${this.file} is not a ledger this version of the action can read; delete it if no job is running`);
        }
        return parsed;
    }
    write(data) {
        if (Object.keys(data.slots).length === 0) {
            external_node_fs_.rmSync(this.file, { force: true });
            return;
        }
        (0,write_file/* writeFileAtomic */.Z)(this.file, JSON.stringify(data), { mode: 0o600 });
    }
}
function isKept(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const v = value;
    return typeof v.digest === 'string' && DIGEST_RE.test(v.digest);
}
function isLiveness(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const v = value;
    return (typeof v.at === 'number' &&
        Number.isFinite(v.at) &&
        (v.process === undefined || isProcessIdentity(v.process)) &&
        (v.runner === undefined || (typeof v.runner === 'string' && v.runner.length <= 200)) &&
        (v.job === undefined || (typeof v.job === 'string' && v.job.length <= 200)));
}
function isLedgerFile(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const v = value;
    if (v.version !== 1 || typeof v.slots !== 'object' || v.slots === null || Array.isArray(v.slots))
        return false;
    return Object.values(v.slots).every(entry => {
        if (typeof entry !== 'object' || entry === null)
            return false;
        const e = entry;
        return ((e.base === null || isKept(e.base)) &&
            Array.isArray(e.layers) &&
            e.layers.every(layer => isKept(layer) &&
                typeof layer.id === 'string' &&
                ID_RE.test(layer.id) &&
                (layer.live === undefined || isLiveness(layer.live))));
    });
}


/***/ }),

/***/ 351:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pk: () => (/* binding */ UNSAFE),
/* harmony export */   UK: () => (/* binding */ MIN_TRY_MS),
/* harmony export */   W3: () => (/* binding */ CONTROL),
/* harmony export */   n6: () => (/* binding */ PATH_MAX)
/* harmony export */ });
const PATH_MAX = 4096;
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const MIN_TRY_MS = 2_000;


/***/ }),

/***/ 5625:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   fJ: () => (/* binding */ fail),
/* harmony export */   pq: () => (/* binding */ info)
/* harmony export */ });
/* unused harmony exports MAX_TEXT, clean */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2413);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(351);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7194);




const MAX_TEXT = 8000;
function neutraliseLine(line) {
    return line
        .replace(_limits_js__WEBPACK_IMPORTED_MODULE_3__/* .UNSAFE */ .Pk, _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)
        .replace(/^(\s*)::/, '$1\\::')
        .split('##[')
        .join('##[\\');
}
function clean(text) {
    const lines = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .redactRemembered */ .gU)(text).split(/\r?\n/).map(neutraliseLine).join('\n');
    return lines.length > MAX_TEXT ? `${lines.slice(0, MAX_TEXT - 1)}…` : lines;
}
function info(text) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(clean(text));
}
function warning(text) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(clean(text));
}
function fail(text) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(clean(text));
}
async function group(title, fn) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(clean(title), fn);
}


/***/ }),

/***/ 5025:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ memo)
/* harmony export */ });
function memo(compute, keyOf = String) {
    const results = new Map();
    return arg => {
        const key = keyOf(arg);
        if (results.has(key))
            return results.get(key);
        const value = compute(arg);
        results.set(key, value);
        return value;
    };
}


/***/ }),

/***/ 6455:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   aQ: () => (/* binding */ OUTPUT),
/* harmony export */   bO: () => (/* binding */ INPUT),
/* harmony export */   c4: () => (/* binding */ STATE)
/* harmony export */ });
const INPUT = {
    provider: 'provider',
    accessKeyId: 'access-key-id',
    accessKeySecret: 'access-key-secret',
    securityToken: 'security-token',
    region: 'region',
    loginType: 'login-type',
    duration: 'duration',
    instanceId: 'instance-id',
    username: 'username',
    password: 'password',
    oidcProvider: 'oidc-provider',
    roleToAssume: 'role-to-assume',
    audience: 'audience',
    roleSessionName: 'role-session-name',
    stsEndpoint: 'sts-endpoint',
    registry: 'registry',
    apiEndpoint: 'api-endpoint',
    engine: 'engine',
    hostsDir: 'hosts-dir',
    dockerConfigDir: 'docker-config-dir',
    logout: 'logout'
};
const OUTPUT = {
    registry: 'registry',
    registries: 'registries',
    username: 'username',
    hostsDir: 'hosts-dir',
    ctrUser: 'ctr-user',
    dockerConfigJson: 'docker-config-json',
    authFile: 'auth-file',
    dockerConfigDir: 'docker-config-dir',
    expiresAt: 'expires-at'
};
const STATE = {
    isPost: 'isPost',
    login: 'login'
};


/***/ }),

/***/ 5105:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ percentEncode)
/* harmony export */ });
function percentEncode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}


/***/ }),

/***/ 3235:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EP: () => (/* binding */ PLACE_KINDS),
/* harmony export */   PW: () => (/* binding */ ledgerDir),
/* harmony export */   Ps: () => (/* binding */ ownPlaces),
/* harmony export */   TI: () => (/* binding */ PLACE_NAMES),
/* harmony export */   Wu: () => (/* binding */ placesFor),
/* harmony export */   YY: () => (/* binding */ authFileLocation),
/* harmony export */   kG: () => (/* binding */ dockerConfigDir)
/* harmony export */ });
/* unused harmony exports authFilePath, defaultHostsDir */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3728);



const PLACE_KINDS = { hostsDir: 'dir', dockerConfig: 'dir', authFile: 'file' };
const PLACES = { hostsDir: true, dockerConfig: true, authFile: true, tempDir: true };
const PLACE_NAMES = Object.keys(PLACES);
function ledgerDir(place, where) {
    return PLACE_KINDS[place] === 'file' ? (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .pathFor */ .p)(process.platform).dirname(where) : where;
}
function dockerConfigDir(env = process.env, platform = process.platform) {
    return env.DOCKER_CONFIG || (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .pathFor */ .p)(platform).join((0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .homeDir */ .l)(env, platform), '.docker');
}
function authFileLocation(env, platform = process.platform, uid = process.getuid?.() ?? 0, home = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .homeDir */ .l)(env, platform)) {
    const paths = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .pathFor */ .p)(platform);
    if (env.REGISTRY_AUTH_FILE)
        return { file: env.REGISTRY_AUTH_FILE, source: 'REGISTRY_AUTH_FILE' };
    if (env.DOCKER_CONFIG)
        return { file: paths.join(env.DOCKER_CONFIG, 'config.json'), source: 'DOCKER_CONFIG' };
    if (platform === 'darwin' || platform === 'win32')
        return { file: paths.join(home, '.config', 'containers', 'auth.json'), source: 'the default on this platform' };
    if (env.XDG_RUNTIME_DIR) {
        return { file: paths.join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'), source: 'XDG_RUNTIME_DIR', runtimeDir: env.XDG_RUNTIME_DIR };
    }
    return { file: `/run/containers/${uid}/auth.json`, source: `the default for uid ${uid} without XDG_RUNTIME_DIR` };
}
function authFilePath(env, platform = process.platform) {
    return authFileLocation(env, platform).file;
}
function defaultHostsDir(env, platform = process.platform) {
    const p = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .pathFor */ .p)(platform);
    if (env.RUNNER_TEMP)
        return p.join(env.RUNNER_TEMP, 'containerd', 'certs.d');
    return p.join(node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir(), `cloud-registry-login-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(12).toString('hex')}`, 'certs.d');
}
function placesFor(hostsDir, env, platform = process.platform) {
    const p = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .pathFor */ .p)(platform);
    return {
        hostsDir: p.resolve(hostsDir ?? defaultHostsDir(env, platform)),
        dockerConfig: p.resolve(dockerConfigDir(env, platform)),
        authFile: p.resolve(authFilePath(env, platform)),
        tempDir: p.resolve(env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir())
    };
}
function ownPlaces(env) {
    const p = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .pathFor */ .p)(process.platform);
    return {
        dockerConfig: p.resolve(dockerConfigDir(env)),
        authFile: p.resolve(authFilePath(env)),
        ...(env.RUNNER_TEMP ? { hostsDir: p.resolve(defaultHostsDir(env)) } : {})
    };
}


/***/ }),

/***/ 3728:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ homeDir),
/* harmony export */   p: () => (/* binding */ pathFor)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


function pathFor(platform) {
    return platform === 'win32' ? node_path__WEBPACK_IMPORTED_MODULE_1__.win32 : node_path__WEBPACK_IMPORTED_MODULE_1__.posix;
}
function homeDir(env, platform = process.platform) {
    return (platform === 'win32' ? env.USERPROFILE : env.HOME) || node_os__WEBPACK_IMPORTED_MODULE_0__.homedir();
}


/***/ }),

/***/ 6022:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CM: () => (/* binding */ emptySecretError),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   JC: () => (/* binding */ parseLoginType),
/* harmony export */   ce: () => (/* binding */ checkKeyPair)
/* harmony export */ });
/* unused harmony exports SWR_LOGIN_DURATION, noCredentialError, checkAccessKeySecret */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _key_shapes_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3496);


const AK_RE = /^[A-Za-z0-9.]+$/;
const SWR_LOGIN_DURATION = { service: 'SWR', minSeconds: 15 * 60, maxSeconds: 24 * 60 * 60 };
function emptySecretError(input, example, more = '') {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input '${input}' is empty. GitHub passes empty secrets to pull requests from forks, to Dependabot runs, and to ` +
        `reusable workflows called without 'secrets: inherit' (or without that secret in 'secrets:'). ` +
        `Check that the secret exists and reaches this job, e.g. '${input}: \${{ secrets.${example} }}'.${more}`);
}
function noCredentialError(examples, more = '') {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`No credential reached this job: 'access-key-id' and 'access-key-secret' are both empty. The usual causes, most ` +
        `likely first: (1) no secret of that name exists where this repository can read it (a typo, a secret of another ` +
        `repository, an organization secret not shared with this one, or an environment secret while the job names no ` +
        `'environment:'); (2) the run is a pull request from a fork, or a Dependabot run, which GitHub gives no Actions ` +
        `secrets; (3) this is a reusable workflow whose caller passed neither 'secrets: inherit' nor these secrets under ` +
        `'secrets:'. Secret names hold only letters, digits and '_': e.g. 'access-key-id: \${{ secrets.${examples.ak} }}' ` +
        `and 'access-key-secret: \${{ secrets.${examples.sk} }}'. Or store no key at all: keyless login with 'oidc-provider'.${more}`);
}
function checkKeyPair(inputs, rules, mask) {
    const { shapes, examples, more = '' } = rules;
    if (inputs.accessKeyId === '' && inputs.accessKeySecret === '')
        throw noCredentialError(examples, more);
    const accessKeySecret = checkAccessKeySecret(inputs.accessKeySecret, examples.sk, more);
    const ak = inputs.accessKeyId;
    if (ak === '')
        throw emptySecretError('access-key-id', examples.ak, more);
    if (shapes.isAccessKeyId(ak))
        return { accessKeyId: ak, accessKeySecret };
    mask(ak);
    const masked = `The value was masked in the log and not used.`;
    const other = (0,_key_shapes_js__WEBPACK_IMPORTED_MODULE_1__/* .otherVendorOf */ .U_)(ak, accessKeySecret, shapes, rules.others);
    if (other !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Inputs 'access-key-id' and 'access-key-secret' look like a key pair of ${other.vendor}, not of ${shapes.vendor}: ` + `${other.useWith}. ${masked}`);
    }
    const secretLike = shapes.isAccessKeySecret(ak);
    const skLooksLikeAk = shapes.isAccessKeyId(accessKeySecret);
    if (secretLike && skLooksLikeAk) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Inputs 'access-key-id' and 'access-key-secret' look swapped: 'access-key-id' has the shape of a secret access ` +
            `key (SK) of ${shapes.vendor} and 'access-key-secret' that of an access key ID (AK). Put the AK (${shapes.akLooks}) in ` +
            `'access-key-id' and the SK in 'access-key-secret'. ${masked}`);
    }
    if (!AK_RE.test(ak) || secretLike || shapes.refuseUnlike) {
        const why = !AK_RE.test(ak)
            ? 'it contains characters other than letters, digits and dots'
            : secretLike
                ? `it has the shape of a secret access key of ${shapes.vendor}`
                : `${shapes.vendor} AKs are ${shapes.akLooks}`;
        const swapped = skLooksLikeAk ? ` and 'access-key-secret' looks like an AK: are the two inputs swapped?` : ': pass the AK, not the SK.';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'access-key-id' does not look like an access key ID (${why})${swapped} ${masked}`);
    }
    return { accessKeyId: ak, accessKeySecret };
}
function checkAccessKeySecret(sk, example, more = '') {
    if (sk === '')
        throw emptySecretError('access-key-secret', example, more);
    if (/\s/.test(sk)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'access-key-secret' contains spaces or line breaks inside it. A secret access key has none: ` + `check that the secret holds only the SK.`);
    }
    return sk;
}
function parseLoginType(value) {
    const v = value.toLowerCase();
    if (v === '')
        return undefined;
    if (v === 'long-term' || v === 'temporary')
        return v;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'login-type' is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(value)}; use 'long-term' or 'temporary'.`);
}
function spoken(seconds) {
    if (seconds % 3600 === 0)
        return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
    if (seconds % 60 === 0)
        return `${seconds / 60} minutes`;
    return `${seconds} seconds`;
}
function parseDuration(value, limits = SWR_LOGIN_DURATION) {
    const v = value.toLowerCase();
    if (v === '')
        return undefined;
    const { service, minSeconds, maxSeconds } = limits;
    const longest = maxSeconds % 3600 === 0 ? `${maxSeconds / 3600}h` : `${maxSeconds}s`;
    const bad = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'duration' is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(value)}: ${why}. Use a time like 15m, 2h or ${longest} (${spoken(minSeconds)} to ${spoken(maxSeconds)}).`);
    let seconds;
    if (/^\d+$/.test(v)) {
        seconds = Number(v);
    }
    else {
        const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(v);
        if (!m)
            throw bad('not a duration');
        seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
    }
    if (seconds < minSeconds)
        throw bad(`shorter than ${service} allows`);
    if (seconds > maxSeconds)
        throw bad(`longer than ${service} allows`);
    return seconds;
}


/***/ }),

/***/ 3496:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U_: () => (/* binding */ otherVendorOf),
/* harmony export */   cV: () => (/* binding */ ALIBABA_KEYS),
/* harmony export */   lE: () => (/* binding */ HUAWEI_KEYS)
/* harmony export */ });
const HUAWEI_KEYS = {
    vendor: 'Huawei Cloud',
    akLooks: '20 upper-case letters and digits',
    useWith: "for Huawei Cloud SWR, set 'provider: swr' (or leave 'provider' out)",
    isAccessKeyId: value => /^[A-Z0-9]+$/.test(value),
    isAccessKeySecret: value => /^[A-Za-z0-9]{40}$/.test(value) && /[a-z]/.test(value),
    distinctiveAk: false,
    refuseUnlike: true
};
const ALIBABA_KEYS = {
    vendor: 'Alibaba Cloud',
    akLooks: `'LTAI' and 12 or 20 letters and digits, or 'STS.' and more for a temporary key`,
    useWith: "for Alibaba Cloud Container Registry, add 'provider: acr'",
    isAccessKeyId: value => /^LTAI[A-Za-z0-9]{12,}$/.test(value) || /^STS\.[A-Za-z0-9]+$/.test(value),
    isAccessKeySecret: value => /^[A-Za-z0-9]{30}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && !value.startsWith('LTAI'),
    distinctiveAk: true,
    refuseUnlike: false
};
function otherVendorOf(ak, sk, ours, others) {
    if (ours.isAccessKeyId(ak))
        return undefined;
    return others.find(other => other.isAccessKeyId(ak) && (other.isAccessKeySecret(sk) || (other.distinctiveAk && !ours.isAccessKeySecret(sk))));
}


/***/ }),

/***/ 3955:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d1: () => (/* binding */ boundedByKeys),
/* harmony export */   oX: () => (/* binding */ federatedKeysNamed)
/* harmony export */ });
/* unused harmony export sooner */
function federatedKeysNamed(federation) {
    return `the temporary keys (for ${federation.durationSeconds} s, 'duration') that ${federation.service} issued for ${federation.identity}`;
}
function sooner(a, b) {
    if (a === undefined)
        return b;
    if (b === undefined)
        return a;
    return Date.parse(b) < Date.parse(a) ? b : a;
}
function boundedByKeys(credential, keys) {
    const expiresAt = sooner(credential.expiresAt, keys.expiresAt);
    return expiresAt === credential.expiresAt ? credential : { ...credential, expiresAt };
}


/***/ }),

/***/ 7848:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hr: () => (/* binding */ keylessDuration),
/* harmony export */   NN: () => (/* binding */ parseSessionName),
/* harmony export */   on: () => (/* binding */ stsUrl),
/* harmony export */   sb: () => (/* binding */ checkStsEndpoint),
/* harmony export */   te: () => (/* binding */ defaultSessionName)
/* harmony export */ });
/* unused harmony export KEYLESS_DEFAULT_SECONDS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6455);
/* harmony import */ var _service_url_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5020);
/* harmony import */ var _auth_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6022);




const KEYLESS_DEFAULT_SECONDS = 3600;
const SESSION_CHAR = /[A-Za-z0-9.@_-]/;
const SESSION_MIN = 2;
function parseSessionName(value, rules) {
    if (value === '')
        return undefined;
    const bad = [...value].find(char => !SESSION_CHAR.test(char));
    if (value.length < SESSION_MIN || value.length > rules.maxLength || bad !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'role-session-name' is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(value)}: ${rules.service} takes ${SESSION_MIN} to ${rules.maxLength} characters, ` +
            `each a letter, a digit or one of . @ _ -${bad === undefined ? '' : ` (not ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(bad)})`}. Change it, or remove it for the default.`);
    }
    return value;
}
function defaultSessionName(env, rules) {
    const shape = (text) => [...text].map(char => (SESSION_CHAR.test(char) ? char : '-')).join('');
    const run = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT].filter(part => part !== undefined && part !== '').map(part => shape(part));
    const suffix = run.length > 0 ? `-${run.join('-')}`.slice(0, rules.maxLength - 'github'.length) : '';
    const repository = env.GITHUB_REPOSITORY ? `-${shape(env.GITHUB_REPOSITORY)}` : '';
    const room = rules.maxLength - 'github'.length - suffix.length;
    return `github${repository.slice(0, Math.max(0, room)).replace(/-+$/, '')}${suffix}`;
}
function stsUrl(value, region, fallback) {
    const input = { input: _names_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUT */ .bO.stsEndpoint, host: 'STS endpoint host', example: fallback(_service_url_js__WEBPACK_IMPORTED_MODULE_2__/* .SAMPLE_REGION */ .GM) };
    const url = (0,_service_url_js__WEBPACK_IMPORTED_MODULE_2__/* .serviceUrl */ .Rs)(input, value, region, fallback);
    if (url.protocol === 'http:' && !(0,_service_url_js__WEBPACK_IMPORTED_MODULE_2__/* .isLoopbackHost */ .cW)(url.hostname)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'sts-endpoint' is a plain http:// URL (${url.origin}): the job's OIDC token and the temporary keys would cross ` + `the network unencrypted. Use https://.`);
    }
    return url;
}
function checkStsEndpoint(value, fallback) {
    if (value !== '')
        stsUrl(value, _service_url_js__WEBPACK_IMPORTED_MODULE_2__/* .SAMPLE_REGION */ .GM, fallback);
    return value;
}
function keylessDuration(value, limits) {
    return (0,_auth_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDuration */ .E9)(value, limits) ?? KEYLESS_DEFAULT_SECONDS;
}


/***/ }),

/***/ 9834:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EW: () => (/* binding */ readSmallFile),
/* harmony export */   oQ: () => (/* binding */ SMALL_FILE_MAX),
/* harmony export */   rV: () => (/* binding */ FileRefused)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

const SMALL_FILE_MAX = 4 * 1024 * 1024;
class FileRefused extends Error {
    file;
    reason;
    constructor(file, reason) {
        super(`${file} ${reason}`);
        this.file = file;
        this.reason = reason;
        this.name = 'FileRefused';
    }
}
function kind(stat) {
    if (stat.isDirectory())
        return 'a directory';
    if (stat.isFIFO())
        return 'a FIFO';
    if (stat.isCharacterDevice())
        return 'a character device';
    if (stat.isSocket())
        return 'a socket';
    return 'a block device';
}
function check(file, stat, max) {
    if (!stat.isFile())
        throw new FileRefused(file, `is ${kind(stat)}, not a regular file`);
    if (stat.size > max)
        throw new FileRefused(file, `is larger than ${max} bytes (it has ${stat.size})`);
}
function readSmallFile(file, options = {}) {
    const { max = SMALL_FILE_MAX, noFollow = false } = typeof options === 'number' ? { max: options } : options;
    const before = noFollow ? node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync(file) : node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(file);
    if (noFollow && before.isSymbolicLink())
        throw new FileRefused(file, 'is a symbolic link, not a regular file');
    check(file, before, max);
    let fd;
    try {
        fd = node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0) | (noFollow ? (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0) : 0));
    }
    catch (error) {
        if (error.code === 'ELOOP')
            throw new FileRefused(file, 'is a symbolic link, not a regular file');
        throw error;
    }
    try {
        check(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync(fd), max);
        const chunks = [];
        let total = 0;
        for (;;) {
            const chunk = Buffer.alloc(Math.min(64 * 1024, max + 1 - total));
            const n = node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync(fd, chunk, 0, chunk.length, null);
            if (n === 0)
                break;
            chunks.push(chunk.subarray(0, n));
            total += n;
            if (total > max)
                throw new FileRefused(file, `is larger than ${max} bytes`);
        }
        return Buffer.concat(chunks, total);
    }
    finally {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(fd);
    }
}


/***/ }),

/***/ 2976:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EV: () => (/* binding */ isRegistryHost),
/* harmony export */   NH: () => (/* binding */ registryUrl),
/* harmony export */   O_: () => (/* binding */ schemeTypo),
/* harmony export */   _q: () => (/* binding */ isRegistryPattern),
/* harmony export */   f7: () => (/* binding */ registryForRegion)
/* harmony export */ });
/* unused harmony export parseRegistry */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);

const REGION_PLACEHOLDER = '{region}';
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_RE = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
function isRegistryPattern(value) {
    return value.includes(REGION_PLACEHOLDER);
}
function schemeTypo(input, value) {
    const m = /^(https?):([/\\]*)(.*)$/is.exec(value);
    if (!m || m[2] === '//')
        return undefined;
    const [, scheme = '', slashes = '', rest = ''] = m;
    if (slashes === '' && /^\d*$/.test(rest))
        return undefined;
    const what = slashes.includes('\\') ? 'a backslash' : slashes === '' ? 'no slash' : slashes === '/' ? 'one slash' : `${slashes.length} slashes`;
    const hidden = rest.replace(/^[^/?#]*@/, '***@');
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input '${input}': ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(`${scheme}:${slashes}${hidden}`)} has ${what} after the scheme: write ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(`${scheme}://${hidden}`)}.`);
}
function parseRegistry(value, input = 'registry') {
    const bad = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input '${input}' is not a registry host (${why}): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(value)}. ` +
        `Expected host or host:port, optionally with https:// or http:// in front, e.g. swr.cn-north-4.myhuaweicloud.com.`);
    let rest = value.trim();
    const typo = schemeTypo(input, rest);
    if (typo !== undefined)
        throw typo;
    if (/\s/.test(rest))
        throw bad('it contains spaces');
    let scheme = 'https';
    const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
    if (schemeMatch) {
        const [matched, given = ''] = schemeMatch;
        const s = given.toLowerCase();
        if (s !== 'https' && s !== 'http')
            throw bad(`scheme ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(given)} is not supported, only https:// or http://`);
        scheme = s;
        rest = rest.slice(matched.length);
    }
    if (rest.endsWith('/'))
        rest = rest.slice(0, -1);
    if (rest === '')
        throw bad('there is no host');
    if (rest.includes('@'))
        throw bad(`user info is not allowed: the credentials come from the action's credential inputs`);
    if (rest.includes('/')) {
        throw bad('a path is not allowed: put the organization in the image name, <registry>/<organization>/<image>');
    }
    if (/[?#]/.test(rest))
        throw bad('a query or fragment is not allowed');
    if (rest.startsWith('['))
        throw bad('IPv6 literal addresses are not supported: use a host name');
    if (/[{}]/.test(rest))
        throw bad(`the only placeholder is ${REGION_PLACEHOLDER}`);
    const hostPort = /^([^:]+)(?::(\d+))?$/.exec(rest);
    if (!hostPort)
        throw bad('expected at most one ":port"');
    const [, hostGiven = '', port] = hostPort;
    const host = hostGiven.toLowerCase();
    if (host.length > 253 || !HOST_RE.test(host))
        throw bad(`${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(hostGiven)} is not a valid host name`);
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535 || port.length > 5)) {
        throw bad(`port ${port} is out of range`);
    }
    return { scheme, host: port === undefined ? host : `${host}:${Number(port)}` };
}
function registryForRegion(pattern, region) {
    return parseRegistry(pattern.split(REGION_PLACEHOLDER).join(region));
}
function isRegistryHost(value) {
    try {
        return parseRegistry(value).host === value;
    }
    catch {
        return false;
    }
}
function registryUrl(address) {
    return `${address.scheme}://${address.host}`;
}


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony export backoffDelay */
const DEFAULT_RETRY = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 8000 };
function backoffDelay(policy, attempt, random = Math.random) {
    const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exp / 2 + random() * (exp / 2));
}
const realSleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
async function retry(task, isTransient, policy = DEFAULT_RETRY, hooks = {}) {
    const sleep = hooks.sleep ?? realSleep;
    const now = hooks.now ?? Date.now;
    const minTries = hooks.minTries ?? 1;
    for (let attempt = 1;; attempt++) {
        try {
            return await task(attempt);
        }
        catch (error) {
            if (attempt >= policy.attempts || !isTransient(error))
                throw error;
            const asked = hooks.minDelay?.(error);
            const delay = Math.max(backoffDelay(policy, attempt, hooks.random), Math.min(asked ?? 0, policy.maxDelayMs));
            if (hooks.deadline !== undefined && attempt >= minTries && hooks.deadline - now() - delay < (hooks.minTryMs ?? 0))
                throw error;
            hooks.onRetry?.(attempt, delay, error);
            await sleep(delay);
        }
    }
}


/***/ }),

/***/ 7194:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gz: () => (/* binding */ rememberSecret),
/* harmony export */   fp: () => (/* binding */ redactSecrets),
/* harmony export */   gU: () => (/* binding */ redactRemembered)
/* harmony export */ });
/* unused harmony exports MIN_FRAGMENT, REDACTED, forgetSecrets */
/* harmony import */ var _percent_encode_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5105);

const MIN_FRAGMENT = 8;
const REDACTED = '***';
const USER_SEPARATORS = [':', '%3A', '%253A'];
const JSON_FORMS = [(s) => s, _percent_encode_js__WEBPACK_IMPORTED_MODULE_0__/* .percentEncode */ .a, (s) => (0,_percent_encode_js__WEBPACK_IMPORTED_MODULE_0__/* .percentEncode */ .a)((0,_percent_encode_js__WEBPACK_IMPORTED_MODULE_0__/* .percentEncode */ .a)(s))];
class SecretIndex {
    whole;
    fragments = new Set();
    constructor(secrets) {
        const all = [...new Set([...secrets].filter(s => s !== ''))];
        this.whole = all.sort((a, b) => b.length - a.length);
        for (const secret of all) {
            if (all.some(other => USER_SEPARATORS.some(sep => secret.length > other.length + sep.length && secret.endsWith(sep + other))))
                continue;
            if (all.some(other => other !== secret && JSON_FORMS.some(form => secret.includes(form(JSON.stringify(other))))))
                continue;
            for (let i = 0; i + MIN_FRAGMENT <= secret.length; i++)
                this.fragments.add(secret.slice(i, i + MIN_FRAGMENT));
        }
    }
    redact(text) {
        if (this.whole.length === 0 || text === '')
            return text;
        const hidden = new Uint8Array(text.length);
        let any = false;
        for (const secret of this.whole) {
            for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                hidden.fill(1, at, at + secret.length);
                any = true;
            }
        }
        if (this.fragments.size > 0) {
            for (let i = 0; i + MIN_FRAGMENT <= text.length; i++) {
                if (this.fragments.has(text.slice(i, i + MIN_FRAGMENT))) {
                    hidden.fill(1, i, i + MIN_FRAGMENT);
                    any = true;
                }
            }
        }
        if (!any)
            return text;
        let out = '';
        for (let i = 0; i < text.length;) {
            if (hidden[i] === 0) {
                out += text[i++];
                continue;
            }
            while (i < text.length && hidden[i] === 1)
                i++;
            out += REDACTED;
        }
        return out;
    }
}
function redactSecrets(text, secrets) {
    return new SecretIndex(secrets).redact(text);
}
const known = new Set();
let index;
function rememberSecret(secret) {
    if (secret === '')
        return;
    for (const form of [secret, (0,_percent_encode_js__WEBPACK_IMPORTED_MODULE_0__/* .percentEncode */ .a)(secret), (0,_percent_encode_js__WEBPACK_IMPORTED_MODULE_0__/* .percentEncode */ .a)((0,_percent_encode_js__WEBPACK_IMPORTED_MODULE_0__/* .percentEncode */ .a)(secret))]) {
        if (!known.has(form)) {
            known.add(form);
            index = undefined;
        }
    }
}
function redactRemembered(text) {
    if (known.size === 0)
        return text;
    index ??= new SecretIndex(known);
    return index.redact(text);
}
function forgetSecrets() {
    known.clear();
    index = undefined;
}


/***/ }),

/***/ 5020:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $y: () => (/* binding */ regionTooLong),
/* harmony export */   GM: () => (/* binding */ SAMPLE_REGION),
/* harmony export */   Rs: () => (/* binding */ serviceUrl),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2976);


const SAMPLE_REGION = 'cn-north-4';
function regionTooLong(region, what, host) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'region' has ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(region, 80)}, which is too long to be part of a host name: the ${what} made from it ` +
        `would be ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(host, 120)}, and a host name allows at most 63 characters between dots (253 in all). Use a ` +
        `region ID from the cloud's list, e.g. '${SAMPLE_REGION}'.`);
}
function fitsDns(host) {
    return host.length <= 253 && host.split('.').every(label => label.length <= 63);
}
function shown(value) {
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)(value.replace(/\/\/[^/?#]*@/, '//***@'), 200);
}
function isLoopbackHost(hostname) {
    return /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])$/.test(hostname);
}
function serviceUrl({ input, host, example }, value, region, fallback) {
    const typo = (0,_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .schemeTypo */ .O_)(input, value);
    if (typo !== undefined)
        throw typo;
    const text = value === '' ? fallback(region) : value.split('{region}').join(region);
    if (/[{}]/.test(text))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input '${input}' has a placeholder other than {region}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown(value), 200)}.`);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input '${input}' is not a URL: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown(value), 200)}. Expected https://host[:port], e.g. ${example}.`);
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input '${input}' must be an https:// (or http://) URL without user info, query or fragment: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown(value), 200)}.`);
    }
    if (!fitsDns(url.hostname)) {
        const withSample = value === '' ? '' : value.split('{region}').join(SAMPLE_REGION);
        if (value === '' || (withSample !== value && URL.canParse(withSample) && fitsDns(new URL(withSample).hostname))) {
            throw regionTooLong(region, host, url.hostname);
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input '${input}' has a host name that is too long: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(url.hostname, 120)} (a host name allows at most 63 ` + `characters between dots, 253 in all).`);
    }
    return url;
}


/***/ }),

/***/ 689:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G6: () => (/* binding */ trustedUsers),
/* harmony export */   Si: () => (/* binding */ PlaceRefused),
/* harmony export */   eF: () => (/* binding */ PlaceError),
/* harmony export */   fb: () => (/* binding */ checkedPlace),
/* harmony export */   uD: () => (/* binding */ checkPlace)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3916);
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(9834);




class PlaceRefused extends Error {
    place;
    component;
    reason;
    owner;
    control;
    constructor(place, component, reason, owner, control = owner !== undefined) {
        super(component === place ? `${place} ${reason}` : `${component}, on the way to ${place}, ${reason}`);
        this.place = place;
        this.component = component;
        this.reason = reason;
        this.owner = owner;
        this.control = control;
        this.name = 'PlaceRefused';
    }
}
function trustedUsers(env = process.env) {
    if (!process.geteuid || !process.getegid)
        return undefined;
    const uid = process.geteuid();
    const owners = new Set([uid, 0]);
    if (env.RUNNER_TEMP) {
        try {
            const st = node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync(env.RUNNER_TEMP);
            if (st.isDirectory())
                owners.add(st.uid);
        }
        catch {
        }
    }
    return { uid, gid: process.getegid(), owners };
}
function databaseLines(file) {
    try {
        return (0,_read_file_js__WEBPACK_IMPORTED_MODULE_3__/* .readSmallFile */ .EW)(file, 16 * 1024 * 1024)
            .toString('utf8')
            .split('\n')
            .filter(line => line !== '' && !line.startsWith('#'))
            .map(line => line.split(':'));
    }
    catch {
        return [];
    }
}
function ownerName(uid) {
    const entry = databaseLines('/etc/passwd').find(fields => fields[2] === String(uid));
    return entry ? `uid ${uid} (${entry[0]})` : `uid ${uid}`;
}
const privateGroups = new Map();
function isPrivateGroup(gid, uid) {
    const key = `${gid}:${uid}`;
    let known = privateGroups.get(key);
    if (known === undefined) {
        const users = databaseLines('/etc/passwd');
        const owner = users.find(fields => fields[2] === String(uid))?.[0];
        const others = users.filter(fields => fields[3] === String(gid) && fields[2] !== String(uid));
        const group = databaseLines('/etc/group').find(fields => fields[2] === String(gid));
        const members = (group?.[3] ?? '').split(',').filter(m => m !== '' && m !== owner);
        known = owner !== undefined && group !== undefined && others.length === 0 && members.length === 0;
        privateGroups.set(key, known);
    }
    return known;
}
function modeText(mode) {
    return (mode & 0o7777).toString(8).padStart(3, '0');
}
function checkPlace(target, kind, trusted = trustedUsers()) {
    const place = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(target);
    if (!trusted)
        return place;
    const refuse = (component, reason, owner, control = owner !== undefined) => new PlaceRefused(place, component, reason, owner, control);
    const root = node_path__WEBPACK_IMPORTED_MODULE_1__.parse(place).root;
    const checkDir = (at, st, final) => {
        const othersWrite = (st.mode & 0o002) !== 0;
        const groupWrite = (st.mode & 0o020) !== 0 && !isPrivateGroup(st.gid, st.uid);
        const stickyRoot = (st.mode & 0o1000) !== 0 && st.uid === 0;
        if ((othersWrite || groupWrite) && (final || !stickyRoot)) {
            throw refuse(at, `may be written to by other users (mode ${modeText(st.mode)}): they could replace what the action writes there`, undefined, true);
        }
    };
    const owned = (at, st) => {
        if (trusted.owners.has(st.uid))
            return;
        const what = st.isSymbolicLink() ? 'is a symbolic link of' : st.isDirectory() ? 'is a directory of' : 'belongs to';
        throw refuse(at, `${what} ${ownerName(st.uid)}, another user, who could point it (or what it holds) elsewhere`, st.uid);
    };
    const rootStat = node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(root);
    owned(root, rootStat);
    let parts = place.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).filter(Boolean);
    let real = root;
    let hops = 0;
    for (let name = parts[0]; name !== undefined; name = parts[0]) {
        const rest = parts.slice(1);
        parts = rest;
        if (name === '.')
            continue;
        if (name === '..') {
            real = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(real);
            continue;
        }
        const at = node_path__WEBPACK_IMPORTED_MODULE_1__.join(real, name);
        let st;
        try {
            st = node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync(at);
        }
        catch (error) {
            const code = error.code;
            if (code === 'ENOENT')
                return node_path__WEBPACK_IMPORTED_MODULE_1__.join(at, ...rest.filter(p => p !== '.'));
            throw refuse(at, `cannot be examined (${code ?? error.message})`);
        }
        owned(at, st);
        if (st.isSymbolicLink()) {
            if (++hops > 40)
                throw refuse(at, 'has too many levels of symbolic links');
            const link = node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync(at);
            if (node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(link))
                real = node_path__WEBPACK_IMPORTED_MODULE_1__.parse(link).root;
            parts = [...link.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).filter(Boolean), ...rest];
            continue;
        }
        if (st.isDirectory()) {
            checkDir(at, st, false);
            real = at;
            continue;
        }
        if (rest.some(p => p !== '.'))
            throw refuse(at, 'is not a directory');
        real = at;
        break;
    }
    const st = node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync(real);
    if (st.isDirectory()) {
        if (kind === 'file')
            throw refuse(real, 'is a directory, not a file');
        checkDir(real, st, true);
        return real;
    }
    if (kind === 'dir')
        throw refuse(real, 'is not a directory');
    if (!st.isFile())
        throw refuse(real, 'is not a regular file');
    const writable = (st.mode & 0o002) !== 0 || ((st.mode & 0o020) !== 0 && !isPrivateGroup(st.gid, st.uid));
    if (writable)
        throw refuse(real, `may be written to by other users (mode ${modeText(st.mode)}): they could change it between the main and the post step`, undefined, true);
    return real;
}
class PlaceError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo {
    what;
    refused;
    constructor(what, refused) {
        super(`${what}: ${refused.message}. Nothing was written there: on a shared runner the action writes credentials only ` +
            `where no other user can change them. Use a place of this user's own (a directory only it can write to), or ` +
            `have the runner's administrator fix that owner or mode.`);
        this.what = what;
        this.refused = refused;
        this.name = 'PlaceError';
    }
}
function checkedPlace(what, target, kind, trusted) {
    try {
        return checkPlace(target, kind, trusted ?? trustedUsers());
    }
    catch (error) {
        if (!(error instanceof PlaceRefused))
            throw error;
        throw new PlaceError(what, error);
    }
}


/***/ }),

/***/ 8655:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



function writeFileAtomic(file, data, options) {
    const tmp = node_path__WEBPACK_IMPORTED_MODULE_2__.join(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(file), `.${node_path__WEBPACK_IMPORTED_MODULE_2__.basename(file)}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}.tmp`);
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync(tmp, data, { mode: options.mode, flag: 'wx' });
        node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync(tmp, options.mode);
        const { owner } = options;
        if (owner && process.getuid && (owner.uid !== process.getuid() || owner.gid !== process.getgid?.())) {
            try {
                node_fs__WEBPACK_IMPORTED_MODULE_1__.chownSync(tmp, owner.uid, owner.gid);
            }
            catch {
            }
        }
        node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync(tmp, file);
    }
    catch (error) {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(tmp, { force: true });
        throw error;
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 2413:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  dN: () => (/* binding */ exportVariable),
  V4: () => (/* binding */ getInput),
  Gu: () => (/* binding */ getState),
  Os: () => (/* binding */ group),
  pq: () => (/* binding */ info),
  LZ: () => (/* binding */ saveState),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ core_setSecret),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, debug, endGroup, error, getBooleanInput, getIDToken, getMultilineInput, isDebug, markdownSummary, notice, platform, setCommandEcho, startGroup, summary, toPlatformPath, toPosixPath, toWin32Path

;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return __awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return __awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_namespaceObject.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = (/* unused pure expression or super */ null && (_summary));
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_namespaceObject.platform();
const arch = external_os_namespaceObject.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return file_command_issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    command_issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_namespaceObject.EOL);
    command_issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_namespaceObject.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return file_command_issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    command_issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/log.ts
var log = __nccwpck_require__(5625);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __nccwpck_require__(2413);
// EXTERNAL MODULE: ./src/credential.ts
var src_credential = __nccwpck_require__(3302);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/limits.ts
var limits = __nccwpck_require__(351);
;// CONCATENATED MODULE: ./src/config-dir/index.ts


async function openDockerConfigDir(choice, run, env, exportVariable) {
    if (choice.kind === 'default')
        return undefined;
    const files = await __nccwpck_require__.e(/* import() */ 311).then(__nccwpck_require__.bind(__nccwpck_require__, 4311));
    return files.openDockerConfigDir(choice, run, env, exportVariable);
}
async function closeDockerConfigDir(state, env) {
    const { dockerConfigDir } = state;
    if (!dockerConfigDir)
        return;
    const files = await __nccwpck_require__.e(/* import() */ 311).then(__nccwpck_require__.bind(__nccwpck_require__, 4311));
    files.closeDockerConfigDir({ ...state, dockerConfigDir }, env);
}
function isDockerConfigDirState(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const v = value;
    if (!Object.keys(v).every(k => k === 'kind' || k === 'dir'))
        return false;
    if (v.kind !== 'isolated' && v.kind !== 'created')
        return false;
    const dir = v.dir;
    return typeof dir === 'string' && dir.length <= limits/* PATH_MAX */.n6 && !limits/* CONTROL */.W3.test(dir) && external_node_path_.isAbsolute(dir) && external_node_path_.resolve(dir) === dir && external_node_path_.dirname(dir) !== dir;
}

// EXTERNAL MODULE: ./src/engines/shared/auth-file.ts
var auth_file = __nccwpck_require__(2230);
// EXTERNAL MODULE: ./src/engines/containerd/index.ts
var containerd = __nccwpck_require__(2261);
// EXTERNAL MODULE: ./src/command.ts + 1 modules
var command = __nccwpck_require__(1200);
// EXTERNAL MODULE: ./src/memo.ts
var memo = __nccwpck_require__(5025);
// EXTERNAL MODULE: ./src/engines/shared/auth-file-writer.ts + 1 modules
var auth_file_writer = __nccwpck_require__(6279);
// EXTERNAL MODULE: ./src/engines/shared/cli-failures.ts
var cli_failures = __nccwpck_require__(9575);
// EXTERNAL MODULE: ./src/engines/shared/cli-login.ts
var cli_login = __nccwpck_require__(3587);
;// CONCATENATED MODULE: ./src/engines/docker/index.ts









const DOCKER_TIMINGS = { loginMs: 60_000, helperMs: 10_000, daemonCheckMs: 3_000 };
function dockerEngine(context, timings = DOCKER_TIMINGS) {
    const { places, env } = context;
    const configDir = places.dockerConfig;
    const which = (0,memo/* memo */.p)(context.which);
    const docker = () => which('docker');
    const writer = (0,auth_file_writer/* dockerConfigWriter */.gh)(context, which, timings.helperMs);
    function privateEnv(dir) {
        const out = (0,auth_file_writer/* dockerEnv */.gT)(dir, env);
        if (!out.DOCKER_CERT_PATH)
            out.DOCKER_CERT_PATH = configDir;
        return out;
    }
    async function daemonAnswers(bin) {
        try {
            const result = await (0,command/* runCommand */.d)(bin, ['version', '--format', '{{.Server.Version}}'], {
                env: (0,auth_file_writer/* dockerEnv */.gT)(configDir, env),
                timeoutMs: timings.daemonCheckMs
            });
            return result.exitCode === 0 && !result.timedOut;
        }
        catch {
            return false;
        }
    }
    async function proveLogin(credential, read, key) {
        const { host } = credential.registry;
        const bin = await docker();
        if (!bin)
            throw new Error('the docker CLI is no longer on PATH');
        await (0,cli_login/* proveWithCli */.d)(context, credential, {
            engine: 'docker',
            tool: 'docker',
            bin,
            loginMs: timings.loginMs,
            setUp: dir => {
                external_node_fs_.writeFileSync(external_node_path_.join(dir, 'config.json'), JSON.stringify((0,auth_file/* privateLoginConfig */.vg)(read.config, key)), { mode: 0o600 });
                const contexts = external_node_path_.join(configDir, 'contexts');
                if (external_node_fs_.existsSync(contexts))
                    external_node_fs_.symlinkSync(contexts, external_node_path_.join(dir, 'contexts'), 'junction');
                return { args: ['login', '--username', credential.username, '--password-stdin', host], env: privateEnv(dir) };
            },
            explain: (stderr, exitCode) => (0,cli_failures/* explainDockerFailure */.g0)(host, stderr, exitCode, env.DOCKER_HOST),
            timedOut: async (seconds) => (0,cli_failures/* explainDockerTimeout */.zS)(host, seconds, await daemonAnswers(bin), env.DOCKER_HOST),
            result: () => undefined
        });
    }
    return {
        name: 'docker',
        place: 'dockerConfig',
        tools: ['docker'],
        removal: `'docker logout <registry>'`,
        detect: async () => ((await docker()) ? ['docker'] : []),
        unusable: async () => (await docker())
            ? undefined
            : `the docker CLI is not on PATH. Install Docker on the runner, or set 'engine: docker-config' (writes the Docker config file itself, for skopeo, podman, buildah, crane…) or 'engine: containerd'.`,
        async login(credential, journal) {
            const plan = await writer.plan(credential);
            await proveLogin(credential, plan.read, plan.key);
            const record = await writer.write(plan, credential, journal);
            const where = (0,auth_file_writer/* storeSummary */.MC)(plan.store);
            return { record, summary: where ? `docker (${where})` : 'docker' };
        },
        checkPlace: () => writer.checkPlace(),
        holds: record => writer.holds(record),
        undo: record => writer.undo(record),
        byHand: record => (0,auth_file_writer/* dockerByHand */.Jg)(context.places.dockerConfig, record),
        release: record => writer.release(record),
        owns: (record) => (0,auth_file_writer/* isDockerLogin */.yz)(record),
        label: record => ({ host: record.host, thing: 'the docker login' })
    };
}

// EXTERNAL MODULE: ./src/registry.ts
var registry = __nccwpck_require__(2976);
// EXTERNAL MODULE: ./src/platform.ts
var src_platform = __nccwpck_require__(3728);
// EXTERNAL MODULE: ./src/read-file.ts
var read_file = __nccwpck_require__(9834);
;// CONCATENATED MODULE: ./src/engines/docker-config/certs-d.ts




const CA_FILES_MAX = 16;
function certsDirs(env, platform = process.platform, uid = process.getuid?.() ?? 0) {
    const p = (0,src_platform/* pathFor */.p)(platform);
    if (platform === 'win32')
        return env.ProgramData ? [p.join(env.ProgramData, 'docker', 'certs.d')] : [];
    const dirs = uid !== 0 && env.HOME ? [p.join(env.HOME, '.config', 'containers', 'certs.d')] : [];
    return [...dirs, '/etc/containers/certs.d', '/etc/docker/certs.d'];
}
function certsDirCa(host, dirs) {
    if (host === '' || host.startsWith('.') || /[/\\]/.test(host))
        return [];
    return dirs.flatMap(dir => {
        const hostDir = external_node_path_.join(dir, host);
        let names;
        try {
            names = external_node_fs_.readdirSync(hostDir)
                .filter(name => name.endsWith('.crt'))
                .sort()
                .slice(0, CA_FILES_MAX);
        }
        catch {
            return [];
        }
        return names.flatMap(name => {
            try {
                return [(0,read_file/* readSmallFile */.EW)(external_node_path_.join(hostDir, name)).toString('utf8')];
            }
            catch {
                return [];
            }
        });
    });
}

;// CONCATENATED MODULE: ./src/engines/docker-config/index.ts






const DOCKER_CONFIG_OPTIONS = { helperMs: 10_000 };
const AUTO_REASON = 'no docker CLI on PATH: writing the Docker config file';
function dockerConfigWording(host) {
    return {
        given: 'it was written to the Docker config',
        asks: "'registry' says",
        proxy: 'as its clients may',
        sends: 'Its clients would send it there when they pull',
        untrusted: () => `its clients may trust it all the same (their own system store, SSL_CERT_FILE). If pulls fail with an x509 ` +
            `error, put its CA in /etc/docker/certs.d/${host}/ca.crt or /etc/containers/certs.d/${host}/ca.crt.`
    };
}
function dockerConfigEngine(context, options = DOCKER_CONFIG_OPTIONS) {
    const configDir = context.places.dockerConfig;
    const which = (0,memo/* memo */.p)(context.which);
    const writer = (0,auth_file_writer/* dockerConfigWriter */.gh)(context, which, options.helperMs);
    async function check(credential, authorization) {
        const { checkRegistry } = await __nccwpck_require__.e(/* import() */ 223).then(__nccwpck_require__.bind(__nccwpck_require__, 1223));
        const { host } = credential.registry;
        const warning = await checkRegistry({
            url: (0,registry/* registryUrl */.NH)(credential.registry),
            authorization,
            extraCa: certsDirCa(host, options.certsDirs ?? certsDirs(context.env)),
            env: context.env,
            wording: dockerConfigWording(host)
        });
        if (warning)
            context.warn(warning);
    }
    const checkOnce = (0,memo/* memo */.p)(({ credential, authorization }) => check(credential, authorization), ({ credential, authorization }) => `${(0,registry/* registryUrl */.NH)(credential.registry)} ${(0,external_node_crypto_.createHash)('sha256').update(authorization).digest('hex')}`);
    function checked(credential) {
        return checkOnce({ credential, authorization: `Basic ${(0,auth_file/* fileEntry */.nV)(credential.username, credential.password).auth}` });
    }
    return {
        name: 'docker-config',
        place: 'dockerConfig',
        tools: [],
        removal: `'docker logout <registry>' (or its entry taken out of config.json)`,
        detect: async () => [],
        autoReason: async () => ((await which('docker')) ? undefined : AUTO_REASON),
        unusable: async () => undefined,
        describe: () => `Docker config file: ${(0,auth_file/* configFile */.Ze)(configDir)}`,
        prepare(credential) {
            checked(credential).catch(() => undefined);
        },
        async login(credential, journal) {
            const plan = await writer.plan(credential);
            await checked(credential);
            const record = await writer.write(plan, credential, journal);
            return { record, summary: `docker-config (${(0,auth_file_writer/* storeSummary */.MC)(plan.store) || plan.read.file})` };
        },
        checkPlace: () => writer.checkPlace(),
        holds: record => writer.holds(record),
        undo: record => writer.undo(record),
        byHand: record => (0,auth_file_writer/* dockerByHand */.Jg)(context.places.dockerConfig, record),
        release: record => writer.release(record),
        owns: (record) => (0,auth_file_writer/* isDockerLogin */.yz)(record),
        label: record => ({ host: record.host, thing: 'the login in the Docker config' })
    };
}

// EXTERNAL MODULE: ./src/engines/podman/index.ts
var podman = __nccwpck_require__(2237);
;// CONCATENATED MODULE: ./src/engines/index.ts





const ENGINES = {
    docker: dockerEngine,
    containerd: containerd/* containerdEngine */.c,
    'docker-config': dockerConfigEngine,
    podman: podman/* podmanEngine */.e$
};
const ENGINE_NAMES = Object.keys(ENGINES);
async function chooseEngines(requested, engines) {
    if (requested !== 'auto') {
        const names = ENGINE_NAMES.filter(name => requested.includes(name));
        const reasons = await Promise.all(names.map(name => engines[name].unusable()));
        const at = reasons.findIndex(reason => reason !== undefined);
        if (at >= 0)
            throw new errors/* UserError */.yo(`Input 'engine' asks for ${names[at]}, but ${reasons[at]}`);
        return withoutCovered(names.map(name => engines[name]), `as set by 'engine'`);
    }
    const [found, picked] = await Promise.all([
        Promise.all(ENGINE_NAMES.map(name => engines[name].detect())),
        Promise.all(ENGINE_NAMES.map(name => engines[name].autoReason?.()))
    ]);
    const detected = ENGINE_NAMES.filter((_, i) => (found[i] ?? []).length > 0 || picked[i] !== undefined);
    const reasons = await Promise.all(detected.map(name => engines[name].unusable()));
    const chosen = detected.filter((_, i) => reasons[i] === undefined);
    if (chosen.length === 0) {
        const looked = ENGINE_NAMES.filter(name => engines[name].tools.length > 0)
            .map(name => `${name}: ${engines[name].tools.join(', ')}`)
            .join('; ');
        throw new errors/* UserError */.yo(`Input 'engine' is 'auto', and none of the tools it looks for is on PATH (${looked}). ` +
            `Install one, or set 'engine' to ${ENGINE_NAMES.slice(0, -1).join(', ')} or ${ENGINE_NAMES[ENGINE_NAMES.length - 1]} explicitly.`);
    }
    const tools = chosen.flatMap(name => found[ENGINE_NAMES.indexOf(name)]);
    const why = [...(tools.length > 0 ? [`found ${tools.join(', ')} on PATH`] : []), ...chosen.flatMap(name => picked[ENGINE_NAMES.indexOf(name)] ?? [])];
    return withoutCovered(chosen.map(name => engines[name]), `auto: ${why.join('; ')}`);
}
function withoutCovered(chosen, reason) {
    const kept = [];
    const left = [];
    for (const engine of chosen) {
        const covered = engine.coveredBy?.(chosen.filter(other => other !== engine && !left.includes(other.name)));
        if (covered === undefined)
            kept.push(engine);
        else
            left.push(`${engine.name} left out: ${covered}`);
    }
    return { engines: kept, reason: [reason, ...left].join('; ') };
}

// EXTERNAL MODULE: ./src/places.ts
var src_places = __nccwpck_require__(3235);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: ./src/names.ts
var src_names = __nccwpck_require__(6455);
// EXTERNAL MODULE: ./src/providers/auth-inputs.ts
var auth_inputs = __nccwpck_require__(6022);
// EXTERNAL MODULE: ./src/providers/key-shapes.ts
var key_shapes = __nccwpck_require__(3496);
// EXTERNAL MODULE: ./src/providers/key-source.ts
var key_source = __nccwpck_require__(3955);
;// CONCATENATED MODULE: ./src/providers/key-sources/github-oidc.ts

function federatedKeys(federation) {
    let pending;
    const keys = (regions, context) => (pending ??= __nccwpck_require__.e(/* import() */ 972).then(__nccwpck_require__.bind(__nccwpck_require__, 4972)).then(({ federate }) => federate(federation, regions[0] ?? '', context)));
    const { service, identity, durationSeconds } = federation;
    return {
        description: `, signed with temporary keys for ${federation.identity} (keyless: the job's GitHub OIDC token)`,
        federation: { service, identity, durationSeconds },
        keys,
        prepare: async (regions, context) => void (await keys(regions, context))
    };
}
const githubOidc = {
    name: 'github-oidc',
    turnedOnBy: ['oidcProvider'],
    goesWith: ['roleToAssume', 'audience', 'roleSessionName', 'stsEndpoint'],
    temporary: true,
    readsDuration: true,
    words: {
        login: 'keyless login',
        how: "keylessly, with the job's GitHub OIDC token",
        it: 'keyless login',
        remove: "'oidc-provider' (with 'role-to-assume')",
        readme: '"Keyless login (OIDC)" in the README'
    },
    build(inputs, cloud) {
        if (cloud.federation === undefined) {
            throw new errors/* UserError */.yo(`Keyless login ('oidc-provider') is not available for this provider. Remove 'oidc-provider' and the keyless inputs.`);
        }
        return federatedKeys(cloud.federation(inputs));
    }
};

;// CONCATENATED MODULE: ./src/providers/key-sources/stored.ts

function storedKeys(pair) {
    return { description: '', pair, keys: async () => pair };
}
const stored = {
    name: 'stored',
    turnedOnBy: ['accessKeyId', 'accessKeySecret', 'securityToken', 'username', 'password'],
    goesWith: [],
    temporary: false,
    readsDuration: false,
    words: { login: 'a stored credential', how: 'with a stored credential', it: 'the stored credential' },
    build(inputs, cloud, mask) {
        const { accessKeyId, accessKeySecret } = (0,auth_inputs/* checkKeyPair */.ce)(inputs, cloud.keyPair, mask);
        const securityToken = inputs.securityToken === '' ? undefined : inputs.securityToken;
        return storedKeys({ accessKeyId, accessKeySecret, securityToken });
    }
};

;// CONCATENATED MODULE: ./src/providers/key-sources/index.ts




const KEY_SOURCES = [githubOidc, stored];
const DEFAULT_SOURCE = stored;
const given = (inputs, names) => names.filter(name => inputs[name] !== '');
const listed = (names, joint = ', ') => names.map(name => `'${src_names/* INPUT */.bO[name]}'`).join(joint);
function turnedOn(inputs) {
    return KEY_SOURCES.filter(source => given(inputs, source.turnedOnBy).length > 0);
}
function keySourceFor(inputs) {
    return turnedOn(inputs)[0] ?? DEFAULT_SOURCE;
}
function chooseKeySource(inputs, loginType) {
    const [chosen = DEFAULT_SOURCE, other] = turnedOn(inputs);
    if (other !== undefined) {
        const mine = listed(given(inputs, chosen.turnedOnBy));
        const theirs = given(inputs, other.turnedOnBy);
        throw new errors/* UserError */.yo(`Inputs ${mine} and ${listed(theirs)} are both given: ${mine} logs in ${chosen.words.how}, and ` +
            `${theirs.length === 1 ? 'the other' : 'the others'} ${other.words.how}. Choose one: remove ${listed(theirs)} ` +
            `for ${chosen.words.login}, or ${chosen.words.remove ?? mine} to use ${other.words.it}.`);
    }
    for (const source of KEY_SOURCES) {
        if (source === chosen)
            continue;
        const [stray] = given(inputs, source.goesWith);
        if (stray === undefined)
            continue;
        const on = listed(source.turnedOnBy, ' or ');
        const see = source.words.readme === undefined ? '' : ` (see ${source.words.readme})`;
        throw new errors/* UserError */.yo(`Input '${src_names/* INPUT */.bO[stray]}' is for ${source.words.login}, which ${on} turns on, and ${on} is empty. Set ${on}${see}, ` + `or remove '${src_names/* INPUT */.bO[stray]}'.`);
    }
    if (chosen.temporary && loginType === 'long-term') {
        const login = chosen.words.login.charAt(0).toUpperCase() + chosen.words.login.slice(1);
        throw new errors/* UserError */.yo(`${login} (${listed(chosen.turnedOnBy, ' or ')}) gives temporary keys, and a login made with them is temporary ` +
            `too: 'login-type: long-term' cannot be met. Remove 'login-type'.`);
    }
    return chosen;
}

// EXTERNAL MODULE: ./src/providers/keyless.ts
var keyless = __nccwpck_require__(7848);
;// CONCATENATED MODULE: ./src/providers/acr/index.ts







const INSTANCE_RE = /^cri-[a-z0-9]+$/;
const ENTERPRISE_DOMAIN_RE = /-registry(?:-vpc)?\.[a-z0-9-]+\.cr\.aliyuncs\.com(?::\d+)?$/;
function acrDefaultRegistry(region) {
    return `registry.${region}.aliyuncs.com`;
}
function acrApiEndpoint(region) {
    return `https://cr.${region}.aliyuncs.com`;
}
function parseInstanceId(value) {
    if (value === '')
        return undefined;
    if (!INSTANCE_RE.test(value)) {
        throw new errors/* UserError */.yo(`Input 'instance-id' is ${(0,errors/* quote */.hD)(value)}, which is not an ACR Enterprise Edition instance ID. It looks like cri-xxxxxxxxxxxxxxxx ` +
            `(console: Container Registry, Instances).`);
    }
    return value;
}
function advice(kind, unauthorized, federation) {
    switch (kind) {
        case 'unauthorized':
            return unauthorized;
        case 'denied':
            return (`The account may lack Container Registry permissions for this registry, or be overdue or suspended: check the ` +
                `${federation === undefined ? `RAM user's` : `${federation.identity}'s`} permissions and the account's status in the console.`);
        case 'blocked':
            return `Wait, then run the job again: retrying at once can make the block last longer.`;
        case 'not-found':
            return `Check 'region' (and 'registry' if set): the host is derived from them.`;
        case 'tls':
        case 'other':
            return undefined;
    }
}
function tokenSource({ keys, instanceId }) {
    return {
        kind: 'api',
        description: (instanceId ? `ACR Enterprise Edition temporary token for ${instanceId}` : 'ACR Personal Edition temporary token') + keys.description,
        defaultRegistry(region) {
            if (instanceId === undefined)
                return acrDefaultRegistry(region);
            throw new errors/* UserError */.yo(`Input 'registry' is required with 'instance-id' (ACR Enterprise Edition): give the instance's domain, ` +
                `e.g. myinstance-registry.cn-hangzhou.cr.aliyuncs.com (console: the instance's Access Control page).`);
        },
        defaultEndpoint: acrApiEndpoint,
        checkRegions(regions) {
            if (instanceId !== undefined && regions.length > 1) {
                throw new errors/* UserError */.yo(`Input 'instance-id' names one instance, which lives in one region, but 'region' lists ${regions.length}. List its region only.`);
            }
        },
        checkRegistry(registry) {
            if (instanceId === undefined && ENTERPRISE_DOMAIN_RE.test(registry.host)) {
                throw new errors/* UserError */.yo(`Input 'registry' (${registry.host}) is an ACR Enterprise Edition domain, and an Enterprise token needs ` +
                    `'instance-id' (cri-…, console: Instances). Without it the action would ask for a Personal Edition token, which that registry refuses.`);
            }
        },
        prepare: keys.prepare,
        async obtain(target, context) {
            const pair = await keys.keys([target.region], context);
            const { acrCredential } = await __nccwpck_require__.e(/* import() */ 204).then(__nccwpck_require__.bind(__nccwpck_require__, 9204));
            return (0,key_source/* boundedByKeys */.d1)(await acrCredential(target, { ...pair, instanceId, federation: keys.federation }, context), pair);
        },
        advice: kind => advice(kind, `The ACR API issued this token moments ago: check that 'registry' is the registry of 'region'` + (instanceId ? ` and of the instance in 'instance-id'.` : '.'), keys.federation)
    };
}
function passwordSource(username, password) {
    return {
        kind: 'local',
        description: 'ACR fixed access password',
        defaultRegistry: acrDefaultRegistry,
        obtain({ region, registry }, { mask }) {
            const credential = { region, registry, username, password };
            (0,src_credential/* maskCredential */.kV)(credential, mask);
            return credential;
        },
        advice: kind => advice(kind, `Check 'username' and 'password': the login name and the fixed access password set in the ACR console ` +
            `(Access Credentials); resetting it there makes the old one stop working.`)
    };
}
const STS_DURATION = { service: 'Alibaba Cloud STS', minSeconds: 15 * 60, maxSeconds: 12 * 60 * 60 };
const STS_SESSION_NAME = { service: 'Alibaba Cloud STS', maxLength: 64 };
const ALIBABA_DEFAULT_AUDIENCE = 'sts.aliyuncs.com';
const ALIBABA_STS_ENDPOINT = 'https://sts.aliyuncs.com';
const PROVIDER_ARN_RE = /^acs:ram::\d+:oidc-provider\/[^\s/]+$/;
const ROLE_ARN_RE = /^acs:ram::\d+:role\/[^\s/]+$/;
const HUAWEI_URN_RE = /^iam::/;
const PROVIDER_ARN_FORM = `acs:ram::<account ID>:oidc-provider/<name> (RAM console: Integrations, SSO, OIDC, the provider)`;
const ROLE_ARN_FORM = `acs:ram::<account ID>:role/<name> (RAM console: Identities, Roles, the role)`;
function alibabaFederation(inputs) {
    const { oidcProvider, roleToAssume } = inputs;
    if (!PROVIDER_ARN_RE.test(oidcProvider)) {
        const why = HUAWEI_URN_RE.test(oidcProvider)
            ? `, a Huawei Cloud IAM name: for SWR, set 'provider: swr' (or leave 'provider' out)`
            : ROLE_ARN_RE.test(oidcProvider)
                ? `, a RAM role's ARN, which goes in 'role-to-assume'`
                : '';
        throw new errors/* UserError */.yo(`Input 'oidc-provider' is ${(0,errors/* quote */.hD)(oidcProvider, 200)}${why}. For provider acr it is the RAM OIDC provider's ARN: ${PROVIDER_ARN_FORM}.`);
    }
    if (roleToAssume === '') {
        throw new errors/* UserError */.yo(`Input 'role-to-assume' is required with 'oidc-provider' for provider acr: the ARN of the RAM role whose trust ` +
            `policy lets this repository's token in, ${ROLE_ARN_FORM}.`);
    }
    if (!ROLE_ARN_RE.test(roleToAssume)) {
        const why = PROVIDER_ARN_RE.test(roleToAssume) ? `, an OIDC provider's ARN, which goes in 'oidc-provider'` : '';
        throw new errors/* UserError */.yo(`Input 'role-to-assume' is ${(0,errors/* quote */.hD)(roleToAssume, 200)}${why}. For provider acr it is a RAM role's ARN: ${ROLE_ARN_FORM}.`);
    }
    const federation = { oidcProviderArn: oidcProvider, roleArn: roleToAssume };
    return {
        service: 'Alibaba Cloud STS AssumeRoleWithOIDC',
        identity: `RAM role ${roleToAssume}`,
        audience: inputs.audience || ALIBABA_DEFAULT_AUDIENCE,
        durationSeconds: (0,keyless/* keylessDuration */.Hr)(inputs.duration, STS_DURATION),
        session: { given: (0,keyless/* parseSessionName */.NN)(inputs.roleSessionName, STS_SESSION_NAME), rules: STS_SESSION_NAME },
        endpointInput: (0,keyless/* checkStsEndpoint */.sb)(inputs.stsEndpoint, () => ALIBABA_STS_ENDPOINT),
        defaultEndpoint: () => ALIBABA_STS_ENDPOINT,
        async exchange(request) {
            const { assumeRoleWithOidc } = await __nccwpck_require__.e(/* import() */ 82).then(__nccwpck_require__.bind(__nccwpck_require__, 1082));
            return assumeRoleWithOidc(federation, request);
        }
    };
}
const ALIBABA_CLOUD = {
    keyPair: {
        shapes: key_shapes/* ALIBABA_KEYS */.cV,
        others: [key_shapes/* HUAWEI_KEYS */.lE],
        examples: { ak: 'ALIYUN_AK', sk: 'ALIYUN_SK' },
        more: ` With provider acr, give either 'access-key-id' and 'access-key-secret' (temporary token) or 'username' and 'password' (fixed password).`
    },
    federation: alibabaFederation
};
const ACR_REGIONS = [
    'cn-qingdao',
    'cn-beijing',
    'cn-zhangjiakou',
    'cn-huhehaote',
    'cn-wulanchabu',
    'cn-hangzhou',
    'cn-shanghai',
    'cn-nanjing',
    'cn-fuzhou',
    'cn-shenzhen',
    'cn-heyuan',
    'cn-guangzhou',
    'cn-chengdu',
    'cn-wuhan-lr',
    'cn-hongkong',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-5',
    'ap-southeast-6',
    'ap-southeast-7',
    'ap-south-1',
    'ap-northeast-1',
    'ap-northeast-2',
    'us-west-1',
    'us-east-1',
    'eu-central-1',
    'eu-west-1',
    'me-east-1',
    'me-central-1',
    'na-south-1'
];
const acr = {
    name: 'acr',
    regions: {
        cloud: 'Alibaba Cloud Container Registry',
        choose: "add 'provider: acr'",
        known: ACR_REGIONS,
        domains: ['aliyuncs.com']
    },
    accepts: [
        'accessKeyId',
        'accessKeySecret',
        'securityToken',
        'username',
        'password',
        'loginType',
        'instanceId',
        'duration',
        'oidcProvider',
        'roleToAssume',
        'audience',
        'roleSessionName',
        'stsEndpoint'
    ],
    credentialSource(inputs, mask) {
        const loginType = (0,auth_inputs/* parseLoginType */.JC)(inputs.loginType);
        const durationSeconds = keySourceFor(inputs).readsDuration ? undefined : (0,auth_inputs/* parseDuration */.E9)(inputs.duration);
        const instanceId = parseInstanceId(inputs.instanceId);
        const source = chooseKeySource(inputs, loginType);
        if (durationSeconds !== undefined) {
            throw new errors/* UserError */.yo(`Input 'duration' applies to provider swr, and to keyless login ('oidc-provider'); ACR decides its tokens' ` + `lifetime (1 hour, or the STS token's). Remove it.`);
        }
        const keyPairGiven = inputs.accessKeyId !== '' || inputs.accessKeySecret !== '';
        if (inputs.username !== '' || inputs.password !== '') {
            if (keyPairGiven) {
                throw new errors/* UserError */.yo(`Give either 'access-key-id' and 'access-key-secret' (for a temporary token) or 'username' and 'password' ` + `(the fixed access password), not both.`);
            }
            if (inputs.password === '')
                throw (0,auth_inputs/* emptySecretError */.CM)('password', 'ACR_PASSWORD');
            if (inputs.username === '')
                throw (0,auth_inputs/* emptySecretError */.CM)('username', 'ACR_USERNAME', ` With 'password', ACR needs the login name too.`);
            if (inputs.username.includes(':')) {
                throw new errors/* UserError */.yo(`Input 'username' contains ':', which no registry login name can hold (the login is sent as user:password). ` +
                    `Give the ACR login name alone; the password goes in 'password'.`);
            }
            if (loginType === 'temporary') {
                throw new errors/* UserError */.yo(`'login-type: temporary' needs an access key pair; 'username' and 'password' give the fixed access password. Remove 'login-type' or use the key pair.`);
            }
            if (inputs.securityToken !== '')
                throw new errors/* UserError */.yo(`Input 'security-token' goes with an access key pair, not with 'username' and 'password'. Remove it.`);
            if (instanceId !== undefined) {
                throw new errors/* UserError */.yo(`Input 'instance-id' is for requesting a temporary token; with 'username' and 'password', give the instance's domain in 'registry' instead.`);
            }
            return passwordSource(inputs.username, inputs.password);
        }
        const keys = source.build(inputs, ALIBABA_CLOUD, mask);
        if (loginType === 'long-term') {
            throw new errors/* UserError */.yo(`ACR gives only temporary tokens for an access key pair, so 'login-type: long-term' cannot be met. For a login that ` +
                `lasts, use the fixed access password ('username' and 'password'); otherwise remove 'login-type'.`);
        }
        return tokenSource({ keys, instanceId });
    }
};

;// CONCATENATED MODULE: ./src/providers/swr/key.ts

function swrLoginKey(accessKeyId, accessKeySecret) {
    return (0,external_node_crypto_.createHmac)('sha256', accessKeySecret).update(accessKeyId, 'utf8').digest('hex');
}
function swrUsername(region, accessKeyId) {
    return `${region}@${accessKeyId}`;
}

;// CONCATENATED MODULE: ./src/providers/swr/index.ts








function domain(region) {
    return region === 'eu-west-101' ? 'myhuaweicloud.eu' : 'myhuaweicloud.com';
}
function swrDefaultRegistry(region) {
    return `swr.${region}.${domain(region)}`;
}
function swrApiEndpoint(region) {
    return `https://swr-api.${region}.${domain(region)}`;
}
function swr_advice(kind, unauthorized, federation) {
    switch (kind) {
        case 'unauthorized':
            return unauthorized;
        case 'denied':
            if (federation !== undefined) {
                return (`${federation.identity} (keyless login) may lack SWR permissions, or the account be frozen or in arrears. Check ` +
                    `its SWR permissions in IAM and the account's status in the console.`);
            }
            return (`The account behind the AK/SK may lack SWR permissions, or be frozen or in arrears. Check the IAM user's SWR ` +
                `permissions and the account's status in the console.`);
        case 'blocked':
            return `SWR lifts the block after about 30 minutes, and retrying now makes it last longer: wait, then run the job again.`;
        case 'not-found':
            return `Check 'region' (and 'registry' if set): the host is derived from them.`;
        case 'tls':
            return federation === undefined ? `SWR has also answered this way for an AK/SK that was deleted.` : undefined;
        case 'other':
            return undefined;
    }
}
function longTermSource(keys) {
    return {
        kind: 'local',
        description: 'SWR long-term login key, derived from the access key pair (no API call)',
        defaultRegistry: swrDefaultRegistry,
        obtain({ region, registry }, { mask }) {
            const key = swrLoginKey(keys.accessKeyId, keys.accessKeySecret);
            mask(key);
            const credential = { region, registry, username: swrUsername(region, keys.accessKeyId), password: key };
            (0,src_credential/* maskCredential */.kV)(credential, mask);
            return credential;
        },
        advice: kind => swr_advice(kind, `Check that the AK/SK pair is correct and has not been deleted or disabled, and that 'region' is the region of ` + `this registry (the user name is <region>@<AK>).`)
    };
}
function temporarySource({ keys, durationSeconds }) {
    return {
        kind: 'api',
        description: `SWR temporary login from the CreateSecret API${durationSeconds ? `, valid ${durationSeconds} s` : ''}${keys.description}`,
        defaultRegistry: swrDefaultRegistry,
        defaultEndpoint: swrApiEndpoint,
        prepare: keys.prepare,
        async obtain(target, context) {
            const pair = await keys.keys([target.region], context);
            const { swrCredential } = await __nccwpck_require__.e(/* import() */ 518).then(__nccwpck_require__.bind(__nccwpck_require__, 1518));
            return (0,key_source/* boundedByKeys */.d1)(await swrCredential(target, { ...pair, durationSeconds, federation: keys.federation }, context), pair);
        },
        advice: kind => swr_advice(kind, `The SWR API issued this login for 'region' moments ago: check that 'registry' is that region's SWR registry.`, keys.federation)
    };
}
const AGENCY_DURATION = { service: 'Huawei Cloud IAM (agency sessions)', minSeconds: 15 * 60, maxSeconds: 12 * 60 * 60 };
const AGENCY_SESSION_NAME = { service: 'Huawei Cloud IAM', maxLength: 128 };
const FEDERATED_DURATION = { service: 'Huawei Cloud IAM', minSeconds: 15 * 60, maxSeconds: 24 * 60 * 60 };
const HUAWEI_DEFAULT_AUDIENCE = 'sts.huaweicloud.com';
const STS_REGIONS = new Set([
    'cn-north-4',
    'cn-south-1',
    'cn-east-3',
    'cn-southwest-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'sa-brazil-1',
    'la-south-2',
    'af-south-1',
    'tr-west-1'
]);
function huaweiStsEndpoint(region) {
    if (region === 'eu-west-101' || STS_REGIONS.has(region))
        return `https://sts.${region}.${domain(region)}`;
    return `https://sts.${region.startsWith('cn-') ? 'cn-north-4' : 'ap-southeast-1'}.myhuaweicloud.com`;
}
function huaweiIamEndpoint(region) {
    return `https://iam.${domain(region)}`;
}
const PROVIDER_URN_RE = /^iam::[A-Za-z0-9]+:oidcProvider:[^\s:]+$/;
const AGENCY_URN_RE = /^iam::[A-Za-z0-9]+:agency:[^\s:]+$/;
const IDP_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const PROVIDER_URN_FORM = `iam::<account ID>:oidcProvider:<name> (IAM console: Identity Providers, the OIDC provider)`;
const AGENCY_URN_FORM = `iam::<account ID>:agency:<name> (IAM console: Agencies, the agency)`;
function huaweiFederation(inputs) {
    const { oidcProvider, roleToAssume, audience } = inputs;
    const endpointInput = (fallback) => (0,keyless/* checkStsEndpoint */.sb)(inputs.stsEndpoint, fallback);
    if (PROVIDER_URN_RE.test(oidcProvider)) {
        if (roleToAssume === '') {
            throw new errors/* UserError */.yo(`Input 'role-to-assume' is required with an IAM OIDC provider URN in 'oidc-provider': the URN of the agency ` +
                `whose trust policy lets this repository's token in, ${AGENCY_URN_FORM}.`);
        }
        if (!AGENCY_URN_RE.test(roleToAssume)) {
            const why = PROVIDER_URN_RE.test(roleToAssume) ? `, an OIDC provider's URN, which goes in 'oidc-provider'` : '';
            throw new errors/* UserError */.yo(`Input 'role-to-assume' is ${(0,errors/* quote */.hD)(roleToAssume, 200)}${why}. With an OIDC provider URN it is an agency's URN: ${AGENCY_URN_FORM}.`);
        }
        const federation = { providerUrn: oidcProvider, agencyUrn: roleToAssume };
        return {
            service: 'Huawei Cloud IAM STS AssumeAgencyWithOIDC',
            identity: `agency ${roleToAssume}`,
            audience: audience || HUAWEI_DEFAULT_AUDIENCE,
            durationSeconds: (0,keyless/* keylessDuration */.Hr)(inputs.duration, AGENCY_DURATION),
            session: { given: (0,keyless/* parseSessionName */.NN)(inputs.roleSessionName, AGENCY_SESSION_NAME), rules: AGENCY_SESSION_NAME },
            endpointInput: endpointInput(huaweiStsEndpoint),
            defaultEndpoint: huaweiStsEndpoint,
            async exchange(request) {
                const { assumeAgencyWithOidc } = await __nccwpck_require__.e(/* import() */ 572).then(__nccwpck_require__.bind(__nccwpck_require__, 8572));
                return assumeAgencyWithOidc(federation, request);
            }
        };
    }
    if (!IDP_ID_RE.test(oidcProvider)) {
        const why = /^acs:/.test(oidcProvider)
            ? `, an Alibaba Cloud ARN: for ACR, set 'provider: acr'`
            : /^iam::/.test(oidcProvider)
                ? `, an IAM URN but not an OIDC provider's`
                : '';
        throw new errors/* UserError */.yo(`Input 'oidc-provider' is ${(0,errors/* quote */.hD)(oidcProvider, 200)}${why}. For SWR it is an IAM OIDC provider's URN, ` +
            `${PROVIDER_URN_FORM}, with an agency in 'role-to-assume'; or a classic IAM identity provider's ID (letters, ` +
            `digits, - and _; IAM console: Identity Providers).`);
    }
    if (roleToAssume !== '') {
        throw new errors/* UserError */.yo(`Input 'role-to-assume' does not apply to a classic IAM identity provider ('oidc-provider' ${(0,errors/* quote */.hD)(oidcProvider)} is ` +
            `one, not an OIDC provider URN): its mapping rules decide which user group the token acts as. Remove ` +
            `'role-to-assume', or give the OIDC provider's URN (${PROVIDER_URN_FORM}) to assume an agency.`);
    }
    if (audience === '') {
        throw new errors/* UserError */.yo(`Input 'audience' is required with a classic IAM identity provider ('oidc-provider' ${(0,errors/* quote */.hD)(oidcProvider)}): give ` +
            `its client ID (IAM console: Identity Providers, ${(0,errors/* quote */.hD)(oidcProvider)}, Modify, Client ID). GitHub's token must ` +
            `carry it as its audience, and there is no safe default.`);
    }
    if (inputs.roleSessionName !== '') {
        throw new errors/* UserError */.yo(`Input 'role-session-name' does not apply to a classic IAM identity provider: the federated user's name comes from ` + `its mapping rules. Remove it.`);
    }
    return {
        service: `Huawei Cloud IAM federation (identity provider ${oidcProvider})`,
        identity: `the user that identity provider ${oidcProvider}'s mapping rules assign`,
        audience,
        durationSeconds: (0,keyless/* keylessDuration */.Hr)(inputs.duration, FEDERATED_DURATION),
        endpointInput: endpointInput(huaweiIamEndpoint),
        defaultEndpoint: huaweiIamEndpoint,
        async exchange(request) {
            const { federatedKeysV3 } = await __nccwpck_require__.e(/* import() */ 572).then(__nccwpck_require__.bind(__nccwpck_require__, 8572));
            return federatedKeysV3(oidcProvider, request);
        }
    };
}
const HUAWEI_CLOUD = {
    keyPair: { shapes: key_shapes/* HUAWEI_KEYS */.lE, others: [key_shapes/* ALIBABA_KEYS */.cV], examples: { ak: 'HW_AK', sk: 'HW_SK' } },
    federation: huaweiFederation
};
const SWR_REGIONS = [
    'af-north-1',
    'af-south-1',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'cn-east-2',
    'cn-east-3',
    'cn-east-4',
    'cn-east-5',
    'cn-north-1',
    'cn-north-2',
    'cn-north-4',
    'cn-north-9',
    'cn-north-11',
    'cn-north-12',
    'cn-south-1',
    'cn-south-2',
    'cn-south-4',
    'cn-southwest-2',
    'cn-southwest-3',
    'ru-northwest-2',
    'ru-moscow-1',
    'la-south-2',
    'la-north-2',
    'sa-brazil-1',
    'sa-peru-1',
    'na-mexico-1',
    'tr-west-1',
    'ae-ad-1',
    'me-east-1',
    'my-kualalumpur-1',
    'eu-west-0',
    'eu-west-101'
];
const swr = {
    name: 'swr',
    regions: {
        cloud: 'Huawei Cloud SWR',
        choose: "set 'provider: swr' (or leave 'provider' out)",
        known: SWR_REGIONS,
        domains: ['myhuaweicloud.com', 'myhuaweicloud.eu'],
        notes: { 'eu-west-101': 'Dublin' }
    },
    accepts: ['accessKeyId', 'accessKeySecret', 'securityToken', 'loginType', 'duration', 'oidcProvider', 'roleToAssume', 'audience', 'roleSessionName', 'stsEndpoint'],
    credentialSource(inputs, mask) {
        const loginType = (0,auth_inputs/* parseLoginType */.JC)(inputs.loginType);
        const durationSeconds = keySourceFor(inputs).readsDuration ? undefined : (0,auth_inputs/* parseDuration */.E9)(inputs.duration);
        if (inputs.username !== '' || inputs.password !== '') {
            throw new errors/* UserError */.yo(`Inputs 'username' and 'password' are Alibaba Cloud Container Registry's fixed access password, and 'provider' ` +
                `is swr (the default, Huawei Cloud SWR): for ACR, add 'provider: acr'. SWR logs in with 'access-key-id' and ` +
                `'access-key-secret', or keylessly with 'oidc-provider'.`);
        }
        if (inputs.instanceId !== '') {
            throw new errors/* UserError */.yo(`Input 'instance-id' names an Alibaba Cloud Container Registry Enterprise Edition instance, and 'provider' is swr ` +
                `(the default, Huawei Cloud SWR): for ACR, add 'provider: acr'; for SWR, remove 'instance-id'.`);
        }
        const keys = chooseKeySource(inputs, loginType).build(inputs, HUAWEI_CLOUD, mask);
        if (loginType === 'temporary' || keys.pair === undefined) {
            return temporarySource({ keys, durationSeconds: durationSeconds ?? keys.federation?.durationSeconds });
        }
        if (keys.pair.securityToken !== undefined) {
            throw new errors/* UserError */.yo(`Input 'security-token' needs 'login-type: temporary' with provider swr: a temporary key pair cannot give the ` + `long-term login key. Add 'login-type: temporary'.`);
        }
        if (durationSeconds !== undefined) {
            throw new errors/* UserError */.yo(`Input 'duration' applies to 'login-type: temporary' (the long-term key does not expire). Add 'login-type: temporary' or remove 'duration'.`);
        }
        return longTermSource(keys.pair);
    }
};

;// CONCATENATED MODULE: ./src/providers/index.ts


const PROVIDERS = { swr: swr, acr: acr };
const DEFAULT_PROVIDER = 'swr';

;// CONCATENATED MODULE: ./src/region-hints.ts

function distance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = row;
    }
    return previous[b.length] ?? 0;
}
function nearestRegions(region, known) {
    const bare = (r) => r.replace(/-/g, '');
    const same = known.filter(r => bare(r) === bare(region));
    if (same.length > 0)
        return same.slice(0, 2);
    const extended = known.filter(r => r.startsWith(region) && /^\d+$/.test(r.slice(region.length)));
    if (extended.length > 0)
        return extended.slice(0, 2);
    const scored = known.map(r => [r, distance(region, r)]).filter(([, d]) => d <= 2);
    const best = Math.min(...scored.map(([, d]) => d));
    return scored
        .filter(([, d]) => d === best)
        .map(([r]) => r)
        .slice(0, 2);
}
function isHostOf(host, knowledge) {
    const name = host.replace(/:\d+$/, '');
    return knowledge.domains.some(domain => name === domain || name.endsWith(`.${domain}`));
}
function named(region, knowledge) {
    const note = knowledge.notes?.[region];
    return note === undefined ? `'${region}'` : `'${region}' (${note})`;
}
function unknownRegionHint(region, provider, others) {
    const near = nearestRegions(region, provider.known);
    const elsewhere = others.find(other => other.known.includes(region));
    if (near.length === 0 && elsewhere === undefined)
        return undefined;
    const parts = [`Input 'region' has ${(0,errors/* quote */.hD)(region)}, which is not a region of ${provider.cloud} this action knows`];
    if (near.length > 0)
        parts.push(`did you mean ${near.map(r => named(r, provider)).join(' or ')}?`);
    if (elsewhere !== undefined)
        parts.push(`(${(0,errors/* quote */.hD)(region)} is a region of ${elsewhere.cloud}: for it, ${elsewhere.choose}.)`);
    return `${parts[0]}: ${parts.slice(1).join(' ')} The login goes on; if the registry cannot be found, this is why.`;
}
function regionOfHost(host, knowledge) {
    const labels = host.replace(/:\d+$/, '').split('.');
    return labels.find(label => knowledge.some(k => k.known.includes(label)));
}
function regionWarnings(provider, others, targets, registryInput) {
    const mine = provider.regions;
    const theirs = others.map(other => other.regions);
    const warnings = [];
    for (const target of targets) {
        if (!isHostOf(target.registry.host, mine))
            continue;
        if (!mine.known.includes(target.region)) {
            const hint = unknownRegionHint(target.region, mine, theirs);
            if (hint !== undefined)
                warnings.push(hint);
        }
        if (registryInput === '' || registryInput.includes('{region}'))
            continue;
        const named = regionOfHost(target.registry.host, [mine]);
        if (named !== undefined && named !== target.region) {
            warnings.push(`Input 'registry' (${target.registry.host}) is the registry of region ${named}, but 'region' is ${target.region}: ` +
                `the login is made for 'region', and ${mine.cloud} in another region refuses it. Set 'region' to ${named}, or leave ` +
                `'registry' out to use the registry of ${target.region}.`);
        }
    }
    return warnings;
}

// EXTERNAL MODULE: ./src/service-url.ts
var service_url = __nccwpck_require__(5020);
;// CONCATENATED MODULE: ./src/targets.ts



function parses(pattern, region) {
    try {
        (0,registry/* registryForRegion */.f7)(pattern, region);
        return true;
    }
    catch {
        return false;
    }
}
function registryOf(pattern, region, fromInput) {
    try {
        return (0,registry/* registryForRegion */.f7)(pattern, region);
    }
    catch (error) {
        if (error instanceof errors/* UserError */.yo && (!fromInput || parses(pattern, service_url/* SAMPLE_REGION */.GM))) {
            throw (0,service_url/* regionTooLong */.$y)(region, 'registry host', pattern.split('{region}').join(region));
        }
        throw error;
    }
}
function registries(value, regions, source) {
    if (value === '')
        return regions.map(region => ({ region, registry: registryOf(source.defaultRegistry(region), region, false) }));
    if (regions.length > 1 && !(0,registry/* isRegistryPattern */._q)(value)) {
        throw new errors/* UserError */.yo(`Input 'registry' is one host, ${(0,errors/* quote */.hD)(value, 200)}, but 'region' lists ${regions.length} regions. ` +
            `Put '{region}' where the region goes, e.g. 'swr.{region}.example.com', or leave 'registry' out to use the default for each region.`);
    }
    return regions.map(region => ({ region, registry: registryOf(value, region, true) }));
}
const API_ENDPOINT = { input: 'api-endpoint', host: 'API endpoint host', example: 'https://swr-api.cn-north-4.myhuaweicloud.com' };
function endpoint(value, region, source) {
    return (0,service_url/* serviceUrl */.Rs)(API_ENDPOINT, value, region, region => source.defaultEndpoint(region));
}
function buildTargets(provider, source, regions, registry, apiEndpoint) {
    source.checkRegions?.(regions);
    const addresses = registries(registry, regions, source);
    for (const { registry: address } of addresses)
        source.checkRegistry?.(address);
    switch (source.kind) {
        case 'local':
            if (apiEndpoint !== '') {
                throw new errors/* UserError */.yo(`Input 'api-endpoint' is only used when the action calls a cloud API, and this login (${source.description}) ` + `needs none. Remove it.`);
            }
            return addresses.map(({ region, registry: address }) => ({ kind: 'local', provider, region, registry: address, source }));
        case 'api':
            return addresses.map(({ region, registry: address }) => ({
                kind: 'api',
                provider,
                region,
                registry: address,
                source,
                endpoint: endpoint(apiEndpoint, region, source)
            }));
    }
}

;// CONCATENATED MODULE: ./src/inputs.ts











const REGION_RE = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
const REGION_MAX = 63;
const URL_MAX = 2048;
const ONE_LINE = {
    provider: 'a provider name',
    accessKeyId: 'an access key ID',
    loginType: 'a login type',
    duration: 'a duration',
    instanceId: 'an instance ID',
    username: 'a user name',
    oidcProvider: 'an OIDC provider',
    roleToAssume: 'a role or agency',
    audience: 'an audience',
    roleSessionName: 'a session name',
    stsEndpoint: 'a URL',
    registry: 'a registry address',
    apiEndpoint: 'a URL',
    hostsDir: 'a directory path',
    dockerConfigDir: "'isolated' or a directory path",
    logout: "'true' or 'false'"
};
const SECRET_MIN = {
    accessKeySecret: { min: 16, holds: "a secret access key (Alibaba Cloud's have 30 characters, Huawei Cloud's 40)" },
    securityToken: { min: 16, holds: 'an STS security token (they have hundreds of characters)' },
    password: { min: 8, holds: "ACR's fixed access password (it has 8 to 32 characters)" }
};
function trimAscii(value) {
    return value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}
function describeControl(char) {
    if (char === '\n')
        return 'a line break (\\n)';
    if (char === '\r')
        return 'a carriage return (\\r)';
    if (char === '\t')
        return 'a tab (\\t)';
    return `a control character (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`;
}
function refuseControl(input, value, what, item = false) {
    const found = limits/* CONTROL */.W3.exec(value);
    if (!found)
        return;
    throw new errors/* UserError */.yo(`Input '${input}' contains ${describeControl(found[0])} at character ${found.index + 1}${item ? ' of one of its items' : ''}, ` +
        `and ${what} never does. Check its value in the workflow (a '|' block or a secret with a line break in it, say).`);
}
function parseList(value) {
    const items = value
        .split(/[,\n]/)
        .map(trimAscii)
        .filter(item => item.length > 0);
    return [...new Set(items)];
}
function parseProvider(value, providers) {
    const name = (value || DEFAULT_PROVIDER).toLowerCase();
    if (!Object.hasOwn(providers, name)) {
        throw new errors/* UserError */.yo(`Input 'provider' is ${(0,errors/* quote */.hD)(value)}, which is not supported. Use one of: ${Object.keys(providers).join(', ')}.`);
    }
    return providers[name];
}
function parseRegions(value) {
    const regions = parseList(value);
    if (regions.length === 0) {
        throw new errors/* UserError */.yo(`Input 'region' is required: give one or more region IDs, e.g. 'cn-north-4' or 'cn-north-4, ap-southeast-3' ` + `(SWR), 'cn-hangzhou' (ACR).`);
    }
    for (const region of regions) {
        refuseControl(src_names/* INPUT */.bO.region, region, 'a region ID', true);
        if (region.length > REGION_MAX) {
            throw new errors/* UserError */.yo(`Input 'region' has an item of ${region.length} characters, ${(0,errors/* quote */.hD)(region)}, which is not a region ID: a region ` +
                `ID is short (cn-north-4, ap-southeast-3) and at most ${REGION_MAX} characters, as it is part of the registry's host name.`);
        }
        if (!REGION_RE.test(region)) {
            const hint = region !== region.toLowerCase() ? ' Region IDs are lower case.' : '';
            throw new errors/* UserError */.yo(`Input 'region' has ${(0,errors/* quote */.hD)(region)}, which is not a region ID.${hint} ` + `Expected lower-case words joined by hyphens, e.g. cn-north-4, eu-west-101, cn-hangzhou.`);
        }
    }
    return regions;
}
function parseEngines(value) {
    const items = parseList(value.toLowerCase());
    for (const item of items)
        refuseControl(src_names/* INPUT */.bO.engine, item, 'an engine name', true);
    if (items.length === 0 || (items.length === 1 && items[0] === 'auto'))
        return 'auto';
    if (items.includes('auto')) {
        throw new errors/* UserError */.yo(`Input 'engine' is ${(0,errors/* quote */.hD)(trimAscii(value))}: 'auto' stands alone. Either use 'auto', or list the engines: ${ENGINE_NAMES.join(', ')}.`);
    }
    for (const item of items) {
        if (!ENGINE_NAMES.includes(item)) {
            throw new errors/* UserError */.yo(`Input 'engine' has ${(0,errors/* quote */.hD)(item)}, which is not supported. Use 'auto', or a comma-separated list of: ${ENGINE_NAMES.join(', ')}.`);
        }
    }
    if (items.includes('docker') && items.includes('docker-config')) {
        throw new errors/* UserError */.yo(`Input 'engine' has both docker and docker-config, which write the same login into the same Docker config file. ` +
            `Use docker where a docker CLI is on PATH, docker-config where there is none.`);
    }
    return items;
}
function parseBoolean(input, value, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new errors/* UserError */.yo(`Input '${input}' is ${(0,errors/* quote */.hD)(value)}; use 'true' or 'false'.`);
}
function parseHostsDir(dir) {
    return dir === '' ? undefined : absoluteDir(src_names/* INPUT */.bO.hostsDir, dir);
}
function parseDockerConfigDir(value) {
    if (value === '')
        return { kind: 'default' };
    if (value === 'isolated')
        return { kind: 'isolated' };
    if (value.toLowerCase() === 'isolated') {
        throw new errors/* UserError */.yo(`Input '${src_names/* INPUT */.bO.dockerConfigDir}' is ${(0,errors/* quote */.hD)(value)}: write 'isolated' in lower case for a directory of the job's ` +
            `own, or './${value}' for a directory of that name.`);
    }
    return { kind: 'path', dir: absoluteDir(src_names/* INPUT */.bO.dockerConfigDir, value) };
}
function absoluteDir(input, dir) {
    const expanded = dir === '~' || dir.startsWith('~/') ? external_node_path_.join(external_node_os_.homedir(), dir.slice(1)) : dir;
    const resolved = external_node_path_.resolve(expanded);
    if (resolved.length > limits/* PATH_MAX */.n6) {
        throw new errors/* UserError */.yo(`Input '${input}' is a path of ${resolved.length} characters (${(0,errors/* quote */.hD)(resolved)}, made absolute), and a path has at ` +
            `most ${limits/* PATH_MAX */.n6} (PATH_MAX). Use a shorter directory path.`);
    }
    return resolved;
}
function checkUrlLength(input, value) {
    if (value.length > URL_MAX) {
        throw new errors/* UserError */.yo(`Input '${input}' is ${value.length} characters long, and a service's base URL (https://host[:port][/path]) has at ` +
            `most ${URL_MAX} here. Check its value in the workflow.`);
    }
    return value;
}
function realPath(dir) {
    const rest = [];
    for (let at = dir;; at = external_node_path_.dirname(at)) {
        try {
            return external_node_path_.join(external_node_fs_.realpathSync(at), ...rest);
        }
        catch {
            if (external_node_path_.dirname(at) === at)
                return dir;
            rest.unshift(external_node_path_.basename(at));
        }
    }
}
function warningsFor(inputs, env) {
    const warnings = [];
    const workspace = env.GITHUB_WORKSPACE;
    const inWorkspace = (dir) => workspace !== undefined && workspace !== '' && dir !== undefined && (realPath(dir) + external_node_path_.sep).startsWith(realPath(external_node_path_.resolve(workspace)) + external_node_path_.sep);
    if (inWorkspace(inputs.hostsDir)) {
        warnings.push(`'hosts-dir' is ${(0,errors/* quote */.hD)(inputs.hostsDir)}, inside the workspace: credential files there can end up in images, caches ` +
            `and artifacts. Prefer a directory under RUNNER_TEMP (the default) or /etc/containerd/certs.d.`);
    }
    const configDir = inputs.dockerConfigDir.kind === 'path' ? inputs.dockerConfigDir.dir : undefined;
    if (inWorkspace(configDir)) {
        warnings.push(`'${src_names/* INPUT */.bO.dockerConfigDir}' is ${(0,errors/* quote */.hD)(configDir)}, inside the workspace: the Docker config there holds the logins, ` +
            `and can end up in images, caches and artifacts. Prefer 'isolated' (a directory under RUNNER_TEMP).`);
    }
    const plain = inputs.targets.find(t => t.kind === 'api' && t.endpoint.protocol === 'http:' && !(0,service_url/* isLoopbackHost */.cW)(t.endpoint.hostname));
    if (plain?.kind === 'api') {
        warnings.push(`'api-endpoint' ${plain.endpoint.origin} is plain HTTP: the key pair's signature, the security token and the ` +
            `credential that comes back cross the network unencrypted. Use https://.`);
    }
    return warnings;
}
function getInputs(read, mask, env = process.env, providers = PROVIDERS) {
    const input = (name) => trimAscii(read(name));
    const accessKeySecret = input(src_names/* INPUT */.bO.accessKeySecret);
    const securityToken = input(src_names/* INPUT */.bO.securityToken);
    const password = input(src_names/* INPUT */.bO.password);
    for (const secret of [accessKeySecret, securityToken, password])
        if (secret !== '')
            mask(secret);
    for (const [key, what] of Object.entries(ONE_LINE)) {
        const value = input(src_names/* INPUT */.bO[key]);
        if (key === 'accessKeyId' && limits/* CONTROL */.W3.test(value))
            mask(value);
        refuseControl(src_names/* INPUT */.bO[key], value, what);
    }
    const provider = parseProvider(input(src_names/* INPUT */.bO.provider), providers);
    const auth = {
        accessKeyId: input(src_names/* INPUT */.bO.accessKeyId),
        accessKeySecret,
        securityToken,
        username: input(src_names/* INPUT */.bO.username),
        password,
        loginType: input(src_names/* INPUT */.bO.loginType),
        duration: input(src_names/* INPUT */.bO.duration),
        instanceId: input(src_names/* INPUT */.bO.instanceId),
        oidcProvider: input(src_names/* INPUT */.bO.oidcProvider),
        roleToAssume: input(src_names/* INPUT */.bO.roleToAssume),
        audience: input(src_names/* INPUT */.bO.audience),
        roleSessionName: input(src_names/* INPUT */.bO.roleSessionName),
        stsEndpoint: checkUrlLength(src_names/* INPUT */.bO.stsEndpoint, input(src_names/* INPUT */.bO.stsEndpoint))
    };
    const source = provider.credentialSource(auth, mask);
    const ignored = Object.keys(auth).find(name => auth[name] !== '' && !provider.accepts.includes(name));
    if (ignored !== undefined)
        throw new errors/* UserError */.yo(`Input '${src_names/* INPUT */.bO[ignored]}' does not apply to provider ${provider.name}. Remove it.`);
    const secrets = { accessKeySecret, securityToken, password };
    for (const key of Object.keys(SECRET_MIN)) {
        const { min, holds } = SECRET_MIN[key];
        const { length } = secrets[key];
        if (length > 0 && length < min) {
            throw new errors/* UserError */.yo(`Input '${src_names/* INPUT */.bO[key]}' is ${length} character${length === 1 ? '' : 's'} long, too short for ${holds}. Check the ` +
                `secret the workflow passes in it: it holds a placeholder, a value cut short or another secret.`);
        }
    }
    const regions = parseRegions(read(src_names/* INPUT */.bO.region));
    const registry = input(src_names/* INPUT */.bO.registry);
    const targets = buildTargets(provider.name, source, regions, registry, checkUrlLength(src_names/* INPUT */.bO.apiEndpoint, input(src_names/* INPUT */.bO.apiEndpoint)));
    const inputs = {
        provider: provider.name,
        source,
        targets,
        engines: parseEngines(read(src_names/* INPUT */.bO.engine)),
        hostsDir: parseHostsDir(input(src_names/* INPUT */.bO.hostsDir)),
        dockerConfigDir: parseDockerConfigDir(input(src_names/* INPUT */.bO.dockerConfigDir)),
        logout: parseBoolean(src_names/* INPUT */.bO.logout, input(src_names/* INPUT */.bO.logout), true)
    };
    const others = Object.values(providers).filter(other => other !== provider);
    return { inputs, warnings: [...regionWarnings(provider, others, targets, registry), ...warningsFor(inputs, env)] };
}

// EXTERNAL MODULE: ./src/failure.ts
var failure = __nccwpck_require__(1633);
;// CONCATENATED MODULE: ./src/state.ts





function isPost() {
    return core/* getState */.Gu(src_names/* STATE */.c4.isPost) === 'true';
}
function markMainStarted() {
    core/* saveState */.LZ(src_names/* STATE */.c4.isPost, 'true');
}
function saveLoginState(state) {
    core/* saveState */.LZ(src_names/* STATE */.c4.login, JSON.stringify(state));
}
function loadLoginState(raw = core/* getState */.Gu(src_names/* STATE */.c4.login)) {
    if (raw === '')
        return undefined;
    const parsed = JSON.parse(raw);
    if (!isLoginState(parsed))
        throw new Error('the saved state is not in the expected form');
    return parsed;
}
function isLoginState(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const v = value;
    const places = v.places;
    return (typeof v.logout === 'boolean' &&
        typeof v.run === 'string' &&
        /^[0-9a-f]{16,64}$/.test(v.run) &&
        typeof places === 'object' &&
        places !== null &&
        src_places/* PLACE_NAMES */.TI.every(name => typeof places[name] === 'string') &&
        (v.dockerConfigDir === undefined || isDockerConfigDirState(v.dockerConfigDir)) &&
        Array.isArray(v.records) &&
        v.records.every(r => {
            const e = r;
            return typeof r === 'object' && r !== null && ENGINE_NAMES.includes(e.engine) && 'record' in e;
        }));
}

;// CONCATENATED MODULE: ./src/login.ts



class StateJournal {
    state;
    save;
    constructor(state, save = saveLoginState) {
        this.state = state;
        this.save = save;
    }
    for(engine) {
        return {
            add: record => {
                this.state.records.push({ engine, record });
                this.save(this.state);
            },
            drop: record => {
                const at = this.state.records.findIndex(r => r.engine === engine && r.record === record);
                if (at >= 0)
                    this.state.records.splice(at, 1);
                this.save(this.state);
            }
        };
    }
}
async function loginRegistry({ credential, engines, journal, advice, warn }) {
    const done = [];
    for (const engine of engines)
        engine.prepare?.(credential);
    try {
        const summaries = [];
        for (const engine of engines) {
            const { record, summary } = await engine.login(credential, journal.for(engine.name));
            done.push({ engine, record });
            summaries.push(summary);
        }
        return summaries;
    }
    catch (error) {
        for (const { engine, record } of done.reverse()) {
            try {
                await engine.undo(record);
                journal.for(engine.name).drop(record);
            }
            catch (undoError) {
                const { host, thing } = engine.label(record);
                warn(`${host}: could not undo ${thing} (${(0,errors/* errorMessage */.gJ)(undoError)}); the post step will try again.`);
            }
        }
        if (error instanceof failure/* EngineFailure */.F)
            throw new errors/* UserError */.yo(error.withAdvice(advice(error.kind)));
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/providers/provider.ts
async function obtainCredential(target, context) {
    switch (target.kind) {
        case 'local':
            return target.source.obtain(target, context);
        case 'api':
            return target.source.obtain(target, context);
    }
}

;// CONCATENATED MODULE: ./src/which.ts


function isExecutable(file, platform) {
    try {
        if (!external_node_fs_.statSync(file).isFile())
            return false;
        if (platform !== 'win32')
            external_node_fs_.accessSync(file, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
function pathCandidates(tool, env, platform = process.platform) {
    if (tool === '')
        return [];
    const windows = platform === 'win32';
    const p = (0,src_platform/* pathFor */.p)(platform);
    if (tool.includes('/') || (windows && tool.includes('\\')))
        return [p.resolve(tool)];
    const dirs = (env.PATH ?? env.Path ?? '')
        .split(p.delimiter)
        .map(dir => (windows && /^".*"$/.test(dir) ? dir.slice(1, -1) : dir))
        .filter(dir => dir !== '');
    const extensions = windows ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(e => e !== '') : [''];
    if (windows && p.extname(tool) !== '')
        extensions.unshift('');
    return dirs.flatMap(dir => extensions.map(extension => p.resolve(dir, tool + extension)));
}
function findOnPath(tool, env = process.env, platform = process.platform) {
    return pathCandidates(tool, env, platform).find(file => isExecutable(file, platform)) ?? '';
}

;// CONCATENATED MODULE: ./src/runtime.ts




function defaultRuntime() {
    return { env: process.env, which: async (tool) => findOnPath(tool, process.env), providers: PROVIDERS, engines: ENGINES };
}
function openEngines(runtime, places, run, lock) {
    const context = {
        places,
        run,
        which: runtime.which,
        env: runtime.env,
        log: (line) => log/* info */.pq(line),
        warn: (line) => log/* warning */.$e(line),
        retryPolicy: runtime.retryPolicy,
        ...(lock ? { lock } : {})
    };
    return Object.fromEntries(ENGINE_NAMES.map(name => [name, runtime.engines[name](context)]));
}

// EXTERNAL MODULE: ./src/trust.ts
var trust = __nccwpck_require__(689);
;// CONCATENATED MODULE: ./src/main.ts

















async function main(runtime = defaultRuntime()) {
    startState(runtime.env);
    const mask = (0,src_credential/* maskOnce */.S_)(secret => core/* setSecret */.Pq(secret));
    const { inputs, warnings } = getInputs(name => core/* getInput */.V4(name, { trimWhitespace: false }), mask, runtime.env, runtime.providers);
    const context = { mask, log: log/* info */.pq, env: runtime.env };
    const early = obtainLocal(inputs.targets, context);
    for (const warning of warnings)
        log/* warning */.$e(warning);
    await inputs.source.prepare?.(inputs.targets.map(t => t.region), context);
    const run = (0,external_node_crypto_.randomBytes)(12).toString('hex');
    const configDir = await openDockerConfigDir(inputs.dockerConfigDir, run, runtime.env);
    const env = configDir ? { ...runtime.env, DOCKER_CONFIG: configDir.dir } : runtime.env;
    const places = (0,src_places/* placesFor */.Wu)(inputs.hostsDir, env);
    const engines = openEngines({ ...runtime, env }, places, run);
    const journal = new StateJournal({ logout: inputs.logout, run, places, dockerConfigDir: configDir?.made, records: [] });
    saveLoginState(journal.state);
    const choice = trustedPlaces(await chooseEngines(inputs.engines, engines), inputs.engines === 'auto');
    const results = await log/* group */.Os(groupTitle(inputs, choice), async () => {
        logPlan(inputs, choice);
        return loginAll(inputs.targets, early, choice.engines, journal, context);
    });
    setOutputs(results, engines, choice, places, mask);
    reportFailures(results, inputs.logout);
}
function startState(env) {
    const file = env.GITHUB_STATE ?? '';
    const runner = `this step must run under the GitHub runner (or an emulator that provides the runner's files)`;
    if (file === '')
        throw new errors/* UserError */.yo(`GITHUB_STATE is not set: ${runner}.`);
    if (!external_node_fs_.existsSync(file))
        throw new errors/* UserError */.yo(`GITHUB_STATE names ${(0,errors/* quote */.hD)(file)}, which does not exist: ${runner}.`);
    try {
        markMainStarted();
    }
    catch (error) {
        throw new errors/* UserError */.yo(`Saving the step's state in GITHUB_STATE (${(0,errors/* quote */.hD)(file)}) failed (${(0,errors/* errorMessage */.gJ)(error)}): ${runner}.`);
    }
}
function trustedPlaces(choice, auto) {
    const kept = [];
    let refused;
    for (const engine of choice.engines) {
        try {
            engine.checkPlace?.();
            kept.push(engine);
        }
        catch (error) {
            if (!auto || !(error instanceof trust/* PlaceError */.eF))
                throw error;
            refused ??= error;
            log/* warning */.$e(`${engine.name} left out ('engine: auto'): ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    if (kept.length === 0)
        throw refused;
    return { ...choice, engines: kept };
}
function obtainLocal(targets, context) {
    const early = new Map();
    for (const target of targets) {
        if (target.kind !== 'local')
            continue;
        try {
            early.set(target, { credential: target.source.obtain(target, context) });
        }
        catch (error) {
            early.set(target, { error });
        }
    }
    return early;
}
function groupTitle(inputs, choice) {
    const count = inputs.targets.length === 1 ? '1 registry' : `${inputs.targets.length} registries`;
    return `Logging in to ${count} with ${choice.engines.map(e => e.name).join(' and ')}`;
}
function logPlan(inputs, choice) {
    log/* info */.pq(`Engines: ${choice.engines.map(e => e.name).join(', ')} (${choice.reason})`);
    log/* info */.pq(`Credential: ${inputs.source.description}`);
    for (const engine of choice.engines) {
        const line = engine.describe?.();
        if (line)
            log/* info */.pq(line);
    }
}
async function loginAll(targets, early, engines, journal, context) {
    const settled = await Promise.allSettled(targets.map(async (target) => {
        const made = early.get(target);
        if (made && 'error' in made)
            throw made.error;
        const credential = made?.credential ?? (await obtainCredential(target, context));
        (0,src_credential/* maskCredential */.kV)(credential, context.mask);
        const summaries = await loginRegistry({
            credential,
            engines,
            journal,
            advice: kind => target.source.advice(kind),
            warn: log/* warning */.$e
        });
        return { credential, summaries };
    }));
    return targets.map((target, i) => {
        const outcome = settled[i];
        if (outcome?.status !== 'fulfilled') {
            const error = (0,errors/* errorMessage */.gJ)(outcome?.reason);
            log/* info */.pq(`✗ ${target.registry.host}: ${error}`);
            return { target, error };
        }
        const { credential, summaries } = outcome.value;
        const until = credential.expiresAt ? `, valid until ${credential.expiresAt}` : '';
        log/* info */.pq(`✓ ${target.registry.host} as ${credential.username}: ${summaries.join(', ')}${until}`);
        return { target, credential, summaries };
    });
}
function setOutputs(results, engines, choice, places, mask) {
    const succeeded = results.flatMap(r => ('credential' in r ? [r.credential] : []));
    const first = succeeded[0];
    if (first) {
        core/* setOutput */.uH(src_names/* OUTPUT */.aQ.registry, first.registry.host);
        core/* setOutput */.uH(src_names/* OUTPUT */.aQ.username, first.username);
        core/* setOutput */.uH(src_names/* OUTPUT */.aQ.ctrUser, `${first.username}:${first.password}`);
    }
    core/* setOutput */.uH(src_names/* OUTPUT */.aQ.registries, JSON.stringify(succeeded.map(c => c.registry.host)));
    const config = (0,auth_file/* dockerConfigJson */.TF)(succeeded);
    mask(config);
    mask(Buffer.from(config, 'utf8').toString('base64'));
    core/* setOutput */.uH(src_names/* OUTPUT */.aQ.dockerConfigJson, config);
    core/* setOutput */.uH(src_names/* OUTPUT */.aQ.dockerConfigDir, places.dockerConfig);
    for (const engine of Object.values(engines)) {
        const used = first !== undefined && choice.engines.includes(engine);
        for (const [name, value] of Object.entries(engine.outputs?.(used) ?? {}))
            core/* setOutput */.uH(name, value);
    }
    const expiries = succeeded
        .map(c => c.expiresAt)
        .filter((t) => t !== undefined)
        .sort();
    core/* setOutput */.uH(src_names/* OUTPUT */.aQ.expiresAt, expiries[0] ?? '');
}
function reportFailures(results, logout) {
    const failures = results.flatMap(r => ('error' in r ? [r] : []));
    const [first] = failures;
    if (first === undefined)
        return;
    if (results.length === 1) {
        log/* fail */.fJ(first.error);
        return;
    }
    const lines = failures.map(f => `- ${f.target.registry.host} (${f.target.region}): ${f.error}`);
    const succeeded = results.length - failures.length;
    const [others, them, stay] = succeeded === 1 ? ['the other is', 'it', 'stays'] : [`the other ${succeeded} are`, 'them', 'stay'];
    const rest = succeeded === 0 ? '' : `; ${others} logged in` + (logout ? ` and the post step logs ${them} out` : ` and ${stay} so ('logout' is false)`);
    const what = succeeded === 0 ? `all ${results.length} registries` : `${failures.length} of ${results.length} registries`;
    log/* fail */.fJ(`Login failed for ${what}${rest}.\n${lines.join('\n')}`);
}

// EXTERNAL MODULE: ./src/engines/engine.ts
var engines_engine = __nccwpck_require__(9105);
// EXTERNAL MODULE: ./src/ledger.ts + 2 modules
var ledger = __nccwpck_require__(7894);
;// CONCATENATED MODULE: ./src/post.ts










const REFUSALS_SHOWN = 3;
const POST_LOCK_BUDGET_MS = 20_000;
async function post(runtime = defaultRuntime()) {
    let state;
    try {
        state = loadLoginState();
    }
    catch (error) {
        log/* warning */.$e(`Could not read what the main step did (${(0,errors/* errorMessage */.gJ)(error)}), so no credentials were removed. On a self-hosted ` +
            `runner, remove them by hand: ${byHand(runtime)}, and an isolated Docker config directory under RUNNER_TEMP.`);
        return;
    }
    if (!state) {
        log/* info */.pq('The main step stored no credentials: nothing to remove.');
        return;
    }
    await undoRecords(state, runtime);
    await closeDockerConfigDir(state, runtime.env);
}
async function undoRecords(state, runtime) {
    if (state.records.length === 0) {
        log/* info */.pq('The main step stored no credentials: nothing to remove.');
        return;
    }
    const engines = openEngines(runtime, state.places, state.run, { deadline: { at: Date.now() + POST_LOCK_BUDGET_MS } });
    const records = [...state.records].reverse();
    const trusted = placeCheck(state.places, state.run, runtime.env, engines);
    if (!state.logout) {
        log/* info */.pq(`'logout' is false: the credentials stay in place for later jobs on this runner.`);
        for (const { engine: name, record } of records)
            await releaseRecord(engines[name], record, trusted);
        return;
    }
    await log/* group */.Os('Removing the credentials the main step added', async () => {
        const refused = [];
        for (const { engine: name, record } of records) {
            const engine = engines[name];
            if ((await trusted(engine, record)) && !(await undoRecord(engine, record, state.places, refused.length < REFUSALS_SHOWN)))
                refused.push(name);
        }
        if (refused.length > REFUSALS_SHOWN) {
            const more = refused.slice(REFUSALS_SHOWN);
            const by = ENGINE_NAMES.map(name => [name, more.filter(n => n === name).length]).filter(([, n]) => n > 0);
            log/* warning */.$e(`${more.length} more saved records (${by.map(([name, n]) => `${n} ${name}`).join(', ')}) are not ones this action ` +
                `writes, or point outside the places main used: they were left alone.`);
        }
    });
}
function removals(engines) {
    return [...new Set(engines.map(engine => engine.removal))];
}
function byHand(runtime) {
    try {
        return removals(Object.values(openEngines(runtime, (0,src_places/* placesFor */.Wu)(undefined, runtime.env), 'unknown'))).join(', ');
    }
    catch {
        return "each engine's own logout for every registry the main step logged in to (its log names them)";
    }
}
function placeCheck(places, run, env, engines) {
    const own = (0,src_places/* ownPlaces */.Ps)(env);
    const verdicts = new Map();
    const warned = new Set();
    const verdictOf = (engine) => {
        const { place } = engine;
        let verdict = verdicts.get(place);
        if (verdict !== undefined)
            return verdict;
        const dir = places[place];
        try {
            engine.checkPlace?.();
            verdict = dir === own[place] || ledgerProves(place, places, run) ? 'trusted' : 'unproven';
        }
        catch (error) {
            const why = error instanceof trust/* PlaceError */.eF ? `${error.what}: ${error.refused.message}.` : (0,errors/* errorMessage */.gJ)(error);
            const byHand = removals(Object.values(engines).filter(other => other.place === place));
            log/* warning */.$e(`${why} Post left everything there as it is: what another user controls may have been planted since the main ` +
                `step, and is not to be written through. If this job logged in there, its logins stay until removed by hand ` +
                `(${byHand.join(' or ')}).`);
            verdict = 'refused';
        }
        for (const other of Object.values(engines))
            if (other.place === place)
                verdicts.set(place, verdict);
        return verdict;
    };
    return async (engine, record) => {
        const verdict = verdictOf(engine);
        if (verdict !== 'unproven')
            return verdict === 'trusted';
        try {
            if (engine.owns(record) && (await engine.holds?.(record)))
                return true;
        }
        catch {
        }
        if (!warned.has(engine.place)) {
            warned.add(engine.place);
            log/* warning */.$e(`The saved state says main wrote to ${places[engine.place]}, but no login of this run is recorded there, so nothing there was ` +
                `touched. That is expected when the post step runs a second time, or when another program has since replaced ` +
                `what this run wrote there; otherwise the saved state was changed.`);
        }
        return false;
    };
}
function ledgerProves(place, places, run) {
    const dir = (0,src_places/* ledgerDir */.PW)(place, places[place]);
    if (src_places/* PLACE_KINDS */.EP[place] === 'file') {
        const others = Object.keys(src_places/* PLACE_KINDS */.EP).filter(other => other !== place && src_places/* PLACE_KINDS */.EP[other] === 'dir');
        if (others.some(other => places[other] === dir))
            return false;
    }
    return holdsRun(dir, run);
}
function holdsRun(dir, run) {
    try {
        return new ledger/* Ledger */.Oc(dir).holds(run);
    }
    catch {
        return false;
    }
}
async function releaseRecord(engine, record, trusted) {
    try {
        if (engine.release && engine.owns(record) && (await trusted(engine, record)))
            await engine.release(record);
    }
    catch (error) {
        log/* warning */.$e(`Could not note that the ${engine.name} login stays for later jobs: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
async function undoRecord(engine, record, places, warn) {
    try {
        if (!engine.owns(record)) {
            if (warn) {
                log/* warning */.$e(`A saved ${engine.name} record is not one this action writes, or points outside the places main used ` + `(${JSON.stringify(places)}): it was left alone.`);
            }
            return false;
        }
        const { host, thing } = engine.label(record);
        try {
            log/* info */.pq(`${host}: ${await engine.undo(record)}`);
        }
        catch (error) {
            const remains = error instanceof engines_engine/* RecordRefused */.a ? undefined : engine.byHand?.(record);
            const why = (0,errors/* errorMessage */.gJ)(error);
            log/* warning */.$e(`${host}: could not remove ${thing}: ${why}${remains ? `${why.endsWith('.') ? '' : '.'} The credential ${remains}.` : ''}`);
        }
    }
    catch (error) {
        log/* warning */.$e(`Could not undo a ${engine.name} record: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    return true;
}

;// CONCATENATED MODULE: ./src/index.ts





async function run() {
    if (isPost()) {
        try {
            await post();
        }
        catch (error) {
            log/* warning */.$e(`Cleaning up the registry credentials failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
        return;
    }
    try {
        await main();
    }
    catch (error) {
        log/* fail */.fJ(error instanceof errors/* UserError */.yo
            ? error.message
            : `${(0,errors/* errorMessage */.gJ)(error)} (an unexpected failure of the action: please report it, with this log, in the action's issue tracker)`);
    }
}
void run();

