import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../../../src/core/agents/playbook.js';
import { phaseRecordForDone, phasesEntered, verificationPhase } from '../../../src/core/lifecycle/phases.js';
import { SentinelError } from '../../../src/core/errors.js';

const SEVEN = parsePlaybook(
  '# Backender\n\n1) ORIENT\n- read\n2) PLAN\n- plan\n3) DESIGN\n- d\n4) IMPLEMENT\n- i\n5) VERIFY\n- run `sentinel check`\n6) PACKAGE\n- p\n7) HANDOFF\n- h\n',
);
const history = (...phases: string[]) => ({
  history: [{ at: 't', to: 'routed' as const, by: 'r' }, ...phases.map((phase) => ({ at: 't', to: 'in_progress' as const, phase, by: 'cli' }))],
});

describe('verificationPhase', () => {
  it('is VERIFY, else a phase named like it, else the phase that runs the gates', () => {
    expect(verificationPhase(SEVEN)).toBe('VERIFY');
    expect(verificationPhase(parsePlaybook('1) INVENTORY\n- x\n2) VERIFICATION\n- y\n'))).toBe('VERIFICATION');
    expect(verificationPhase(parsePlaybook('1) ORIENT\n- x\n2) REVIEW (SELF)\n- contrast\n3) PACKAGE\n- z\n'))).toBe('REVIEW_(SELF)');
    expect(verificationPhase(parsePlaybook('1) BUILD\n- x\n2) PROVE\n- run `sentinel check` until it passes\n3) SHIP\n- z\n'))).toBe('PROVE');
    expect(verificationPhase(parsePlaybook('1) WRITE\n- x\n2) SHIP\n- z\n'))).toBeUndefined();
  });
});

describe('phaseRecordForDone', () => {
  it('lists the phases entered, in order, once each', () => {
    expect(phasesEntered(history('ORIENT', 'PLAN', 'PLAN', 'VERIFY'))).toEqual(['ORIENT', 'PLAN', 'VERIFY']);
  });

  it('refuses done after only ORIENT of a 7-phase playbook, naming the phase and the way out', () => {
    let thrown: unknown;
    try {
      phaseRecordForDone({ slug: 'orders', lead: 'backender', playbook: SEVEN, state: history('ORIENT') });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SentinelError);
    expect((thrown as SentinelError).code).toBe('DONE_PHASE_NOT_ENTERED');
    expect((thrown as SentinelError).message).toContain('never entered VERIFY');
    expect((thrown as SentinelError).fix).toContain('sentinel capsule phase orders VERIFY');
    expect((thrown as SentinelError).fix).toContain('--skip-phases');
  });

  it('accepts VERIFY entered (earlier phases may be skipped), or a reason to skip it; a blank reason is no reason', () => {
    expect(phaseRecordForDone({ slug: 'o', playbook: SEVEN, state: history('ORIENT', 'VERIFY', 'PACKAGE') })).toEqual({
      entered: ['ORIENT', 'VERIFY', 'PACKAGE'],
      verification: 'VERIFY',
    });
    expect(phaseRecordForDone({ slug: 'o', playbook: SEVEN, state: history('ORIENT'), skipReason: ' docs only, checked by hand ' }).skipped).toEqual({
      phase: 'VERIFY',
      reason: 'docs only, checked by hand',
    });
    expect(() => phaseRecordForDone({ slug: 'o', playbook: SEVEN, state: history('ORIENT'), skipReason: '  ' })).toThrow(/never entered VERIFY/);
  });

  it('asks nothing of a playbook without a verification phase', () => {
    expect(phaseRecordForDone({ slug: 'o', playbook: parsePlaybook('1) WRITE\n- x\n'), state: history('WRITE') })).toEqual({
      entered: ['WRITE'],
      verification: null,
    });
  });
});
