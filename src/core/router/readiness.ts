import type { Capsule } from '../capsule/types.js';
import { REQUIRED_SECTIONS } from '../capsule/types.js';
import { error, type Diagnostic } from '../diagnostics.js';

const MUST_HAVE_ITEMS = ['goal', 'required outputs', 'acceptance criteria', 'allowed context'] as const;

/**
 * The minimum a capsule needs before it can be routed: the parser's errors, every required
 * section present, and Goal, Required Outputs, Acceptance Criteria and Allowed Context non-empty.
 */
export function routingReadiness(capsule: Capsule): Diagnostic[] {
  const where = capsule.file ? { path: capsule.file } : {};
  const out: Diagnostic[] = capsule.diagnostics.filter((d) => d.severity === 'error');
  for (const name of REQUIRED_SECTIONS) {
    const section = capsule.sections[name];
    const title = name.replace(/\b\w/g, (c) => c.toUpperCase());
    if (!section) {
      out.push(error('CAPSULE_SECTION_MISSING', `Section "## ${title}" is missing`, { ...where, fix: `Add a "## ${title}" section` }));
    } else if (section.empty && (MUST_HAVE_ITEMS as readonly string[]).includes(name)) {
      out.push(error('CAPSULE_SECTION_EMPTY', `Section "## ${section.title}" is empty`, { ...where, line: section.line, fix: `Fill in "## ${section.title}"` }));
    }
  }
  return out;
}
