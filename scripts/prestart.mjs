// `npm start` runs this first. With the development dependencies installed (`npm install`), it
// builds src/ to dist/ (incrementally: only what changed). With production dependencies only
// (`npm ci --omit=dev`), there is no TypeScript and nothing to build: dist/ as it was built
// runs, and if there is none, this says how to make it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  tsc = undefined;
}

if (tsc) {
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
if (!existsSync('dist/node.js')) {
  console.error(
    'There is no built bridge (dist/node.js) and no TypeScript to build one: the development dependencies are not installed (npm ci --omit=dev). ' +
      'Build it where they are (npm ci && npm run build), then install the production dependencies only (npm ci --omit=dev) and npm start again.',
  );
  process.exit(1);
}
