#!/usr/bin/env bash
# Rebuilds the committed web bundle in src/sitrep/web/static/ from web/ (needs Node 20 + npm).
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund
node build.mjs
