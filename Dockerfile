# The painpoint worker image. The build stage compiles the TypeScript sources into dist/ (`npm ci`
# runs `prepare`, which runs `npm run build`) and then drops the dev dependencies; the image is the
# sources, their compiled tree and the production dependencies. Chromium (the Debian package) is
# there for scheduled crawls.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV npm_config_update_notifier=false
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY jobs ./jobs
# Install scripts run only where package.json's allowScripts says so (onnxruntime-node's, which
# downloads binaries, does not: its CPU binaries ship inside the package).
RUN npm ci --no-audit --no-fund && npm prune --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates fonts-noto-cjk tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PAINPOINT_CHROMIUM=/usr/bin/chromium \
    npm_config_update_notifier=false

WORKDIR /app
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY jobs ./jobs
COPY config ./config
COPY models ./models
COPY --from=build /app/node_modules ./node_modules
# Compiled after the sources were written (COPY keeps their times), so bin/painpoint.js runs it.
COPY --from=build /app/dist ./dist

# Not root: the worker needs no privileges, and Chromium's sandbox expects an ordinary user.
USER node

# tini forwards SIGTERM to node, so a stopping container finishes or hands back its jobs.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["npx", "painpoint", "worker"]
