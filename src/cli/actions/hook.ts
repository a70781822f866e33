import { fstatSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
// Static: every hook parses its input and loads the config, so lazy imports would only add files.
import { hookCwd, isCursorInput, parseHookInput, type HookInput, type HookVerdict } from '../../core/hooks/input.js';
import { loadConfig } from '../../core/workspace/config.js';
import { findRoot } from '../../core/workspace/root.js';
import type { SentinelConfig } from '../../core/workspace/config-types.js';
import type { Caller } from '../../core/workspace/caller.js';
import type { Cache } from '../../core/cache/store.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';

type Judge = (root: string, config: SentinelConfig, input: HookInput, caller: Caller, cache?: Cache) => Promise<HookVerdict>;

/** What a hook judges with: the verdict, and for the stop hook the workspace cache it may answer from. */
export interface HookParts {
  judge: Judge;
  cache?: (root: string, config: SentinelConfig) => Promise<Cache | undefined>;
}

/**
 * All of stdin, however late or large it arrives. Read synchronously first: a hook's input is a
 * few hundred bytes, and `process.stdin` would load Node's stream and socket modules for them. A
 * pipe the client left non-blocking answers EAGAIN (any other failure too): the rest, or all of
 * it, is then read as a stream. A terminal gives nothing to wait for.
 */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    if (fstatSync(0).isCharacterDevice()) return '';
    const buffer = Buffer.allocUnsafe(64 * 1024);
    for (let n = readSync(0, buffer); n > 0; n = readSync(0, buffer)) chunks.push(Buffer.from(buffer.subarray(0, n)));
    return Buffer.concat(chunks).toString('utf8');
  } catch {
    if (process.stdin.isTTY) return '';
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** Is a capsule under way at root? Asked when the hook failed, so it must not throw itself. */
async function capsuleActive(root: string): Promise<string | undefined> {
  try {
    const [{ resolveActiveCapsule }, { DEFAULT_CONFIG }] = await Promise.all([
      import('../../core/state/state.js'),
      import('../../core/workspace/config-types.js'),
    ]);
    let config: SentinelConfig;
    try {
      config = loadConfig(root);
    } catch {
      config = structuredClone(DEFAULT_CONFIG);
    }
    return resolveActiveCapsule(root, config);
  } catch {
    return undefined;
  }
}

/**
 * Client hooks speak in exit codes: 2 blocks (stderr is the reason the agent reads), 0 allows
 * (a note on stderr, never stdout: Gemini CLI parses stdout as JSON). A hook that cannot judge
 * (bad input, broken config) blocks while a capsule is active — failing open would let any step
 * through — and otherwise exits 1, which clients show without blocking the agent.
 */
async function runHook(ctx: CliContext, explicitRoot: boolean, kind: 'pre-edit' | 'stop', load: () => Promise<HookParts>): Promise<number> {
  try {
    const input = parseHookInput(await readStdin());
    let root = ctx.root;
    const cwd = hookCwd(input);
    if (!explicitRoot && cwd) root = findRoot(path.resolve(cwd));
    const config = loadConfig(root);
    const parts = await load();
    // Only the stop hook has work worth caching; pre-edit stays free of it (and of git).
    const cache = parts.cache ? await parts.cache(root, config) : undefined;
    const verdict = await parts.judge(root, config, input, ctx.caller, cache);
    ctx.err(verdict.reason);
    if (isCursorInput(input)) {
      // Cursor reads its answer as JSON on stdout: preToolUse → permission; stop → a follow-up message sends the agent back.
      if (kind === 'pre-edit')
        ctx.out(JSON.stringify(verdict.block ? { permission: 'deny', agent_message: verdict.reason, user_message: verdict.reason } : { permission: 'allow' }));
      else ctx.out(JSON.stringify(verdict.block ? { followup_message: verdict.reason } : {}));
      return kind === 'pre-edit' && verdict.block ? 2 : 0;
    }
    return verdict.block ? 2 : 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const fix = (err as { fix?: string }).fix;
    ctx.err(`sentinel hook: could not judge this step: ${message}${fix ? `\n  fix: ${fix}` : ''}`);
    const active = await capsuleActive(ctx.root);
    if (!active) return 1;
    ctx.err(`sentinel hook: blocked, because capsule ${active} is active and an unjudged step could leave its scope`);
    return 2;
  }
}

/** A hook command's body; src/cli/hot-paths/ hands it parts imported statically (one chunk per hook). */
export const hookBody =
  (kind: 'pre-edit' | 'stop', load: () => Promise<HookParts>): ActionBody =>
  async (ctx, _args, opts) =>
    runHook(ctx, typeof opts.root === 'string', kind, load);

/**
 * `sentinel hook commit-msg <file>` (git's commit-msg hook): while a capsule is active, add its
 * Sentinel-Capsule / Sentinel-Decision / Sentinel-Evidence trailers. It never blocks a commit: a
 * problem is reported on stderr and the message is left as it was.
 */
export const commitMsg: ActionBody = async (ctx, args) => {
  const file = path.resolve(ctx.cwd, String(args[0]));
  try {
    const { trailersForActiveCapsule, addTrailers } = await import('../../core/commits/trailers.js');
    const config = await ctx.config();
    const trailers = await trailersForActiveCapsule(ctx.root, config, ctx.caller);
    if (!trailers) return 0;
    const message = readFileSync(file, 'utf8');
    const { writeFileAtomic } = await import('../../core/workspace/fs.js');
    writeFileAtomic(file, await addTrailers(ctx.root, message, trailers));
    return 0;
  } catch (err) {
    ctx.err(`sentinel hook commit-msg: ${(err as Error).message} (message left unchanged)`);
    return 0;
  }
};
