// A delivery's text as a JSON object, nested no deeper than MAX_DEPTH (deeper is no event, and
// would exhaust the stack of anything recursive later): the pipeline's first check of a body.
import { invalid } from '../core/domain-errors.js';

const MAX_DEPTH = 64;

/** Parses the text as a JSON array of objects (a batch), or undefined when it is no array. */
export function parseJsonArray(text: string, label: string): Record<string, unknown>[] | undefined {
  if (!text.trimStart().startsWith('[')) return undefined;
  if (nestingDepth(text) > MAX_DEPTH) return undefined; // refused as the single delivery it then is
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(input)) return undefined;
  if (!input.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e))) {
    throw invalid(`The ${label} delivery is a list, but not every element is a JSON object with an event's fields, so nothing was posted.`);
  }
  return input as Record<string, unknown>[];
}

/** Parses the text as a JSON object, refusing what no event looks like. */
export function parseJsonObject(text: string, label: string): Record<string, unknown> {
  if (nestingDepth(text) > MAX_DEPTH) {
    throw invalid(`The ${label} delivery is nested deeper than ${MAX_DEPTH} levels, which no event is, so nothing was posted. Check what the integration sends.`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw invalid(`The ${label} delivery is not valid JSON, so nothing was posted. Check the integration's payload.`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid(`The ${label} delivery must be a JSON object with the event's fields, so nothing was posted.`);
  }
  return input as Record<string, unknown>;
}

/** How deep objects and arrays nest, strings skipped: a linear scan, no recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) deepest = Math.max(deepest, ++depth);
    else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return deepest;
}
