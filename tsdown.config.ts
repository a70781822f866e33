import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs build helper, without types
import { fdirWithoutPicomatch } from './scripts/fdir-without-picomatch.mjs';
import { defineConfig } from 'tsdown';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The agent's inner-loop commands, hottest first (src/cli/hot-paths/<name>.ts). Each becomes one
 * chunk holding that module and everything it imports statically, instead of the 40–55 small
 * chunks automatic splitting made of them: Node's ESM loader reads, compiles and links each file
 * separately, and that was most of a hook's start-up. A module two of them share goes to the
 * hotter one, so a command loads its own chunk and at most the chunks of hotter commands.
 */
const HOT_PATHS = ['pre-edit', 'stop', 'capsule-validate', 'status', 'contracts-validate', 'context-lint'];

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
  plugins: [fdirWithoutPicomatch],
  // Bundled so --help avoids the CommonJS loader and module lexer for commander (start-up budget),
  // and picomatch (CommonJS, six files) for the same reason on every hot path; tinyglobby and fdir
  // with it, so a glob loads one chunk and the same picomatch.
  noExternal: ['commander', 'picomatch', 'tinyglobby', 'fdir'],
  define: { __SENTINEL_VERSION__: JSON.stringify(pkg.version), __SENTINEL_SYNC_STDIO__: 'false' },
  outputOptions: {
    codeSplitting: {
      // No group takes the bundler's runtime (its helpers for CommonJS, used by picomatch): rolldown
      // always writes it to a chunk of its own, rolldown-runtime-*.mjs, whatever a group's test says.
      groups: [
        // The glob walker (bundled, see noExternal) in one chunk of its own, loaded when a glob runs.
        { name: 'glob', test: /node_modules[\\/](tinyglobby|fdir)[\\/]/ },
        ...HOT_PATHS.map((name, i) => ({
          name: `hot-${name}`,
          test: new RegExp(`src[\\\\/]cli[\\\\/]hot-paths[\\\\/]${name}\\.ts$`),
          priority: HOT_PATHS.length - i,
        })),
      ],
    },
  },
});
