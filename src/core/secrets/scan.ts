import { lineColumnAt } from '../schema/json-text.js';
import { sha256 } from '../workspace/fs.js';
import { isExampleValue } from './examples.js';
import { buildPrefilter, type KeywordHits, type Prefilter } from './prefilter.js';
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

interface ScanOptions {
  entropyThreshold: number;
  rules?: readonly SecretRule[];
}

interface CompiledRule {
  rule: SecretRule;
  regex: RegExp;
  ignore?: RegExp;
  /** Ids of the rule's keywords in the prefilter; undefined = the rule runs on every text. */
  keywordIds?: number[];
}

interface CompiledRules {
  rules: CompiledRule[];
  prefilter: Prefilter;
}

const compiled = new WeakMap<readonly SecretRule[], CompiledRules>();

function compile(rules: readonly SecretRule[]): CompiledRules {
  let out = compiled.get(rules);
  if (!out) {
    const prefilter = buildPrefilter(rules.flatMap((r) => r.keywords ?? []));
    const idOf = new Map(prefilter.keywords.map((k, id) => [k, id]));
    out = {
      prefilter,
      rules: rules.map((rule) => {
        const entry: CompiledRule = { rule, regex: new RegExp(rule.regex, `gd${rule.flags ?? ''}`) };
        if (rule.ignore) entry.ignore = new RegExp(rule.ignore);
        if (rule.keywords) entry.keywordIds = rule.keywords.map((k) => idOf.get(k.toLowerCase())!);
        return entry;
      }),
    };
    compiled.set(rules, out);
  }
  return out;
}

export function fingerprintOf(rule: string, file: string, secret: string): string {
  return sha256(`${rule}:${file}:${secret}`);
}

/** [start, end) of every line holding one of the keywords, in order, each once. */
function keywordLines(text: string, hits: KeywordHits, ids: readonly number[]): (readonly [number, number])[] {
  const positions = ids.length === 1 ? hits.positions(ids[0]!) : ids.flatMap((id) => hits.positions(id)).sort((a, b) => a - b);
  const lines: (readonly [number, number])[] = [];
  let lineEnd = -1;
  for (const at of positions) {
    if (at <= lineEnd) continue; // this line is listed already
    const start = text.lastIndexOf('\n', at) + 1;
    const end = text.indexOf('\n', at);
    lineEnd = end < 0 ? text.length : end;
    lines.push([start, lineEnd]);
  }
  return lines;
}

/** Where a secret sits in a text. Internal: only the redactor and scanText see the secret itself. */
interface SecretSpan {
  rule: SecretRule;
  start: number;
  end: number;
  secret: string;
}

/** Every secret in a text, by position. Overlapping matches keep the earlier (more specific) rule. */
export function findSecretSpans(text: string, options: ScanOptions): SecretSpan[] {
  const { rules, prefilter } = compile(options.rules ?? SECRET_RULES);
  const hits = prefilter.find(text);
  const spans: (SecretSpan & { order: number })[] = [];
  // The generic rules share their keywords: find those lines once per text.
  const lineCache = new Map<string, (readonly [number, number])[]>();
  rules.forEach(({ rule, regex, ignore, keywordIds }, order) => {
    if (keywordIds && !keywordIds.some((id) => hits.has(id))) return;
    let pieces: readonly (readonly [number, number])[] = [[0, text.length]];
    if (rule.lineScoped && keywordIds) {
      const key = keywordIds.join(',');
      pieces = lineCache.get(key) ?? lineCache.set(key, keywordLines(text, hits, keywordIds)).get(key)!;
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
        spans.push({ rule, start: from + span[0], end: from + span[1], secret, order });
      }
    }
  });
  spans.sort((a, b) => a.order - b.order || a.start - b.start);
  const kept: typeof spans = [];
  for (const span of spans) if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span);
  return kept.sort((a, b) => a.start - b.start);
}

/** Find secrets in one file's text, as findings that never hold the secret. */
export function scanText(text: string, file: string, options: ScanOptions): SecretFinding[] {
  return findSecretSpans(text, options).map(({ rule, start, secret }) => {
    const { line, column } = lineColumnAt(text, start);
    return {
      rule: rule.id,
      description: rule.description,
      path: file,
      line,
      column,
      masked: maskSecret(secret),
      fingerprint: fingerprintOf(rule.id, file, secret),
    };
  });
}
