-- The budget year of a budget cycle and whether it is an amendment, beside its snapshot, found by an index.
-- Existing cycles are filled here from their stored context, and again at start: SUMMARY_VERSION 2 makes
-- refreshStaleSummaries rewrite every summary from the upgraded snapshot.
-- AlterTable
ALTER TABLE "Trail" ADD COLUMN "budgetAmendment" BOOLEAN;
ALTER TABLE "Trail" ADD COLUMN "budgetYear" INTEGER;

-- CreateIndex
CREATE INDEX "Trail_kind_budgetAmendment_budgetYear_startedAt_idx" ON "Trail"("kind", "budgetAmendment", "budgetYear", "startedAt");

-- FillColumns
UPDATE "Trail" SET
  "budgetYear" = json_extract("snapshot", '$.context.budgetYear'),
  "budgetAmendment" = json_extract("snapshot", '$.context.amendment')
WHERE "kind" = 'BUDGET_CYCLE' AND json_extract("snapshot", '$.context.budgetYear') IS NOT NULL;
