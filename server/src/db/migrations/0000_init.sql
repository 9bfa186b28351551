CREATE TABLE "audiences" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_generation" (
	"id" integer PRIMARY KEY NOT NULL,
	"generation" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"topics" text[] NOT NULL,
	"districts" text[] NOT NULL,
	"audiences" text[] NOT NULL,
	"department" text NOT NULL,
	"policy_basis" text,
	"source_url" text,
	"source_note" text,
	"is_sample" boolean NOT NULL,
	"status" text NOT NULL,
	"details" jsonb NOT NULL,
	"version" integer NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	CONSTRAINT "content_items_slug_unique" UNIQUE("slug"),
	CONSTRAINT "content_items_kind_ck" CHECK ("content_items"."kind" in ('subsidy','wage_standard','recruitment','policy','interpretation','notice')),
	CONSTRAINT "content_items_status_ck" CHECK ("content_items"."status" in ('draft','in_review','approved','published','archived')),
	CONSTRAINT "content_items_published_ck" CHECK ("content_items"."status" not in ('published','archived') or "content_items"."published_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "content_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"content_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"note" text,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "content_versions_item_version_uq" UNIQUE("content_id","version")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interpretation_links" (
	"interpretation_id" bigint PRIMARY KEY NOT NULL,
	"policy_id" bigint NOT NULL,
	"due_on" date
);
--> statement-breakpoint
CREATE TABLE "recruitment_schedules" (
	"content_id" bigint PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"ends_on" date
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wage_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "wage_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"content_id" bigint NOT NULL,
	"type" text NOT NULL,
	"tier" integer,
	"amount" numeric(10, 2) NOT NULL,
	"unit" text NOT NULL,
	"districts" text[] NOT NULL,
	"effective_from" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "content_versions" ADD CONSTRAINT "content_versions_content_id_content_items_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpretation_links" ADD CONSTRAINT "interpretation_links_interpretation_id_content_items_id_fk" FOREIGN KEY ("interpretation_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpretation_links" ADD CONSTRAINT "interpretation_links_policy_id_content_items_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."content_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_schedules" ADD CONSTRAINT "recruitment_schedules_content_id_content_items_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wage_rates" ADD CONSTRAINT "wage_rates_content_id_content_items_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_year_calendar_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."calendar_years"("year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_items_listing_idx" ON "content_items" USING btree ("kind","status","published_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "content_items_topics_idx" ON "content_items" USING gin ("topics");--> statement-breakpoint
CREATE INDEX "content_items_districts_idx" ON "content_items" USING gin ("districts");--> statement-breakpoint
CREATE INDEX "content_items_audiences_idx" ON "content_items" USING gin ("audiences");--> statement-breakpoint
CREATE INDEX "content_items_search_idx" ON "content_items" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "interpretation_links_policy_idx" ON "interpretation_links" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "wage_rates_content_idx" ON "wage_rates" USING btree ("content_id");--> statement-breakpoint
CREATE INDEX "wage_rates_districts_idx" ON "wage_rates" USING gin ("districts");