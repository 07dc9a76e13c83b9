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
