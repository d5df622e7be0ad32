#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled from src/cli by `npm run build:cli` (tsc -> lib/).
let main;
try {
  main = require('../lib/cli/main.js').main;
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    const args = process.argv.slice(2);
    const en =
      args.includes('--lang=en') || args.some((a, i) => a === '--lang' && args[i + 1] === 'en');
    process.stderr.write(
      en
        ? 'kaohe: not built / 未编译. Run `npm run build:cli` first.\n'
        : 'kaohe: 未编译 / not built. Run `npm run build:cli` first.\n',
    );
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`kaohe: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(2);
  },
);
