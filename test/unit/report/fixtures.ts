import type { GateResult } from '../../../src/core/gates/types.js';

/** A small but varied set of gate results: every status, located and unlocated diagnostics. */
export function sampleGates(): GateResult[] {
  return [
    { gate: 'capsules', status: 'ok', durationMs: 12, diagnostics: [], data: {}, summary: '3 capsules valid' },
    {
      gate: 'sentinels',
      status: 'fail',
      durationMs: 1520,
      diagnostics: [
        {
          severity: 'error',
          code: 'SENTINEL_TEST_FAILED',
          message: 'Sentinel test failed: totals > rounding: expected 3 <to> be "4"\nat orders.test.mjs:4:9',
          path: '.sentinel/tests/sentinels/orders dir/orders.test.mjs',
          line: 4,
          fix: 'Fix the code, not the sentinel',
        },
        {
          severity: 'warning',
          code: 'SENTINEL_TEST_SKIPPED',
          message: 'Sentinel test skipped: later | soon',
          path: '.sentinel/tests/sentinels/orders dir/orders.test.mjs',
        },
      ],
      data: {},
      summary: '1 passed, 1 failed, 1 skipped (node)',
    },
    {
      gate: 'commands',
      status: 'pending',
      durationMs: 0,
      diagnostics: [{ severity: 'info', code: 'COMMANDS_NONE', message: 'No project commands are configured', fix: 'add gates.commands' }],
      data: {},
      summary: 'no commands configured',
    },
    { gate: 'mcp', status: 'skipped', durationMs: 3, diagnostics: [], data: {}, summary: 'skipped by config' },
  ];
}
