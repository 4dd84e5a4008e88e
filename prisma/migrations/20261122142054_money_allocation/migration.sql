-- CreateTable
CREATE TABLE "AllocationKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "inhabitantsYear" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AllocationKeyEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "keyId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "value" BIGINT NOT NULL,
    CONSTRAINT "AllocationKeyEntry_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "AllocationKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AllocationKeyEntry_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FinancialItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trailId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amountCents" BIGINT,
    "keyId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FinancialItem_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FinancialItem_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "AllocationKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AllocationKey_name_key" ON "AllocationKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AllocationKeyEntry_keyId_municipalityId_key" ON "AllocationKeyEntry"("keyId", "municipalityId");

-- CreateIndex
CREATE INDEX "FinancialItem_trailId_idx" ON "FinancialItem"("trailId");
