// Every request the bridge makes to another system goes through here: ERP sends, token
// endpoints, alerts, and any client added later (the order-sync clients should use it too).
// Two rules hold for all of them:
// - A redirect is never followed. fetch's default would turn a 302 into a GET without the body
//   (answered 200: "delivered", though nothing reached anyone) and a 307 into the signed body
//   re-sent to another host. With `redirect: 'manual'` Node's and workerd's fetch hand back the
//   3xx itself, and the caller reports it as a failure naming the Location.
// - An answer is read up to ANSWER_BYTES, then its stream is cancelled: a huge or endless answer
//   costs neither memory nor time, and a 200 stays a 200 whatever follows it.

/** How much of any answer (success, error or token) the bridge reads. */
const ANSWER_BYTES = 4096;

type OutboundInit = Omit<RequestInit, 'redirect' | 'signal'>;

export function outboundFetch(fetchFn: typeof fetch, url: string, init: OutboundInit, timeoutMs: number): Promise<Response> {
  return fetchFn(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
}

/** Where a 3xx answer points ("no Location" when it names none); undefined for any other answer. */
export function redirectOf(res: Response): string | undefined {
  // A browser-style fetch hides a manual redirect as an opaque answer with status 0.
  if ((res.type as string) !== 'opaqueredirect' && (res.status < 300 || res.status > 399)) return undefined;
  return res.headers.get('location') ?? 'no Location';
}

/**
 * The first `maxBytes` of an answer as text (a character cut at the end is dropped), and whether
 * that was all of it. The rest is never read: the stream is cancelled.
 */
export async function readAnswer(res: Response, maxBytes = ANSWER_BYTES): Promise<{ text: string; complete: boolean }> {
  if (!res.body) return { text: '', complete: true };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  try {
    while (size <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (!complete) await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(Math.min(size, maxBytes));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
  }
  // stream: true keeps a multi-byte character cut by the limit out of the text instead of throwing.
  return { text: new TextDecoder().decode(bytes, { stream: !complete }), complete };
}

/** Reads nothing of an answer, and lets its connection go. */
export async function discardAnswer(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {});
}
