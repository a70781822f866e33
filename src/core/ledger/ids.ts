/**
 * Decision ids are `D-` plus at least four digits. The width only grows (D-9999 → D-10000), so ids
 * compare by number, never as strings.
 */
const EXACT = /^D-(\d{4,})$/;

/** The number of a well-formed id, or undefined. */
export function decisionNumber(id: string): number | undefined {
  const match = EXACT.exec(id.trim());
  return match ? Number(match[1]) : undefined;
}

export function isDecisionId(id: string): boolean {
  return decisionNumber(id) !== undefined;
}

export function formatDecisionId(n: number): string {
  return `D-${String(n).padStart(4, '0')}`;
}

export function nextDecisionId(id: string): string {
  const n = decisionNumber(id);
  if (n === undefined) throw new Error(`Not a decision id: ${id}`);
  return formatDecisionId(n + 1);
}

/** Compare ids numerically (D-9999 < D-10000). */
export function compareDecisionIds(a: string, b: string): number {
  return (decisionNumber(a) ?? -1) - (decisionNumber(b) ?? -1);
}
