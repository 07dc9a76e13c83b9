// Configuration comes as environment-style strings (process.env on Node, [vars] and secrets on
// Workers). These helpers let the core, each source and each target check their own settings
// and say what is wrong in one sentence per setting.
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The bridge's configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

/** Empty strings count as unset: `FOO=` in a .env file should mean "use the default". */
export function withoutBlanks(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

export function zodProblems(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((i) => `${prefix}${i.path.join('.') || 'value'}: ${i.message}`);
}

/** Parses env strings with a zod object schema; ConfigError lists every bad setting. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const parsed = schema.safeParse(withoutBlanks(env));
  if (!parsed.success) throw new ConfigError(zodProblems(parsed.error));
  return parsed.data;
}

/** A setting holding JSON (a table of overrides); the problem names the setting. */
export function parseJsonSetting(name: string, json: string | undefined): unknown {
  if (json === undefined) return {};
  try {
    return JSON.parse(json);
  } catch {
    throw new ConfigError([`${name}: is not valid JSON`]);
  }
}

export const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

/** A comma list of names, each one of `allowed`. */
export const nameList = (allowed: readonly string[]) =>
  z
    .string()
    .transform((v) => [...new Set(v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))])
    .refine((names) => names.every((n) => allowed.includes(n)), { error: `must be a comma list of ${allowed.join(', ')}` });
