import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildCheckReport } from '../../../src/core/report/check-report.js';
import { renderCheckText } from '../../../src/cli/render/check-text.js';
import { renderJUnit } from '../../../src/cli/render/junit.js';
import { renderMarkdown } from '../../../src/cli/render/markdown.js';
import { createStyle } from '../../../src/cli/render/style.js';
import { sampleGates } from './fixtures.js';

const report = (strict = false) => buildCheckReport({ gates: sampleGates(), strict, base: 'abcdef1234567890', capsule: null, durationMs: 1600 });

describe('renderJUnit', () => {
  const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (t) => t === 'testcase' }).parse(xml);

  it('writes well-formed XML with one test case per gate', () => {
    const xml = renderJUnit(report());
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = parse(xml).testsuites.testsuite;
    expect(suite.testcase.map((t: { name: string }) => t.name)).toEqual(['capsules', 'sentinels', 'commands', 'mcp']);
    expect(suite).toMatchObject({ tests: '4', failures: '1', skipped: '2' });
  });

  it('puts diagnostics (escaped) in the failure of a failing gate; pending is skipped unless strict', () => {
    const xml = renderJUnit(report());
    const [, sentinels, commands] = parse(xml).testsuites.testsuite.testcase;
    expect(sentinels.failure.message).toBe('fail: 1 passed, 1 failed, 1 skipped (node) (SENTINEL_TEST_FAILED)');
    expect(sentinels.failure['#text']).toContain('expected 3 <to> be "4"');
    expect(commands.skipped.message).toBe('pending: no commands configured');
    const strict = parse(renderJUnit(report(true))).testsuites.testsuite.testcase[2];
    expect(strict.failure.type).toBe('pending');
  });

  it('drops characters XML cannot carry', () => {
    const gates = sampleGates();
    gates[1]!.diagnostics[0]!.message = 'bell \u0007 here';
    const xml = renderJUnit(buildCheckReport({ gates, strict: false, base: null, capsule: null, durationMs: 1 }));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('bell  here');
  });
});

describe('renderMarkdown', () => {
  it('summarises in a table and lists failing and pending diagnostics with fixes', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('## ❌ Sentinel check failed');
    expect(md).toContain('| sentinels | ❌ fail | 1.5s | 1 passed, 1 failed, 1 skipped (node) |');
    expect(md).toContain('- **error** `SENTINEL_TEST_FAILED` `.sentinel/tests/sentinels/orders dir/orders.test.mjs:4`');
    expect(md).toContain('  - fix: Fix the code, not the sentinel');
    expect(md).toContain('#### ⏳ commands: pending');
    expect(md).not.toContain('#### ✅ capsules');
  });

  it('escapes pipes in table cells and says passed when nothing failed', () => {
    const gates = sampleGates().filter((g) => g.status !== 'fail');
    gates[0]!.summary = 'a | b';
    const md = renderMarkdown(buildCheckReport({ gates, strict: false, base: null, capsule: null, durationMs: 5 }));
    expect(md).toContain('## ✅ Sentinel check passed (with pending gates)');
    expect(md).toContain('| a \\| b |');
  });
});

describe('renderCheckText', () => {
  it('prints a row per gate, then the diagnostics that need attention, then the verdict', () => {
    const text = renderCheckText(report(), createStyle(false));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^gate\s+status\s+time\s+summary$/);
    expect(text).toMatch(/sentinels\s+fail\s+1\.5s\s+1 passed, 1 failed/);
    expect(text).toContain('SENTINEL_TEST_FAILED');
    expect(text).toContain('fix: add gates.commands');
    expect(lines.at(-1)).toBe('sentinel check failed: 1 ok, 1 failed, 1 pending, 1 skipped in 1.6s');
  });

  it('colours statuses only when colour is on', () => {
    expect(renderCheckText(report(), createStyle(true))).toContain('\u001b[31mfail\u001b[39m');
    expect(renderCheckText(report(), createStyle(false))).not.toContain('\u001b[');
  });
});
