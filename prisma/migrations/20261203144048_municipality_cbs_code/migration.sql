-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN "cbsCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_cbsCode_key" ON "Municipality"("cbsCode");

-- The CBS gemeentecodes of the ten H10 municipalities, for databases seeded before this column
UPDATE "Municipality" SET "cbsCode" = 'GM0503' WHERE "slug" = 'delft';
UPDATE "Municipality" SET "cbsCode" = 'GM0518' WHERE "slug" = 'den-haag';
UPDATE "Municipality" SET "cbsCode" = 'GM1916' WHERE "slug" = 'leidschendam-voorburg';
UPDATE "Municipality" SET "cbsCode" = 'GM1842' WHERE "slug" = 'midden-delfland';
UPDATE "Municipality" SET "cbsCode" = 'GM1926' WHERE "slug" = 'pijnacker-nootdorp';
UPDATE "Municipality" SET "cbsCode" = 'GM0603' WHERE "slug" = 'rijswijk';
UPDATE "Municipality" SET "cbsCode" = 'GM0626' WHERE "slug" = 'voorschoten';
UPDATE "Municipality" SET "cbsCode" = 'GM0629' WHERE "slug" = 'wassenaar';
UPDATE "Municipality" SET "cbsCode" = 'GM1783' WHERE "slug" = 'westland';
UPDATE "Municipality" SET "cbsCode" = 'GM0637' WHERE "slug" = 'zoetermeer';
