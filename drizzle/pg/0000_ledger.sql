CREATE TABLE "deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"received_at" bigint NOT NULL,
	"source" text DEFAULT 'nextplus' NOT NULL,
	"integration" text NOT NULL,
	"event_type" text,
	"outcome" text NOT NULL,
	"status" integer NOT NULL,
	"external_id" text,
	"message" text,
	"raw_body" text,
	"event" text,
	"request_id" text,
	"dedupe_key" text,
	"duplicate_of" text,
	"refers_to" text,
	"subject" text,
	"production_order" text,
	"workorder_number" text,
	"serial" text,
	"sku" text
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"expires_at" bigint,
	"body_fingerprint" text
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"owner" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"host" text NOT NULL,
	"pid" integer,
	"started_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mes_orders" (
	"target" text NOT NULL,
	"production_order" text NOT NULL,
	"mes_id" text,
	"mes_number" text NOT NULL,
	"posting_id" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "mes_orders_target_production_order_pk" PRIMARY KEY("target","production_order")
);
--> statement-breakpoint
CREATE TABLE "metric_counters" (
	"name" text NOT NULL,
	"labels" text NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "metric_counters_name_labels_pk" PRIMARY KEY("name","labels")
);
--> statement-breakpoint
CREATE TABLE "operator_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"posting_id" bigint,
	"delivery_id" text,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "order_routes" (
	"production_order" text PRIMARY KEY NOT NULL,
	"route" text NOT NULL,
	"read_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posting_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"posting_id" bigint NOT NULL,
	"started_at" bigint NOT NULL,
	"finished_at" bigint NOT NULL,
	"outcome" text NOT NULL,
	"http_status" integer,
	"response" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "postings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"target" text DEFAULT 'd365' NOT NULL,
	"ordering_key" text DEFAULT '' NOT NULL,
	"production_order" text NOT NULL,
	"message_type" text NOT NULL,
	"content" text NOT NULL,
	"state" text NOT NULL,
	"claimed_by" text,
	"reverses_posting_id" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"first_attempt_at" bigint,
	"next_attempt_at" bigint,
	"last_error" text,
	"delivered_at" bigint,
	"held_alerted_at" bigint,
	"erp_verdict" text,
	"erp_verdict_message" text,
	"erp_verdict_alerted_at" bigint
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_health" (
	"target" text PRIMARY KEY NOT NULL,
	"last_attempt_at" bigint NOT NULL,
	"last_success_at" bigint,
	"failing_since" bigint,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"failure_logged_at" bigint,
	"failure_alerted_at" bigint
);
--> statement-breakpoint
CREATE TABLE "vif_mos" (
	"mo_nb" text PRIMARY KEY NOT NULL,
	"production_order" text NOT NULL,
	"state" text NOT NULL,
	"quantity_done" double precision DEFAULT 0 NOT NULL,
	"pending_done" double precision,
	"polled_at" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deliveries_received_at" ON "deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "deliveries_external_id" ON "deliveries" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "deliveries_production_order" ON "deliveries" USING btree ("production_order","received_at");--> statement-breakpoint
CREATE INDEX "deliveries_refers_to" ON "deliveries" USING btree ("refers_to");--> statement-breakpoint
CREATE INDEX "deliveries_duplicate_of" ON "deliveries" USING btree ("duplicate_of");--> statement-breakpoint
CREATE INDEX "deliveries_serial" ON "deliveries" USING btree ("serial","received_at");--> statement-breakpoint
CREATE INDEX "deliveries_sku" ON "deliveries" USING btree ("sku");--> statement-breakpoint
CREATE INDEX "deliveries_outcome" ON "deliveries" USING btree ("outcome","received_at");--> statement-breakpoint
CREATE INDEX "deliveries_subject" ON "deliveries" USING btree ("source","subject","received_at");--> statement-breakpoint
CREATE INDEX "deliveries_source_integration" ON "deliveries" USING btree ("source","integration","received_at");--> statement-breakpoint
CREATE INDEX "deliveries_raw_kept" ON "deliveries" USING btree ("received_at") WHERE raw_body IS NOT NULL AND outcome = 'accepted';--> statement-breakpoint
CREATE INDEX "idempotency_keys_delivery" ON "idempotency_keys" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "mes_orders_number" ON "mes_orders" USING btree ("target","mes_number");--> statement-breakpoint
CREATE INDEX "operator_actions_posting" ON "operator_actions" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "operator_actions_delivery" ON "operator_actions" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "posting_attempts_posting" ON "posting_attempts" USING btree ("posting_id","id");--> statement-breakpoint
CREATE INDEX "posting_attempts_finished" ON "posting_attempts" USING btree ("finished_at");--> statement-breakpoint
CREATE INDEX "postings_state_key" ON "postings" USING btree ("state","target","ordering_key","id");--> statement-breakpoint
CREATE INDEX "postings_target_key" ON "postings" USING btree ("target","ordering_key","id");--> statement-breakpoint
CREATE INDEX "postings_delivery" ON "postings" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "postings_production_order" ON "postings" USING btree ("production_order","id");--> statement-breakpoint
CREATE INDEX "postings_state_created" ON "postings" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "postings_erp_verdict_unalerted" ON "postings" USING btree ("id") WHERE erp_verdict = 'failed' AND erp_verdict_alerted_at IS NULL;