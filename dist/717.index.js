export const id = 717;
export const ids = [717];
export const modules = {

/***/ 3717:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MARK_FILE: () => (/* binding */ MARK_FILE),
/* harmony export */   closeDockerConfigDir: () => (/* binding */ closeDockerConfigDir),
/* harmony export */   openDockerConfigDir: () => (/* binding */ openDockerConfigDir)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7829);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _engines_docker_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(308);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3919);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1304);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8998);
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4135);










// The files behind 'docker-config-dir' (see docker-config-dir.ts, which loads this module only when the input is set):
// the directory made, the config copied, the links, the mark of the run that made it, and their removal.
const ISOLATED_PREFIX = 'cloud-registry-login-config-';
const ISOLATED_NAME = /^cloud-registry-login-config-[0-9a-f]{24}$/;
/**
 * The mark main leaves in a directory it made: this run's id, and the first directory it created (the isolated
 * directory, or the topmost one missing from a path). What post removes comes from here, beside the files, so a
 * changed saved state cannot widen it; and a directory without the mark of this run is never touched.
 */
const MARK_FILE = '.cloud-registry-login-dir';
const MARK_MAX = 16 * 1024;
/**
 * What an isolated directory links to in the existing one, when it is there: the CLI plugins (buildx, compose), the
 * contexts (currentContext in the copied config.json names one), and buildx's builders (docker/setup-buildx-action,
 * which usually runs before the login, keeps the builder it made there: without it the build would use another one).
 */
const LINKED_DIRS = ['cli-plugins', 'contexts', 'buildx'];
/**
 * The daemon's TLS files, which docker reads from the config directory unless DOCKER_CERT_PATH says otherwise. Linked
 * rather than exporting DOCKER_CERT_PATH: the isolated directory then stands for the old one all by itself, and the job
 * gets no second variable that would outlive the directory or change what a later step that sets DOCKER_CONFIG back
 * would use.
 */
const CERT_FILES = ['ca.pem', 'cert.pem', 'key.pem'];
/**
 * Sets up the Docker config directory `choice` asks for, before the engines are opened: for 'isolated' and a path,
 * DOCKER_CONFIG is set in `env` and exported for the rest of the job (GITHUB_ENV), so that placesFor puts every
 * engine's writes there. Returns what post must take away (undefined when main made nothing). Throws UserError.
 */
function openDockerConfigDir(choice, run, env, exportVariable = (name, value) => exportToJob(name, value, env)) {
    let made;
    let dir;
    let line;
    if (choice.kind === 'isolated') {
        const isolated = makeIsolated(node_path__WEBPACK_IMPORTED_MODULE_4__.resolve((0,_engines_docker_js__WEBPACK_IMPORTED_MODULE_5__/* .dockerConfigDir */ .kG)(env)), run, env);
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
    env.DOCKER_CONFIG = dir;
    exportVariable('DOCKER_CONFIG', dir);
    _log_js__WEBPACK_IMPORTED_MODULE_7__/* .info */ .pq(`${line}; DOCKER_CONFIG points there for the rest of the job.`);
    return made;
}
/**
 * Exports a variable to the later steps of the job (GITHUB_ENV). Without GITHUB_ENV (a runner emulator, say) a warning
 * instead: core.exportVariable would print the set-env command, which runners have disabled.
 */
function exportToJob(name, value, env) {
    if (!env.GITHUB_ENV) {
        _log_js__WEBPACK_IMPORTED_MODULE_7__/* .warning */ .$e(`GITHUB_ENV is not set, so ${name} could not be set for the later steps of the job: set ${name}=${value} in those that use docker.`);
        return;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .exportVariable */ .dN(name, value);
}
/** Where isolated directories are made, and the only place post removes one from: RUNNER_TEMP, else the system's. */
function isolatedParent(env) {
    return node_path__WEBPACK_IMPORTED_MODULE_4__.resolve(env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir());
}
/**
 * A new directory (0700, a name no one can guess or have planted) holding a copy (0600) of the existing config.json and
 * links to what else of the existing directory the job needs. Returns it, and a note of what it holds for the log.
 */
function makeIsolated(existing, run, env) {
    const parent = isolatedParent(env);
    const dir = node_path__WEBPACK_IMPORTED_MODULE_4__.join(parent, `${ISOLATED_PREFIX}${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(12).toString('hex')}`);
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_2__.mkdirSync(parent, { recursive: true });
        // Not recursive: it fails when the name is taken, so no one else's directory is ever used.
        node_fs__WEBPACK_IMPORTED_MODULE_2__.mkdirSync(dir, { mode: 0o700 });
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is 'isolated', but no directory could be made in ${parent}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}. ` +
            `Check that RUNNER_TEMP (or the system's temporary directory) is writable.`);
    }
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_2__.chmodSync(dir, 0o700); // whatever the umask
        writeMark(dir, { run, created: dir });
        const notes = [];
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
/**
 * Copies `existing`/config.json (a symlink followed) into `dir`, 0600; returns the file copied, or undefined when there
 * is none. Warns when it keeps logins in a credential helper: those are the user's, shared by every job.
 */
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
/** The helpers a config.json names (credsStore, credHelpers), or none when it cannot be read as one. */
function credentialHelpers(bytes) {
    try {
        const config = JSON.parse(bytes.toString('utf8'));
        const names = [config?.credsStore, ...Object.values(config?.credHelpers ?? {})];
        return [...new Set(names.filter((n) => typeof n === 'string' && n !== ''))];
    }
    catch {
        return []; // docker, and the docker engine, say what is wrong with it
    }
}
/** Links `dir`/`name` to `existing`/`name` when that exists; whether it did. A file that cannot be linked is copied. */
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
        // A junction on Windows: it needs no privilege there, and post's removal takes the link, never what it points to.
        node_fs__WEBPACK_IMPORTED_MODULE_2__.symlinkSync(target, at, 'junction');
    }
    else {
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_2__.symlinkSync(target, at, 'file');
        }
        catch {
            // Windows without the privilege to make symlinks: a copy of a certificate serves as well.
            node_fs__WEBPACK_IMPORTED_MODULE_2__.copyFileSync(target, at);
            node_fs__WEBPACK_IMPORTED_MODULE_2__.chmodSync(at, 0o600);
        }
    }
    return true;
}
/**
 * Creates `dir` (0700, with any missing parent) when it is missing; whether it did. A directory main creates gets this
 * run's mark, for post to remove it once it is empty.
 */
function makeDir(dir, run) {
    let first;
    try {
        first = node_fs__WEBPACK_IMPORTED_MODULE_2__.mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .quote */ .hD)(dir)}, which is not a directory and could not be made one ` +
            `(${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}). Give a directory path, or 'isolated'.`);
    }
    if (first === undefined) {
        checkOwnDir(dir);
        return false;
    }
    writeMark(dir, { run, created: first });
    return true;
}
/**
 * An existing directory given in the input holds the job's logins from now on: refused when it belongs to another
 * user (who could read them, or have planted a config.json naming a credential helper of their choosing), and a
 * warning when others may write to it. POSIX only: Windows has no owner ids to compare.
 */
function checkOwnDir(dir) {
    if (!process.getuid)
        return;
    // The path itself first: a link another user owns could be pointed elsewhere later, under the job's logins.
    const link = node_fs__WEBPACK_IMPORTED_MODULE_2__.lstatSync(dir);
    if (link.isSymbolicLink() && link.uid !== process.getuid()) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .quote */ .hD)(dir)}, a symbolic link of another user (uid ${link.uid}), who could ` +
            `point it elsewhere at any time. Give a directory of your own (or 'isolated').`);
    }
    const stat = node_fs__WEBPACK_IMPORTED_MODULE_2__.statSync(dir);
    if (stat.uid !== process.getuid()) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .quote */ .hD)(dir)}, a directory of another user (uid ${stat.uid}): the logins ` +
            `would be theirs to read or change. Give a directory of your own (or 'isolated').`);
    }
    if ((stat.mode & 0o022) !== 0) {
        _log_js__WEBPACK_IMPORTED_MODULE_7__/* .warning */ .$e(`Input '${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .INPUT */ .bO.dockerConfigDir}' is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .quote */ .hD)(dir)}, which other users may write to (mode ` +
            `${(stat.mode & 0o777).toString(8)}): they could replace the config.json holding the logins. Use a directory ` +
            `only you can write to (chmod 700), or 'isolated'.`);
    }
}
function writeMark(dir, mark) {
    node_fs__WEBPACK_IMPORTED_MODULE_2__.writeFileSync(node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, MARK_FILE), JSON.stringify(mark), { mode: 0o600, flag: 'wx' });
}
/**
 * Takes away what main made (post, after the logins in it are undone): an isolated directory's logins (under
 * RUNNER_TEMP the directory and its links stay for later post steps; elsewhere it goes whole, links removed as links),
 * or a directory main created, once nothing but an empty config.json is left in it. Acts only on a directory that
 * holds this run's mark (and, for an isolated one, with its name, directly in RUNNER_TEMP); with 'logout: false' it
 * stays. Never throws: whatever goes wrong is a warning.
 */
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
            // Post steps run last step first: one for a step before the login (docker/setup-buildx-action's `buildx rm`)
            // still runs with DOCKER_CONFIG pointing here, and finds its builder through the buildx link. So the logins go
            // now, and the directory with its links goes with RUNNER_TEMP, which the runner empties after the job.
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
/**
 * Takes the links main made in an isolated directory off one by one, as links, before the directory itself goes: the
 * recursive removal then meets none. Node's recursive rm has had platform bugs with links (a junction on Windows, a
 * dangling link), and following one there would delete the user's own cli-plugins, contexts or builders.
 */
function unlinkLinks(dir) {
    for (const name of [...LINKED_DIRS, ...CERT_FILES]) {
        const at = node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, name);
        let stat;
        try {
            stat = node_fs__WEBPACK_IMPORTED_MODULE_2__.lstatSync(at);
        }
        catch {
            continue; // not made (nothing to link to), or gone already
        }
        // unlink takes a directory symlink or a junction off on Windows too, never what it points to.
        if (stat.isSymbolicLink())
            node_fs__WEBPACK_IMPORTED_MODULE_2__.unlinkSync(at);
    }
}
/**
 * Removes from an isolated directory everything but the links main made and its mark: config.json (the copy of the
 * earlier logins), the ledger, and whatever else the job's tools wrote there. The links are never followed.
 */
function emptyIsolated(dir) {
    for (const name of node_fs__WEBPACK_IMPORTED_MODULE_2__.readdirSync(dir)) {
        // The daemon's TLS files stay too: on Windows without the right to make symlinks they are copies, not links.
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
/**
 * The mark of this run in the directory the state names, or why the directory is not to be touched ('gone' when it is
 * not there at all).
 */
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
        // no mark, or not ours: refused below
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
/**
 * Removes what is left of a directory main created for a path: its mark, a config.json that holds nothing any more,
 * then the directory and the parents main created with it, each only when empty. Returns the line for the log.
 */
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
/** Whether a config.json holds nothing but an empty auths (what is left once the logins are off). */
function holdsNothing(file) {
    try {
        const config = JSON.parse((0,_read_file_js__WEBPACK_IMPORTED_MODULE_9__/* .readSmallFile */ .EW)(file, MARK_MAX).toString('utf8'));
        if (typeof config !== 'object' || config === null || Array.isArray(config))
            return false;
        const keys = Object.keys(config);
        const auths = config.auths;
        return (keys.every(k => k === 'auths') &&
            (auths === undefined || (typeof auths === 'object' && auths !== null && Object.keys(auths).length === 0)));
    }
    catch {
        return false;
    }
}


/***/ })

};
