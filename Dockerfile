# Ray History Dashboard: the HistoryServer (compiled to JavaScript in dist-server/) and the built
# SPA (dist/), run with production dependencies only.
# Build:  docker build -t ray-history-server:0.1.0 .
# Runs as a non-root user and writes nothing outside /tmp, so it works with a read-only root
# filesystem (mount an emptyDir at /tmp for the snapshot cache).

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY index.html vite.config.ts tsconfig.json ./
COPY public ./public
COPY contract ./contract
COPY src ./src
COPY server ./server
COPY scripts/build-server.ts ./scripts/
# The server bundles the sample generator (used only when STORAGE_URL is unset).
COPY scripts/sample ./scripts/sample
RUN npm run build

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
COPY --from=build /app/dist-server ./dist-server
COPY --from=build /app/dist ./dist
# The image's `node` user (uid 1000); numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 8080
CMD ["node", "--enable-source-maps", "dist-server/index.js"]
