import { afterEach, describe, expect, it } from 'vitest';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { checkScope } from '../../../src/core/scope/check.js';
import { missingOutputs } from '../../../src/core/scope/outputs.js';
import { makeTempDir } from '../../helpers/cli.js';

const text = (outputs: string[]) =>
  [
    '# Capsule demo@0123abcd',
    '## Goal',
    'Demo.',
    '## Required Outputs',
    ...outputs.map((o) => `- ${o}`),
    '## Acceptance Criteria',
    '- `npm test` passes',
    '## Allowed Context',
    '- src/app.ts',
    '## Router Notes',
    '- Lead: backender',
    '',
  ].join('\n');

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('missingOutputs', () => {
  it('reports plain paths that do not exist and globs that match nothing, with their lines', async () => {
    const dir = makeTempDir({ 'src/present.ts': 'x', 'test/a.test.ts': 'x' });
    cleanup = dir.cleanup;
    const capsule = parseCapsule(text(['src/present.ts', 'src/absent.ts', 'test/*.test.ts', 'docs/*.md']), '.specify/specs/demo/capsule.md');
    const missing = await missingOutputs(dir.dir, capsule);
    expect(missing.map((m) => [m.path, m.line])).toEqual([
      ['src/absent.ts', 6],
      ['docs/*.md', 8],
    ]);
  });

  it('does not treat endpoints or contract ids as files', async () => {
    const dir = makeTempDir({});
    cleanup = dir.cleanup;
    const capsule = parseCapsule(text(['`POST /orders` endpoint', 'orders.v2']));
    expect(await missingOutputs(dir.dir, capsule)).toEqual([]);
  });
});

describe('checkScope and the capsule file', () => {
  it("counts a change to the capsule's own file as in scope", () => {
    const capsule = parseCapsule(text(['src/out.ts']), '.specify/specs/demo/capsule.md');
    const report = checkScope({
      changed: [
        { path: '.specify/specs/demo/capsule.md', status: 'modified' },
        { path: '.specify/specs/other/capsule.md', status: 'modified' },
      ],
      capsule,
      allCapsules: [capsule],
      alwaysAllowed: [],
    });
    expect(report.inScope).toEqual(['.specify/specs/demo/capsule.md']);
    expect(report.outOfScope.map((f) => f.path)).toEqual(['.specify/specs/other/capsule.md']);
  });
});

describe('capsuleAlwaysAllowed', () => {
  it("adds the lead's runbook to the always-allowed paths once the capsule is routed", async () => {
    const { capsuleAlwaysAllowed } = await import('../../../src/core/scope/allowed.js');
    const { DEFAULT_CONFIG } = await import('../../../src/core/workspace/config-types.js');
    const { emptyState, writeState } = await import('../../../src/core/state/state.js');
    const dir = makeTempDir({});
    cleanup = dir.cleanup;
    const config = structuredClone(DEFAULT_CONFIG);
    expect(capsuleAlwaysAllowed(dir.dir, config, 'demo')).not.toContain('ops/backend/runbook.md');
    writeState(dir.dir, config, { ...emptyState('demo'), status: 'routed', lead: 'backender' });
    expect(capsuleAlwaysAllowed(dir.dir, config, 'demo')).toContain('ops/backend/runbook.md');
    writeState(dir.dir, config, { ...emptyState('demo'), status: 'routed', lead: 'verifier' });
    expect(capsuleAlwaysAllowed(dir.dir, config, 'demo')).not.toContain('ops/backend/runbook.md');
  });
});
