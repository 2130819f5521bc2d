# The painpoint worker image. TypeScript runs through tsx, so there is no build step: the image is the
# sources plus production dependencies. Chromium (the Debian package) is there for scheduled crawls.
FROM node:20-bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates fonts-noto-cjk tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PAINPOINT_CHROMIUM=/usr/bin/chromium \
    npm_config_update_notifier=false

WORKDIR /app
# Install scripts run only where package.json's allowScripts says so (onnxruntime-node's, which
# downloads binaries, does not: its CPU binaries ship inside the package).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY bin ./bin
COPY src ./src
COPY jobs ./jobs
COPY config ./config
COPY models ./models

# Not root: the worker needs no privileges, and Chromium's sandbox expects an ordinary user.
USER node

# tini forwards SIGTERM to node, so a stopping container finishes or hands back its jobs.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["npx", "painpoint", "worker"]
