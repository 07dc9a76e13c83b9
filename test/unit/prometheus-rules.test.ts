// docs/prometheus-alerts.yml is an example people copy: it must use only metrics the bridge
// exposes (read as text: no YAML parser is a dependency of this project).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('docs/prometheus-alerts.yml', () => {
  it('has the failing-target and quiet-line rules, and every bridge_ metric it uses is one /metrics exposes', () => {
    const text = readFileSync('docs/prometheus-alerts.yml', 'utf8');
    expect(text.match(/^ {6}- alert: (\w+)$/gm)?.map((l) => l.trim().slice('- alert: '.length))).toEqual(expect.arrayContaining(['BridgeTargetFailing', 'BridgeLineQuiet']));
    expect(text).not.toMatch(/\t/); // YAML takes no tabs
    const exprs = text.split('\n').filter((l) => !l.trimStart().startsWith('#') && !/^\s+(summary|description):/.test(l)).join('\n');
    const used = new Set(exprs.match(/\bbridge_\w+/g));
    expect(used.size).toBeGreaterThan(1);
    const exposed = ['metrics.ts', 'watch-metrics.ts'].map((f) => readFileSync(`src/observability/${f}`, 'utf8')).join('\n');
    for (const name of used) expect(exposed).toContain(`'${name}'`);
  });
});
