// The API reference's Markdown: the subset renders, and nothing in a description becomes markup
// or a script (escaped text, links only to http(s) or the same site).
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../src/openapi/markdown.js';

const render = (text: string) => String(Markdown({ text }));

describe('the Markdown of /docs', () => {
  it('renders code, strong, emphasis, links, paragraphs and lists', () => {
    expect(render('Pass `next` as **before**, *once*; see [the docs](https://example.com/a?b=1&c=2).')).toBe(
      '<p>Pass <code>next</code> as <strong>before</strong>, <em>once</em>; see <a href="https://example.com/a?b=1&amp;c=2">the docs</a>.</p>',
    );
    expect(render('One\nline.\n\n- a `b`\n- c')).toBe('<p>One line.</p><ul><li>a <code>b</code></li><li>c</li></ul>');
  });

  it('escapes HTML and refuses script links', () => {
    const html = render('<script>alert(1)</script> `<img src=x onerror=alert(1)>` [x](javascript:alert(1)) [y](//evil.example) "q" & MAX_BODY_BYTES');
    expect(html).not.toMatch(/<script|<img|href="javascript|href="\/\//);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<code>&lt;img src=x onerror=alert(1)&gt;</code>');
    expect(html).toContain('[x](javascript:alert(1))');
    expect(html).toContain('MAX_BODY_BYTES');
  });
});
