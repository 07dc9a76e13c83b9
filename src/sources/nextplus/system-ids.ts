// Next Plus's own ids (workorderId, stockId, sessionId): kept for reference, never required.
// workorderExternalId is the ERP's id of the work order, null when the order is MES-only.
import { optionalText } from '../fields.js';

export const systemIds = {
  workorderId: optionalText,
  stockId: optionalText,
  sessionId: optionalText,
  workorderExternalId: optionalText,
};
