-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "awaitingAnswer" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ZienswijzeAnswer" (
    "id" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "answeredOn" TIMESTAMP(3) NOT NULL,
    "answeredById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZienswijzeAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ZienswijzeAnswer_positionId_key" ON "ZienswijzeAnswer"("positionId");

-- CreateIndex
CREATE INDEX "ZienswijzeAnswer_trailId_idx" ON "ZienswijzeAnswer"("trailId");

-- CreateIndex
CREATE INDEX "ZienswijzeAnswer_municipalityId_answeredOn_id_idx" ON "ZienswijzeAnswer"("municipalityId", "answeredOn", "id");

-- CreateIndex
CREATE INDEX "Position_awaitingAnswer_loggedAt_id_idx" ON "Position"("awaitingAnswer", "loggedAt", "id");

-- AddForeignKey
ALTER TABLE "ZienswijzeAnswer" ADD CONSTRAINT "ZienswijzeAnswer_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZienswijzeAnswer" ADD CONSTRAINT "ZienswijzeAnswer_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZienswijzeAnswer" ADD CONSTRAINT "ZienswijzeAnswer_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZienswijzeAnswer" ADD CONSTRAINT "ZienswijzeAnswer_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Zienswijzen logged before: a council zienswijze on an open budget cycle or amendment of the arrangement, not
-- superseded by a correction, awaits the answer of the board (workflows, answersRequiredBefore).
UPDATE "Position" SET "awaitingAnswer" = true
WHERE "kind" = 'ZIENSWIJZE'
  AND "municipalityId" IS NOT NULL
  AND "bodyId" IN (SELECT "id" FROM "Body" WHERE "kind" = 'COUNCIL')
  AND "trailId" IN (SELECT "id" FROM "Trail" WHERE "closedAt" IS NULL AND "kind" IN ('BUDGET_CYCLE', 'GR_AMENDMENT'))
  AND NOT EXISTS (SELECT 1 FROM "Position" c WHERE c."supersedesId" = "Position"."id")
  AND NOT EXISTS (SELECT 1 FROM "ZienswijzeAnswer" a WHERE a."positionId" = "Position"."id");
