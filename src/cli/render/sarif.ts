import type { Diagnostic, Severity } from '../../core/diagnostics.js';
import { GATE_DESCRIPTIONS } from '../../core/gates/registry.js';
import type { GateName } from '../../core/gates/types.js';
import type { CheckReport } from '../../core/report/check-report.js';

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  toolVersion: string;
  /** Where the tool is documented (driver.informationUri). */
  informationUri: string;
  /** Page documenting diagnostic codes; `#<code>` is appended per rule. */
  helpBaseUri: string;
  /** Location for diagnostics that name no file (GitHub code scanning wants one per result). */
  fallbackPath: string;
}

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help?: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

/** A workspace-relative path as a relative URI reference (each segment percent-encoded). */
export function toUriReference(relative: string): string {
  return relative
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** `SENTINEL_TEST_FAILED` → `SentinelTestFailed` (SARIF rule names are PascalCase by convention). */
const ruleName = (code: string) =>
  code
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** The first line of a diagnostic message plus its fix: SARIF messages are shown in one box. */
function resultText(d: Diagnostic): string {
  return d.fix ? `${d.message}\nFix: ${d.fix}` : d.message;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per diagnostic code, one result per diagnostic,
 * every result located at a relative URI under %SRCROOT% with a 1-based start line.
 */
export function buildSarif(report: CheckReport, options: SarifOptions): Record<string, unknown> {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: Record<string, unknown>[] = [];
  for (const gate of report.gates) {
    for (const d of gate.diagnostics) {
      let index = ruleIndex.get(d.code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(d.code, index);
        const description = GATE_DESCRIPTIONS[gate.gate as GateName] ?? gate.gate;
        const rule: SarifRule = {
          id: d.code,
          name: ruleName(d.code),
          shortDescription: { text: `${gate.gate}: ${d.code}` },
          fullDescription: { text: `Reported by the ${gate.gate} gate (${description}).` },
          helpUri: `${options.helpBaseUri}#${d.code.toLowerCase()}`,
          defaultConfiguration: { level: LEVEL[d.severity] },
          properties: { tags: ['sentinel', gate.gate] },
        };
        if (d.fix) rule.help = { text: d.fix };
        rules.push(rule);
      }
      const region: Record<string, number> = { startLine: d.line && d.line > 0 ? d.line : 1 };
      if (d.line && d.column && d.column > 0) region.startColumn = d.column;
      results.push({
        ruleId: d.code,
        ruleIndex: index,
        level: LEVEL[d.severity],
        message: { text: resultText(d) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUriReference(d.path ?? options.fallbackPath), uriBaseId: '%SRCROOT%' },
              region,
            },
          },
        ],
        properties: { gate: gate.gate },
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sentinel',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: options.informationUri,
            rules,
          },
        },
        automationDetails: { id: 'sentinel/check/' },
        invocations: [{ executionSuccessful: true, exitCode: report.ok ? 0 : 1 }],
        results,
        properties: { status: report.status, strict: report.strict },
      },
    ],
  };
}

export function renderSarif(report: CheckReport, options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}
