-- DropIndex
DROP INDEX "Deadline_trailId_idx";

-- CreateIndex
CREATE INDEX "Deadline_trailId_metAt_idx" ON "Deadline"("trailId", "metAt");
