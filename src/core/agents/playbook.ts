import { headingOf, toLines } from '../markdown/sections.js';

export interface PlaybookPhase {
  /** 1-based order of the phase. */
  index: number;
  /** Upper-case phase name, e.g. ORIENT. */
  name: string;
  line: number;
  bullets: { text: string; line: number; depth: number }[];
}

export interface Playbook {
  title?: string;
  phases: PlaybookPhase[];
  notes: string[];
}

const NUMBERED = /^\s{0,3}(\d+)[).]\s+(.+?)\s*$/;
const BULLET = /^(\s*)[-*+]\s+(.*)$/;

/** Phase names are compared in upper case with spaces as underscores: `Package` ≡ `PACKAGE`. */
export const phaseKey = (name: string): string =>
  name
    .replace(/^\d+[).]?\s*/, '')
    .replace(/[:*`]/g, '')
    .trim()
    .toUpperCase()
    .replace(/\s+/g, '_');

/**
 * Parse PLAYBOOK.md: `1) ORIENT` numbered headings or `## ORIENT` headings, `-` bullets, `Notes:`.
 * When any numbered phase exists, `##` headings only separate sections ("## Checklist", "## Flow",
 * "## Escalate When" in the predecessor's playbooks): they end the current phase but are not phases.
 */
export function parsePlaybook(text: string): Playbook {
  const lines = toLines(text);
  const numberedPhases = lines.some((line) => !line.inFence && !headingOf(line) && NUMBERED.test(line.text) && !BULLET.test(line.text));
  const phases: PlaybookPhase[] = [];
  const notes: string[] = [];
  let title: string | undefined;
  let current: PlaybookPhase | undefined;
  let inNotes = false;
  for (const line of lines) {
    if (line.inFence) continue;
    const heading = headingOf(line);
    if (heading?.level === 1) {
      title = heading.title;
      continue;
    }
    const numbered = NUMBERED.exec(line.text);
    if (heading && numberedPhases && !/^notes?:?$/i.test(heading.title.trim())) {
      inNotes = false;
      current = undefined;
      continue;
    }
    const phaseTitle = heading && heading.level >= 2 ? heading.title : numbered && !BULLET.test(line.text) ? numbered[2]! : undefined;
    if (phaseTitle !== undefined) {
      if (/^notes?:?$/i.test(phaseTitle.trim())) {
        inNotes = true;
        current = undefined;
        continue;
      }
      inNotes = false;
      current = { index: phases.length + 1, name: phaseKey(phaseTitle), line: line.line, bullets: [] };
      phases.push(current);
      continue;
    }
    if (/^\s*notes?:\s*$/i.test(line.text)) {
      inNotes = true;
      current = undefined;
      continue;
    }
    const bullet = BULLET.exec(line.text);
    if (bullet) {
      const depth = Math.floor(bullet[1]!.replace(/\t/g, '    ').length / 2);
      if (inNotes) notes.push(bullet[2]!.trim());
      else current?.bullets.push({ text: bullet[2]!.trim(), line: line.line, depth });
    }
  }
  const out: Playbook = { phases, notes };
  if (title) out.title = title;
  return out;
}
