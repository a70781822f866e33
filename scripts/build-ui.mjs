#!/usr/bin/env node
// Builds the `sentinel ui` page into <dist>/ui/ at package build time: one minified script, the
// stylesheet, the HTML shell and an icon. No framework, no CDN: the page works offline.
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsdown';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(repo, 'src', 'ui-page');
const outDir = path.join(repo, process.env.SENTINEL_OUT_DIR ?? 'dist', 'ui');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
await build({
  config: false,
  entry: { app: path.join(source, 'main.ts') },
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outDir,
  clean: false,
  dts: false,
  sourcemap: false,
  minify: true,
  logLevel: 'error',
});
// tsdown names an IIFE bundle app.iife.js; the page loads /app.js.
const bundle = readdirSync(outDir).find((name) => /^app\..*js$/.test(name));
if (!bundle) throw new Error(`build-ui: no bundle written to ${outDir}`);
if (bundle !== 'app.js') renameSync(path.join(outDir, bundle), path.join(outDir, 'app.js'));
for (const name of ['index.html', 'app.css', 'favicon.svg']) copyFileSync(path.join(source, name), path.join(outDir, name));
