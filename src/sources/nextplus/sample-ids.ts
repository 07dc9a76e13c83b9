// The Integration Builder's Test button posts the documented sample payload, whose system ids
// are 550e8400-e29b-41d4-a716-44665544000x. Such deliveries (or any with ?test=1) are checked
// and answered like real ones but never reach the ERP.
const SAMPLE_ID = /^550e8400-e29b-41d4-a716-44665544000\d$/i;

export function carriesSampleIds(event: { workorderId?: string; stockId?: string; sessionId?: string }): boolean {
  return [event.workorderId, event.stockId, event.sessionId].some((id) => !!id && SAMPLE_ID.test(id));
}
