// Counts in words: "1 posting", "40 postings", never "posting(s)".

/** `n` and the noun, in the singular for exactly one; `many` for irregular plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The first `shown` items, and how many more: "P1, P2, P3 (and 12 more)". */
export function someOf(items: string[], shown = 5): string {
  const more = items.length - shown;
  return more > 0 ? `${items.slice(0, shown).join(', ')} (and ${more.toLocaleString('en-US')} more)` : items.join(', ');
}
