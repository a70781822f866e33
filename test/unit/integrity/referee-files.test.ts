import { describe, expect, it } from 'vitest';
import { refereeFile } from '../../../src/core/hooks/pre-edit.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';

describe('refereeFile (what the pre-edit hook keeps from the lead)', () => {
  it('follows a custom state folder, its evidence beside it and the router log', () => {
    const config = { ...structuredClone(DEFAULT_CONFIG), stateDir: 'var/sentinel/state', routerLogDir: 'var/sentinel/routes' };
    expect(refereeFile('var/sentinel/state/x.json', config, undefined)).toContain('state');
    expect(refereeFile('var/sentinel/evidence/x/1.json', config, undefined)).toContain('evidence');
    expect(refereeFile('var/sentinel/routes/x.jsonl', config, undefined)).toContain('router log');
    expect(refereeFile('.sentinel/state/x.json', config, undefined)).toBeUndefined();
    expect(refereeFile('var/sentinel/statefile', config, undefined)).toBeUndefined();
  });
  it('guards the config and the capsule the lead leads, not other files', () => {
    expect(refereeFile('.sentinel/config.json', DEFAULT_CONFIG, 'caps/a/capsule.md')).toContain('configuration');
    expect(refereeFile('caps/a/capsule.md', DEFAULT_CONFIG, 'caps/a/capsule.md')).toContain('capsule you lead');
    expect(refereeFile('caps/b/capsule.md', DEFAULT_CONFIG, 'caps/a/capsule.md')).toBeUndefined();
    expect(refereeFile('docs/guide.md', DEFAULT_CONFIG, 'caps/a/capsule.md')).toBeUndefined();
  });
  it("guards Sentinel's cached verdicts and its temp and lock files", () => {
    expect(refereeFile('.sentinel/cache/verdicts/stop.json', DEFAULT_CONFIG, undefined)).toContain('cache');
    expect(refereeFile('.sentinel/tmp/ledger.lock', DEFAULT_CONFIG, undefined)).toContain('temp');
    expect(refereeFile('.sentinel/cachet.md', DEFAULT_CONFIG, undefined)).toBeUndefined();
  });
});
