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

/**
 * A setting holding a JSON object (a table of overrides); each problem names the setting. Null,
 * a number, a string or a list is refused here, so no code after it meets one (`null.events`
 * would end in a TypeError). A "__proto__" key is refused too: it would name no row anyone
 * configures, and copied into a plain object it replaces the prototype instead.
 */
export function parseJsonSetting(name: string, json: string | undefined): Record<string, unknown> {
  if (json === undefined || json.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ConfigError([`${name}: is not valid JSON`]);
  }
  if (!isJsonObject(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new ConfigError([`${name}: must be a JSON object such as {"name": ...}, not ${got}`]);
  }
  const at = protoKeyAt(value, name);
  if (at) throw new ConfigError([`${at}: "__proto__" can't be a name in a setting; remove it`]);
  return value;
}

const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a "__proto__" key sits in parsed JSON (JSON.parse makes it an own key), if anywhere. */
function protoKeyAt(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const at = protoKeyAt(v, `${path}[${i}]`);
      if (at) return at;
    }
  } else if (isJsonObject(value)) {
    if (Object.hasOwn(value, '__proto__')) return path;
    for (const [k, v] of Object.entries(value)) {
      const at = protoKeyAt(v, `${path}.${k}`);
      if (at) return at;
    }
  }
  return undefined;
}

/** An override section merged over its defaults; anything but an object is left for the schema to name. */
export function mergeSection(defaults: object, override: unknown): unknown {
  if (override === undefined) return defaults;
  return isJsonObject(override) ? { ...defaults, ...override } : override;
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
