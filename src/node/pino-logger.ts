// The Node bridge's log: pino, writing JSON lines through an asynchronous destination, so a
// line per request costs the event loop a buffer append instead of a synchronous write (the
// hand-written console logger was ~4% of the CPU under load); the buffer is written out as soon
// as the loop is free (no minimum length: a warning must not wait for more lines to come).
// LOG_LEVEL filters; LOG_FORMAT=pretty is for a person at a terminal (pino-pretty, a dev
// dependency; without it, JSON and a warning). Lines keep the shape the docs and log queries
// know: {"level":"info","time":…,"message":…}. Buffered lines are flushed before the process
// exits (flush()), so a stop loses none.
import { createRequire } from 'node:module';
import pino from 'pino';
import type { Logger } from '../core/runtime.js';

export interface NodeLog {
  logger: Logger;
  /** Writes out what is buffered; call before process.exit. */
  flush(): void;
}

/** Fields a token could ride in, whatever a caller logs: pino blanks them. */
const REDACT = ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'headers.cookie', 'adminToken', 'ingestToken'];

export function pinoLog(options: { level: string; format: 'json' | 'pretty' }): NodeLog {
  const pretty = options.format === 'pretty' ? prettyStream() : undefined;
  const destination = pretty ? undefined : pino.destination({ sync: false });
  const base = pino(
    {
      level: options.level,
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    pretty ?? destination!,
  );
  const line = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => base[level](fields ?? {}, message);
  const logger: Logger = { info: line('info'), warn: line('warn'), error: line('error') };
  if (options.format === 'pretty' && !pretty) logger.warn('LOG_FORMAT=pretty needs the pino-pretty package (a dev dependency): logging JSON instead');
  return { logger, flush: () => destination?.flushSync() };
}

function prettyStream(): NodeJS.WritableStream | undefined {
  try {
    const build = createRequire(import.meta.url)('pino-pretty') as (o: object) => NodeJS.WritableStream;
    return build({ messageKey: 'message', translateTime: 'SYS:HH:MM:ss.l', ignore: 'time' });
  } catch {
    return undefined;
  }
}
