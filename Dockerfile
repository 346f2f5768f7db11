# Cadenza: the MCP server over Streamable HTTP, as a small non-root image.
# Build: docker build -t cadenza .    Run: see deploy/compose/docker-compose.yml or deploy/kubernetes/.
# The base images can be swapped (--build-arg NODE_IMAGE=… BUILD_IMAGE=…): bench/docker-image.mjs measures the
# image on a stand-in base where node:22-alpine cannot be pulled.
ARG NODE_IMAGE=node:22-alpine
ARG BUILD_IMAGE=${NODE_IMAGE}

# ---- build: compile TypeScript and the native SQLite binding, then keep production dependencies only
FROM ${BUILD_IMAGE} AS build
# compilers for the native addons, from Alpine's packages unless the build image has them already
RUN which python3 make g++ >/dev/null || apk add --no-cache python3 make g++
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.base.json tsconfig.build.json ./
COPY types ./types
COPY scripts ./scripts
COPY src ./src
COPY web ./web
COPY corpus ./corpus
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 # the compiled binding is all better-sqlite3 needs at run time; its sources and objects are ~25 MB, the static
 # library and test extension left beside it 2.5 MB
 && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
 && find node_modules/better-sqlite3/build -type f ! -name better_sqlite3.node -delete \
 # verovio ships four builds; the server loads verovio/wasm and verovio/esm (src/mcp/render.ts): the Humdrum
 # build and the main entry's toolkit are 20 MB
 && rm node_modules/verovio/dist/verovio-module-hum.mjs node_modules/verovio/dist/verovio-toolkit-wasm.js \
 # libflac.js: render_audio loads its 'min' build (src/audio/flac.ts); its other builds, docs and tools are 7 MB
 && find node_modules/libflacjs/dist -type f ! -name 'libflac.min.js' ! -name 'libflac.min.js.mem' -delete \
 && rm -rf node_modules/libflacjs/doc node_modules/libflacjs/tools node_modules/libflacjs/example \
 # TypeScript sources and declarations, source maps and documents: never loaded
 && find node_modules -type f ! -iname 'licen[cs]e*' \( -name '*.map' -o -name '*.md' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \) -delete

# ---- run
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    CADENZA_HOST=0.0.0.0 \
    CADENZA_PORT=8750 \
    CADENZA_DATA_DIR=/data \
    CADENZA_AUTH=apikey
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/corpus ./corpus
COPY --from=build --chown=node:node /app/node_modules ./node_modules
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8750
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.CADENZA_PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli.js", "serve", "--http"]
