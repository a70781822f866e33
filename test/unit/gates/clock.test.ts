import { describe, expect, it } from 'vitest';
import { createGateClock, SHARED } from '../../../src/core/gates/clock.js';
import { createGateInputs } from '../../../src/core/gates/inputs.js';
import { runGate } from '../../../src/core/gates/run.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { makeTempRepo } from '../../helpers/cli.js';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('the gate clock', () => {
  it("charges each stretch of work to the gate whose async context runs it, not the interleaved gates' work", { retry: 2 }, async () => {
    const clock = createGateClock();
    const walls: Record<string, number> = {};
    const gate = (name: string, slices: number[]) =>
      clock.run(name, async () => {
        const started = performance.now();
        for (const ms of slices) {
          await tick();
          busy(ms);
        }
        walls[name] = performance.now() - started;
      });
    await Promise.all([gate('slow', [60, 60]), gate('quick', [10, 10])]);
    clock.stop();
    expect(clock.spent('slow')).toBeGreaterThanOrEqual(115);
    expect(clock.spent('quick')).toBeGreaterThanOrEqual(18);
    // Preemption on a busy machine is charged to whoever runs, so compare with the slow gate, not a constant.
    expect(clock.spent('quick')).toBeLessThan(clock.spent('slow') - 40);
    // The quick gate's wall time holds the slow gate's work: that is what the clock takes out.
    expect(walls.quick!).toBeGreaterThan(clock.spent('quick') + 40);
  });

  it('charges shared workspace facts to SHARED and reports the wait apart, whichever gate asks first', { retry: 2 }, async () => {
    const repo = makeTempRepo({ 'a.ts': 'export const a = 1;\n', '.sentinel/config.json': '{"version":1}\n' });
    try {
      const clock = createGateClock();
      const ctx = createGateInputs({ root: repo.dir, config: DEFAULT_CONFIG, clock });
      // A shared fact that takes 50 ms of work once a gate asks for it, computed as createGateInputs does.
      let facts: Promise<void> | undefined;
      const capsules = () => (facts ??= clock.run(SHARED, () => tick().then(() => busy(50)))).then(() => []);
      const result = await runGate('capsules', { ...ctx, capsules }, clock);
      clock.stop();
      expect(result.waitMs!).toBeGreaterThanOrEqual(45);
      expect(result.durationMs).toBeLessThan(result.wallMs! - 40);
      expect(clock.spent(SHARED)).toBeGreaterThanOrEqual(45);
    } finally {
      repo.cleanup();
    }
  });
});
