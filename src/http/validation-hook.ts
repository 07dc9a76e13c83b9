// The one zod hook: every validation failure becomes a 400 whose message names the field and
// the problem in plain words. Thrown, so onError records it like every other rejection.
import type { Context } from 'hono';
import type { z } from 'zod';
import { BridgeError } from './bridge-error.js';
import type { BridgeEnv } from './bridge-env.js';
import { describeIssues } from './describe-zod-issues.js';

type HookResult = { success: true } | { success: false; error: z.core.$ZodError; data: unknown };

// Typed against Hono's base Context: the validator doesn't know our app's variables.
export function validationHook(result: HookResult, c: Context): undefined {
  if (result.success) return undefined;
  const problems = describeIssues(result.error.issues, result.data);
  const spec = (c as unknown as Context<BridgeEnv>).get('delivery')?.spec;
  throw new BridgeError(
    400,
    spec
      ? `${spec.label} event not accepted: ${problems}. Nothing was posted; correct it in Next Plus and send it again.`
      : `Request not accepted: ${problems}.`,
  );
}
