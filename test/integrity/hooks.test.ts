import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENTINEL_BIN } from '../helpers/cli.js';
import { arena, type Arena } from './workspace.js';

/** Issue 11 item 9: hooks read all of stdin, late or large, and block when they cannot judge. */
let a: Arena;
beforeAll(async () => {
  a = await arena();
});
afterAll(() => a.repo.cleanup());

/** Run a hook whose input arrives `delayMs` late, in 16 KB pieces, like a slow client. */
function hook(name: string, input: string, delayMs: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SENTINEL_BIN, 'hook', name], {
      cwd: a.repo.dir,
      env: { ...process.env, NO_COLOR: '1', SENTINEL_CAPSULE: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
    setTimeout(() => {
      for (let i = 0; i < input.length; i += 16_384) child.stdin.write(input.slice(i, i + 16_384));
      child.stdin.end();
    }, delayMs);
  });
}

const write = (file: string, content = '') =>
  JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: path.join(a.repo.dir, file), content }, cwd: a.repo.dir });

describe('hook stdin', () => {
  it('input that arrives 0.5 s late is judged (an out-of-scope edit is blocked)', async () => {
    const result = await hook('pre-edit', write('src/backdoor.js'), 500);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('outside capsule');
  });

  it('a 100 KB Write is judged: in scope allowed, out of scope blocked', async () => {
    const big = 'x'.repeat(100_000);
    const inside = await hook('pre-edit', write('docs/guide.md', big), 50);
    expect(inside.code, inside.stderr).toBe(0);
    const outside = await hook('pre-edit', write('src/backdoor.js', big), 50);
    expect(outside.code, outside.stderr).toBe(2);
  });

  it('input it cannot read blocks (exit 2) while a capsule is active, with the reason', async () => {
    const result = await hook('pre-edit', '{"tool_input": ', 0);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('could not judge');
    expect(result.stderr).toContain('docs-guide');
  });
});
