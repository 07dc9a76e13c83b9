CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL,
	`integration` text NOT NULL,
	`event_type` text,
	`outcome` text NOT NULL,
	`status` integer NOT NULL,
	`external_id` text,
	`message` text,
	`raw_body` text,
	`event` text,
	`request_id` text,
	`dedupe_key` text,
	`duplicate_of` text,
	`refers_to` text,
	`production_order` text,
	`workorder_number` text,
	`serial` text,
	`sku` text
);
--> statement-breakpoint
CREATE INDEX `deliveries_received_at` ON `deliveries` (`received_at`);--> statement-breakpoint
CREATE INDEX `deliveries_external_id` ON `deliveries` (`external_id`);--> statement-breakpoint
CREATE INDEX `deliveries_production_order` ON `deliveries` (`production_order`,`received_at`);--> statement-breakpoint
CREATE INDEX `deliveries_refers_to` ON `deliveries` (`refers_to`);--> statement-breakpoint
CREATE INDEX `deliveries_duplicate_of` ON `deliveries` (`duplicate_of`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`expires_at` integer
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_delivery` ON `idempotency_keys` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `postings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` text NOT NULL,
	`production_order` text NOT NULL,
	`message_type` text NOT NULL,
	`content` text NOT NULL,
	`state` text NOT NULL,
	`reverses_posting_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE INDEX `postings_state_order` ON `postings` (`state`,`production_order`,`id`);--> statement-breakpoint
CREATE INDEX `postings_delivery` ON `postings` (`delivery_id`);--> statement-breakpoint
CREATE INDEX `postings_production_order` ON `postings` (`production_order`,`id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
