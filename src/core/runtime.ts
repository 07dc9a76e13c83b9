// What the core asks of its runtime besides storage: the time and a place to log. Both
// runtimes (Node, Workers) and the tests hand these in; nothing in the core reads a clock or
// writes to the console on its own, so tests can move time and keep their output quiet.

export interface Clock {
  now(): number;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Whether the dispatcher is doing its job, as /readyz reports it. */
export interface DispatcherHealth {
  alive: boolean;
  /** What the runtime knows: e.g. the last run, or the cron. */
  detail: string;
  /** Which bridge this is (its lease owner: host, pid), where several share one ledger. */
  instance?: string;
}

export const systemClock: Clock = { now: () => Date.now() };

/** One JSON object per line: easy to grep, and what log collectors expect. */
export const jsonLogger: Logger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', time: new Date().toISOString(), message, ...fields })),
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'warn', time: new Date().toISOString(), message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), message, ...fields })),
};
