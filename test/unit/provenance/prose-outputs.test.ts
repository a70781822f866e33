import { afterEach, describe, expect, it } from 'vitest';
import { createGateInputs } from '../../../src/core/gates/inputs.js';
import { checkProvenance } from '../../../src/core/provenance/check.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';

const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

// The predecessor's ledger mixes file paths and prose in Outputs (D-0004 of sentinel-kit).
const LEDGER = `# Decisions Ledger

## NEXT_ID
D-0005

## Log

ID: D-0004
Date: 2025-11-07
Author: Builder
Scope: scripts/orch
Decision: Introduce minimal orchestrator CLI
Rationale: Render prompts locally
Outputs: scripts/orch/prompt-render.mjs, README router section, README docs
Supersedes: none
`;

describe('provenance on ledger Outputs written as prose', () => {
  it('checks the file paths and leaves the prose alone', async () => {
    const r = makeTempRepo({ '.sentinel/DECISIONS.md': LEDGER, 'README.md': '# x\n' });
    repos.push(r);
    const outcome = await checkProvenance(createGateInputs({ root: r.dir, config: DEFAULT_CONFIG }), { all: true });
    const absent = outcome.diagnostics.filter((d) => d.code === 'PROVENANCE_OUTPUT_ABSENT');
    expect(absent.map((d) => [d.message, d.line])).toEqual([['D-0004 lists scripts/orch/prompt-render.mjs in its Outputs, but the file does not exist', 14]]);
    expect(outcome.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/README (router section|docs)/);
  });
});
