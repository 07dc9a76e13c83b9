import { describe, expect, it } from 'vitest';
import { ConfigError, parseBridgeConfig } from '../../src/config/bridge-config.js';
import { parseWorkingHours, windowStart } from '../../src/core/working-hours.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    parseBridgeConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('ALERT_QUIET_HOURS and the watch settings', () => {
  it('defaults: failing after 15 min, quiet after 60 min, always', () => {
    expect(parseBridgeConfig({}).watch).toEqual({ failingAfterMs: 15 * 60_000, quietAfterMs: 60 * 60_000, quietHours: undefined });
  });

  it('takes decimal minutes for ALERT_FAILING_MINUTES and 0 for no quiet alerts', () => {
    expect(parseBridgeConfig({ ALERT_FAILING_MINUTES: '0.5', ALERT_QUIET_MINUTES: '0' }).watch).toMatchObject({ failingAfterMs: 30_000, quietAfterMs: null });
  });

  it('refuses what is not working hours, saying why in words', () => {
    expect(problemsOf({ ALERT_QUIET_HOURS: 'Mon-Fri 6-22' })).toEqual(['ALERT_QUIET_HOURS: "Mon-Fri 6-22" is not a window such as "Mon-Fri 06:00-22:00" (days Mon..Sun, then from-to in 24-hour time)']);
    expect(problemsOf({ ALERT_QUIET_HOURS: 'Mon-Fry 06:00-22:00' })).toEqual(['ALERT_QUIET_HOURS: "Fry" in "Mon-Fry 06:00-22:00" is not a day; use Mon, Tue, Wed, Thu, Fri, Sat, Sun']);
    expect(problemsOf({ ALERT_QUIET_HOURS: 'Mon 06:00-25:00' })).toEqual(['ALERT_QUIET_HOURS: "Mon 06:00-25:00" has a time that is not between 00:00 and 24:00']);
    expect(problemsOf({ ALERT_QUIET_HOURS: 'Mon 06:00-06:00' })[0]).toMatch('starts and ends at the same time');
    expect(problemsOf({ ALERT_FAILING_MINUTES: 'soon' })).toEqual(['ALERT_FAILING_MINUTES: must be a number of minutes']);
  });

  it('knows when the current window opened, over midnight and across several windows', () => {
    const hours = parseWorkingHours('Mon-Fri 06:00-22:00; Sun 22:00-06:00');
    const at = (iso: string) => Date.parse(iso);
    expect(windowStart(hours, at('2026-03-04T10:30:00Z'), 'UTC')).toBe(at('2026-03-04T06:00:00Z')); // Wednesday
    expect(windowStart(hours, at('2026-03-04T22:00:00Z'), 'UTC')).toBeUndefined();
    expect(windowStart(hours, at('2026-03-07T10:00:00Z'), 'UTC')).toBeUndefined(); // Saturday
    expect(windowStart(hours, at('2026-03-09T03:00:00Z'), 'UTC')).toBe(at('2026-03-08T22:00:00Z')); // Monday night, Sunday's shift
    expect(windowStart(hours, at('2026-03-04T10:30:00Z'), 'America/Chicago')).toBeUndefined(); // 04:30 there: closed
    expect(windowStart(hours, at('2026-03-04T13:00:00Z'), 'America/Chicago')).toBe(at('2026-03-04T12:00:00Z')); // 07:00 there
    expect(windowStart(parseWorkingHours('00:00-24:00'), at('2026-03-07T10:00:00Z'), 'UTC')).toBe(at('2026-03-07T00:00:00Z'));
  });
});
