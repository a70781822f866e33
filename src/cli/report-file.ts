import { readFileSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../core/errors.js';
import type { CheckReport } from '../core/report/check-report.js';
import type { CliContext } from './context.js';

/** How a command names a report file it was given, in its errors. */
export interface ReportFileUse {
  /** Error code prefix: `<prefix>_UNREADABLE`, `<prefix>_INVALID`. */
  codePrefix: string;
  /** How the file was passed (`--report x.json`, or the bare path). */
  label: string;
  fix: string;
}

/** A `sentinel check --json` document read from a file the user named; a usage error (exit 2) for anything else. */
export function readCheckReport(ctx: CliContext, file: string, use: ReportFileUse): { file: string; report: CheckReport } {
  const absolute = path.resolve(ctx.cwd, file);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(absolute, 'utf8'));
  } catch (err) {
    throw usageError(`${use.codePrefix}_UNREADABLE`, `${use.label}: ${(err as Error).message}`, { path: file, fix: use.fix });
  }
  const report = value as Partial<CheckReport> | null;
  if (typeof report !== 'object' || report === null || !Array.isArray(report.gates) || typeof report.schemaVersion !== 'number') {
    throw usageError(`${use.codePrefix}_INVALID`, `${use.label} is not a \`sentinel check --json\` document (no schemaVersion and gates)`, {
      path: file,
      fix: use.fix,
    });
  }
  return { file: path.relative(ctx.root, absolute).split(path.sep).join('/') || file, report: report as CheckReport };
}
