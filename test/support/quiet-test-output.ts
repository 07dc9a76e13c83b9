// vitest-pool-workers 0.15 passes workerd's "WebSocket peer disconnected" notice through at
// every test file's teardown: benign (the runner closing its socket), but noise that hides real
// warnings. Upstream filters it from 0.16.x on (cloudflare/workers-sdk#13833), which needs
// Node 22; until Node 20 support is dropped the same filter lives here, matching that one
// notice and nothing else. Idempotent: vitest evaluates its config more than once.
const BENIGN = 'disconnected: WebSocket peer disconnected';
const FILTERED = Symbol.for('mes-erp-bridge.quiet-workerd-teardown');

export function quietWorkerdTeardown() {
  for (const stream of [process.stdout, process.stderr] as (NodeJS.WriteStream & { [FILTERED]?: true })[]) {
    if (stream[FILTERED]) continue;
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => (String(chunk).includes(BENIGN) ? true : write(chunk, ...rest))) as typeof stream.write;
    stream[FILTERED] = true;
  }
}

/**
 * standardwebhooks ships source maps that name TypeScript sources it doesn't ship; vite says so
 * on every workerd run. The maps are only for debugging the library: that one notice is dropped.
 */
export const quietMissingSourcemaps = {
  name: 'quiet-missing-sourcemaps',
  configResolved(config: { logger: { warnOnce(msg: string, options?: unknown): void } }) {
    const warnOnce = config.logger.warnOnce.bind(config.logger);
    config.logger.warnOnce = (msg, options) => {
      if (/^Sourcemap for ".*\/node_modules\/standardwebhooks\/.*" points to missing source files$/.test(msg)) return;
      warnOnce(msg, options);
    };
  },
};
