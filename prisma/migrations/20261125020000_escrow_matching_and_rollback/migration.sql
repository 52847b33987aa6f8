-- AlterTable
ALTER TABLE "EscrowRequest" ADD COLUMN     "referenceSignature" TEXT;

-- AlterTable
ALTER TABLE "OnChainStateChange" ADD COLUMN     "event" TEXT NOT NULL,
ADD COLUMN     "fromEscrowOutputIndex" INTEGER,
ADD COLUMN     "fromEscrowTxHash" TEXT;

-- CreateIndex
CREATE INDEX "EscrowRequest_referenceSignature_idx" ON "EscrowRequest"("referenceSignature");

-- CreateIndex
CREATE INDEX "EscrowRequest_escrowTxHash_escrowOutputIndex_idx" ON "EscrowRequest"("escrowTxHash", "escrowOutputIndex");

