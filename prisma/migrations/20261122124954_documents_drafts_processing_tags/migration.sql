-- AlterTable
ALTER TABLE "Processing" ADD COLUMN "decisionPoint" TEXT;
ALTER TABLE "Processing" ADD COLUMN "theme" TEXT;

-- CreateTable
CREATE TABLE "DocumentDraft" (
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "baseRevision" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "savedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("documentId", "userId"),
    CONSTRAINT "DocumentDraft_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DocumentDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
