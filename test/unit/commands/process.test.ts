import { describe, expect, it } from 'vitest';
import { outputTail, runProcess } from '../../../src/core/commands/process.js';

const node = process.execPath;

describe('runProcess', () => {
  it('captures exit code and interleaved output, with a hash of all of it', async () => {
    const result = await runProcess({ argv: [node, '-e', 'console.log("out"); console.error("err"); process.exit(3)'], cwd: process.cwd(), timeoutMs: 20_000 });
    expect(result.exitCode).toBe(3);
    expect(result.timedOut).toBe(false);
    expect(result.output).toContain('out');
    expect(result.output).toContain('err');
    expect(result.outputSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('kills the whole process tree on timeout', async () => {
    // The child starts a grandchild that would keep the pipes open for a minute.
    const script = `require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'inherit' }); setTimeout(() => {}, 60000);`;
    const result = await runProcess({ argv: [node, '-e', script], cwd: process.cwd(), timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
  });

  it('reports a program that does not exist instead of throwing', async () => {
    const result = await runProcess({ argv: ['sentinel-no-such-program-xyz'], cwd: process.cwd(), timeoutMs: 5_000 });
    expect(result.spawnError?.code).toBe('ENOENT');
  });

  it('passes arguments verbatim: no shell expands them', async () => {
    const result = await runProcess({ argv: [node, '-e', 'console.log(process.argv[1])', '$(echo hacked); echo `id`'], cwd: process.cwd(), timeoutMs: 20_000 });
    expect(result.output.trim()).toBe('$(echo hacked); echo `id`');
  });
});

describe('outputTail', () => {
  it('keeps the last lines and drops colour codes', () => {
    const text = Array.from({ length: 50 }, (_, i) => `\u001b[31mline ${i + 1}\u001b[39m`).join('\n');
    const tail = outputTail(`${text}\n\n`, 3);
    expect(tail).toBe('line 48\nline 49\nline 50');
  });
});
