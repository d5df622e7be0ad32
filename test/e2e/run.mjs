#!/usr/bin/env node
/**
 * End-to-end test of the task pane in the workbench, driven by playwright-core and Debian's
 * chromium, fully offline, against the production dist/ as built (office.js from the CDN):
 *   1. workbench.html: examples/ledger.xlsx → 生成排名 → the summary's first rows, the vetoed town
 *      and the pane's top three equal the CLI's `--json` result for the same file; the downloaded
 *      workbook has the result sheets and the input sheet unchanged.
 *   2. examples/ledger-errors.xlsx → 生成排名 is refused, errors are listed, nothing is written.
 *   3. taskpane.html opened in a plain browser runs the workbench too.
 *   Every request of these pages must stay on the local server: outside Office no page loads
 *   office.js. Then
 *   4. taskpane.html opened as Office opens it (`?_host_Info=Excel$Web…`) asks for office.js at
 *      the build's URL and nothing else outside the server; the request is refused here, and
 *      the pane says that office.js did not load.
 *   Run after `npm run build`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const builtDist = path.join(root, 'dist');
const outDir = path.join(root, 'test-output');
const CHROMIUM = '/usr/bin/chromium';
const TIMEOUT = 60_000;

const results = [];
function log(message) {
  process.stdout.write(`${message}\n`);
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function assertEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}\n  expected ${e}\n  actual   ${a}`);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  log('e2e: /usr/bin/chromium missing; installing Debian chromium with apt-get');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  for (const args of [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', 'chromium'],
  ]) {
    const run = spawnSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed`);
  }
  assert(existsSync(CHROMIUM), 'chromium still missing after apt-get install');
}

/**
 * Chinese glyphs for the screenshot: without a CJK font chromium draws boxes. Best effort: the
 * checks read text from the DOM, so a failed install only makes the screenshot less readable.
 */
function ensureChineseFont() {
  const list = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (list.status === 0 && list.stdout.trim() !== '') return;
  log(
    'e2e: no Chinese font; installing fonts-wqy-microhei with apt-get (for a readable screenshot)',
  );
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = spawnSync(
    sudo[0] ?? 'apt-get',
    [...(sudo.length ? ['apt-get'] : []), 'install', '-y', 'fonts-wqy-microhei'],
    { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
  );
  if (run.status !== 0)
    log(
      'e2e: could not install a Chinese font; the screenshot will show boxes (the checks do not depend on it)',
    );
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

/** A tiny static server for dist/ on 127.0.0.1 (no network beyond loopback). */
function serve(directory) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = path.normalize(path.join(directory, decodeURIComponent(url.pathname)));
    if (!file.startsWith(directory) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What the CLI computes for the same ledger: the reference the pane must agree with. */
function cliResult(ledger) {
  const bin = path.join(root, 'bin/kaohe.js');
  const json = path.join(tmpdir(), `kaohe-e2e-${process.pid}.json`);
  // The CLI prints its table and warnings; only its JSON matters here (stderr shows if it fails).
  execFileSync(process.execPath, [bin, 'rank', ledger, '--json', json], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return JSON.parse(readFileSync(json, 'utf8'));
}

async function gridRows(page) {
  return page.$$eval('[data-testid=sheet-grid] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );
}

async function openFile(page, file) {
  await page.setInputFiles('[data-testid=open-file]', file);
  await page.getByText(`已打开 ${path.basename(file)}`).waitFor({ timeout: TIMEOUT });
}

async function scenarioRank(page) {
  const ledger = path.join(root, 'examples/ledger.xlsx');
  const expected = cliResult(ledger);
  await openFile(page, ledger);
  await page.getByRole('button', { name: '生成排名', exact: true }).click();
  await page.getByTestId('ranking-result').waitFor({ timeout: TIMEOUT });
  await page.getByRole('tab', { name: '排名汇总', selected: true }).waitFor({ timeout: TIMEOUT });

  // The summary sheet as the grid shows it: 总排名, 单位, …, 总分 (column J), 标记 (L).
  const rows = await gridRows(page);
  assertEqual(rows[0]?.slice(0, 2), ['总排名', '单位'], 'summary header');
  const ranked = expected.units.filter((u) => !u.vetoed);
  const firstRows = rows.slice(1, 6).map((r) => [r[0], r[1], Number(r[9])]);
  assertEqual(
    firstRows,
    ranked.slice(0, 5).map((u) => [String(u.rank.total), u.unit, u.total]),
    'first rows of 排名汇总 (rank, town, total) agree with the CLI',
  );
  const vetoedTowns = expected.units.filter((u) => u.vetoed).map((u) => u.unit);
  assert(vetoedTowns.length > 0, 'the sample ledger should have a vetoed town');
  const vetoRows = rows.filter((r) => (r[11] ?? '').includes('一票否决')).map((r) => r[1]);
  assertEqual(vetoRows, vetoedTowns, 'vetoed towns listed in 排名汇总');
  assert(
    rows.slice(-vetoRows.length).every((r) => r[0] === '' && r[9] === ''),
    'vetoed towns come last, with no rank and no total',
  );

  // The pane's own summary.
  const top = await page.getByTestId('top-unit').allTextContents();
  assertEqual(
    top.map((t) => t.split(' ')[3]),
    expected.units.filter((u) => !u.vetoed && u.rank.total <= 3).map((u) => u.unit),
    'top three in the pane',
  );
  const vetoedInPane = await page.getByTestId('vetoed-unit').allTextContents();
  assert(
    vetoedTowns.every((town, i) => vetoedInPane[i]?.startsWith(town)),
    `vetoed towns in the pane: ${vetoedInPane.join(' | ')}`,
  );
  const yellow = await page.getByTestId('yellow-unit').allTextContents();
  assertEqual(
    yellow.map((t) => t.split(' · ')[0]),
    expected.units.filter((u) => u.flags.includes('黄牌警告')).map((u) => u.unit),
    'yellow-carded towns in the pane',
  );

  mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: path.join(outDir, 'e2e-rank.png') });

  // Download the result and compare the input sheet with the original file, cell by cell.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载结果 .xlsx' }).click(),
  ]);
  const saved = path.join(outDir, 'e2e-result.xlsx');
  await download.saveAs(saved);
  const ExcelJS = require('exceljs');
  const before = new ExcelJS.Workbook();
  await before.xlsx.readFile(ledger);
  const after = new ExcelJS.Workbook();
  await after.xlsx.readFile(saved);
  for (const name of ['排名汇总', '部门排名', '得分明细'])
    assert(after.getWorksheet(name), `downloaded workbook has ${name}`);
  for (const sheet of before.worksheets) {
    const other = after.getWorksheet(sheet.name);
    assert(other, `input sheet ${sheet.name} kept`);
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const a = JSON.stringify(cell.value);
        const b = JSON.stringify(other.getRow(r).getCell(c).value);
        if (a !== b)
          throw new Error(`input cell ${sheet.name}!${cell.address} changed: ${a} → ${b}`);
      });
    });
  }
  return `${ranked.length} ranked, vetoed ${vetoedTowns.join('、')}`;
}

async function scenarioRefuse(page) {
  const ledger = path.join(root, 'examples/ledger-errors.xlsx');
  await openFile(page, ledger);
  await page.getByRole('button', { name: '生成排名', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: TIMEOUT });
  const text = (await alert.textContent()) ?? '';
  assert(/个错误，未生成排名/.test(text), `ranking refused with a message: ${text}`);
  const errors = page.getByRole('region', { name: '错误（阻止排名）' }).getByRole('button');
  const count = await errors.count();
  assert(count > 0, 'errors are listed');
  const tabs = await page.getByRole('tab').allTextContents();
  assert(!tabs.includes('排名汇总'), 'no 排名汇总 written while an error stands');
  // Clicking a finding selects its cell in the grid.
  await errors.first().click();
  await page.locator('[data-selected=true]').waitFor({ timeout: TIMEOUT });
  await page.screenshot({ path: path.join(outDir, 'e2e-refused.png') });
  return `${count} errors listed`;
}

/** The build to test: dist/ as `npm run build` made it; KAOHE_E2E_DIST=folder tests another. */
function distForTest() {
  if (process.env.KAOHE_E2E_DIST) return path.resolve(process.env.KAOHE_E2E_DIST);
  assert(
    existsSync(path.join(builtDist, 'taskpane.html')),
    'dist/taskpane.html missing: run `npm run build` first',
  );
  return builtDist;
}

/** The office.js URL a page loads inside Office (its kaohe-office-js-url meta), made absolute. */
function officeJsUrlOf(dist, origin) {
  const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
  const m = /<meta name="?kaohe-office-js-url"? content="?([^"\s>]+)/.exec(html);
  assert(m, 'taskpane.html has no kaohe-office-js-url meta');
  return new URL(m[1], `${origin}/taskpane.html`).href;
}

async function scenarioTaskpaneOutsideOffice(page, origin) {
  await page.goto(`${origin}/taskpane.html`, { timeout: TIMEOUT });
  await page.getByTestId('open-file').waitFor({ state: 'attached', timeout: TIMEOUT });
  return 'the workbench, without office.js';
}

/** taskpane.html as Office opens it: it must ask for office.js at the build's URL, and only that. */
async function scenarioTaskpaneInOffice(browser, origin, officeJsUrl) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const requests = [];
  try {
    const page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    // Refuse office.js as a blocking firewall would (and so that nothing reaches Microsoft).
    await page.route(officeJsUrl, (route) => route.abort('blockedbyclient'));
    await page.goto(`${origin}/taskpane.html?_host_Info=Excel$Web$16.00$zh-CN$$$$0`, {
      timeout: TIMEOUT,
    });
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: TIMEOUT });
    const text = (await alert.textContent()) ?? '';
    assert(text.includes('未能加载 Office.js'), `the pane says office.js did not load: ${text}`);
    const outside = requests.filter((url) => !url.startsWith(`${origin}/`));
    assertEqual(
      outside,
      /^https?:/.test(officeJsUrl) && !officeJsUrl.startsWith(`${origin}/`) ? [officeJsUrl] : [],
      'requests beyond the server',
    );
    assert(requests.includes(officeJsUrl), `office.js requested at ${officeJsUrl}`);
    return `requested ${officeJsUrl} only`;
  } finally {
    await context.close();
  }
}

async function main() {
  const dist = distForTest();
  assert(existsSync(path.join(dist, 'taskpane.html')), `${dist}/taskpane.html missing`);
  assert(
    existsSync(path.join(root, 'lib/cli/main.js')),
    'lib/cli missing: run `npm run build` first',
  );
  ensureChromium();
  ensureChineseFont();
  const { chromium } = require('playwright-core');
  const server = await serve(dist);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const requests = [];
  const pageErrors = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${origin}/workbench.html`, { timeout: TIMEOUT });
    await page.getByTestId('open-file').waitFor({ state: 'attached', timeout: TIMEOUT });
    for (const [name, scenario] of [
      ['workbench.html: 生成排名 on examples/ledger.xlsx agrees with the CLI', scenarioRank],
      ['workbench.html: 生成排名 refuses examples/ledger-errors.xlsx', scenarioRefuse],
      [
        'taskpane.html in a plain browser runs the workbench',
        (p) => scenarioTaskpaneOutsideOffice(p, origin),
      ],
    ]) {
      try {
        const detail = await scenario(page);
        results.push({ name, ok: true });
        log(`ok   ${name} (${detail})`);
      } catch (error) {
        results.push({ name, ok: false });
        log(`FAIL ${name}\n  ${error instanceof Error ? error.message : String(error)}`);
        await page
          .screenshot({ path: path.join(outDir, `e2e-failure-${results.length}.png`) })
          .catch(() => undefined);
      }
    }
    const inOffice = 'taskpane.html opened by Office loads office.js from the build setting';
    try {
      const detail = await scenarioTaskpaneInOffice(browser, origin, officeJsUrlOf(dist, origin));
      results.push({ name: inOffice, ok: true });
      log(`ok   ${inOffice} (${detail})`);
    } catch (error) {
      results.push({ name: inOffice, ok: false });
      log(`FAIL ${inOffice}\n  ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  // Nothing may leave the machine outside Office: every request of the workbench.html and
  // taskpane.html scenarios goes to our own origin (or stays in the page).
  const foreign = requests.filter(
    (url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'),
  );
  const name = `no request left localhost (${requests.length} requests)`;
  if (foreign.length === 0) {
    results.push({ name, ok: true });
    log(`ok   ${name}`);
  } else {
    results.push({ name, ok: false });
    log(`FAIL ${name}\n  ${foreign.join('\n  ')}`);
  }
  if (pageErrors.length > 0) log(`page errors:\n  ${pageErrors.join('\n  ')}`);
}

try {
  await main();
} catch (error) {
  results.push({ name: 'setup', ok: false });
  log(`FAIL setup: ${error instanceof Error ? error.stack : String(error)}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
