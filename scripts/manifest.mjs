#!/usr/bin/env node
// Writes an Excel add-in manifest from manifest.template.xml, then lints it.
//
//   node scripts/manifest.mjs --url https://kaohe.bureau.example/kaohe/ [--out dist/manifest.xml] [--namespace KH]
//   node scripts/manifest.mjs --dev          # https://localhost:3000/ -> manifest.xml (for sideloading)
//   node scripts/manifest.mjs --check FILE --url URL [--dist dist] [--namespace KH]   # lint only
//
// --url        where dist/ is hosted (HTTPS; a trailing / is added). Every URL in the manifest starts with it.
// --out        output file (default dist/manifest.xml; with --dev, manifest.xml).
// --namespace  single-namespace fallback: adds <Namespace> so users type =KH.SCORE.PARTYLINE(...).
// Exit code 1 with the problems listed when the manifest fails the lint.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const lib = require('./manifestLib.js');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dev') out.dev = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (['--url', '--out', '--namespace', '--check', '--dist'].includes(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} 需要一个值 / needs a value`);
      out[a.slice(2)] = v;
    } else if (/^--(url|out|namespace|check|dist)=/.test(a)) {
      const [k, ...v] = a.slice(2).split('=');
      out[k] = v.join('=');
    } else throw new Error(`未知参数 / unknown option: ${a}`);
  }
  return out;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 12).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return 0;
  }
  const namespace = args.namespace ?? null;
  if (args.check) {
    const xml = readFileSync(resolve(args.check), 'utf8');
    const production = !args.dev;
    const problems = lib.lintManifest(xml, { production, namespace, baseUrl: args.url, distDir: args.dist && resolve(args.dist) });
    return report(args.check, problems);
  }
  const baseUrl = args.dev ? lib.DEV_URL : args.url;
  if (!baseUrl) throw new Error('需要 --url https://主机/路径/ 或 --dev / --url https://host/path/ or --dev is required');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const xml = lib.renderManifest({ baseUrl, version: pkg.version, namespace });
  const outFile = resolve(args.out ?? (args.dev ? join(root, 'manifest.xml') : join(root, 'dist', 'manifest.xml')));
  const problems = lib.lintManifest(xml, { production: !args.dev, namespace });
  if (problems.length > 0) return report(outFile, problems); // never leave a bad manifest behind
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, xml);
  console.log(`已写入 / wrote ${outFile} (${lib.normaliseBaseUrl(baseUrl)}${namespace ? `, namespace ${namespace}` : ''})`);
  if (!args.dev && !existsSync(join(dirname(outFile), 'functions.js'))) {
    console.log('提示 / note: 同一文件夹里还没有 functions.js；请先 npm run build / no functions.js beside it yet: run npm run build first.');
  }
  return 0;
}

function report(file, problems) {
  if (problems.length === 0) return 0;
  console.error(`清单检查未通过 / manifest lint failed: ${file}`);
  for (const p of new Set(problems)) console.error(`  - ${p}`);
  return 1;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
}
