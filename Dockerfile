# Image for the ECM worker and API (docker-compose.yml picks the command).
# TypeScript runs through tsx at runtime, so there is no build step: the first
# stage only installs production dependencies.

# ---- deps: production node_modules -----------------------------------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no install script is needed at runtime (esbuild, which tsx
# uses, resolves its platform binary from its optional dependency), and it
# runs none of the scripts that package.json's `allowScripts` list denies.
# Node 24 (Active LTS): zod-openapi needs >= 22.14 (package.json `engines`).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime ------------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Everything stays root-owned and read-only for the `node` user that runs it.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src/ ./src/
COPY workflows/ ./workflows/
COPY activities/ ./activities/
COPY worker/ ./worker/
COPY api/ ./api/
COPY migrations/ ./migrations/
COPY tools/ ./tools/

USER node
EXPOSE 3000
# Default: the API. docker-compose.yml sets the command for each service
# (the worker runs `node --import tsx worker/main.ts`).
CMD ["node", "--import", "tsx", "api/main.ts"]
