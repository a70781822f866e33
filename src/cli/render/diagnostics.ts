import type { Diagnostic } from '../../core/diagnostics.js';
import type { Style } from './style.js';

function location(d: Pick<Diagnostic, 'path' | 'line' | 'column'>): string {
  if (!d.path) return '';
  return `${d.path}${d.line ? `:${d.line}` : ''}${d.line && d.column ? `:${d.column}` : ''}`;
}

function severityLabel(severity: Diagnostic['severity'], style: Style): string {
  if (severity === 'error') return style.red('error');
  if (severity === 'warning') return style.yellow('warning');
  return style.blue('info');
}

/** `path:line  error  CODE  message` and an indented `fix:` line. */
export function formatDiagnostic(d: Diagnostic, style: Style): string {
  const where = location(d);
  const head = `${where ? `${style.bold(where)}  ` : ''}${severityLabel(d.severity, style)}  ${style.dim(d.code)}  ${d.message}`;
  return d.fix ? `${head}\n    ${style.dim('fix:')} ${d.fix}` : head;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], style: Style): string {
  return diagnostics.map((d) => formatDiagnostic(d, style)).join('\n');
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
