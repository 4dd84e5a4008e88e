-- Meetings get a status and a location, and agenda items (the VNG ODS Vergadering and Agendapunt).
-- Written by hand as ADD COLUMN statements: Prisma would copy the Position table to add one column.

-- AlterTable
ALTER TABLE "CouncilMeeting" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'PLANNED';
ALTER TABLE "CouncilMeeting" ADD COLUMN "location" TEXT;

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "documentRevisionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PROPOSED',
    "proposedById" TEXT NOT NULL,
    "handledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CouncilMeeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgendaItem_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgendaItem_documentRevisionId_fkey" FOREIGN KEY ("documentRevisionId") REFERENCES "DocumentRevision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgendaItem_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "Position" ADD COLUMN "agendaItemId" TEXT REFERENCES "AgendaItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "AgendaItem_trailId_idx" ON "AgendaItem"("trailId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_meetingId_number_key" ON "AgendaItem"("meetingId", "number");

-- CreateIndex
CREATE INDEX "Position_agendaItemId_idx" ON "Position"("agendaItemId");

-- The meetings list of all councils and of one, by date and paged by (date, id).
DROP INDEX "CouncilMeeting_date_idx";
CREATE INDEX "CouncilMeeting_date_id_idx" ON "CouncilMeeting"("date", "id");
CREATE INDEX "CouncilMeeting_municipalityId_date_id_idx" ON "CouncilMeeting"("municipalityId", "date", "id");
