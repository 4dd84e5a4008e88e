-- DropIndex
DROP INDEX "TrailParticipant_municipalityId_idx";

-- DropIndex
DROP INDEX "Deadline_municipalityId_dueAt_idx";

-- AlterTable
ALTER TABLE "Trail" ADD COLUMN     "progressDone" INTEGER,
ADD COLUMN     "progressLabel" TEXT,
ADD COLUMN     "progressTotal" INTEGER,
ADD COLUMN     "summaryVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "TrailParticipant" ADD COLUMN     "awaiting" TEXT,
ADD COLUMN     "inboxDueAt" TIMESTAMP(3),
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'awaiting',
ADD COLUMN     "statusOn" TIMESTAMP(3),
ADD COLUMN     "withheldGround" TEXT,
ADD COLUMN     "withheldReason" TEXT;

-- CreateIndex
CREATE INDEX "Trail_summaryVersion_idx" ON "Trail"("summaryVersion");

-- CreateIndex
CREATE INDEX "TrailParticipant_municipalityId_inboxDueAt_trailId_idx" ON "TrailParticipant"("municipalityId", "inboxDueAt", "trailId");
