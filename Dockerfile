# Multi-stage build: compile (better-sqlite3 needs a toolchain) then a slim non-root runtime.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates tini \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /var/lib/driftwatch --create-home driftwatch
WORKDIR /opt/driftwatch
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY devices.example.yaml README.md ./
USER driftwatch
# store: the git repository; state: the SQLite file; mount the config at /etc/driftwatch/devices.yaml
# and set store: /var/lib/driftwatch/store, state: /var/lib/driftwatch/state/driftwatch.db in it.
VOLUME ["/var/lib/driftwatch/store", "/var/lib/driftwatch/state"]
WORKDIR /var/lib/driftwatch
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/opt/driftwatch/bin/driftwatch.js"]
CMD ["daemon", "--config", "/etc/driftwatch/devices.yaml"]
