export const id = 112;
export const ids = [112];
export const modules = {

/***/ 2112:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  containerdWork: () => (/* binding */ containerdWork)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/memo.ts
var memo = __webpack_require__(5025);
// EXTERNAL MODULE: ./src/failure.ts
var failure = __webpack_require__(1633);
// EXTERNAL MODULE: ./src/ledger.ts + 2 modules
var src_ledger = __webpack_require__(7894);
// EXTERNAL MODULE: ./src/read-file.ts
var read_file = __webpack_require__(9834);
// EXTERNAL MODULE: ./src/registry.ts
var registry = __webpack_require__(2976);
// EXTERNAL MODULE: ./src/trust.ts
var trust = __webpack_require__(689);
// EXTERNAL MODULE: ./src/limits.ts
var limits = __webpack_require__(351);
// EXTERNAL MODULE: ./src/write-file.ts
var write_file = __webpack_require__(8655);
// EXTERNAL MODULE: ./src/engines/containerd/record.ts
var containerd_record = __webpack_require__(1188);
;// CONCATENATED MODULE: ./src/engines/containerd/files.ts







const bytesOf = (value) => Buffer.from(value.data, 'base64');
const isId = (v) => Number.isSafeInteger(v) && v >= 0;
function isHostsFile(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const v = value;
    return (Object.keys(v).every(k => k === 'data' || k === 'mode' || k === 'uid' || k === 'gid') &&
        typeof v.data === 'string' &&
        v.data.length <= Math.ceil(read_file/* SMALL_FILE_MAX */.oQ / 3) * 4 &&
        /^[A-Za-z0-9+/]*={0,2}$/.test(v.data) &&
        Number.isSafeInteger(v.mode) &&
        v.mode >= 0 &&
        v.mode <= 0o7777 &&
        isId(v.uid) &&
        isId(v.gid));
}
const digestOf = (value) => (value === undefined ? undefined : (0,containerd_record/* sha256 */.sc)(bytesOf(value)));
function readHostsFile(file) {
    let data;
    let st;
    try {
        data = (0,read_file/* readSmallFile */.EW)(file);
        st = external_node_fs_.statSync(file);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return undefined;
        throw error;
    }
    return { data: data.toString('base64'), mode: st.mode & 0o777, uid: st.uid, gid: st.gid };
}
function writeAtomic(file, data, value) {
    external_node_fs_.mkdirSync(external_node_path_.dirname(file), { recursive: true, mode: 0o700 });
    const trusted = (0,trust/* trustedUsers */.G6)();
    const owner = trusted === undefined || trusted.owners.has(value.uid) ? { uid: value.uid, gid: value.gid } : undefined;
    (0,write_file/* writeFileAtomic */.Z)(file, data, { mode: value.mode & 0o777, owner });
}
function makeDirs(dir) {
    let top;
    for (let d = dir; !external_node_fs_.existsSync(d); d = external_node_path_.dirname(d)) {
        top = d;
        if (external_node_path_.dirname(d) === d)
            break;
    }
    external_node_fs_.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return top;
}
function removeEmptyDirs(dir, top) {
    if (top === undefined || !isAtOrAbove(top, dir))
        return;
    for (let d = dir;; d = external_node_path_.dirname(d)) {
        try {
            external_node_fs_.rmdirSync(d);
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                return;
        }
        if (d === top || external_node_path_.dirname(d) === d)
            return;
    }
}
function noteOf(note, hostDir) {
    const n = (typeof note === 'object' && note !== null ? note : {});
    return {
        ...(isPath(n.created) && isAtOrAbove(n.created, hostDir) ? { created: n.created } : {}),
        ...(isPath(n.target) ? { target: n.target } : {})
    };
}
function isAtOrAbove(dir, inside) {
    return dir === inside || inside.startsWith(dir.endsWith(external_node_path_.sep) ? dir : dir + external_node_path_.sep);
}
const isPath = (v) => typeof v === 'string' && v.length <= limits/* PATH_MAX */.n6 && external_node_path_.isAbsolute(v) && external_node_path_.normalize(v) === v && !v.includes('\0');
function readCa(files) {
    return files.flatMap(file => {
        try {
            return [(0,read_file/* readSmallFile */.EW)(file).toString('utf8')];
        }
        catch {
            return [];
        }
    });
}
function fileOf(record, hostsDir, note) {
    if (note?.target !== undefined)
        return note.target;
    const file = external_node_path_.join(hostsDir, record.host, 'hosts.toml');
    return external_node_fs_.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ? undefined : file;
}

// EXTERNAL MODULE: ./src/engines/containerd/index.ts
var containerd = __webpack_require__(2261);
;// CONCATENATED MODULE: ./src/engines/containerd/slot.ts





class Moved extends Error {
}
function hostsSlot(file, hostUrl, authorizationSha256, added, toml, expect) {
    let first = expect !== undefined;
    return {
        read() {
            const value = readHostsFile(file);
            if (first) {
                first = false;
                if (digestOf(value) !== expect?.digest)
                    throw new Moved('changed meanwhile');
            }
            return value;
        },
        write(value) {
            if (value === undefined)
                external_node_fs_.rmSync(file, { force: true });
            else
                writeAtomic(file, bytesOf(value), value);
        },
        digest: value => (0,containerd_record/* sha256 */.sc)(bytesOf(value)),
        keepValues: true,
        isValue: isHostsFile,
        strip(current) {
            let text;
            try {
                text = toml.withoutOurHeader(bytesOf(current).toString('utf8'), hostUrl, authorizationSha256, added);
            }
            catch (error) {
                throw new Error(`it was changed since the main step and is no longer valid TOML (${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}), so our ` +
                    `Authorization header for ${hostUrl} could not be taken out: remove it by hand`);
            }
            if (text === null || text === undefined)
                return text;
            return { ...current, data: Buffer.from(text, 'utf8').toString('base64') };
        }
    };
}
function holdsOurs(file, record, toml) {
    try {
        const data = (0,read_file/* readSmallFile */.EW)(file, 1024 * 1024);
        if ((0,containerd_record/* sha256 */.sc)(data) === record.digest)
            return true;
        return toml.withoutOurHeader(data.toString('utf8'), `${record.scheme}://${record.host}`, record.auth, record.added) !== null;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/engines/containerd/login.ts













const loadHostsToml = () => Promise.all(/* import() */[__webpack_require__.e(292), __webpack_require__.e(719)]).then(__webpack_require__.bind(__webpack_require__, 6719));
class Unnoted extends Error {
    error;
    constructor(error) {
        super((0,errors/* errorMessage */.gJ)(error));
        this.error = error;
    }
}
function said(removal, record, exists) {
    const before = record.added === 'file' ? '' : '; the hosts.toml that was there before the job was not put back';
    switch (removal) {
        case 'removed':
            return 'removed';
        case 'restored':
            return 'restored to what it was before';
        case 'uncovered':
            return 'handed back to the login of another job that is still running (its post step removes it)';
        case 'superseded':
            return 'holds a newer login of another job that is still running: left to it (ours will not come back after it)';
        case 'stripped':
            return `changed since the main step: took out only our Authorization header${record.added === 'replaced' ? ' (the one it replaced is not put back)' : ''}`;
        case 'cleaned':
            return 'still held our Authorization header, but the ledger of the hosts directory had no note of it: took out only that header';
        case 'handed-over':
            return 'left for another job that is still running, whose login ours had replaced (its post step removes it)';
        case 'removed-untracked':
        case 'lost':
            return `still held exactly our credential, but the ledger of the hosts directory had no note of it: removed${before}`;
        case 'gone':
            return `is gone, with its hosts directory: nothing of ours is left${before}`;
        case 'changed':
        case 'already':
            return exists ? 'no longer holds our credential: left as it is' : `is gone (a later step deleted it): nothing of ours is left${before}`;
    }
}
function containerdWork(context) {
    const { hostsDir } = context.places;
    const ledger = new src_ledger/* Ledger */.Oc(hostsDir, { lock: context.lock, warn: context.warn, env: context.env });
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    async function check(url, authorization, existing, dir) {
        const { checkRegistry } = await __webpack_require__.e(/* import() */ 223).then(__webpack_require__.bind(__webpack_require__, 1223));
        const { caFiles, skipVerify } = (await loadHostsToml()).tlsSettings(existing, url, dir);
        const warning = await checkRegistry({ url, authorization, extraCa: readCa(caFiles), skipVerify, env: context.env });
        if (warning)
            context.warn(warning);
    }
    const checkOnce = (0,memo/* memo */.p)(({ url, authorization, host }) => {
        const hostDir = external_node_path_.join(hostsDir, host);
        let existing;
        try {
            existing = (0,read_file/* readSmallFile */.EW)(external_node_path_.join(hostDir, 'hosts.toml')).toString('utf8');
        }
        catch {
        }
        return check(url, authorization, existing, hostDir);
    }, ({ url, authorization }) => `${url} ${(0,containerd_record/* sha256 */.sc)(authorization)}`);
    const checked = (credential) => checkOnce({
        url: (0,registry/* registryUrl */.NH)(credential.registry),
        authorization: (0,containerd_record/* basicAuthorization */.aR)(credential.username, credential.password),
        host: credential.registry.host
    });
    async function write(credential, authorization, journal, created) {
        const { host, scheme } = credential.registry;
        const hostUrl = (0,registry/* registryUrl */.NH)(credential.registry);
        const link = external_node_path_.join(hostsDir, host, 'hosts.toml');
        const toml = await loadHostsToml();
        for (let attempt = 1;; attempt++) {
            const resolved = (0,trust/* checkedPlace */.fb)((0,containerd/* hostsDirWhat */.$)(hostsDir), link, 'file');
            const target = external_node_fs_.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink() ? resolved : undefined;
            if (target !== undefined && !external_node_fs_.existsSync(target))
                throw new Error(`${link} is a symlink to a file that does not exist`);
            const file = target ?? link;
            const before = readHostsFile(file);
            const existing = before && bytesOf(before).toString('utf8');
            let text;
            let added;
            try {
                text = toml.renderHostsToml(hostUrl, authorization, existing);
                added = toml.whatWeAdd(hostUrl, existing, (0,containerd_record/* sha256 */.sc)(authorization));
            }
            catch (error) {
                throw new Error(`the existing ${file} is not valid TOML, so it was left as it is (${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]})`);
            }
            const auth = (0,containerd_record/* sha256 */.sc)(authorization);
            const record = {
                host,
                scheme,
                digest: (0,containerd_record/* sha256 */.sc)(text),
                auth,
                added
            };
            const value = { data: Buffer.from(text, 'utf8').toString('base64'), mode: 0o600, uid, gid };
            try {
                journal.add(record);
            }
            catch (error) {
                throw new Unnoted(error);
            }
            try {
                const note = created === undefined && target === undefined ? undefined : { ...(created !== undefined ? { created } : {}), ...(target !== undefined ? { target } : {}) };
                await ledger.push(host, context.run, hostsSlot(file, hostUrl, auth, added, toml, { digest: digestOf(before) }), value, note);
                return { record, file };
            }
            catch (error) {
                journal.drop(record);
                if (error instanceof Moved && attempt < 5)
                    continue;
                throw error;
            }
        }
    }
    return {
        async holds(record) {
            const note = noteOf(ledger.noteOf(record.host, context.run), external_node_path_.join(hostsDir, record.host));
            const file = fileOf(record, hostsDir, note);
            return file !== undefined && holdsOurs(file, record, await loadHostsToml());
        },
        prepare(credential) {
            checked(credential).catch(() => undefined);
        },
        async login(credential, journal) {
            const { host } = credential.registry;
            const hostDir = external_node_path_.join(hostsDir, host);
            const authorization = (0,containerd_record/* basicAuthorization */.aR)(credential.username, credential.password);
            await checked(credential);
            let created;
            try {
                (0,trust/* checkedPlace */.fb)((0,containerd/* hostsDirWhat */.$)(hostsDir), hostDir, 'dir');
                created = makeDirs(hostDir);
                const { record, file } = await write(credential, authorization, journal, created);
                return { record, summary: `containerd (${file})` };
            }
            catch (error) {
                removeEmptyDirs(hostDir, created);
                if (error instanceof Unnoted || error instanceof errors/* UserError */.yo)
                    throw error instanceof Unnoted ? error.error : error;
                throw new failure/* EngineFailure */.F('other', `could not write containerd credentials: ${(0,errors/* errorMessage */.gJ)(error)}. Check 'hosts-dir' (${hostsDir}).`, '');
            }
        },
        async undo(record) {
            const hostDir = external_node_path_.join(hostsDir, record.host);
            const note = noteOf(ledger.noteOf(record.host, context.run), hostDir);
            const file = fileOf(record, hostsDir, note);
            if (file === undefined) {
                return `containerd ${external_node_path_.join(hostDir, 'hosts.toml')} is now a symlink that main did not write through: left as it is`;
            }
            if (!external_node_fs_.existsSync(hostsDir))
                return `containerd ${file} ${said('gone', record, false)}`;
            const hostUrl = `${record.scheme}://${record.host}`;
            const toml = await loadHostsToml();
            const slot = hostsSlot(file, hostUrl, record.auth, record.added, toml);
            let removal = await ledger.pop(record.host, context.run, slot, record.digest, record.added === 'same' ? 'same' : 'none');
            if (removal === 'already' && record.added !== 'same' && !ledger.tracks(record.host) && holdsOurs(file, record, toml)) {
                await ledger.locked(async () => {
                    const current = readHostsFile(file);
                    const stripped = current && slot.strip?.(current, current);
                    if (stripped !== null && current !== undefined)
                        await slot.write(stripped);
                });
                removal = 'cleaned';
            }
            removeEmptyDirs(hostDir, note.created ?? hostDir);
            return `containerd ${file} ${said(removal, record, external_node_fs_.existsSync(file))}`;
        },
        release: record => ledger.release(record.host, context.run)
    };
}


/***/ })

};
