import { spawn, type ChildProcess } from 'node:child_process';
import { SENTINEL_BIN } from './cli.js';

export interface RunningUi {
  url: string;
  openUrl: string;
  port: number;
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

/** Start the built `sentinel ui --json` in `cwd` and wait for the line with its URL. */
export function startUi(cwd: string, args: string[] = [], timeoutMs = 20_000): Promise<RunningUi> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SENTINEL_BIN, 'ui', '--port', '0', '--json', ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SENTINEL_CAPSULE: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sentinel ui did not start within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sentinel ui exited with ${code}:\n${stdout}\n${stderr}`));
    });
    child.stdout!.on('data', (d) => {
      stdout += d;
      try {
        const info = JSON.parse(stdout) as { url: string; openUrl: string; port: number };
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({
          ...info,
          child,
          stderr: () => stderr,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      } catch {
        /* not the whole JSON yet */
      }
    });
  });
}
