DROP INDEX `postings_state_order`;--> statement-breakpoint
ALTER TABLE `postings` ADD `target` text DEFAULT 'd365' NOT NULL;--> statement-breakpoint
ALTER TABLE `postings` ADD `ordering_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `postings` ADD `claimed_by` text;--> statement-breakpoint
CREATE INDEX `postings_state_key` ON `postings` (`state`,`target`,`ordering_key`,`id`);--> statement-breakpoint
CREATE INDEX `postings_target_key` ON `postings` (`target`,`ordering_key`,`id`);--> statement-breakpoint
ALTER TABLE `deliveries` ADD `source` text DEFAULT 'nextplus' NOT NULL;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `subject` text;--> statement-breakpoint
CREATE INDEX `deliveries_subject` ON `deliveries` (`source`,`subject`,`received_at`);--> statement-breakpoint
CREATE INDEX `deliveries_source_integration` ON `deliveries` (`source`,`integration`,`received_at`);--> statement-breakpoint
-- Existing rows: postings delivered at commit without an attempt were the journal's; the rest
-- went to D365, the only other connector then. Each production order was its ordering key.
UPDATE `postings` SET `target` = 'journal' WHERE `attempts` = 0 AND `state` = 'delivered';--> statement-breakpoint
UPDATE `postings` SET `ordering_key` = `production_order`;--> statement-breakpoint
-- A Next Plus add was found by its externalId; that is its subject now.
UPDATE `deliveries` SET `subject` = `external_id` WHERE `event_type` = 'add' AND `outcome` IN ('accepted', 'test');
