-- DropIndex
DROP INDEX "Trail_closedAt_startedAt_idx";

-- DropIndex
DROP INDEX "Trail_kind_startedAt_id_idx";

-- DropIndex
DROP INDEX "Deadline_trailId_metAt_idx";

-- CreateIndex
CREATE INDEX "Trail_closedAt_startedAt_id_kind_state_idx" ON "Trail"("closedAt", "startedAt", "id", "kind", "state");

-- CreateIndex
CREATE INDEX "Trail_kind_startedAt_id_closedAt_state_idx" ON "Trail"("kind", "startedAt", "id", "closedAt", "state");

-- CreateIndex
CREATE INDEX "Deadline_trailId_metAt_dueAt_idx" ON "Deadline"("trailId", "metAt", "dueAt");
