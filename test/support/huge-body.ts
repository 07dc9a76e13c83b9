// A large answer body, made only as it is read: the fakes answer with it on demand, and the
// tests see how much of it was pulled and whether the reader cancelled the rest.
export interface StreamedBody {
  /** Bytes handed to the reader so far. */
  pulled: number;
  cancelled: boolean;
}

const CHUNK = 64 * 1024;

export function hugeBody(bytes: number, stats: StreamedBody): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('x'.repeat(CHUNK));
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= bytes) return controller.close();
      const part = chunk.subarray(0, Math.min(CHUNK, bytes - stats.pulled));
      stats.pulled += part.length;
      controller.enqueue(part);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
}
