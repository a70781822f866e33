import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { configError } from '../errors.js';
import type { JsonObject } from './files.js';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parse JSON with comments and trailing commas (JSONC, as VS Code reads its settings); errors name the line. */
export function parseJsonc(text: string, relative: string): JsonObject {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length) {
    const first = errors[0]!;
    const line = text.slice(0, first.offset).split('\n').length;
    throw configError('CLIENT_CONFIG_INVALID_JSON', `${relative}:${line}: ${printParseErrorCode(first.error)}`, {
      path: relative,
      line,
      fix: `Fix the JSON in ${relative}, then run \`sentinel init --client …\` again; nothing was written`,
    });
  }
  if (!isObject(value))
    throw configError('CLIENT_CONFIG_NOT_OBJECT', `${relative} does not hold a JSON object`, {
      path: relative,
      line: 1,
      fix: `Make ${relative} a JSON object, or move it aside`,
    });
  return value;
}

/**
 * Write `after` into the JSONC document `text` by editing only what differs from `before`, key by
 * key, so the user's comments, trailing commas and the order of everything else stay as written.
 */
export function editJsonc(text: string, before: unknown, after: unknown, at: (string | number)[] = []): string {
  if (JSON.stringify(before) === JSON.stringify(after)) return text;
  if (isObject(before) && isObject(after) && at.length < 4) {
    let out = text;
    for (const key of Object.keys(before)) if (!(key in after)) out = applyEdits(out, modify(out, [...at, key], undefined, {}));
    for (const key of Object.keys(after)) out = editJsonc(out, before[key], after[key], [...at, key]);
    return out;
  }
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: '\n' };
  return applyEdits(text, modify(text, at, after, { formattingOptions }));
}
