// D365_MESSAGE_VERSION: the field tables of the MES integration messages as D365 published them
// in 2024 (d365-mes-messages.json, the default) and the older 2022 names of the journal-name
// fields. Microsoft's page publishes only the current tables; the 2022 names below are
// ASSUMED (docs/targets.md says so): kept here as data, so a plant that finds its D365 uses
// other names corrects one line, and the builders, the check of an edit and the docs follow.
import { d365MessageSpecs, type D365MessageType, type FieldSpec, type MessageSpecs } from './message-spec.js';

export const messageVersions = ['2024', '2022'] as const;
export type MessageVersion = (typeof messageVersions)[number];

/** Per message type: the 2024 field name -> its 2022 name (in the message or in its lines). */
export const renamedIn2022: Partial<Record<D365MessageType, Record<string, string>>> = {
  ProdProductionOrderPickingList: { JournalNameId: 'PickingListJournalNameId' },
  ProdProductionOrderRouteCard: { JournalNameId: 'RouteCardJournalNameId' },
  ProdProductionOrderReportFinished: { JournalNameId: 'ReportFinishedJournalNameId' },
};

/** A field's name in the version's tables. */
export function fieldName(version: MessageVersion, messageType: D365MessageType, name: string): string {
  if (version === '2024') return name;
  const renamed = renamedIn2022[messageType];
  return renamed && Object.hasOwn(renamed, name) ? renamed[name]! : name;
}

const renameFields = (fields: Record<string, FieldSpec>, type: D365MessageType, version: MessageVersion) =>
  Object.fromEntries(Object.entries(fields).map(([name, spec]) => [fieldName(version, type, name), spec]));

/** The version's field tables: what an edit is checked against, and what the fake D365 checks. */
export function specsFor(version: MessageVersion): MessageSpecs {
  if (version === '2024') return d365MessageSpecs;
  const messages = Object.entries(d365MessageSpecs.messages).map(([type, spec]) => {
    const t = type as D365MessageType;
    return [type, { fields: renameFields(spec.fields, t, version), lineFields: spec.lineFields && renameFields(spec.lineFields, t, version) }];
  });
  return { messages: Object.fromEntries(messages) };
}
