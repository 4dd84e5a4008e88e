-- AlterTable
ALTER TABLE "Processing" ADD COLUMN     "lateCounts" BOOLEAN;

-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN     "extendedFrom" TIMESTAMP(3);
