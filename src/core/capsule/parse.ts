import { error, warning } from '../diagnostics.js';
import { bodyText, isBodyEmpty, listItems, sectionsAt, toLines, type MdLine, type MdSection } from '../markdown/sections.js';
import { toPosix } from '../workspace/paths.js';
import type { Capsule, CapsuleItem, CapsulePathItem, RouterNotes } from './types.js';
import { OPTIONAL_SECTIONS, REQUIRED_SECTIONS } from './types.js';

const TITLE = /^#\s+Capsule:?\s+([A-Za-z0-9][A-Za-z0-9._-]*)@([0-9a-fA-F]{8})\b\s*(?:[—–:-]\s*)?(.*)$/;
const PROVENANCE = /<!--\s*(.*?(?:ProducedBy|RulesHash|Decision)=.*?)\s*-->/;
const CREATED_BY = /\b(?:to be )?created by (?:the )?([A-Za-z][\w-]*)/i;

/** Well-known files without an extension that are still concrete paths. */
export const BARE_FILES =
  /^(?:Dockerfile|Makefile|Procfile|Jenkinsfile|Gemfile|Rakefile|Vagrantfile|Containerfile|LICENSE|README|CHANGELOG|CODEOWNERS|\.[\w.-]+)$/;
/** A backticked token that names a file or folder: no spaces, not a flag or URL, has a slash or an extension. */
const EMBEDDED_PATH = /`([^`\s-][^`\s]*(?:\/|\.[A-Za-z0-9]{1,10})[^`\s]*)`/;

/**
 * Split `path note` / `` `path` note `` / `path — note` / `path (note)` into its parts. An item
 * that starts with prose but names a backticked path ("Capsule template at `a/capsule.md` seeded
 * with …") takes that path, and the whole text becomes its note.
 */
export function splitPathItem(text: string): { path: string; note?: string } {
  const trimmed = text.trim();
  const leading = /^([A-Za-z][\w-]*)\s/.exec(trimmed)?.[1];
  const embedded = leading && !BARE_FILES.test(leading) ? EMBEDDED_PATH.exec(trimmed) : null;
  if (embedded && !embedded[1]!.includes('://')) return { path: toPosix(embedded[1]!.replace(/[,;:]$/, '')), note: trimmed };
  let path: string;
  let rest: string;
  const ticked = /^`([^`]+)`(.*)$/.exec(trimmed);
  if (ticked) {
    path = ticked[1]!.trim();
    rest = ticked[2]!;
  } else {
    const match = /^(\S+)(.*)$/.exec(trimmed);
    path = match ? match[1]! : trimmed;
    rest = match ? match[2]! : '';
  }
  path = toPosix(path.replace(/[,;:]$/, ''));
  let note = rest
    .trim()
    .replace(/^[—–:-]+\s*/, '')
    .trim();
  if (/^\(.*\)$/.test(note)) note = note.slice(1, -1).trim();
  return note ? { path, note } : { path };
}

function toItems(section: MdSection | undefined): CapsuleItem[] {
  if (!section) return [];
  return listItems(section.body).map((item) => ({ text: item.text, line: item.line }));
}

function toPathItems(section: MdSection | undefined): CapsulePathItem[] {
  return toItems(section).map((item) => {
    const { path, note } = splitPathItem(item.text);
    const out: CapsulePathItem = { ...item, path };
    if (note !== undefined) {
      out.note = note;
      const creator = CREATED_BY.exec(note);
      if (creator) out.createdBy = creator[1]!.toLowerCase();
    }
    return out;
  });
}

function parseRouterNotes(section: MdSection | undefined): RouterNotes {
  const items = toItems(section);
  const notes: RouterNotes = { items };
  const candidates: CapsuleItem[] = [...items];
  // Router Notes may also be plain `Key: value` lines rather than a list.
  if (section) {
    for (const line of section.body) {
      if (!line.inFence && /^\s*[A-Za-z][\w -]*:\s*\S/.test(line.text) && !items.some((i) => i.line === line.line)) {
        candidates.push({ text: line.text.trim(), line: line.line });
      }
    }
  }
  for (const item of candidates) {
    const kv = /^(?:\*\*)?([A-Za-z][\w -]*?)(?:\*\*)?\s*:\s*(.+)$/.exec(item.text.replace(/`/g, ''));
    if (!kv) continue;
    const key = kv[1]!.trim().toLowerCase();
    const value = kv[2]!.trim();
    if ((key === 'lead' || key === 'preferred lead' || key === 'lead agent' || key === 'route to') && notes.lead === undefined) {
      notes.lead = value.split(/[\s,(]/)[0]!.toLowerCase();
      notes.leadLine = item.line;
    } else if (key === 'parent' && notes.parent === undefined) {
      notes.parent = value.split(/\s/)[0]!;
    } else if (key === 'decision' && notes.decision === undefined) {
      const id = /D-\d{4,}/.exec(value);
      if (id) notes.decision = id[0];
    }
  }
  return notes;
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const match = /^(.*?[.!?])(\s|$)/.exec(flat);
  const sentence = match ? match[1]! : flat;
  return sentence.length > 80 ? `${sentence.slice(0, 77)}...` : sentence;
}

/** Parse capsule.md text. Never throws: problems become diagnostics with line numbers. */
export function parseCapsule(text: string, file?: string): Capsule {
  const lines: MdLine[] = toLines(text);
  const where = (line?: number) => ({ ...(file ? { path: file } : {}), ...(line ? { line } : {}) });
  const diagnostics: Capsule['diagnostics'] = [];

  let provenance: Capsule['provenance'];
  let titleMatch: RegExpExecArray | undefined;
  let titleLine: number | undefined;
  for (const line of lines) {
    if (line.inFence) continue;
    if (!provenance) {
      const prov = PROVENANCE.exec(line.text);
      if (prov) {
        const fields: Record<string, string> = {};
        for (const pair of prov[1]!.matchAll(/([A-Za-z]+)=(\S+)/g)) fields[pair[1]!] = pair[2]!;
        provenance = { raw: prov[1]!, fields, line: line.line };
      }
    }
    if (/^#\s/.test(line.text)) {
      titleMatch = TITLE.exec(line.text.trim()) ?? undefined;
      titleLine = line.line;
      if (!titleMatch) {
        diagnostics.push(
          warning('CAPSULE_TITLE_FORMAT', `Title "${line.text.trim()}" is not "# Capsule <slug>@<hash8>"`, {
            ...where(line.line),
            fix: 'Start the capsule with "# Capsule <slug>@<first 8 hex of sha256>" (`sentinel capsule new` writes it)',
          }),
        );
      }
      break;
    }
  }

  const sections = sectionsAt(lines, 2);
  const byKey = new Map<string, MdSection>();
  const known = new Set<string>([...REQUIRED_SECTIONS, ...OPTIONAL_SECTIONS]);
  for (const section of sections) {
    const key = section.key === 'non goals' ? 'non-goals' : section.key;
    if (byKey.has(key)) {
      diagnostics.push(
        error('CAPSULE_SECTION_DUPLICATE', `Section "## ${section.title}" appears twice (first at line ${byKey.get(key)!.line})`, {
          ...where(section.line),
          fix: 'Merge the two sections into one',
        }),
      );
      continue;
    }
    byKey.set(key, section);
  }

  const goalSection = byKey.get('goal');
  const goal = goalSection
    ? bodyText(goalSection.body.filter((l) => !l.inFence))
        .replace(/<!--[\s\S]*?-->/g, '')
        .trim()
    : '';
  const info: Capsule['sections'] = {};
  for (const [key, section] of byKey) {
    if (known.has(key)) info[key] = { title: section.title, line: section.line, empty: isBodyEmpty(section.body) };
  }

  const capsule: Capsule = {
    title: titleMatch?.[3]?.trim() || firstSentence(goal),
    goal,
    requiredOutputs: toPathItems(byKey.get('required outputs')),
    acceptanceCriteria: toItems(byKey.get('acceptance criteria')),
    allowedContext: toPathItems(byKey.get('allowed context')),
    routerNotes: parseRouterNotes(byKey.get('router notes')),
    dependencies: toItems(byKey.get('dependencies')),
    nonGoals: toItems(byKey.get('non-goals')),
    contextBudget: toItems(byKey.get('context budget')),
    sections: info,
    lineCount: lines.length && lines[lines.length - 1]!.text === '' ? lines.length - 1 : lines.length,
    text: lines.map((l) => l.text).join('\n'),
    diagnostics,
  };
  if (file) capsule.file = file;
  if (goalSection) capsule.goalLine = goalSection.line;
  if (titleLine) capsule.titleLine = titleLine;
  if (provenance) capsule.provenance = provenance;
  if (titleMatch) {
    capsule.slug = titleMatch[1]!;
    capsule.hash = titleMatch[2]!.toLowerCase();
    capsule.id = `${capsule.slug}@${capsule.hash}`;
  }
  return capsule;
}
