-- CreateIndex
CREATE INDEX "Trail_startedAt_id_idx" ON "Trail"("startedAt", "id");

-- CreateIndex
CREATE INDEX "Trail_kind_startedAt_id_idx" ON "Trail"("kind", "startedAt", "id");

-- CreateIndex
CREATE INDEX "Deadline_dueAt_id_idx" ON "Deadline"("dueAt", "id");

-- CreateIndex
CREATE INDEX "Deadline_municipalityId_dueAt_id_idx" ON "Deadline"("municipalityId", "dueAt", "id");
