-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN "extendedFrom" DATETIME;

-- AlterTable
ALTER TABLE "Processing" ADD COLUMN "lateCounts" BOOLEAN;
