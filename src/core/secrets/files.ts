import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { error, info, sortDiagnostics, warning, type Diagnostic } from '../diagnostics.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { usageError } from '../errors.js';
import { exists, isDirectory, readTextIfExists } from '../workspace/fs.js';
import { walkWorkspace } from '../workspace/ignore.js';
import { checkInside, insideChecker } from '../workspace/paths.js';
import { allowedBy, parseAllowlist } from './allowlist.js';
import { isTestFixture } from './examples.js';
import { scanText, type SecretFinding } from './scan.js';
import { PROVIDER_RULES } from './provider-rules.js';
import { isBinary, printableRuns } from './text.js';
import type { SettingsSource } from '../workspace/settings-source.js';

const MAX_BYTES = 5 * 1024 * 1024;

/** Files read between two returns to the event loop, so a long scan never starves it (MCP pings, timers). */
const FILES_PER_TURN = 64;

/**
 * The files' contents in the given order. Read synchronously: for a whole-tree scan, the four
 * thread-pool round trips of an asynchronous read cost more CPU than the reading itself.
 */
async function* readInOrder(files: readonly { file: string; absolute: string }[]): AsyncGenerator<{ file: string; content: Buffer | undefined }> {
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    let content: Buffer | undefined;
    try {
      content = readFileSync(files[i]!.absolute);
    } catch {
      content = undefined;
    }
    yield { file: files[i]!.file, content };
  }
}

/** UTF-8 text; pure ASCII (most source files) is copied as Latin-1, the same string at a third of the cost. */
function decodeText(content: Buffer): string {
  return isAscii(content) ? content.toString('latin1') : content.toString('utf8');
}

interface SecretsScanResult {
  findings: SecretFinding[];
  /** Findings an allowlist entry covers, with its reason. */
  allowed: (SecretFinding & { reason: string })[];
  scanned: string[];
  skipped: { path: string; reason: 'binary' | 'too-large' | 'excluded' | 'missing' | 'outside-workspace' }[];
  diagnostics: Diagnostic[];
}

/** Expand paths (files or folders, workspace-relative) into files; folders skip node_modules and .git. Throws on missing or outside paths. */
export async function expandPaths(root: string, paths: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const p of paths) {
    const inside = checkInside(root, p);
    if (!inside.ok) throw usageError('PATH_OUTSIDE_ROOT', inside.message, { path: p, fix: 'Pass paths inside the workspace' });
    if (!exists(inside.absolute)) throw usageError('SECRETS_PATH_NOT_FOUND', `"${p}" does not exist`, { path: p, fix: 'Pass existing files or folders' });
    if (isDirectory(inside.absolute)) {
      const prefix = inside.relative === '.' ? '' : `${inside.relative}/`;
      // A symlinked file is kept only when it resolves inside the workspace.
      const within = insideChecker(root);
      for (const f of await walkWorkspace(root, prefix)) if (within(f).ok) out.add(f);
    } else out.add(inside.relative);
  }
  return [...out].sort();
}

/** Scan workspace-relative files with the configured rules, exclusions and allowlist. */
export async function scanFiles(root: string, config: SentinelConfig, files: string[], settings?: SettingsSource): Promise<SecretsScanResult> {
  const result: SecretsScanResult = { findings: [], allowed: [], scanned: [], skipped: [], diagnostics: [] };
  const excluded = picomatch(config.secrets.exclude, { dot: true });
  const allowlistFile = config.secrets.allowlist;
  const allowInside = checkInside(root, allowlistFile);
  // The referee judging a capsule reads the allowlist at the recorded base (`settings`).
  const allowText = !allowInside.ok ? undefined : settings ? settings.read(allowInside.relative) : readTextIfExists(allowInside.absolute);
  const allowlist = parseAllowlist(allowText, allowlistFile);
  result.diagnostics.push(...allowlist.diagnostics);
  const toRead: { file: string; absolute: string }[] = [];
  const check = insideChecker(root);
  for (const file of [...new Set(files)].sort()) {
    const inside = excluded(file) ? undefined : check(file);
    if (!inside) result.skipped.push({ path: file, reason: 'excluded' });
    else if (!inside.ok) result.skipped.push({ path: file, reason: 'outside-workspace' });
    else toRead.push({ file, absolute: inside.absolute });
  }
  for await (const { file, content } of readInOrder(toRead)) {
    if (content === undefined) {
      result.skipped.push({ path: file, reason: 'missing' });
      continue;
    }
    if (content.length > MAX_BYTES) {
      result.skipped.push({ path: file, reason: 'too-large' });
      result.diagnostics.push(
        info('SECRETS_FILE_SKIPPED', `Not scanned: larger than ${MAX_BYTES / 1024 / 1024} MB`, {
          path: file,
          fix: 'Add it to secrets.exclude if it is generated',
        }),
      );
      continue;
    }
    // A binary file is not read as text, but a token can hide in it (after a PNG header, in NUL
    // padding): its printable runs are scanned with the provider rules alone, whose prefixes do
    // not turn up by chance in compressed or packed bytes (the corpus has both kinds of file).
    const binary = isBinary(content);
    const text = binary ? printableRuns(content) : decodeText(content);
    const rules = binary ? { rules: PROVIDER_RULES } : {};
    const found = scanText(text, file, { entropyThreshold: config.secrets.entropyThreshold, ...rules });
    // A binary with a finding was scanned where it mattered: listing it as skipped would contradict the finding.
    if (binary && found.length === 0) result.skipped.push({ path: file, reason: 'binary' });
    else result.scanned.push(file);
    for (const finding of found) {
      const entry = allowedBy(finding, allowlist.entries);
      if (entry) result.allowed.push({ ...finding, reason: entry.reason });
      else result.findings.push(finding);
    }
  }
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.diagnostics.push(...findingDiagnostics(result.findings, allowlistFile));
  sortDiagnostics(result.diagnostics);
  return result;
}

export const secretCode = (rule: string) => `SECRET_${rule.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

/**
 * Findings as diagnostics: location, rule, mask and fingerprint; never the secret. A key in test
 * code or a fixture is a warning whose fix is the allowlist entry, not a rotation.
 */
function findingDiagnostics(findings: SecretFinding[], allowlistFile: string): Diagnostic[] {
  return findings.map((f) => {
    const entry = `{"rule": "${f.rule}", "path": "${f.path}", "fingerprint": "${f.fingerprint}", "reason": "…"}`;
    const message = `${f.description} (${f.rule}) ${f.masked} — fingerprint ${f.fingerprint}`;
    const at = { path: f.path, line: f.line, column: f.column };
    if (isTestFixture(f.path)) {
      return warning(secretCode(f.rule), `${message} (in test code or a fixture)`, {
        ...at,
        fix: `If it is a fake test value, add ${entry} to "allow" in ${allowlistFile}; if it is real, remove and rotate it`,
      });
    }
    return error(secretCode(f.rule), message, {
      ...at,
      fix: `Remove it, rotate it, and read it from the environment; if it is not a secret, add ${entry} to "allow" in ${allowlistFile}`,
    });
  });
}
