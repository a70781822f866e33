import { afterEach, describe, expect, it } from 'vitest';
import { createGateInputs } from '../../src/core/gates/inputs.js';
import { gate as ledgerGate } from '../../src/core/gates/ledger.js';
import { DEFAULT_CONFIG } from '../../src/core/workspace/config-types.js';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const LEDGER = '.sentinel/DECISIONS.md';
const entry = (id: string, supersedes = '-', decision = 'Use SQLite') =>
  [
    `ID: ${id}`,
    'Date: 2025-01-01',
    'Author: backender',
    'Scope: orders',
    `Decision: ${decision}`,
    'Rationale: small',
    'Outputs: src/a.ts',
    `Supersedes: ${supersedes}`,
  ].join('\n');
const ledger = (next: string, ...entries: string[]) => `# Ledger\n\n## NEXT_ID\n${next}\n\n## Entries\n\n${entries.join('\n\n')}\n`;

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const runGate = (dir: string) => ledgerGate.run(createGateInputs({ root: dir, config: DEFAULT_CONFIG }));

describe('sentinel decisions', () => {
  it('list and show a valid ledger', async () => {
    repo = makeTempRepo({ [LEDGER]: ledger('D-0003', entry('D-0001'), entry('D-0002', 'D-0001', 'Use Postgres')) });
    const list = await runSentinel(['decisions', 'list', '--json'], { cwd: repo.dir });
    expect(list.json().entries.map((e: { id: string; supersededBy: string[] }) => [e.id, e.supersededBy])).toEqual([
      ['D-0001', ['D-0002']],
      ['D-0002', []],
    ]);
    const text = await runInProcess(['decisions', 'list'], { cwd: repo.dir });
    expect(text.stdout).toContain('superseded by D-0002');
    const show = await runInProcess(['decisions', 'show', 'D-0002'], { cwd: repo.dir });
    expect(show.stdout).toContain('Decision: Use Postgres');
    expect(show.stdout).toContain('# ProducedBy=BACKENDER RulesHash=BACKENDER@unversioned Decision=D-0002');
    expect((await runInProcess(['decisions', 'show', 'D-0042'], { cwd: repo.dir })).code).toBe(2);
    expect((await runInProcess(['decisions', 'show', 'D-42'], { cwd: repo.dir })).code).toBe(2);
  });

  it('validate passes a good ledger and fails a broken one with line numbers', async () => {
    repo = makeTempRepo({ [LEDGER]: ledger('D-0003', entry('D-0001'), entry('D-0002', 'D-0001')) });
    expect((await runInProcess(['decisions', 'validate'], { cwd: repo.dir })).code).toBe(0);
    repo.write({ [LEDGER]: ledger('D-0002', entry('D-0001'), entry('D-0001', 'D-0007')) });
    const res = await runInProcess(['decisions', 'validate', '--json'], { cwd: repo.dir });
    expect(res.code).toBe(1);
    const found = res.json().diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`);
    expect(found).toEqual(expect.arrayContaining(['LEDGER_DUPLICATE_ID@17', 'LEDGER_SUPERSEDES_UNKNOWN@24']));
    const text = await runInProcess(['decisions', 'validate'], { cwd: repo.dir });
    expect(text.stdout).toContain('.sentinel/DECISIONS.md:17');
    expect(text.stdout).toContain('fix:');
  });

  it('validate is ok with an info when there is no ledger', async () => {
    repo = makeTempRepo({ 'README.md': '# x\n' });
    const res = await runInProcess(['decisions', 'validate', '--json'], { cwd: repo.dir });
    expect(res.code).toBe(0);
    expect(res.json().diagnostics[0].code).toBe('LEDGER_ABSENT');
    expect((await runInProcess(['decisions', 'list'], { cwd: repo.dir })).code).toBe(0);
  });
});

describe('ledger gate', () => {
  it('passes a valid ledger with an appended entry', async () => {
    repo = makeTempRepo({ [LEDGER]: ledger('D-0002', entry('D-0001')) });
    repo.write({ [LEDGER]: ledger('D-0003', entry('D-0001'), entry('D-0002', 'D-0001')) });
    const outcome = await runGate(repo.dir);
    expect(outcome.status).toBe('ok');
    expect(outcome.data).toMatchObject({ entries: 2, nextId: 'D-0003' });
  });

  it('fails when a recorded decision is edited since base', async () => {
    repo = makeTempRepo({ [LEDGER]: ledger('D-0002', entry('D-0001')) });
    repo.write({ [LEDGER]: ledger('D-0002', entry('D-0001', '-', 'Use Postgres')) });
    const outcome = await runGate(repo.dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(['LEDGER_ENTRY_EDITED']);
  });

  it('fails on integrity errors', async () => {
    repo = makeTempRepo({ [LEDGER]: ledger('D-0001', entry('D-0001')) });
    const outcome = await runGate(repo.dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.diagnostics.map((d) => d.code)).toContain('LEDGER_ID_NOT_BELOW_NEXT');
  });

  it('is ok without a ledger unless a changed file references a decision', async () => {
    repo = makeTempRepo({ 'src/a.ts': 'export {};\n' });
    expect((await runGate(repo.dir)).status).toBe('ok');
    repo.write({ 'src/a.ts': '// ProducedBy=QA RulesHash=QA@unversioned Decision=D-0004\nexport {};\n' });
    const outcome = await runGate(repo.dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.diagnostics[0]).toMatchObject({ code: 'LEDGER_MISSING', path: 'src/a.ts', line: 1 });
  });
});
