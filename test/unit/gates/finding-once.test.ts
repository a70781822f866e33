import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/core/gates/run-check.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';
import { capsuleText } from '../router/fixtures.js';

const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

describe('one finding, one gate', () => {
  it('a missing Allowed Context path is reported by the capsules gate only, when both gates run', async () => {
    const r = makeTempRepo({
      'README.md': '# x\n',
      '.specify/specs/sample/capsule.md': capsuleText({ outputs: ['`src/a.ts`'], context: ['`README.md`', '`scripts/gone.mjs`'] }),
    });
    repos.push(r);
    const both = await runCheck(r.dir, DEFAULT_CONFIG, { only: ['capsules', 'context'] });
    const missing = both.gates.flatMap((g) => g.diagnostics.filter((d) => d.message.includes('scripts/gone.mjs')).map((d) => `${g.gate} ${d.code}`));
    expect(missing).toEqual(['capsules CAPSULE_CONTEXT_MISSING']);

    // Alone, the context gate still reports it.
    const alone = await runCheck(r.dir, DEFAULT_CONFIG, { only: ['context'] });
    expect(alone.gates[0]!.diagnostics.map((d) => d.code)).toContain('CONTEXT_ALLOWED_MISSING');
  });
});
