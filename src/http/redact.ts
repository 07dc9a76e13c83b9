// Tokens must never reach a log or come back in an answer. The ingest token rides in the query
// string, and a client that encodes the "?" (/nextplus/device%3Ftoken=…, twice encoded %253F, or
// ";" and "#" in their place) puts it into the path: every URL or path that is logged or echoed
// goes through here first. Any `token=` / `secret=` value is cut, whatever stands before it and
// however the "=" is encoded; the value ends where a token's URL-safe alphabet ends.
const TOKEN_PARAM = /((?:access_)?token|secret)(=|%3D|%253D)[A-Za-z0-9._~%-]*/gi;

export function redactTokens(text: string): string {
  return text.replace(TOKEN_PARAM, '$1$2[redacted]');
}
