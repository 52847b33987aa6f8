-- CreateIndex
CREATE INDEX "EscrowRequest_identifierFromPurchaser_inputHash_idx" ON "EscrowRequest"("identifierFromPurchaser", "inputHash");

