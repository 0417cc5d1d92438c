# driftwatch image: build the release tarball, install it into /opt/driftwatch, run as uid 10001.
#
# Base images: Node 24 LTS on Debian 12. Pinned by version tag; pin the digest too where you build:
#   docker buildx imagetools inspect node:24.21.0-bookworm-slim    # prints the sha256 digest
#   docker build --build-arg NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:<digest> \
#                --build-arg NODE_BUILD_IMAGE=node:24.21.0-bookworm@sha256:<digest> -t driftwatch .
ARG NODE_BUILD_IMAGE=node:24.21.0-bookworm
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_BUILD_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY scripts ./scripts
COPY docs ./docs
COPY README.md devices.example.yaml driftwatch.service ./
# npm ci builds better-sqlite3 (toolchain in this stage only) and dist/; the release is what users install.
RUN npm ci --no-audit --no-fund --strict-allow-scripts \
    && npm run release \
    && npm install -g --prefix /opt/driftwatch --no-audit --no-fund \
         --allow-scripts=better-sqlite3,ssh2,cpu-features ./driftwatch-*.tgz

FROM ${NODE_IMAGE}
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="driftwatch" \
      org.opencontainers.image.description="Network config-drift watcher: pulls running configs over SSH into git, alerts on unauthorized changes" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="docker.io/library/${NODE_IMAGE}" \
      org.opencontainers.image.documentation="/opt/driftwatch/lib/node_modules/driftwatch/README.md"
# The volume paths exist in the image, owned by the runtime user: a new named volume copies them.
RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates tini \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/driftwatch --shell /usr/sbin/nologin driftwatch \
    && install -d -m 0700 -o driftwatch -g driftwatch /var/lib/driftwatch /var/lib/driftwatch/store /var/lib/driftwatch/state \
    && install -d -m 0755 /etc/driftwatch
COPY --from=build /opt/driftwatch /opt/driftwatch
ENV PATH=/opt/driftwatch/bin:$PATH NODE_ENV=production
USER driftwatch
WORKDIR /var/lib/driftwatch
# The mounted config sets store: /var/lib/driftwatch/store and state: /var/lib/driftwatch/state/driftwatch.db;
# secrets come from `docker run --env-file`. See README "Run it as a service".
VOLUME ["/var/lib/driftwatch/store", "/var/lib/driftwatch/state"]
STOPSIGNAL SIGTERM
# Until the daemon serves /healthz: the state is readable and the devices' last pulls are healthy.
HEALTHCHECK --interval=60s --timeout=20s --start-period=120s --retries=3 \
    CMD ["driftwatch", "status", "--exit-code", "--config", "/etc/driftwatch/devices.yaml"]
ENTRYPOINT ["/usr/bin/tini", "--", "driftwatch"]
CMD ["daemon", "--config", "/etc/driftwatch/devices.yaml", "--drain", "30"]
