// Sharding on the issue-14 workspace (1,000 capsules, 2,000 fixtures, 20,000 source files, with
// planted findings in every sliced gate): `check --shard i/n` reports joined by `report merge` equal
// one unsharded check, and so do their JUnit, SARIF and Markdown renderings. In-process: a spawn
// would only add node start-ups to an already large test.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs generator shared with bench/
import { generateCheckWorkspace, SIZES } from '../../../bench/lib/check-workspace.mjs';
import { runCheck } from '../../../src/core/gates/run-check.js';
import { parseShard, shardOwns } from '../../../src/core/gates/shard.js';
import type { CheckReport } from '../../../src/core/report/check-report.js';
import { mergeCheckReports } from '../../../src/core/report/merge.js';
import { loadConfig } from '../../../src/core/workspace/config.js';
import { renderJUnit } from '../../../src/cli/render/junit.js';
import { renderMarkdown } from '../../../src/cli/render/markdown.js';
import { renderSarif } from '../../../src/cli/render/sarif.js';

// The gates that start processes are CI's own business; everything else runs.
const SKIP = ['sentinels', 'commands', 'mcp'];

/** Timings differ run to run; everything else must not. */
function content(report: CheckReport): CheckReport {
  const { shard: _s, sharedMs: _m, ...rest } = report;
  return { ...rest, durationMs: 0, gates: report.gates.map(({ waitMs: _w, wallMs: _x, ...g }) => ({ ...g, durationMs: 0 })) };
}
const sarif = (r: CheckReport) =>
  renderSarif(r, {
    toolVersion: '0.0.0',
    informationUri: 'https://example.com',
    helpBaseUri: 'https://example.com/docs',
    fallbackPath: '.sentinel/config.json',
  });

let root: string;
let whole: CheckReport;
let shards: CheckReport[];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sentinel-shard-'));
  generateCheckWorkspace(root, SIZES.medium, { faults: true });
  const config = loadConfig(root);
  whole = await runCheck(root, config, { skip: SKIP });
  shards = [];
  for (const index of [1, 2]) shards.push(await runCheck(root, config, { skip: SKIP, shard: { index, count: 2 } }));
}, 240_000);
afterAll(() => rm(root, { recursive: true, force: true, maxRetries: 5 }), 180_000);

describe('check --shard i/n and report merge on 20,000 files', () => {
  it('has findings in every sliced gate to agree on', () => {
    const gate = (name: string) => whole.gates.find((g) => g.gate === name)!;
    expect(gate('context').diagnostics.map((d) => d.code)).toContain('CONTEXT_OVER_BUDGET');
    expect(gate('contracts').status).toBe('fail');
    expect(gate('capsules').status).toBe('fail');
    const runbook = gate('runbook').diagnostics.map((d) => d.code);
    expect(runbook).toContain('RUNBOOK_ENV_UNDOCUMENTED');
    expect(
      gate('runbook')
        .diagnostics.filter((d) => d.code === 'RUNBOOK_ENV_UNUSED')
        .map((d) => d.message.split(' ')[0]),
    ).toEqual(['LEGACY_FLAG']);
  });

  it('splits the per-file work: each shard measures about half the files, together all of them once', () => {
    const files = (r: CheckReport) => (r.gates.find((g) => g.gate === 'context')!.data.files as { path: string }[]).map((f) => f.path);
    const [a, b] = shards.map(files);
    expect(a!.length + b!.length).toBe(files(whole).length);
    expect(Math.abs(a!.length - b!.length)).toBeLessThan(files(whole).length * 0.05);
    expect(new Set([...a!, ...b!]).size).toBe(files(whole).length);
    // Whole gates run in one shard each.
    for (const gate of whole.gates.filter((g) => !shards[0]!.shard!.sliced.includes(g.gate))) {
      expect(shards.filter((s) => !/^runs in shard/.test(s.gates.find((g) => g.gate === gate.gate)!.summary))).toHaveLength(1);
    }
  });

  it('merges into the report of the unsharded run, whatever order the shard reports come in', () => {
    // Byte for byte, key order included: the merged JSON is the unsharded JSON.
    expect(JSON.stringify(content(mergeCheckReports(shards)))).toBe(JSON.stringify(content(whole)));
    expect(JSON.stringify(content(mergeCheckReports([...shards].reverse())))).toBe(JSON.stringify(content(whole)));
  });

  it('renders the merged report to the same JUnit, SARIF and Markdown', () => {
    const merged = content(mergeCheckReports(shards));
    const single = content(whole);
    expect(renderJUnit(merged)).toBe(renderJUnit(single));
    expect(sarif(merged)).toBe(sarif(single));
    expect(renderMarkdown(merged)).toBe(renderMarkdown(single));
  });

  it('refuses a partial, repeated or mixed set of shard reports', () => {
    expect(() => mergeCheckReports([shards[0]!])).toThrow(/Expected shards 1…2 once each/);
    expect(() => mergeCheckReports([shards[0]!, shards[0]!])).toThrow(/Expected shards 1…2 once each/);
    expect(() => mergeCheckReports([shards[0]!, { ...shards[1]!, base: 'f'.repeat(40) }])).toThrow(/differ in base/);
    expect(() => mergeCheckReports([whole])).toThrow(/not a shard report/);
  });
});

describe('shard assignment', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/is not i\/n/);
  });
  it('gives every path to exactly one shard, the same on every call', () => {
    const paths = Array.from({ length: 3_000 }, (_, i) => `src/m${i % 7}/f${i}.ts`);
    for (const count of [1, 3, 8]) {
      const owners = paths.map((p) => Array.from({ length: count }, (_, i) => i + 1).filter((index) => shardOwns({ index, count }, p)));
      expect(owners.every((o) => o.length === 1)).toBe(true);
      const sizes = Array.from({ length: count }, (_, i) => owners.filter((o) => o[0] === i + 1).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan((paths.length / count) * 0.2);
    }
  });
});
