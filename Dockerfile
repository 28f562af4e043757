# Ray History Dashboard: the HistoryServer (Fastify, run from TypeScript with tsx) and the built SPA.
# Build:  docker build -t ray-history-server:0.1.0 .
# Runs as a non-root user and writes nothing outside /tmp, so it works with a read-only root
# filesystem (mount an emptyDir at /tmp: tsx keeps its transform cache there).

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY index.html vite.config.ts tsconfig.json ./
COPY public ./public
COPY src ./src
RUN npx vite build

FROM node:22-bookworm-slim AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    STATIC_DIR=/app/dist
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY package.json ./
COPY server ./server
# The server shares API types, path builders and metric definitions with the SPA.
COPY src ./src
# Only used to generate a demo history when STORAGE_URL is unset (needs a writable /app).
COPY scripts/sample ./scripts/sample
COPY --from=build /app/dist ./dist
# The image's `node` user (uid 1000); numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 8080
CMD ["node", "--import", "tsx", "server/index.ts"]
