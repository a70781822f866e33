import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { arena, type Arena } from './workspace.js';

/** Issue 11 item 12: bad input is a diagnostic with a code, the file and a fix, never a crash. */
let a: Arena;
beforeAll(async () => {
  a = await arena();
});
beforeEach(() => a.reset());
afterAll(() => a.repo.cleanup());

describe('internal errors become diagnostics', () => {
  it('a null or [] state file is reported as hand-edited, and status still lists every capsule', async () => {
    for (const content of ['null', '[]']) {
      writeFileSync(path.join(a.repo.dir, '.sentinel/state/docs-guide.json'), content);
      const status = await a.run('status', '--json');
      expect(status.code, status.stderr).toBe(1);
      const report = status.json();
      expect(report.capsules.map((c: any) => c.slug)).toContain('docs-guide');
      expect(report.diagnostics.map((d: any) => d.code)).toContain('STATE_TAMPERED');
    }
  });

  it('a NUL byte in a config path is a config error naming the key and line', async () => {
    writeFileSync(path.join(a.repo.dir, '.sentinel/config.json'), '{\n  "version": 1,\n  "stateDir": ".sentinel/st\\u0000ate"\n}\n');
    const result = await a.run('check', '--only', 'scope', '--json');
    expect(result.code).toBe(2);
    // One check for NUL in any string, path key or not.
    expect(result.stdout + result.stderr).toContain('CONFIG_NUL_BYTE');
    expect(result.stdout + result.stderr).toContain('stateDir');
    expect(result.stdout + result.stderr).toContain('NUL byte');
  });

  it('one NUL byte does not hide a token from the secrets gate', async () => {
    a.repo.write({ 'docs/guide.md': `# Guide\n\u0000\nGITHUB_TOKEN=ghp_${'R8x2Lq9ZkT4vW7yN1bC5dF3hJ6mP0sA2eG8i'}\n` });
    const result = await a.run('check', '--only', 'secrets', '--json');
    expect(result.code, result.stdout).toBe(1);
    expect(result.json().gates[0].status).toBe('fail');
  });
});
