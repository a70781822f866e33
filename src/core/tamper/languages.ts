import path from 'node:path';

/** Which analysis reads a test file, by its extension. */
export type TestLanguage = 'js' | 'python' | 'go' | 'other';

export const JS_EXTENSIONS: ReadonlySet<string> = new Set(['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts']);

export function languageOf(file: string): TestLanguage {
  const ext = path.posix.extname(file).toLowerCase();
  if (JS_EXTENSIONS.has(ext)) return 'js';
  if (ext === '.py') return 'python';
  if (ext === '.go') return 'go';
  return 'other';
}
