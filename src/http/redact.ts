// Tokens must never reach a log. The ingest token rides in the query string, and a client that
// percent-encodes the "?" (/nextplus/device%3Ftoken=…) puts it into the path: every URL or path
// that is logged or echoed goes through here first.
const TOKEN_PARAM = /((?:^|[?&/]|%3F|%26)(?:token|access_token|secret)(?:=|%3D))[^&\s#/]*/gi;

export function redactTokens(text: string): string {
  return text.replace(TOKEN_PARAM, '$1[redacted]');
}
