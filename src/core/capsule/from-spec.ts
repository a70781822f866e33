import { specSourceNote } from './boilerplate.js';
import path from 'node:path';
import { info, warning, type Diagnostic } from '../diagnostics.js';
import { listItems, sectionsAt, toLines, type MdLine, type MdSection } from '../markdown/sections.js';
import { normalizeText } from '../workspace/fs.js';
import { classifyCriterion } from './acceptance.js';
import { hash8, type CapsuleDraft } from './generate.js';

/** The three spec-kit documents of one feature folder (plan and tasks may be missing). */
export interface SpecSources {
  /** Workspace-relative folder, POSIX. */
  dir: string;
  spec: string;
  plan?: string;
  tasks?: string;
  /** Names of the files present in the folder (for Allowed Context). */
  present: string[];
}

/** Documents spec-kit keeps beside spec.md; they are context, never outputs. */
const FEATURE_DOCS = ['spec.md', 'plan.md', 'tasks.md', 'research.md', 'data-model.md', 'quickstart.md', 'contracts'];

/** Template placeholders such as `[FEATURE NAME]`, `$ARGUMENTS`, `[Describe …]`. */
const PLACEHOLDER = /\[[^\]]*\]|\$ARGUMENTS|NEEDS CLARIFICATION/g;
const STOCK_PATH_PARAM = /\[(?:#+[^\]]*|name|entity\d*|service|location|file|endpoint|feature[^\]]*|language|framework|title|model|component)\]/i;

/** True when nothing but placeholders, markup and filler words remains. */
export function isPlaceholder(text: string): boolean {
  const rest = text
    .replace(PLACEHOLDER, ' ')
    .replace(/\*\*|__|[*_`"“”:.,;()-]/g, ' ')
    .replace(/\b(?:given|when|then|and|e\.?g|user description|as needed)\b/gi, ' ')
    .trim();
  return rest === '';
}

const stripMarkup = (text: string): string =>
  text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function h2(lines: MdLine[], pattern: RegExp): MdSection | undefined {
  return sectionsAt(lines, 2).find((s) => pattern.test(s.title));
}

function paragraphs(body: MdLine[]): string[] {
  const text = body
    .filter((l) => !l.inFence && !/^\s*([-*+]|\d+[.)])\s/.test(l.text) && !/^\s*#/.test(l.text) && !/^\s*\*\*[^*]+\*\*\s*:/.test(l.text))
    .map((l) => l.text)
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, '');
  return text
    .split(/\n\s*\n|^---$/m)
    .map(stripMarkup)
    .filter((p) => p && !isPlaceholder(p) && p !== '---');
}

/** Feature title from `# Feature Specification: <name>`. */
function featureTitle(lines: MdLine[]): string | undefined {
  const heading = lines.find((l) => !l.inFence && /^#\s/.test(l.text));
  const name = heading?.text.replace(/^#\s+(?:Feature Specification|Feature|Specification)\s*:?\s*/i, '').trim();
  return name && !isPlaceholder(name) ? name : undefined;
}

/**
 * The goal: an explicit Goal/Summary section, else the primary (first) user story, else the
 * `**Input**: User description: "…"` line, else the feature title.
 */
function findGoal(spec: MdLine[], plan: MdLine[] | undefined, title: string | undefined, dir: string): string {
  const explicit = h2(spec, /^(goal|summary|feature summary|overview)\b/i) ?? (plan ? h2(plan, /^summary\b/i) : undefined);
  const fromExplicit = explicit ? paragraphs(explicit.body)[0] : undefined;
  if (fromExplicit) return fromExplicit;
  const scenarios = h2(spec, /user scenarios/i);
  if (scenarios) {
    const stories = sectionsAt(scenarios.body, 3).filter((s) => /user story|primary user/i.test(s.title));
    for (const story of stories) {
      const text = paragraphs(story.body)[0];
      if (text) return text;
    }
  }
  const input = spec.find((l) => /^\*\*Input\*\*\s*:/i.test(l.text.trim()));
  const described = input ? /"(.+)"/.exec(input.text)?.[1] ?? input.text.replace(/^\s*\*\*Input\*\*\s*:\s*(User description:\s*)?/i, '') : undefined;
  if (described && !isPlaceholder(described)) return stripMarkup(described);
  return title ? `Deliver the feature "${title}" as specified in ${dir}/spec.md` : `Deliver the feature specified in ${dir}/spec.md`;
}

function cleanPathToken(token: string): string | undefined {
  const bare = token.replace(/^[`'"(]+|[`'"),;:.]+$/g, '');
  if (!bare || bare.startsWith('/') || bare.includes('://') || STOCK_PATH_PARAM.test(bare)) return undefined;
  const hasExt = /\.[A-Za-z0-9]{1,10}$/.test(bare);
  if (bare.includes('/') ? hasExt || bare.endsWith('/') : hasExt && /^[\w.-]+$/.test(bare) && /[a-z]/i.test(bare.replace(/\.[^.]+$/, ''))) {
    if (/^\d+(\.\d+)+$/.test(bare) || /^(e\.g|i\.e|etc)\.?$/i.test(bare)) return undefined;
    return bare.replace(/^\.\//, '');
  }
  return undefined;
}

export interface SpecTask {
  id: string;
  text: string;
  line: number;
  paths: string[];
  isTest: boolean;
}

/** `- [ ] T012 [P] [US1] Contract test POST /api/users in tests/contract/test_users_post.py`. */
export function parseTasks(text: string): SpecTask[] {
  const out: SpecTask[] = [];
  for (const line of toLines(text)) {
    if (line.inFence) continue;
    const match = /^\s*[-*]\s+(?:\[[ xX]\]\s+)?(T\d{2,}|TXXX)\b\s*(.*)$/.exec(line.text);
    if (!match) continue;
    const description = match[2]!.replace(/^(?:\[[^\]]*\]\s*)+/, '').trim();
    const paths = description.split(/\s+/).map(cleanPathToken).filter((p): p is string => p !== undefined);
    out.push({ id: match[1]!, text: description, line: line.line, paths, isTest: /\btests?\b/i.test(description) });
  }
  return out;
}

/** Folders of the plan's source tree (`src/`, `├── models/` …), skipping the Documentation tree. */
export function planStructure(text: string): string[] {
  const lines = toLines(text);
  const structure = h2(lines, /project structure|source code/i);
  if (!structure) return [];
  const out: string[] = [];
  let skip = false;
  let stack: string[] = [];
  for (const line of structure.body) {
    const heading = /^\s*###\s+(.*)$/.exec(line.text);
    if (heading) {
      skip = /documentation/i.test(heading[1]!);
      continue;
    }
    if (skip || !line.inFence || /^\s*(`{3,}|~{3,})/.test(line.text)) {
      if (/^\s*(`{3,}|~{3,})/.test(line.text)) stack = [];
      continue;
    }
    const match = /^((?:[│|]\s{3}|\s{4})*)(?:[├└]──\s*)?([^\s#]+\/)\s*(?:#.*)?$/.exec(line.text.replace(/\t/g, '    '));
    if (!match || STOCK_PATH_PARAM.test(match[2]!) || /^\[/.test(match[2]!)) continue;
    const depth = /[├└]/.test(line.text) ? match[1]!.length / 4 + 1 : 0;
    stack = [...stack.slice(0, depth), match[2]!.replace(/\/$/, '')];
    out.push(`${stack.join('/')}/`);
  }
  // Keep the leaves: `src/models/` says more than `src/`.
  return out.filter((p) => !out.some((other) => other !== p && other.startsWith(p)));
}

function acceptanceScenarios(spec: MdLine[]): string[] {
  const out: string[] = [];
  for (const item of listItems(spec)) {
    const text = stripMarkup(item.text);
    if (/^given\b/i.test(text) && /\bthen\b/i.test(text) && !isPlaceholder(text)) out.push(text);
  }
  return out;
}

function successCriteria(spec: MdLine[]): string[] {
  const section = h2(spec, /success criteria/i);
  if (!section) return [];
  return listItems(section.body)
    .map((i) => stripMarkup(i.text))
    .filter((t) => !isPlaceholder(t.replace(/^SC-\d+\s*:/i, '')));
}

export interface SpecCapsule {
  draft: CapsuleDraft;
  /** What was left out and why (unverifiable criteria, missing documents…). */
  diagnostics: Diagnostic[];
}

/** Build a capsule draft from spec-kit documents; the id hashes spec.md + plan.md + tasks.md. */
export function draftFromSpec(sources: SpecSources, slug: string): SpecCapsule {
  const spec = normalizeText(sources.spec);
  const plan = sources.plan === undefined ? undefined : normalizeText(sources.plan);
  const tasksText = sources.tasks === undefined ? undefined : normalizeText(sources.tasks);
  const diagnostics: Diagnostic[] = [];
  const at = (file: string, line?: number) => ({ path: path.posix.join(sources.dir, file), ...(line ? { line } : {}) });
  if (plan === undefined) diagnostics.push(info('SPEC_PLAN_MISSING', 'No plan.md: outputs come from tasks.md only', { ...at('plan.md'), fix: 'Run /plan in spec-kit, or add plan.md' }));
  if (tasksText === undefined) diagnostics.push(warning('SPEC_TASKS_MISSING', 'No tasks.md: outputs and test criteria cannot be derived from tasks', { ...at('tasks.md'), fix: 'Run /tasks in spec-kit, or add tasks.md' }));

  const specLines = toLines(spec);
  const title = featureTitle(specLines);
  const goal = findGoal(specLines, plan === undefined ? undefined : toLines(plan), title, sources.dir);
  const tasks = tasksText === undefined ? [] : parseTasks(tasksText);
  const isFeatureDoc = (p: string) => FEATURE_DOCS.includes(p) || p.startsWith(`${sources.dir}/`) || /^specs\//.test(p);

  const outputs: string[] = [];
  for (const task of tasks) for (const p of task.paths) if (!isFeatureDoc(p) && !outputs.includes(p)) outputs.push(p);
  for (const folder of plan === undefined ? [] : planStructure(plan)) {
    if (!outputs.some((o) => o.startsWith(folder) || folder.startsWith(o))) outputs.push(folder);
  }

  const acceptance: string[] = [];
  const consider = (text: string, where: { path: string; line?: number }) => {
    if (acceptance.includes(text)) return;
    if (classifyCriterion(text).signals.length) acceptance.push(text);
    else diagnostics.push(warning('SPEC_CRITERION_SKIPPED', `Left out "${text}": it names nothing a referee can check`, { ...where, fix: 'Make it measurable in the spec (a number, a command, a status code) and regenerate' }));
  };
  for (const task of tasks.filter((t) => t.isTest && t.paths.length)) {
    const file = task.paths.find((p) => /test|spec/i.test(p)) ?? task.paths[0]!;
    consider(`\`${file}\` passes (${task.id}: ${task.text.replace(/`/g, '')})`, at('tasks.md', task.line));
  }
  for (const scenario of acceptanceScenarios(specLines)) consider(scenario, at('spec.md'));
  for (const criterion of successCriteria(specLines)) consider(criterion, at('spec.md'));
  if (acceptance.length === 0 && tasksText !== undefined) {
    acceptance.push(`every task in \`${sources.dir}/tasks.md\` is checked off (\`- [x]\`)`);
  }

  const context = FEATURE_DOCS.filter((name) => sources.present.includes(name)).map((name) => `${path.posix.join(sources.dir, name)}${name === 'contracts' ? '/' : ''}`);
  const draft: CapsuleDraft = {
    slug,
    hash: hash8(`${spec}${plan ?? ''}${tasksText ?? ''}`),
    ...(title ? { title } : {}),
    goal,
    outputs,
    acceptance,
    context,
    routerNotes: [specSourceNote(sources.dir, ['spec.md', 'plan.md', 'tasks.md'].filter((n) => sources.present.includes(n)))],
  };
  if (outputs.length === 0) {
    diagnostics.push(warning('SPEC_NO_OUTPUTS', 'No file paths found in tasks.md or the plan\'s project structure', { ...at('tasks.md'), fix: 'Name the files in the tasks ("… in src/services/orders.ts") and regenerate, or edit Required Outputs' }));
  }
  return { draft, diagnostics };
}
