// `sentinel hook commit-msg` adds provenance trailers while a capsule is active; the commits gate
// finds the commit that touched a capsule's outputs without them.
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, SENTINEL_BIN, type TempRepo } from '../helpers/cli.js';

const capsule =
  '# Capsule orders@0123abcd\n\n## Goal\nOrders.\n\n## Required Outputs\n- `src/orders/`\n\n## Acceptance Criteria\n- `npm test` passes\n\n## Allowed Context\n- `src/`\n\n## Router Notes\n- Lead: backender\n- Decision: D-0001\n';

let repo: TempRepo;
let base: string;
const commit = (message: string, env: NodeJS.ProcessEnv = {}) => {
  repo.git('add', '-A');
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo.dir, env: { ...process.env, ...env } });
};
const hook = path.join('.git', 'hooks', 'commit-msg');

beforeAll(() => {
  repo = makeTempRepo({ '.specify/specs/orders/capsule.md': capsule, 'src/other.ts': 'export const x = 1;\n' });
  base = repo.git('rev-parse', 'HEAD').trim();
  writeFileSync(path.join(repo.dir, hook), `#!/bin/sh\nexec "${process.execPath}" "${SENTINEL_BIN}" hook commit-msg "$1"\n`);
  chmodSync(path.join(repo.dir, hook), 0o755);
  repo.write({ 'src/orders/a.ts': 'export const a = 1;\n' });
  commit('add orders a', { SENTINEL_CAPSULE: 'orders' });
}, 120_000);
afterAll(() => repo.cleanup());

describe('commit-msg hook and the commits gate', () => {
  it('adds the capsule and decision trailers with git interpret-trailers', () => {
    const message = repo.git('log', '-1', '--format=%B');
    expect(message).toContain('add orders a\n\nSentinel-Capsule: orders@0123abcd\nSentinel-Decision: D-0001\n');
  });

  it('leaves a commit made with no active capsule alone', () => {
    repo.write({ 'src/other.ts': 'export const x = 2;\n' });
    commit('unrelated change', { SENTINEL_CAPSULE: '' });
    expect(repo.git('log', '-1', '--format=%B').trim()).toBe('unrelated change');
  });

  it('passes while every commit touching the outputs carries the trailer, fails on one that does not', async () => {
    const ok = await runSentinel(['check', '--only', 'commits', '--base', base, '--json'], { cwd: repo.dir });
    expect(ok.code, ok.stdout).toBe(0);
    // A commit made without the hook (e.g. --no-verify) that changes the capsule's output.
    repo.write({ 'src/orders/b.ts': 'export const b = 1;\n' });
    repo.git('add', '-A');
    execFileSync('git', ['commit', '-q', '--no-verify', '-m', 'sneak b in'], { cwd: repo.dir });
    const result = await runSentinel(['check', '--only', 'commits', '--base', base, '--json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    const gate = JSON.parse(result.stdout).gates[0];
    expect(gate.diagnostics.map((d: { code: string; path: string }) => [d.code, d.path])).toEqual([['COMMITS_TRAILER_MISSING', 'src/orders/b.ts']]);
    expect(gate.diagnostics[0].message).toContain('"sneak b in"');
    expect(gate.diagnostics[0].fix).toContain('Sentinel-Capsule: orders@0123abcd');
  });
});
