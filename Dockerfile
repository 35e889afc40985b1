# syntax=docker/dockerfile:1
# The operator image: docker build -t docker.io/compositeapp/operator:<package.json version> .
#
# hack/image/build.sh builds the same image without Docker (Node.js binary + its shared
# libraries, /app, user 65532): keep the two in step. The unit tests compare the final stage's
# ENTRYPOINT, USER, ENV and WORKDIR with `hack/image/build.sh --print-config`, and the Node.js
# version with the `node` devDependency in package.json.
ARG NODE_IMAGE=docker.io/library/node:24.21.0-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/cc-debian12:nonroot

# dist/: compiled with the dev dependencies (TypeScript), which stay in this stage.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Production dependencies only, without type declarations and source maps.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && rm package-lock.json \
  && find node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -delete

# glibc, libstdc++ and libgcc_s, /etc/passwd with nonroot (65532), /tmp; no shell, no npm.
FROM ${RUNTIME_IMAGE}
COPY --from=build /usr/local/bin/node /usr/local/bin/node
WORKDIR /app
COPY --from=deps /app/ ./
COPY --from=build /src/dist ./dist
COPY bin ./bin
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV NODE_ENV=production
USER 65532:65532
# A young generation of 2 MiB semi-spaces instead of V8's default (up to 16 MiB each, three of them
# committed under load): about 70 MiB less RSS for the operator, no measurable CPU cost. And V8 tuned
# for size over speed: about 30 MiB less RSS at 1,000 apps for about a quarter more CPU per reconcile,
# which is a small share of what an app costs (README, Performance).
# test/support/operator-process.ts launches the operator the same way.
ENTRYPOINT ["node", "--max-semi-space-size=2", "--optimize-for-size", "/app/bin/compositeapp.js", "run"]
