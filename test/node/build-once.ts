// Vitest global setup for the Node and PostgreSQL suites: compiles the bridge once (`npm run
// build`, what `npm start` does first), so every test that starts `node dist/node.js` runs the
// same build and none of them compile concurrently. Both suites' setups run in one process: the
// mark on globalThis keeps the second from compiling again over the first's output.
import { execFileSync } from 'node:child_process';

const BUILT = Symbol.for('mes-erp-bridge.built');

export default function setup() {
  const g = globalThis as { [BUILT]?: true };
  if (g[BUILT]) return;
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  g[BUILT] = true;
}
