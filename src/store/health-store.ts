// What the bridge knows of each target's health and each integration's activity, so a failing
// ERP or a quiet line is announced instead of discovered. A target's row is written in the same
// atomic write as every attempt (drizzle-health.ts), so all dispatchers — processes sharing a
// ledger, overlapping Worker runs — keep one story; reading it is one small row per target.

export interface TargetHealthRow {
  target: string;
  lastAttemptAt: number;
  lastSuccessAt: number | null;
  /** When the first of the retryable failures since the last success happened; null: healthy. */
  failingSince: number | null;
  /** Retryable failures since the last success. */
  consecutiveFailures: number;
  /** The last retryable failure, in words naming its cause (null while healthy). */
  lastError: string | null;
  /** The warning line about this failure was written (cleared by the recovery line). */
  failureLoggedAt: number | null;
  /** The failing alert went out (cleared by the recovery alert). */
  failureAlertedAt: number | null;
}

export interface TargetHealth extends TargetHealthRow {
  /** When the target's next waiting posting is due (null: none waits on a backoff). */
  nextRetryAt: number | null;
}

export interface IntegrationActivity {
  source: string;
  integration: string;
  /** The last delivery of any outcome: a line sending wrong bodies is not quiet, it is wrong. */
  lastReceivedAt: number | null;
  lastHour: number;
}

export type FailureMark = 'logged' | 'alerted';

export interface HealthStore {
  /** Targets that have had an attempt, with their next retry. */
  targetHealth(): Promise<TargetHealth[]>;
  /** Sets `mark` on a failing target where it is not set yet; false when another run did (or it recovered). */
  markFailure(target: string, mark: FailureMark, at: number): Promise<boolean>;
  /** Clears `mark` on a recovered target; false when another run did (or it fails again). */
  clearFailure(target: string, mark: FailureMark): Promise<boolean>;
  /** Per integration: its last delivery, and how many came since `hourAgo`. */
  activity(integrations: { source: string; integration: string }[], hourAgo: number): Promise<IntegrationActivity[]>;
  /** A small kept value by key (alert marks); undefined when unset. */
  readMark(key: string): Promise<string | undefined>;
  /** Sets (a string) or deletes (null) a kept value. */
  writeMark(key: string, value: string | null): Promise<void>;
}
