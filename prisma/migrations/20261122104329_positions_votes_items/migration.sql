-- AlterTable
ALTER TABLE "Position" ADD COLUMN "partyVotes" TEXT;
ALTER TABLE "Position" ADD COLUMN "workflowEvent" TEXT;

-- CreateTable
CREATE TABLE "PositionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "positionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "adopted" BOOLEAN NOT NULL,
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "votesAbstained" INTEGER,
    "decisionPoint" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PositionItem_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PositionItem_positionId_idx" ON "PositionItem"("positionId");
