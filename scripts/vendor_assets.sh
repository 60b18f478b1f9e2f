#!/usr/bin/env bash
# Copy the pinned npm front-end packages into the places the project serves or tests them from.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --silent
dest=quartierwerk/static/vendor
mkdir -p "$dest/leaflet/images" "$dest/htmx" tests/browser/vendor
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css "$dest/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$dest/leaflet/images/"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/"
cp node_modules/axe-core/axe.min.js tests/browser/vendor/
cp node_modules/leaflet/LICENSE "$dest/leaflet/LICENSE"
cp node_modules/htmx.org/LICENSE "$dest/htmx/LICENSE"
cp node_modules/axe-core/LICENSE tests/browser/vendor/axe-core.LICENSE
echo "vendored: leaflet $(node -p "require('./node_modules/leaflet/package.json').version"), htmx $(node -p "require('./node_modules/htmx.org/package.json').version"), axe-core $(node -p "require('./node_modules/axe-core/package.json').version")"
