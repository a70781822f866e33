import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { DOCS_GUIDE_NEW_ARGS } from '../helpers/capsules.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files); `init` spawns the built
 * binary, and so does the done with passing gates (exit 0, evidence written by a real process).
 */

/**
 * One docs capsule led by the Scribe, through route → phase → done (failing, then passing),
 * block/resume, and a hand-edited state that is detected and repaired.
 */
let repo: TempRepo;
const run = (...args: string[]) => runInProcess(args, { cwd: repo.dir });
const spawned = (...args: string[]) => runSentinel(args, { cwd: repo.dir });
const statePath = (slug: string) => path.join(repo.dir, '.sentinel/state', `${slug}.json`);
const state = (slug: string) => JSON.parse(readFileSync(statePath(slug), 'utf8'));

/** The project's test command: passes once the guide documents `demo stop` (the config stays as routed). */
const GUIDE_CHECK = "process.exit(require('fs').readFileSync('docs/guide.md','utf8').includes('demo stop')?0:1)";

function setCommand(script: string): void {
  const file = path.join(repo.dir, '.sentinel/config.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.gates.commands = { test: { run: `node -e "${script}"` } };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  repo.commit('config');
}

beforeAll(async () => {
  repo = makeTempRepo({ 'README.md': '# Demo\n' });
  expect((await spawned('init')).code).toBe(0);
  const created = await run(...DOCS_GUIDE_NEW_ARGS);
  expect(created.code, created.stderr + created.stdout).toBe(0);
  setCommand(GUIDE_CHECK);
}, 120_000);
afterAll(() => repo.cleanup());

describe('capsule lifecycle', () => {
  it('status shows a new capsule as ready, without lead or age', async () => {
    const result = await run('status', '--json');
    expect(result.code).toBe(0);
    const row = result.json().capsules.find((c: { slug: string }) => c.slug === 'docs-guide');
    expect(row).toMatchObject({ status: 'ready', lead: null, phase: null, age: null, tampered: false });
  });

  it('phase, done and block refuse an unrouted capsule (exit 2)', async () => {
    for (const args of [
      ['capsule', 'phase', 'docs-guide', 'ORIENT'],
      ['capsule', 'done', 'docs-guide'],
      ['capsule', 'block', 'docs-guide', '--reason', 'x'],
    ]) {
      const result = await run(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('sentinel route docs-guide');
    }
  });

  it('records playbook phases forward only, after routing', async () => {
    expect((await run('route', 'docs-guide')).code).toBe(0);
    const first = await run('capsule', 'phase', 'docs-guide', 'orient');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('docs-guide: phase ORIENT (1/4); in_progress, lead scribe.');
    expect((await run('capsule', 'phase', 'docs-guide', 'write')).code).toBe(0);
    const again = await run('capsule', 'phase', 'docs-guide', 'WRITE', '--json');
    expect(again.json()).toMatchObject({ ok: true, changed: false, phase: 'WRITE' });
    const back = await run('capsule', 'phase', 'docs-guide', 'ORIENT');
    expect(back.code).toBe(2);
    expect(back.stderr).toContain('phases only move forward');
    const unknown = await run('capsule', 'phase', 'docs-guide', 'DEPLOY');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('known: ORIENT, WRITE, VERIFY, HANDOFF');
    const s = state('docs-guide');
    expect(s).toMatchObject({ status: 'in_progress', lead: 'scribe', phase: 'WRITE' });
    expect(s.history.map((h: { to: string; phase?: string }) => `${h.to}:${h.phase ?? ''}`)).toEqual(['routed:', 'in_progress:ORIENT', 'in_progress:WRITE']);
  });

  it('done refuses before VERIFY was entered (no gate run, nothing recorded)', async () => {
    const refused = await run('capsule', 'done', 'docs-guide');
    expect(refused.code, refused.stdout + refused.stderr).toBe(2);
    expect(refused.stderr).toContain('never entered VERIFY');
    expect(refused.stderr).toContain('sentinel capsule phase docs-guide VERIFY');
    expect(existsSync(path.join(repo.dir, '.sentinel/evidence/docs-guide'))).toBe(false);
  });

  it('done --skip-phases with a failing gate stays in_progress, says why, exits 1 and keeps the reason in the evidence', async () => {
    repo.write({ 'docs/guide.md': '# Guide\n\n`demo run` runs the demo.\n' });
    const result = await run('capsule', 'done', 'docs-guide', '--skip-phases', 'typo fix, checked by hand');
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain('COMMAND_FAILED');
    expect(result.stdout).toMatch(/docs-guide stays in_progress: commands failed/);
    const s = state('docs-guide');
    expect(s.status).toBe('in_progress');
    expect(s.gates.commands).toBe('fail');
    expect(s.evidence).toEqual([]);
    expect(existsSync(path.join(repo.dir, s.evidenceFile))).toBe(true);
    const record = JSON.parse(readFileSync(path.join(repo.dir, s.evidenceFile), 'utf8'));
    expect(record.outcome).toBe('failed');
    expect(record.phases).toEqual({ entered: ['ORIENT', 'WRITE'], verification: 'VERIFY', skipped: { phase: 'VERIFY', reason: 'typo fix, checked by hand' } });
  });

  it('block and resume keep the phase', async () => {
    const blocked = await run('capsule', 'block', 'docs-guide', '--reason', 'waiting for the CLI to settle');
    expect(blocked.code).toBe(0);
    expect(state('docs-guide')).toMatchObject({ status: 'blocked', phase: 'WRITE' });
    expect((await run('capsule', 'done', 'docs-guide')).code).toBe(2);
    expect((await run('capsule', 'phase', 'docs-guide', 'VERIFY')).code).toBe(0);
    expect(state('docs-guide')).toMatchObject({ status: 'in_progress', phase: 'VERIFY' });
  });

  it('done with passing gates marks done and stores evidence per gate and per command', async () => {
    repo.write({ 'docs/guide.md': '# Guide\n\n`demo run` runs the demo.\n`demo stop` stops it.\n' });
    const result = await spawned('capsule', 'done', 'docs-guide', '--json');
    const report = result.json();
    expect(
      result.code,
      JSON.stringify(
        report.gates?.filter((g: { status: string }) => g.status === 'fail'),
        null,
        1,
      ),
    ).toBe(0);
    expect(report).toMatchObject({ ok: true, status: 'done', phase: 'VERIFY', failed: [] });
    const reviewed = { text: '`docs/guide.md` lists every command of the demo CLI', class: 'inspectable', checkedBy: 'review' };
    expect(report.acceptance).toMatchObject([reviewed]);
    const record = JSON.parse(readFileSync(path.join(repo.dir, report.evidenceFile), 'utf8'));
    expect(record.acceptance).toMatchObject([reviewed]);
    expect(record.phases).toEqual({ entered: ['ORIENT', 'WRITE', 'VERIFY'], verification: 'VERIFY' });
    const s = state('docs-guide');
    expect(s.status).toBe('done');
    expect(s.gates.mcp).toBeUndefined();
    const gates = s.evidence.map((e: { gate: string }) => e.gate);
    expect(new Set(gates)).toEqual(new Set(Object.keys(s.gates)));
    const command = s.evidence.find((e: { gate: string }) => e.gate === 'commands');
    expect(command).toMatchObject({ command: `node -e "${GUIDE_CHECK}"`, exitCode: 0, status: 'ok' });
    const scope = s.evidence.find((e: { gate: string }) => e.gate === 'scope');
    expect(scope).toMatchObject({ command: 'sentinel check --only scope --capsule docs-guide', exitCode: 0 });
    for (const e of s.evidence) {
      expect(e.outputSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(e.treeHash).toMatch(/^[0-9a-f]{40}$/);
      expect(e.treeHash).toBe(s.evidence[0].treeHash);
    }
    expect(readdirSync(path.join(repo.dir, '.sentinel/evidence/docs-guide'))).toHaveLength(2);
    expect(s.history.at(-1)).toMatchObject({ from: 'in_progress', to: 'done', by: 'referee' });
  });

  it('a done capsule is final', async () => {
    const again = await run('capsule', 'phase', 'docs-guide', 'HANDOFF');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is done');
  });

  it('a hand-edited state is flagged by status, refused by done, and repaired from the router log', async () => {
    const file = statePath('docs-guide');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"status": "done"', '"status": "in_progress"'));
    const status = await run('status');
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/docs-guide\s+in_progress TAMPERED/);
    expect(status.stdout).toContain('STATE_TAMPERED');
    const done = await run('capsule', 'done', 'docs-guide');
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('edited by hand');
    expect(done.stderr).toContain('sentinel status --repair docs-guide');

    const repaired = await run('status', '--repair', 'docs-guide', '--json');
    expect(repaired.code, repaired.stdout).toBe(0);
    expect(repaired.json()).toMatchObject({ ok: true, status: 'routed', lead: 'scribe' });
    expect(existsSync(path.join(repo.dir, repaired.json().keptAs))).toBe(true);
    expect(state('docs-guide')).toMatchObject({ status: 'routed', lead: 'scribe', evidence: [] });
    expect((await run('status')).code).toBe(0);
    expect((await run('status', '--repair', 'docs-guide')).code).toBe(2);
  });
});
