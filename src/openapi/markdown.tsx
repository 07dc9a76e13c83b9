// The small Markdown subset the API document's descriptions use, rendered on the server as JSX:
// paragraphs, "- " lists, `code`, **strong**, *emphasis* and [links](https://… or /…). Every
// piece of text goes through hono/jsx's escaping (no raw HTML is ever emitted, whatever the
// description holds), links are only http(s) or same-site, and nothing needs a script.
import type { Child } from 'hono/jsx';

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
const SAFE_HREF = /^(https?:\/\/|\/(?!\/)|#)/i;

/** One line of inline Markdown as JSX children. */
export function inlineMarkdown(text: string): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const [whole, code, strong, em, label, href] = m;
    if (code !== undefined) out.push(<code>{code}</code>);
    else if (strong !== undefined) out.push(<strong>{inlineMarkdown(strong)}</strong>);
    else if (em !== undefined) out.push(<em>{inlineMarkdown(em)}</em>);
    else if (label !== undefined && href !== undefined && SAFE_HREF.test(href)) out.push(<a href={href}>{inlineMarkdown(label)}</a>);
    else out.push(whole);
    last = m.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A description: paragraphs (separated by blank lines) and "- " lists. */
export function Markdown({ text, class: className }: { text: string | undefined; class?: string }) {
  if (!text) return null;
  const blocks = text.trim().split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block) => {
        const lines = block.split('\n');
        if (lines.every((l) => /^\s*[-*] /.test(l))) return <ul class={className}>{lines.map((l) => <li>{inlineMarkdown(l.replace(/^\s*[-*] /, ''))}</li>)}</ul>;
        return <p class={className}>{inlineMarkdown(lines.join(' '))}</p>;
      })}
    </>
  );
}
