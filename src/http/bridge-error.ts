// The one error type the bridge throws on purpose. Its message is shown to the operator on the
// shop floor (Next Plus displays {"message"}), so it is written for them, never for us.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class BridgeError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}
