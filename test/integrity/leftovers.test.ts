import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LEFTOVER_MIN_AGE_MS } from '../../src/core/workspace/scratch.js';
import { HONEST_GUIDE, arena, done, type Arena } from './workspace.js';

/**
 * Issue 11 item 10: what a `capsule done`, `decide` or `stamp` killed with -9 leaves behind (temp
 * copies and locks of a dead process) must not fail later runs, and is cleaned by the next one.
 */
let a: Arena;
beforeAll(async () => {
  a = await arena();
});
beforeEach(() => a.reset());
afterAll(() => a.repo.cleanup());

/** The pid of a process that has exited: what a lock or temp file of a killed run holds. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

function plant(rel: string, content: string): string {
  const file = path.join(a.repo.dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('leftovers of a killed run', () => {
  it('temp copies and locks of a killed decide, stamp or done fail no gate and are cleaned by the next run', async () => {
    const pid = deadPid();
    const lock = `${pid}\n${Date.now()}\n`;
    const planted = [
      // Written beside their targets by earlier versions: the ledger, a capsule, a stamped file.
      plant(`.sentinel/.DECISIONS.md.${pid}.1a2b3c4d.tmp`, '# Decisions\n'),
      plant(`docs/.guide.md.${pid}.0f0e0d0c.tmp`, `${'x'.repeat(4096)}\n`),
      plant('docs/guide.md.lock', lock),
      plant('docs/guide.md.lock.break', ''),
      plant(`.sentinel/state/.docs-guide.json.${pid}.aabbccdd.tmp`, '{'),
      plant('.sentinel/state/docs-guide.json.lock', lock),
      // Sentinel's own temp folder.
      plant(`.sentinel/tmp/.DECISIONS.md.${pid}.11223344.tmp`, '# Decisions\n'),
      plant(`.sentinel/tmp/locks/DECISIONS.md.0123456789abcdef.lock`, lock),
    ];
    // Leftovers are swept only once older than the minimum age (a live writer in another pid
    // namespace can look dead), a break file too (a live waiter holds it for a moment).
    const old = new Date(Date.now() - LEFTOVER_MIN_AGE_MS - 60_000);
    for (const file of planted) utimesSync(file, old, old);
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });

    const scope = await a.run('check', '--only', 'scope', '--capsule', 'docs-guide', '--json');
    expect(scope.code, scope.stdout + scope.stderr).toBe(0);
    for (const file of planted) expect(existsSync(file), `${file} is still there`).toBe(false);

    // A live process's files are left alone, even when they are in the way of nothing.
    const live = plant(`.sentinel/tmp/.DECISIONS.md.${process.pid}.55667788.tmp`, 'x');
    const verdict = await done(a);
    expect(verdict.code, JSON.stringify(verdict.report.gates?.filter((g: any) => g.status === 'fail'))).toBe(0);
    expect(existsSync(live)).toBe(true);
  });

  it('a run killed just now fails no gate: its young leftovers stay on disk, unjudged, until old enough to delete', async () => {
    const pid = deadPid();
    const planted = [
      plant(`docs/.guide.md.${pid}.0f0e0d0c.tmp`, `${'x'.repeat(4096)}\n`),
      plant('docs/guide.md.lock', `${pid}\n${Date.now()}\n`),
      plant('docs/guide.md.lock.break', ''),
    ];
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });
    const scope = await a.run('check', '--only', 'scope', '--capsule', 'docs-guide', '--json');
    expect(scope.code, scope.stdout + scope.stderr).toBe(0);
    for (const file of planted) expect(existsSync(file), `${file} was deleted while young`).toBe(true);

    const old = new Date(Date.now() - LEFTOVER_MIN_AGE_MS - 60_000);
    for (const file of planted) utimesSync(file, old, old);
    const later = await a.run('check', '--only', 'scope', '--capsule', 'docs-guide', '--json');
    expect(later.code, later.stdout + later.stderr).toBe(0);
    for (const file of planted) expect(existsSync(file), `${file} is still there`).toBe(false);
  });

  it('a young file named almost like a temp copy or lock, or whose writer is alive, is still judged', async () => {
    const pid = deadPid();
    const posing = [
      `docs/.guide.md.${process.pid}.0a0b0c0d.tmp`, // its writer is alive
      `docs/.guide.md.${pid}.0a0b0c0.tmp`, // seven hex digits
      `docs/.guide.md.${pid}.0A0B0C0D.tmp`, // upper-case hex
      `docs/guide.${pid}.0a0b0c0d.tmp`, // no leading dot
      'docs/extra.lock', // a lock body plus code
      'docs/extra.lock.break', // a breaker with content
    ];
    a.repo.write({
      'docs/guide.md': HONEST_GUIDE,
      ...Object.fromEntries(posing.map((rel) => [rel, rel.endsWith('.lock') ? `${pid}\n${Date.now()}\nexport {};\n` : 'export const x = 1;\n'])),
    });
    const scope = await a.run('check', '--only', 'scope', '--capsule', 'docs-guide', '--json');
    expect(scope.code).toBe(1);
    const findings = JSON.stringify(scope.json().gates[0].diagnostics);
    for (const rel of posing) expect(findings, rel).toContain(rel);
    for (const rel of posing) expect(existsSync(path.join(a.repo.dir, rel)), rel).toBe(true);
  });

  it('a user file that only looks like a lock or a temp copy is judged, never deleted', async () => {
    const pid = deadPid();
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE, 'docs/notes.lock': 'not a sentinel lock\n', [`docs/.draft.${pid}.tmp`]: 'a draft\n' });
    const scope = await a.run('check', '--only', 'scope', '--capsule', 'docs-guide', '--json');
    expect(scope.code).toBe(1);
    const findings = JSON.stringify(scope.json().gates[0].diagnostics);
    expect(findings).toContain('docs/notes.lock');
    expect(findings).toContain(`docs/.draft.${pid}.tmp`);
    expect(existsSync(path.join(a.repo.dir, 'docs/notes.lock'))).toBe(true);
  });

  it('decide and stamp leave nothing in the work tree, and a stamped script keeps its exec bit', async () => {
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE, 'scripts/run.sh': '#!/bin/sh\necho hi\n' });
    chmodSync(path.join(a.repo.dir, 'scripts/run.sh'), 0o755);
    a.repo.commit('script');
    const decided = await a.run('decide', '--author', 'scribe', '--scope', 'guide', '--decision', 'Write it', '--rationale', 'Users ask', '--json');
    expect(decided.code, decided.stderr).toBe(0);
    const stamped = await a.run('stamp', 'scripts/run.sh', '--decision', decided.json().id, '--agent', 'scribe');
    expect(stamped.code, stamped.stderr + stamped.stdout).toBe(0);
    expect(statSync(path.join(a.repo.dir, 'scripts/run.sh')).mode & 0o777).toBe(0o755);
    const status = a.repo.git('status', '--porcelain', '--untracked-files=all');
    expect(status).not.toMatch(/\.tmp|\.lock/);
    expect(readdirSync(path.join(a.repo.dir, '.sentinel')).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });
});
