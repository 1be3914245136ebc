#!/usr/bin/env bash
# Fetch the front-end packages from the npm registry at the versions pinned in
# assets/package.json (and assets/package-lock.json) and copy the files the portal serves into
# static/vendor/. The result is committed, so running the portal needs only Python.
#
#   scripts/update_assets.sh                      # reinstall the pinned versions
#   scripts/update_assets.sh bootstrap@5.3.10     # upgrade one package, then copy
set -euo pipefail
cd "$(dirname "$0")/../assets"
if [ $# -gt 0 ]; then
  npm install --save-exact --ignore-scripts --no-audit --no-fund "$@"
else
  npm ci --ignore-scripts --no-audit --no-fund
fi
vendor=../static/vendor
rm -rf "$vendor"
mkdir -p "$vendor/bootstrap" "$vendor/sarabun/files"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map "$vendor/bootstrap/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map "$vendor/bootstrap/"
cp node_modules/bootstrap/LICENSE "$vendor/bootstrap/LICENSE"
# Sarabun: regular and bold, Thai and Latin subsets only (what the pages use).
font=node_modules/@fontsource/sarabun
: > "$vendor/sarabun/sarabun.css"
for weight in 400 700; do
  for subset in thai latin; do
    cp "$font/files/sarabun-$subset-$weight-normal.woff2" "$font/files/sarabun-$subset-$weight-normal.woff" "$vendor/sarabun/files/"
  done
  # Keep only the @font-face blocks of the subsets copied above.
  python3 - "$font/$weight.css" >> "$vendor/sarabun/sarabun.css" <<'PY'
import re, sys
css = open(sys.argv[1], encoding="utf-8").read()
for match in re.finditer(r"(/\* sarabun-(\w+)-\d+-normal \*/\s*@font-face\s*{[^}]*})", css):
    if match.group(2) in ("thai", "latin"):
        print(match.group(1))
PY
done
cp "$font/LICENSE" "$vendor/sarabun/LICENSE" 2>/dev/null || true
echo "static/vendor updated:"; (cd .. && find static/vendor -type f | sort)
