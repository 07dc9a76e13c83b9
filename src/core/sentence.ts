// Another system's text (D365's error) quoted as a sentence of ours: one closing period, never
// "Created.. Fix", whether or not the text brought its own.

/** The text, trimmed, ending in exactly one stop. */
export function asSentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
