CREATE TABLE "subscribe_credits" (
	"subscriber_id" bigint NOT NULL,
	"template_id" text NOT NULL,
	"remaining" integer DEFAULT 0 NOT NULL,
	"long_term" boolean DEFAULT false NOT NULL,
	"rejected" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscribe_credits_uq" UNIQUE("subscriber_id","template_id"),
	CONSTRAINT "subscribe_credits_remaining_ck" CHECK ("subscribe_credits"."remaining" >= 0)
);
--> statement-breakpoint
CREATE TABLE "subscribers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subscribers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel" text NOT NULL,
	"openid" text NOT NULL,
	"following" boolean DEFAULT true NOT NULL,
	"followed_at" timestamp with time zone,
	"unfollowed_at" timestamp with time zone,
	"scene" text,
	"district" text,
	"audience" text,
	"last_seen_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscribers_channel_openid_uq" UNIQUE("channel","openid"),
	CONSTRAINT "subscribers_channel_ck" CHECK ("subscribers"."channel" in ('oa','mp'))
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subscriptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subscriber_id" bigint NOT NULL,
	"topic" text NOT NULL,
	"districts" text[] DEFAULT '{}' NOT NULL,
	"audiences" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscriptions_subscriber_topic_uq" UNIQUE("subscriber_id","topic")
);
--> statement-breakpoint
CREATE TABLE "keyword_rules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "keyword_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"keywords" text[] NOT NULL,
	"match" text NOT NULL,
	"action" text NOT NULL,
	"reply_text" text,
	"priority" integer DEFAULT 100 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qr_scans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "qr_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"openid" text NOT NULL,
	"scene" text NOT NULL,
	"kind" text NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "send_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"msg_id" text NOT NULL,
	"openid" text NOT NULL,
	"template_id" text,
	"status" text NOT NULL,
	"ok" boolean NOT NULL,
	"raw" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_halls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_halls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"district" text NOT NULL,
	"address" text NOT NULL,
	"phone" text,
	"hours" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"is_sample" boolean DEFAULT true NOT NULL,
	CONSTRAINT "service_halls_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "wechat_inbound" (
	"dedupe_key" text PRIMARY KEY NOT NULL,
	"openid" text NOT NULL,
	"msg_type" text NOT NULL,
	"event" text,
	"summary" text,
	"status" text NOT NULL,
	"reply" text,
	"delivery" text,
	"received_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wechat_tokens" (
	"app_id" text PRIMARY KEY NOT NULL,
	"access_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscribe_credits" ADD CONSTRAINT "subscribe_credits_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscriptions_topic_idx" ON "subscriptions" USING btree ("topic","subscriber_id");--> statement-breakpoint
CREATE INDEX "keyword_rules_active_idx" ON "keyword_rules" USING btree ("active","priority");--> statement-breakpoint
CREATE INDEX "qr_scans_scene_idx" ON "qr_scans" USING btree ("scene","scanned_at");--> statement-breakpoint
CREATE INDEX "send_reports_msg_idx" ON "send_reports" USING btree ("kind","msg_id");--> statement-breakpoint
CREATE INDEX "wechat_inbound_openid_idx" ON "wechat_inbound" USING btree ("openid","received_at");--> statement-breakpoint
CREATE INDEX "wechat_inbound_received_idx" ON "wechat_inbound" USING btree ("received_at");