// A logger that keeps lines for assertions instead of printing them.
import type { Logger } from '../../src/core/runtime.js';

export type QuietLogger = Logger & { lines: { level: string; message: string; fields?: unknown }[] };

export const quietLogger = (): QuietLogger => {
  const lines: QuietLogger['lines'] = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
};
