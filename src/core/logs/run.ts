import { readFile } from 'node:fs/promises';
import { glob } from 'tinyglobby';
import { error, hasErrors, info, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { scanText } from '../secrets/scan.js';
import { usageError } from '../errors.js';
import type { GateOutcome } from '../gates/types.js';
import { scanFiles, secretCode } from '../secrets/files.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { exists, readTextIfExists } from '../workspace/fs.js';
import { checkInside, resolveInside, normalizeRelative } from '../workspace/paths.js';
import { checkLogText, type LogFileReport } from './check.js';
import { parseRedaction } from './redaction.js';

interface LogsRequest {
  /** Explicit files (CLI); default: config.logs.files globs. */
  files?: string[];
  /** Explicit schema path (CLI); default: config.logs.schema. */
  schema?: string;
  /** Log text from outside the workspace (the service's log during a requests run), by label. */
  extra?: { label: string; text: string }[];
}

/** The configured log files that exist now (workspace-relative, sorted). */
export async function configuredLogFiles(root: string, config: SentinelConfig): Promise<string[]> {
  if (config.logs.files.length === 0) return [];
  return (
    await glob(config.logs.files, { cwd: root, onlyFiles: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'], expandDirectories: false })
  ).sort();
}

function explicitFiles(root: string, files: string[]): string[] {
  return files.map((file) => {
    const absolute = resolveInside(root, file);
    if (!exists(absolute)) {
      throw usageError('LOGS_FILE_NOT_FOUND', `Log file "${file}" does not exist`, {
        path: file,
        fix: 'Pass an existing JSONL file, or run without arguments to use logs.files from config',
      });
    }
    return normalizeRelative(file);
  });
}

/** Validate JSONL logs against the Observer schema and redaction list, and scan them for secrets. */
export async function logsOutcome(root: string, config: SentinelConfig, request: LogsRequest = {}): Promise<GateOutcome> {
  const files = request.files?.length ? explicitFiles(root, request.files) : await configuredLogFiles(root, config);
  const schemaPath = normalizeRelative(request.schema ?? config.logs.schema);
  if (request.schema !== undefined && !exists(resolveInside(root, request.schema))) {
    throw usageError('LOGS_SCHEMA_NOT_FOUND', `Schema "${request.schema}" does not exist`, {
      path: request.schema,
      fix: 'Pass the Observer log schema, e.g. --schema ops/logging/schema.json',
    });
  }
  const diagnostics: Diagnostic[] = [];
  const schemaInside = checkInside(root, schemaPath);
  const schemaText = schemaInside.ok ? readTextIfExists(schemaInside.absolute) : undefined;
  // ajv (three dialects, formats) is loaded only when there is a schema to compile.
  const schema = schemaText === undefined ? undefined : (await import('./schema.js')).compileLogSchema(schemaText, schemaPath);
  if (schema && !schema.ok) diagnostics.push(...schema.diagnostics);
  if (schemaText === undefined) {
    diagnostics.push(
      info('LOGS_SCHEMA_MISSING', `No log schema at ${schemaPath}; log lines are only checked for JSON, redaction and secrets`, {
        path: schemaPath,
        fix: `Have the Observer write ${schemaPath} (a JSON Schema for one log record: ts, level, msg, request_id…)`,
      }),
    );
  }
  const redactionPath = normalizeRelative(config.logs.redaction);
  const redactionInside = checkInside(root, redactionPath);
  const redaction = parseRedaction(redactionInside.ok ? readTextIfExists(redactionInside.absolute) : undefined, redactionPath);
  diagnostics.push(...redaction.diagnostics);
  const data: Record<string, unknown> = {
    schema: schemaPath,
    schemaFound: schemaText !== undefined,
    redaction: redactionPath,
    redactedKeys: redaction.rules.map((r) => r.source),
  };
  const extra = request.extra ?? [];
  if (files.length === 0 && extra.length === 0) {
    diagnostics.push(
      info('LOGS_NO_FILES', `No log files match ${config.logs.files.join(', ') || '(logs.files is empty)'}`, {
        fix: 'Produce logs first: run the service or its tests with the JSON logger writing to logs/<name>.jsonl (e.g. `npm start > logs/app.jsonl`), or pass files to `sentinel logs check`',
      }),
    );
    data.files = [];
    const status = hasErrors(diagnostics) ? 'fail' : 'pending';
    return { status, diagnostics: sortDiagnostics(diagnostics), data, summary: 'no log files to check' };
  }
  const reports: LogFileReport[] = [];
  for (const file of files) {
    const text = await readFile(resolveInside(root, file), 'utf8');
    const options = { schemaPath, redaction: redaction.rules, redactionPath, ...(schema?.ok ? { validate: schema.validate } : {}) };
    const report = checkLogText(text, file, options);
    reports.push(report);
    diagnostics.push(...report.diagnostics);
  }
  const options = { schemaPath, redaction: redaction.rules, redactionPath, ...(schema?.ok ? { validate: schema.validate } : {}) };
  for (const { label, text } of extra) {
    const report = checkLogText(text, label, options);
    reports.push(report);
    diagnostics.push(...report.diagnostics);
    for (const finding of scanText(text, label, { entropyThreshold: config.secrets.entropyThreshold })) {
      diagnostics.push(
        error(secretCode(finding.rule), `${finding.description} in ${label} line ${finding.line}: ${finding.masked}`, {
          path: label,
          line: finding.line,
          fix: 'Redact it where the service logs it (ops/logging/redaction.json) and rotate it',
        }),
      );
    }
  }
  const secrets = await scanFiles(root, config, files);
  diagnostics.push(...secrets.diagnostics);
  data.files = reports.map(({ diagnostics: _d, ...rest }) => rest);
  data.secrets = { findings: secrets.findings.length, allowed: secrets.allowed.length };
  const lines = reports.reduce((n, r) => n + r.lines, 0);
  sortDiagnostics(diagnostics);
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return { status: 'fail', diagnostics, data, summary: `${errors} problem(s) in ${files.length + extra.length} log file(s) (${lines} lines)` };
  }
  if (schemaText === undefined) return { status: 'pending', diagnostics, data, summary: `no log schema at ${schemaPath}; ${lines} lines are JSON` };
  return { status: 'ok', diagnostics, data, summary: `${lines} log line(s) in ${files.length + extra.length} file(s) match ${schemaPath}` };
}
