// The faults `npm run demo:faults` plants are each caught by the gate they belong to. The slow
// commands gate (the example's own lint, typecheck and tests, ~40 s on 2 cores) and the mcp gate
// (Sentinel's own server, covered by test/e2e/mcp.test.ts) are skipped here; `npm run demo:faults`
// runs them all, including the lint fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeExampleCopy, parseJson, run, sentinel } from '../../scripts/example-copy.mjs';
import { ACTIVE_CAPSULE, FAULTS, matchFaults, plantFaults, type CheckReport, type Fault } from '../../scripts/faults.mjs';

describe('demo:faults', () => {
  let copy: { root: string; cleanup: () => void };
  let planted: Fault[];
  let report: CheckReport;
  let exitCode: number;

  beforeAll(async () => {
    copy = makeExampleCopy('sentinel-faults-test-');
    const logs = await run('npm', ['run', '--silent', 'logs:produce'], { cwd: copy.root, timeoutMs: 120_000 });
    expect(logs.code, logs.stdout + logs.stderr).toBe(0);
    planted = plantFaults(copy.root, { skipSlow: true });
    const check = await sentinel(copy.root, ['check', '--json', '--skip', 'commands,mcp'], { env: { SENTINEL_CAPSULE: ACTIVE_CAPSULE }, timeoutMs: 240_000 });
    exitCode = check.code;
    report = parseJson(check, 'sentinel check') as CheckReport;
  }, 300_000);

  afterAll(() => copy?.cleanup());

  it('plants every fault except the slow one and fails the check', () => {
    expect(planted.map((f) => f.id)).toEqual(FAULTS.filter((f) => !f.slow).map((f) => f.id));
    expect(exitCode).toBe(1);
  });

  it.each(FAULTS.filter((f) => !f.slow).map((f) => [f.id, f.gate, f.code] as const))('%s is caught by the %s gate as %s', (id) => {
    const [match] = matchFaults(
      report,
      planted.filter((f) => f.id === id),
    );
    expect(match?.gateStatus).toBe('fail');
    expect(match?.diagnostic?.code).toBe(match?.fault.code);
    expect(match?.diagnostic?.fix ?? '').not.toBe('');
  });

  it('does not call an untouched copy faulty', async () => {
    const clean = makeExampleCopy('sentinel-faults-clean-');
    try {
      // Only the cheap static gates: enough to show the matcher needs a real finding.
      const check = await sentinel(clean.root, ['check', '--json', '--only', 'contracts,migrations,ledger,runbook,capsules,boundaries,commits'], {
        env: { SENTINEL_CAPSULE: ACTIVE_CAPSULE },
      });
      const matches = matchFaults(parseJson(check, 'sentinel check') as CheckReport, FAULTS);
      expect(matches.filter((m) => m.caught)).toEqual([]);
      expect(check.code).toBe(0);
    } finally {
      clean.cleanup();
    }
  });
});
