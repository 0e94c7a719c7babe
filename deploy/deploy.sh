#!/usr/bin/env bash
# make deploy: build the site for the bureau's own web server.
#   DEPLOY_TARGET=user@host:/var/www/ecommerce/ make deploy   -> rsync site/ there
#   make deploy                                                -> dist/site-<date>.tar.gz + .sha256
# The production build refuses to run while the footer's filing numbers are missing or examples.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m generator build --production
stamp=$(TZ=Asia/Shanghai date +%Y%m%d-%H%M)
if [ -n "${DEPLOY_TARGET:-}" ]; then
  # --delay-updates: readers never see a half-copied site; --delete: removed pages go too
  # (old URLs stay alive through the redirect pages the build writes).
  # (.campaign-site marks a folder a build made, for the next build: the server needs none)
  rsync -a --delete --delay-updates --checksum --exclude=/.campaign-site site/ "$DEPLOY_TARGET"
  echo "已发布到 $DEPLOY_TARGET（$stamp）"
else
  mkdir -p dist
  tar -czf "dist/site-$stamp.tar.gz" --exclude=./.campaign-site -C site .
  (cd dist && sha256sum "site-$stamp.tar.gz" > "site-$stamp.tar.gz.sha256")
  echo "已打包 dist/site-$stamp.tar.gz；校验值见 dist/site-$stamp.tar.gz.sha256"
  echo "在服务器上：sha256sum -c site-$stamp.tar.gz.sha256 && tar -xzf site-$stamp.tar.gz -C /var/www/ecommerce/"
fi
