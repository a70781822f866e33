// Types for faults.mjs, so the TypeScript e2e test can import it.
export interface Fault {
  id: string;
  title: string;
  file: string;
  gate: string;
  code: string;
  reportedAt?: string;
  mentions?: string;
  slow?: boolean;
  needsLogs?: boolean;
  plant: (root: string) => void;
}
export interface ReportDiagnostic {
  severity: string;
  code: string;
  message: string;
  path?: string;
  line?: number;
  fix?: string;
}
export interface CheckReport {
  gates: { gate: string; status: string; summary: string; diagnostics: ReportDiagnostic[] }[];
}
export interface FaultMatch {
  fault: Fault;
  gateStatus: string;
  diagnostic: ReportDiagnostic | undefined;
  caught: boolean;
}
export declare const ACTIVE_CAPSULE: string;
export declare const FAULTS: Fault[];
export declare function plantFaults(root: string, options?: { skipSlow?: boolean }): Fault[];
export declare function matchFaults(report: CheckReport, faults: Fault[]): FaultMatch[];
