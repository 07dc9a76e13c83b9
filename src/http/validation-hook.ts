// The one zod hook for request parts the routes validate (admin API queries, params and bodies):
// a failure becomes an `invalid` domain error whose message names the field and the problem in
// plain words. (Ingest bodies are checked by the pipeline with the same wording, so it can
// record them.)
import type { z } from 'zod';
import { describeIssues } from '../core/describe-zod-issues.js';
import { invalid } from '../core/domain-errors.js';

type HookResult = { success: true } | { success: false; error: z.core.$ZodError; data?: unknown };

export function validationHook(result: HookResult): undefined {
  if (result.success) return undefined;
  throw invalid(`Request not accepted: ${describeIssues(result.error.issues, result.data)}.`);
}
