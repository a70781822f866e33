// Types for example-copy.mjs, so the TypeScript e2e tests can import it.
export declare const REPO_ROOT: string;
export declare const EXAMPLE_DIR: string;
export declare const SENTINEL_BIN: string;
export interface RunResult {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}
export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}
export declare function git(cwd: string, args: string[]): string;
export declare function exampleFiles(): string[];
export declare function makeExampleCopy(prefix?: string): { root: string; cleanup: () => void };
export declare function run(program: string, args: string[], options?: RunOptions): Promise<RunResult>;
export declare function sentinel(cwd: string, args: string[], options?: Omit<RunOptions, 'cwd'>): Promise<RunResult>;
export declare function parseJson(result: RunResult, what: string): any;
