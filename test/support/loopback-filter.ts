// The part of a LoopBack 3 query filter the fake Next Plus API understands, from
// `?filter=<JSON>` or the bracket form `?filter[where][workorderNumber]=P000123`:
// where (equality, {inq: [...]}, {neq: x}, and: [...], or: [...]), limit, skip, fields.
// Anything else is refused (400), so a client relying on more finds out in its tests.
// LoopBack's filter syntax: https://loopback.io/doc/en/lb3/Querying-data.html (published).
import { isObject } from './fake-system.js';

export class FilterError extends Error {}
type Doc = Record<string, unknown>;

/** The filter of a request's query, or {} when it has none. */
export function filterOf(query: Record<string, string>): Doc {
  if (query.filter !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(query.filter);
    } catch {
      throw new FilterError('The "filter" argument is not valid JSON');
    }
    if (!isObject(parsed)) throw new FilterError('The "filter" argument is not an object');
    return parsed;
  }
  const filter: Doc = {};
  for (const [key, value] of Object.entries(query)) {
    const path = /^filter((?:\[[^\]]+\])+)$/.exec(key)?.[1];
    if (!path) continue;
    const names = [...path.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
    let at = filter;
    for (const name of names.slice(0, -1)) at = (at[name] = isObject(at[name]) ? at[name] : {}) as Doc;
    at[names.at(-1)!] = value;
  }
  return filter;
}

/** The documents a filter selects, in order, limited and projected. */
export function applyFilter(docs: readonly object[], filter: Doc): Doc[] {
  for (const key of Object.keys(filter)) if (!['where', 'limit', 'skip', 'fields'].includes(key)) throw new FilterError(`filter.${key} is not supported (by this fake)`);
  const where = filter.where ?? {};
  if (!isObject(where)) throw new FilterError('filter.where is not an object');
  validate(where);
  const skip = count(filter.skip, 0, 'skip');
  const limit = count(filter.limit, Infinity, 'limit');
  return (docs as Doc[]).filter((d) => matches(d, where)).slice(skip, skip + limit).map((d) => project(d, filter.fields));
}

/** Refuses what matches() doesn't understand, whether or not any document reaches it. */
function validate(where: Doc): void {
  for (const [key, cond] of Object.entries(where)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(cond) || !cond.every(isObject)) throw new FilterError(`where.${key} is not an array of conditions`);
      cond.forEach(validate);
    } else if (isObject(cond)) {
      const ops = Object.keys(cond);
      if (ops.length !== 1 || !['inq', 'neq'].includes(ops[0]!)) throw new FilterError(`where.${key}: operator ${ops.join(', ')} is not supported (by this fake)`);
      if (ops[0] === 'inq' && !Array.isArray(cond.inq)) throw new FilterError(`where.${key}.inq is not an array`);
    }
  }
}

function matches(doc: Doc, where: Doc): boolean {
  return Object.entries(where).every(([key, cond]) => {
    if (key === 'and') return (cond as Doc[]).every((c) => matches(doc, c));
    if (key === 'or') return (cond as Doc[]).some((c) => matches(doc, c));
    const value = doc[key];
    if (!isObject(cond)) return equal(value, cond);
    return Array.isArray(cond.inq) ? cond.inq.some((a) => equal(value, a)) : !equal(value, cond.neq);
  });
}

/** LoopBack coerces query-string values to the property's type: '10' matches 10. */
function equal(value: unknown, wanted: unknown): boolean {
  return value === wanted || (typeof value === 'number' && typeof wanted === 'string' && String(value) === wanted);
}

function project(doc: Doc, fields: unknown): Doc {
  if (fields === undefined) return doc;
  const names = Array.isArray(fields) ? fields.map(String) : isObject(fields) ? Object.keys(fields).filter((k) => fields[k] === true || fields[k] === 'true') : undefined;
  if (!names) throw new FilterError('filter.fields is neither an array nor an object');
  return Object.fromEntries(names.filter((n) => n in doc).map((n) => [n, doc[n]]));
}

function count(v: unknown, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new FilterError(`filter.${name} is not a non-negative integer`);
  return n;
}
