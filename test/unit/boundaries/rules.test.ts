import { describe, expect, it } from 'vitest';
import { boundariesOutcome, resolveRules } from '../../../src/core/boundaries/run.js';
import { mergeConfig } from '../../../src/core/workspace/config.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';

const roster = { agents: [], diagnostics: [] };
const files: Record<string, string> = {
  'server/src/routes/pay.ts': 'export const pay = (u: string) => fetch(u);\n',
  'server/src/clients/payment-provider.ts': 'export const charge = (u: string) => fetch(u);\n',
  'server/src/routes/pay.test.ts': "await fetch('http://127.0.0.1/x');\n",
  'web/app.ts': 'await fetch(u);\n',
};
const run = (config = DEFAULT_CONFIG, only = Object.keys(files)) =>
  boundariesOutcome({ config, roster, files: only, workspaceFiles: Object.keys(files), read: (f) => files[f], capsule: 'orders-api', scope: 'all' });

describe('boundaries rules', () => {
  it('default rule: Backender paths from its default owns, Integrator clients allowed', () => {
    expect(resolveRules(DEFAULT_CONFIG.boundaries.rules, roster)[0]).toMatchObject({
      lead: 'backender',
      handoffTo: 'integrator',
      paths: expect.arrayContaining(['server/src/**']),
      allow: expect.arrayContaining(['server/src/clients/**']),
    });
  });

  it('flags a raw call in a route, not in the client, a test, or code outside the lead', () => {
    const outcome = run();
    expect(outcome.status).toBe('fail');
    expect(outcome.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([['BOUNDARY_NETWORK_CALL', 'server/src/routes/pay.ts', 1]]);
    expect(outcome.diagnostics[0]!.fix).toContain('server/src/clients/payment-provider.ts');
  });

  it('without a client yet, the fix is the handoff to the Integrator', () => {
    const outcome = run(DEFAULT_CONFIG, ['server/src/routes/pay.ts']);
    const noClient = boundariesOutcome({
      config: DEFAULT_CONFIG,
      roster,
      files: ['server/src/routes/pay.ts'],
      workspaceFiles: ['server/src/routes/pay.ts'],
      read: (f) => files[f],
      capsule: 'orders-api',
      scope: 'changed',
    });
    expect(outcome.status).toBe('fail');
    expect(noClient.diagnostics[0]!.fix).toContain('sentinel handoff orders-api --to integrator');
  });

  it('configured rules replace the default and keep the default test exclusions', () => {
    const config = mergeConfig({
      boundaries: { rules: [{ id: 'web', lead: 'frontender', handoffTo: 'integrator', paths: ['web/**'], allow: ['web/api/**'] }] },
    });
    expect(config.boundaries.rules[0]!.exclude).toContain('**/*.test.*');
    expect(run(config).diagnostics.map((d) => d.path)).toEqual(['web/app.ts']);
    expect(run(mergeConfig({ boundaries: { rules: [] } })).status).toBe('skipped');
  });
});
