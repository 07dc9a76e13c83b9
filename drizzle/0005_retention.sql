CREATE INDEX `deliveries_raw_kept` ON `deliveries` (`received_at`) WHERE raw_body IS NOT NULL AND outcome = 'accepted';--> statement-breakpoint
CREATE INDEX `idempotency_keys_expires` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE INDEX `posting_attempts_finished` ON `posting_attempts` (`finished_at`);