import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { advanceToRouted, appendRouterLog, buildLogEntry, capsuleDecisionId } from '../../../src/core/router/log.js';
import { routerRulesHash, SCORING_RULES_HASH } from '../../../src/core/router/rules.js';
import { emptyState, readState, writeState } from '../../../src/core/state/state.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { sha256 } from '../../../src/core/workspace/fs.js';
import { makeTempDir } from '../../helpers/cli.js';
import { capsuleText, makeCapsule } from './fixtures.js';
import { parseCapsule } from '../../../src/core/capsule/parse.js';

const decision = {
  leadAgent: 'backender',
  requiredOutputs: ['`a/b.ts`'],
  acceptanceCriteria: ['`npm test` passes'],
  contextToMount: ['.sentinel/agents/backender/**'],
  notes: '',
};
const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
const tempRoot = () => {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir.dir;
};

describe('buildLogEntry', () => {
  it('records UTC time, rules hash, capsule id and content hash, decision id and producer', () => {
    const capsule = makeCapsule({ outputs: ['`a/b.ts`'], notes: ['Decision: D-0042'] });
    const entry = buildLogEntry(capsule, decision, routerRulesHash('ROUTER@1.0'), 'sentinel-router', { now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) });
    expect(entry).toMatchObject({
      timestamp: '2026-01-02T03:04:05.000Z',
      routerRulesHash: `ROUTER@1.0+sha256:${SCORING_RULES_HASH}`,
      capsuleId: 'sample@0badc0de',
      capsuleContentHash: sha256(capsule.text),
      decisionId: 'D-0042',
      producedBy: 'sentinel-router',
      decision,
    });
  });

  it('hashes the normalised text, so CRLF and BOM checkouts log the same hash', () => {
    const text = capsuleText({ outputs: ['`a/b.ts`'] });
    const lf = buildLogEntry(parseCapsule(text), decision, 'h', 'llm');
    const crlf = buildLogEntry(parseCapsule(`\uFEFF${text.replace(/\n/g, '\r\n')}`), decision, 'h', 'llm');
    expect(crlf.capsuleContentHash).toBe(lf.capsuleContentHash);
  });

  it('takes the decision id from Router Notes, else the provenance comment, else none', () => {
    expect(capsuleDecisionId(makeCapsule({ notes: ['Decision: D-0042'] }))).toBe('D-0042');
    expect(capsuleDecisionId(makeCapsule({}))).toBe('D-0001');
    expect(capsuleDecisionId(parseCapsule('# Capsule a@12345678\n## Goal\nx\n'))).toBeUndefined();
  });
});

describe('appendRouterLog', () => {
  it('appends one JSON line per decision, also under concurrency', async () => {
    const root = tempRoot();
    const capsule = makeCapsule({ outputs: ['`a/b.ts`'] });
    await Promise.all(
      Array.from({ length: 8 }, () => appendRouterLog(root, DEFAULT_CONFIG, 'sample', buildLogEntry(capsule, decision, 'h', 'sentinel-router'))),
    );
    const lines = readFileSync(path.join(root, '.sentinel/router_log/sample.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(JSON.parse(line).decision.leadAgent).toBe('backender');
  });
});

describe('advanceToRouted', () => {
  it('moves draft to routed with the lead and a history entry', async () => {
    const root = tempRoot();
    const capsule = makeCapsule({ outputs: ['`a/b.ts`'] });
    const result = await advanceToRouted(root, DEFAULT_CONFIG, capsule, 'backender', 'sentinel-router');
    expect(result.changed).toBe(true);
    const loaded = readState(root, DEFAULT_CONFIG, 'sample')!;
    expect(loaded.tampered).toBe(false);
    expect(loaded.state).toMatchObject({ status: 'routed', lead: 'backender', capsuleId: 'sample@0badc0de' });
    expect(loaded.state.history).toEqual([expect.objectContaining({ from: 'draft', to: 'routed', by: 'sentinel-router', note: 'lead backender' })]);
  });

  it('never moves an in_progress or done capsule backwards', async () => {
    const root = tempRoot();
    const capsule = makeCapsule({ outputs: ['`a/b.ts`'] });
    for (const status of ['in_progress', 'done', 'blocked'] as const) {
      writeState(root, DEFAULT_CONFIG, { ...emptyState('sample'), status, lead: 'verifier' });
      const result = await advanceToRouted(root, DEFAULT_CONFIG, capsule, 'backender', 'llm');
      expect(result).toMatchObject({ changed: false, status });
      expect(readState(root, DEFAULT_CONFIG, 'sample')!.state.lead).toBe('verifier');
    }
  });

  it('re-routes a routed capsule to a new lead but leaves a hand-edited state alone', async () => {
    const root = tempRoot();
    const capsule = makeCapsule({ outputs: ['`a/b.ts`'] });
    await advanceToRouted(root, DEFAULT_CONFIG, capsule, 'backender', 'sentinel-router');
    expect((await advanceToRouted(root, DEFAULT_CONFIG, capsule, 'backender', 'sentinel-router')).changed).toBe(false);
    expect((await advanceToRouted(root, DEFAULT_CONFIG, capsule, 'verifier', 'llm')).changed).toBe(true);
    const file = path.join(root, '.sentinel/state/sample.json');
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.lead = 'scribe';
    writeFileSync(file, JSON.stringify(edited));
    const result = await advanceToRouted(root, DEFAULT_CONFIG, capsule, 'backender', 'sentinel-router');
    expect(result.changed).toBe(false);
    expect(result.reason).toMatch(/edited by hand/);
  });
});
