export const id = 311;
export const ids = [311];
export const modules = {

/***/ 4311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MARK_FILE: () => (/* binding */ MARK_FILE),
/* harmony export */   closeDockerConfigDir: () => (/* binding */ closeDockerConfigDir),
/* harmony export */   openDockerConfigDir: () => (/* binding */ openDockerConfigDir)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _places_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3235);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3916);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5625);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6455);
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(9834);
/* harmony import */ var _trust_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(689);











const ISOLATED_PREFIX = 'cloud-registry-login-config-';
const ISOLATED_NAME = /^cloud-registry-login-config-[0-9a-f]{24}$/;
const MARK_FILE = '.cloud-registry-login-dir';
const MARK_MAX = 16 * 1024;
const LINKED_DIRS = ['cli-plugins', 'contexts', 'buildx'];
const CERT_FILES = ['ca.pem', 'cert.pem', 'key.pem'];
function openDockerConfigDir(choice, run, env, exportVariable = (name, value) => exportToJob(name, value, env)) {
    let made;
    let dir;
    let line;
    if (choice.kind === 'isolated') {
        const isolated = makeIsolated(node_path__WEBPACK_IMPORTED_MODULE_4__.resolve((0,_places_js__WEBPACK_IMPORTED_MODULE_5__/* .dockerConfigDir */ .kG)(env)), run, env);
        dir = isolated.dir;
        made = { kind: 'isolated', dir };
        line = `Docker config: ${dir}, this job's own (${isolated.contents})`;
    }
    else {
        dir = choice.dir;
        const created = makeDir(dir, run);
        made = created ? { kind: 'created', dir } : undefined;
        line = `Docker config: ${dir}${created ? ', created' : ''} ('${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}')`;
    }
    exportVariable('DOCKER_CONFIG', dir);
    _log_js__WEBPACK_IMPORTED_MODULE_7__/* .info */ .pq(`${line}; DOCKER_CONFIG points there for the rest of the job.`);
    return made ? { dir, made } : { dir };
}
function exportToJob(name, value, env) {
    if (!env.GITHUB_ENV) {
        _log_js__WEBPACK_IMPORTED_MODULE_7__/* .warning */ .$e(`GITHUB_ENV is not set, so ${name} could not be set for the later steps of the job: set ${name}=${value} in those that use docker.`);
        return;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .exportVariable */ .dN(name, value);
}
function isolatedParent(env) {
    return node_path__WEBPACK_IMPORTED_MODULE_4__.resolve(env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir());
}
function makeIsolated(existing, run, env) {
    const parent = isolatedParent(env);
    const dir = node_path__WEBPACK_IMPORTED_MODULE_4__.join(parent, `${ISOLATED_PREFIX}${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(12).toString('hex')}`);
    (0,_trust_js__WEBPACK_IMPORTED_MODULE_10__/* .checkedPlace */ .fb)(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is 'isolated', and its directory goes in ${parent}`, dir, 'dir');
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_2__.mkdirSync(parent, { recursive: true });
        node_fs__WEBPACK_IMPORTED_MODULE_2__.mkdirSync(dir, { mode: 0o700 });
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is 'isolated', but no directory could be made in ${parent}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}. ` +
            `Check that RUNNER_TEMP (or the system's temporary directory) is writable.`);
    }
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_2__.chmodSync(dir, 0o700);
        writeMark(dir, { run, created: dir });
        const notes = [];
        const refusal = placeRefusal(existing);
        if (refusal !== undefined) {
            _log_js__WEBPACK_IMPORTED_MODULE_7__/* .warning */ .$e(`${refusal} So 'docker-config-dir: isolated' neither copies its config.json nor links its plugins, contexts, ` +
                `builders or TLS files: the job's Docker config starts empty.`);
            return { dir, contents: `nothing from ${existing}, which another user controls` };
        }
        const copied = copyConfig(existing, dir);
        notes.push(copied ? `a copy of ${copied}` : `no config.json in ${existing} to copy`);
        const linked = [...LINKED_DIRS, ...CERT_FILES].filter(name => link(existing, dir, name));
        if (linked.length > 0)
            notes.push(`links to its ${linked.join(', ')}`);
        return { dir, contents: notes.join(', ') };
    }
    catch (error) {
        node_fs__WEBPACK_IMPORTED_MODULE_2__.rmSync(dir, { recursive: true, force: true });
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo)
            throw error;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is 'isolated', but ${dir} could not be set up: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}.`);
    }
}
function placeRefusal(existing) {
    try {
        if (!node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync(existing))
            return undefined;
        (0,_trust_js__WEBPACK_IMPORTED_MODULE_10__/* .checkPlace */ .uD)(existing, 'dir');
        (0,_trust_js__WEBPACK_IMPORTED_MODULE_10__/* .checkPlace */ .uD)(node_path__WEBPACK_IMPORTED_MODULE_4__.join(existing, 'config.json'), 'file');
        return undefined;
    }
    catch (error) {
        if (error instanceof _trust_js__WEBPACK_IMPORTED_MODULE_10__/* .PlaceRefused */ .Si && error.control)
            return `The job's Docker config ${existing}: ${error.message}.`;
        if (error instanceof _trust_js__WEBPACK_IMPORTED_MODULE_10__/* .PlaceRefused */ .Si)
            return undefined;
        throw error;
    }
}
function copyConfig(existing, dir) {
    const source = node_path__WEBPACK_IMPORTED_MODULE_4__.join(existing, 'config.json');
    let bytes;
    try {
        bytes = (0,_read_file_js__WEBPACK_IMPORTED_MODULE_9__/* .readSmallFile */ .EW)(source);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is 'isolated', but the job's Docker config ${source} could not be copied: ` +
            `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}. Fix or remove that file, or leave 'docker-config-dir' empty.`);
    }
    node_fs__WEBPACK_IMPORTED_MODULE_2__.writeFileSync(node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, 'config.json'), bytes, { mode: 0o600, flag: 'wx' });
    const helpers = credentialHelpers(bytes);
    if (helpers.length > 0) {
        _log_js__WEBPACK_IMPORTED_MODULE_7__/* .warning */ .$e(`${source} names the credential helper ${helpers.map(h => `docker-credential-${h}`).join(', ')}: the docker logins ` +
            `it covers are kept there, which every job of this user shares, so 'docker-config-dir: isolated' keeps only the ` +
            `logins in config.json apart. Remove credsStore and credHelpers from that config to isolate them all.`);
    }
    return source;
}
function credentialHelpers(bytes) {
    try {
        const config = JSON.parse(bytes.toString('utf8'));
        const names = [config?.credsStore, ...Object.values(config?.credHelpers ?? {})];
        return [...new Set(names.filter((n) => typeof n === 'string' && n !== ''))];
    }
    catch {
        return [];
    }
}
function link(existing, dir, name) {
    const target = node_path__WEBPACK_IMPORTED_MODULE_4__.join(existing, name);
    let stat;
    try {
        stat = node_fs__WEBPACK_IMPORTED_MODULE_2__.statSync(target);
    }
    catch {
        return false;
    }
    const at = node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, name);
    if (stat.isDirectory()) {
        node_fs__WEBPACK_IMPORTED_MODULE_2__.symlinkSync(target, at, 'junction');
    }
    else {
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_2__.symlinkSync(target, at, 'file');
        }
        catch {
            node_fs__WEBPACK_IMPORTED_MODULE_2__.copyFileSync(target, at);
            node_fs__WEBPACK_IMPORTED_MODULE_2__.chmodSync(at, 0o600);
        }
    }
    return true;
}
function makeDir(dir, run) {
    (0,_trust_js__WEBPACK_IMPORTED_MODULE_10__/* .checkedPlace */ .fb)(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' (${dir})`, dir, 'dir');
    let first;
    try {
        first = node_fs__WEBPACK_IMPORTED_MODULE_2__.mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .quote */ .hD)(dir)}, which is not a directory and could not be made one ` +
            `(${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}). Give a directory path, or 'isolated'.`);
    }
    (0,_trust_js__WEBPACK_IMPORTED_MODULE_10__/* .checkedPlace */ .fb)(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' (${dir})`, dir, 'dir');
    if (first === undefined)
        return false;
    writeMark(dir, { run, created: first });
    return true;
}
function writeMark(dir, mark) {
    node_fs__WEBPACK_IMPORTED_MODULE_2__.writeFileSync(node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, MARK_FILE), JSON.stringify(mark), { mode: 0o600, flag: 'wx' });
}
function closeDockerConfigDir(state, env) {
    const made = state.dockerConfigDir;
    const what = made.kind === 'isolated' ? `The isolated Docker config directory ${made.dir}` : `The Docker config directory ${made.dir}`;
    if (!state.logout) {
        _log_js__WEBPACK_IMPORTED_MODULE_7__/* .info */ .pq(`'logout' is false: ${lowerFirst(what)} stays, with the logins in it (DOCKER_CONFIG still points there).`);
        return;
    }
    try {
        const mark = checkMade(made, state.run, env);
        if (mark === 'gone') {
            _log_js__WEBPACK_IMPORTED_MODULE_7__/* .info */ .pq(`${what} is gone already: nothing to remove.`);
            return;
        }
        if (typeof mark === 'string') {
            _log_js__WEBPACK_IMPORTED_MODULE_7__/* .warning */ .$e(`${what}, named in the saved state, was left alone: ${mark}.`);
            return;
        }
        if (made.kind === 'isolated' && env.RUNNER_TEMP) {
            emptyIsolated(made.dir);
            _log_js__WEBPACK_IMPORTED_MODULE_7__/* .info */ .pq(`${what} is emptied of its logins (config.json and its copy of the earlier ones); the directory and its links ` +
                `stay for the post steps still to run, and go with RUNNER_TEMP at the end of the job.`);
            return;
        }
        if (made.kind === 'isolated') {
            unlinkLinks(made.dir);
            node_fs__WEBPACK_IMPORTED_MODULE_2__.rmSync(made.dir, { recursive: true, force: true });
            _log_js__WEBPACK_IMPORTED_MODULE_7__/* .info */ .pq(`${what} is removed.`);
            return;
        }
        _log_js__WEBPACK_IMPORTED_MODULE_7__/* .info */ .pq(removeCreated(made.dir, mark.created));
    }
    catch (error) {
        _log_js__WEBPACK_IMPORTED_MODULE_7__/* .warning */ .$e(`Could not remove ${lowerFirst(what)}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}`);
    }
}
function unlinkLinks(dir) {
    for (const name of [...LINKED_DIRS, ...CERT_FILES]) {
        const at = node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, name);
        let stat;
        try {
            stat = node_fs__WEBPACK_IMPORTED_MODULE_2__.lstatSync(at);
        }
        catch {
            continue;
        }
        if (stat.isSymbolicLink())
            node_fs__WEBPACK_IMPORTED_MODULE_2__.unlinkSync(at);
    }
}
function emptyIsolated(dir) {
    for (const name of node_fs__WEBPACK_IMPORTED_MODULE_2__.readdirSync(dir)) {
        if (name === MARK_FILE || CERT_FILES.includes(name))
            continue;
        const at = node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, name);
        if (node_fs__WEBPACK_IMPORTED_MODULE_2__.lstatSync(at).isSymbolicLink())
            continue;
        node_fs__WEBPACK_IMPORTED_MODULE_2__.rmSync(at, { recursive: true, force: true });
    }
}
function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
}
function checkMade(made, run, env) {
    if (made.kind === 'isolated') {
        const parent = isolatedParent(env);
        if (node_path__WEBPACK_IMPORTED_MODULE_4__.dirname(made.dir) !== parent || !ISOLATED_NAME.test(node_path__WEBPACK_IMPORTED_MODULE_4__.basename(made.dir))) {
            return `it is not a directory this action makes (${ISOLATED_PREFIX}… directly in ${parent})`;
        }
    }
    let stat;
    try {
        stat = node_fs__WEBPACK_IMPORTED_MODULE_2__.lstatSync(made.dir);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return 'gone';
        throw error;
    }
    if (!stat.isDirectory())
        return 'it is not a directory (a symlink, say)';
    if (process.getuid && stat.uid !== process.getuid())
        return 'it belongs to another user';
    let mark = null;
    try {
        mark = JSON.parse((0,_read_file_js__WEBPACK_IMPORTED_MODULE_9__/* .readSmallFile */ .EW)(node_path__WEBPACK_IMPORTED_MODULE_4__.join(made.dir, MARK_FILE), MARK_MAX).toString('utf8'));
    }
    catch {
    }
    const created = mark?.created;
    const within = typeof created === 'string' &&
        node_path__WEBPACK_IMPORTED_MODULE_4__.isAbsolute(created) &&
        node_path__WEBPACK_IMPORTED_MODULE_4__.resolve(created) === created &&
        (made.kind === 'isolated' ? created === made.dir : created === made.dir || made.dir.startsWith(created + node_path__WEBPACK_IMPORTED_MODULE_4__.sep));
    if (mark?.run !== run || !within)
        return `it holds no mark of this run (${MARK_FILE}), so this run did not make it`;
    return { run, created };
}
function removeCreated(dir, created) {
    node_fs__WEBPACK_IMPORTED_MODULE_2__.rmSync(node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, MARK_FILE), { force: true });
    const config = node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, 'config.json');
    if (holdsNothing(config))
        node_fs__WEBPACK_IMPORTED_MODULE_2__.rmSync(config, { force: true });
    for (let at = dir;; at = node_path__WEBPACK_IMPORTED_MODULE_4__.dirname(at)) {
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_2__.rmdirSync(at);
        }
        catch (error) {
            const code = error.code;
            if (code === 'ENOTEMPTY' || code === 'EEXIST') {
                return at === dir
                    ? `The Docker config directory ${dir}, created by the main step, is kept: later steps put files there.`
                    : `The Docker config directory ${dir}, created by the main step, is removed; ${at} is kept: it holds other files.`;
            }
            throw error;
        }
        if (at === created)
            return `The Docker config directory ${dir}, created by the main step, is removed.`;
    }
}
function holdsNothing(file) {
    try {
        const config = JSON.parse((0,_read_file_js__WEBPACK_IMPORTED_MODULE_9__/* .readSmallFile */ .EW)(file, MARK_MAX).toString('utf8'));
        if (typeof config !== 'object' || config === null || Array.isArray(config))
            return false;
        const keys = Object.keys(config);
        const auths = config.auths;
        return keys.every(k => k === 'auths') && (auths === undefined || (typeof auths === 'object' && auths !== null && Object.keys(auths).length === 0));
    }
    catch {
        return false;
    }
}


/***/ })

};
