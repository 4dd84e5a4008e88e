-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('PLANNED', 'HELD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AgendaItemStatus" AS ENUM ('PROPOSED', 'ACCEPTED');

-- AlterTable
ALTER TABLE "CouncilMeeting" ADD COLUMN     "location" TEXT,
ADD COLUMN     "status" "MeetingStatus" NOT NULL DEFAULT 'PLANNED';

-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "agendaItemId" TEXT;

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "documentRevisionId" TEXT,
    "status" "AgendaItemStatus" NOT NULL DEFAULT 'PROPOSED',
    "proposedById" TEXT NOT NULL,
    "handledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AgendaItem_trailId_idx" ON "AgendaItem"("trailId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_meetingId_number_key" ON "AgendaItem"("meetingId", "number");

-- CreateIndex
CREATE INDEX "Position_agendaItemId_idx" ON "Position"("agendaItemId");

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CouncilMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_documentRevisionId_fkey" FOREIGN KEY ("documentRevisionId") REFERENCES "DocumentRevision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The meetings list of all councils and of one, by date and paged by (date, id).
DROP INDEX "CouncilMeeting_date_idx";
CREATE INDEX "CouncilMeeting_date_id_idx" ON "CouncilMeeting"("date", "id");
CREATE INDEX "CouncilMeeting_municipalityId_date_id_idx" ON "CouncilMeeting"("municipalityId", "date", "id");
