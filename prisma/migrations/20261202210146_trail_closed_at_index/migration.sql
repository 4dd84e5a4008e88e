-- CreateIndex
CREATE INDEX "Trail_closedAt_idx" ON "Trail"("closedAt");
