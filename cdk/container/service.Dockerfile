# The image of one queue service (ECS Fargate, linux/arm64). The build context is the repository
# root (see .dockerignore); SERVICE names the service's folder under services/, for example
#   docker build -f cdk/container/service.Dockerfile --build-arg SERVICE=ocr --platform linux/arm64 .
# scripts/container-build-check.sh runs the build stage's steps without Docker and starts the result.
#
# No "# syntax=" line on purpose: the builder's own Dockerfile frontend is used (BuildKit, which
# supports RUN --mount), so the build pulls nothing from Docker Hub.

# The major version must be .node-version's (a CDK test checks it).
ARG NODE_IMAGE=public.ecr.aws/docker/library/node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------
# Build: install the service and its workspace dependencies, compile them, and deploy the
# service with its production dependencies only into a self-contained folder, /out.
FROM ${NODE_IMAGE} AS build
ARG SERVICE
ENV CI=true

WORKDIR /repo

# The pnpm that the repository pins in package.json "packageManager" (pnpm@<version>[+<hash>]).
COPY package.json ./
RUN set -eu; \
    PNPM_VERSION="$(node -p "const pm = require('./package.json').packageManager ?? ''; if (!pm.startsWith('pnpm@')) throw new Error('packageManager is not pnpm: ' + pm); pm.slice(5).split('+')[0]")"; \
    npm install --global --no-fund --no-audit --loglevel=error "pnpm@${PNPM_VERSION}"; \
    test "$(pnpm --version)" = "${PNPM_VERSION}"

COPY . .

RUN set -eu; \
    if [ -z "${SERVICE:-}" ]; then echo "the SERVICE build argument is required (a folder under services/)" >&2; exit 1; fi; \
    if [ ! -f "services/${SERVICE}/src/main.ts" ]; then echo "services/${SERVICE}/src/main.ts not found" >&2; exit 1; fi

# The service, its workspace dependencies (with their devDependencies: the compiler and types)
# and the workspace root's tools, exactly as the lockfile says. The lockfile holds the
# linux-arm64 glibc builds of the native packages (sharp, @napi-rs/canvas), which pnpm picks for
# this platform. The store is a build cache, kept out of the image.
RUN --mount=type=cache,id=ndf-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store --filter "@ndf/${SERVICE}..."

# tsc -p . in each selected package: dist/ next to src/, what the packages' "default" export
# condition points at.
RUN pnpm --filter "@ndf/${SERVICE}..." run build

# The service with its production dependencies, workspace packages copied in with their dist/.
# pnpm 10 deploys from a shared lockfile only with --legacy (or inject-workspace-packages, which
# would change the lockfile).
RUN --mount=type=cache,id=ndf-pnpm-store,target=/pnpm/store \
    pnpm --filter "@ndf/${SERVICE}" deploy --prod --legacy --store-dir /pnpm/store /out \
 && test -f /out/dist/main.js

# ---------------------------------------------------------------------------------------------
# Runtime: the deployed folder only, read-only to the unprivileged user that runs it.
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
LABEL org.opencontainers.image.title="ndf-${SERVICE}"

ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out/ ./

# The image's own non-root user (uid 1000). The service writes only to the temporary folder
# (the OCR service links its trained data there).
USER node
CMD ["node", "dist/main.js"]
