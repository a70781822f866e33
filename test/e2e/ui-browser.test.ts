// The board in a real browser: Debian's chromium driven by playwright-core (CHROMIUM_PATH, else
// /usr/bin/chromium; `.ci/run` installs it). Board → capsule → evidence, a live update without a
// reload, a half-written file as an error card, the action refused without the token and streamed
// with it, keyboard navigation, and axe-core on the three pages. Screenshots go to test-results/ui/.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeExampleCopy, REPO_ROOT } from '../../scripts/example-copy.mjs';
import { runSentinel } from '../helpers/cli.js';
import { startUi, type RunningUi } from '../helpers/ui-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(REPO_ROOT, 'test-results', 'ui');
const AXE = readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

async function axeSerious(page: Page): Promise<string[]> {
  // Evaluated through the devtools protocol: the page's own CSP (script-src 'self') stays on.
  await page.evaluate(AXE);
  // Strings, not functions: this file is type-checked without the DOM library.
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  )) as { id: string; impact: string; where: string[] }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} at ${v.where.join(', ')}`);
}

async function shoot(page: Page, name: string): Promise<string> {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: name !== 'board' });
  return file;
}

describe('sentinel ui in chromium', () => {
  let copy: { root: string; cleanup: () => void };
  let ui: RunningUi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}: \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
    mkdirSync(SHOTS, { recursive: true });
    copy = makeExampleCopy('sentinel-ui-browser-');
    // The check action runs every gate; the example's own lint/typecheck/tests (~40 s) and the
    // MCP smoke test are left to npm start and mcp.test.ts.
    const configFile = path.join(copy.root, '.sentinel', 'config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.gates.disabled = ['commands', 'sentinels', 'mcp'];
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    ui = await startUi(copy.root);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 }, colorScheme: 'light' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
    copy?.cleanup();
  });

  it('shows the board with its columns, lead roles, phases and last gate results', async () => {
    await page.goto(ui.openUrl);
    await page.locator('.card').first().waitFor();
    await expect.poll(() => page.locator('#live').textContent()).toBe('live');
    const done = page.locator('.col-done');
    expect(await done.locator('h2').textContent()).toContain('3');
    const ci = page.locator('.card', { hasText: 'orders-ci' });
    expect(await ci.locator('.lead').textContent()).toBe('releaser');
    expect(await ci.locator('.phase').textContent()).toBe('PIPELINE 2/5');
    expect(await page.locator('.card', { hasText: 'orders-api' }).locator('.gate').textContent()).toContain('ok');
    const file = await shoot(page, 'board');
    if (process.env.SENTINEL_UPDATE_SCREENSHOTS) copyFileSync(file, path.join(REPO_ROOT, 'docs', 'ui-board.png'));
    expect(await axeSerious(page)).toEqual([]);
  }, 120_000);

  it('goes board → capsule → evidence by clicking', async () => {
    await page.goto(ui.openUrl);
    await page.locator('.card-link', { hasText: 'orders-api' }).click();
    await page.locator('h1', { hasText: 'Serve the orders API' }).waitFor();
    expect(page.url()).toContain('#/capsule/orders-api');
    expect(await page.locator('#goal-h + p').textContent()).toContain('Fastify and SQLite');
    expect(await page.locator('.criteria .class').allTextContents()).toContain('command');
    expect(await page.locator('tr.chosen th').textContent()).toContain('backender');
    await shoot(page, 'capsule');
    expect(await axeSerious(page)).toEqual([]);

    await page.locator('.evidence-list a').first().click();
    await page.locator('h1', { hasText: 'Evidence' }).waitFor();
    expect(await page.locator('.gate-block h2').count()).toBeGreaterThan(5);
    expect(await page.locator('.gate-block', { hasText: 'scope' }).locator('.badge').first().textContent()).toBe('ok');
    await shoot(page, 'evidence');
    expect(await axeSerious(page)).toEqual([]);
  }, 120_000);

  it('moves a card when its state file changes, without a reload', async () => {
    await page.goto(ui.openUrl);
    await page.locator('.card').first().waitFor();
    await page.evaluate('window.marker = 42');
    const blocked = await runSentinel(['capsule', 'block', 'orders-ci', '--reason', 'waiting for CI secrets'], { cwd: copy.root });
    expect(blocked.code).toBe(0);
    await page.locator('.col-blocked .card', { hasText: 'orders-ci' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.col-in_progress .card', { hasText: 'orders-ci' }).count()).toBe(0);
    expect(await page.evaluate('window.marker')).toBe(42);
  }, 120_000);

  it('shows a half-written state file as an error card and keeps the board', async () => {
    await page.goto(ui.openUrl);
    await page.locator('.card').first().waitFor();
    writeFileSync(path.join(copy.root, '.sentinel', 'state', 'half.json'), '{"schema": 1, "slug": "ha');
    await page.locator('.error-card', { hasText: '.sentinel/state/half.json' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.card').count()).toBe(5);
    await shoot(page, 'error-card');
  }, 120_000);

  it('refuses the check without the token, and streams it with the token', async () => {
    const readOnly = await browser.newPage();
    await readOnly.goto(`${ui.url}#/capsule/orders-logging`);
    await readOnly.locator('#run-check').click();
    await expect.poll(() => readOnly.locator('.check-result').textContent(), { timeout: 30_000 }).toContain('Refused (403 UI_TOKEN)');
    await readOnly.close();

    await page.goto(`${ui.openUrl}#/capsule/orders-logging`);
    await page.locator('#run-check').click();
    await expect.poll(() => page.locator('.check-result').textContent(), { timeout: 120_000 }).toMatch(/^(Passed|Failed): /);
    const lines = await page.locator('.progress li').allTextContents();
    expect(lines[0]).toMatch(/^Running \d+ gates: capsules/);
    expect(lines.some((l) => /^scope (ok|fail|pending|skipped) — /.test(l))).toBe(true);
    await page.goto(`${ui.openUrl}#/checks`);
    await page.locator('.gate-block', { hasText: 'run from this board' }).first().waitFor();
    await shoot(page, 'checks');
  }, 180_000);

  it('is keyboard navigable: skip link, `/` to the filter, board → capsule → evidence with Tab and Enter', async () => {
    const keys = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await keys.goto(ui.openUrl);
    await keys.locator('.card').first().waitFor();
    const focused = () =>
      keys.evaluate<[string, string, string | null]>(
        '[document.activeElement.tagName, (document.activeElement.textContent || "").trim().slice(0, 40), document.activeElement.getAttribute("type")]',
      );
    await keys.keyboard.press('Tab');
    expect(await focused()).toEqual(['A', 'Skip to content', null]);
    await keys.keyboard.press('/');
    expect((await focused())[2]).toBe('search');
    await keys.keyboard.type('orders-api');
    await expect.poll(() => keys.locator('.card').count()).toBe(1);
    // Tab from the filter until the card's link has focus, then open it with Enter.
    for (let i = 0; i < 20 && !(await keys.evaluate('document.activeElement.classList.contains("card-link")')); i++) await keys.keyboard.press('Tab');
    expect(await keys.evaluate('document.activeElement.textContent')).toContain('orders-api');
    await keys.keyboard.press('Enter');
    await keys.locator('h1', { hasText: 'Serve the orders API' }).waitFor();
    expect(await keys.evaluate('document.activeElement.tagName')).toBe('H1');
    for (let i = 0; i < 60 && !(await keys.evaluate('!!document.activeElement.closest(".evidence-list")')); i++) await keys.keyboard.press('Tab');
    await keys.keyboard.press('Enter');
    await keys.locator('h1', { hasText: 'Evidence' }).waitFor();
    expect(keys.url()).toContain('#/capsule/orders-api/evidence/');
    await keys.close();
  }, 120_000);

  it('is readable in dark mode', async () => {
    const dark = await browser.newPage({ viewport: { width: 1400, height: 860 }, colorScheme: 'dark' });
    await dark.goto(ui.openUrl);
    await dark.locator('.card').first().waitFor();
    const background = await dark.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(17, 19, 23)');
    await shoot(dark, 'board-dark');
    expect(await axeSerious(dark)).toEqual([]);
    await dark.close();
  }, 120_000);
});
