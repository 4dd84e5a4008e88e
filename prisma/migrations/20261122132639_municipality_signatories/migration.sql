-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN "mayorName" TEXT;
ALTER TABLE "Municipality" ADD COLUMN "secretaryName" TEXT;
