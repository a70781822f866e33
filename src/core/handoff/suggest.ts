import picomatch from 'picomatch';
import type { PlaybookPhase } from '../agents/playbook.js';
import type { NetworkCall } from '../boundaries/network.js';
import { networkCallsIn } from '../boundaries/run.js';
import type { ChangedFile } from '../git/git.js';
import { matchGlobList } from '../router/ownership.js';

/** One added line of the diff. */
export interface AddedLine {
  line: number;
  text: string;
}

/** What the suggestion rules read: the capsule's diff since base, as plain data. */
export interface DiffFacts {
  files: ChangedFile[];
  /** Added lines per file (whole content for untracked files). */
  added: Record<string, AddedLine[]>;
  /** Removed lines per file. */
  removed: Record<string, string[]>;
  /** package.json scripts that are new or whose command changed. */
  scripts: { file: string; name: string; command: string; change: 'added' | 'changed' }[];
}

export interface RuleContext {
  migrationGlobs: string[];
  /** Globs where Integrator clients live (external calls there are fine). */
  clientGlobs: string[];
  /** Fields the Observer's log schema already declares. */
  knownLogFields: Set<string>;
  /** Outbound network calls per changed source file (read with the boundaries scanner). */
  networkCalls?: Record<string, NetworkCall[]>;
}

export interface Evidence {
  path: string;
  line?: number;
  detail: string;
  /** For an outbound call: the call as written (the Integrator capsule proposed for it names it). */
  call?: string;
}

export interface Suggestion {
  to: string;
  /** The HANDOFF bullet that names the role. */
  reason: string;
  evidence: Evidence[];
}

interface NamedRole {
  id: string;
  bullet: string;
  line: number;
}

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Roles a HANDOFF phase tags: in each "Tag X [or Y] to/when/if …" bullet, the roster roles named
 * between "Tag" and the clause that says why.
 */
export function namedRoles(phase: PlaybookPhase | undefined, roles: readonly { id: string; name: string }[]): NamedRole[] {
  const out: NamedRole[] = [];
  for (const bullet of phase?.bullets ?? []) {
    const tag = /\btag\s+(.+?)(?:\s+(?:to|when|if|for|with|once|on|about)\b|[.:;]|$)/i.exec(bullet.text);
    if (!tag) continue;
    const words = tag[1]!
      .split(/\s*(?:,|\bor\b|\band\b|\/)\s*/i)
      .map(squash)
      .filter(Boolean);
    for (const word of words) {
      const role = roles.find((r) => squash(r.id) === word || squash(r.name) === word);
      if (role && !out.some((o) => o.id === role.id)) out.push({ id: role.id, bullet: bullet.text, line: bullet.line });
    }
  }
  return out;
}

const CODE = /\.(?:[cm]?[jt]sx?|py|go|rb|java|kt|rs|php|cs)$/;
const TEST = /(?:^|\/)(?:test|tests|__tests__|spec|e2e)\/|\.(?:test|spec)\.[^/]+$|_test\.(?:go|py)$|(?:^|\/)test_[^/]+\.py$/;
const isSource = (p: string): boolean => CODE.test(p) && !TEST.test(p) && !/(?:^|\/)(?:node_modules|dist|build|vendor)\//.test(p);
const live = (facts: DiffFacts): ChangedFile[] => facts.files.filter((f) => f.status !== 'deleted');
const isComment = (text: string): boolean => /^\s*(?:\/\/|\/?\*|#)/.test(text);

/** New or changed code under routes/services/jobs folders → tests around them. */
function verifierEvidence(facts: DiffFacts): Evidence[] {
  const dirs = /(?:^|\/)(?:routes?|services?|jobs?|controllers?|workers?|handlers?)\//i;
  return live(facts)
    .filter((f) => isSource(f.path) && dirs.test(f.path))
    .map((f) => ({ path: f.path, detail: `${f.status === 'untracked' ? 'added' : f.status} under ${dirs.exec(f.path)![0].replace(/^\//, '')}` }));
}

/** New migrations, new or changed build/test/migrate scripts → CI steps. */
function releaserEvidence(facts: DiffFacts, ctx: RuleContext): Evidence[] {
  const isMigration = picomatch(ctx.migrationGlobs, { dot: true });
  const migrations = live(facts)
    .filter((f) => (f.status === 'added' || f.status === 'untracked' || f.status === 'renamed') && isMigration(f.path))
    .map((f) => ({ path: f.path, detail: 'new migration: CI must apply it' }));
  const scripts = facts.scripts
    .filter((s) => /\b(?:build|test|tests|migrate|migrations?|lint|typecheck|e2e|ci)\b/i.test(s.name))
    .map((s) => ({ path: s.file, detail: `${s.change} script "${s.name}": ${s.command}` }));
  return [...migrations, ...scripts];
}

const LOG_CALL = /\b(?:log|logger|\w+\.log|\w+\.logger)\.(?:trace|debug|info|warn|warning|error|fatal|child)\s*\(\s*\{/;
const ERROR_CLASS = /\bclass\s+([A-Z]\w*)\s*(?:extends\s+([\w.]*(?:Error|Exception))\b|\(\s*([\w.]*(?:Error|Exception))\s*\))/;

/** Keys of the object literal that starts at the log call, across the following added lines. */
export function logFields(lines: readonly AddedLine[], index: number): string[] {
  let text = '';
  for (let i = index; i < lines.length && i < index + 12; i++) {
    if (i > index && lines[i]!.line !== lines[i - 1]!.line + 1) break;
    text += `${lines[i]!.text}\n`;
    if (text.slice(text.search(LOG_CALL)).includes('}')) break;
  }
  const start = text.search(LOG_CALL);
  const open = text.indexOf('{', start);
  const close = text.indexOf('}', open);
  const body = text
    .slice(open + 1, close < 0 ? undefined : close)
    .replace(/(["'`])(?:\\.|(?!\1).)*\1/g, (m) => (/^["'][\w-]+["']$/.test(m) ? m.slice(1, -1) : '""'));
  const keys = new Set<string>();
  for (const part of body.split(/[,\n]/)) {
    const key = /^\s*(?:\.\.\.)?([A-Za-z_$][\w$-]*)\s*(?::|$)/.exec(part);
    if (key && !part.trim().startsWith('...')) keys.add(key[1]!);
  }
  return [...keys];
}

/** Log calls with fields the schema (and the removed lines) did not have, and new error classes → Observer. */
function observerEvidence(facts: DiffFacts, ctx: RuleContext): Evidence[] {
  const out: Evidence[] = [];
  for (const file of live(facts)) {
    if (!isSource(file.path)) continue;
    const lines = facts.added[file.path] ?? [];
    const removedText = (facts.removed[file.path] ?? []).join('\n');
    lines.forEach((added, i) => {
      if (isComment(added.text)) return;
      if (LOG_CALL.test(added.text)) {
        const fresh = logFields(lines, i).filter((k) => !ctx.knownLogFields.has(k) && !new RegExp(`\\b${k.replace(/\$/g, '\\$')}\\b`).test(removedText));
        if (fresh.length) out.push({ path: file.path, line: added.line, detail: `new log field(s) ${fresh.join(', ')}` });
      }
      const errorClass = ERROR_CLASS.exec(added.text);
      if (errorClass) out.push({ path: file.path, line: added.line, detail: `new error class ${errorClass[1]} (${errorClass[2] ?? errorClass[3]})` });
    });
  }
  return out;
}

/** Outbound network calls (boundaries scanner) on added lines outside the Integrator's client folders → Integrator. */
function integratorEvidence(facts: DiffFacts, ctx: RuleContext): Evidence[] {
  const out: Evidence[] = [];
  for (const file of live(facts)) {
    if (!isSource(file.path) || matchGlobList(ctx.clientGlobs, file.path)) continue;
    const added = new Set((facts.added[file.path] ?? []).map((a) => a.line));
    // Untracked files are all added lines, so their text is at hand; others come read by the caller.
    const calls =
      ctx.networkCalls?.[file.path] ??
      (file.status === 'untracked' ? networkCallsIn(file.path, (facts.added[file.path] ?? []).map((a) => a.text).join('\n')) : []);
    for (const call of calls) {
      if (added.has(call.line))
        out.push({
          path: file.path,
          line: call.line,
          detail: `outbound call ${call.callee}${call.module === 'global' ? '' : ` (${call.module})`} outside ${ctx.clientGlobs.join(', ')}`,
          call: call.callee,
        });
    }
  }
  return out;
}

/** The diff rule of each role; a role without one is never proposed. */
const SUGGESTION_RULES: Readonly<Record<string, (facts: DiffFacts, ctx: RuleContext) => Evidence[]>> = {
  verifier: verifierEvidence,
  releaser: releaserEvidence,
  observer: observerEvidence,
  integrator: integratorEvidence,
};

/** Propose the roles the HANDOFF phase names whose rule finds evidence in the diff. */
export function suggestHandoffs(named: readonly NamedRole[], facts: DiffFacts, ctx: RuleContext): Suggestion[] {
  const out: Suggestion[] = [];
  for (const role of named) {
    const rule = SUGGESTION_RULES[role.id];
    const evidence = rule ? rule(facts, ctx) : [];
    if (evidence.length) out.push({ to: role.id, reason: role.bullet, evidence });
  }
  return out;
}
