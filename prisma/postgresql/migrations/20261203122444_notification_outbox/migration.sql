-- The e-mail outbox of notifications: when to send, failed attempts, and the claim of the sending instance.
-- Existing rows get no mailAfter, so a backlog from before is not sent.
-- DropIndex
DROP INDEX "Notification_emailedAt_idx";

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "mailAfter" TIMESTAMP(3),
ADD COLUMN     "mailAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "mailClaim" TEXT,
ADD COLUMN     "mailClaimedUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Notification_mailAfter_idx" ON "Notification"("mailAfter");
