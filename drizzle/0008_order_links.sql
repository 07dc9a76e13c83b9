CREATE TABLE `mes_orders` (
	`target` text NOT NULL,
	`production_order` text NOT NULL,
	`mes_id` text,
	`mes_number` text NOT NULL,
	`posting_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`target`, `production_order`)
);
--> statement-breakpoint
CREATE INDEX `mes_orders_number` ON `mes_orders` (`target`,`mes_number`);--> statement-breakpoint
CREATE TABLE `order_routes` (
	`production_order` text PRIMARY KEY NOT NULL,
	`route` text NOT NULL,
	`read_at` integer NOT NULL
);
