-- CreateIndex
CREATE INDEX "Trail_closedAt_startedAt_idx" ON "Trail"("closedAt", "startedAt");

-- CreateIndex
CREATE INDEX "Deadline_metAt_dueAt_idx" ON "Deadline"("metAt", "dueAt");

-- CreateIndex
CREATE INDEX "Deadline_municipalityId_metAt_dueAt_idx" ON "Deadline"("municipalityId", "metAt", "dueAt");
