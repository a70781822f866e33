export declare const CORPORA: string;
export declare const CRITERION_LABELS: string[];
export interface CorpusCriterion { label: 'command' | 'inspectable' | 'vague'; text: string; split: string; file: string; line: number }
export interface CorpusCapsule { slug: string; text: string; split: string; lead?: string; refuse?: string; because?: string; near?: string }
export declare function loadCriteria(): CorpusCriterion[];
export declare function loadCapsules(): CorpusCapsule[];
export declare function capsuleFiles(capsules: readonly CorpusCapsule[]): Record<string, string>;
export declare function pct(n: number, d: number): string;
