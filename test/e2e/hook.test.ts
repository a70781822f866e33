import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Hooks are read by agents as processes: each verdict kind (allow with a note, block with exit 2,
 * unreadable input with exit 1, stop blocked and allowed) spawns the built binary with its stdin.
 * Set-up (init, route) and the further path variants run in-process (runInProcess, same stdin).
 */

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

async function initRepo(): Promise<TempRepo> {
  repo = makeTempRepo({ 'README.md': '# demo\n' });
  expect((await runInProcess(['init'], { cwd: repo.dir })).code).toBe(0);
  repo.commit('init');
  return repo;
}

const edit = (r: TempRepo, file: string) =>
  JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: path.join(r.dir, file) }, cwd: r.dir });

describe('sentinel hook pre-edit', () => {
  it('allows any edit, with a note, while no capsule is active', async () => {
    const r = await initRepo();
    const result = await runSentinel(['hook', 'pre-edit'], { cwd: r.dir, input: edit(r, 'src/anything.ts') });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no active capsule');
  });

  it("blocks an edit outside the active capsule's scope and allows one inside", async () => {
    const r = await initRepo();
    expect((await runInProcess(['route', 'example'], { cwd: r.dir })).code).toBe(0);
    const outside = await runSentinel(['hook', 'pre-edit'], { cwd: r.dir, input: edit(r, 'src/other.ts') });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('src/other.ts');
    expect(outside.stderr).toContain('editing src/other.ts would go outside capsule example');
    // Nothing was edited yet: no "(modified)", nothing to "Revert".
    expect(outside.stderr).not.toMatch(/\(modified\)|Revert/);
    const inside = await runInProcess(['hook', 'pre-edit'], { cwd: r.dir, input: edit(r, 'server/src/routes/health.ts') });
    expect(inside.code, inside.stderr).toBe(0);
    const relative = await runInProcess(['hook', 'pre-edit'], {
      cwd: r.dir,
      input: JSON.stringify({ tool_input: { path: 'ops/backend/runbook.md' }, cwd: r.dir }),
    });
    expect(relative.code, relative.stderr).toBe(0);
    const escape = await runInProcess(['hook', 'pre-edit'], {
      cwd: r.dir,
      input: JSON.stringify({ tool_input: { file_path: '../elsewhere.ts' }, cwd: r.dir }),
    });
    expect(escape.code).toBe(2);
    expect(escape.stderr).toContain('outside the workspace');
  });

  it('exits 1 (does not block) on input it cannot read', async () => {
    const r = await initRepo();
    const result = await runSentinel(['hook', 'pre-edit'], { cwd: r.dir, input: '{oops' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('could not judge');
  });
});

describe('sentinel hook stop', () => {
  it('blocks finishing while check fails for the active capsule, unless stop_hook_active', async () => {
    const r = await initRepo();
    expect((await runInProcess(['route', 'example'], { cwd: r.dir })).code).toBe(0);
    r.write({ 'src/stray.ts': 'export const x = 1;\n' });
    const blocked = await runSentinel(['hook', 'stop'], { cwd: r.dir, input: JSON.stringify({ hook_event_name: 'Stop', cwd: r.dir }) });
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain('scope');
    expect(blocked.stderr).toContain('src/stray.ts');
    const again = await runInProcess(['hook', 'stop'], { cwd: r.dir, input: JSON.stringify({ hook_event_name: 'Stop', cwd: r.dir, stop_hook_active: true }) });
    expect(again.code).toBe(0);
  });

  it('lets the agent stop when check passes or no capsule is active', async () => {
    const r = await initRepo();
    const idle = await runInProcess(['hook', 'stop'], { cwd: r.dir, input: '{}' });
    expect(idle.code).toBe(0);
    expect((await runInProcess(['route', 'example'], { cwd: r.dir })).code).toBe(0);
    const clean = await runSentinel(['hook', 'stop'], { cwd: r.dir, input: JSON.stringify({ cwd: r.dir }) });
    expect(clean.code, clean.stderr).toBe(0);
  });
});
