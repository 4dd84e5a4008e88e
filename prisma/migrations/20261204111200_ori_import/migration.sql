-- AlterTable
ALTER TABLE "Position" ADD COLUMN "sourceUrl" TEXT;

-- CreateTable
CREATE TABLE "OriSource" (
    "municipalityId" TEXT NOT NULL PRIMARY KEY,
    "baseUrl" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "cursor" TEXT,
    "lastRunAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "lastError" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "retryAfter" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OriSource_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposedPosition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "municipalityId" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "meetingDate" DATETIME NOT NULL,
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "partyVotes" TEXT,
    "agendaItemId" TEXT,
    "matchedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PROPOSED',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "rejectReason" TEXT,
    "positionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProposedPosition_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposedPosition_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProposedPosition_positionId_key" ON "ProposedPosition"("positionId");

-- CreateIndex
CREATE INDEX "ProposedPosition_municipalityId_status_createdAt_id_idx" ON "ProposedPosition"("municipalityId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ProposedPosition_trailId_municipalityId_status_idx" ON "ProposedPosition"("trailId", "municipalityId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ProposedPosition_source_sourceId_key" ON "ProposedPosition"("source", "sourceId");
