// A posting's last error in one line an operator can read in a list and group by: D365's
// `Message` pulled out of its JSON answer, a webhook receiver's status and first line, a network
// failure as it was worded. The stored lastError keeps everything (the posting's page shows it);
// the headline drops what differs between postings failing for one reason (attempt counts).

/** Longer headlines are cut: a list cell, a group row and an alert line stay one line. */
const MAX = 200;

/** The fields JSON error answers put their sentence in: D365's services, OData, RFC 9457. */
function messageOf(json: unknown): string | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  for (const key of ['Message', 'message', 'detail', 'title', 'error_description']) {
    if (typeof o[key] === 'string' && o[key].trim()) return o[key].trim();
  }
  if (typeof o.error === 'string' && o.error.trim()) return o.error.trim();
  return messageOf(o.error);
}

/** The answer stored in lastError is an excerpt, so its JSON may be cut off: find the field. */
function messageInCutJson(text: string): string | undefined {
  const m = /"(?:Message|message|detail)"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(text);
  if (!m) return undefined;
  try {
    return JSON.parse(`"${m[1]!.replace(/\\$/, '')}"`).trim() || undefined;
  } catch {
    return m[1]!.trim() || undefined;
  }
}

/** What an answer body says, in one line. */
function answerHeadline(body: string): string {
  const text = body.trim();
  if (/^[{[]/.test(text)) {
    try {
      const said = messageOf(JSON.parse(text));
      if (said) return said;
    } catch {
      const said = messageInCutJson(text);
      if (said) return said;
    }
  }
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  if (title) return title;
  return text.split(/\r?\n/).find((line) => line.trim())?.trim() ?? '';
}

const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat;
};

/** The headline of a stored lastError; null when there is none. */
export function errorHeadline(lastError: string | null | undefined): string | null {
  if (!lastError?.trim()) return null;
  // "gave up after 41 attempts over 24 h: <reason>": the counts differ per posting, the reason not.
  const gaveUp = /^gave up after \d+ attempts over [\d.]+ h: ([\s\S]*)$/.exec(lastError);
  const reason = gaveUp ? gaveUp[1]! : lastError;
  const http = /^HTTP (\d{3})(?:: ([\s\S]*))?$/.exec(reason.trim());
  let headline: string;
  if (http) {
    const said = http[2] ? answerHeadline(http[2]) : '';
    headline = said ? `HTTP ${http[1]}: ${said}` : `HTTP ${http[1]}`;
  } else {
    headline = reason.split(/\r?\n/).find((line) => line.trim()) ?? reason;
  }
  return oneLine(gaveUp ? `gave up retrying: ${headline}` : headline);
}
