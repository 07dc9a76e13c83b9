import type { RequestIdVariables } from 'hono/request-id';

export type BridgeEnv = {
  Variables: RequestIdVariables;
};
