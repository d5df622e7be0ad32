#!/usr/bin/env bash
# The one test command (README, .ci/run): lint, typecheck, build, unit tests, end-to-end, quick bench, audit.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }
step "lint";        npx eslint .
step "typecheck";   npx tsc -p tsconfig.json --noEmit
step "build";       npm run build
step "unit tests";  npx jest --ci
step "end-to-end";  npm run test:browser
step "bench (quick: cell-by-cell agreement at 1,000 towns)"; node lib/bench/main.js --quick
step "audit";       node scripts/audit.mjs
