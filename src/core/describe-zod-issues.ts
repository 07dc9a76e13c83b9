// Turns zod issues into one sentence an operator can act on: which field, what is wrong,
// what was received. A zod dump on a shop-floor screen helps nobody.
import type { z } from 'zod';

/**
 * Every problem is named: the person at the station fixes them all in one go instead of
 * learning of the fourth after three resends. The bound only keeps a pathological body (a list
 * of thousands of wrong items) from making a message larger than the body; real payloads have
 * a handful of fields.
 */
const MAX_LISTED = 50;

export function describeIssues(issues: z.core.$ZodIssue[], input: unknown): string {
  const parts = issues.slice(0, MAX_LISTED).map((issue) => describeIssue(issue, input));
  const more = issues.length - MAX_LISTED;
  if (more > 0) parts.push(`and ${more} more problem${more > 1 ? 's' : ''} of the same kind further down`);
  return parts.join('; ');
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const field = issue.path.length ? issue.path.join('.') : 'the body';
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_union': {
      const options = 'options' in issue ? (issue.options as unknown[]) : undefined;
      if (!options) return `${field} has an unexpected shape`;
      const allowed = options.join(', ');
      return value === undefined
        ? `${field} is missing (it must be one of ${allowed})`
        : `${field} must be one of ${allowed} (got ${show(value)})`;
    }
    case 'invalid_type':
      if (value === undefined || value === null) return `${field} is missing`;
      if (typeof value === 'number' && !Number.isFinite(value)) return `${field} must be a number no larger than 1e308 (got ${show(value)})`;
      return `${field} must be ${kind(issue.expected)} (got ${show(value)})`;
    default:
      // Our schemas give every other rule a plain-words message ("must be greater than 0").
      return value === undefined ? `${field} ${issue.message}` : `${field} ${issue.message} (got ${show(value)})`;
  }
}

function kind(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'object':
      return 'an object with fields';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A short, safe rendering of what was received (never the whole body). */
function show(v: unknown): string {
  // JSON.parse turns 1e309 into Infinity, which JSON.stringify would print as null.
  if (typeof v === 'number' && !Number.isFinite(v)) return 'a number too large to use';
  const text = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
