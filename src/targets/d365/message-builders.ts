// Canonical event -> D365 MES integration message, one message type per event, built from the
// field tables (message-tables.ts) in the names of the configured version's tables
// (D365_MESSAGE_VERSION, message-versions.ts). A field whose value is unknown is left out.
import type { ProductionEvent } from '../../core/canonical-events.js';
import type { MessageOptions } from './message-options.js';
import { fieldName } from './message-versions.js';
import { messageTables, refuseUnbuildable, type FieldRule, type MessageTable } from './message-tables.js';

export function buildD365Message(e: ProductionEvent, o: MessageOptions) {
  const table = messageTables[e.kind] as MessageTable<ProductionEvent, unknown>;
  refuseUnbuildable(table, e);
  const name = (n: string) => fieldName(o.version, table.messageType, n);
  const fill = <S>(rules: FieldRule<S>[], s: S) => {
    const out: Record<string, unknown> = {};
    for (const rule of rules) {
      const v = rule.value(s, o);
      if (v !== undefined) out[name(rule.name)] = v;
    }
    return out;
  };
  const content = fill(table.fields, e);
  if (table.lines) content[name(table.lines.name)] = table.lines.of(e, o).map((line) => fill(table.lines!.fields, line));
  return { messageType: table.messageType, content };
}
