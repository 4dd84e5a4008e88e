-- The unanswered zienswijzen of one council counted from the index alone (the dashboard alarm), not by reading
-- every unanswered position of the region to check its council. The new index leads with the council, so it also
-- serves every lookup the index on the council alone served, which goes.

-- DropIndex
DROP INDEX "Position_municipalityId_idx";

-- CreateIndex
CREATE INDEX "Position_municipalityId_awaitingAnswer_idx" ON "Position"("municipalityId", "awaitingAnswer");
