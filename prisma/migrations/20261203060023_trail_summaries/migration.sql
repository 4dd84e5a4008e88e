-- DropIndex
DROP INDEX "Deadline_municipalityId_dueAt_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Trail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL,
    "snapshot" TEXT,
    "machineVersion" INTEGER NOT NULL DEFAULT 1,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "progressLabel" TEXT,
    "progressDone" INTEGER,
    "progressTotal" INTEGER,
    "summaryVersion" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Trail_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Trail" ("closedAt", "createdAt", "createdById", "id", "kind", "machineVersion", "reference", "revision", "snapshot", "startedAt", "state", "summary", "title", "updatedAt") SELECT "closedAt", "createdAt", "createdById", "id", "kind", "machineVersion", "reference", "revision", "snapshot", "startedAt", "state", "summary", "title", "updatedAt" FROM "Trail";
DROP TABLE "Trail";
ALTER TABLE "new_Trail" RENAME TO "Trail";
CREATE UNIQUE INDEX "Trail_reference_key" ON "Trail"("reference");
CREATE INDEX "Trail_kind_state_idx" ON "Trail"("kind", "state");
CREATE INDEX "Trail_closedAt_idx" ON "Trail"("closedAt");
CREATE INDEX "Trail_closedAt_startedAt_idx" ON "Trail"("closedAt", "startedAt");
CREATE INDEX "Trail_startedAt_id_idx" ON "Trail"("startedAt", "id");
CREATE INDEX "Trail_kind_startedAt_id_idx" ON "Trail"("kind", "startedAt", "id");
CREATE INDEX "Trail_summaryVersion_idx" ON "Trail"("summaryVersion");
CREATE TABLE "new_TrailParticipant" (
    "trailId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "receivedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'awaiting',
    "statusOn" DATETIME,
    "withheldGround" TEXT,
    "withheldReason" TEXT,
    "awaiting" TEXT,
    "inboxDueAt" DATETIME,

    PRIMARY KEY ("trailId", "municipalityId"),
    CONSTRAINT "TrailParticipant_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrailParticipant_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_TrailParticipant" ("municipalityId", "receivedAt", "trailId") SELECT "municipalityId", "receivedAt", "trailId" FROM "TrailParticipant";
DROP TABLE "TrailParticipant";
ALTER TABLE "new_TrailParticipant" RENAME TO "TrailParticipant";
CREATE INDEX "TrailParticipant_municipalityId_inboxDueAt_trailId_idx" ON "TrailParticipant"("municipalityId", "inboxDueAt", "trailId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
