// docs/targets.md's D365 field section is what the builders' tables say (issue 17): a change of
// a table without `npm run docs:d365-fields` fails here, so the page can't drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { d365FieldsSection, withD365FieldsSection } from '../../scripts/d365-fields-section.js';

describe('docs/targets.md: what the bridge sends D365, field by field', () => {
  it('is the section the script writes from the tables (run npm run docs:d365-fields after changing them)', () => {
    const doc = readFileSync('docs/targets.md', 'utf8');
    expect(doc).toBe(withD365FieldsSection(doc));
  });

  it('names every message and the 2022 journal-name fields', () => {
    const section = d365FieldsSection();
    for (const m of ['ProdProductionOrderStart', 'ProdProductionOrderPickingList', 'ProdProductionOrderRouteCard', 'ProdProductionOrderReportFinished', 'ProdProductionOrderEnd']) expect(section).toContain(`\`${m}\``);
    expect(section).toContain('| `ReportFinishedLines[].JournalNameId` | `D365_JOURNAL_NAMES.reportFinished` | `ReportFinishedLines[].ReportFinishedJournalNameId` |');
  });
});
