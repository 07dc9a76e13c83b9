// Working hours in the plant's time zone, for alerts that only make sense while a line runs
// (ALERT_QUIET_HOURS): "Mon-Fri 06:00-22:00", several windows separated by ";" or ","
// ("Mon-Fri 06:00-22:00; Sat 06:00-14:00"), a window without days for every day, and a window
// that ends before it starts runs over midnight into the next day ("Sun-Thu 22:00-06:00").

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Window {
  /** Days the window starts on, 0 = Sunday. */
  days: Set<number>;
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

export interface WorkingHours {
  windows: Window[];
}

/** Parses the setting; throws an Error whose message says what is wrong, in words. */
export function parseWorkingHours(text: string): WorkingHours {
  const windows = text
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseWindow);
  if (!windows.length) throw new Error('names no window; write for example "Mon-Fri 06:00-22:00", or leave it unset for always');
  return { windows };
}

function parseWindow(part: string): Window {
  const m = /^(?:([A-Za-z]{3})(?:\s*-\s*([A-Za-z]{3}))?\s+)?(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(part);
  if (!m) throw new Error(`"${part}" is not a window such as "Mon-Fri 06:00-22:00" (days Mon..Sun, then from-to in 24-hour time)`);
  const [, from, to, h1, m1, h2, m2] = m;
  const start = minutes(h1!, m1!, part, false);
  const end = minutes(h2!, m2!, part, true);
  if (start === end) throw new Error(`"${part}" starts and ends at the same time; for a whole day write 00:00-24:00`);
  const first = from ? day(from, part) : 0;
  const last = from ? (to ? day(to, part) : first) : 6;
  const days = new Set<number>();
  // Mon-Fri, and wrapping ranges such as Fri-Mon.
  for (let d = first; ; d = (d + 1) % 7) {
    days.add(d);
    if (d === last) break;
  }
  return { days, start, end };
}

function day(name: string, part: string): number {
  const d = DAYS.indexOf(name.toLowerCase());
  if (d < 0) throw new Error(`"${name}" in "${part}" is not a day; use Mon, Tue, Wed, Thu, Fri, Sat, Sun`);
  return d;
}

function minutes(h: string, m: string, part: string, isEnd: boolean): number {
  const value = Number(h) * 60 + Number(m);
  if (Number(m) > 59 || value > 24 * 60 || (!isEnd && value === 24 * 60)) throw new Error(`"${part}" has a time that is not between 00:00 and 24:00`);
  return value;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The plant's weekday (0 = Sunday) and seconds since its local midnight at `epochMs`. */
function localTime(epochMs: number, timeZone: string): { day: number; seconds: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(epochMs).map((p) => [p.type, p.value]));
  return { day: DAYS.indexOf(String(parts.weekday).toLowerCase()), seconds: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second) };
}

/**
 * When the window `epochMs` falls in began (the earliest, if windows overlap); undefined
 * outside working hours.
 */
export function windowStart(hours: WorkingHours, epochMs: number, timeZone: string): number | undefined {
  const { day: today, seconds } = localTime(epochMs, timeZone);
  const now = seconds / 60;
  const yesterday = (today + 6) % 7;
  let earliest: number | undefined;
  for (const w of hours.windows) {
    let since: number | undefined; // minutes since the window opened
    if (w.days.has(today) && now >= w.start && (w.end > w.start ? now < w.end : true)) since = now - w.start;
    else if (w.days.has(yesterday) && w.end < w.start && now < w.end) since = now + 24 * 60 - w.start;
    if (since !== undefined) {
      const start = epochMs - Math.round(since * 60_000);
      earliest = earliest === undefined ? start : Math.min(earliest, start);
    }
  }
  return earliest;
}
