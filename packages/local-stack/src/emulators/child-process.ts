import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { waitUntil } from '../net/wait-until.js';

export interface ManagedChild {
  readonly process: ChildProcess;
  /** The last lines the child printed, for error messages. */
  output(): string;
  /** Resolves with the exit code once the child is gone. */
  readonly exited: Promise<number | null>;
  /** Closes the child's stdin (its signal to exit), then escalates to SIGTERM and SIGKILL. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a child that watches its stdin and exits when it closes: if this process dies,
 * even by SIGKILL, the pipe closes and the child follows, so nothing is left behind.
 */
export function spawnManaged(command: string, args: readonly string[], options: SpawnOptions = {}): ManagedChild {
  const child = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', reject);
  });
  exited.catch(() => undefined);

  return {
    process: child,
    output: () => lines.join('\n'),
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin?.end();
      const gone = exited.then(
        () => true,
        () => true,
      );
      const timeout = (ms: number) => new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref());
      if (await Promise.race([gone, timeout(graceMs)])) return;
      child.kill('SIGTERM');
      if (await Promise.race([gone, timeout(2_000)])) return;
      child.kill('SIGKILL');
      await once(child, 'exit').catch(() => undefined);
    },
  };
}

/**
 * Waits until `probe` says the child serves; fails at once, with what it printed, if it exits
 * first, and stops it if it never becomes ready.
 */
/** A JVM or Node child on a busy two-core machine can take this long to serve. */
const READY_TIMEOUT_MS = 60_000;

export async function waitUntilServing(child: ManagedChild, what: string, probe: () => Promise<boolean>): Promise<void> {
  let exitedEarly = false;
  void child.exited.then(
    () => (exitedEarly = true),
    () => (exitedEarly = true),
  );
  try {
    await waitUntil(
      what,
      async () => {
        if (exitedEarly) throw new Error(`it exited during start-up:\n${child.output()}`);
        return probe();
      },
      READY_TIMEOUT_MS,
    );
  } catch (error) {
    await child.stop(1_000);
    throw error;
  }
}
