-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('PROPOSED', 'CONFIRMED', 'REJECTED');

-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "sourceUrl" TEXT;

-- CreateTable
CREATE TABLE "OriSource" (
    "municipalityId" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "cursor" TEXT,
    "lastRunAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "retryAfter" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OriSource_pkey" PRIMARY KEY ("municipalityId")
);

-- CreateTable
CREATE TABLE "ProposedPosition" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "kind" "PositionKind" NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "meetingDate" TIMESTAMP(3) NOT NULL,
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "partyVotes" TEXT,
    "agendaItemId" TEXT,
    "matchedBy" TEXT NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'PROPOSED',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "rejectReason" TEXT,
    "positionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposedPosition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProposedPosition_positionId_key" ON "ProposedPosition"("positionId");

-- CreateIndex
CREATE INDEX "ProposedPosition_municipalityId_status_createdAt_id_idx" ON "ProposedPosition"("municipalityId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ProposedPosition_trailId_municipalityId_status_idx" ON "ProposedPosition"("trailId", "municipalityId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ProposedPosition_source_sourceId_key" ON "ProposedPosition"("source", "sourceId");

-- AddForeignKey
ALTER TABLE "OriSource" ADD CONSTRAINT "OriSource_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposedPosition" ADD CONSTRAINT "ProposedPosition_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposedPosition" ADD CONSTRAINT "ProposedPosition_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;
