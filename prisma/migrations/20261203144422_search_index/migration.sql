-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "trailId" TEXT,
    "municipalityId" TEXT,
    "year" INTEGER NOT NULL,
    "day" TEXT,
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SearchEntry_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SearchEntry_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchTerm" (
    "stem" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,

    PRIMARY KEY ("stem", "entryId"),
    CONSTRAINT "SearchTerm_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "SearchEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SearchEntry_trailId_idx" ON "SearchEntry"("trailId");

-- CreateIndex
CREATE INDEX "SearchEntry_municipalityId_idx" ON "SearchEntry"("municipalityId");

-- CreateIndex
CREATE INDEX "SearchEntry_year_idx" ON "SearchEntry"("year");

-- CreateIndex
CREATE UNIQUE INDEX "SearchEntry_kind_sourceId_key" ON "SearchEntry"("kind", "sourceId");

-- CreateIndex
CREATE INDEX "SearchTerm_entryId_idx" ON "SearchTerm"("entryId");
