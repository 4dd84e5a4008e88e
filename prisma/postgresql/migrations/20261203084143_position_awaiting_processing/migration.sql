-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "awaitingProcessing" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Trail_closedAt_kind_state_id_idx" ON "Trail"("closedAt", "kind", "state", "id");

-- CreateIndex
CREATE INDEX "Position_awaitingProcessing_loggedAt_id_idx" ON "Position"("awaitingProcessing", "loggedAt", "id");

-- The positions that await processing now (AWAITING_PROCESSING in trail-summary.server.ts). The writes keep the flag
-- from here on. The kinds are KINDS_TO_PROCESS in workflows/positions.ts.
UPDATE "Position" SET "awaitingProcessing" = true
WHERE "kind" IN ('ZIENSWIJZE', 'WENSEN_EN_BEDENKINGEN', 'CONSENT_WITHHELD', 'ADOPTED_WITH_AMENDMENTS', 'AMENDMENT', 'MOTION')
  AND NOT EXISTS (SELECT 1 FROM "Position" AS "later" WHERE "later"."supersedesId" = "Position"."id")
  AND NOT EXISTS (SELECT 1 FROM "Processing" WHERE "Processing"."positionId" = "Position"."id")
  AND EXISTS (SELECT 1 FROM "Trail" WHERE "Trail"."id" = "Position"."trailId" AND "Trail"."closedAt" IS NULL);
