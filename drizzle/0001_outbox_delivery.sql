CREATE TABLE `operator_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`posting_id` integer,
	`delivery_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `operator_actions_posting` ON `operator_actions` (`posting_id`);--> statement-breakpoint
CREATE INDEX `operator_actions_delivery` ON `operator_actions` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `posting_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`posting_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`http_status` integer,
	`response` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `posting_attempts_posting` ON `posting_attempts` (`posting_id`,`id`);--> statement-breakpoint
ALTER TABLE `postings` ADD `first_attempt_at` integer;