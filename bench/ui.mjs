#!/usr/bin/env node
// Benchmark `sentinel ui`: how fast the board opens in a real browser (Debian's chromium through
// playwright-core) on the example workspace and on a generated workspace of 1,000 capsules, and
// how long the server takes to answer the board's JSON cold (first read) and warm.
//
//   node bench/ui.mjs [--runs 5] [--capsules 1000] [--workspace <dir>]
//
// "open" = navigation start → the board's cards on screen (board JSON fetched and drawn).
// Budgets (issue 16): example board < 300 ms, 1,000 capsules < 1 s. Without chromium
// (CHROMIUM_PATH, else /usr/bin/chromium) only the server figures are printed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeExampleCopy } from '../scripts/example-copy.mjs';
import { hasFlag, numberOption, option, sentinelBin } from './lib/cli-args.mjs';
import { generateUiWorkspace } from './lib/ui-workspace.mjs';

const bin = sentinelBin('ui');
const runs = numberOption('--runs', 5);
const capsules = numberOption('--capsules', 1000);
const workspaceArg = option('--workspace', undefined);
const json = hasFlag('--json');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUDGET = { example: 300, large: 1000 };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
};

function startUi(cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'ui', '--port', '0', '--json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.on('exit', (code) => reject(new Error(`sentinel ui exited with ${code}`)));
    child.stdout.on('data', (d) => {
      out += d;
      try {
        const info = JSON.parse(out);
        child.removeAllListeners('exit');
        resolve({ ...info, stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
      } catch {
        /* more to come */
      }
    });
  });
}

async function timeJson(url) {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return Math.round(performance.now() - started);
}

async function measure(name, root, browser) {
  const started = performance.now();
  const ui = await startUi(root);
  const startup = Math.round(performance.now() - started);
  // The first answer may still be the start-up read of the workspace ("cold").
  const cold = await timeJson(`${ui.url}api/board`);
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await timeJson(`${ui.url}api/board`));
  const opens = [];
  const baselines = [];
  if (browser) {
    for (let i = 0; i < runs; i++) {
      // The browser's own floor on this machine: a static file from the same server, same way.
      const blank = await browser.newPage();
      const b0 = Date.now();
      await blank.goto(`${ui.url}favicon.svg`);
      baselines.push(
        Math.round(Math.min(await blank.evaluate(`performance.getEntriesByType('navigation')[0]?.loadEventEnd || performance.now()`), Date.now() - b0)),
      );
      await blank.close();
      const page = await browser.newPage();
      const t0 = Date.now();
      await page.goto(ui.openUrl);
      await page.locator('.card').first().waitFor();
      // Measured in the page (main.ts marks the first draw): navigation start → cards drawn,
      // without the driver's own round trips.
      const drawn = await page.evaluate(`performance.getEntriesByName('sentinel:drawn:board')[0]?.startTime ?? performance.now()`);
      opens.push(Math.round(Math.min(drawn, Date.now() - t0)));
      await page.close();
    }
  }
  await ui.stop();
  return { name, startup, cold, warm: median(warm), open: opens.length ? median(opens) : null, floor: baselines.length ? median(baselines) : null };
}

const results = [];
let browser;
if (existsSync(CHROMIUM)) {
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
} else if (!json) console.log(`no chromium at ${CHROMIUM}: server figures only`);

const example = makeExampleCopy('sentinel-bench-ui-');
const largeRoot = workspaceArg ? path.resolve(workspaceArg) : mkdtempSync(path.join(tmpdir(), 'sentinel-bench-ui-'));
try {
  results.push(await measure('example (5 capsules)', example.root, browser));
  if (!(workspaceArg && existsSync(path.join(largeRoot, '.git')))) {
    mkdirSync(largeRoot, { recursive: true });
    const t = performance.now();
    generateUiWorkspace(largeRoot, capsules);
    if (!json) console.log(`generated ${capsules} capsules with states, router logs and evidence in ${Math.round(performance.now() - t)}ms`);
  }
  results.push(await measure(`generated (${capsules} capsules)`, largeRoot, browser));
} finally {
  await browser?.close();
  example.cleanup();
  if (!workspaceArg) rmSync(largeRoot, { recursive: true, force: true });
}

if (json) console.log(JSON.stringify({ bench: 'ui', runs, results }));
else {
  console.log(`\nmedian of ${runs} run(s), node ${process.version}, ${bin}`);
  console.log(
    `${'workspace'.padEnd(26)}  ${'start'.padStart(7)}  ${'board cold'.padStart(10)}  ${'warm'.padStart(6)}  ${'open in chromium'.padStart(16)}  ${'static file'.padStart(11)}`,
  );
  const ms = (v) => (v === null ? '-' : `${v}ms`);
  for (const r of results)
    console.log(
      `${r.name.padEnd(26)}  ${ms(r.startup).padStart(7)}  ${ms(r.cold).padStart(10)}  ${ms(r.warm).padStart(6)}  ${ms(r.open).padStart(16)}  ${ms(r.floor).padStart(11)}`,
    );
  console.log(
    "start: spawn → URL printed; board cold: first /api/board; open: navigation start → cards drawn; static file: the same navigation to /favicon.svg (the machine's floor)",
  );
  console.log(`budgets: example open < ${BUDGET.example}ms, ${capsules} capsules open < ${BUDGET.large}ms (issue 16)`);
}
