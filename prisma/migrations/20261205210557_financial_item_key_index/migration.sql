-- CreateIndex
CREATE INDEX "FinancialItem_keyId_idx" ON "FinancialItem"("keyId");
