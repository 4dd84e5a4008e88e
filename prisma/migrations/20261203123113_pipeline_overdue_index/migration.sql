-- The pipeline pages the overdue deadlines by (metAt, dueAt, id) with metAt null: in index order, so
-- PostgreSQL no longer walks the (dueAt, id) index past every met deadline (issue 17)
-- DropIndex
DROP INDEX "Deadline_metAt_dueAt_idx";

-- CreateIndex
CREATE INDEX "Deadline_metAt_dueAt_id_idx" ON "Deadline"("metAt", "dueAt", "id");
