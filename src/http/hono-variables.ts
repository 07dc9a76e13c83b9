// The variables every request of the app carries in hono's context (c.get / c.set): today the
// request id that the log line and a 500's reference share.
import type { RequestIdVariables } from 'hono/request-id';

export type HonoVariables = {
  Variables: RequestIdVariables;
};
