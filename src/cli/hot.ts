import type { ActionBody, runAction } from './action.js';

/** A hot command's module (src/cli/hot-paths/): its body and the runner, from the one chunk it loads. */
export interface HotPath {
  body: ActionBody;
  runAction: typeof runAction;
}

/**
 * The commands an agent runs in its inner loop, which skip commander (see hotCommand). Each
 * module is one chunk (tsdown.config.ts); the command definitions (src/cli/defs/) load the same
 * modules when commander parses the command line instead.
 */
export const HOT_PATHS = {
  'hook pre-edit': () => import('./hot-paths/pre-edit.js'),
  'hook stop': () => import('./hot-paths/stop.js'),
  status: () => import('./hot-paths/status.js'),
  'capsule validate': () => import('./hot-paths/capsule-validate.js'),
  'contracts validate': () => import('./hot-paths/contracts-validate.js'),
  'context lint': () => import('./hot-paths/context-lint.js'),
} satisfies Record<string, () => Promise<HotPath>>;

type HotName = keyof typeof HOT_PATHS;

/** A hot command as commander would hand it to its action: positional arguments and options with globals. */
export interface HotCommand {
  name: HotName;
  args: unknown[];
  opts: Record<string, unknown>;
}

/**
 * `hook pre-edit`, `hook stop`, `status`, `capsule validate [paths…]`, `contracts validate` and `context lint` with no flag but the
 * global `--json`, `--no-color` and `--root <dir>`, parsed without commander: loading it and
 * building the whole command tree is a large part of a hook's start-up. Anything else (another
 * flag, `--help`, `--`, a flag given twice, an extra word) is undefined and goes to commander,
 * which alone reports usage errors. test/unit/cli/hot.test.ts checks commander parses each
 * accepted command line the same way.
 */
export function hotCommand(argv: readonly string[]): HotCommand | undefined {
  const words: string[] = [];
  const opts: Record<string, unknown> = { color: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg === '--json' && !('json' in opts)) opts.json = true;
    else if (arg === '--no-color' && opts.color === true) opts.color = false;
    else if (arg === '--root' && !('root' in opts) && next !== undefined && !next.startsWith('-')) {
      opts.root = next;
      i++;
    } else if (arg.startsWith('-')) return undefined;
    else words.push(arg);
  }
  const [first, second, ...rest] = words;
  if (first === 'hook' && (second === 'pre-edit' || second === 'stop') && rest.length === 0) return { name: `hook ${second}`, args: [], opts };
  if (first === 'status' && second === undefined) return { name: 'status', args: [], opts };
  if (first === 'capsule' && second === 'validate') return { name: 'capsule validate', args: [rest], opts };
  if (first === 'contracts' && second === 'validate' && rest.length === 0) return { name: 'contracts validate', args: [], opts };
  if (first === 'context' && second === 'lint' && rest.length === 0) return { name: 'context lint', args: [], opts };
  return undefined;
}
