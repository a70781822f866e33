import picomatch from 'picomatch';
import { error, type Diagnostic } from '../diagnostics.js';
import { parseJsonText } from '../schema/json-text.js';
import type { SecretFinding } from './scan.js';

/** One allowlist entry: every field given must match; `reason` is mandatory. */
interface AllowEntry {
  rule?: string;
  /** Glob of workspace-relative paths. */
  path?: string;
  /** Full fingerprint, or a prefix of at least 12 hex characters. */
  fingerprint?: string;
  reason: string;
}

interface Allowlist {
  entries: AllowEntry[];
  diagnostics: Diagnostic[];
}

const FIX = 'Use {"allow": [{"rule"?: "...", "path"?: "glob", "fingerprint"?: "sha256 from the finding", "reason": "why"}]}';

/** Parse the allowlist file's text; bad entries become diagnostics and are ignored. */
export function parseAllowlist(text: string | undefined, file: string): Allowlist {
  if (text === undefined) return { entries: [], diagnostics: [] };
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return {
      entries: [],
      diagnostics: [error('SECRETS_ALLOWLIST_INVALID', `Invalid JSON: ${parsed.error.message}`, { path: file, line: parsed.error.line, fix: FIX })],
    };
  }
  const value = parsed.value as { allow?: unknown };
  if (typeof value !== 'object' || value === null || !Array.isArray(value.allow)) {
    return {
      entries: [],
      diagnostics: [error('SECRETS_ALLOWLIST_INVALID', 'The allowlist must be an object with an "allow" array', { path: file, line: 1, fix: FIX })],
    };
  }
  const entries: AllowEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  value.allow.forEach((raw: unknown, index: number) => {
    const entry = raw as Partial<Record<keyof AllowEntry, unknown>>;
    const strings = ['rule', 'path', 'fingerprint', 'reason'].every(
      (k) => entry?.[k as keyof AllowEntry] === undefined || typeof entry[k as keyof AllowEntry] === 'string',
    );
    const fingerprintOk = entry?.fingerprint === undefined || /^[0-9a-f]{12,64}$/i.test(String(entry.fingerprint));
    const hasMatcher = entry && (entry.rule !== undefined || entry.path !== undefined || entry.fingerprint !== undefined);
    if (
      typeof entry !== 'object' ||
      entry === null ||
      !strings ||
      !hasMatcher ||
      typeof entry.reason !== 'string' ||
      entry.reason.trim() === '' ||
      !fingerprintOk
    ) {
      diagnostics.push(
        error(
          'SECRETS_ALLOWLIST_INVALID',
          `allow[${index}] needs a non-empty "reason" and at least one of "rule", "path", "fingerprint" (12-64 hex characters)`,
          {
            path: file,
            fix: FIX,
          },
        ),
      );
      return;
    }
    entries.push(entry as AllowEntry);
  });
  return { entries, diagnostics };
}

/** The entry that allows a finding, if any. */
export function allowedBy(finding: SecretFinding, entries: AllowEntry[]): AllowEntry | undefined {
  return entries.find(
    (entry) =>
      (entry.rule === undefined || entry.rule === finding.rule) &&
      (entry.path === undefined || picomatch(entry.path, { dot: true })(finding.path)) &&
      (entry.fingerprint === undefined || finding.fingerprint.startsWith(entry.fingerprint.toLowerCase())),
  );
}
