import { toLines } from '../markdown/sections.js';
import { diag, error, info, warning, type Diagnostic } from '../diagnostics.js';
import { checkAllowedContext } from '../context/allowed.js';
import { describeBudget, type Budget } from '../context/budget.js';
import { isGlob, type WorkspaceView } from '../workspace/view.js';
import { normalizeRelative } from '../workspace/paths.js';
import { classifyCriterion, criterionText } from './acceptance.js';
import { BARE_FILES } from './parse.js';
import { openQuestions } from './spec-kit.js';
import { REQUIRED_SECTIONS, type Capsule, type CapsulePathItem } from './types.js';

const SECTION_TITLES: Record<(typeof REQUIRED_SECTIONS)[number], string> = {
  goal: 'Goal',
  'required outputs': 'Required Outputs',
  'acceptance criteria': 'Acceptance Criteria',
  'allowed context': 'Allowed Context',
  'router notes': 'Router Notes',
};

const SECTION_HINTS: Record<(typeof REQUIRED_SECTIONS)[number], string> = {
  goal: 'one or two sentences on what the capsule achieves',
  'required outputs': 'one `- path` item per file or folder the capsule produces',
  'acceptance criteria': 'one `- ` item per check, naming a command, test, file or observable result',
  'allowed context': 'one `- path` item per file the agent may read (`(to be created by <Role>)` for new ones)',
  'router notes': '`- Lead: <agent id>` or a note for the router',
};

/** Sections whose content must be a list, because each item is checked on its own. */
const LIST_SECTIONS = new Set(['required outputs', 'acceptance criteria', 'allowed context']);

const ENDPOINT = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\/\S*/;

interface CapsuleValidationOptions {
  /** Line budget of the capsule file (see context/budget.ts). */
  budget: Budget;
}

function isConcreteOutput(item: CapsulePathItem): boolean {
  if (ENDPOINT.test(item.text.replace(/`/g, ''))) return true;
  const p = item.path;
  if (!p || /^[[(<]/.test(p)) return false;
  return p.includes('/') || isGlob(p) || /\.[A-Za-z0-9]{1,10}$/.test(p) || /^[\w-]+\.v\d+$/.test(p) || BARE_FILES.test(p);
}

function checkSections(capsule: Capsule, where: (line?: number) => { path?: string; line?: number }): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of REQUIRED_SECTIONS) {
    const info = capsule.sections[key];
    const title = SECTION_TITLES[key];
    if (!info) {
      out.push(
        error('CAPSULE_SECTION_MISSING', `Required section "## ${title}" is missing`, {
          ...where(capsule.titleLine ?? 1),
          fix: `Add "## ${title}" with ${SECTION_HINTS[key]}`,
        }),
      );
    } else if (info.empty) {
      out.push(error('CAPSULE_SECTION_EMPTY', `Section "## ${info.title}" is empty`, { ...where(info.line), fix: `Fill it with ${SECTION_HINTS[key]}` }));
    } else if (LIST_SECTIONS.has(key)) {
      const items = key === 'required outputs' ? capsule.requiredOutputs : key === 'allowed context' ? capsule.allowedContext : capsule.acceptanceCriteria;
      if (items.length === 0) {
        out.push(
          error('CAPSULE_SECTION_NOT_A_LIST', `Section "## ${info.title}" has text but no list items`, {
            ...where(info.line),
            fix: `Write ${SECTION_HINTS[key]}`,
          }),
        );
      }
    }
  }
  return out;
}

function checkTitle(capsule: Capsule, where: (line?: number) => { path?: string; line?: number }): Diagnostic[] {
  if (capsule.id) return [];
  if (capsule.titleLine === undefined) {
    return [
      error('CAPSULE_TITLE_MISSING', 'The capsule has no "# Capsule <slug>@<hash8>" title', {
        ...where(1),
        fix: 'Add "# Capsule <slug>@<8 hex>" as the first heading (`sentinel capsule new` writes it)',
      }),
    ];
  }
  return []; // the parser already reported the malformed title; it is escalated below
}

function checkAcceptance(capsule: Capsule, where: (line?: number) => { path?: string; line?: number }): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const item of capsule.acceptanceCriteria) {
    const verdict = classifyCriterion(item.text);
    const text = criterionText(item.text);
    if (verdict.class === 'vague') {
      out.push(
        error('CAPSULE_ACCEPTANCE_VAGUE', `Acceptance criterion "${text}" is a judgement ("${verdict.vague[0]}") and names nothing to check`, {
          ...where(item.line),
          fix: `Rewrite it as a check someone can run, e.g. "${verdict.example}"`,
        }),
      );
      continue;
    }
    if (verdict.vague.length) {
      out.push(
        warning('CAPSULE_ACCEPTANCE_VAGUE', `Acceptance criterion "${text}" has a vague part ("${verdict.vague[0]}") that no check covers`, {
          ...where(item.line),
          fix: `Drop the vague words or make them measurable, e.g. "${verdict.example}"`,
        }),
      );
    }
    if (verdict.class === 'inspectable') {
      out.push(
        info('CAPSULE_ACCEPTANCE_REVIEW', `Acceptance criterion "${text}" names no command to run; it is checked by review`, {
          ...where(item.line),
          fix: 'Nothing to do; name a command or test in it if a run should prove it instead',
        }),
      );
    }
  }
  return out;
}

function checkOutputs(capsule: Capsule, view: WorkspaceView, where: (line?: number) => { path?: string; line?: number }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  for (const item of capsule.requiredOutputs) {
    if (!isConcreteOutput(item)) {
      out.push(
        error('CAPSULE_OUTPUT_VAGUE', `Required output "${item.text}" is not a path, glob or named artifact`, {
          ...where(item.line),
          fix: 'Name the file or folder, e.g. "- `server/src/routes/orders.ts`" or "- `test/orders/*.test.ts`"',
        }),
      );
      continue;
    }
    if (ENDPOINT.test(item.text.replace(/`/g, ''))) continue;
    const inside = view.inside(item.path);
    if (!inside.ok) {
      out.push(
        error('CAPSULE_OUTPUT_OUTSIDE_ROOT', `Required output ${inside.message}`, {
          ...where(item.line),
          fix: 'Outputs must lie inside the workspace; use a path relative to its root',
        }),
      );
      continue;
    }
    const key = normalizeRelative(item.path);
    const first = seen.get(key);
    if (first !== undefined) {
      out.push(
        warning('CAPSULE_OUTPUT_DUPLICATE', `Required output "${item.path}" is listed again (first at line ${first})`, {
          ...where(item.line),
          fix: `Delete line ${item.line}`,
        }),
      );
    } else seen.set(key, item.line);
  }
  return out;
}

function checkLead(capsule: Capsule, view: WorkspaceView, where: (line?: number) => { path?: string; line?: number }): Diagnostic[] {
  const lead = capsule.routerNotes.lead;
  if (!lead || view.roles.length === 0) return [];
  if (view.roles.some((r) => r.id === lead || r.name.toLowerCase() === lead)) return [];
  return [
    warning('CAPSULE_LEAD_UNKNOWN', `Router Notes name lead "${lead}", which is not in the roster`, {
      ...where(capsule.routerNotes.leadLine),
      fix: `Use one of: ${view.roles.map((r) => r.id).join(', ')}`,
    }),
  ];
}

/** A `[NEEDS CLARIFICATION: …]` marker (spec-kit's open question) anywhere: the capsule is a draft. */
function checkOpenQuestions(capsule: Capsule, where: (line?: number) => { path?: string; line?: number }): Diagnostic[] {
  return openQuestions(toLines(capsule.text)).map((q) =>
    error('CAPSULE_OPEN_QUESTION', `Open question: ${q.question || '(no text)'}`, {
      ...where(q.line),
      fix: 'Answer it (in spec.md, then `sentinel capsule from-spec` again, or here) and remove the [NEEDS CLARIFICATION] marker',
    }),
  );
}

/**
 * Validate a parsed capsule against the workspace: the parser's findings, title, required
 * sections, verifiable acceptance, concrete outputs, Allowed Context and the line budget.
 */
export function validateCapsule(capsule: Capsule, view: WorkspaceView, options: CapsuleValidationOptions): Diagnostic[] {
  const file = capsule.file;
  const where = (line?: number) => ({ ...(file ? { path: file } : {}), ...(line ? { line } : {}) });
  const out: Diagnostic[] = capsule.diagnostics.map((d) => (d.code === 'CAPSULE_TITLE_FORMAT' ? { ...d, severity: 'error' as const } : d));
  out.push(...checkTitle(capsule, where));
  out.push(...checkSections(capsule, where));
  out.push(...checkAcceptance(capsule, where));
  out.push(...checkOutputs(capsule, view, where));
  out.push(...checkAllowedContext(capsule.allowedContext, view, { ...(file ? { file } : {}), enforce: true, codePrefix: 'CAPSULE_CONTEXT' }));
  out.push(...checkLead(capsule, view, where));
  out.push(...checkOpenQuestions(capsule, where));
  if (!capsule.provenance) {
    out.push(
      diag('warning', 'CAPSULE_PROVENANCE_MISSING', 'The capsule has no provenance comment', {
        ...where(1),
        fix: 'Start the file with "<!-- ProducedBy=<AGENT> RulesHash=<AGENT>@<ver> Decision=<D-####> -->"',
      }),
    );
  }
  if (capsule.lineCount > options.budget.maxLines) {
    out.push(
      error('CAPSULE_TOO_LONG', `The capsule has ${capsule.lineCount} lines; its budget is ${options.budget.maxLines} (${describeBudget(options.budget)})`, {
        ...where(options.budget.maxLines + 1),
        fix: 'Split it into smaller capsules (link them with "Parent:" in Router Notes), or raise the budget with a context-limits override that gives a reason',
      }),
    );
  }
  return out;
}
