-- SearchTerm carries its entry kind, year and day and its trail open or closed state, so that a word entries of
-- one kind are read newest first along an index and a page of results stops after its rows. Columns are added,
-- not the table rebuilt.
ALTER TABLE "SearchTerm" ADD COLUMN "kind" TEXT NOT NULL DEFAULT '';
ALTER TABLE "SearchTerm" ADD COLUMN "year" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SearchTerm" ADD COLUMN "day" TEXT NOT NULL DEFAULT '';
ALTER TABLE "SearchTerm" ADD COLUMN "trailState" TEXT NOT NULL DEFAULT '';

-- Rows written before: copied from their entry and its trail.
UPDATE "SearchTerm" SET "kind" = e."kind", "year" = e."year", "day" = COALESCE(e."day", ''),
  "trailState" = CASE WHEN t."id" IS NULL THEN '' WHEN t."closedAt" IS NULL THEN 'open' ELSE 'closed' END
FROM "SearchEntry" e LEFT JOIN "Trail" t ON t."id" = e."trailId"
WHERE e."id" = "SearchTerm"."entryId";

-- CreateIndex
CREATE INDEX "SearchTerm_stem_kind_year_day_entryId_idx" ON "SearchTerm"("stem", "kind", "year", "day", "entryId");
CREATE INDEX "SearchTerm_stem_kind_trailState_year_day_entryId_idx" ON "SearchTerm"("stem", "kind", "trailState", "year", "day", "entryId");
