import { sha256 } from '../workspace/fs.js';
import { splitPathItem } from './parse.js';
import { canonicalJson } from '../schema/canonical-json.js';
import { NO_LEAD_NOTE } from './boilerplate.js';

/** Everything a generated capsule holds; rendering it is a pure function of this. */
export interface CapsuleDraft {
  slug: string;
  /** First 8 hex of sha256 of the sources. */
  hash: string;
  /** Optional text after the id on the title line. */
  title?: string;
  goal: string;
  outputs: string[];
  acceptance: string[];
  context: string[];
  routerNotes: string[];
  dependencies?: string[];
  nonGoals?: string[];
  /** `[NEEDS CLARIFICATION: …]` markers not carried by another section: the capsule is a draft until they go. */
  openQuestions?: string[];
  /** Decision id for the provenance comment, when one exists. */
  decision?: string;
}

export const SLUG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const AUTHOR = 'CAPSULEAUTHOR';
const AUTHOR_RULES = 'CAPSULEAUTHOR@1.0';

export const hash8 = (sources: string): string => sha256(sources).slice(0, 8);

/** One line of Markdown that cannot turn into a heading, fence or list marker of its own. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.replace(/^(#|>|`{3,}|~{3,}|[-*+]\s|\d+[.)]\s)/, '\\$1');
}

/** A path item as `` `path` (note) ``; backticks keep spaces and globs intact. */
function renderPathItem(entry: string): string {
  const { path, note } = splitPathItem(oneLine(entry).replace(/^\\/, ''));
  return `\`${path}\`${note ? ` (${note})` : ''}`;
}

function section(title: string, lines: string[]): string[] {
  return [`## ${title}`, '', ...lines, ''];
}

const bullets = (items: readonly string[]): string[] => items.map((item) => `- ${item}`);

/** Render a capsule: provenance comment, title, the five required sections, optional extras. */
export function renderCapsule(draft: CapsuleDraft): string {
  const provenance = `<!-- ProducedBy=${AUTHOR} RulesHash=${AUTHOR_RULES}${draft.decision ? ` Decision=${draft.decision}` : ''} Capsule=${draft.slug}@${draft.hash} -->`;
  const title = `# Capsule ${draft.slug}@${draft.hash}${draft.title ? ` — ${oneLine(draft.title)}` : ''}`;
  const goal = draft.goal
    .split(/\n\s*\n/)
    .map(oneLine)
    .filter(Boolean)
    .join('\n\n');
  const lines = [
    provenance,
    title,
    '',
    ...section('Goal', [goal]),
    ...section('Required Outputs', bullets(draft.outputs.map(renderPathItem))),
    ...section('Acceptance Criteria', bullets(draft.acceptance.map(oneLine))),
    ...section('Allowed Context', bullets(draft.context.map(renderPathItem))),
    ...section('Router Notes', bullets(draft.routerNotes.map(oneLine))),
  ];
  if (draft.dependencies?.length) lines.push(...section('Dependencies', bullets(draft.dependencies.map(oneLine))));
  if (draft.nonGoals?.length) lines.push(...section('Non-Goals', bullets(draft.nonGoals.map(oneLine))));
  if (draft.openQuestions?.length) lines.push(...section('Open Questions', bullets(draft.openQuestions.map(oneLine))));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

interface NewCapsuleInput {
  slug: string;
  goal: string;
  outputs?: string[];
  accept?: string[];
  context?: string[];
  lead?: string;
  notes?: string[];
}

/** `sentinel capsule new`: the id hashes a canonical serialisation of the inputs. */
export function draftFromInput(input: NewCapsuleInput): CapsuleDraft {
  const clean = (list?: string[]) => (list ?? []).map((s) => s.trim()).filter(Boolean);
  const canonical = {
    slug: input.slug,
    goal: input.goal.trim(),
    outputs: clean(input.outputs),
    accept: clean(input.accept),
    context: clean(input.context),
    lead: input.lead?.trim().toLowerCase() || undefined,
    notes: clean(input.notes),
  };
  const routerNotes = [...(canonical.lead ? [`Lead: ${canonical.lead}`] : []), ...canonical.notes];
  const decision = canonical.notes.map((n) => /^decision\s*:\s*(D-\d{4,})/i.exec(n)?.[1]).find(Boolean);
  return {
    slug: input.slug,
    hash: hash8(canonicalJson(canonical)),
    goal: canonical.goal,
    outputs: canonical.outputs,
    acceptance: canonical.accept,
    context: canonical.context,
    routerNotes: routerNotes.length ? routerNotes : [NO_LEAD_NOTE],
    ...(decision ? { decision } : {}),
  };
}
