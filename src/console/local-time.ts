// The console's time filters: a browser's datetime-local value and its zone offset, as UTC.

/** "2026-03-04T11:00" typed in a browser `offsetMin` minutes ahead of UTC -> epoch ms. */
export function localToEpoch(value: string, offsetMin: number): number | undefined {
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(ms) ? undefined : ms + offsetMin * 60_000;
}
