-- CreateTable
CREATE TABLE "SharedDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trailId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "items" TEXT,
    "authorId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "supersedesId" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SharedDraft_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SharedDraft_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SharedDraft_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SharedDraft_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "SharedDraft" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable (by hand instead of redefining Position, so that parallel branches adding columns do not collide)
ALTER TABLE "Position" ADD COLUMN "sharedDraftId" TEXT REFERENCES "SharedDraft" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Position_sharedDraftId_idx" ON "Position"("sharedDraftId");

-- CreateIndex
CREATE UNIQUE INDEX "SharedDraft_supersedesId_key" ON "SharedDraft"("supersedesId");

-- CreateIndex
CREATE INDEX "SharedDraft_trailId_publishedAt_id_idx" ON "SharedDraft"("trailId", "publishedAt", "id");
