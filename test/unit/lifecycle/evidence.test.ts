import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/schema/canonical-json.js';
import type { GateResult } from '../../../src/core/gates/types.js';
import { buildEvidence, equivalentCommand, gateStatuses } from '../../../src/core/lifecycle/evidence.js';
import { sha256 } from '../../../src/core/workspace/fs.js';

const AT = '2025-03-01T10:00:00.000Z';
const gate = (name: GateResult['gate'], status: GateResult['status'], data: Record<string, unknown> = {}): GateResult => ({
  gate: name,
  status,
  durationMs: 12,
  diagnostics: [],
  data,
  summary: status,
});

describe('buildEvidence', () => {
  it('records one entry per command the commands gate ran', () => {
    const commands = gate('commands', 'ok', {
      commands: [
        { name: 'lint', command: 'npm run lint', exitCode: 0, status: 'passed', durationMs: 800, outputSha256: 'a'.repeat(64) },
        { name: 'test', command: 'npm test', exitCode: 0, status: 'passed', durationMs: 1500, outputSha256: 'b'.repeat(64) },
      ],
    });
    const evidence = buildEvidence([commands], { slug: 'orders-api', treeHash: 'tree1', at: AT });
    expect(evidence).toEqual([
      { gate: 'commands', status: 'ok', command: 'npm run lint', exitCode: 0, durationMs: 800, outputSha256: 'a'.repeat(64), treeHash: 'tree1', at: AT },
      { gate: 'commands', status: 'ok', command: 'npm test', exitCode: 0, durationMs: 1500, outputSha256: 'b'.repeat(64), treeHash: 'tree1', at: AT },
    ]);
  });

  it('a command that never exited gets exit code -1 and status fail', () => {
    const evidence = buildEvidence(
      [gate('commands', 'fail', { commands: [{ command: 'npm test', exitCode: null, status: 'timeout', durationMs: 5, outputSha256: '' }] })],
      {
        slug: 's',
        treeHash: 't',
        at: AT,
      },
    );
    expect(evidence[0]).toMatchObject({ exitCode: -1, status: 'fail', outputSha256: sha256('') });
  });

  it('other gates get the equivalent CLI call, exit code from status and the hash of the result', () => {
    const scope = gate('scope', 'fail');
    const logs = gate('logs', 'pending');
    const sentinels = gate('sentinels', 'ok', { runner: 'vitest', tests: [] });
    const evidence = buildEvidence([scope, logs, sentinels], { slug: 'orders-api', treeHash: 'tree1', at: AT, base: 'main' });
    expect(evidence.map((e) => [e.gate, e.status, e.exitCode, e.command])).toEqual([
      ['scope', 'fail', 1, 'sentinel check --only scope --capsule orders-api --base main'],
      ['logs', 'pending', 0, 'sentinel check --only logs --capsule orders-api --base main'],
      ['sentinels', 'ok', 0, 'sentinel check --only sentinels --capsule orders-api --base main'],
    ]);
    expect(evidence[0]!.outputSha256).toBe(sha256(canonicalJson(scope)));
    expect(evidence[0]!.outputSha256).not.toBe(evidence[1]!.outputSha256);
  });

  it('an empty commands list falls back to the gate entry', () => {
    const evidence = buildEvidence([gate('commands', 'pending', { commands: [] })], { slug: 's', treeHash: 't', at: AT });
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.command).toBe(equivalentCommand('commands', 's'));
  });

  it('gateStatuses maps gate to status', () => {
    expect(gateStatuses([gate('scope', 'ok'), gate('logs', 'pending')])).toEqual({ scope: 'ok', logs: 'pending' });
  });
});
