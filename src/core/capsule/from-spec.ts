import { specSourceNote } from './boilerplate.js';
import path from 'node:path';
import { info, warning, type Diagnostic } from '../diagnostics.js';
import { listItems, sectionsAt, toLines, type MdLine } from '../markdown/sections.js';
import { normalizeText } from '../workspace/fs.js';
import { classifyCriterion } from './acceptance.js';
import { hash8, type CapsuleDraft } from './generate.js';
import {
  backtickedPaths,
  edgeCases,
  functionalRequirements,
  h2,
  isPlaceholder,
  openQuestions,
  sectionItems,
  stripMarkup,
  successCriteria,
} from './spec-kit.js';

export { isPlaceholder };

/** The three spec-kit documents of one feature folder (plan and tasks may be missing). */
interface SpecSources {
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

const STOCK_PATH_PARAM = /\[(?:#+[^\]]*|name|entity\d*|service|location|file|endpoint|feature[^\]]*|language|framework|title|model|component)\]/i;

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
  // "# Feature Specification: X", or any other H1: the title never keeps the heading's "#".
  const name = heading?.text
    .replace(/^#+\s+/, '')
    .replace(/^(?:Feature Specification|Feature|Specification)\s*:\s*/i, '')
    .trim();
  return name && !isPlaceholder(name) ? name : undefined;
}

/** The `**Input**: User description: "…"` line, unless it is still the template's. */
function inputLine(spec: MdLine[]): string | undefined {
  const input = spec.find((l) => /^\*\*Input\*\*\s*:/i.test(l.text.trim()));
  const described = input ? (/"(.+)"/.exec(input.text)?.[1] ?? input.text.replace(/^\s*\*\*Input\*\*\s*:\s*(User description:\s*)?/i, '')) : undefined;
  return described && !isPlaceholder(described) ? stripMarkup(described) : undefined;
}

function primaryStory(spec: MdLine[]): string | undefined {
  const scenarios = h2(spec, /user scenarios/i);
  if (!scenarios) return undefined;
  for (const story of sectionsAt(scenarios.body, 3).filter((s) => /user story|primary user/i.test(s.title))) {
    const text = paragraphs(story.body)[0];
    if (text) return text;
  }
  return undefined;
}

/**
 * The goal: an explicit Goal/Summary section (spec, then plan). Without a plan, the spec's input
 * line (what was asked) followed by the primary user story; with one, the story, then the input
 * line. Else the feature title.
 */
function findGoal(spec: MdLine[], plan: MdLine[] | undefined, title: string | undefined, dir: string): string {
  const explicit = h2(spec, /^(goal|summary|feature summary|overview)\b/i) ?? (plan ? h2(plan, /^summary\b/i) : undefined);
  const fromExplicit = explicit ? paragraphs(explicit.body)[0] : undefined;
  if (fromExplicit) return fromExplicit;
  const input = inputLine(spec);
  const story = primaryStory(spec);
  const parts = plan === undefined ? [input, story] : [story ?? input];
  const goal = parts.filter((p): p is string => Boolean(p)).join('\n\n');
  if (goal) return goal;
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

interface SpecTask {
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
    const paths = description
      .split(/\s+/)
      .map(cleanPathToken)
      .filter((p): p is string => p !== undefined);
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

interface SpecCapsule {
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
  if (plan === undefined)
    diagnostics.push(
      info('SPEC_PLAN_MISSING', 'No plan.md: outputs come from tasks.md only', { ...at('plan.md'), fix: 'Run /plan in spec-kit, or add plan.md' }),
    );
  if (tasksText === undefined)
    diagnostics.push(
      warning('SPEC_TASKS_MISSING', 'No tasks.md: outputs and test criteria cannot be derived from tasks', {
        ...at('tasks.md'),
        fix: 'Run /tasks in spec-kit, or add tasks.md',
      }),
    );

  const specLines = toLines(spec);
  const title = featureTitle(specLines);
  const goal = findGoal(specLines, plan === undefined ? undefined : toLines(plan), title, sources.dir);
  const tasks = tasksText === undefined ? [] : parseTasks(tasksText);
  const isFeatureDoc = (p: string) => FEATURE_DOCS.includes(p) || p.startsWith(`${sources.dir}/`) || /^specs\//.test(p);

  const outputs: string[] = [];
  const addOutput = (p: string) => {
    if (!isFeatureDoc(p) && !outputs.includes(p)) outputs.push(p);
  };
  for (const task of tasks) task.paths.forEach(addOutput);
  const planLines = plan === undefined ? [] : toLines(plan);
  const taskLines = tasksText === undefined ? [] : toLines(tasksText);
  // Backticked paths in the task list and the plan's sections (not its context or references).
  for (const lines of [taskLines, planLines]) for (const found of backtickedPaths(lines, cleanPathToken)) addOutput(found.path);
  for (const folder of plan === undefined ? [] : planStructure(plan)) {
    if (!outputs.some((o) => o.startsWith(folder) || folder.startsWith(o))) outputs.push(folder);
  }

  // Criteria are carried as written; one that names nothing checkable is kept and reviewed (the
  // capsule check says so), never dropped: the spec is the contract.
  const acceptance: string[] = [];
  const routerNotes: string[] = [];
  const add = (text: string) => {
    if (!acceptance.includes(text)) acceptance.push(text);
  };
  for (const task of tasks.filter((t) => t.isTest && t.paths.length)) {
    const file = task.paths.find((p) => /test|spec/i.test(p)) ?? task.paths[0]!;
    add(`\`${file}\` passes (${task.id}: ${task.text.replace(/`/g, '')})`);
  }
  for (const scenario of acceptanceScenarios(specLines)) add(scenario);
  for (const requirement of functionalRequirements(specLines)) add(requirement.text);
  for (const criterion of successCriteria(specLines)) add(criterion.text);
  for (const edge of edgeCases(specLines)) {
    // A question ("What happens when …?") is a note for the lead; a statement is a criterion.
    if (!edge.text.endsWith('?') && classifyCriterion(edge.text).signals.length) add(`Edge case: ${edge.text}`);
    else routerNotes.push(`Edge case: ${edge.text}`);
  }
  // A plan or task list in the predecessor's layout names its own criteria, context and notes.
  const extraContext: string[] = [];
  for (const lines of [taskLines, planLines]) {
    sectionItems(lines, /^acceptance criteria\b/i).forEach((i) => add(i.text));
    sectionItems(lines, /^router notes\b/i).forEach((i) => routerNotes.push(i.text));
    for (const item of sectionItems(lines, /^allowed context\b/i)) {
      const entry = cleanPathToken(item.text.split(/\s+/)[0]!);
      if (entry && !extraContext.includes(entry)) extraContext.push(entry);
    }
  }
  const checkboxes = tasksText !== undefined && /^\s*[-*]\s+\[[ xX]\]\s+/m.test(tasksText);
  if (acceptance.length === 0 && checkboxes) {
    acceptance.push(`every task in \`${sources.dir}/tasks.md\` is checked off (\`- [x]\`)`);
  }

  const context = [
    ...FEATURE_DOCS.filter((name) => sources.present.includes(name)).map((name) => `${path.posix.join(sources.dir, name)}${name === 'contracts' ? '/' : ''}`),
    // A listed file the capsule makes is an output already; the rest is what the lead reads.
    ...extraContext.filter((p) => !p.startsWith(`${sources.dir}/`) && !outputs.includes(p)),
  ];
  // Every open question stays visible: carried inside its criterion, or listed on its own.
  const questions = openQuestions(specLines);
  const carried = [goal, ...acceptance, ...routerNotes].join('\n');
  const open = questions
    .filter((q) => !carried.includes(q.question))
    .map((q) => `[NEEDS CLARIFICATION: ${q.question}] (${sources.dir}/spec.md line ${q.line})`);
  if (questions.length) {
    diagnostics.push(
      warning(
        'SPEC_NEEDS_CLARIFICATION',
        `spec.md has ${questions.length} open question(s); the capsule stays a draft (not routable) until they are answered`,
        {
          ...at('spec.md', questions[0]!.line),
          fix: 'Answer each [NEEDS CLARIFICATION: …] in spec.md (spec-kit: /clarify) and regenerate',
        },
      ),
    );
  }
  const draft: CapsuleDraft = {
    slug,
    hash: hash8(`${spec}${plan ?? ''}${tasksText ?? ''}`),
    ...(title ? { title } : {}),
    goal,
    outputs,
    acceptance,
    context,
    routerNotes: [
      specSourceNote(
        sources.dir,
        ['spec.md', 'plan.md', 'tasks.md'].filter((n) => sources.present.includes(n)),
      ),
      ...routerNotes,
    ],
    ...(open.length ? { openQuestions: open } : {}),
  };
  if (outputs.length === 0) {
    diagnostics.push(
      warning('SPEC_NO_OUTPUTS', "No file paths found in tasks.md or the plan's project structure", {
        ...at('tasks.md'),
        fix: 'Name the files in the tasks ("… in src/services/orders.ts") and regenerate, or edit Required Outputs',
      }),
    );
  }
  return { draft, diagnostics };
}
