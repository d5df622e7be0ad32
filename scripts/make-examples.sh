#!/usr/bin/env bash
# Regenerates the sample ledgers in examples/ (generated files: do not edit them by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build:cli
node bin/kaohe.js example examples/ledger.xlsx --force
node bin/kaohe.js example examples/ledger-errors.xlsx --with-errors --force
node bin/kaohe.js example examples/districts.xlsx --sample districts --force
node bin/kaohe.js example examples/farms.xlsx --sample farms --force
