import path from 'node:path';
import type { FileFacts } from './facts.js';
import { goFacts } from './go-facts.js';
import { jsFacts } from './js-facts.js';
import { pyFacts } from './py-facts.js';

const JS = new Set(['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts']);

/**
 * The syntax-level facts of a test file (JS/TS through a parser, pytest and Go through their
 * tokens), or undefined for other languages and for text no analysis can read.
 */
export function syntaxFacts(file: string, text: string): FileFacts | undefined {
  const ext = path.posix.extname(file).toLowerCase();
  try {
    if (JS.has(ext)) return jsFacts(file, text);
    if (ext === '.py') return pyFacts(file, text);
    if (ext === '.go') return goFacts(file, text);
  } catch {
    // An analysis that cannot read the file leaves it to the line-level checks.
  }
  return undefined;
}
