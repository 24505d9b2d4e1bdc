// What every PRM wrapper needs from the records it reads and the errors it shows: field values out of the
// UI API record shape (getRecord) and the GraphQL node shape, and one readable message from any error.

/** The value of `field` on a getRecord record (`record.fields.X.value`), or null. */
export function recordValue(record, field) {
    const f = record && record.fields ? record.fields[field] : undefined;
    return f === undefined || f.value === undefined ? null : f.value;
}

/** The value of a parent field (`Account.Name`) on a getRecord record, or null. */
export function parentValue(record, relationship, field) {
    const parent = recordValue(record, relationship);
    return parent ? recordValue(parent, field) : null;
}

/** The value of `field` on a GraphQL node (`node.X.value`; `Id` is a plain string), or null. */
export function nodeValue(node, field) {
    if (!node) return null;
    const f = node[field];
    if (f === undefined || f === null) return null;
    return typeof f === 'object' && 'value' in f ? (f.value === undefined ? null : f.value) : f;
}

/** The nodes of `uiapi.query.<object>` in a GraphQL result, or []. */
export function queryNodes(data, object) {
    const conn = data && data.uiapi && data.uiapi.query ? data.uiapi.query[object] : undefined;
    return conn && Array.isArray(conn.edges) ? conn.edges.map((e) => e.node) : [];
}

/** Epoch ms of an ISO date-time, or null. */
export function instant(iso) {
    if (!iso) return null;
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? null : ms;
}

/** Currency amount (2 decimals) as integer cents, or null; the components never see float money. */
export function toCents(amount) {
    return typeof amount === 'number' && Number.isFinite(amount) ? Math.round(amount * 100) : null;
}

/** JSON text of a long text field, parsed; null when empty or not JSON (the component shows its empty state). */
export function parseJson(text) {
    if (typeof text !== 'string' || text.trim() === '') return null;
    try {
        return JSON.parse(text);
    } catch (e) {
        return null;
    }
}

/**
 * One message from a UI API, GraphQL, fetch or JS error (or an array of them): what the user reads in
 * the toast and in the component's error state.
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    const messages = list
        .filter((e) => !!e)
        .flatMap((e) => {
            if (typeof e === 'string') return [e];
            const body = e.body;
            if (Array.isArray(body)) return body.map((b) => b.message);
            if (body && body.output) {
                const out = body.output;
                const recordErrors = (out.errors || []).map((x) => x.message);
                const fieldErrors = Object.values(out.fieldErrors || {})
                    .flat()
                    .map((x) => x.message);
                const all = [...recordErrors, ...fieldErrors];
                if (all.length > 0) return all;
            }
            if (body && typeof body.message === 'string') return [body.message];
            if (typeof e.message === 'string') return [e.message];
            return [];
        })
        .filter((m) => typeof m === 'string' && m !== '');
    return messages.length > 0 ? [...new Set(messages)].join(' ') : 'Something went wrong.';
}

/** True when the UI API refused a write because the record changed since it was read (ifUnmodifiedSince). */
export function isConflict(error) {
    return !!error && (error.status === 412 || (error.body && error.body.errorCode === 'PRECONDITION_FAILED'));
}
