// D365_WORKER_MAP as a CSV file on Node: the sheet a plant exports, read into the JSON map.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNodeConfig } from '../../src/config/node-config.js';

const csv = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'workers-')), 'workers.csv');
  writeFileSync(path, text);
  return path;
};

describe('D365_WORKER_MAP from a CSV file', () => {
  it('reads "MES user,personnel number" lines, skipping a header, comments and blank lines', () => {
    const path = csv('MES user,Personnel number\n# line 3\njsmith,000123\n\n"mesadmin";000456\n');
    const target = parseNodeConfig({ ERP_TARGETS: 'journal', D365_WORKER_MAP: path }).bridge.targets[0]!;
    expect([...(target.settings as { workers: Map<string, string> }).workers]).toEqual([['jsmith', '000123'], ['mesadmin', '000456']]);
  });

  it('names the setting and the line when a file is missing or a line is wrong', () => {
    expect(() => parseNodeConfig({ D365_WORKER_MAP: '/nowhere/workers.csv' })).toThrow(/D365_WORKER_MAP: can't read the CSV file \/nowhere\/workers.csv/);
    expect(() => parseNodeConfig({ D365_WORKER_MAP: csv('jsmith\n') })).toThrow(/D365_WORKER_MAP: line 1 of .* must be "MES user,personnel number"/);
  });
});
