-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Position" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trailId" TEXT NOT NULL,
    "bodyId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "meetingDate" DATETIME,
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "votesAbstained" INTEGER,
    "legalGround" TEXT,
    "decisionReference" TEXT,
    "partyVotes" TEXT,
    "workflowEvent" TEXT,
    "documentRevisionId" TEXT,
    "supersedesId" TEXT,
    "correctionReason" TEXT,
    "loggedById" TEXT NOT NULL,
    "loggedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "awaitingProcessing" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Position_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Position_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "Body" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Position_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Position_documentRevisionId_fkey" FOREIGN KEY ("documentRevisionId") REFERENCES "DocumentRevision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Position_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Position" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Position_loggedById_fkey" FOREIGN KEY ("loggedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Position" ("bodyId", "correctionReason", "decisionReference", "documentRevisionId", "id", "kind", "legalGround", "loggedAt", "loggedById", "meetingDate", "municipalityId", "partyVotes", "supersedesId", "text", "trailId", "votesAbstained", "votesAgainst", "votesFor", "workflowEvent") SELECT "bodyId", "correctionReason", "decisionReference", "documentRevisionId", "id", "kind", "legalGround", "loggedAt", "loggedById", "meetingDate", "municipalityId", "partyVotes", "supersedesId", "text", "trailId", "votesAbstained", "votesAgainst", "votesFor", "workflowEvent" FROM "Position";
DROP TABLE "Position";
ALTER TABLE "new_Position" RENAME TO "Position";
CREATE UNIQUE INDEX "Position_supersedesId_key" ON "Position"("supersedesId");
CREATE INDEX "Position_trailId_idx" ON "Position"("trailId");
CREATE INDEX "Position_municipalityId_idx" ON "Position"("municipalityId");
CREATE INDEX "Position_trailId_loggedAt_id_idx" ON "Position"("trailId", "loggedAt", "id");
CREATE INDEX "Position_awaitingProcessing_loggedAt_id_idx" ON "Position"("awaitingProcessing", "loggedAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Trail_closedAt_kind_state_id_idx" ON "Trail"("closedAt", "kind", "state", "id");

-- The positions that await processing now (AWAITING_PROCESSING in trail-summary.server.ts). The writes keep the flag
-- from here on. The kinds are KINDS_TO_PROCESS in workflows/positions.ts.
UPDATE "Position" SET "awaitingProcessing" = true
WHERE "kind" IN ('ZIENSWIJZE', 'WENSEN_EN_BEDENKINGEN', 'CONSENT_WITHHELD', 'ADOPTED_WITH_AMENDMENTS', 'AMENDMENT', 'MOTION')
  AND NOT EXISTS (SELECT 1 FROM "Position" AS "later" WHERE "later"."supersedesId" = "Position"."id")
  AND NOT EXISTS (SELECT 1 FROM "Processing" WHERE "Processing"."positionId" = "Position"."id")
  AND EXISTS (SELECT 1 FROM "Trail" WHERE "Trail"."id" = "Position"."trailId" AND "Trail"."closedAt" IS NULL);
