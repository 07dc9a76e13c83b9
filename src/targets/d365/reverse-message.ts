// The reversal of what was posted: the same messages with every quantity negated, dated the
// day of the reversal (the original's period may already be closed in the ERP). Works on the
// stored content, so a posting an operator corrected is reversed as it was actually sent.
import { conflict } from '../../core/domain-errors.js';
import type { PostedMessage, TargetMessage } from '../target.js';
import type { D365MessageType } from './message-spec.js';

const quantityFields: Record<D365MessageType, { top: string[]; lines?: [string, string[]] }> = {
  ProdProductionOrderStart: { top: ['StartedQuantity'] },
  ProdProductionOrderPickingList: {
    top: [],
    lines: [
      'PickingListLines',
      [
        'ConsumptionBOMQuantity',
        'ProposalBOMQuantity',
        'ScrapBOMQuantity',
        'ConsumptionInventoryQuantity',
        'ProposalInventoryQuantity',
        'ConsumptionCatchWeightQuantity',
        'ProposalCatchWeightQuantity',
      ],
    ],
  },
  ProdProductionOrderRouteCard: {
    top: [],
    lines: ['RouteCardLines', ['GoodQuantity', 'ErrorQuantity', 'CatchWeightGoodQuantity', 'CatchWeightErrorQuantity', 'Hours']],
  },
  ProdProductionOrderReportFinished: {
    top: [],
    lines: [
      'ReportFinishedLines',
      ['ReportedGoodQuantity', 'ReportedErrorQuantity', 'ReportedGoodCatchWeightQuantity', 'ReportedErrorCatchWeightQuantity'],
    ],
  },
  // Ending a production order has no quantity to negate: it can't be undone by a message.
  ProdProductionOrderEnd: { top: [] },
};

const dateFields = ['StartedDate', 'ConsumptionDate', 'ReportAsFinishedDate'];

export function reverseD365Message(p: PostedMessage, date: string): TargetMessage {
  const spec = Object.hasOwn(quantityFields, p.messageType) ? quantityFields[p.messageType as D365MessageType] : undefined;
  if (!spec || p.messageType === 'ProdProductionOrderEnd') {
    const order = String(p.content.ProductionOrderNumber ?? '');
    throw conflict(`This can't be undone automatically: production order ${order} was already ended in the ERP. Reverse it in the ERP by hand.`);
  }
  const content = negate(p.content, spec.top, date);
  if (spec.lines) {
    const [name, fields] = spec.lines;
    const lines = content[name];
    if (Array.isArray(lines)) content[name] = lines.map((l) => negate(l as Record<string, unknown>, fields, date));
  }
  return { messageType: p.messageType, content };
}

function negate(o: Record<string, unknown>, fields: string[], date: string): Record<string, unknown> {
  const copy = { ...o };
  for (const f of fields) if (typeof copy[f] === 'number') copy[f] = -(copy[f] as number) || 0;
  for (const f of dateFields) if (Object.hasOwn(copy, f)) copy[f] = date;
  return copy;
}
