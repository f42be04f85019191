export const id = 87;
export const ids = [87];
export const modules = {

/***/ 5087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  podmanWork: () => (/* binding */ podmanWork)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/credential.ts
var src_credential = __webpack_require__(3302);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/ledger.ts + 2 modules
var src_ledger = __webpack_require__(7894);
// EXTERNAL MODULE: ./src/engines/shared/auth-file.ts
var auth_file = __webpack_require__(2230);
// EXTERNAL MODULE: ./src/engines/shared/auth-file-writer.ts + 1 modules
var auth_file_writer = __webpack_require__(6279);
// EXTERNAL MODULE: ./src/engines/shared/cli-login.ts
var cli_login = __webpack_require__(3587);
// EXTERNAL MODULE: ./src/engines/shared/cli-failures.ts
var cli_failures = __webpack_require__(9575);
;// CONCATENATED MODULE: ./src/engines/podman/failures.ts

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
    ...cli_failures/* NETWORK_RULES */.LL,
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
        statement: host => `Connecting to ${host} timed out, over several tries. Check the runner's network and proxy settings ` + `(HTTPS_PROXY, NO_PROXY), then run the job again.`
    },
    {
        test: /status code (500|502|503|504|429)\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|too many requests/i,
        kind: 'other',
        transient: true,
        statement: cli_failures/* serverBusy */.Du
    },
    cli_failures/* CUT_OFF_RULE */.I$
];
const NOISE = /level=(warning|info|debug)\b|^WARN\[/i;
function podmanFailureLine(stderr) {
    const lines = stderr
        .split(/\r?\n/)
        .map(l => l.trim())
        .filter(l => l !== '');
    for (const line of lines) {
        const fatal = /level=(?:fatal|error) msg="((?:[^"\\]|\\.)*)"/.exec(line);
        if (fatal)
            return (fatal[1] ?? '')
                .replace(/\\(.)/g, (_, c) => (c === 'n' ? ' ' : c === 't' ? ' ' : c))
                .replace(/\s+/g, ' ')
                .trim();
    }
    const error = lines.find(l => l.startsWith('Error: '));
    if (error)
        return error.slice('Error: '.length);
    return lines.find(l => !NOISE.test(l)) ?? '';
}
function explainPodmanFailure(host, tool, stderr, exitCode) {
    const detail = podmanFailureLine(stderr) || `${tool} exited with code ${exitCode} and printed nothing`;
    const rule = (0,cli_failures/* ruleFor */.sG)(RULES, detail, stderr);
    if (!rule)
        return { kind: 'other', statement: `${tool} login to ${host} failed, for a reason ${tool}'s own message gives.`, detail, transient: false };
    return { kind: rule.kind, statement: rule.statement(host, tool), detail, transient: rule.transient };
}

// EXTERNAL MODULE: ./src/places.ts
var src_places = __webpack_require__(3235);
// EXTERNAL MODULE: ./src/engines/podman/index.ts
var podman = __webpack_require__(2237);
;// CONCATENATED MODULE: ./src/engines/podman/login.ts











const WORDS = { login: 'podman login', store: 'the auth file', place: "the auth file's directory" };
function canWrite(dir) {
    try {
        external_node_fs_.accessSync(dir, external_node_fs_.constants.W_OK);
        return true;
    }
    catch {
        return false;
    }
}
function podmanWork(context, timings = podman/* PODMAN_TIMINGS */.AF) {
    const { places, env } = context;
    const place = places.authFile;
    const ledger = new src_ledger/* Ledger */.Oc(external_node_path_.dirname(place), { lock: context.lock, warn: context.warn, env: context.env });
    const ledgerKey = (host) => (external_node_path_.basename(place) === 'config.json' ? host : `${external_node_path_.basename(place)} ${host}`);
    const { which } = context;
    const target = () => (0,auth_file/* followLinks */.n1)(place);
    const location = (0,src_places/* authFileLocation */.YY)(env);
    function placeProblem() {
        if (location.runtimeDir && external_node_path_.resolve(location.file) === place && !external_node_fs_.existsSync(location.runtimeDir)) {
            return (`XDG_RUNTIME_DIR is ${location.runtimeDir}, which does not exist, so podman would not use it. Create that ` +
                `directory, or unset XDG_RUNTIME_DIR, or set REGISTRY_AUTH_FILE to the auth file to use.`);
        }
        let dir = external_node_path_.dirname(place);
        while (!external_node_fs_.existsSync(dir) && external_node_path_.dirname(dir) !== dir)
            dir = external_node_path_.dirname(dir);
        let why;
        if (!external_node_fs_.statSync(dir).isDirectory())
            why = `${dir} is not a directory`;
        else if (!canWrite(dir))
            why = `this user cannot write to ${dir}`;
        return why && `${podman/* AUTH_FILE */.u1} ${place} (${location.source}) cannot be written: ${why}. Set XDG_RUNTIME_DIR or REGISTRY_AUTH_FILE to a place this user can write.`;
    }
    function checkPlace(key) {
        const file = target();
        const problem = placeProblem();
        if (problem)
            throw new errors/* UserError */.yo(`${problem} No login was written.`);
        const { config } = (0,auth_file/* readAuthsFile */.y9)(file, podman/* AUTH_FILE */.u1);
        const helper = config?.credHelpers?.[key];
        if (helper) {
            throw new errors/* UserError */.yo(`${file} names the credential helper docker-credential-${helper} for ${key} (credHelpers), so podman would keep ` +
                `the login there, and this engine writes only the file: nothing was changed. Remove that credHelpers entry, ` +
                `or set REGISTRY_AUTH_FILE to another file.`);
        }
    }
    async function prove(credential, tool, key) {
        const { host } = credential.registry;
        const tls = credential.registry.scheme === 'http' ? ['--tls-verify=false'] : [];
        return (0,cli_login/* proveWithCli */.d)(context, credential, {
            engine: 'podman',
            tool,
            bin: await which(tool),
            loginMs: timings.loginMs,
            setUp: dir => ({
                args: ['login', '--authfile', external_node_path_.join(dir, 'auth.json'), '--username', credential.username, '--password-stdin', ...tls, host],
                env: (0,auth_file_writer/* toolEnv */.oW)(env)
            }),
            explain: (stderr, exitCode) => explainPodmanFailure(host, tool, stderr, exitCode),
            timedOut: seconds => ({
                kind: 'other',
                statement: `Logging in to ${host} did not finish within ${seconds} s. Check 'registry' and the network between the runner ` +
                    `and the registry (HTTPS_PROXY, NO_PROXY), then run the job again.`,
                detail: `login was stopped after ${seconds} s`,
                transient: false
            }),
            result: dir => {
                const entry = (0,auth_file/* readAuthsFile */.y9)(external_node_path_.join(dir, 'auth.json'), `the private auth file of ${tool} login`).config?.auths?.[key];
                if (typeof entry !== 'object' || entry === null)
                    throw new Error(`${tool} login succeeded but wrote no login for ${key} to its auth file`);
                return entry;
            }
        });
    }
    return {
        unusable: async () => placeProblem(),
        async login(credential, journal) {
            const { host } = credential.registry;
            const secrets = (0,src_credential/* secretForms */.eo)(credential);
            const [tool] = await (0,podman/* toolsOnPath */.Ii)(which);
            if (!tool)
                throw new Error('none of podman, skopeo and buildah is on PATH any more');
            checkPlace(host);
            const value = await prove(credential, tool, host);
            const file = target();
            const slot = (0,auth_file/* authsSlot */.oh)(file, host, podman/* AUTH_FILE */.u1);
            let record = { host, digest: slot.digest(value) };
            journal.add(record);
            try {
                external_node_fs_.mkdirSync(external_node_path_.dirname(place), { recursive: true, mode: 0o700 });
                (0,podman/* checkAuthFilePlace */.MA)(location, place);
            }
            catch (error) {
                if (error instanceof errors/* UserError */.yo) {
                    journal.drop(record);
                    throw error;
                }
                journal.drop(record);
                throw new errors/* UserError */.yo(`Cannot create the directory of ${podman/* AUTH_FILE */.u1} ${place} (${location.source}): ${(0,errors/* errorMessage */.gJ)(error)}. Set ` +
                    `XDG_RUNTIME_DIR or REGISTRY_AUTH_FILE to a place this user can write.`);
            }
            let replaced;
            try {
                replaced = await ledger.push(ledgerKey(host), context.run, slot, value);
            }
            catch (error) {
                journal.drop(record);
                throw new Error(`could not write the podman login to ${file}: ${(0,errors/* redact */.E$)((0,errors/* errorMessage */.gJ)(error), secrets)}`);
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
            if (!external_node_fs_.existsSync(external_node_path_.dirname(place)))
                return `the directory of ${podman/* AUTH_FILE */.u1} ${place} is gone: nothing to remove`;
            const slot = (0,auth_file/* authsSlot */.oh)(target(), record.host, podman/* AUTH_FILE */.u1);
            return (0,auth_file_writer/* removalLine */.zj)(await ledger.pop(ledgerKey(record.host), context.run, slot, record.digest, record.replaced ?? 'none'), record, WORDS);
        },
        release: record => ledger.release(ledgerKey(record.host), context.run)
    };
}


/***/ })

};
