// What a failed fetch says in words that name the cause. fetch itself only says "fetch failed"
// (undici) or "Network connection lost" (workerd); undici puts the real reason in `cause`: a
// system error with a code (ECONNREFUSED and the address it tried, ENOTFOUND and the host name),
// or a TLS error whose code names the certificate problem. Happy eyeballs can wrap several of
// them in an AggregateError: the first tells the story.

interface SystemError {
  code?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  errors?: unknown;
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** `err` (what fetch threw) as a short sentence part: "ECONNREFUSED 10.1.2.3:443", "DNS: no such host d365.example.com". */
export function describeNetworkError(err: unknown, url?: string): string {
  const top = err instanceof Error ? err.message : String(err);
  let cause = (err as { cause?: unknown } | undefined)?.cause as SystemError | undefined;
  if (cause && Array.isArray(cause.errors) && cause.errors.length && !cause.address) cause = { ...(cause.errors[0] as SystemError), code: cause.code ?? (cause.errors[0] as SystemError).code };
  if (!cause || typeof cause !== 'object') return top;
  const code = typeof cause.code === 'string' ? cause.code : '';
  const detail = typeof cause.message === 'string' ? cause.message : top;
  const host = typeof cause.hostname === 'string' ? cause.hostname : hostOf(url);
  const where = typeof cause.address === 'string' ? `${cause.address}${cause.port !== undefined ? `:${String(cause.port)}` : ''}` : hostOf(url, true);
  switch (code) {
    case 'ECONNREFUSED':
      return `ECONNREFUSED ${where} (nothing accepts connections there: is the service running, is the port right?)`;
    case 'ENOTFOUND':
      return `DNS: no such host ${host}`;
    case 'EAI_AGAIN':
      return `DNS: could not look up ${host} (the name server did not answer)`;
    case 'ECONNRESET':
      return `the connection to ${where} was reset (ECONNRESET)`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `could not connect to ${where} in time (${code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${where} (${code})`;
    default:
      if (TLS_CODE.test(code)) return `TLS: certificate not accepted: ${detail} (${code})`;
      return code ? `${detail} (${code})` : detail;
  }
}

function hostOf(url: string | undefined, withPort = false): string {
  if (!url) return 'the host';
  try {
    const u = new URL(url);
    return withPort ? u.host : u.hostname;
  } catch {
    return 'the host';
  }
}
