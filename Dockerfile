# mes-erp-bridge container image.
#
#   docker build -t mes-erp-bridge .
#   docker run -d --name mes-erp-bridge -p 8787:8787 -v mes-bridge-data:/data mes-erp-bridge
#
# docs/deployment.md explains the settings, TLS and backups. CI does not build this image (it
# cannot pull base images); .ci/production-start runs the same steps without Docker.
#
# Node 22 LTS. Node 20 also works (package.json asks for >= 20): to use it, change NODE_IMAGE
# once, so both stages change together. They must match: better-sqlite3 is a native module,
# built for the exact Node version of the build stage.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: compile TypeScript, then keep production dependencies only ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# better-sqlite3 downloads a prebuilt binary when it can, and compiles from source when it
# cannot. Compiling needs python3, make and g++. They stay in this stage only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# A compile uses the Node headers already in the image instead of downloading them.
ENV npm_config_nodedir=/usr/local

# Package files first: the slow install layer is reused until they change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY drizzle ./drizzle
# --omit=optional too: drizzle-orm names type-only packages (@cloudflare/workers-types, @types/*,
# ~15 MB) as optional peers, and the dev dependencies that satisfy them stay without it.
# dist/.tsbuildinfo is only for the next incremental build.
RUN npm run build \
 && npm prune --omit=dev --omit=optional --no-audit --no-fund \
 && rm -f dist/.tsbuildinfo

# ---- runtime: no compiler, no dev dependencies, not root ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=8787 \
    DATABASE_PATH=/data/bridge.db
WORKDIR /app

# The code stays owned by root, so the bridge cannot change it. package.json is needed at run
# time ("type": "module"), and drizzle/ must sit next to dist/ (the migrations, applied at start).
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/drizzle ./drizzle
# What `npm start` runs first: with no TypeScript here it builds nothing and starts dist/.
COPY scripts/prestart.mjs ./scripts/

# The ledger (bridge.db with its -wal and -shm files) is the only thing the bridge writes.
# /data is created here, owned by node, so a new named volume gets that owner too.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8787

# /readyz: 200 when the database answers and the dispatcher runs. Slim images have no curl, so
# Node's own fetch asks. It uses 127.0.0.1: keep HOST at its default (0.0.0.0) in a container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/readyz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# The bridge finishes in-flight sends and closes the ledger on SIGTERM (what `docker stop`
# sends). Node runs directly as PID 1, so the signal reaches it; there is no shell in between.
STOPSIGNAL SIGTERM
CMD ["node", "dist/node.js"]
