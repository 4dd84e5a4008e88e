-- CreateIndex
CREATE INDEX "AgendaItem_documentRevisionId_idx" ON "AgendaItem"("documentRevisionId");

-- CreateIndex
CREATE INDEX "BoardBallot_voteId_position_idx" ON "BoardBallot"("voteId", "position");
