// Per-file facts cached by content (src/core/cache/file-facts.ts): a check that reuses them reports
// exactly what a check without a cache reports — cold, warm, and after a one-file edit — and a cache
// file edited by hand is ignored, not trusted. In-process on the bench's seeded workspace with its
// planted findings, so every cached fact (lines, env reads, capsules, fixture verdicts) shows up.
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs generator shared with bench/
import { generateCheckWorkspace, sourcePath } from '../../../bench/lib/check-workspace.mjs';
import { openCache } from '../../../src/core/cache/store.js';
import { runCheck } from '../../../src/core/gates/run-check.js';
import type { CheckReport } from '../../../src/core/report/check-report.js';
import { loadConfig } from '../../../src/core/workspace/config.js';
import { layoutOf } from '../../../src/core/workspace/layout.js';

const SKIP = ['sentinels', 'commands', 'mcp'];
const SIZE = { capsules: 100, contracts: 2, fixturesPerContract: 60, sources: 2_000 };
const secret = randomBytes(32);

/** Timings, and how many schemas this run compiled (none when every verdict was reused), differ; nothing else may. */
function content(report: CheckReport): string {
  return JSON.stringify(report, (key, value: unknown) =>
    ['durationMs', 'waitMs', 'wallMs', 'sharedMs', 'validatorsCompiled'].includes(key) ? undefined : value,
  );
}

let root: string;
const cacheDir = () => path.join(root, ...layoutOf(loadConfig(root)).cacheDir.split('/'));
const cache = () => openCache({ dir: cacheDir(), version: 'test', secret });

async function check(withCache: boolean) {
  let counts = { reused: 0, computed: 0 };
  const report = await runCheck(root, loadConfig(root), {
    skip: SKIP,
    ...(withCache ? { cache: cache(), onFacts: (c: typeof counts) => (counts = c) } : {}),
  });
  return { report, counts };
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sentinel-incremental-'));
  generateCheckWorkspace(root, SIZE, { faults: true });
  // Files modified in the last two seconds are not recorded (their timestamps could still move within a tick).
  await new Promise((resolve) => setTimeout(resolve, 2_100));
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true, maxRetries: 5 }), 60_000);

describe('check with per-file facts from the cache', () => {
  it('reports the same cold and warm as without a cache, and reuses every fact when nothing changed', async () => {
    const fresh = await check(false);
    const gate = (name: string) => fresh.report.gates.find((g) => g.gate === name)!;
    // Something in every cached kind of fact to get wrong.
    expect(gate('context').diagnostics.map((d) => d.code)).toContain('CONTEXT_OVER_BUDGET');
    expect(gate('runbook').diagnostics.map((d) => d.code)).toContain('RUNBOOK_ENV_UNUSED');
    expect(gate('capsules').status).toBe('fail');
    expect((gate('contracts').data.fixtures as unknown[]).length).toBe(120);

    const cold = await check(true);
    expect(content(cold.report)).toBe(content(fresh.report));
    expect(cold.counts.reused).toBe(0);
    const warm = await check(true);
    expect(content(warm.report)).toBe(content(fresh.report));
    expect(warm.counts).toEqual({ reused: cold.counts.computed, computed: 0 });
  }, 120_000);

  it('after a one-file edit, works on that file only and reports what a fresh check reports', async () => {
    // Over its line budget now, and reading an environment variable no runbook documents.
    const edited = sourcePath(7);
    appendFileSync(path.join(root, edited), `${'export const x = 1;\n'.repeat(400)}export const y = process.env.EDITED_FLAG;\n`);
    const warm = await check(true);
    const fresh = await check(false);
    expect(content(warm.report)).toBe(content(fresh.report));
    const context = warm.report.gates.find((g) => g.gate === 'context')!;
    expect(context.diagnostics.some((d) => d.code === 'CONTEXT_OVER_BUDGET' && d.path === edited)).toBe(true);
    expect(JSON.stringify(warm.report.gates.find((g) => g.gate === 'runbook')!.diagnostics)).toContain('EDITED_FLAG');
    // Its line count and its env reads: two facts of one file.
    expect(warm.counts.computed).toBe(2);
  }, 120_000);

  it('ignores a cache file edited by hand: the gates see the files, not the forged facts', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await check(true); // records the edited file too
    const over = sourcePath(7);
    const folder = readdirSync(cacheDir()).find((d) => d.startsWith('v'))!;
    // A file-facts shard (capsule verdicts name source files too, in their Allowed Context answers).
    const forged = readdirSync(path.join(cacheDir(), folder))
      .filter((name) => name.startsWith('files-'))
      .map((name) => path.join(cacheDir(), folder, name))
      .find((file) => readFileSync(file, 'utf8').includes(`"${over}"`))!;
    const text = readFileSync(forged, 'utf8');
    // The record's line count, rewritten well under the budget.
    const pattern = new RegExp(`("${over.replace(/[/.]/g, '\\$&')}",\\{"s":"[^"]*","h":"[0-9a-f]+","f":\\{.*?"line-count":)(\\d+)`);
    expect(pattern.exec(text)?.[2]).toBe('417');
    writeFileSync(forged, text.replace(pattern, '$110'));
    const warm = await check(true);
    const fresh = await check(false);
    expect(content(warm.report)).toBe(content(fresh.report));
    expect(warm.report.gates.find((g) => g.gate === 'context')!.diagnostics.some((d) => d.code === 'CONTEXT_OVER_BUDGET' && d.path === over)).toBe(true);
    expect(warm.counts.computed).toBeGreaterThan(0);
  }, 120_000);

  it('keeps capsule verdicts shared with status, and judges an edited capsule again', async () => {
    const capsule = '.specify/specs/0003-capsule/capsule.md';
    const before = await check(true);
    const failedBefore = (before.report.gates.find((g) => g.gate === 'capsules')!.data.capsules as { ok: boolean }[]).filter((c) => !c.ok).length;
    writeFileSync(path.join(root, capsule), '# Capsule 3\n\nNothing else.\n');
    const warm = await check(true);
    const fresh = await check(false);
    expect(content(warm.report)).toBe(content(fresh.report));
    const capsules = warm.report.gates.find((g) => g.gate === 'capsules')!;
    expect((capsules.data.capsules as { ok: boolean }[]).filter((c) => !c.ok).length).toBe(failedBefore + 1);
    expect(capsules.diagnostics.some((d) => d.path === capsule && d.severity === 'error')).toBe(true);
  }, 120_000);
});
