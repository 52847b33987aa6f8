-- CreateIndex
CREATE INDEX "EscrowRequest_role_createdAt_id_idx" ON "EscrowRequest"("role", "createdAt", "id");

