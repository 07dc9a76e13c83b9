// A stand-in for fetch that hands each request to a fake's handler, honouring the caller's
// abort signal (so the bridge's timeouts work against fakes as against real systems).
export function fetchVia(handle: (request: Request) => Promise<Response>): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const signal = init?.signal ?? undefined;
    if (!signal) return handle(request);
    return new Promise<Response>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      handle(request).then(resolve, reject);
    });
  }) as typeof fetch;
}
