import { classifyCriterion, criterionText, type CriterionClass } from '../capsule/acceptance.js';
import type { Capsule } from '../capsule/types.js';

/** How one acceptance criterion of the capsule is to be proven, kept with each `capsule done` run. */
export interface AcceptanceEvidence {
  line: number;
  text: string;
  class: CriterionClass;
  /** `command`: a run of the command or test it names; `review`: a reviewer checks what it names; `none`: vague. */
  checkedBy: 'command' | 'review' | 'none';
}

const CHECKED_BY: Record<CriterionClass, AcceptanceEvidence['checkedBy']> = { command: 'command', inspectable: 'review', vague: 'none' };

export function acceptanceEvidence(capsule: Capsule): AcceptanceEvidence[] {
  return capsule.acceptanceCriteria.map((item) => {
    const cls = classifyCriterion(item.text).class;
    return { line: item.line, text: criterionText(item.text), class: cls, checkedBy: CHECKED_BY[cls] };
  });
}

/** `3 by command, 2 checked by review (lines 12, 14)` for the done summary. */
export function acceptanceSummary(items: readonly AcceptanceEvidence[]): string {
  const byCommand = items.filter((i) => i.checkedBy === 'command').length;
  const review = items.filter((i) => i.checkedBy === 'review');
  const vague = items.filter((i) => i.checkedBy === 'none');
  const parts = [
    `${byCommand} by command`,
    `${review.length} checked by review${review.length ? ` (line${review.length === 1 ? '' : 's'} ${review.map((i) => i.line).join(', ')})` : ''}`,
  ];
  if (vague.length) parts.push(`${vague.length} vague (line${vague.length === 1 ? '' : 's'} ${vague.map((i) => i.line).join(', ')})`);
  return parts.join(', ');
}
