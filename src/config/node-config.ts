// Settings only the Node runtime has: where to listen and where the SQLite file lives.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, parseBridgeConfig, withoutBlanks, zodProblems } from './bridge-config.js';

const nodeEnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 to 65535' })
    .max(65535, { error: 'must be 0 to 65535' })
    .default(8787),
  // All interfaces: Next Plus calls in from outside this machine.
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().default('./data/bridge.db'),
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal'], { error: 'must be full or normal' }).default('full'),
  TRANSLATION_FILE: z.string().optional(),
});

export function parseNodeConfig(env: Record<string, string | undefined>) {
  const parsed = nodeEnvSchema.safeParse(withoutBlanks(env));
  const problems = parsed.success ? [] : zodProblems(parsed.error);
  let translationJson: string | undefined;
  if (parsed.success && parsed.data.TRANSLATION_FILE) {
    try {
      translationJson = readFileSync(parsed.data.TRANSLATION_FILE, 'utf8');
    } catch {
      problems.push(`TRANSLATION_FILE: can't read ${parsed.data.TRANSLATION_FILE}`);
    }
  }
  let bridge: ReturnType<typeof parseBridgeConfig> | undefined;
  try {
    bridge = parseBridgeConfig(env, translationJson);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length || !parsed.success || !bridge) throw new ConfigError(problems);
  return { ...parsed.data, bridge };
}
