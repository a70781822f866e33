import { afterEach, describe, expect, it } from 'vitest';
import { createGateInputs } from '../../src/core/gates/inputs.js';
import { gate as provenanceGate } from '../../src/core/gates/provenance.js';
import { DEFAULT_CONFIG } from '../../src/core/workspace/config-types.js';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';

const LEDGER = '.sentinel/DECISIONS.md';
const entry = (id: string, outputs = '-', supersedes = '-') =>
  [
    `ID: ${id}`,
    'Date: 2025-01-01',
    'Author: backender',
    'Scope: orders',
    'Decision: d',
    'Rationale: r',
    `Outputs: ${outputs}`,
    `Supersedes: ${supersedes}`,
  ].join('\n');
const ledger = (next: string, ...entries: string[]) => `# Ledger\n\n## NEXT_ID\n${next}\n\n${entries.join('\n\n')}\n`;
const agent = (rulesHash: string) => ({
  '.sentinel/agents/backender/agent.json': JSON.stringify({
    id: 'backender',
    name: 'Backender',
    rulesHash,
    summary: 's',
    routing_keywords: ['api'],
    prompt_files: ['ROLE.md', 'PLAYBOOK.md'],
  }),
  '.sentinel/agents/backender/ROLE.md': '# Backender\n',
  '.sentinel/agents/backender/PLAYBOOK.md': '1) ORIENT\n   - read\n',
});
const header = (decision: string, extra = '') => `// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=${decision}${extra}`;

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

async function check(args: string[] = [], capsule: string | null = 'orders') {
  const res = await runSentinel(['provenance', 'check', '--json', ...args], { cwd: repo!.dir, env: { SENTINEL_CAPSULE: capsule ?? undefined } });
  return {
    code: res.code,
    body: res.json() as { ok: boolean; diagnostics: { code: string; path?: string; line?: number; fix?: string }[]; data: Record<string, number> },
  };
}
const codesOf = (body: { diagnostics: { code: string; severity?: string }[] }) => body.diagnostics.map((d) => d.code).sort();

describe('sentinel provenance check', () => {
  it('passes changed files whose headers resolve, fails changed files without one', async () => {
    repo = makeTempRepo({ ...agent('BACKENDER@1.0'), [LEDGER]: ledger('D-0002', entry('D-0001')), 'src/old.ts': 'export {};\n' });
    repo.write({ 'src/a.ts': `${header('D-0001')}\nexport {};\n`, 'src/b.json': '{}\n', 'notes.txt': 'x\n' });
    const ok = await check();
    expect(ok.code).toBe(0);
    expect(ok.body.data).toMatchObject({ checked: 1, stamped: 1 });
    repo.write({ 'src/c.py': 'print(1)\n' });
    const bad = await check();
    expect(bad.code).toBe(1);
    expect(bad.body.diagnostics).toEqual([expect.objectContaining({ code: 'PROVENANCE_MISSING', path: 'src/c.py', line: 1 })]);
    // --all also reaches the unchanged, unstamped file
    expect(codesOf((await check(['--all'])).body)).toEqual(['PROVENANCE_MISSING', 'PROVENANCE_MISSING']);
  });

  it("with no capsule under way, a person's unstamped edit is noted, not failed", async () => {
    repo = makeTempRepo({ ...agent('BACKENDER@1.0'), [LEDGER]: ledger('D-0001'), 'src/old.ts': 'export {};\n' });
    repo.write({ 'src/c.py': 'print(1)\n' });
    const noted = await check([], null);
    expect(noted.code, JSON.stringify(noted.body)).toBe(0);
    expect(noted.body.diagnostics).toEqual([expect.objectContaining({ code: 'PROVENANCE_MISSING', severity: 'info', path: 'src/c.py' })]);
    // A file a decision lists is an agent's output whoever edits it.
    repo.write({ [LEDGER]: ledger('D-0002', entry('D-0001', 'src/listed.ts')), 'src/listed.ts': 'export {};\n' });
    const listed = await check([], null);
    expect(listed.code).toBe(1);
    expect(listed.body.diagnostics.find((d) => d.path === 'src/listed.ts')).toMatchObject({ code: 'PROVENANCE_MISSING', severity: 'error' });
  });

  it('--all on many unstamped files summarises the diagnostics (counts in `truncated`); --full lists every one', async () => {
    const files = Object.fromEntries(Array.from({ length: 260 }, (_, i) => [`src/f${i}.ts`, 'export {};\n']));
    repo = makeTempRepo({ ...agent('BACKENDER@1.0'), [LEDGER]: ledger('D-0002', entry('D-0001')), ...files });
    const shown = await check(['--all']);
    const body = shown.body as unknown as { diagnostics: { code: string }[]; truncated: { diagnostics: { total: number; shown: number } } };
    expect(shown.code).toBe(1);
    expect(body.diagnostics.length).toBeLessThan(260);
    expect(body.truncated.diagnostics).toMatchObject({ total: 260, shown: body.diagnostics.length });
    const full = await check(['--all', '--full']);
    expect(full.body.diagnostics).toHaveLength(260);
    expect((full.body as unknown as { truncated?: unknown }).truncated).toBeUndefined();
  });

  it('skips deleted files', async () => {
    repo = makeTempRepo({ ...agent('BACKENDER@1.0'), [LEDGER]: ledger('D-0002', entry('D-0001')), 'src/old.ts': 'export {};\n' });
    repo.git('rm', '-q', 'src/old.ts');
    expect((await check()).code).toBe(0);
  });

  it('reports unknown decisions and capsules', async () => {
    repo = makeTempRepo({ ...agent('BACKENDER@1.0'), [LEDGER]: ledger('D-0002', entry('D-0001')) });
    repo.write({ 'src/a.ts': `${header('D-0009')}\n`, 'src/b.ts': `${header('D-0001', ' Capsule=ghost')}\n` });
    const res = await check();
    expect(res.code).toBe(1);
    expect(res.body.diagnostics.map((d) => `${d.code}:${d.path}`).sort()).toEqual([
      'PROVENANCE_CAPSULE_UNKNOWN:src/b.ts',
      'PROVENANCE_DECISION_UNKNOWN:src/a.ts',
    ]);
  });

  it('fails a stale RulesHash after the agent rules change, with a re-stamp fix', async () => {
    repo = makeTempRepo({ ...agent('BACKENDER@1.0'), [LEDGER]: ledger('D-0002', entry('D-0001')) });
    repo.write({ 'src/a.ts': `${header('D-0001')}\n` });
    expect((await check()).code).toBe(0);
    repo.write(agent('BACKENDER@1.1'));
    const res = await check();
    expect(res.code).toBe(1);
    expect(res.body.diagnostics[0]).toMatchObject({ code: 'PROVENANCE_RULES_STALE', path: 'src/a.ts', line: 1 });
    expect(res.body.diagnostics[0]!.fix).toContain('re-stamp with `sentinel stamp src/a.ts --decision D-0001');
    const restamp = await runSentinel(['stamp', 'src/a.ts', '--decision', 'D-0001', '--agent', 'backender'], { cwd: repo.dir });
    expect(restamp.code).toBe(0);
    expect((await check()).code).toBe(0);
  });

  it('reports Outputs without headers and headers of unknown agents', async () => {
    repo = makeTempRepo({ ...agent('BACKENDER@1.0'), 'src/listed.ts': 'export {};\n', 'src/data.json': '{}\n' });
    repo.write({ [LEDGER]: ledger('D-0002', entry('D-0001', 'src/listed.ts, src/data.json')) });
    repo.write({ 'src/x.ts': '// ProducedBy=GHOST RulesHash=GHOST@2 Decision=D-0001\n' });
    const res = await check();
    expect(res.code).toBe(1);
    expect(codesOf(res.body)).toEqual(['PROVENANCE_AGENT_UNKNOWN', 'PROVENANCE_NOT_IN_OUTPUTS', 'PROVENANCE_OUTPUT_UNSTAMPED']);
    expect(res.body.diagnostics.find((d) => d.code === 'PROVENANCE_OUTPUT_UNSTAMPED')!.path).toBe('src/listed.ts');
  });

  it('accepts a person author stamped as <NAME>@unversioned and a git hash suffix', async () => {
    repo = makeTempRepo({ [LEDGER]: ledger('D-0002', entry('D-0001')) });
    repo.write({ 'src/a.sql': '-- ProducedBy=JANE RulesHash=JANE@unversioned Decision=D-0001 (#abc1234)\nSELECT 1;\n' });
    expect((await check()).code).toBe(0);
  });
});

describe('provenance gate', () => {
  it('is the changed-files check', async () => {
    repo = makeTempRepo({ ...agent('BACKENDER@1.0'), [LEDGER]: ledger('D-0002', entry('D-0001')) });
    repo.write({ 'src/a.ts': `${header('D-0001')}\n` });
    const ctx = () => createGateInputs({ root: repo!.dir, config: DEFAULT_CONFIG, capsule: 'orders' });
    expect((await provenanceGate.run(ctx())).status).toBe('ok');
    repo.write({ 'src/b.go': 'package b\n' });
    const outcome = await provenanceGate.run(ctx());
    expect(outcome.status).toBe('fail');
    expect(outcome.diagnostics.map((d) => d.path)).toEqual(['src/b.go']);
  });
});
