-- AlterTable
ALTER TABLE "WebhookEndpoint" ALTER COLUMN "events" SET DEFAULT ARRAY[]::TEXT[],
ALTER COLUMN "networks" SET DEFAULT ARRAY[]::"Network"[];


-- Rows written before the defaults: an absent list means "none" for events and "all" for networks.
UPDATE "WebhookEndpoint" SET "events" = ARRAY[]::TEXT[] WHERE "events" IS NULL;
UPDATE "WebhookEndpoint" SET "networks" = ARRAY[]::"Network"[] WHERE "networks" IS NULL;
