import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSmokeInOwnWorkspace } from '../../src/core/mcp-smoke/run.js';
import { makeTempDir, SENTINEL_BIN } from '../helpers/cli.js';

// The real server behind a relay that passes its stdin end on after DELAY ms, or never (-1). A server that never exits
// is a failure; one that a busy machine makes slow to exit (3 s, past the SDK's own 2 s) is not.
const RELAY = `
import { spawn } from 'node:child_process';
const [bin, ...args] = process.argv.slice(2);
const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
process.stdin.pipe(child.stdin, { end: false });
process.stdin.on('end', () => { if (${'${DELAY}'} >= 0) setTimeout(() => child.stdin.end(), ${'${DELAY}'}); });
child.stdout.pipe(process.stdout);
child.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGTERM', () => { child.kill(); process.exit(143); });
`;

describe('mcp smoke shutdown step', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());
  const relay = (delay: number): string => {
    const file = path.join(dir.dir, `relay-${delay}.mjs`);
    writeFileSync(file, RELAY.replaceAll('${DELAY}', String(delay)));
    return file;
  };
  const smokeThrough = async (delay: number, shutdownGraceMs?: number) => {
    // The relay takes the real entry script as its first argument; runSmoke runs `node <binary> mcp --root …`.
    const wrapper = path.join(dir.dir, `wrapper-${delay}.mjs`);
    writeFileSync(wrapper, `process.argv.splice(2, 0, ${JSON.stringify(SENTINEL_BIN)});\nawait import(${JSON.stringify(relay(delay))});\n`);
    return runSmokeInOwnWorkspace({ binary: wrapper, ...(shutdownGraceMs === undefined ? {} : { shutdownGraceMs }) });
  };

  it('fails a server that keeps running after its stdin ends', async () => {
    const report = await smokeThrough(-1, 1_500);
    const shutdown = report.steps.at(-1);
    expect(shutdown).toMatchObject({ step: 'shutdown', status: 'fail', detail: 'the server did not exit when stdin closed' });
    expect(report.ok).toBe(false);
  }, 120_000);

  it('passes a server that exits 3 s after its stdin ends (a busy machine), which the SDK alone would kill at 2 s', async () => {
    const report = await smokeThrough(3_000);
    expect(report.steps.at(-1)).toMatchObject({ step: 'shutdown', status: 'ok' });
  }, 120_000);
});
