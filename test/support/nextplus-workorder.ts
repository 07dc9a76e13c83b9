// What the fake Next Plus API accepts as a new work order. ASSUMED field set (issue 16; nothing in
// the project's sources documents Next Plus's REST API): workorderNumber, sku, quantity, source
// required; name, partDesc, kitItems[{sku, quantity}] optional; custom fields C_<name> with scalar
// values; nothing else (a strict LoopBack model). Problems are worded like LoopBack's validation.
import { isObject } from './fake-system.js';

export interface Workorder {
  id: string;
  workorderNumber: string;
  sku: string;
  quantity: number;
  source: string;
  name?: string;
  partDesc?: string;
  kitItems?: { sku: string; quantity: number }[];
  closed?: boolean;
  status?: string;
  [custom: `C_${string}`]: string | number | boolean | null;
}

export interface Problem {
  field: string;
  /** LoopBack's validation code: presence, format, numericality, unknown-property. */
  code: string;
  message: string;
}

const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

export function workorderProblems(body: unknown): Problem[] {
  if (!isObject(body)) return [{ field: 'body', code: 'presence', message: 'is not a JSON object' }];
  const problems: Problem[] = [];
  const need = (field: string, ok: (v: unknown) => boolean, what: string) => {
    if (body[field] === undefined || body[field] === null || body[field] === '') problems.push({ field, code: 'presence', message: "can't be blank" });
    else if (!ok(body[field])) problems.push({ field, code: 'format', message: `is not ${what} (value: ${JSON.stringify(body[field])})` });
  };
  need('workorderNumber', text, 'a non-empty string');
  need('sku', text, 'a non-empty string');
  need('quantity', positive, 'a number greater than 0');
  need('source', text, 'a non-empty string');
  for (const field of ['name', 'partDesc']) {
    if (body[field] !== undefined && typeof body[field] !== 'string') problems.push({ field, code: 'format', message: 'is not a string' });
  }
  if (body.kitItems !== undefined) {
    if (!Array.isArray(body.kitItems)) problems.push({ field: 'kitItems', code: 'format', message: 'is not an array' });
    else
      body.kitItems.forEach((item: unknown, i) => {
        const field = `kitItems[${i}]`;
        if (!isObject(item)) return void problems.push({ field, code: 'format', message: 'is not an object' });
        if (!text(item.sku)) problems.push({ field: `${field}.sku`, code: 'presence', message: "can't be blank" });
        if (!positive(item.quantity)) problems.push({ field: `${field}.quantity`, code: 'numericality', message: 'is not a number greater than 0' });
        for (const key of Object.keys(item)) if (key !== 'sku' && key !== 'quantity') problems.push({ field: `${field}.${key}`, code: 'unknown-property', message: 'is not defined in the model' });
      });
  }
  const known = new Set(['workorderNumber', 'sku', 'quantity', 'source', 'name', 'partDesc', 'kitItems']);
  for (const [key, value] of Object.entries(body)) {
    if (known.has(key)) continue;
    if (!/^C_\w+$/.test(key)) problems.push({ field: key, code: 'unknown-property', message: 'is not defined in the model' });
    else if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) problems.push({ field: key, code: 'format', message: 'is not a string, number or boolean' });
  }
  return problems;
}

/** What is wrong with a PATCH of a work order's fields (ASSUMED set: see fake-nextplus-api.ts). */
export function patchProblems(body: unknown): Problem[] {
  if (!isObject(body) || !Object.keys(body).length) return [{ field: 'body', code: 'presence', message: 'is not a JSON object with fields to set' }];
  const kinds: Record<string, (v: unknown) => boolean> = { name: text, partDesc: text, quantity: positive, closed: (v) => typeof v === 'boolean', status: text };
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(body)) {
    const ok = kinds[key] ?? (/^C_\w+$/.test(key) ? (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v) : undefined);
    if (!ok) problems.push({ field: key, code: 'unknown-property', message: 'is not defined in the model, or can not be changed' });
    else if (!ok(value)) problems.push({ field: key, code: 'format', message: `is not a valid value (${JSON.stringify(value)})` });
  }
  return problems;
}
