import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';

/** What installing the hook does to one file. `conflict`: a user's file Sentinel will not touch. */
export type HookAction = 'create' | 'append' | 'unchanged' | 'conflict';

export interface HookFilePlan {
  action: HookAction;
  /** The new file content for create/append. */
  content?: string;
  /** Why a conflict: what the user has and what to add by hand. */
  reason?: string;
}

/** Any of our own lines, in any of the three forms we write. */
const OURS = /\bsentinel(?:\.mjs)?["']?\s+(?:--root\s+\S+\s+)?hook\s+commit-msg\b/;

const shellQuote = (value: string): string => (/^[\w./@%+=:,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/** `--root <dir> ` when the Sentinel workspace is a sub-folder of the git work tree, else ''. */
const rootArg = (workspaceFromTop: string): string => (workspaceFromTop ? `--root ${shellQuote(workspaceFromTop)} ` : '');

/**
 * The line husky and lefthook run. `npx --no` never downloads; `|| true` because a hook that
 * cannot find Sentinel must not block the commit (`sentinel hook commit-msg` itself never does).
 */
export function npxHookLine(workspaceFromTop: string, messageArg: string): string {
  return `npx --no -- sentinel ${rootArg(workspaceFromTop)}hook commit-msg ${messageArg} || true`;
}

/**
 * A plain `.git/hooks/commit-msg`: the workspace's own install first (node_modules/.bin, also
 * hoisted to the work tree's root), then a global `sentinel`; otherwise a note, never a failure.
 */
export function plainHookScript(workspaceFromTop: string): string {
  const bins = [...new Set([workspaceFromTop ? `${workspaceFromTop}/node_modules/.bin/sentinel` : '', 'node_modules/.bin/sentinel'].filter(Boolean))];
  const args = `${rootArg(workspaceFromTop)}hook commit-msg "$1"`;
  return [
    '#!/bin/sh',
    '# Added by `sentinel init --git-hooks`: Sentinel-Capsule / -Decision / -Evidence trailers on commits',
    '# made while a capsule is active (docs/commits.md). It never blocks a commit.',
    ...bins.map((bin) => `if [ -x ${shellQuote(bin)} ]; then exec ${shellQuote(bin)} ${args}; fi`),
    `if command -v sentinel >/dev/null 2>&1; then exec sentinel ${args}; fi`,
    'echo "sentinel is not installed here (npm i -D sentinelkit): commit message left without Sentinel trailers" >&2',
    '',
  ].join('\n');
}

/** `.git/hooks/commit-msg` (or the core.hooksPath one): created, ours already, or the user's (left alone). */
export function planPlainHook(existing: string | undefined, script: string, where: string): HookFilePlan {
  if (existing === undefined) return { action: 'create', content: script };
  if (OURS.test(existing)) return { action: 'unchanged' };
  return {
    action: 'conflict',
    reason: `${where} already exists and is not Sentinel's; it was left as it is. Add \`sentinel hook commit-msg "$1"\` to it (before any exit or exec), or manage hooks with husky or lefthook and run \`sentinel init --git-hooks\` again`,
  };
}

/** A shell line that replaces the shell or ends the script: nothing appended after it runs. */
const ENDS_SCRIPT = /^\s*(?:exec\s|exit(?:\s|$))/m;

/** `.husky/commit-msg`: created, or our line appended to the user's (husky runs it with sh -e). */
export function planHuskyHook(existing: string | undefined, line: string, where: string): HookFilePlan {
  if (existing === undefined) return { action: 'create', content: `${line}\n` };
  if (OURS.test(existing)) return { action: 'unchanged' };
  if (ENDS_SCRIPT.test(existing)) {
    return {
      action: 'conflict',
      reason: `${where} has an exec or exit line, so a line added at its end would never run; it was left as it is. Add \`${line}\` above that line`,
    };
  }
  return { action: 'append', content: `${existing}${existing.endsWith('\n') || existing === '' ? '' : '\n'}${line}\n` };
}

const runsSentinel = (node: unknown): boolean => isMap(node) && OURS.test(String((node as YAMLMap).get('run') ?? ''));

/**
 * lefthook.yml: add a `sentinel` command to `commit-msg` (a `jobs` entry when the hook uses the
 * newer `jobs` list), keeping the user's comments and layout (the yaml Document API).
 */
export function planLefthook(text: string, line: string, where: string): HookFilePlan {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const first = doc.errors[0]!;
    if (/call stack/i.test(first.message)) return { action: 'conflict', reason: `${where} nests too deep to read safely; it was left as it is` };
    return {
      action: 'conflict',
      reason: `${where} is not valid YAML (line ${first.linePos?.[0]?.line ?? '?'}: ${first.message.split('\n')[0]}); it was left as it is. Fix it and run \`sentinel init --git-hooks\` again`,
    };
  }
  if (doc.contents !== null && !isMap(doc.contents)) return { action: 'conflict', reason: `${where} is not a YAML mapping; it was left as it is` };
  const hook = doc.get('commit-msg');
  const command = { run: line };
  if (hook === undefined || hook === null) {
    doc.set('commit-msg', doc.createNode({ commands: { sentinel: command } }));
  } else if (!isMap(hook)) {
    return { action: 'conflict', reason: `commit-msg in ${where} is not a mapping; it was left as it is. Add a "sentinel" command running \`${line}\`` };
  } else if (isSeq(hook.get('jobs'))) {
    const jobs = hook.get('jobs') as YAMLSeq;
    if (jobs.items.some(runsSentinel)) return { action: 'unchanged' };
    jobs.add(doc.createNode({ name: 'sentinel', ...command }));
  } else {
    const commands = hook.get('commands');
    if (commands !== undefined && !isMap(commands))
      return { action: 'conflict', reason: `commit-msg.commands in ${where} is not a mapping; it was left as it is` };
    if (isMap(commands) && commands.items.some((pair) => runsSentinel(pair.value))) return { action: 'unchanged' };
    if (isMap(commands) && commands.has('sentinel')) {
      return { action: 'conflict', reason: `commit-msg.commands.sentinel in ${where} runs something else; it was left as it is. Make it run \`${line}\`` };
    }
    if (isMap(commands)) commands.set('sentinel', doc.createNode(command));
    else hook.set('commands', doc.createNode({ sentinel: command }));
  }
  return { action: text.trim() ? 'append' : 'create', content: doc.toString() };
}
