// The docs can't go stale silently: every relative Markdown link in README.md and docs/ points at
// a file in the repository, every #anchor at a heading of that file (GitHub's slugs), and every
// repository path named in backticks (`src/…`, `test/…`, `docs/…`, …) exists. The comments of
// the deployment files (wrangler.toml, compose.yaml, Dockerfile, docs/systemd, docs/windows)
// and the docs' own words name files and sections ("README, "Configuration""): those exist too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const markdownFiles = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const configFiles = ['wrangler.toml', 'compose.yaml', 'Dockerfile', ...['systemd', 'windows'].flatMap((d) => readdirSync(join(root, 'docs', d)).map((f) => `docs/${d}/${f}`))];
const PATH_ROOTS = /^(src|test|docs|drizzle|bench|scripts|\.ci)\//;

/** Markdown without its fenced code blocks (their text is code, not links or headings). */
const prose = (text: string) => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of prose(readFileSync(join(root, file), 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = heading!
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe('cross-references in the docs', () => {
  it('every relative link and #anchor in README.md and docs/ resolves', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of markdownFiles) {
      const text = prose(readFileSync(join(root, file), 'utf8')).replace(/`[^`\n]*`/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue; // https:, mailto:
        checked++;
        const [path, anchor] = target!.split('#') as [string, string | undefined];
        const resolved = path ? relative(root, resolve(root, dirname(file), decodeURIComponent(path))) : file;
        if (!existsSync(join(root, resolved))) broken.push(`${file}: ${target} (no ${resolved})`);
        else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });

  it('every repository path named in backticks exists', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const file of markdownFiles) {
      for (const [, code] of readFileSync(join(root, file), 'utf8').matchAll(/`([^`\s]+)`/g)) {
        // Placeholders and patterns (`src/sources/<name>/`, `bridge-*.db`) name no one file.
        if (!PATH_ROOTS.test(code!) || /[<>*…{}(]/.test(code!)) continue;
        const path = code!.replace(/[.,:;]+$/, '').split('#')[0]!;
        checked++;
        if (!existsSync(join(root, path))) missing.push(`${file}: \`${code}\``);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  // Named by words, not links: `docs/x.md ("Section")`, `README, "Section"`, `(README: "Section")`.
  // The file must exist and have a heading that starts with the section's words.
  it('references to a file and its section by name, in the docs and the deployment files, exist', () => {
    const stale: string[] = [];
    let checked = 0;
    for (const file of [...markdownFiles, ...configFiles]) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/\b(docs\/[\w./*-]*[\w*]|README(?:\.md)?|[a-z]+\.md)(?:[,:]?\s*\(?"([^"]+)"(?:,\s*"([^"]+)")?\)?)?/g)) {
        if (m[1]!.includes('*')) continue;
        const path = m[1]!.startsWith('README') ? 'README.md' : m[1]!.includes('/') ? m[1]! : `docs/${m[1]}`;
        if (!existsSync(join(root, path))) {
          stale.push(`${file}: ${m[0]} (no ${path})`);
          continue;
        }
        checked++;
        if (!path.endsWith('.md')) continue;
        const headings = [...prose(readFileSync(join(root, path), 'utf8')).matchAll(/^#{1,6}\s+(.+)$/gm)].map((h) => h[1]!.replace(/^\d+\.\s*/, '').replace(/`/g, '').toLowerCase());
        for (const section of [m[2], m[3]].filter((s): s is string => !!s))
          if (!headings.some((h) => h.startsWith(section.toLowerCase()))) stale.push(`${file}: ${m[0]} (${path} has no section "${section}")`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(stale).toEqual([]);
  });
});
