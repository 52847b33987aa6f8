-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "description" TEXT,
ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "failingSince" TIMESTAMP(3),
ADD COLUMN     "lastFailureAt" TIMESTAMP(3),
ADD COLUMN     "lastSuccessAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "eventId" TEXT NOT NULL,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "lastResponse" TEXT,
ADD COLUMN     "network" "Network",
ADD COLUMN     "redeliveryOfId" TEXT,
ADD COLUMN     "requestId" TEXT;

-- CreateIndex
CREATE INDEX "WebhookEndpoint_createdById_createdAt_id_idx" ON "WebhookEndpoint"("createdById", "createdAt", "id");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_enabled_deletedAt_idx" ON "WebhookEndpoint"("enabled", "deletedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_createdAt_id_idx" ON "WebhookDelivery"("createdAt", "id");

