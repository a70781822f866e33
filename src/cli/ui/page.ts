import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configError } from '../../core/errors.js';
import { packageDir } from '../../core/workspace/package-dir.js';

export interface PageFiles {
  assets: Record<string, { type: string; body: Buffer }>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const FILES = ['index.html', 'app.js', 'app.css', 'favicon.svg'];

/** The page built with the package (scripts/build-ui.mjs → dist/ui/), from dist/ or from src/ in tests. */
function pageDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'ui'), path.join(packageDir(), process.env.SENTINEL_OUT_DIR ?? 'dist', 'ui'), path.join(packageDir(), 'dist', 'ui')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found)
    throw configError('UI_PAGE_MISSING', `The board's page is not built (looked in ${candidates.join(', ')})`, { fix: 'Build the package: `npm run build`' });
  return found;
}

export function readPage(dir = pageDir()): PageFiles {
  const assets: PageFiles['assets'] = {};
  for (const name of FILES) {
    const file = path.join(dir, name);
    if (existsSync(file)) assets[`/${name}`] = { type: TYPES[path.extname(name)] ?? 'application/octet-stream', body: readFileSync(file) };
  }
  return { assets };
}
