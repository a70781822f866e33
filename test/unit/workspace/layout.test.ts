import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type SentinelConfig } from '../../../src/core/workspace/config-types.js';
import { isBookkeeping, isUnder } from '../../../src/core/workspace/layout.js';

describe('isUnder', () => {
  it('is the folder itself or a path below it, whatever `./` or trailing slashes the folder is written with', () => {
    for (const dir of ['.sentinel/state', './.sentinel/state', '.sentinel/state/', './.sentinel/state//']) {
      expect(isUnder('.sentinel/state', dir)).toBe(true);
      expect(isUnder('.sentinel/state/a.json', dir)).toBe(true);
      expect(isUnder('.sentinel/states/a.json', dir)).toBe(false);
      expect(isUnder('.sentinel', dir)).toBe(false);
    }
  });
});

describe('isBookkeeping', () => {
  it('knows a state folder configured as `./x/` (the handoff diff and the pre-edit hook share one test)', () => {
    const config: SentinelConfig = { ...structuredClone(DEFAULT_CONFIG), stateDir: './ops/state/', routerLogDir: 'ops/router_log/' };
    expect(isBookkeeping(config, 'ops/state/a.json')).toBe(true);
    expect(isBookkeeping(config, 'ops/router_log/2026.jsonl')).toBe(true);
    expect(isBookkeeping(config, 'ops/evidence/a/run.json')).toBe(true);
    expect(isBookkeeping(config, 'ops/other.md')).toBe(false);
  });
});
