-- The budget year of a budget cycle and whether it is an amendment, beside its snapshot, found by an index.
-- Existing rows are filled at start: SUMMARY_VERSION 2 makes refreshStaleSummaries rewrite every summary.
-- AlterTable
ALTER TABLE "Trail" ADD COLUMN "budgetAmendment" BOOLEAN;
ALTER TABLE "Trail" ADD COLUMN "budgetYear" INTEGER;

-- CreateIndex
CREATE INDEX "Trail_kind_budgetAmendment_budgetYear_startedAt_idx" ON "Trail"("kind", "budgetAmendment", "budgetYear", "startedAt");
