CREATE TABLE `target_health` (
	`target` text PRIMARY KEY NOT NULL,
	`last_attempt_at` integer NOT NULL,
	`last_success_at` integer,
	`failing_since` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`failure_logged_at` integer,
	`failure_alerted_at` integer
);
