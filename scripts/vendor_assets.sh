#!/usr/bin/env bash
# Copy the pinned npm front-end packages into the places the project serves or tests them from.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --silent
dest=quartierwerk/static/vendor
mkdir -p "$dest/leaflet/images" "$dest/htmx" "$dest/noto-sans-arabic" "$dest/kern/fonts/fira-sans" tests/browser/vendor
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css "$dest/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$dest/leaflet/images/"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/"
cp node_modules/axe-core/axe.min.js tests/browser/vendor/
# Arabic glyphs for PDFs in Arabic-script languages (core/pdf.py); read from disk, never fetched at run time.
cp node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2 \
   node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2 "$dest/noto-sans-arabic/"
cp node_modules/@fontsource/noto-sans-arabic/LICENSE "$dest/noto-sans-arabic/LICENSE"
# KERN, the German administration's design system: the part of its stylesheet assets/kern.scss names and the Fira Sans faces its font CSS names
# (the browser fetches only the weights a page uses). The font CSS is copied as it is; its relative URLs point
# at the files beside it, which tests/core/test_kern_assets.py checks.
kern=node_modules/@kern-ux/native
npx sass --no-source-map --style=compressed --load-path="$kern/src/scss" assets/kern.scss "$dest/kern/kern.min.css"
python3 scripts/kern_prune.py "$dest/kern/kern.min.css"  # the dark theme and the tokens nothing reads
cp "$kern/dist/fonts/fira-sans.css" "$dest/kern/fonts/"
grep -o 'fira-sans/[A-Za-z-]*\.woff2' "$kern/dist/fonts/fira-sans.css" | sort -u | while read -r face; do
  cp "$kern/dist/fonts/$face" "$dest/kern/fonts/fira-sans/"
done
cp "$kern/LICENSE.md" "$dest/kern/LICENSE.md"
cp node_modules/leaflet/LICENSE "$dest/leaflet/LICENSE"
cp node_modules/htmx.org/LICENSE "$dest/htmx/LICENSE"
cp node_modules/axe-core/LICENSE tests/browser/vendor/axe-core.LICENSE
echo "vendored: leaflet $(node -p "require('./node_modules/leaflet/package.json').version"), htmx $(node -p "require('./node_modules/htmx.org/package.json').version"), axe-core $(node -p "require('./node_modules/axe-core/package.json').version"), noto-sans-arabic $(node -p "require('./node_modules/@fontsource/noto-sans-arabic/package.json').version"), kern $(node -p "require('./node_modules/@kern-ux/native/package.json').version")"
