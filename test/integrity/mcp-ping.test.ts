import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { SENTINEL_BIN, makeTempRepo, runSentinel } from '../helpers/cli.js';

/**
 * Issue 11 item 11: tool calls run off the MCP server's event loop, so `ping` keeps answering.
 * Ordering, not timing (bench/long-word.mjs prints the latency): the call packs a named pipe, so
 * its thread sits in a synchronous read (pack.ts reads with readFileSync) until this test writes
 * the pipe; pings sent meanwhile must be answered, and the call cannot answer before they are.
 */
const repo = makeTempRepo({ 'README.md': '# Demo\n' });
afterAll(() => repo.cleanup());

/** The pipe opened for writing once a reader has it open (ENXIO until then), else undefined. */
function writerOnceRead(fifo: string): number | undefined {
  try {
    return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENXIO') return undefined;
    throw err;
  }
}

describe('MCP ping during a long tool call', () => {
  it("keeps answering while a call's thread is blocked reading a context file (a named pipe)", async () => {
    expect((await runSentinel(['init'], { cwd: repo.dir })).code).toBe(0);
    const fifo = path.join(repo.dir, 'big', 'word.fifo');
    repo.write({ 'big/.keep': '' });
    execFileSync('mkfifo', [fifo]);
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
      'big/word.fifo',
    ];
    expect((await runSentinel([...args, '--lead', 'scribe'], { cwd: repo.dir })).code).toBe(0);
    const transport = new StdioClientTransport({ command: process.execPath, args: [SENTINEL_BIN, 'mcp', '--root', repo.dir], stderr: 'pipe' });
    const client = new Client({ name: 'integrity', version: '1' });
    await client.connect(transport);
    let writer: number | undefined;
    try {
      let settled = false;
      const call = client
        .callTool({ name: 'sentinel_prompt', arguments: { capsule: 'long-word', pack: true } }, undefined, { timeout: 240_000 })
        .finally(() => (settled = true));
      // Until the call's thread opens the pipe, pings go through whatever happens meanwhile.
      while ((writer = writerOnceRead(fifo)) === undefined) {
        await client.ping({ timeout: 60_000 });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // The call's thread now waits for the pipe's end: every one of these pings is answered while it does.
      for (let i = 0; i < 5; i++) {
        await client.ping({ timeout: 60_000 });
        expect(settled).toBe(false);
      }
      writeSync(writer, 'pipedword\n');
      closeSync(writer);
      writer = undefined;
      const result = await call;
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(JSON.stringify(result.content)).toContain('pipedword');
    } finally {
      // A call left reading the pipe (a failed assertion) gets its end, so the server can exit.
      if (writer === undefined) writer = writerOnceRead(fifo);
      if (writer !== undefined) closeSync(writer);
      await client.close();
    }
  }, 300_000);
});
