-- Repeated deliveries of one report, stored before reports became unique, are kept once (the first).
DELETE FROM "send_reports" a USING "send_reports" b WHERE a."kind" = b."kind" AND a."msg_id" = b."msg_id" AND a."id" > b."id";--> statement-breakpoint
DROP INDEX "send_reports_msg_idx";--> statement-breakpoint
DROP INDEX "push_deliveries_work_idx";--> statement-breakpoint
DROP INDEX "push_deliveries_msgid_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "send_reports_msg_uq" ON "send_reports" USING btree ("kind","msg_id");--> statement-breakpoint
CREATE INDEX "push_deliveries_work_idx" ON "push_deliveries" USING btree ("push_id","status","id") WHERE "push_deliveries"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "push_deliveries_msgid_idx" ON "push_deliveries" USING btree ("msgid") WHERE "push_deliveries"."msgid" is not null;