import { error, info, type Diagnostic } from '../diagnostics.js';
import { describeAjvError } from '../schema/ajv-errors.js';
import type { ValidateFunction } from 'ajv';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from '../schema/bounded.js';
import { parseJsonText } from '../schema/json-text.js';
import { maskSecret } from '../secrets/text.js';
import { unmaskedFields, type RedactionRule } from './redaction.js';

/** Per file, at most this many diagnostics: a broken logger should not drown the report. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

export interface LogFileReport {
  path: string;
  lines: number;
  invalidJson: number;
  /** Valid JSON nested too deep to check (schema, redaction): not counted in invalidJson. */
  tooDeep: number;
  schemaViolations: number;
  unmasked: number;
  diagnostics: Diagnostic[];
}

interface LogCheckOptions {
  validate?: ValidateFunction;
  schemaPath: string;
  redaction: RedactionRule[];
  redactionPath: string;
}

function maskedValue(value: unknown): string {
  return maskSecret(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Check a JSONL log: each non-blank line is JSON, valid against the schema, with redacted fields masked. */
export function checkLogText(text: string, file: string, options: LogCheckOptions): LogFileReport {
  const report: LogFileReport = { path: file, lines: 0, invalidJson: 0, tooDeep: 0, schemaViolations: 0, unmasked: 0, diagnostics: [] };
  const all: Diagnostic[] = [];
  text.split('\n').forEach((raw, index) => {
    const lineText = raw.replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (lineText.trim() === '') return;
    report.lines++;
    const line = index + 1;
    const parsed = parseJsonText(lineText);
    if (!parsed.ok) {
      report.invalidJson++;
      all.push(
        error('LOGS_LINE_NOT_JSON', `Line is not JSON: ${parsed.error.message}`, {
          path: file,
          line,
          column: parsed.error.column,
          fix: 'Log one JSON object per line (a structured logger such as pino); send plain-text output elsewhere',
        }),
      );
      return;
    }
    // ajv, the redaction walk and the masking recurse once per level: a hostile line must not overflow them.
    if (nestsDeeperThan(parsed.value)) {
      report.tooDeep++;
      all.push(
        error('LOGS_LINE_TOO_DEEP', `Line nests deeper than ${MAX_DOCUMENT_DEPTH} levels, so it is not checked (schema, redaction)`, {
          path: file,
          line,
          fix: `Log flat records: at most ${MAX_DOCUMENT_DEPTH} levels of nesting`,
        }),
      );
      return;
    }
    if (options.validate && !options.validate(parsed.value)) {
      for (const err of options.validate.errors ?? []) {
        report.schemaViolations++;
        all.push(
          error('LOGS_SCHEMA_VIOLATION', describeAjvError(err), {
            path: file,
            line,
            fix: `Make the logger emit records that match ${options.schemaPath} (field ${err.instancePath || '(root)'}, rule ${err.keyword})`,
          }),
        );
      }
    }
    for (const field of unmaskedFields(parsed.value, options.redaction)) {
      report.unmasked++;
      all.push(
        error(
          'LOGS_UNREDACTED_FIELD',
          `${field.pointer} must be masked (${options.redactionPath} lists "${field.rule}") but holds ${maskedValue(field.value)}`,
          {
            path: file,
            line,
            fix: `Redact "${field.rule}" in the logger (e.g. pino's redact option) so it logs [Redacted]`,
          },
        ),
      );
    }
  });
  report.diagnostics = all.slice(0, MAX_DIAGNOSTICS_PER_FILE);
  if (all.length > MAX_DIAGNOSTICS_PER_FILE) {
    report.diagnostics.push(info('LOGS_MORE_PROBLEMS', `${all.length - MAX_DIAGNOSTICS_PER_FILE} more problem(s) in this file not shown`, { path: file }));
  }
  return report;
}
