import type { RequestIdVariables } from 'hono/request-id';
import type { IntegrationSpec } from '../integrations/integrations.js';

/** A Next Plus delivery as far as it was read; set before anything can reject it. */
export interface IncomingDelivery {
  spec: IntegrationSpec;
  rawBody?: string;
  input?: unknown;
}

export type BridgeEnv = {
  Variables: RequestIdVariables & { delivery?: IncomingDelivery };
};
