ALTER TABLE `postings` ADD `erp_verdict` text;--> statement-breakpoint
ALTER TABLE `postings` ADD `erp_verdict_message` text;--> statement-breakpoint
ALTER TABLE `postings` ADD `erp_verdict_alerted_at` integer;--> statement-breakpoint
CREATE INDEX `postings_erp_verdict_unalerted` ON `postings` (`id`) WHERE erp_verdict = 'failed' AND erp_verdict_alerted_at IS NULL;