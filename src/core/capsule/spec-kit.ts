import { listItems, sectionsAt, type MdLine, type MdSection } from '../markdown/sections.js';

/**
 * What spec-kit documents say, read as written: requirements, success criteria, edge cases, open
 * questions and the paths a plan or task list names. `capsule from-spec` assembles a capsule from it.
 */

/** Template placeholders such as `[FEATURE NAME]`, `$ARGUMENTS`, `[Business metric, e.g., "… [X] …"]`. */
function withoutPlaceholders(text: string): string {
  let out = text.replace(/\$ARGUMENTS|NEEDS CLARIFICATION/g, ' ');
  // Innermost brackets first, so nested placeholders go too.
  for (let before = ''; before !== out;) {
    before = out;
    out = out.replace(/\[[^[\]]*\]/g, ' ');
  }
  return out;
}

/** Still holds a template slot such as `[boundary condition]` (open questions and links aside). */
function hasTemplateSlot(text: string): boolean {
  return /\[[^\]]*\](?!\()/.test(text.replace(/\[NEEDS CLARIFICATION[^\]]*\]/gi, ' ').replace(/^\[[ xX]\]\s+/, ''));
}

/** True when nothing but placeholders, markup and filler words remains. */
export function isPlaceholder(text: string): boolean {
  const rest = withoutPlaceholders(text)
    .replace(/\*\*|__|[*_`"“”:.,;()?-]/g, ' ')
    .replace(/\b(?:given|when|then|and|e\.?g|user description|as needed)\b/gi, ' ')
    .trim();
  return rest === '';
}

/** Bold markers and comments go; code spans (`.sentinel/context/**`) are kept as written. */
export const stripMarkup = (text: string): string =>
  text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/\*\*|__/g, '')))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

export function h2(lines: MdLine[], pattern: RegExp): MdSection | undefined {
  return sectionsAt(lines, 2).find((s) => pattern.test(s.title));
}

/** A section at any level (## or ###) whose title matches. */
function anySection(lines: MdLine[], pattern: RegExp): MdSection | undefined {
  return [2, 3, 4].flatMap((level) => sectionsAt(lines, level)).find((s) => pattern.test(s.title));
}

/** The top-level list items of a section, markup stripped, placeholders left out. */
export function sectionItems(lines: MdLine[], pattern: RegExp): { text: string; line: number }[] {
  const section = anySection(lines, pattern);
  if (!section) return [];
  return listItems(section.body)
    .filter((i) => i.indent === 0)
    .map((i) => ({ text: stripMarkup(i.text).replace(/^\[[ xX]\]\s+/, ''), line: i.line }))
    .filter((i) => i.text && !isPlaceholder(i.text) && !hasTemplateSlot(i.text));
}

const REQUIREMENT = /^(FR-\d+)\s*:?\s*(.*)$/i;
// "System MUST [capability]" is the template speaking, not the spec.
const TEMPLATE_WORDS = /\b(?:system|users?|must|should|be able to|FR-\d+)\b/gi;

/** Every `FR-###` statement of the spec, as written with its id ("FR-001: System MUST …"). */
export function functionalRequirements(spec: MdLine[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const item of listItems(spec)) {
    const text = stripMarkup(item.text);
    const match = REQUIREMENT.exec(text);
    if (!match) continue;
    const statement = match[2]!.trim();
    if (!statement || hasTemplateSlot(statement) || isPlaceholder(withoutPlaceholders(statement).replace(TEMPLATE_WORDS, ' '))) continue;
    out.push({ text: `${match[1]!.toUpperCase()}: ${statement}`, line: item.line });
  }
  return out;
}

/** Every item of "Success Criteria" (its "Measurable Outcomes"), as written with its id. */
export function successCriteria(spec: MdLine[]): { text: string; line: number }[] {
  const section = h2(spec, /success criteria/i);
  if (!section) return [];
  return listItems(section.body)
    .map((i) => ({ text: stripMarkup(i.text).replace(/^(SC-\d+)\s*:?\s*/i, (_m, id: string) => `${id.toUpperCase()}: `), line: i.line }))
    .filter((i) => !isPlaceholder(i.text.replace(/^SC-\d+:\s*/i, '')) && !hasTemplateSlot(i.text));
}

export const edgeCases = (spec: MdLine[]): { text: string; line: number }[] => sectionItems(spec, /^edge cases\b/i);

interface OpenQuestion {
  question: string;
  line: number;
}

const CLARIFICATION = /\[NEEDS CLARIFICATION:?\s*([^\]]*)\]/gi;

/** The spec's `[NEEDS CLARIFICATION: …]` markers, outside code fences and HTML comments. */
export function openQuestions(lines: MdLine[]): OpenQuestion[] {
  const out: OpenQuestion[] = [];
  let inComment = false;
  for (const line of lines) {
    if (line.inFence) continue;
    let text = line.text;
    if (inComment) {
      const end = text.indexOf('-->');
      if (end < 0) continue;
      text = text.slice(end + 3);
      inComment = false;
    }
    text = text.replace(/<!--[\s\S]*?-->/g, ' ');
    const open = text.indexOf('<!--');
    if (open >= 0) {
      text = text.slice(0, open);
      inComment = true;
    }
    for (const m of text.matchAll(CLARIFICATION)) out.push({ question: m[1]!.trim(), line: line.line });
  }
  return out;
}

/** Sections whose backticked paths are what the plan reads or checks against, not what it makes. */
const NOT_OUTPUTS = /allowed context|technical context|constitution|complexity|references?|research|dependencies|router notes|non-goals|out of scope/i;

/**
 * Backticked paths of a plan or task list, outside the sections above and code fences: `src/a.ts`,
 * `docs/`. A word without a slash or an extension (`README`, `pnpm -C x`) is not a path.
 */
export function backtickedPaths(lines: MdLine[], clean: (token: string) => string | undefined): { path: string; line: number }[] {
  const out: { path: string; line: number }[] = [];
  let skip = false;
  for (const line of lines) {
    const heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(line.inFence ? '' : line.text);
    if (heading) {
      skip = NOT_OUTPUTS.test(heading[1]!);
      continue;
    }
    if (skip || line.inFence) continue;
    for (const m of line.text.matchAll(/`([^`\s]+)`/g)) {
      const path = clean(m[1]!);
      if (path && !out.some((o) => o.path === path)) out.push({ path, line: line.line });
    }
  }
  return out;
}
