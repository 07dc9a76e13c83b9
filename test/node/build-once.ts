// Vitest global setup for the Node suite: compiles the bridge once (`npm run build`, what
// `npm start` does first), so every test that starts `node dist/node.js` runs the same build
// and none of them compile concurrently.
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}
