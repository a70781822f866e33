import { error, type Diagnostic } from '../diagnostics.js';
import { parseJsonText, pointerSegment } from '../schema/json-text.js';
import { isMaskedValue } from '../secrets/text.js';

/**
 * A must-be-masked field. A bare key (`password`) matches that key at any depth, ignoring case;
 * a path (`req.headers.authorization`, `req.headers["x-api-key"]`, `*.token`) matches from the root.
 */
export interface RedactionRule {
  source: string;
  segments: string[];
  anywhere: boolean;
}

interface UnmaskedField {
  /** JSON pointer of the value in the log line. */
  pointer: string;
  rule: string;
  value: unknown;
}

const FIX = 'Use {"keys": ["password", "req.headers.authorization"]} (or "redact", or a plain array of keys)';

function splitPath(path: string): string[] {
  const out: string[] = [];
  const pattern = /\[\s*(["'])(.*?)\1\s*\]|\[(\d+|\*)\]|([^.[\]]+)/g;
  for (let m = pattern.exec(path); m; m = pattern.exec(path)) out.push(m[2] ?? m[3] ?? m[4]!);
  return out;
}

export function parseRedaction(text: string | undefined, file: string): { rules: RedactionRule[]; diagnostics: Diagnostic[] } {
  if (text === undefined) return { rules: [], diagnostics: [] };
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return {
      rules: [],
      diagnostics: [error('LOGS_REDACTION_INVALID', `Invalid JSON: ${parsed.error.message}`, { path: file, line: parsed.error.line, fix: FIX })],
    };
  }
  const value = parsed.value as unknown;
  const list = Array.isArray(value)
    ? value
    : ((value as { keys?: unknown; redact?: unknown; paths?: unknown })?.keys ??
      (value as { redact?: unknown })?.redact ??
      (value as { paths?: unknown })?.paths);
  if (!Array.isArray(list) || !list.every((k) => typeof k === 'string' && k.trim() !== '')) {
    return { rules: [], diagnostics: [error('LOGS_REDACTION_INVALID', 'Expected a list of keys or paths (strings)', { path: file, line: 1, fix: FIX })] };
  }
  const rules = (list as string[]).map((source) => {
    const segments = splitPath(source.trim());
    return { source, segments, anywhere: segments.length === 1 && segments[0] !== '*' };
  });
  return { rules, diagnostics: [] };
}

function walkPath(value: unknown, segments: string[], pointer: string, rule: string, out: UnmaskedField[]): void {
  if (segments.length === 0) {
    if (!isMaskedValue(value)) out.push({ pointer, rule, value });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const [head, ...rest] = segments as [string, ...string[]];
  const keys = head === '*' ? Object.keys(value) : Object.keys(value).filter((k) => k.toLowerCase() === head.toLowerCase());
  for (const key of keys) walkPath((value as Record<string, unknown>)[key], rest, `${pointer}/${pointerSegment(key)}`, rule, out);
}

function walkAnywhere(value: unknown, key: string, pointer: string, rule: string, out: UnmaskedField[]): void {
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    const here = `${pointer}/${pointerSegment(k)}`;
    if (k.toLowerCase() === key.toLowerCase()) {
      if (!isMaskedValue(v)) out.push({ pointer: here, rule, value: v });
    } else walkAnywhere(v, key, here, rule, out);
  }
}

/** Every value in a log record that a redaction rule says must be masked but is not. */
export function unmaskedFields(record: unknown, rules: RedactionRule[]): UnmaskedField[] {
  const out: UnmaskedField[] = [];
  for (const rule of rules) {
    if (rule.anywhere) walkAnywhere(record, rule.segments[0]!, '', rule.source, out);
    else walkPath(record, rule.segments, '', rule.source, out);
  }
  const seen = new Set<string>();
  return out.filter((f) => !seen.has(f.pointer) && seen.add(f.pointer));
}
