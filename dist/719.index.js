export const id = 719;
export const ids = [719];
export const modules = {

/***/ 6719:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderHostsToml: () => (/* binding */ renderHostsToml),
/* harmony export */   tlsSettings: () => (/* binding */ tlsSettings),
/* harmony export */   whatWeAdd: () => (/* binding */ whatWeAdd),
/* harmony export */   withoutOurHeader: () => (/* binding */ withoutOurHeader)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3292);
/* harmony import */ var _record_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1188);



function isTable(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
function renderHostsToml(hostUrl, authorization, existing) {
    const doc = existing === undefined ? { server: hostUrl } : (0,smol_toml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(existing);
    const hosts = isTable(doc.host) ? doc.host : {};
    const entry = isTable(hosts[hostUrl]) ? hosts[hostUrl] : { capabilities: ['pull', 'resolve', 'push'] };
    const header = isTable(entry.header) ? entry.header : {};
    for (const name of Object.keys(header))
        if (name.toLowerCase() === 'authorization')
            delete header[name];
    header.Authorization = [authorization];
    entry.header = header;
    hosts[hostUrl] = entry;
    doc.host = hosts;
    return `${(0,smol_toml__WEBPACK_IMPORTED_MODULE_1__/* .stringify */ .As)(doc)}\n`;
}
const DEFAULT_CAPABILITIES = ['pull', 'resolve', 'push'];
function authorizationKey(header) {
    return Object.keys(header).find(name => name.toLowerCase() === 'authorization');
}
function whatWeAdd(hostUrl, existing, authorizationSha256) {
    if (existing === undefined)
        return 'file';
    const doc = (0,smol_toml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(existing);
    const entry = isTable(doc.host) && isTable(doc.host[hostUrl]) ? doc.host[hostUrl] : undefined;
    if (!entry)
        return 'table';
    const key = isTable(entry.header) ? authorizationKey(entry.header) : undefined;
    if (key === undefined)
        return 'header';
    const value = entry.header[key];
    const values = Array.isArray(value) ? value : [value];
    return values.some(v => typeof v === 'string' && (0,_record_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256 */ .sc)(v) === authorizationSha256) ? 'same' : 'replaced';
}
function withoutOurHeader(current, hostUrl, authorizationSha256, added) {
    const doc = (0,smol_toml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(current);
    const hosts = isTable(doc.host) ? doc.host : undefined;
    const entry = hosts && isTable(hosts[hostUrl]) ? hosts[hostUrl] : undefined;
    const header = entry && isTable(entry.header) ? entry.header : undefined;
    const key = header && authorizationKey(header);
    if (!hosts || !entry || !header || key === undefined || added === 'same')
        return null;
    const values = Array.isArray(header[key]) ? header[key] : [header[key]];
    const rest = values.filter(v => !(typeof v === 'string' && (0,_record_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256 */ .sc)(v) === authorizationSha256));
    if (rest.length === values.length)
        return null;
    if (rest.length > 0)
        header[key] = rest;
    else
        delete header[key];
    if (Object.keys(header).length === 0)
        delete entry.header;
    const onlyOurs = Object.keys(entry).every(k => k === 'capabilities') && JSON.stringify(entry.capabilities ?? DEFAULT_CAPABILITIES) === JSON.stringify(DEFAULT_CAPABILITIES);
    if ((added === 'file' || added === 'table') && onlyOurs)
        delete hosts[hostUrl];
    if (Object.keys(hosts).length === 0)
        delete doc.host;
    if (added === 'file' && Object.keys(doc).every(k => k === 'server' && doc.server === hostUrl))
        return undefined;
    return `${(0,smol_toml__WEBPACK_IMPORTED_MODULE_1__/* .stringify */ .As)(doc)}\n`;
}
function tlsSettings(existing, hostUrl, dir) {
    let doc;
    try {
        doc = existing === undefined ? {} : (0,smol_toml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(existing);
    }
    catch {
        return { caFiles: [], skipVerify: false };
    }
    const tables = [];
    if (doc.server === hostUrl)
        tables.push(doc);
    if (isTable(doc.host) && isTable(doc.host[hostUrl]))
        tables.push(doc.host[hostUrl]);
    const caFiles = tables
        .flatMap(t => (Array.isArray(t.ca) ? t.ca : [t.ca]))
        .filter((f) => typeof f === 'string' && f !== '')
        .map(f => node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(dir, f));
    return { caFiles, skipVerify: tables.some(t => t.skip_verify === true) };
}


/***/ })

};
