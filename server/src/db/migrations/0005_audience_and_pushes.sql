CREATE TABLE "api_rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "api_rate_limits_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "mp_session_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mp_session_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscribe_templates" (
	"template_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscribe_templates_kind_ck" CHECK ("subscribe_templates"."kind" in ('one_time','long_term'))
);
--> statement-breakpoint
CREATE TABLE "push_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "push_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"push_id" bigint NOT NULL,
	"subscriber_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"openid" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"errcode" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"msgid" text,
	"next_attempt_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "push_deliveries_recipient_uq" UNIQUE("push_id","subscriber_id"),
	CONSTRAINT "push_deliveries_status_ck" CHECK ("push_deliveries"."status" in ('pending','sending','sent','delivered','failed','skipped','unknown'))
);
--> statement-breakpoint
CREATE TABLE "push_opens" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "push_opens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"push_id" bigint NOT NULL,
	"delivery_id" bigint,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "push_opens_delivery_uq" UNIQUE("push_id","delivery_id")
);
--> statement-breakpoint
CREATE TABLE "push_send_budget" (
	"name" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "push_transitions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "push_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"push_id" bigint NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"editor_id" bigint,
	"actor_name" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pushes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pushes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"content_id" bigint NOT NULL,
	"title" text NOT NULL,
	"page" text NOT NULL,
	"status" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"topics" text[] NOT NULL,
	"districts" text[] DEFAULT '{}' NOT NULL,
	"audiences" text[] DEFAULT '{}' NOT NULL,
	"template" jsonb,
	"subscribe" jsonb,
	"send_at" timestamp with time zone,
	"not_before" timestamp with time zone,
	"waiting_for" text,
	"expand_after" bigint DEFAULT 0,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pushes_status_ck" CHECK ("pushes"."status" in ('draft','submitted','approved','scheduled','sending','paused','completed','cancelled'))
);
--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "unionid" text;--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "audiences" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_push_id_pushes_id_fk" FOREIGN KEY ("push_id") REFERENCES "public"."pushes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_opens" ADD CONSTRAINT "push_opens_push_id_pushes_id_fk" FOREIGN KEY ("push_id") REFERENCES "public"."pushes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_transitions" ADD CONSTRAINT "push_transitions_push_id_pushes_id_fk" FOREIGN KEY ("push_id") REFERENCES "public"."pushes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pushes" ADD CONSTRAINT "pushes_content_id_content_items_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_deliveries_work_idx" ON "push_deliveries" USING btree ("push_id","status","id");--> statement-breakpoint
CREATE INDEX "push_deliveries_msgid_idx" ON "push_deliveries" USING btree ("msgid");--> statement-breakpoint
CREATE INDEX "push_transitions_push_idx" ON "push_transitions" USING btree ("push_id","id");--> statement-breakpoint
CREATE INDEX "pushes_due_idx" ON "pushes" USING btree ("status","send_at");--> statement-breakpoint
CREATE INDEX "subscribers_unionid_idx" ON "subscribers" USING btree ("unionid");--> statement-breakpoint
-- Hand-written (keep when regenerating): the single audience, if any was stored, moves into the list.
UPDATE "subscribers" SET "audiences" = ARRAY["audience"] WHERE "audience" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "subscribers" DROP COLUMN "audience";