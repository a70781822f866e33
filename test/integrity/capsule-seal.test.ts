import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSentinel } from '../helpers/cli.js';
import { HONEST_GUIDE, arena, done, doneCli, type Arena } from './workspace.js';

/** Issue 11 item 2: the lead cannot widen its own scope by editing its capsule or Sentinel's files. */
let a: Arena;
beforeAll(async () => {
  a = await arena({ files: { 'lib/app.js': 'export const x = 1;\n' } });
});
beforeEach(() => a.reset());
afterAll(() => a.repo.cleanup());

const widen = (text: string) => text.replace(/## Allowed Context\n/, '## Allowed Context\n- `lib/**`\n');
const edit = (file: string) =>
  JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: path.join(a.repo.dir, file) }, cwd: a.repo.dir });

describe('the capsule as routed', () => {
  it('routing stores the capsule hash; a capsule widened since is refused by done, committed or not', async () => {
    expect(a.state().capsuleHash).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(a.capsuleFile, widen(readFileSync(a.capsuleFile, 'utf8')));
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE, 'lib/backdoor.js': 'export const open = true;\n' });
    a.repo.commit('widen my own scope');
    const result = await doneCli(a);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CAPSULE_CHANGED_SINCE_ROUTING');
    expect(a.state().status).toBe('in_progress');
  });

  it('routing the changed capsule again is logged in its history and router log; then done judges the new text', async () => {
    const logFile = path.join(a.repo.dir, '.sentinel/router_log/docs-guide.jsonl');
    const lines = readFileSync(logFile, 'utf8').trim().split('\n').length;
    writeFileSync(a.capsuleFile, widen(readFileSync(a.capsuleFile, 'utf8')));
    const routed = await a.run('route', 'docs-guide');
    expect(routed.code, routed.stderr + routed.stdout).toBe(0);
    expect(a.state().history.at(-1).note).toMatch(/^re-routed to scribe: capsule text changed/);
    expect(a.state().status).toBe('in_progress');
    expect(readFileSync(logFile, 'utf8').trim().split('\n')).toHaveLength(lines + 1);
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });
    const result = await done(a);
    expect(result.stderr).not.toContain('CAPSULE_CHANGED_SINCE_ROUTING');
    expect(result.code, JSON.stringify(result.report.gates?.filter((g: any) => g.status === 'fail'))).toBe(0);
  });

  it("the pre-edit hook blocks the lead's edits to its capsule, state, evidence, router log and config", async () => {
    const capsule = path.relative(a.repo.dir, a.capsuleFile);
    for (const file of [
      capsule,
      '.sentinel/state/docs-guide.json',
      '.sentinel/evidence/docs-guide/forged.json',
      '.sentinel/router_log/docs-guide.jsonl',
      '.sentinel/config.json',
    ]) {
      const hook = await runSentinel(['hook', 'pre-edit'], { cwd: a.repo.dir, input: edit(file) });
      expect(hook.code, `${file}: ${hook.stderr}`).toBe(2);
      expect(hook.stderr).toContain(`${file} is `);
    }
  });
});
