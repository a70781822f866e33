import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { SENTINEL_BIN, makeTempRepo, runSentinel } from '../helpers/cli.js';

/**
 * Issue 11 item 11: long work runs off the MCP server's event loop, so `ping` keeps answering.
 * Ordering, not timing (bench/long-word.mjs prints the latency): pings sent while a long tool
 * call runs are answered before that call is.
 */
const repo = makeTempRepo({ 'README.md': '# Demo\n' });
afterAll(() => repo.cleanup());

describe('MCP ping during a long tool call', () => {
  it('keeps answering while a long call runs (a prompt packing a 2 MB one-word file)', async () => {
    expect((await runSentinel(['init'], { cwd: repo.dir })).code).toBe(0);
    repo.write({ 'big/word.txt': `${'x'.repeat(2_000_000)}\n` });
    const limitsFile = path.join(repo.dir, '.sentinel/context/limits/context-limits.json');
    const limits = JSON.parse(readFileSync(limitsFile, 'utf8'));
    limits.artifacts.push({ name: 'big', globs: ['big/**'], maxTokens: 100_000_000 });
    writeFileSync(limitsFile, JSON.stringify(limits, null, 2));
    const args = [
      'capsule',
      'new',
      'long-word',
      '--goal',
      'Read the word.',
      '--output',
      'NOTES.md',
      '--accept',
      '`NOTES.md` exists',
      '--context',
      'big/word.txt',
    ];
    expect((await runSentinel([...args, '--lead', 'scribe'], { cwd: repo.dir })).code).toBe(0);
    const transport = new StdioClientTransport({ command: process.execPath, args: [SENTINEL_BIN, 'mcp', '--root', repo.dir], stderr: 'pipe' });
    const client = new Client({ name: 'integrity', version: '1' });
    await client.connect(transport);
    try {
      let settled = false;
      const call = client
        .callTool({ name: 'sentinel_prompt', arguments: { capsule: 'long-word', pack: true, budget: 10_000_000 } }, undefined, { timeout: 300_000 })
        .finally(() => (settled = true));
      // Ping one after another until the call answers. With the packing on the event loop only the
      // pings of its first moments get through (15 here); off it, hundreds (255 here).
      let answeredBefore = 0;
      while (!settled) {
        await client.ping();
        if (!settled) answeredBefore++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const result = await call;
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(answeredBefore).toBeGreaterThanOrEqual(60);
    } finally {
      await client.close();
    }
  }, 300_000);
});
