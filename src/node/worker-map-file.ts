// D365_WORKER_MAP as a CSV file (Node only): what a plant exports from its HR or MES user list is
// a two-column sheet, not JSON. Each line "MES user,personnel number"; a header line, blank lines
// and lines starting with # are skipped. Returned as the JSON the setting otherwise holds.
import { readFileSync } from 'node:fs';

export function workerMapFromCsv(path: string): { json?: string; problem?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { problem: `D365_WORKER_MAP: can't read the CSV file ${path} (give a JSON object, or the path of a readable CSV file)` };
  }
  const map: Record<string, string> = Object.create(null);
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [user, number, ...rest] = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (i === 0 && /personnel|worker/i.test(line)) continue; // a header
    if (!user || !number || rest.some(Boolean)) return { problem: `D365_WORKER_MAP: line ${i + 1} of ${path} must be "MES user,personnel number"` };
    map[user] = number;
  }
  return { json: JSON.stringify(map) };
}
