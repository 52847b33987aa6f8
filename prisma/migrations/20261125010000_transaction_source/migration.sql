-- AlterTable
ALTER TABLE "ChainTransaction" ADD COLUMN     "fee" BIGINT,
ADD COLUMN     "paymentSourceId" TEXT;

-- AddForeignKey
ALTER TABLE "ChainTransaction" ADD CONSTRAINT "ChainTransaction_paymentSourceId_fkey" FOREIGN KEY ("paymentSourceId") REFERENCES "PaymentSource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

