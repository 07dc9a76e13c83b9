// docs/targets.md's "What the bridge sends D365, field by field", written from the builders' own
// tables (src/targets/d365/message-tables.ts) and the 2022 names (message-versions.ts), so the
// page says what the code sends. `npm run docs:d365-fields` writes it between the markers;
// test/unit/d365-fields-doc.test.ts fails when the committed section differs.
import { productionKinds } from '../src/core/canonical-events.js';
import { messageTables, type FieldRule } from '../src/targets/d365/message-tables.js';
import { fieldName } from '../src/targets/d365/message-versions.js';

export const START = '<!-- d365-fields:start (written by `npm run docs:d365-fields`: edit src/targets/d365/message-tables.ts, not this) -->';
export const END = '<!-- d365-fields:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The section as Markdown, markers excluded. */
export function d365FieldsSection(): string {
  const out = [
    '### What the bridge sends D365, field by field',
    '',
    'One message per canonical event. A field whose value the event does not know is left out, so',
    'D365 applies its own default (journal names, units, dimensions of the production order). The',
    'last column is the field\'s name with `D365_MESSAGE_VERSION=2022` where it differs: those older',
    'journal-name fields are **assumed** (Microsoft publishes only the current tables); they are',
    'data in `src/targets/d365/message-versions.ts`, to correct there if a 2022 D365 names them',
    'otherwise.',
  ];
  for (const kind of productionKinds) {
    const t = messageTables[kind];
    const rows = (rules: FieldRule<never>[], prefix: string) =>
      rules.map((r) => {
        const old = fieldName('2022', t.messageType, r.name);
        return `| \`${prefix}${r.name}\` | ${cell(r.from)} | ${old === r.name ? '' : `\`${prefix}${old}\``} |`;
      });
    out.push('', `#### \`${t.messageType}\`: when ${t.when} (\`${kind}\`)`, '', '| field | value | 2022 name |', '|---|---|---|');
    out.push(...rows(t.fields as FieldRule<never>[], ''));
    if (t.lines) {
      out.push(`| \`${t.lines.name}\` | ${cell(t.lines.from)} |  |`);
      out.push(...rows(t.lines.fields as FieldRule<never>[], `${t.lines.name}[].`));
    }
  }
  return out.join('\n');
}

/** The document with its section replaced (or an error when the markers are missing). */
export function withD365FieldsSection(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/targets.md must hold the markers ${START} and ${END}`);
  return `${doc.slice(0, start + START.length)}\n${d365FieldsSection()}\n${doc.slice(end)}`;
}
