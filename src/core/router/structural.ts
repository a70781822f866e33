import type { Diagnostic } from '../diagnostics.js';

/**
 * Routing refuses a capsule only for problems of its form, never for judgement calls: a capsule
 * without a Goal, Required Outputs or Acceptance Criteria has nothing to route; one whose paths
 * leave the workspace or name forbidden files cannot be given to any agent safely; one without a
 * usable title cannot be logged. Vague criteria or outputs, missing context files, an oversized
 * capsule and the like are warnings that travel with the decision and the prompt; the capsules gate
 * still fails on them at `check`/`capsule done`.
 */
const ALWAYS_STRUCTURAL = new Set([
  'CAPSULE_SECTION_DUPLICATE',
  'CAPSULE_TITLE_MISSING',
  'CAPSULE_TITLE_FORMAT',
  'CAPSULE_OUTPUT_OUTSIDE_ROOT',
  'CAPSULE_CONTEXT_OUTSIDE_ROOT',
  'CAPSULE_CONTEXT_FORBIDDEN',
]);

const SECTION_CODES = new Set(['CAPSULE_SECTION_MISSING', 'CAPSULE_SECTION_EMPTY', 'CAPSULE_SECTION_NOT_A_LIST']);

/** Sections without which there is nothing to route; Allowed Context and Router Notes may be thin. */
const ROUTING_SECTIONS = /^(?:goal|required outputs|acceptance criteria)$/i;

function isStructural(diagnostic: Diagnostic): boolean {
  if (diagnostic.severity !== 'error') return false;
  if (ALWAYS_STRUCTURAL.has(diagnostic.code)) return true;
  if (!SECTION_CODES.has(diagnostic.code)) return false;
  const title = /"## ([^"]+)"/.exec(diagnostic.message)?.[1];
  return title === undefined || ROUTING_SECTIONS.test(title.trim());
}

interface SplitValidation {
  /** Structural errors: any one refuses routing. */
  blocking: Diagnostic[];
  /** Everything else, as warnings for the decision and the prompt. */
  warnings: Diagnostic[];
}

export function splitValidation(validation: readonly Diagnostic[]): SplitValidation {
  const blocking: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  for (const d of validation) {
    if (isStructural(d)) blocking.push(d);
    else if (d.severity === 'error' || d.severity === 'warning') warnings.push(d.severity === 'error' ? { ...d, severity: 'warning' } : d);
  }
  return { blocking, warnings };
}
