import { describe, expect, it } from 'vitest';
import { createGateClock, SHARED } from '../../../src/core/gates/clock.js';
import { createGateInputs } from '../../../src/core/gates/inputs.js';
import { runGate } from '../../../src/core/gates/run.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { makeTempRepo } from '../../helpers/cli.js';

// A virtual clock: only `busy` moves it, so every charge is exact whatever the machine's load
// (a real busy-wait preempted on a loaded machine is charged to whoever runs).
let virtualMs = 0;
const now = () => virtualMs;
const busy = (ms: number) => {
  virtualMs += ms;
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('the gate clock', () => {
  it("charges each stretch of work to the gate whose async context runs it, not the interleaved gates' work", async () => {
    const clock = createGateClock(now);
    const walls: Record<string, number> = {};
    const gate = (name: string, slices: number[]) =>
      clock.run(name, async () => {
        const started = now();
        for (const ms of slices) {
          await tick();
          busy(ms);
        }
        walls[name] = now() - started;
      });
    await Promise.all([gate('slow', [60, 60]), gate('quick', [10, 10])]);
    clock.stop();
    expect(clock.spent('slow')).toBe(120);
    expect(clock.spent('quick')).toBe(20);
    // The quick gate's wall time holds the slow gate's work (timers of one duration fire in order,
    // so slow's first slice runs before quick's): that is what the clock takes out.
    expect(walls.quick!).toBeGreaterThanOrEqual(clock.spent('quick') + 60);
  });

  it('charges shared workspace facts to SHARED and reports the wait apart, whichever gate asks first', async () => {
    const repo = makeTempRepo({ 'a.ts': 'export const a = 1;\n', '.sentinel/config.json': '{"version":1}\n' });
    try {
      const clock = createGateClock(now);
      const ctx = createGateInputs({ root: repo.dir, config: DEFAULT_CONFIG, clock });
      // A shared fact that takes 50 ms of work once a gate asks for it, computed as createGateInputs does.
      let facts: Promise<void> | undefined;
      const capsules = () => (facts ??= clock.run(SHARED, () => tick().then(() => busy(50)))).then(() => []);
      const result = await runGate('capsules', { ...ctx, capsules }, clock);
      clock.stop();
      expect(result.waitMs).toBe(50);
      expect(result.durationMs).toBe(0);
      expect(result.wallMs).toBe(50);
      expect(clock.spent(SHARED)).toBe(50);
    } finally {
      repo.cleanup();
    }
  });
});
