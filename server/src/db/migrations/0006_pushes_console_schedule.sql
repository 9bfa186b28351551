CREATE TABLE "editor_wechat_bind_failures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "editor_wechat_bind_failures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"openid" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "editor_wechat_links" (
	"editor_id" bigint PRIMARY KEY NOT NULL,
	"openid" text,
	"linked_at" timestamp with time zone,
	"code" text,
	"code_expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "template_message_templates" (
	"template_id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"topics" text[] DEFAULT '{}' NOT NULL,
	"keywords" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "menu_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "menu_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"menu" jsonb NOT NULL,
	"note" text,
	"created_by" bigint,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"published_by_name" text
);
--> statement-breakpoint
ALTER TABLE "content_items" ADD COLUMN "publish_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "content_items" ADD COLUMN "unpublish_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscribe_templates" ADD COLUMN "topics" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscribe_templates" ADD COLUMN "keywords" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "unionid_lookup_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sandbox_residents" ADD COLUMN "unionid" text;--> statement-breakpoint
ALTER TABLE "pushes" ADD COLUMN "origin" text;--> statement-breakpoint
ALTER TABLE "editor_wechat_links" ADD CONSTRAINT "editor_wechat_links_editor_id_editors_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."editors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "menu_versions" ADD CONSTRAINT "menu_versions_created_by_editors_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."editors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "editor_wechat_bind_failures_openid_idx" ON "editor_wechat_bind_failures" USING btree ("openid","at");--> statement-breakpoint
CREATE UNIQUE INDEX "editor_wechat_links_code_uq" ON "editor_wechat_links" USING btree ("code");--> statement-breakpoint
CREATE INDEX "menu_versions_published_idx" ON "menu_versions" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "content_items_publish_at_idx" ON "content_items" USING btree ("publish_at") WHERE "content_items"."publish_at" is not null;--> statement-breakpoint
CREATE INDEX "content_items_unpublish_at_idx" ON "content_items" USING btree ("unpublish_at") WHERE "content_items"."unpublish_at" is not null;--> statement-breakpoint
CREATE INDEX "subscribers_unionid_lookup_idx" ON "subscribers" USING btree ("unionid_lookup_at") WHERE "subscribers"."channel" = 'oa' and "subscribers"."unionid" is null;--> statement-breakpoint
CREATE INDEX "push_deliveries_subscriber_idx" ON "push_deliveries" USING btree ("subscriber_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pushes_auto_origin_uq" ON "pushes" USING btree ("content_id","origin") WHERE "pushes"."origin" is not null;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_schedule_ck" CHECK ("content_items"."publish_at" is null or "content_items"."unpublish_at" is null or "content_items"."unpublish_at" > "content_items"."publish_at");--> statement-breakpoint
ALTER TABLE "pushes" ADD CONSTRAINT "pushes_origin_ck" CHECK ("pushes"."origin" is null or "pushes"."origin" in ('registration_deadline','new_publication'));