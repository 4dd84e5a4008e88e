-- CreateTable
CREATE TABLE "Publication" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "createdOn" TIMESTAMP(3) NOT NULL,
    "adoptedOn" TIMESTAMP(3),
    "signedOn" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "withdrawReason" TEXT,
    "withdrawnById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Publication_trailId_publishedAt_id_idx" ON "Publication"("trailId", "publishedAt", "id");

-- CreateIndex
CREATE INDEX "Publication_category_withdrawnAt_publishedAt_id_idx" ON "Publication"("category", "withdrawnAt", "publishedAt", "id");

-- CreateIndex
CREATE INDEX "Publication_publishedAt_dueAt_id_idx" ON "Publication"("publishedAt", "dueAt", "id");

-- CreateIndex
CREATE INDEX "Publication_withdrawnById_idx" ON "Publication"("withdrawnById");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_kind_sourceId_key" ON "Publication"("kind", "sourceId");

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_withdrawnById_fkey" FOREIGN KEY ("withdrawnById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Revisions sent before this migration were public from the day they were sent: their publications, as the send writes them now
INSERT INTO "Publication" ("id", "kind", "sourceId", "trailId", "title", "category", "createdOn", "adoptedOn", "dueAt", "publishedAt")
SELECT 'rev' || r."id", 'revision', r."id", d."trailId", d."title" || ' (revisie ' || r."number" || ')', 'c_db4862c3', r."createdAt", r."frozenAt", r."frozenAt", r."frozenAt"
FROM "DocumentRevision" r JOIN "Document" d ON d."id" = r."documentId"
WHERE r."frozenAt" IS NOT NULL;
