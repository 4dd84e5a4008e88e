-- CreateIndex
CREATE INDEX "Position_trailId_loggedAt_id_idx" ON "Position"("trailId", "loggedAt", "id");
