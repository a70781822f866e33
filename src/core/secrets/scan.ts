import { lineColumnAt } from '../schema/json-text.js';
import { sha256 } from '../workspace/fs.js';
import { isExampleValue } from './examples.js';
import { SECRET_RULES, type SecretRule } from './rules.js';
import { looksLikePlaceholder, maskSecret, shannonEntropy } from './text.js';

/** A detected secret. It deliberately does not hold the secret: only its mask and fingerprint. */
export interface SecretFinding {
  rule: string;
  description: string;
  path: string;
  line: number;
  column: number;
  /** `********` + the last four characters. */
  masked: string;
  /** sha256 of `<rule>:<path>:<secret>`: stable, and safe to put in an allowlist. */
  fingerprint: string;
}

export interface ScanOptions {
  entropyThreshold: number;
  rules?: readonly SecretRule[];
}

interface CompiledRule {
  rule: SecretRule;
  regex: RegExp;
  ignore?: RegExp;
  keywords?: string[];
}

const compiled = new WeakMap<readonly SecretRule[], CompiledRule[]>();

function compile(rules: readonly SecretRule[]): CompiledRule[] {
  let out = compiled.get(rules);
  if (!out) {
    out = rules.map((rule) => {
      const entry: CompiledRule = { rule, regex: new RegExp(rule.regex, `gd${rule.flags ?? ''}`) };
      if (rule.ignore) entry.ignore = new RegExp(rule.ignore);
      if (rule.keywords) entry.keywords = rule.keywords.map((k) => k.toLowerCase());
      return entry;
    });
    compiled.set(rules, out);
  }
  return out;
}

export function fingerprintOf(rule: string, file: string, secret: string): string {
  return sha256(`${rule}:${file}:${secret}`);
}

/** [start, end) of every line holding one of the keywords, in order, each once. */
function keywordLines(text: string, lower: string, keywords: readonly string[]): (readonly [number, number])[] {
  const starts = new Set<number>();
  for (const keyword of keywords) {
    for (let at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + keyword.length)) {
      const start = text.lastIndexOf('\n', at) + 1;
      starts.add(start);
      const end = text.indexOf('\n', at);
      if (end < 0) break;
      at = end; // the rest of this line is covered already
    }
  }
  return [...starts].sort((a, b) => a - b).map((start) => {
    const end = text.indexOf('\n', start);
    return [start, end < 0 ? text.length : end] as const;
  });
}

/** Where a secret sits in a text. Internal: only the redactor and scanText see the secret itself. */
export interface SecretSpan {
  rule: SecretRule;
  start: number;
  end: number;
  secret: string;
}

/** Every secret in a text, by position. Overlapping matches keep the earlier (more specific) rule. */
export function findSecretSpans(text: string, options: ScanOptions): SecretSpan[] {
  const lower = text.toLowerCase();
  const hits: (SecretSpan & { order: number })[] = [];
  // The generic rules share their keywords: find those lines once per text.
  const lineCache = new Map<string, (readonly [number, number])[]>();
  compile(options.rules ?? SECRET_RULES).forEach(({ rule, regex, ignore, keywords }, order) => {
    if (keywords && !keywords.some((k) => lower.includes(k))) return;
    let pieces: readonly (readonly [number, number])[] = [[0, text.length]];
    if (rule.lineScoped && keywords) {
      const key = keywords.join('\0');
      pieces = lineCache.get(key) ?? lineCache.set(key, keywordLines(text, lower, keywords)).get(key)!;
    }
    for (const [from, to] of pieces) {
      const piece = from === 0 && to === text.length ? text : text.slice(from, to);
      regex.lastIndex = 0;
      for (let match = regex.exec(piece); match; match = regex.exec(piece)) {
        if (match[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const group = rule.secretGroup ?? 0;
        const secret = match[group];
        const span = match.indices?.[group];
        if (!secret || !span) continue;
        if (rule.wordStart && from + span[0] > 0 && /[A-Za-z0-9_]/.test(text[from + span[0] - 1]!)) {
          regex.lastIndex = match.index + 1;
          continue;
        }
        if (ignore?.test(secret) || isExampleValue(secret)) continue;
        if (rule.skipPlaceholders && looksLikePlaceholder(secret)) continue;
        const minEntropy = rule.entropy === 'config' ? options.entropyThreshold : rule.entropy;
        if (minEntropy !== undefined && shannonEntropy(secret) < minEntropy) continue;
        hits.push({ rule, start: from + span[0], end: from + span[1], secret, order });
      }
    }
  });
  hits.sort((a, b) => a.order - b.order || a.start - b.start);
  const kept: typeof hits = [];
  for (const hit of hits) if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
  return kept.sort((a, b) => a.start - b.start);
}

/** Find secrets in one file's text, as findings that never hold the secret. */
export function scanText(text: string, file: string, options: ScanOptions): SecretFinding[] {
  return findSecretSpans(text, options).map(({ rule, start, secret }) => {
    const { line, column } = lineColumnAt(text, start);
    return { rule: rule.id, description: rule.description, path: file, line, column, masked: maskSecret(secret), fingerprint: fingerprintOf(rule.id, file, secret) };
  });
}
