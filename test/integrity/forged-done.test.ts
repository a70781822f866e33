import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evidenceSeal } from '../../src/core/lifecycle/judge.js';
import { stateContentHash } from '../../src/core/state/state.js';
import { HONEST_GUIDE, arena, done, type Arena } from './workspace.js';

/** Issue 11 item 5: a `done` written by hand fails `sentinel verify`, where the agent has no hand. */
let a: Arena;
beforeAll(async () => {
  a = await arena();
});
beforeEach(() => a.reset());
afterAll(() => a.repo.cleanup());

/** What an agent that knows the formats can write: a state and evidence with recomputed hashes. */
function forgeDone(): void {
  const state = a.state();
  const capsuleText = readFileSync(a.capsuleFile, 'utf8');
  const record: Record<string, unknown> = {
    schema: 1,
    slug: 'docs-guide',
    outcome: 'done',
    at: new Date().toISOString(),
    by: 'referee',
    base: state.base.commit,
    capsuleHash: createHash('sha256').update(capsuleText).digest('hex'),
    gates: ['scope', 'secrets', 'tamper', 'commands'].map((gate) => ({ gate, status: 'ok', summary: 'ok', durationMs: 1, diagnostics: [] })),
    evidence: [],
  };
  record.seal = evidenceSeal(record);
  const evidenceFile = '.sentinel/evidence/docs-guide/forged.json';
  writeFileSync(path.join(a.repo.dir, evidenceFile), JSON.stringify(record));
  const next = {
    ...state,
    status: 'done',
    evidenceFile,
    evidenceSeal: record.seal,
    history: [...state.history, { at: record.at, from: 'in_progress', to: 'done', by: 'referee' }],
  };
  delete next.contentHash;
  next.contentHash = stateContentHash(next);
  a.writeState(next);
}

describe('sealed evidence and sentinel verify', () => {
  it('a forged done with recomputed seals passes locally but fails verify: the gates are re-run', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(a.repo.dir, '.sentinel/evidence/docs-guide'), { recursive: true });
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE, 'src/backdoor.js': 'export const open = true;\n' });
    forgeDone();
    a.repo.commit('forged done');
    expect((await a.run('status', '--json')).json().capsules[0]).toMatchObject({ status: 'done', tampered: false });
    const verify = await a.cli('verify', '--json');
    expect(verify.code).toBe(1);
    const codes = verify.json().capsules[0].diagnostics.map((d: any) => d.code);
    expect(codes).toContain('VERIFY_GATE_FAILS');
    expect(JSON.stringify(verify.json())).toContain('SCOPE_OUT_OF_SCOPE');
  });

  it('evidence edited after done breaks its seal', async () => {
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });
    const finished = await done(a);
    expect(finished.code, JSON.stringify(finished.report.gates?.filter((g: any) => g.status === 'fail'))).toBe(0);
    a.repo.commit('done');
    expect((await a.run('verify')).code).toBe(0);
    const file = path.join(a.repo.dir, a.state().evidenceFile);
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('"outcome": "done"', '"outcome": "done" ')
        .replace(/"treeHash": "[0-9a-f]+"/, '"treeHash": "0000"'),
    );
    const verify = await a.run('verify', '--capsule', 'docs-guide', '--json');
    expect(verify.code).toBe(1);
    expect(verify.json().capsules[0].diagnostics[0].code).toBe('VERIFY_EVIDENCE_FORGED');
  });

  it('honest done work committed, then verified from its done commit even after later commits', async () => {
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });
    expect((await done(a)).code).toBe(0);
    a.repo.commit('done');
    const doneCommit = a.repo.git('rev-parse', 'HEAD').trim();
    a.repo.write({ 'notes/later.md': "another capsule's work\n" });
    a.repo.commit('later work');
    const verify = await a.run('verify', '--json');
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.json().capsules[0]).toMatchObject({ ok: true, doneCommit });
  });
});
