import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// SENTINEL_OUT_DIR lets parallel work trees build side by side without clobbering dist/.
export default defineConfig({
  // The MCP server runs tool calls on a worker thread: its script is a second entry.
  entry: { sentinel: 'src/cli/main.ts', 'mcp-worker': 'src/mcp/worker.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: process.env.SENTINEL_OUT_DIR ?? 'dist',
  clean: true,
  dts: false,
  sourcemap: false,
  // Bundled so --help avoids the CommonJS loader and module lexer for commander (start-up budget).
  noExternal: ['commander'],
  define: { __SENTINEL_VERSION__: JSON.stringify(pkg.version) },
});
