-- An attachment belongs to exactly one of a position, a document revision (an annex) or a trail (an annex)
-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "documentRevisionId" TEXT,
ADD COLUMN     "internal" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "title" TEXT,
ADD COLUMN     "trailId" TEXT,
ALTER COLUMN "positionId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Attachment_documentRevisionId_createdAt_id_idx" ON "Attachment"("documentRevisionId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Attachment_trailId_createdAt_id_idx" ON "Attachment"("trailId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_documentRevisionId_fkey" FOREIGN KEY ("documentRevisionId") REFERENCES "DocumentRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddCheckConstraint
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_one_owner" CHECK (num_nonnulls("positionId", "documentRevisionId", "trailId") = 1);
