-- CreateIndex
CREATE INDEX "AgendaItem_createdAt_id_idx" ON "AgendaItem"("createdAt", "id");

-- CreateIndex
CREATE INDEX "BoardVote_heldOn_id_idx" ON "BoardVote"("heldOn", "id");

-- CreateIndex
CREATE INDEX "DocumentRevision_frozenAt_id_idx" ON "DocumentRevision"("frozenAt", "id");

-- CreateIndex
CREATE INDEX "Position_meetingDate_municipalityId_id_idx" ON "Position"("meetingDate", "municipalityId", "id");

-- CreateIndex
CREATE INDEX "PositionItem_createdAt_id_idx" ON "PositionItem"("createdAt", "id");

-- CreateIndex
CREATE INDEX "ZienswijzeAnswer_answeredOn_id_idx" ON "ZienswijzeAnswer"("answeredOn", "id");
