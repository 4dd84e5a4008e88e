-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "sharedDraftId" TEXT;

-- CreateTable
CREATE TABLE "SharedDraft" (
    "id" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "kind" "PositionKind" NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "items" TEXT,
    "authorId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "supersedesId" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SharedDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SharedDraft_supersedesId_key" ON "SharedDraft"("supersedesId");

-- CreateIndex
CREATE INDEX "SharedDraft_trailId_publishedAt_id_idx" ON "SharedDraft"("trailId", "publishedAt", "id");

-- CreateIndex
CREATE INDEX "Position_sharedDraftId_idx" ON "Position"("sharedDraftId");

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_sharedDraftId_fkey" FOREIGN KEY ("sharedDraftId") REFERENCES "SharedDraft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedDraft" ADD CONSTRAINT "SharedDraft_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedDraft" ADD CONSTRAINT "SharedDraft_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedDraft" ADD CONSTRAINT "SharedDraft_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedDraft" ADD CONSTRAINT "SharedDraft_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "SharedDraft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
