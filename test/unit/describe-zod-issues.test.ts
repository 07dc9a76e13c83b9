import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from '../../src/core/describe-zod-issues.js';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return describeIssues(r.error.issues, input);
};

describe('describeIssues', () => {
  const schema = z.object({ a: z.string(), b: z.object({ c: z.number() }), d: z.array(z.string()), e: z.boolean() });

  it('says missing, wrong type, and what was received, naming every problem', () => {
    expect(issuesOf(schema, { b: { c: 'x' }, d: 'no', e: 1 })).toBe(
      'a is missing; b.c must be a number (got "x"); d must be a list (got "no"); e must be true or false (got 1)',
    );
  });

  it('bounds the message for a body with thousands of wrong items', () => {
    const message = issuesOf(z.array(z.string()), Array.from({ length: 1000 }, () => 1));
    expect(message.split('; ')).toHaveLength(51);
    expect(message).toMatch(/; and 950 more problems of the same kind further down$/);
  });

  it('never echoes a long value in full', () => {
    expect(issuesOf(z.object({ a: z.number() }), { a: 'y'.repeat(500) })).toMatch(/got "y+\.\.\.\)$/);
  });

  it('describes a body that is not an object', () => {
    expect(issuesOf(z.object({ a: z.string() }), 5)).toBe('the body must be an object with fields (got 5)');
  });
});
