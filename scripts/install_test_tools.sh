#!/usr/bin/env bash
# Install the CI gates' test tools (the Nu HTML checker, Lighthouse) from the npm registry at the
# versions pinned in tools/package.json and tools/package-lock.json into tools/node_modules
# (not committed, never served). Java and Chromium come from Debian (.ci/run).
#
#   scripts/install_test_tools.sh                   # install the pinned versions
#   scripts/install_test_tools.sh lighthouse@12.8.2 # upgrade one package (updates the lock file)
set -euo pipefail
cd "$(dirname "$0")/../tools"
if [ $# -gt 0 ]; then
  npm install --save-exact --ignore-scripts --no-audit --no-fund "$@"
else
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
