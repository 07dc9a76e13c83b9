// Preloaded into the built bridge (node --import) by test/node/fault-stop.test.ts: the moment the
// bridge prints its start banner (what a supervisor or a test takes for "ready"), it gets
// SIGTERM, as when a stop follows right after a start.
const log = console.log.bind(console);
console.log = (...args) => {
  log(...args);
  if (typeof args[0] === 'string' && args[0].startsWith('mes-erp-bridge listening')) process.kill(process.pid, 'SIGTERM');
};
