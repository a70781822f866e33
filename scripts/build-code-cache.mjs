#!/usr/bin/env node
// Writes V8's code cache for the hot commands' CommonJS files (dist/hot/<name>.cjs.v8, read by
// src/cli/hot-bundle.ts): each command runs on a copy of the example as an agent's loop runs it,
// twice (the second run finds Sentinel's own cache warm, as most runs do), and the second run
// writes the cache, which then holds the code of every function those runs compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExampleCopy } from './example-copy.mjs';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', process.env.SENTINEL_OUT_DIR ?? 'dist');
const bin = path.join(outDir, 'sentinel.mjs');
const { root, cleanup } = makeExampleCopy('sentinel-code-cache-');
// The signing key of Sentinel's cache stays in this run's own folder, not in the builder's home.
const keyDir = mkdtempSync(path.join(tmpdir(), 'sentinel-code-cache-key-'));
const edit = JSON.stringify({
  hook_event_name: 'PreToolUse',
  tool_name: 'Edit',
  tool_input: { file_path: path.join(root, '.github/workflows/orders-service.yml') },
  cwd: root,
});
const COMMANDS = [
  { name: 'pre-edit', args: ['hook', 'pre-edit'], input: edit, ok: [0] },
  { name: 'capsule-validate', args: ['capsule', 'validate', '.specify/specs/orders-ci/capsule.md'], ok: [0, 1] },
  { name: 'status', args: ['status'], ok: [0] },
];
try {
  for (const { name, args, input, ok } of COMMANDS) {
    for (const mode of ['', 'write']) {
      const result = spawnSync(process.execPath, [bin, ...args], {
        cwd: root,
        input: input ?? '',
        encoding: 'utf8',
        // No NODE_OPTIONS: V8 takes a cache only under the flags it was made with, and `sentinel` runs as plain `node`.
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          NO_COLOR: '1',
          SENTINEL_CAPSULE: '',
          SENTINEL_DEBUG: '',
          SENTINEL_CACHE_KEY_DIR: keyDir,
          SENTINEL_CODE_CACHE: mode,
        },
      });
      if (!ok.includes(result.status)) {
        console.error(`build-code-cache: sentinel ${args.join(' ')} failed (exit ${result.status}): ${result.stderr}`);
        process.exit(1);
      }
    }
    if (!existsSync(path.join(outDir, 'hot', `${name}.cjs.v8`))) {
      console.error(`build-code-cache: no code cache written for ${name}`);
      process.exit(1);
    }
  }
} finally {
  cleanup();
  rmSync(keyDir, { recursive: true, force: true });
}
