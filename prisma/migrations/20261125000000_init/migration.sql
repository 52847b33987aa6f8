-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Network" AS ENUM ('Preprod', 'Mainnet');

-- CreateEnum
CREATE TYPE "Permission" AS ENUM ('Read', 'ReadAndPay', 'Admin');

-- CreateEnum
CREATE TYPE "ApiKeyStatus" AS ENUM ('Active', 'Revoked');

-- CreateEnum
CREATE TYPE "ChainKind" AS ENUM ('Devnet', 'Blockfrost');

-- CreateEnum
CREATE TYPE "WalletType" AS ENUM ('Selling', 'Purchasing');

-- CreateEnum
CREATE TYPE "TransactionStatus" AS ENUM ('Pending', 'Confirmed', 'Failed', 'RolledBack');

-- CreateEnum
CREATE TYPE "EscrowRole" AS ENUM ('Seller', 'Buyer');

-- CreateEnum
CREATE TYPE "OnChainState" AS ENUM ('FundsLocked', 'FundsOrDatumInvalid', 'ResultSubmitted', 'RefundRequested', 'Disputed', 'Withdrawn', 'RefundWithdrawn', 'DisputedWithdrawn');

-- CreateEnum
CREATE TYPE "RequestedAction" AS ENUM ('None', 'Ignore', 'WaitingForManualAction', 'WaitingForExternalAction', 'FundsLockingRequested', 'FundsLockingInitiated', 'SetRefundRequestedRequested', 'SetRefundRequestedInitiated', 'UnSetRefundRequestedRequested', 'UnSetRefundRequestedInitiated', 'WithdrawRefundRequested', 'WithdrawRefundInitiated', 'SubmitResultRequested', 'SubmitResultInitiated', 'WithdrawRequested', 'WithdrawInitiated', 'AuthorizeRefundRequested', 'AuthorizeRefundInitiated');

-- CreateEnum
CREATE TYPE "AmountKind" AS ENUM ('Price', 'WithdrawnForSeller', 'WithdrawnForBuyer', 'WithdrawnForFee');

-- CreateEnum
CREATE TYPE "RegistrationState" AS ENUM ('RegistrationRequested', 'RegistrationInitiated', 'RegistrationConfirmed', 'RegistrationFailed', 'DeregistrationRequested', 'DeregistrationInitiated', 'DeregistrationConfirmed', 'DeregistrationFailed');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('Pending', 'Succeeded', 'Failed');

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenHint" TEXT NOT NULL,
    "permission" "Permission" NOT NULL,
    "status" "ApiKeyStatus" NOT NULL DEFAULT 'Active',
    "networkLimit" "Network"[],
    "usageLimited" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" TIMESTAMP(3),
    "createdById" TEXT,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageCredit" (
    "id" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "UsageCredit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentSource" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "network" "Network" NOT NULL,
    "chain" "ChainKind" NOT NULL,
    "smartContractAddress" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "scriptHash" TEXT NOT NULL,
    "feeRatePermille" INTEGER NOT NULL,
    "cooldownTime" BIGINT NOT NULL,
    "requiredAdminSignatures" INTEGER NOT NULL DEFAULT 2,
    "adminAddresses" TEXT[],
    "feeReceiverAddress" TEXT NOT NULL,
    "encryptedProviderConfig" TEXT NOT NULL,
    "syncedBlockHeight" INTEGER,
    "syncedAt" BIGINT,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "PaymentSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HotWallet" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "paymentSourceId" TEXT NOT NULL,
    "type" "WalletType" NOT NULL,
    "walletVkey" TEXT NOT NULL,
    "walletAddress" TEXT NOT NULL,
    "encryptedMnemonic" TEXT NOT NULL,
    "collectionAddress" TEXT,
    "note" TEXT,
    "lockedAt" TIMESTAMP(3),
    "lockedBy" TEXT,
    "pendingTransactionId" TEXT,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "HotWallet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainTransaction" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "txHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "TransactionStatus" NOT NULL DEFAULT 'Pending',
    "walletId" TEXT,
    "validUntil" BIGINT NOT NULL,
    "signedCbor" TEXT,
    "submittedAt" TIMESTAMP(3),
    "blockHeight" INTEGER,
    "confirmations" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "ChainTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscrowRequest" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "role" "EscrowRole" NOT NULL,
    "paymentSourceId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "walletId" TEXT,
    "counterpartyVkey" TEXT,
    "counterpartyAddress" TEXT,
    "blockchainIdentifier" TEXT NOT NULL,
    "agentIdentifier" TEXT NOT NULL,
    "identifierFromPurchaser" TEXT NOT NULL,
    "sellerNonce" TEXT NOT NULL,
    "inputHash" TEXT NOT NULL,
    "resultHash" TEXT,
    "payByTime" BIGINT NOT NULL,
    "submitResultTime" BIGINT NOT NULL,
    "unlockTime" BIGINT NOT NULL,
    "externalDisputeUnlockTime" BIGINT NOT NULL,
    "collateralReturnLovelace" BIGINT,
    "cooldownTime" BIGINT NOT NULL DEFAULT 0,
    "cooldownTimeOtherParty" BIGINT NOT NULL DEFAULT 0,
    "metadata" TEXT,
    "onChainState" "OnChainState",
    "escrowTxHash" TEXT,
    "escrowOutputIndex" INTEGER,
    "lastCheckedAt" BIGINT,
    "currentActionId" TEXT,
    "currentTransactionId" TEXT,

    CONSTRAINT "EscrowRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscrowAction" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT NOT NULL,
    "requestedAction" "RequestedAction" NOT NULL,
    "errorType" TEXT,
    "errorNote" TEXT,
    "resultHash" TEXT,

    CONSTRAINT "EscrowAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscrowAmount" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "kind" "AmountKind" NOT NULL,
    "unit" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "EscrowAmount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnChainStateChange" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT NOT NULL,
    "txHash" TEXT NOT NULL,
    "blockHeight" INTEGER NOT NULL,
    "fromState" "OnChainState",
    "toState" "OnChainState" NOT NULL,
    "revertedAt" TIMESTAMP(3),

    CONSTRAINT "OnChainStateChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ObservedTransaction" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paymentSourceId" TEXT NOT NULL,
    "txHash" TEXT NOT NULL,
    "blockHeight" INTEGER NOT NULL,
    "blockTime" BIGINT NOT NULL,

    CONSTRAINT "ObservedTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistryRequest" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "paymentSourceId" TEXT NOT NULL,
    "walletId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "state" "RegistrationState" NOT NULL,
    "agentIdentifier" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "apiBaseUrl" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "error" TEXT,
    "currentTransactionId" TEXT,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "RegistryRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "encryptedSecret" TEXT NOT NULL,
    "events" TEXT[],
    "networks" "Network"[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "disabledReason" TEXT,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "endpointId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'Pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiKeyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3),
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "_RequestTransactionHistory" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_RequestTransactionHistory_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_tokenHash_key" ON "ApiKey"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiKey_createdAt_id_idx" ON "ApiKey"("createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "UsageCredit_apiKeyId_unit_key" ON "UsageCredit"("apiKeyId", "unit");

-- CreateIndex
CREATE INDEX "PaymentSource_network_deletedAt_idx" ON "PaymentSource"("network", "deletedAt");

-- CreateIndex
CREATE UNIQUE INDEX "HotWallet_pendingTransactionId_key" ON "HotWallet"("pendingTransactionId");

-- CreateIndex
CREATE INDEX "HotWallet_walletVkey_idx" ON "HotWallet"("walletVkey");

-- CreateIndex
CREATE UNIQUE INDEX "HotWallet_paymentSourceId_walletVkey_key" ON "HotWallet"("paymentSourceId", "walletVkey");

-- CreateIndex
CREATE UNIQUE INDEX "ChainTransaction_txHash_key" ON "ChainTransaction"("txHash");

-- CreateIndex
CREATE INDEX "ChainTransaction_status_idx" ON "ChainTransaction"("status");

-- CreateIndex
CREATE UNIQUE INDEX "EscrowRequest_currentActionId_key" ON "EscrowRequest"("currentActionId");

-- CreateIndex
CREATE INDEX "EscrowRequest_role_paymentSourceId_createdAt_id_idx" ON "EscrowRequest"("role", "paymentSourceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "EscrowRequest_role_updatedAt_id_idx" ON "EscrowRequest"("role", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "EscrowRequest_blockchainIdentifier_idx" ON "EscrowRequest"("blockchainIdentifier");

-- CreateIndex
CREATE UNIQUE INDEX "EscrowRequest_paymentSourceId_role_blockchainIdentifier_key" ON "EscrowRequest"("paymentSourceId", "role", "blockchainIdentifier");

-- CreateIndex
CREATE INDEX "EscrowAction_requestId_createdAt_idx" ON "EscrowAction"("requestId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EscrowAmount_requestId_kind_unit_key" ON "EscrowAmount"("requestId", "kind", "unit");

-- CreateIndex
CREATE INDEX "OnChainStateChange_requestId_createdAt_idx" ON "OnChainStateChange"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "OnChainStateChange_txHash_idx" ON "OnChainStateChange"("txHash");

-- CreateIndex
CREATE INDEX "ObservedTransaction_paymentSourceId_blockHeight_idx" ON "ObservedTransaction"("paymentSourceId", "blockHeight");

-- CreateIndex
CREATE UNIQUE INDEX "ObservedTransaction_paymentSourceId_txHash_key" ON "ObservedTransaction"("paymentSourceId", "txHash");

-- CreateIndex
CREATE UNIQUE INDEX "RegistryRequest_agentIdentifier_key" ON "RegistryRequest"("agentIdentifier");

-- CreateIndex
CREATE INDEX "RegistryRequest_paymentSourceId_createdAt_id_idx" ON "RegistryRequest"("paymentSourceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "RegistryRequest_updatedAt_id_idx" ON "RegistryRequest"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "RegistryRequest_state_idx" ON "RegistryRequest"("state");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_expiresAt_idx" ON "IdempotencyRecord"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_apiKeyId_key_key" ON "IdempotencyRecord"("apiKeyId", "key");

-- CreateIndex
CREATE INDEX "_RequestTransactionHistory_B_index" ON "_RequestTransactionHistory"("B");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageCredit" ADD CONSTRAINT "UsageCredit_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HotWallet" ADD CONSTRAINT "HotWallet_paymentSourceId_fkey" FOREIGN KEY ("paymentSourceId") REFERENCES "PaymentSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HotWallet" ADD CONSTRAINT "HotWallet_pendingTransactionId_fkey" FOREIGN KEY ("pendingTransactionId") REFERENCES "ChainTransaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainTransaction" ADD CONSTRAINT "ChainTransaction_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "HotWallet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscrowRequest" ADD CONSTRAINT "EscrowRequest_paymentSourceId_fkey" FOREIGN KEY ("paymentSourceId") REFERENCES "PaymentSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscrowRequest" ADD CONSTRAINT "EscrowRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "ApiKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscrowRequest" ADD CONSTRAINT "EscrowRequest_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "HotWallet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscrowRequest" ADD CONSTRAINT "EscrowRequest_currentActionId_fkey" FOREIGN KEY ("currentActionId") REFERENCES "EscrowAction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscrowRequest" ADD CONSTRAINT "EscrowRequest_currentTransactionId_fkey" FOREIGN KEY ("currentTransactionId") REFERENCES "ChainTransaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscrowAction" ADD CONSTRAINT "EscrowAction_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "EscrowRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscrowAmount" ADD CONSTRAINT "EscrowAmount_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "EscrowRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnChainStateChange" ADD CONSTRAINT "OnChainStateChange_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "EscrowRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservedTransaction" ADD CONSTRAINT "ObservedTransaction_paymentSourceId_fkey" FOREIGN KEY ("paymentSourceId") REFERENCES "PaymentSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistryRequest" ADD CONSTRAINT "RegistryRequest_paymentSourceId_fkey" FOREIGN KEY ("paymentSourceId") REFERENCES "PaymentSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistryRequest" ADD CONSTRAINT "RegistryRequest_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "HotWallet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistryRequest" ADD CONSTRAINT "RegistryRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "ApiKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistryRequest" ADD CONSTRAINT "RegistryRequest_currentTransactionId_fkey" FOREIGN KEY ("currentTransactionId") REFERENCES "ChainTransaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "ApiKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyRecord" ADD CONSTRAINT "IdempotencyRecord_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_RequestTransactionHistory" ADD CONSTRAINT "_RequestTransactionHistory_A_fkey" FOREIGN KEY ("A") REFERENCES "ChainTransaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_RequestTransactionHistory" ADD CONSTRAINT "_RequestTransactionHistory_B_fkey" FOREIGN KEY ("B") REFERENCES "EscrowRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Credits never go negative, whatever the code does.
ALTER TABLE "UsageCredit" ADD CONSTRAINT "UsageCredit_amount_nonnegative" CHECK ("amount" >= 0);
