import { renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBoard, columnOf, evidenceTime, gateOutcome } from '../../../src/core/ui/board.js';
import { buildCapsuleDetail } from '../../../src/core/ui/capsule-view.js';
import { UiSource } from '../../../src/core/ui/source.js';
import { buildChecks, buildHistory } from '../../../src/core/ui/views.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { stateContentHash, type CapsuleState } from '../../../src/core/state/state.js';
import { makeTempDir } from '../../helpers/cli.js';

const PLAYBOOK = '1) ORIENT\n- read\n2) IMPLEMENT\n- write\n3) VERIFY\n- test\n';
const agent = (id: string) => ({
  [`.sentinel/agents/${id}/agent.json`]: JSON.stringify({
    id,
    name: id,
    rulesHash: `${id.toUpperCase()}@1.0`,
    summary: id,
    routing_keywords: ['api'],
    prompt_files: ['ROLE.md', 'PLAYBOOK.md'],
    owns: ['server/**'],
  }),
  [`.sentinel/agents/${id}/ROLE.md`]: `# ${id}\n`,
  [`.sentinel/agents/${id}/PLAYBOOK.md`]: PLAYBOOK,
});
const capsule = (slug: string, extra = '') =>
  `<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 Decision=D-0001 -->\n# Capsule ${slug}@0123abcd — ${slug} title\n\n## Goal\nServe the ${slug} api.\n\n## Required Outputs\n- \`server/${slug}.ts\`\n\n## Acceptance Criteria\n- \`npm test\` passes\n- \`server/${slug}.ts\` exports a \`handler\` function\n\n## Allowed Context\n- \`server/\`\n\n## Router Notes\n- Lead: backender\n${extra}`;
function state(slug: string, fields: Partial<CapsuleState>): string {
  const s: CapsuleState = {
    schema: 1,
    slug,
    status: 'routed',
    lead: 'backender',
    history: [],
    handoffs: [],
    evidence: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
  s.contentHash = stateContentHash(s);
  return JSON.stringify(s);
}

let dirs: { cleanup(): void }[] = [];
afterEach(() => {
  for (const d of dirs) d.cleanup();
  dirs = [];
});
function workspace(files: Record<string, string>) {
  const dir = makeTempDir({ ...agent('backender'), 'server/index.ts': 'export {};\n', ...files });
  dirs.push(dir);
  return new UiSource(dir.dir, DEFAULT_CONFIG, { retries: 2, retryDelayMs: 5 });
}

describe('board helpers', () => {
  it('puts ready capsules with the drafts and unknown statuses in draft', () => {
    expect(columnOf('ready')).toBe('draft');
    expect(columnOf('in_progress')).toBe('in_progress');
    expect(columnOf('weird')).toBe('draft');
  });
  it('sums the last gate run: fail beats pending beats ok; nothing run is none', () => {
    expect(gateOutcome(undefined).outcome).toBe('none');
    expect(gateOutcome({ a: 'ok', b: 'pending' })).toEqual({ outcome: 'pending', failed: [], pending: ['b'] });
    expect(gateOutcome({ a: 'fail', b: 'pending' }).outcome).toBe('fail');
    expect(gateOutcome({ a: 'ok', b: 'skipped' }).outcome).toBe('ok');
  });
  it('reads the time back from an evidence file name', () => {
    expect(evidenceTime('.sentinel/evidence/x/2026-11-27T07-55-38-744Z.json')).toBe('2026-11-27T07:55:38.744Z');
    expect(evidenceTime('x/tampered.json')).toBeNull();
  });
});

describe('buildBoard', () => {
  it('places each capsule by status with its lead, phase n/N and last gate result', async () => {
    const source = workspace({
      '.specify/specs/a/capsule.md': capsule('a'),
      '.specify/specs/b/capsule.md': capsule('b'),
      '.specify/specs/c/capsule.md': capsule('c'),
      '.sentinel/state/b.json': state('b', { status: 'in_progress', phase: 'IMPLEMENT', gates: { scope: 'fail', ledger: 'ok' } }),
      '.sentinel/state/c.json': state('c', { status: 'done', phase: 'VERIFY', gates: { scope: 'ok' } }),
      '.sentinel/state/gone.json': state('gone', { status: 'blocked' }),
    });
    const board = await buildBoard(source);
    const where = Object.fromEntries(board.columns.flatMap((col) => col.cards.map((c) => [c.slug, col.column])));
    expect(where).toEqual({ a: 'draft', b: 'in_progress', c: 'done', gone: 'blocked' });
    const b = board.columns.find((c) => c.column === 'in_progress')!.cards[0]!;
    expect(b).toMatchObject({ lead: 'backender', phase: { name: 'IMPLEMENT', index: 2, total: 3 }, lastGate: { outcome: 'fail', failed: ['scope'] } });
    const a = board.columns.find((c) => c.column === 'draft')!.cards[0]!;
    expect(a.status).toBe('ready');
    expect(board.columns.find((c) => c.column === 'blocked')!.cards[0]!.title).toBe('(capsule file not found)');
    expect(board.errors).toEqual([]);
  });

  it('shows a state file that never parses as an error card, the others still on the board', async () => {
    const source = workspace({
      '.specify/specs/a/capsule.md': capsule('a'),
      '.sentinel/state/a.json': state('a', {}),
      '.sentinel/state/half.json': '{"schema": 1, "sl',
    });
    const board = await buildBoard(source);
    expect(board.errors).toEqual([{ file: '.sentinel/state/half.json', message: expect.stringContaining('not valid JSON') }]);
    expect(board.capsules).toBe(1);
  });

  it('reads a file again when a writer finishes it during the retries', async () => {
    const dir = makeTempDir({ ...agent('backender'), '.sentinel/state/a.json': '{"schema": 1, "sl' });
    dirs.push(dir);
    const source = new UiSource(dir.dir, DEFAULT_CONFIG, { retries: 5, retryDelayMs: 20 });
    setTimeout(() => writeFileSync(path.join(dir.dir, '.sentinel/state/a.json'), state('a', { status: 'blocked' })), 30);
    const { states, errors } = await source.states();
    expect(errors).toEqual([]);
    expect(states[0]!.state.status).toBe('blocked');
  });

  it('reads a state again after a rewrite that kept its size and mtime', async () => {
    const dir = makeTempDir({ ...agent('backender'), '.sentinel/state/a.json': state('a', { status: 'draft' }) });
    dirs.push(dir);
    const file = path.join(dir.dir, '.sentinel/state/a.json');
    // A whole-second mtime, so that putting it back below restores it exactly.
    const mtime = new Date('2026-01-01T00:00:00Z');
    utimesSync(file, mtime, mtime);
    const source = new UiSource(dir.dir, DEFAULT_CONFIG);
    expect((await source.states()).states[0]!.state.status).toBe('draft');
    // Same length, and the mtime put back: what a coarse clock gives two writes within one tick.
    const rewritten = state('a', { status: 'ready' });
    expect(rewritten.length).toBe(state('a', { status: 'draft' }).length);
    // Written as Sentinel writes states (temp file, then rename), so the inode differs whatever the clock.
    writeFileSync(`${file}.tmp`, rewritten);
    utimesSync(`${file}.tmp`, mtime, mtime);
    renameSync(`${file}.tmp`, file);
    expect(statSync(file).mtimeMs).toBe(mtime.getTime());
    expect((await source.states()).states[0]!.state.status).toBe('ready');
  });

  it('flags a hand-edited state as tampered', async () => {
    const edited = JSON.parse(state('a', {}));
    edited.status = 'done';
    const source = workspace({ '.specify/specs/a/capsule.md': capsule('a'), '.sentinel/state/a.json': JSON.stringify(edited) });
    const card = (await buildBoard(source)).columns.find((c) => c.column === 'done')!.cards[0]!;
    expect(card.tampered).toBe(true);
  });
});

describe('capsule detail, checks and history', () => {
  const evidence = (at: string, statuses: Record<string, string>) =>
    JSON.stringify({
      schema: 1,
      slug: 'a',
      capsuleId: 'a@0123abcd',
      outcome: Object.values(statuses).includes('fail') ? 'failed' : 'done',
      at,
      by: 'referee',
      base: null,
      treeHash: 't',
      gates: Object.entries(statuses).map(([gate, status]) => ({
        gate,
        status,
        summary: status,
        durationMs: 1,
        diagnostics: status === 'fail' ? [{ severity: 'error', code: 'X', message: 'bad', path: 'server/a.ts', line: 3 }] : [],
      })),
      evidence: [],
    });
  const files = {
    '.specify/specs/a/capsule.md': capsule('a'),
    '.specify/specs/b/capsule.md': capsule('b', '- Parent: a@0123abcd\n'),
    '.sentinel/state/a.json': state('a', {
      status: 'in_progress',
      phase: 'VERIFY',
      handoffs: [{ to: 'verifier', reason: 'tests', capsule: 'c@99999999', at: '2026-01-02T00:00:00.000Z' }],
    }),
    '.sentinel/evidence/a/2026-01-01T00-00-00-000Z.json': evidence('2026-01-01T00:00:00.000Z', { scope: 'fail', ledger: 'ok' }),
    '.sentinel/evidence/a/2026-01-02T00-00-00-000Z.json': evidence('2026-01-02T00:00:00.000Z', { scope: 'ok', ledger: 'ok' }),
    '.sentinel/evidence/a/2026-01-03T00-00-00-000Z.json': '{',
    '.sentinel/DECISIONS.md':
      '# Decisions\n\n## NEXT_ID\nD-0003\n\nID: D-0001\nDate: 2026-01-01\nAuthor: BACKENDER\nScope: api (capsule a@0123abcd)\nDecision: Use Fastify\nRationale: speed\nOutputs: server/**\nSupersedes: none\n\nID: D-0002\nDate: 2026-01-02\nAuthor: BACKENDER\nScope: api (capsule a@0123abcd)\nDecision: Use Hono\nRationale: size\nOutputs: server/**\nSupersedes: D-0001\n',
  };

  it('assembles the capsule page: criteria classes, evidence newest first, decisions, handoffs in and out', async () => {
    const detail = (await buildCapsuleDetail(workspace(files), 'a'))!;
    expect(detail.criteria.map((c) => c.class)).toEqual(['command', 'review']);
    expect(detail.phase).toEqual({ name: 'VERIFY', index: 3, total: 3 });
    expect(detail.evidence.map((e) => e.at)).toEqual(['2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
    expect(detail.evidence[1]!.gates[0]!.diagnostics[0]).toMatchObject({ path: 'server/a.ts', line: 3 });
    expect(detail.errors.map((e) => e.file)).toEqual(['.sentinel/evidence/a/2026-01-03T00-00-00-000Z.json']);
    expect(detail.decisions.map((d) => [d.id, d.supersededBy])).toEqual([
      ['D-0001', ['D-0002']],
      ['D-0002', []],
    ]);
    expect(detail.handoffsOut.map((h) => [h.to, h.role])).toEqual([
      ['c', 'verifier'],
      ['b', 'backender'],
    ]);
    expect(detail.routing.now.chosen).toBe('backender');
    expect(detail.routing.logged).toBeNull();
    const b = (await buildCapsuleDetail(workspace(files), 'b'))!;
    expect(b.handoffsIn.map((h) => h.from)).toEqual(['a']);
    expect(await buildCapsuleDetail(workspace(files), 'nope')).toBeUndefined();
  });

  it('keeps the latest result per gate and a pass/fail history in time order', async () => {
    const source = workspace(files);
    const checks = await buildChecks(source, [
      { gate: 'ledger', status: 'fail', summary: 'from board', at: '2026-02-01T00:00:00.000Z', capsule: 'a', source: 'board', durationMs: 1, diagnostics: [] },
    ]);
    expect(checks.gates.map((g) => [g.gate, g.status, g.source])).toEqual([
      ['ledger', 'fail', 'board'],
      ['scope', 'ok', 'evidence'],
    ]);
    const history = await buildHistory(source);
    expect(history.runs.map((r) => [r.ok, r.fail])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(history.errors).toHaveLength(1);
  });
});
