CREATE TABLE `vif_mos` (
	`mo_nb` text PRIMARY KEY NOT NULL,
	`production_order` text NOT NULL,
	`state` text NOT NULL,
	`quantity_done` real DEFAULT 0 NOT NULL,
	`pending_done` real,
	`polled_at` integer DEFAULT 0 NOT NULL
);
