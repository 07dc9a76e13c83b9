ALTER TABLE `postings` ADD `held_alerted_at` integer;--> statement-breakpoint
CREATE INDEX `postings_state_created` ON `postings` (`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_serial` ON `deliveries` (`serial`,`received_at`);--> statement-breakpoint
CREATE INDEX `deliveries_sku` ON `deliveries` (`sku`);--> statement-breakpoint
CREATE INDEX `deliveries_outcome` ON `deliveries` (`outcome`,`received_at`);