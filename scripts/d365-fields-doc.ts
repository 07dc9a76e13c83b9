// npm run docs:d365-fields: writes docs/targets.md's "What the bridge sends D365, field by field"
// from the builders' tables (scripts/d365-fields-section.ts says how).
import { readFileSync, writeFileSync } from 'node:fs';
import { withD365FieldsSection } from './d365-fields-section.js';

const path = new URL('../docs/targets.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withD365FieldsSection(before);
if (after === before) console.log('docs/targets.md: the D365 field section is up to date.');
else {
  writeFileSync(path, after);
  console.log('docs/targets.md: the D365 field section was written.');
}
