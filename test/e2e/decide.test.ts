import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLedger } from '../../src/core/ledger/parse.js';
import { validateLedger } from '../../src/core/ledger/validate.js';
import { lockPathFor } from '../../src/core/workspace/scratch.js';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { BACKENDER_ROSTER } from '../helpers/roster.js';

/*
 * `decide` and the ledger it writes. Runs are in-process (runInProcess: same output, exit code and
 * files) except the first, a usage error, and the 50 concurrent writers, which must be separate
 * processes for the ledger lock to be proven.
 */
const LEDGER = '.sentinel/DECISIONS.md';
const AGENT = BACKENDER_ROSTER;

const decideArgs = (extra: string[] = []) => [
  'decide',
  '--author',
  'backender',
  '--scope',
  'orders',
  '--decision',
  'Use SQLite',
  '--rationale',
  'small',
  ...extra,
];

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('sentinel decide', () => {
  it('creates the ledger, prints the id and a header per comment syntax', async () => {
    repo = makeTempRepo({ ...AGENT, 'README.md': '# x\n' });
    const res = await runSentinel(decideArgs(['--outputs', 'src/a.ts,src/b.ts', '--outputs', 'db/1.sql']), { cwd: repo.dir });
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe('D-0001');
    const header = 'ProducedBy=BACKENDER RulesHash=BACKENDER@1.2 Decision=D-0001';
    for (const line of [`// ${header}`, `# ${header}`, `<!-- ${header} -->`, `-- ${header}`, `/* ${header} */`]) expect(res.stdout).toContain(line);
    const ledger = parseLedger(readFileSync(path.join(repo.dir, LEDGER), 'utf8'), LEDGER);
    expect(ledger.nextId).toBe('D-0002');
    expect(ledger.entries[0]!.outputs).toEqual(['src/a.ts', 'src/b.ts', 'db/1.sql']);
    expect(validateLedger(ledger)).toEqual([]);
  });

  it('falls back to <AGENT>@unversioned for an author outside the roster and records the capsule in Scope', async () => {
    repo = makeTempRepo({ 'README.md': '# x\n', '.sentinel/capsules/orders-api/capsule.md': '# Capsule orders-api@12345678\n\n## Goal\nx\n' });
    const res = await runInProcess([...decideArgs(), '--author', 'jane doe', '--capsule', 'orders-api', '--json'], { cwd: repo.dir });
    expect(res.code).toBe(0);
    const out = res.json();
    expect(out.headers.hash).toBe('# ProducedBy=JANE-DOE RulesHash=JANE-DOE@unversioned Decision=D-0001 Capsule=orders-api');
    expect(out.entry[3]).toBe('Scope: orders (capsule orders-api)');
    const unknown = await runInProcess([...decideArgs(), '--capsule', 'nope'], { cwd: repo.dir });
    expect(unknown.code).toBe(2);
  });

  it('rejects a --supersedes that does not exist (exit 2) and accepts one that does', async () => {
    repo = makeTempRepo({ 'README.md': '# x\n' });
    expect((await runInProcess(decideArgs(), { cwd: repo.dir })).code).toBe(0);
    const bad = await runSentinel(decideArgs(['--supersedes', 'D-0009']), { cwd: repo.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('D-0009 does not exist');
    const good = await runInProcess(decideArgs(['--supersedes', 'D-0001', '--json']), { cwd: repo.dir });
    expect(good.json().id).toBe('D-0002');
    const ledger = parseLedger(readFileSync(path.join(repo.dir, LEDGER), 'utf8'), LEDGER);
    expect(ledger.entries.map((e) => e.id)).toEqual(['D-0001', 'D-0002']);
  });

  it('a dry run leaves no ledger, lock or temp file behind', async () => {
    repo = makeTempRepo({ 'README.md': '# x\n' });
    const res = await runInProcess(decideArgs(['--dry-run', '--json']), { cwd: repo.dir });
    expect(res.code).toBe(0);
    expect(res.json()).toMatchObject({ ok: true, id: 'D-0001', dryRun: true });
    expect(existsSync(path.join(repo.dir, '.sentinel'))).toBe(false);
    expect((await runInProcess(decideArgs(), { cwd: repo.dir })).code).toBe(0);
    const before = readFileSync(path.join(repo.dir, LEDGER), 'utf8');
    expect((await runInProcess(decideArgs(['--dry-run']), { cwd: repo.dir })).stdout).toMatch(/^D-0002\n/);
    expect(readFileSync(path.join(repo.dir, LEDGER), 'utf8')).toBe(before);
    // The lock and temp copy of the write lived in .sentinel/tmp (self-ignored), nothing else is left.
    expect(readdirSync(path.join(repo.dir, '.sentinel')).sort()).toEqual(['DECISIONS.md', 'tmp']);
  });

  it('recovers a lock left by a killed process', async () => {
    repo = makeTempRepo({ 'README.md': '# x\n' });
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.on('exit', resolve));
    mkdirSync(path.join(repo.dir, '.sentinel'), { recursive: true });
    const lock = lockPathFor(path.join(repo.dir, LEDGER));
    writeFileSync(lock, `${pid}\n${Date.now()}\n`);
    const res = await runInProcess(decideArgs(['--json']), { cwd: repo.dir, timeoutMs: 20_000 });
    expect(res.code).toBe(0);
    expect(res.json().id).toBe('D-0001');
    expect(existsSync(lock)).toBe(false);
  });

  it('goes from D-9999 to D-10000 and validates', async () => {
    const entry = ['ID: D-9999', 'Date: 2025-01-01', 'Author: backender', 'Scope: s', 'Decision: d', 'Rationale: r', 'Outputs: -', 'Supersedes: -'].join('\n');
    repo = makeTempRepo({ [LEDGER]: `# Ledger\n\n## NEXT_ID\nD-10000\n\n## Entries\n\n${entry}\n` });
    const res = await runInProcess(decideArgs(['--supersedes', 'D-9999', '--json']), { cwd: repo.dir });
    expect(res.json()).toMatchObject({ id: 'D-10000', nextId: 'D-10001' });
    expect(res.json().headers.line).toContain('Decision=D-10000');
    const validate = await runInProcess(['decisions', 'validate', '--json'], { cwd: repo.dir });
    expect(validate.json()).toMatchObject({ ok: true, entries: 2, nextId: 'D-10001' });
    expect((await runInProcess(['decisions', 'show', 'D-10000', '--json'], { cwd: repo.dir })).json().entry.supersedes).toEqual(['D-9999']);
  });

  it('50 concurrent processes get 50 distinct ids and nothing is lost or interleaved', async () => {
    repo = makeTempRepo({ 'README.md': '# x\n' });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        runSentinel(['decide', '--author', 'backender', '--scope', `s${i}`, '--decision', `decision ${i}`, '--rationale', `r${i}`, '--json'], {
          cwd: repo!.dir,
          timeoutMs: 110_000,
        }),
      ),
    );
    expect(results.map((r) => r.code)).toEqual(Array(50).fill(0));
    const ids = results.map((r) => r.json().id as string);
    expect(new Set(ids).size).toBe(50);
    const ledger = parseLedger(readFileSync(path.join(repo.dir, LEDGER), 'utf8'), LEDGER);
    expect(ledger.entries).toHaveLength(50);
    expect(ledger.nextId).toBe('D-0051');
    expect(validateLedger(ledger)).toEqual([]);
    // Each process's entry is whole: its own scope, decision and rationale together.
    for (let i = 0; i < 50; i++) {
      const entry = ledger.entries.find((e) => e.scope === `s${i}`)!;
      expect(entry.decision).toBe(`decision ${i}`);
      expect(entry.rationale).toBe(`r${i}`);
      expect(entry.id).toBe(ids[i]);
    }
    // The lock and temp copy of the write lived in .sentinel/tmp (self-ignored), nothing else is left.
    expect(readdirSync(path.join(repo.dir, '.sentinel')).sort()).toEqual(['DECISIONS.md', 'tmp']);
  }, 240_000);
});
