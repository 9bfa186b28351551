CREATE TABLE "wechat_answer_texts" (
	"hash" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"stored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wechat_inbound" ADD COLUMN "answer_hash" text;--> statement-breakpoint
-- Recorded replies were whole reply XMLs (or 'success'): keep their Content as a shared answer text.
CREATE TEMPORARY TABLE "answer_texts_from_replies" AS
	SELECT "dedupe_key", replace(substring("reply" FROM '<Content><!\[CDATA\[(.*)\]\]></Content>'), ']]]]><![CDATA[>', ']]>') AS "text"
	FROM "wechat_inbound" WHERE "reply" LIKE '<xml>%';--> statement-breakpoint
DELETE FROM "answer_texts_from_replies" WHERE "text" IS NULL;--> statement-breakpoint
ALTER TABLE "answer_texts_from_replies" ADD COLUMN "hash" text;--> statement-breakpoint
UPDATE "answer_texts_from_replies" SET "hash" = rtrim(translate(encode(sha256(convert_to("text", 'UTF8')), 'base64'), E'+/\n', '-_'), '=');--> statement-breakpoint
INSERT INTO "wechat_answer_texts" ("hash", "text", "stored_at")
	SELECT DISTINCT ON ("hash") "hash", "text", now() FROM "answer_texts_from_replies" ON CONFLICT ("hash") DO NOTHING;--> statement-breakpoint
UPDATE "wechat_inbound" i SET "answer_hash" = a."hash" FROM "answer_texts_from_replies" a WHERE a."dedupe_key" = i."dedupe_key";--> statement-breakpoint
DROP TABLE "answer_texts_from_replies";--> statement-breakpoint
ALTER TABLE "wechat_inbound" DROP COLUMN "reply";
