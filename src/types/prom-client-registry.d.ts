// prom-client's Registry on its own: its exposition formatting without the rest of the package
// (whose process metrics need Node's cluster, v8 and perf_hooks, which Workers lack).
declare module 'prom-client/lib/registry.js' {
  import type { Registry } from 'prom-client';
  const RegistryClass: typeof Registry;
  export default RegistryClass;
}
