CREATE SEQUENCE "public"."sandbox_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "sandbox_chat_entries" (
	"seq" bigint PRIMARY KEY DEFAULT nextval('sandbox_seq') NOT NULL,
	"openid" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_client_msg_ids" (
	"openid" text NOT NULL,
	"client_msg_id" text NOT NULL,
	"msgid" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "sandbox_client_msg_ids_openid_client_msg_id_pk" PRIMARY KEY("openid","client_msg_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_followers" (
	"openid" text PRIMARY KEY NOT NULL,
	"followed_at" timestamp with time zone NOT NULL,
	"blocked" boolean DEFAULT false NOT NULL,
	"last_interaction_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_job_reports" (
	"seq" bigint PRIMARY KEY DEFAULT nextval('sandbox_seq') NOT NULL,
	"msgid" text NOT NULL,
	"openid" text NOT NULL,
	"status" text NOT NULL,
	"http_status" integer,
	"answer" text,
	"error" text,
	CONSTRAINT "sandbox_job_reports_msgid_unique" UNIQUE("msgid")
);
--> statement-breakpoint
CREATE TABLE "sandbox_menus" (
	"app_id" text PRIMARY KEY NOT NULL,
	"menu" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_messages" (
	"seq" bigint PRIMARY KEY DEFAULT nextval('sandbox_seq') NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"app_id" text NOT NULL,
	"touser" text NOT NULL,
	"msgid" text,
	"template_id" text,
	"data" jsonb NOT NULL,
	"url" text,
	"miniprogram" jsonb,
	"page" text,
	"miniprogram_state" text,
	"client_msg_id" text,
	"content" text
);
--> statement-breakpoint
CREATE TABLE "sandbox_qr_codes" (
	"seq" bigint PRIMARY KEY DEFAULT nextval('sandbox_seq') NOT NULL,
	"ticket" text NOT NULL,
	"scene" text NOT NULL,
	"permanent" boolean NOT NULL,
	"expires_at" timestamp with time zone,
	CONSTRAINT "sandbox_qr_codes_ticket_unique" UNIQUE("ticket")
);
--> statement-breakpoint
CREATE TABLE "sandbox_residents" (
	"openid" text PRIMARY KEY NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"seq" bigint DEFAULT nextval('sandbox_seq') NOT NULL,
	"last_create_time" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_subscribe_credits" (
	"openid" text NOT NULL,
	"template_id" text NOT NULL,
	"remaining" integer NOT NULL,
	CONSTRAINT "sandbox_subscribe_credits_openid_template_id_pk" PRIMARY KEY("openid","template_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked" boolean DEFAULT false NOT NULL,
	"issued_seq" bigint DEFAULT nextval('sandbox_seq') NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wechat_tokens" ALTER COLUMN "access_token" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "wechat_tokens" ALTER COLUMN "expires_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "wechat_tokens" ALTER COLUMN "fetched_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "wechat_inbound" ADD COLUMN "signature_key" text;--> statement-breakpoint
ALTER TABLE "wechat_inbound" ADD COLUMN "body_hash" text;--> statement-breakpoint
ALTER TABLE "wechat_tokens" ADD COLUMN "refresh_owner" text;--> statement-breakpoint
ALTER TABLE "wechat_tokens" ADD COLUMN "refresh_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sandbox_chat_entries_openid_idx" ON "sandbox_chat_entries" USING btree ("openid","seq");--> statement-breakpoint
CREATE INDEX "sandbox_messages_touser_idx" ON "sandbox_messages" USING btree ("touser","seq");--> statement-breakpoint
CREATE INDEX "sandbox_tokens_app_idx" ON "sandbox_tokens" USING btree ("app_id","issued_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_inbound_signature_key_idx" ON "wechat_inbound" USING btree ("signature_key") WHERE "wechat_inbound"."signature_key" is not null;