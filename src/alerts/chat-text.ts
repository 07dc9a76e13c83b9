// Alert texts carry what others wrote: production order names from the MES, answers from the
// ERP. Slack (mrkdwn) and Teams (markdown) would read markup in them: `<!channel>` pings a
// channel, `<https://evil|Open the console>` and `[click](https://evil)` are links that hide
// where they go, and a bare URL becomes a link too. So every outside piece of an alert's text
// passes through plainChat(), and the only link is the one the bridge builds to its console.

/**
 * Text that both chats show as written: Slack's three control characters escaped as its
 * documentation says, a markdown link's `](` broken apart, and `://` defanged so no URL is
 * recognised (the address stays readable: `https[:]//other.example/...`).
 */
export function plainChat(untrusted: string): string {
  return untrusted
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('](', '] (')
    .replaceAll('://', '[:]//');
}

/** A link in Slack's syntax; `url` must be the bridge's own (PUBLIC_URL), never outside text. */
export function chatLink(url: string, label: string): string {
  return `<${url}|${label}>`;
}
