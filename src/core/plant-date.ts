// D365 wants dates as YYYY-MM-DD, and "today" is the plant's today, not UTC's: a night shift
// in Chicago books to the local date. Formatters are cached because this runs per event.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function plantDate(epochMs: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(epochMs);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}
