-- The e-mail outbox of notifications: when to send, failed attempts, and the claim of the sending instance.
-- Existing rows get no mailAfter, so a backlog from before is not sent.
-- Columns added in place (no copy of the table, most of the database at scale).
ALTER TABLE "Notification" ADD COLUMN "mailAfter" DATETIME;
ALTER TABLE "Notification" ADD COLUMN "mailAttempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Notification" ADD COLUMN "mailClaim" TEXT;
ALTER TABLE "Notification" ADD COLUMN "mailClaimedUntil" DATETIME;

-- DropIndex
DROP INDEX "Notification_emailedAt_idx";

-- CreateIndex
CREATE INDEX "Notification_mailAfter_idx" ON "Notification"("mailAfter");
