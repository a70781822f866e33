import { hasErrors, type Diagnostic } from '../diagnostics.js';
import type { ChangedFile } from '../git/git.js';
import type { GateOutcome } from '../gates/types.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { scanFiles } from './files.js';
import type { SettingsSource } from '../workspace/settings-source.js';

/** Files worth scanning among changed ones: everything that still exists. */
export function scannableChanges(changed: ChangedFile[]): string[] {
  return changed.filter((c) => c.status !== 'deleted').map((c) => c.path);
}

/** Scan files and shape the result like a gate outcome (the CLI prints the same thing). */
export async function secretsOutcome(root: string, config: SentinelConfig, files: string[], what: string, settings?: SettingsSource): Promise<GateOutcome> {
  const result = await scanFiles(root, config, files, settings);
  const diagnostics: Diagnostic[] = result.diagnostics;
  const data = {
    scanned: result.scanned.length,
    skipped: result.skipped,
    findings: result.findings,
    allowed: result.allowed,
  };
  if (hasErrors(diagnostics)) {
    return { status: 'fail', diagnostics, data, summary: `${result.findings.length} secret(s) found in ${what}` };
  }
  // Keys in test code or fixtures are warnings: the gate passes, but the summary does not say "no secrets".
  const inFixtures = result.findings.length ? `${result.findings.length} key(s) in test code or fixtures (warning: allowlist them if fake)` : 'no secrets';
  return {
    status: 'ok',
    diagnostics,
    data,
    summary: `${inFixtures} in ${result.scanned.length} file(s) (${what})${result.allowed.length ? `; ${result.allowed.length} allowlisted` : ''}`,
  };
}
