// The variables every request of the app carries in hono's context (c.get / c.set): today the
// request id that the log line and a 500's reference share, and what an ingest request delivered.
import type { RequestIdVariables } from 'hono/request-id';

/** What an ingest request delivered, for its log line (set by the ingest route). */
export interface DeliveryLogFields {
  source: string;
  integration: string;
  outcome: string;
  productionOrder?: string;
}

export type HonoVariables = {
  Variables: RequestIdVariables & { delivery?: DeliveryLogFields };
};
