-- An attachment belongs to exactly one of a position, a document revision (an annex) or a trail (an annex)
-- Only this table is redefined, for the nullable positionId and the CHECK of its one owner
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "positionId" TEXT,
    "documentRevisionId" TEXT,
    "trailId" TEXT,
    "title" TEXT,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_documentRevisionId_fkey" FOREIGN KEY ("documentRevisionId") REFERENCES "DocumentRevision" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_one_owner" CHECK ((("positionId" IS NOT NULL) + ("documentRevisionId" IS NOT NULL) + ("trailId" IS NOT NULL)) = 1)
);
INSERT INTO "new_Attachment" ("createdAt", "fileName", "id", "mediaType", "positionId", "sha256", "size", "uploadedBy") SELECT "createdAt", "fileName", "id", "mediaType", "positionId", "sha256", "size", "uploadedBy" FROM "Attachment";
DROP TABLE "Attachment";
ALTER TABLE "new_Attachment" RENAME TO "Attachment";
CREATE INDEX "Attachment_positionId_idx" ON "Attachment"("positionId");
CREATE INDEX "Attachment_documentRevisionId_createdAt_id_idx" ON "Attachment"("documentRevisionId", "createdAt", "id");
CREATE INDEX "Attachment_trailId_createdAt_id_idx" ON "Attachment"("trailId", "createdAt", "id");
CREATE INDEX "Attachment_sha256_idx" ON "Attachment"("sha256");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
