-- CreateTable
CREATE TABLE "CouncilMeeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "municipalityId" TEXT NOT NULL,
    "bodyKind" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CouncilMeeting_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CouncilMeeting_date_idx" ON "CouncilMeeting"("date");

-- CreateIndex
CREATE UNIQUE INDEX "CouncilMeeting_municipalityId_bodyKind_date_key" ON "CouncilMeeting"("municipalityId", "bodyKind", "date");
