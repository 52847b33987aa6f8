# syntax=docker/dockerfile:1
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx prisma generate && npm run build && npm prune --omit=dev

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3001 DATA_DIR=/data
WORKDIR /app
RUN groupadd --system node-pay && useradd --system --gid node-pay --home /app node-pay \
  && mkdir -p /data && chown node-pay:node-pay /data
COPY --from=build --chown=node-pay:node-pay /app/node_modules ./node_modules
COPY --from=build --chown=node-pay:node-pay /app/dist ./dist
COPY --from=build --chown=node-pay:node-pay /app/prisma ./prisma
COPY --from=build --chown=node-pay:node-pay /app/package.json /app/prisma.config.ts ./
USER node-pay
EXPOSE 3001
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=4 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3001)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server.js"]
