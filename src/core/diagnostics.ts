/** Every check in Sentinel reports findings as plain data; renderers turn them into text, JSON, SARIF… */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable, documented code such as `CAPSULE_SECTION_MISSING`. */
  code: string;
  message: string;
  /** Workspace-relative POSIX path. */
  path?: string;
  /** 1-based line number. */
  line?: number;
  column?: number;
  /** What to do about it, phrased as an instruction. */
  fix?: string;
}

export function diag(severity: Severity, code: string, message: string, where: Omit<Diagnostic, 'severity' | 'code' | 'message'> = {}): Diagnostic {
  const out: Diagnostic = { severity, code, message };
  if (where.path !== undefined) out.path = where.path;
  if (where.line !== undefined) out.line = where.line;
  if (where.column !== undefined) out.column = where.column;
  if (where.fix !== undefined) out.fix = where.fix;
  return out;
}

export const error = (code: string, message: string, where?: Omit<Diagnostic, 'severity' | 'code' | 'message'>) => diag('error', code, message, where);
export const warning = (code: string, message: string, where?: Omit<Diagnostic, 'severity' | 'code' | 'message'>) => diag('warning', code, message, where);
export const info = (code: string, message: string, where?: Omit<Diagnostic, 'severity' | 'code' | 'message'>) => diag('info', code, message, where);

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sort by path, then line, then code, so output is stable across runs. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code));
}
